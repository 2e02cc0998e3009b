"""What the outreach operations need from the request (or socket) context."""

from __future__ import annotations

from api.graphql.core.context import Context, Info
from api.graphql.core.loaders import Loaders
from api.graphql.crisis.types import Signposting
from api.graphql.outreach.types import Message, Thread
from domain.outreach import Participant, Posted, ThreadServices, ThreadView
from schemas.documents.messages import MessageDocument


async def participant(info: Info) -> Participant:
    """The signed-in member acting on threads: their groups' roles are read per thread."""
    context = info.context
    member = await context.require_member()
    return Participant.of(member, context.require_identity(), now=context.clock.now())


def thread_services(context: Context) -> ThreadServices:
    runtime = context.runtime
    return ThreadServices(
        repos=runtime.repos, queue=runtime.queue, broadcaster=runtime.broadcaster, support=runtime.support
    )


def thread_of(view: ThreadView, who: Participant, loaders: Loaders) -> Thread:
    return Thread.of(view, viewer_id=who.id, language=who.member.language, loaders=loaders)


def message_of(message: MessageDocument, view: ThreadView, who: Participant, loaders: Loaders) -> Message:
    return Message.of(message, view, who.id, loaders)


def signposting_of(posted: Posted | None) -> Signposting | None:
    """The support a message's words call for (none for staff's, which are not screened)."""
    found = posted.signposting if posted is not None else None
    return Signposting.from_result(found) if found is not None else None
