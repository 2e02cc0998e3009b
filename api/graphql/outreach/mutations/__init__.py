"""Mutations of outreach, one file each."""

from __future__ import annotations

import strawberry

from api.graphql.outreach.mutations.leads_block_set import leads_block_set
from api.graphql.outreach.mutations.message_delete import message_delete
from api.graphql.outreach.mutations.message_report import message_report
from api.graphql.outreach.mutations.message_send import message_send
from api.graphql.outreach.mutations.message_update import message_update
from api.graphql.outreach.mutations.staff_thread_start import staff_thread_start
from api.graphql.outreach.mutations.thread_close import thread_close
from api.graphql.outreach.mutations.thread_mark_seen import thread_mark_seen
from api.graphql.outreach.mutations.thread_start import thread_start
from api.graphql.permissions import IsMember, IsSafeguarding, WritesWhatMayNeedHelp
from api.graphql.rate_limits import Bucket, RateLimited


@strawberry.type
class OutreachMutations:
    thread_start = strawberry.mutation(
        resolver=thread_start,
        description="Start a private conversation: a lead or co-lead with a member of their group (if the member "
        "allows it), or a member with their group's leads and co-leads. Where one is open, the message joins it.",
        permission_classes=[WritesWhatMayNeedHelp],
        extensions=[RateLimited(Bucket.SENSITIVE)],
    )
    staff_thread_start = strawberry.mutation(
        resolver=staff_thread_start,
        description="Safeguarding staff reach the member behind an alert or an approved break-glass reveal: a "
        "conversation between the member and the safeguarding team only. Safeguarding staff only.",
        permission_classes=[IsMember, IsSafeguarding],
        extensions=[RateLimited(Bucket.SENSITIVE)],
    )
    message_send = strawberry.mutation(
        resolver=message_send,
        description="Say something in one of the viewer's conversations (once per client key). A member's words "
        "are screened: worrying ones bring helplines in the answer.",
        permission_classes=[WritesWhatMayNeedHelp],
        extensions=[RateLimited(Bucket.SENSITIVE)],
    )
    message_update = strawberry.mutation(
        resolver=message_update,
        description="Change the words of a message the viewer sent, within 15 minutes; screened again.",
        permission_classes=[WritesWhatMayNeedHelp],
        extensions=[RateLimited(Bucket.SENSITIVE)],
    )
    message_delete = strawberry.mutation(
        resolver=message_delete,
        description="Delete a message the viewer sent, within 15 minutes: its words go for good.",
        permission_classes=[IsMember],
    )
    thread_mark_seen = strawberry.mutation(
        resolver=thread_mark_seen,
        description="The viewer's side has seen the conversation up to now.",
        permission_classes=[IsMember],
    )
    thread_close = strawberry.mutation(
        resolver=thread_close,
        description="End a conversation, from either side; the member may also block the group's leads from "
        "starting new ones.",
        permission_classes=[IsMember],
    )
    leads_block_set = strawberry.mutation(
        resolver=leads_block_set,
        description="Block (or unblock) one of the member's groups' leads from starting conversations with them.",
        permission_classes=[IsMember],
    )
    message_report = strawberry.mutation(
        resolver=message_report,
        description="Report a message in one of the viewer's conversations to the safeguarding team (never to the "
        "group's leads).",
        permission_classes=[IsMember],
        extensions=[RateLimited(Bucket.SENSITIVE)],
    )
