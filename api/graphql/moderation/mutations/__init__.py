"""Mutations of moderation, one file each."""

from __future__ import annotations

import strawberry

from api.graphql.core.permissions import IsMember
from api.graphql.execution.rate_limits import Bucket, RateLimited
from api.graphql.moderation.mutations.content_moderate import content_moderate
from api.graphql.moderation.mutations.member_mute import member_mute
from api.graphql.moderation.mutations.report_create import report_create
from api.graphql.moderation.mutations.report_dismiss import report_dismiss


@strawberry.type
class ModerationMutations:
    report_create = strawberry.mutation(
        resolver=report_create,
        description="Report a share, a response or a member. The reporter is never shown to anyone but staff.",
        permission_classes=[IsMember],
        extensions=[RateLimited(Bucket.SENSITIVE)],
    )
    content_moderate = strawberry.mutation(
        resolver=content_moderate,
        description="Hide, restore or remove a share or response, with a reason kept in the moderation log. "
        "Leads and co-leads of its group, and safeguarding staff.",
        permission_classes=[IsMember],
    )
    member_mute = strawberry.mutation(
        resolver=member_mute,
        description="Pause a member's posting in a group for some hours (0 lifts it); they still read and react.",
        permission_classes=[IsMember],
    )
    report_dismiss = strawberry.mutation(
        resolver=report_dismiss,
        description="Close the reports on something that needs no action; what they hid comes back.",
        permission_classes=[IsMember],
    )
