"""Crisis signposting: the support resources, seeding them from the reviewed file,
and `signpost`, which check-in, share and response mutations call before they return.

Nothing here touches Redis, Celery or FCM (CRISIS-3): the screen runs in process
and the only I/O is MongoDB, which the calling mutation needs anyway.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from domain.crisis import policies
from domain.crisis.catalogue import Catalogue, default_catalogue
from domain.crisis.errors import CrisisError, CrisisErrorCode
from domain.crisis.follow_ups import schedule_follow_up
from domain.crisis.lexicon import default_lexicon
from domain.crisis.messages import default_messages
from domain.crisis.screening import ScreenResult, screen
from domain.members import age_on, local_date
from infra.mongo.repositories.registry import Repositories
from infra.mongo.repositories.support_resources import SupportResourcesUnreadableError, SyncOutcome
from schemas.documents.base import new_id
from schemas.documents.groups import GroupKind
from schemas.documents.members import Language, MemberDocument, Nation
from schemas.documents.safeguarding_alerts import AlertSourceKind, RiskLevel, SafeguardingAlertDocument
from schemas.documents.support_resources import SupportResourceDocument

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SignpostSource:
    """What was screened: the stored (or about-to-be-stored) document's kind and id.
    For anonymous content the alert carries no member id (ANON-12).
    """

    kind: AlertSourceKind
    id: str
    anonymous: bool = False

    @property
    def key(self) -> str:
        return f"{self.kind.value}:{self.id}"


@dataclass(frozen=True)
class Signposting:
    """What the member is shown in the same response (SAM-1), and whether staff were alerted."""

    screen: ScreenResult
    show_support: bool
    message: str | None
    resources: tuple[SupportResourceDocument, ...]
    language: Language
    checked_at: datetime
    alerted: bool

    @property
    def level(self) -> RiskLevel:
        return self.screen.level


def load_reviewed_data() -> None:
    """Read and check the phrase lists, the copy and the resources now, so a mistake in
    a reviewed file stops start-up instead of failing a member's check-in later.
    """
    default_lexicon()
    default_messages()
    default_catalogue()


async def support_resources(
    *, repos: Repositories, nation: Nation, age: int | None, group_kind: GroupKind | None = None, crisis: bool = False
) -> list[SupportResourceDocument]:
    """The published resources for a nation and age (and a kind of group): emergencies, then 24/7
    lines, then the rest; for a crisis response, none that only gives information.
    """
    if age is not None and not 0 <= age <= policies.MAXIMUM_AGE:
        raise CrisisError(CrisisErrorCode.AGE_INVALID, f"Age must be between 0 and {policies.MAXIMUM_AGE}.")
    found = await _published(repos, nation)
    return policies.ordered(
        item
        for item in found
        if policies.serves_age(item, age) and policies.serves_group(item, group_kind)
        and not (crisis and item.information_only)
    )  # fmt: skip


async def _published(repos: Repositories, nation: Nation) -> list[SupportResourceDocument]:
    """From the collection, or from the reviewed file when the store fails or was never
    seeded: help is shown whatever else is down.
    """
    try:
        found = await repos.support_resources.list_published(nation)
    except SupportResourcesUnreadableError:
        logger.warning("support resources unreadable; serving the reviewed file", exc_info=True)
        found = []
    return found or [item for item in default_catalogue().resources if item.published and nation in item.nations]


async def seed_support_resources(
    *, repos: Repositories, today: date, catalogue: Catalogue | None = None
) -> SyncOutcome:
    """Make `support_resources` match the reviewed file (idempotent; safe from many replicas)."""
    catalogue = catalogue or default_catalogue()
    if catalogue.review_overdue(today):
        logger.warning("support resources were last reviewed on %s: review them", catalogue.reviewed_on)
    outcome = await repos.support_resources.sync(catalogue.resources, revision=catalogue.version)
    logger.info(
        "support resources seeded",
        extra={"revision": catalogue.version, "written": outcome.written, "removed": outcome.removed},
    )
    return outcome


async def signpost(
    *,
    repos: Repositories,
    member: MemberDocument,
    source: SignpostSource,
    texts: Sequence[str | None],
    now: datetime,
    mood: int | None = None,
    group_kind: GroupKind | None = None,
) -> Signposting:
    """Screen what the member wrote. For concern or high (or the lowest mood), return
    their nation's and age's resources with kind words; for high, also raise one
    safeguarding alert for staff per source and, unless the source is anonymous,
    schedule one follow-up question 48 hours later. Call it before the mutation returns.
    """
    result = screen(texts)
    message_key = policies.support_message(result.level, mood)
    alerted = result.level is RiskLevel.HIGH
    if alerted:
        await _alert_staff(repos=repos, member=member, source=source, result=result, now=now)
        if not source.anonymous:  # see domain/crisis/follow_ups.py for why anonymous posts get none
            await schedule_follow_up(repos=repos, member_id=member.id, source_key=source.key, now=now)
    resources: list[SupportResourceDocument] = []
    if message_key is not None:
        age = age_on(member.date_of_birth, local_date(now, member.timezone))
        resources = await support_resources(
            repos=repos, nation=member.nation, age=age, group_kind=group_kind, crisis=True
        )
    return Signposting(
        screen=result,
        show_support=message_key is not None,
        message=default_messages().texts[message_key].get(member.language) if message_key else None,
        resources=tuple(resources),
        language=member.language,
        checked_at=now,
        alerted=alerted,
    )


async def _alert_staff(
    *, repos: Repositories, member: MemberDocument, source: SignpostSource, result: ScreenResult, now: datetime
) -> None:
    """Write the alert first, before anything that could fail; a repeat for the same source is a no-op.
    The alert points at the source and never copies its words.
    """
    alert = SafeguardingAlertDocument(
        id=new_id(),
        source_key=source.key,
        source_kind=source.kind,
        source_id=source.id,
        member_id=None if source.anonymous else member.id,
        level=result.level,
        categories=result.categories,
        lexicon_version=result.lexicon_version,
        created_at=now,
        updated_at=now,
    )
    if await repos.safeguarding_alerts.insert_if_new(alert):
        # Ids and codes only: never the words, never the member (anonymous content).
        logger.info("safeguarding alert raised", extra={"alert_id": alert.id, "source_kind": source.kind.value})
