"""Mutations of the notifications context, one file each."""

from __future__ import annotations

import strawberry

from api.graphql.core.permissions import IsMember
from api.graphql.notifications.mutations.notification_preferences_set import notification_preferences_set
from api.graphql.notifications.mutations.notifications_mark_read import notifications_mark_read


@strawberry.type
class NotificationMutations:
    notification_preferences_set = strawberry.mutation(
        resolver=notification_preferences_set,
        description="Change what pushes may do and what the service notices: reminders, nudges, whether leads "
        "hear of a quiet spell, quiet hours, a daily cap, a break.",
        permission_classes=[IsMember],
    )
    notifications_mark_read = strawberry.mutation(
        resolver=notifications_mark_read,
        description="Mark some of the signed-in member's notifications read.",
        permission_classes=[IsMember],
    )
