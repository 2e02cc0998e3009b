"""Answering a text someone sent us, inside Twilio's inbound webhook (docs/product/texting.md).

The crisis screen comes first, from memory, before anything is read or written: a worrying text
gets the nation-, age- and language-right helplines back in the same HTTP answer (TwiML), never
through the worker queue, and a high-risk one raises a safeguarding alert as in the app. Then the
text is read: a keyword (STOP, START, HELP, YES and their Welsh), or, from a confirmed member,
a check-in (idempotent on Twilio's MessageSid, with the same validation, noticing and mood rules
as the app's). Other replies count against the organisation's monthly text budget and stop at it;
helpline replies are counted and never stopped. Nothing here touches Redis, Celery or FCM.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from domain.checkins import CheckInDraft, CheckInError, submit_check_in
from domain.crisis import (
    UNKNOWN_MEMBER,
    Signposting,
    SignpostSource,
    SupportDirectory,
    SupportProfile,
    screen,
    signpost,
    support_for,
)
from domain.errors import HiddenError
from domain.notifications import budget_owner, month_of, monthly_budget, warn_if_low
from domain.texting import replies as read
from domain.texting.catalogue import ReplyKey, helplines, lines_of, reply
from infra.mongo.repositories.registry import Repositories
from infra.phones import PhoneVault, normalise
from infra.queue import TaskQueue
from infra.settings import TextSettings
from schemas.documents.members import Language, MemberDocument
from schemas.documents.safeguarding_alerts import AlertSourceKind
from schemas.documents.text_budgets import PLATFORM
from schemas.documents.text_contacts import TextContactDocument, TextStatus

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class InboundText:
    message_sid: str
    from_number: str
    body: str


@dataclass(frozen=True)
class Answer:
    """What to text back in the same conversation (TwiML), and the crisis screen's support."""

    replies: tuple[str, ...]
    signposting: Signposting


def first_support(*, directory: SupportDirectory, body: str, now: datetime) -> Answer:
    """The helplines a text calls for, from memory, before anyone is read: the answer if the rest
    cannot finish in time (the lines that serve every nation, in English).
    """
    support = support_for(directory=directory, profile=UNKNOWN_MEMBER, result=screen([body]), now=now, mood=None)
    return Answer(replies=(helplines(support, Language.EN),) if support.show_support else (), signposting=support)


@dataclass(frozen=True)
class _Sender:
    contact: TextContactDocument
    member: MemberDocument


async def answer_text(
    *,
    repos: Repositories,
    queue: TaskQueue,
    directory: SupportDirectory,
    vault: PhoneVault,
    settings: TextSettings,
    text: InboundText,
    now: datetime,
) -> Answer:
    """Screen, read and act on one inbound text; the replies to send back in the same conversation."""
    sender = await _sender(repos, vault, settings, text.from_number)
    if sender is None:  # a number we do not know still gets helplines if it needs them
        answer = first_support(directory=directory, body=text.body, now=now)
        if answer.replies:
            await repos.text_budgets.count(PLATFORM, month_of(now))
        return answer
    keyword = read.keyword_of(text.body)
    # A Welsh keyword asks for Welsh; English ones (STOP, HELP) are used by Welsh speakers too.
    welsh = keyword is not None and keyword.language is Language.CY
    language = Language.CY if welsh else sender.member.language
    check_in = read.check_in_of(text.body) if keyword is None else None
    if check_in is not None and sender.contact.status is TextStatus.ACTIVE:
        signposting = await _check_in(repos, directory, sender, text, check_in, now=now)
        words = [reply(ReplyKey.CHECK_IN_THANKS, language)]
    else:
        source = SignpostSource(kind=AlertSourceKind.TEXT_MESSAGE, id=text.message_sid)
        signposting = await signpost(
            repos=repos, directory=directory, member=sender.member, source=source, texts=[text.body], now=now
        )
        words = await _act(repos, sender, keyword, language, now=now)
        if keyword is None and signposting.show_support:
            words = []  # the helplines are the answer: not "we didn't understand"
        if keyword is not None and keyword.keyword is read.Keyword.HELP and not signposting.show_support:
            words = [" ".join([*words, _lines_for(directory, sender.member, language, now=now)])]
    owner = await budget_owner(repos, sender.contact.group_id)
    replies: list[str] = []
    if signposting.show_support:  # never stopped by the budget
        replies.append(helplines(signposting, language))
        await repos.text_budgets.count(owner, month_of(now))
    for words_ in words:
        if await _budget_allows(repos, queue, settings, owner, sender.contact.group_id, now=now):
            replies.append(words_)
    return Answer(replies=tuple(replies), signposting=signposting)


