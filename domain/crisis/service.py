"""Crisis signposting: `support_for`, what a screen result calls for, from memory;
`signpost`, which check-in, share and response writes call before they return; and
seeding the store from the reviewed file.

Nothing here touches Redis, Celery or FCM (CRISIS-3): the screen and the resources
come from the process's memory, and the only I/O is the safeguarding alert's write.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

from domain.crisis import policies
from domain.crisis.catalogue import Catalogue, default_catalogue
from domain.crisis.directory import SupportDirectory
from domain.crisis.follow_ups import schedule_follow_up
from domain.crisis.lexicon import default_lexicon
from domain.crisis.messages import default_messages
from domain.crisis.profiles import SupportProfile
from domain.crisis.screening import ScreenResult, screen
from infra.mongo.repositories.registry import Repositories
from infra.mongo.repositories.support_resources import SyncOutcome
from schemas.documents.base import new_id
from schemas.documents.groups import GroupKind
from schemas.documents.local_services import LocalServiceDocument
from schemas.documents.members import Language, MemberDocument
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
    group_id: str | None = None  # the group it was written in, whose host's staff handle the alert

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
    # The group's host's local services, shown after `resources` (never instead of them).
    local: tuple[LocalServiceDocument, ...] = ()

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


def support_for(
    *,
    directory: SupportDirectory,
    profile: SupportProfile,
    result: ScreenResult,
    now: datetime,
    mood: int | None,
    group_kind: GroupKind | None = None,
    group_id: str | None = None,
) -> Signposting:
    """What a screen result (and mood) calls for: kind words and the member's resources for
    concern, high or the lowest mood (none that only gives information), then the local services
    of the group's host; nothing otherwise. From memory only, no I/O, so it is ready before any
    write is tried (CRISIS-3).
    """
    message_key = policies.support_message(result.level, mood)
    resources = (
        directory.resources(nation=profile.nation, age=profile.age(now), group_kind=group_kind, crisis=True)
        if message_key
        else []
    )
    return Signposting(
        screen=result,
        show_support=message_key is not None,
        message=default_messages().texts[message_key].get(profile.language) if message_key else None,
        resources=tuple(resources),
        language=profile.language,
        checked_at=now,
        alerted=False,
        local=directory.local.for_group(group_id) if message_key else (),
    )


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
    directory: SupportDirectory,
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
    profile = SupportProfile.of(member)
    support = support_for(
        directory=directory, profile=profile, result=result, now=now, mood=mood, group_kind=group_kind,
        group_id=source.group_id,
    )  # fmt: skip
    if result.level is not RiskLevel.HIGH:
        return support
    await _alert_staff(repos=repos, member=member, source=source, result=result, now=now)
    if not source.anonymous:  # see domain/crisis/follow_ups.py for why anonymous posts get none
        await schedule_follow_up(repos=repos, member_id=member.id, source_key=source.key, now=now)
    return replace(support, alerted=True)


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
        group_id=source.group_id,
        level=result.level,
        categories=result.categories,
        lexicon_version=result.lexicon_version,
        created_at=now,
        updated_at=now,
        page_due_at=now,
    )
    if await repos.safeguarding_alerts.insert_if_new(alert):
        # Ids and codes only: never the words, never the member (anonymous content).
        logger.info("safeguarding alert raised", extra={"alert_id": alert.id, "source_kind": source.kind.value})
