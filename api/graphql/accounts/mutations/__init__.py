"""Mutations of the accounts context, one file each; each file
declares its own field (permission, rate limit, description beside the resolver).
"""

from __future__ import annotations

from strawberry.types.field import StrawberryField

from api.graphql.accounts.mutations.account_delete import account_delete
from api.graphql.accounts.mutations.account_restore import account_restore
from api.graphql.accounts.mutations.data_export_request import data_export_request

MUTATIONS: list[StrawberryField] = [
    data_export_request,
    account_delete,
    account_restore,
]
