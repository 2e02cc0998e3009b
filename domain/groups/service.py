"""Groups: creating, changing and archiving them, and who hears what a lead would."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from domain.errors import FieldIssue, NotPermittedError
from domain.groups import validation as check
from domain.groups.access import archived_error, authorized, log_action, note_leader_activity, refuse_if_archived
from domain.groups.errors import GroupError, GroupErrorCode
from domain.groups.join_requests import decline_all_pending
from domain.groups.occurrences import next_occurrence
from domain.groups.policies import (
    LEADER_INACTIVE_AFTER,
    GroupAction,
    Viewer,
    age_of,
    lead_facing_recipients,
    may_lead,
)
from domain.groups.views import GroupView, view_of
from infra.mongo.repositories.registry import Repositories
from infra.queue import TaskQueue
from schemas.commands import KEEP, given, or_keep
from schemas.documents.base import new_id
from schemas.documents.groups import GroupAccess, GroupDocument, GroupKind, GroupUpdate, SignpostLink
from schemas.documents.members import MemberDocument
from schemas.documents.memberships import GroupRole, MembershipDocument
from schemas.documents.moderation_actions import ModerationActionKind
from schemas.documents.threads import ThreadEnding

DEFAULT_CAPACITY = 30


@dataclass(frozen=True)
class GroupDraft:
    name: str
    description: str
    kind: GroupKind
    access: GroupAccess
    timezone: str
    house_rules: str = ""
    youth: bool = False
    capacity: int = DEFAULT_CAPACITY
    signposting: Sequence[SignpostLink] = field(default_factory=tuple)
    lead_member_id: str | None = None  # staff only: who leads; required for youth groups


@dataclass(frozen=True)
class GroupChanges:
    """Only the fields given change. Youth cannot: the age rules of its members rest on it."""

    name: str | None = None
    description: str | None = None
    house_rules: str | None = None
    kind: GroupKind | None = None
    access: GroupAccess | None = None
    capacity: int | None = None
    timezone: str | None = None
    signposting: Sequence[SignpostLink] | None = None


async def create_group(*, repos: Repositories, viewer: Viewer, draft: GroupDraft, now: datetime) -> GroupView:
    """Create a group led by its creator or, when staff create it, by the member they assign."""
    if (draft.youth or draft.lead_member_id is not None) and not viewer.staff:
        raise NotPermittedError("Youth groups are set up by staff, who also choose their leads.")
    draft = _cleaned(draft)
    _raise_if_any(_draft_issues(draft))
    lead = await _lead_for(repos, viewer, draft)
    group = _new_group(draft, created_by=viewer.id, now=now)
    _refuse_lead_age(group, lead, now=now)
    # The membership first: without its group it is invisible, while a group without its lead would not be.
    membership = MembershipDocument(
        id=new_id(), group_id=group.id, member_id=lead.id, role=GroupRole.LEAD, joined_at=now
    )
    await repos.memberships.insert(membership)
    await repos.groups.insert(group)
    if draft.lead_member_id is not None:
        await log_action(
            repos, group_id=group.id, viewer=viewer, membership=None,
            action=ModerationActionKind.LEAD_ASSIGN, target_id=lead.id, now=now,
        )  # fmt: skip
    return view_of(viewer, group, membership if lead.id == viewer.id else None)


async def update_group(
    *, repos: Repositories, viewer: Viewer, group_id: str, changes: GroupChanges, now: datetime
) -> GroupView:
    """Change the given fields (leads); nothing is written if any is invalid."""
    group, membership = await authorized(repos, viewer, group_id, GroupAction.UPDATE)
    update, issues = _update(changes)
    _raise_if_any(issues)
    if not given(update) and changes.capacity is None:
        raise GroupError(GroupErrorCode.NOTHING_TO_UPDATE, "Nothing to change was given.")
    for _attempt in range(3):  # a capacity change races joins; re-read and retry
        refuse_if_archived(group)
        name = group.name if update.name is KEEP else update.name
        description = group.description if update.description is KEEP else update.description
        update = replace(update, name_key=_name_key(name), search_text=_search_text(name, description))
        if update.timezone is not KEEP and group.schedule is not None:  # the same wall-clock time, in the new zone
            update = replace(update, next_checkin_at=next_occurrence(group.schedule, update.timezone, after=now))
        capacity = None if changes.capacity is None else (group.capacity, changes.capacity)
        if capacity is not None and group.member_count > capacity[1]:
            message = f"{group.member_count} people are in the group: the capacity can't be lower."
            raise GroupError(GroupErrorCode.CAPACITY_BELOW_MEMBERS, message)
        updated = await repos.groups.update_live(group.id, update, capacity=capacity, now=now)
        if updated is not None:
            await note_leader_activity(repos, membership, now=now)
            return view_of(viewer, updated, membership)
        group = await repos.groups.get(group.id) or group
    raise GroupError(GroupErrorCode.CAPACITY_BELOW_MEMBERS, "The group changed meanwhile: try again.")


async def archive_group(
    *, repos: Repositories, queue: TaskQueue, viewer: Viewer, group_id: str, now: datetime
) -> GroupView:
    """Archive the group (leads): it stays readable to its members, nothing changes it again,
    and anyone still waiting to join is told no.
    """
    group, membership = await authorized(repos, viewer, group_id, GroupAction.ARCHIVE)
    archived = await repos.groups.archive(group.id, now=now)
    if archived is None:
        raise archived_error()
    await decline_all_pending(repos=repos, queue=queue, group_id=group.id, decided_by=viewer.id, now=now)
    await repos.threads.close_open_for(group.id, None, ending=ThreadEnding.GROUP_ARCHIVED, at=now)
    return view_of(viewer, archived, membership)


async def lead_notification_recipients(*, repos: Repositories, group_id: str, now: datetime) -> list[str]:
    """Member ids that should get what a lead of this group would get (see policies)."""
    return lead_facing_recipients(await repos.memberships.leaders_of(group_id), now)


def _cleaned(draft: GroupDraft) -> GroupDraft:
    return GroupDraft(
        name=check.clean_name(draft.name),
        description=check.clean_text(draft.description),
        house_rules=check.clean_text(draft.house_rules),
        kind=draft.kind,
        access=draft.access,
        timezone=draft.timezone,
        youth=draft.youth,
        capacity=draft.capacity,
        signposting=check.clean_signposting(draft.signposting),
        lead_member_id=draft.lead_member_id,
    )


def _draft_issues(draft: GroupDraft) -> list[FieldIssue]:
    return [
        *check.name_issues(draft.name),
        *check.description_issues(draft.description),
        *check.house_rules_issues(draft.house_rules),
        *check.capacity_issues(draft.capacity),
        *check.group_timezone_issues(draft.timezone),
        *check.signposting_issues(draft.signposting),
    ]


async def _lead_for(repos: Repositories, viewer: Viewer, draft: GroupDraft) -> MemberDocument:
    if draft.lead_member_id is None:
        if draft.youth:
            raise GroupError(GroupErrorCode.LEAD_REQUIRED, "Choose the member who will lead this youth group.")
        return viewer.member
    found = await repos.members.get_many([draft.lead_member_id])
    if not found:
        raise GroupError(GroupErrorCode.LEAD_NOT_FOUND, "There is no member with that id.")
    return found[0]


def _refuse_lead_age(group: GroupDocument, lead: MemberDocument, *, now: datetime) -> None:
    if not may_lead(group, age_of(lead, now)):
        raise GroupError(GroupErrorCode.AGE_NOT_ALLOWED, "Members under 18 can only be in youth groups.")


def _new_group(draft: GroupDraft, *, created_by: str, now: datetime) -> GroupDocument:
    return GroupDocument(
        id=new_id(),
        name=draft.name,
        description=draft.description,
        house_rules=draft.house_rules,
        kind=draft.kind,
        access=draft.access,
        youth=draft.youth,
        capacity=draft.capacity,
        timezone=draft.timezone,
        signposting=list(draft.signposting),
        member_count=1,
        free_slots=draft.capacity - 1,
        lead_count=1,
        created_by=created_by,
        created_at=now,
        updated_at=now,
        lead_check_at=now + LEADER_INACTIVE_AFTER,  # its lead just joined: nothing to check before then
        name_key=_name_key(draft.name),
        search_text=_search_text(draft.name, draft.description),
    )


def _name_key(name: str) -> str:
    return name.casefold()


def _search_text(name: str, description: str) -> str:
    return f"{name}\n{description}".casefold()


def _update(changes: GroupChanges) -> tuple[GroupUpdate, list[FieldIssue]]:
    """The stored fields to set, and every issue with the given values."""
    name = check.clean_name(changes.name) if changes.name is not None else None
    description = check.clean_text(changes.description) if changes.description is not None else None
    house_rules = check.clean_text(changes.house_rules) if changes.house_rules is not None else None
    links = check.clean_signposting(changes.signposting) if changes.signposting is not None else None
    issues = [
        *(check.name_issues(name) if name is not None else []),
        *(check.description_issues(description) if description is not None else []),
        *(check.house_rules_issues(house_rules) if house_rules is not None else []),
        *(check.capacity_issues(changes.capacity) if changes.capacity is not None else []),
        *(check.group_timezone_issues(changes.timezone) if changes.timezone is not None else []),
        *(check.signposting_issues(links) if links is not None else []),
    ]
    update = GroupUpdate(
        name=or_keep(name), description=or_keep(description), house_rules=or_keep(house_rules),
        kind=or_keep(changes.kind), access=or_keep(changes.access), timezone=or_keep(changes.timezone),
        signposting=or_keep(links),
    )  # fmt: skip
    return update, issues


def _raise_if_any(issues: list[FieldIssue]) -> None:
    if issues:
        raise GroupError.from_issues(issues)
