"""Mutations of the members context, one file each; each file
declares its own field (permission, rate limit, description beside the resolver).
"""

from __future__ import annotations

from strawberry.types.field import StrawberryField

from api.graphql.members.mutations.member_onboard import member_onboard
from api.graphql.members.mutations.member_update import member_update

MUTATIONS: list[StrawberryField] = [
    member_onboard,
    member_update,
]
