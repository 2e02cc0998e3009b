"""Mutations for safeguarding staff, one file each; each file
declares its own field (permission, rate limit, description beside the resolver).
"""

from __future__ import annotations

from strawberry.types.field import StrawberryField

from api.graphql.safeguarding.mutations.alert_acknowledge import alert_acknowledge
from api.graphql.safeguarding.mutations.alert_resolve import alert_resolve
from api.graphql.safeguarding.mutations.author_reveal_approve import author_reveal_approve
from api.graphql.safeguarding.mutations.author_reveal_request import author_reveal_request

MUTATIONS: list[StrawberryField] = [
    alert_acknowledge,
    alert_resolve,
    author_reveal_request,
    author_reveal_approve,
]