async def _sender(repos: Repositories, vault: PhoneVault, settings: TextSettings, number: str) -> _Sender | None:
    phone = normalise(number, region=settings.default_region)
    if phone is None:
        return None
    contact = await repos.text_contacts.by_phone_hash(vault.lookup_hash(phone))
    if contact is None:
        return None
    found = await repos.members.get_many([contact.id])
    if not found or found[0].deletion_requested_at is not None:
        return None
    return _Sender(contact, found[0])


async def _check_in(
    repos: Repositories,
    directory: SupportDirectory,
    sender: _Sender,
    text: InboundText,
    check_in: read.CheckInReply,
    *,
    now: datetime,
) -> Signposting:
    """A check-in for the group they were registered into; a private one if they have left it."""
    draft = CheckInDraft(
        mood=check_in.mood, idempotency_key=text.message_sid, note=check_in.note, group_id=sender.contact.group_id
    )
    try:
        submitted = await submit_check_in(repos=repos, directory=directory, member=sender.member, draft=draft, now=now)
    except (CheckInError, HiddenError):  # the group is archived or they left it: still their check-in
        private = CheckInDraft(mood=check_in.mood, idempotency_key=text.message_sid, note=check_in.note)
        submitted = await submit_check_in(
            repos=repos, directory=directory, member=sender.member, draft=private, now=now
        )
    return submitted.signposting


async def _act(
    repos: Repositories, sender: _Sender, keyword: read.KeywordReply | None, language: Language, *, now: datetime
) -> list[str]:
    """A keyword's effect and the words back; for anything else, what they can reply."""
    status = sender.contact.status
    if keyword is None:
        unread = {TextStatus.PENDING: ReplyKey.PLEASE_CONFIRM, TextStatus.ACTIVE: ReplyKey.NOT_UNDERSTOOD}
        return [reply(unread[status], language)] if status in unread else []
    if keyword.keyword is read.Keyword.HELP:
        return [reply(ReplyKey.HELP, language)]
    if status is TextStatus.ACTIVE and keyword.keyword is not read.Keyword.STOP:
        return [reply(ReplyKey.ALREADY_CONFIRMED, language)]
    key, moved_to = _KEYWORD_MOVES[(keyword.keyword, status)]
    await repos.text_contacts.set_status(sender.member.id, moved_to, now=now)
    return [] if keyword.carrier_handles else [reply(key, language)]


# (keyword, status before) -> the reply and the status after. YES confirms; START (or YES) after a
# stop texts again; STOP stops from any status.
_KEYWORD_MOVES: dict[tuple[read.Keyword, TextStatus], tuple[ReplyKey, TextStatus]] = {
    (read.Keyword.YES, TextStatus.PENDING): (ReplyKey.CONFIRMED, TextStatus.ACTIVE),
    (read.Keyword.START, TextStatus.PENDING): (ReplyKey.CONFIRMED, TextStatus.ACTIVE),
    (read.Keyword.YES, TextStatus.STOPPED): (ReplyKey.STARTED, TextStatus.ACTIVE),
    (read.Keyword.START, TextStatus.STOPPED): (ReplyKey.STARTED, TextStatus.ACTIVE),
    **{(read.Keyword.STOP, status): (ReplyKey.STOPPED, TextStatus.STOPPED) for status in TextStatus},
}


def _lines_for(directory: SupportDirectory, member: MemberDocument, language: Language, *, now: datetime) -> str:
    profile = SupportProfile.of(member)
    resources = directory.resources(nation=profile.nation, age=profile.age(now), crisis=True)
    return " ".join([reply(ReplyKey.HELPLINES, language), lines_of(resources, language)])


async def _budget_allows(
    repos: Repositories, queue: TaskQueue, settings: TextSettings, owner: str, group_id: str, *, now: datetime
) -> bool:
    month, limit = month_of(now), await monthly_budget(repos, settings, owner)
    sent = await repos.text_budgets.take(owner, month, limit=limit)
    if sent is None:
        return False
    await warn_if_low(
        repos, queue, organisation_id=owner, month=month, sent=sent, limit=limit, group_id=group_id, now=now
    )
    return True
