"""Mutations of the notifications context, one file each; each file
declares its own field (permission, rate limit, description beside the resolver).
"""

from __future__ import annotations

from strawberry.types.field import StrawberryField

from api.graphql.notifications.mutations.notification_preferences_set import notification_preferences_set
from api.graphql.notifications.mutations.notifications_mark_read import notifications_mark_read

MUTATIONS: list[StrawberryField] = [
    notification_preferences_set,
    notifications_mark_read,
]
