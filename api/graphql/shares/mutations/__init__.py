"""Mutations of shared down days, responses and reactions, one file each; each file
declares its own field (permission, rate limit, description beside the resolver).
"""

from __future__ import annotations

from strawberry.types.field import StrawberryField

from api.graphql.shares.mutations.reaction_remove import reaction_remove
from api.graphql.shares.mutations.reaction_set import reaction_set
from api.graphql.shares.mutations.response_create import response_create
from api.graphql.shares.mutations.share_create import share_create
from api.graphql.shares.mutations.share_delete import share_delete
from api.graphql.shares.mutations.share_update import share_update

MUTATIONS: list[StrawberryField] = [
    share_create,
    share_update,
    share_delete,
    response_create,
    reaction_set,
    reaction_remove,
]
