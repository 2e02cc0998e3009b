"""Mutations of the noticing context, one file each; each file
declares its own field (permission, rate limit, description beside the resolver).
"""

from __future__ import annotations

from strawberry.types.field import StrawberryField

from api.graphql.noticing.mutations.difficult_date_add import difficult_date_add
from api.graphql.noticing.mutations.difficult_date_remove import difficult_date_remove
from api.graphql.noticing.mutations.support_request import support_request

MUTATIONS: list[StrawberryField] = [
    difficult_date_add,
    difficult_date_remove,
    support_request,
]
