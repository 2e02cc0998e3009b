"""Mutations of outreach, one file each; each file declares its own field (permission, rate limit,
description beside the resolver).
"""

from __future__ import annotations

from strawberry.types.field import StrawberryField

from api.graphql.outreach.mutations.leads_block_set import leads_block_set
from api.graphql.outreach.mutations.message_delete import message_delete
from api.graphql.outreach.mutations.message_report import message_report
from api.graphql.outreach.mutations.message_send import message_send
from api.graphql.outreach.mutations.message_update import message_update
from api.graphql.outreach.mutations.staff_thread_start import staff_thread_start
from api.graphql.outreach.mutations.thread_close import thread_close
from api.graphql.outreach.mutations.thread_mark_seen import thread_mark_seen
from api.graphql.outreach.mutations.thread_start import thread_start

MUTATIONS: list[StrawberryField] = [
    thread_start,
    staff_thread_start,
    message_send,
    message_update,
    message_delete,
    thread_mark_seen,
    thread_close,
    leads_block_set,
    message_report,
]
