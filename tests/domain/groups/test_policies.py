"""The groups rules, as pure functions: roles, age ranges, visibility and who hears what a lead would."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from domain.errors import HiddenError, NotPermittedError
from domain.groups.policies import (
    GroupAction,
    Viewer,
    age_refusal,
    allowed_actions,
    authorize,
    can_see,
    discoverable_youth,
    has_active_leader,
    lead_facing_recipients,
    leader_is_active,
    may_lead,
    may_remove,
    no_active_lead_since,
)
from schemas.documents.groups import GroupAccess, GroupDocument, GroupKind
from schemas.documents.members import Language, MemberDocument, Nation, Preferences
from schemas.documents.memberships import GroupRole, MembershipDocument, MembershipStatus

NOW = datetime(2026, 3, 29, 12, 0, tzinfo=UTC)


def group(*, youth: bool = False, access: GroupAccess = GroupAccess.CLOSED, archived: bool = False) -> GroupDocument:
    return GroupDocument(
        _id="g", name="G", description="D", kind=GroupKind.GENERAL, access=access, youth=youth, capacity=30,
        timezone="Europe/London", member_count=1, free_slots=29, lead_count=1, name_key="g", search_text="g",
        archived=archived, created_by="m", created_at=NOW, updated_at=NOW,
    )  # fmt: skip


def viewer(*, age: int = 30, staff: bool = False) -> Viewer:
    member = MemberDocument(
        _id="viewer", firebase_uid="u", display_name="V", date_of_birth=date(1990, 1, 1), nation=Nation.WALES,
        timezone="Europe/London", language=Language.EN, preferences=Preferences(), created_at=NOW, updated_at=NOW,
    )  # fmt: skip
    return Viewer(member=member, staff=staff, age=age)


def membership(
    role: GroupRole, member_id: str = "viewer", *, away_until: datetime | None = None, removed: bool = False
) -> MembershipDocument:
    status = MembershipStatus.REMOVED if removed else MembershipStatus.ACTIVE
    return MembershipDocument(
        _id=f"ms-{member_id}", group_id="g", member_id=member_id, role=role, status=status, joined_at=NOW,
        away_until=away_until,
    )  # fmt: skip


def test_each_role_adds_to_the_one_below() -> None:
    member = allowed_actions(viewer(), membership(GroupRole.MEMBER))
    co_lead = allowed_actions(viewer(), membership(GroupRole.CO_LEAD))
    lead = allowed_actions(viewer(), membership(GroupRole.LEAD))
    assert member == {GroupAction.VIEW, GroupAction.VIEW_MEMBERS, GroupAction.VIEW_CHECK_INS}
    assert co_lead - member == {
        GroupAction.INVITE, GroupAction.REVIEW_REQUESTS, GroupAction.REMOVE_MEMBER, GroupAction.SET_AWAY,
        GroupAction.VIEW_WELLBEING, GroupAction.VIEW_QUIET, GroupAction.MESSAGE_MEMBERS,
        GroupAction.RUN_SESSIONS, GroupAction.VIEW_ATTENDANCE, GroupAction.REGISTER_BY_TEXT,
        GroupAction.ATTACH_SERVICES,
    }  # fmt: skip
    assert lead - co_lead == {
        GroupAction.UPDATE, GroupAction.ARCHIVE, GroupAction.MANAGE_CO_LEADS, GroupAction.TRANSFER_LEADERSHIP,
        GroupAction.SCHEDULE,
    }  # fmt: skip
    assert GroupAction.ASSIGN_LEAD not in lead


def test_staff_see_no_check_ins_and_set_no_schedule() -> None:
    staff = allowed_actions(viewer(staff=True), None)
    assert {
        GroupAction.VIEW_CHECK_INS,
        GroupAction.VIEW_WELLBEING,
        GroupAction.SCHEDULE,
        GroupAction.VIEW_QUIET,
    } & staff == set()


def test_a_removed_membership_gives_nothing_but_what_anyone_has() -> None:
    assert allowed_actions(viewer(), membership(GroupRole.LEAD, removed=True)) == {GroupAction.VIEW}


@pytest.mark.parametrize(
    ("access", "archived", "age", "visible"),
    [
        (GroupAccess.OPEN, False, 30, True),
        (GroupAccess.CLOSED, False, 30, False),
        (GroupAccess.OPEN, True, 30, False),
        (GroupAccess.OPEN, False, 17, False),  # an adult group an under-18 could never join
    ],
)
def test_what_a_non_member_can_see(access: GroupAccess, archived: bool, age: int, visible: bool) -> None:
    assert can_see(viewer(age=age), group(access=access, archived=archived), None) is visible


def test_a_hidden_group_and_a_missing_one_raise_the_same_error() -> None:
    with pytest.raises(HiddenError):
        authorize(GroupAction.VIEW, viewer(), group(), None)
    with pytest.raises(HiddenError):
        authorize(GroupAction.VIEW, viewer(), None, None)
    with pytest.raises(NotPermittedError):
        authorize(GroupAction.UPDATE, viewer(staff=True), group(), None)


@pytest.mark.parametrize(
    ("youth", "age", "allowed"),
    [(True, 16, True), (True, 24, True), (True, 25, False), (False, 17, False), (False, 18, True), (False, 90, True)],
)
def test_age_ranges(youth: bool, age: int, allowed: bool) -> None:
    assert (age_refusal(group(youth=youth), age) is None) is allowed


@pytest.mark.parametrize(("age", "youth"), [(16, (True,)), (17, (True,)), (18, (True, False)), (25, (False,))])
def test_discovery_shows_only_groups_the_age_allows(age: int, youth: tuple[bool, ...]) -> None:
    assert discoverable_youth(age) == youth


def test_staff_assigned_leads_may_be_any_adult_in_youth_groups_but_no_minor_in_adult_ones() -> None:
    assert (may_lead(group(youth=True), 60), may_lead(group(youth=False), 17)) == (True, False)


def test_co_leads_remove_members_only() -> None:
    co_lead = membership(GroupRole.CO_LEAD)
    assert may_remove(viewer(), co_lead, membership(GroupRole.MEMBER, "x")) is True
    assert may_remove(viewer(), co_lead, membership(GroupRole.CO_LEAD, "x")) is False
    assert may_remove(viewer(), membership(GroupRole.LEAD), membership(GroupRole.CO_LEAD, "x")) is True
    assert may_remove(viewer(staff=True), None, membership(GroupRole.LEAD, "x")) is True


def test_leads_hear_what_leads_hear_while_they_are_here() -> None:
    leaders = [membership(GroupRole.LEAD, "b"), membership(GroupRole.LEAD, "a"), membership(GroupRole.CO_LEAD, "c")]
    assert lead_facing_recipients(leaders, NOW) == ["a", "b"]


def test_while_one_lead_is_away_the_other_hears_it() -> None:
    leaders = [
        membership(GroupRole.LEAD, "a", away_until=NOW + timedelta(days=1)),
        membership(GroupRole.LEAD, "b"),
        membership(GroupRole.CO_LEAD, "c"),
    ]
    assert lead_facing_recipients(leaders, NOW) == ["b"]


def test_while_every_lead_is_away_the_co_leads_who_are_here_hear_it() -> None:
    leaders = [
        membership(GroupRole.LEAD, "a", away_until=NOW + timedelta(days=1)),
        membership(GroupRole.CO_LEAD, "c"),
        membership(GroupRole.CO_LEAD, "d", away_until=NOW + timedelta(hours=1)),
        membership(GroupRole.MEMBER, "e"),
    ]
    assert lead_facing_recipients(leaders, NOW) == ["c"]


def test_an_away_time_that_has_passed_counts_as_back() -> None:
    leaders = [membership(GroupRole.LEAD, "a", away_until=NOW), membership(GroupRole.CO_LEAD, "c")]
    assert lead_facing_recipients(leaders, NOW) == ["a"]


def test_with_every_leader_away_nobody_is_named_so_the_caller_can_escalate() -> None:
    leaders = [membership(GroupRole.LEAD, "a", away_until=NOW + timedelta(days=3))]
    assert lead_facing_recipients(leaders, NOW) == []


def _acted(role: GroupRole, days_ago: float, *, away: bool = False, member_id: str = "viewer") -> MembershipDocument:
    away_until = NOW + timedelta(days=3) if away else None
    base = membership(role, member_id, away_until=away_until)
    return base.model_copy(update={"last_active_at": NOW - timedelta(days=days_ago)})


@pytest.mark.parametrize(
    ("leader", "active"),
    [
        (_acted(GroupRole.LEAD, 13.9), True),
        (_acted(GroupRole.LEAD, 14), False),
        (_acted(GroupRole.CO_LEAD, 1), True),
        (_acted(GroupRole.LEAD, 1, away=True), False),
        (_acted(GroupRole.MEMBER, 1), False),
        (membership(GroupRole.LEAD), True),  # never acted: joining (NOW) stands in
    ],
)
def test_a_leader_is_active_when_here_and_acting_in_the_last_14_days(leader: MembershipDocument, active: bool) -> None:
    assert leader_is_active(leader, NOW) is active


def test_a_group_is_flagged_only_when_no_leader_acted_for_14_days_away_or_not() -> None:
    away_yesterday = _acted(GroupRole.LEAD, 1, away=True)
    quiet_lead, busy_co_lead = _acted(GroupRole.LEAD, 20), _acted(GroupRole.CO_LEAD, 2, member_id="co")
    assert no_active_lead_since([away_yesterday], NOW) is False  # they left a day ago: not yet 14 days
    assert has_active_leader([away_yesterday], NOW) is False  # but nobody is around just now
    assert no_active_lead_since([quiet_lead, busy_co_lead], NOW) is False
    assert no_active_lead_since([quiet_lead, _acted(GroupRole.CO_LEAD, 15, member_id="co")], NOW) is True
    assert no_active_lead_since([], NOW) is True
