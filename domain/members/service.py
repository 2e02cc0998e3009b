"""Members: joining the service and keeping a profile."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from domain.errors import FieldIssue
from domain.identity import Identity
from domain.members.errors import MemberError, MemberErrorCode
from domain.members.policies import default_preferences, is_minor
from domain.members.time import local_date
from domain.members.validation import (
    clean_display_name,
    date_of_birth_issues,
    display_name_issues,
    timezone_issues,
)
from infra.mongo.repositories.members import MemberAlreadyExistsError
from infra.mongo.repositories.registry import Repositories
from schemas.commands import KEEP, given
from schemas.documents.base import new_id
from schemas.documents.members import Language, MemberDocument, Nation, ProfileUpdate


@dataclass(frozen=True)
class NewProfile:
    display_name: str
    date_of_birth: date
    nation: Nation
    timezone: str
    language: Language


async def get_member(*, repos: Repositories, identity: Identity) -> MemberDocument | None:
    """The member behind a Firebase user, if they have onboarded."""
    return await repos.members.get_by_firebase_uid(identity.firebase_uid)


async def onboard(*, repos: Repositories, identity: Identity, profile: NewProfile, now: datetime) -> MemberDocument:
    """Create the member for this Firebase user, with defaults for their age."""
    name = clean_display_name(profile.display_name)
    today = local_date(now, profile.timezone)
    issues = [
        *display_name_issues(name),
        *date_of_birth_issues(profile.date_of_birth, today),
        *timezone_issues(profile.timezone),
    ]
    _raise_if_any(issues)
    member = MemberDocument(
        id=new_id(),
        firebase_uid=identity.firebase_uid,
        display_name=name,
        date_of_birth=profile.date_of_birth,
        nation=profile.nation,
        timezone=profile.timezone,
        language=profile.language,
        preferences=default_preferences(minor=is_minor(profile.date_of_birth, today)),
        created_at=now,
        updated_at=now,
    )
    try:
        await repos.members.insert(member)
    except MemberAlreadyExistsError:
        raise MemberError(MemberErrorCode.ALREADY_ONBOARDED, "You're already set up.") from None
    return member


async def update_profile(
    *, repos: Repositories, member: MemberDocument, changes: ProfileUpdate, now: datetime
) -> MemberDocument:
    """Change the given profile fields; nothing is written if any is invalid."""
    update = changes
    if changes.display_name is not KEEP:
        update = replace(update, display_name=clean_display_name(changes.display_name))
    _raise_if_any([
        *(display_name_issues(update.display_name) if update.display_name is not KEEP else []),
        *(timezone_issues(update.timezone) if update.timezone is not KEEP else []),
    ])  # fmt: skip
    if not given(update):
        raise MemberError(MemberErrorCode.NOTHING_TO_UPDATE, "Nothing to change was given.")
    updated = await repos.members.update_profile(member.id, update, now=now)
    if updated is None:
        raise MemberError(MemberErrorCode.NOT_ONBOARDED, "Your profile no longer exists.")
    return updated


def _raise_if_any(issues: list[FieldIssue]) -> None:
    if issues:
        raise MemberError.from_issues(issues)
