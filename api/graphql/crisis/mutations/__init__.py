"""Mutations of crisis support, one file each; each file
declares its own field (permission, rate limit, description beside the resolver).
"""

from __future__ import annotations

from strawberry.types.field import StrawberryField

from api.graphql.crisis.mutations.follow_up_answer import follow_up_answer

MUTATIONS: list[StrawberryField] = [
    follow_up_answer,
]
