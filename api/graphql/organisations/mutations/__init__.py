"""Mutations of the organisations context, one file each; each file declares its own field."""

from __future__ import annotations

from strawberry.types.field import StrawberryField

from api.graphql.organisations.mutations.group_host import group_host
from api.graphql.organisations.mutations.group_unhost import group_unhost
from api.graphql.organisations.mutations.local_services_feed_set import local_services_feed_set
from api.graphql.organisations.mutations.local_services_import import local_services_import
from api.graphql.organisations.mutations.org_role_grant import org_role_grant
from api.graphql.organisations.mutations.org_role_revoke import org_role_revoke
from api.graphql.organisations.mutations.organisation_create import organisation_create
from api.graphql.organisations.mutations.organisation_text_budget_set import organisation_text_budget_set
from api.graphql.organisations.mutations.rota_shift_add import rota_shift_add
from api.graphql.organisations.mutations.rota_shift_remove import rota_shift_remove

MUTATIONS: list[StrawberryField] = [
    organisation_create,
    org_role_grant,
    org_role_revoke,
    group_host,
    group_unhost,
    rota_shift_add,
    rota_shift_remove,
    local_services_feed_set,
    local_services_import,
    organisation_text_budget_set,
]
