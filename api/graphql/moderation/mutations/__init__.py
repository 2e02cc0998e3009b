"""Mutations of moderation, one file each; each file
declares its own field (permission, rate limit, description beside the resolver).
"""

from __future__ import annotations

from strawberry.types.field import StrawberryField

from api.graphql.moderation.mutations.appeal_decide import appeal_decide
from api.graphql.moderation.mutations.content_moderate import content_moderate
from api.graphql.moderation.mutations.member_mute import member_mute
from api.graphql.moderation.mutations.moderation_appeal import moderation_appeal
from api.graphql.moderation.mutations.report_create import report_create
from api.graphql.moderation.mutations.report_dismiss import report_dismiss

MUTATIONS: list[StrawberryField] = [
    report_create,
    content_moderate,
    member_mute,
    report_dismiss,
    moderation_appeal,
    appeal_decide,
]
