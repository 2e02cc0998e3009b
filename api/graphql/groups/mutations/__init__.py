"""Mutations of the groups context, one file each; each file
declares its own field (permission, rate limit, description beside the resolver).
"""

from __future__ import annotations

from strawberry.types.field import StrawberryField

from api.graphql.groups.mutations.co_lead_demote import co_lead_demote
from api.graphql.groups.mutations.co_lead_promote import co_lead_promote
from api.graphql.groups.mutations.group_archive import group_archive
from api.graphql.groups.mutations.group_create import group_create
from api.graphql.groups.mutations.group_join import group_join
from api.graphql.groups.mutations.group_lead_assign import group_lead_assign
from api.graphql.groups.mutations.group_leave import group_leave
from api.graphql.groups.mutations.group_local_service_attach import group_local_service_attach
from api.graphql.groups.mutations.group_local_service_detach import group_local_service_detach
from api.graphql.groups.mutations.group_quiet_policy_set import group_quiet_policy_set
from api.graphql.groups.mutations.group_schedule_set import group_schedule_set
from api.graphql.groups.mutations.group_update import group_update
from api.graphql.groups.mutations.invite_create import invite_create
from api.graphql.groups.mutations.join_request_create import join_request_create
from api.graphql.groups.mutations.join_request_decide import join_request_decide
from api.graphql.groups.mutations.lead_away_set import lead_away_set
from api.graphql.groups.mutations.leadership_transfer import leadership_transfer
from api.graphql.groups.mutations.member_remove import member_remove

MUTATIONS: list[StrawberryField] = [
    group_create,
    group_update,
    group_archive,
    group_join,
    group_leave,
    invite_create,
    join_request_create,
    join_request_decide,
    member_remove,
    co_lead_promote,
    co_lead_demote,
    leadership_transfer,
    group_lead_assign,
    lead_away_set,
    group_schedule_set,
    group_quiet_policy_set,
    group_local_service_attach,
    group_local_service_detach,
]
