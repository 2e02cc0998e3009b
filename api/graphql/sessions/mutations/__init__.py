"""Mutations of sessions, one file each; each file declares its own field."""

from __future__ import annotations

from strawberry.types.field import StrawberryField

from api.graphql.sessions.mutations.attendance_mark import attendance_mark
from api.graphql.sessions.mutations.calendar_feed_issue import calendar_feed_issue
from api.graphql.sessions.mutations.calendar_feed_revoke import calendar_feed_revoke
from api.graphql.sessions.mutations.group_home_area_set import group_home_area_set
from api.graphql.sessions.mutations.session_answer import session_answer
from api.graphql.sessions.mutations.session_cancel import session_cancel
from api.graphql.sessions.mutations.session_check_in import session_check_in
from api.graphql.sessions.mutations.session_create import session_create
from api.graphql.sessions.mutations.session_update import session_update
from api.graphql.sessions.mutations.venue_create import venue_create
from api.graphql.sessions.mutations.venue_update import venue_update

MUTATIONS: list[StrawberryField] = [
    venue_create,
    venue_update,
    group_home_area_set,
    session_create,
    session_update,
    session_cancel,
    session_answer,
    session_check_in,
    attendance_mark,
    calendar_feed_issue,
    calendar_feed_revoke,
]
