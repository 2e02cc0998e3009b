"""Mutations of shared down days, responses and reactions, one file each."""

from __future__ import annotations

import strawberry

from api.graphql.core.permissions import IsMember
from api.graphql.execution.rate_limits import Bucket, RateLimited
from api.graphql.shares.mutations.reaction_remove import reaction_remove
from api.graphql.shares.mutations.reaction_set import reaction_set
from api.graphql.shares.mutations.response_create import response_create
from api.graphql.shares.mutations.share_create import share_create
from api.graphql.shares.mutations.share_delete import share_delete
from api.graphql.shares.mutations.share_update import share_update


@strawberry.type
class ShareMutations:
    share_create = strawberry.mutation(
        resolver=share_create,
        description="Share a down day with a group the member is in, anonymous unless they choose their name. "
        "Screened for crisis words before it returns.",
        permission_classes=[IsMember],
        extensions=[RateLimited(Bucket.SENSITIVE)],
    )
    share_update = strawberry.mutation(
        resolver=share_update,
        description="Change the words of the member's own share, within 15 minutes of posting.",
        permission_classes=[IsMember],
        extensions=[RateLimited(Bucket.SENSITIVE)],
    )
    share_delete = strawberry.mutation(
        resolver=share_delete,
        description="Delete the member's own share for good, with its responses and reactions.",
        permission_classes=[IsMember],
    )
    response_create = strawberry.mutation(
        resolver=response_create,
        description="Reply to a share in the member's group, anonymous unless they choose their name. "
        "Screened for crisis words before it returns.",
        permission_classes=[IsMember],
        extensions=[RateLimited(Bucket.SENSITIVE)],
    )
    reaction_set = strawberry.mutation(
        resolver=reaction_set,
        description="Give a share one of the gentle reactions (one of each kind per member).",
        permission_classes=[IsMember],
    )
    reaction_remove = strawberry.mutation(
        resolver=reaction_remove, description="Take back a reaction.", permission_classes=[IsMember]
    )
