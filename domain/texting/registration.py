"""Registering a member without the app by their phone number, and their YES to the first text.

A lead (co-lead, or staff) records the member's consent, their name, age, nation and language,
and their number. The member is made (with a sign-in id no Firebase account can carry), takes a
place in the group, and their number is stored encrypted and pending; the first text goes
through the outbox asking them to reply YES. Nothing else is texted to them until they do.
"""

from __future__ import annotations

from datetime import datetime

from domain.errors import DomainError, HiddenError
from domain.groups import GroupError, GroupErrorCode, Viewer, admit_registered, is_active, may_register_by_text
from domain.members import age_on, default_preferences, is_minor, local_date
from domain.notifications import notify
from domain.texting import validation as check
from domain.texting.errors import TextingError, TextingErrorCode
from infra.mongo.repositories.registry import Repositories
from infra.mongo.repositories.text_contacts import PhoneTakenError
from infra.phones import PhoneVault, normalise
from infra.queue import TaskQueue
from schemas.documents.base import new_id
from schemas.documents.groups import GroupDocument
from schemas.documents.members import MemberDocument
from schemas.documents.notifications import Channel, NotificationKind
from schemas.documents.text_contacts import TextContactDocument, TextStatus

# No Firebase user id has this form (they are 28 characters of [A-Za-z0-9]), so nobody signs in as them.
TEXT_UID_PREFIX = "text:"
_GROUP_ERRORS = {
    GroupErrorCode.GROUP_ARCHIVED: TextingErrorCode.GROUP_ARCHIVED,
    GroupErrorCode.GROUP_FULL: TextingErrorCode.GROUP_FULL,
    GroupErrorCode.AGE_NOT_ALLOWED: TextingErrorCode.AGE_NOT_ALLOWED,
}


async def register_text_member(
    *,
    repos: Repositories,
    queue: TaskQueue,
    vault: PhoneVault,
    viewer: Viewer,
    draft: check.TextMemberDraft,
    region: str,
    now: datetime,
) -> MemberDocument:
    """Add someone without the app to a group by phone; they confirm by replying YES to the first text."""
    timezone = "Europe/London"  # UK nations only: the group's zone is used once the group is read
    cleaned, issues = check.clean(draft, region=region, today=local_date(now, timezone))
    if cleaned is None:
        raise TextingError.from_issues(issues)
    age = age_on(cleaned.date_of_birth, local_date(now, timezone))
    group = await _group(repos, viewer, draft.group_id, age)
    member_id = new_id()
    contact = TextContactDocument(
        id=member_id, phone_hash=vault.lookup_hash(cleaned.phone), phone_sealed=vault.seal(cleaned.phone),
        group_id=group.id, registered_by=viewer.id, consent_at=now, text_only=True, created_at=now, updated_at=now,
    )  # fmt: skip
    try:  # the number first: a taken number stops here, before anything else is written
        await repos.text_contacts.insert(contact)
    except PhoneTakenError:
        message = "This number can't be registered: it may already be in use."
        raise TextingError(TextingErrorCode.PHONE_TAKEN, message) from None
    member = MemberDocument(
        id=member_id, firebase_uid=f"{TEXT_UID_PREFIX}{member_id}", display_name=cleaned.display_name,
        date_of_birth=cleaned.date_of_birth, nation=draft.nation, timezone=group.timezone, language=draft.language,
        preferences=default_preferences(minor=is_minor(cleaned.date_of_birth, local_date(now, group.timezone))),
        joins_by_text=True, created_at=now, updated_at=now,
    )  # fmt: skip
    await repos.members.insert(member)
    try:
        await admit_registered(repos=repos, group=group, member_id=member.id, now=now)
    except GroupError as error:  # full since it was read: undo, so the number can be registered elsewhere
        await repos.members.delete(member.id)
        await repos.text_contacts.delete(member.id)
        raise _texting_error(error) from None
    await notify(
        repos=repos, queue=queue, member_id=member.id, kind=NotificationKind.TEXT_WELCOME,
        dedupe_key=f"text_welcome:{member.id}", now=now, params={"groupId": group.id}, channel=Channel.SMS,
    )  # fmt: skip
    return member


async def _group(repos: Repositories, viewer: Viewer, group_id: str, age: int) -> GroupDocument:
    try:
        return await may_register_by_text(repos=repos, viewer=viewer, group_id=group_id, age=age)
    except GroupError as error:
        raise _texting_error(error) from None


def _texting_error(error: GroupError) -> DomainError:
    code = _GROUP_ERRORS.get(error.code)
    return TextingError(code, error.message) if code is not None else error


async def confirm(*, repos: Repositories, member_id: str, now: datetime) -> bool:
    """Their YES to the first text: the number is confirmed; True the first time."""
    return (
        await repos.text_contacts.set_status(member_id, TextStatus.ACTIVE, now=now, only_from=TextStatus.PENDING)
        is not None
    )


async def set_own_number(
    *,
    repos: Repositories,
    queue: TaskQueue,
    vault: PhoneVault,
    member: MemberDocument,
    group_id: str,
    phone_number: str,
    consent: bool,
    region: str,
    now: datetime,
) -> TextContactDocument:
    """An app member gives their own number, for a group they are in, to get reminders by text (low data);
    it is confirmed by their YES to the first text. A new number replaces the old one.
    """
    phone = normalise(phone_number, region=region)
    issues = check.phone_and_consent_issues(phone, consent)
    if issues or phone is None:
        raise TextingError.from_issues(issues)
    membership = await repos.memberships.get(group_id, member.id)
    if membership is None or not is_active(membership):
        raise HiddenError(group_id)
    contact = TextContactDocument(
        id=member.id, phone_hash=vault.lookup_hash(phone), phone_sealed=vault.seal(phone), group_id=group_id,
        registered_by=member.id, consent_at=now, text_only=False, created_at=now, updated_at=now,
    )  # fmt: skip
    await repos.text_contacts.delete(member.id)
    try:
        await repos.text_contacts.insert(contact)
    except PhoneTakenError:
        message = "This number can't be used: it may already be in use."
        raise TextingError(TextingErrorCode.PHONE_TAKEN, message) from None
    await notify(
        repos=repos, queue=queue, member_id=member.id, kind=NotificationKind.TEXT_WELCOME,
        dedupe_key=f"text_welcome:{member.id}:{new_id()}", now=now, params={"groupId": group_id}, channel=Channel.SMS,
    )  # fmt: skip
    return contact
