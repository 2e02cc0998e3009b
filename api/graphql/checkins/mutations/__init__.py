"""Mutations of the check-ins context, one file each; each file
declares its own field (permission, rate limit, description beside the resolver).
"""

from __future__ import annotations

from strawberry.types.field import StrawberryField

from api.graphql.checkins.mutations.check_in_submit import check_in_submit

MUTATIONS: list[StrawberryField] = [
    check_in_submit,
]
