"""GraphQL types of check-ins: the member's own, those shared with a group, the trend and a lead's figures."""

from __future__ import annotations

from datetime import date, datetime
from typing import Self

import strawberry

from domain.checkins import MINIMUM_MEMBERS, Wellbeing
from domain.checkins import MoodCell as MoodCellResult
from domain.checkins import MoodDay as MoodDayResult
from domain.checkins import MoodTrend as MoodTrendResult
from schemas.documents.checkins import AnsweredOccurrence, CheckInDocument, CheckInTag, CheckInVisibility
from schemas.documents.members import MemberDocument

strawberry.enum(CheckInTag, description="What is on the member's mind, from a fixed list.")
strawberry.enum(
    CheckInVisibility, description="PRIVATE: the member alone (the default). GROUP: the members of its group."
)


@strawberry.type(description="A group's scheduled check-in that this check-in answers (made within 24 hours after).")
class AnsweredCheckIn:
    group_id: strawberry.ID = strawberry.field(description="The group.")
    scheduled_at: datetime = strawberry.field(description="When that check-in was scheduled.")

    @classmethod
    def from_stored(cls, answer: AnsweredOccurrence) -> Self:
        return cls(group_id=strawberry.ID(answer.group_id), scheduled_at=answer.scheduled_at)


@strawberry.type(description="One of the signed-in member's own check-ins.")
class CheckIn:
    id: strawberry.ID = strawberry.field(description="Opaque id.")
    mood: int = strawberry.field(description="1 (very low) to 5 (very good).")
    energy: int | None = strawberry.field(description="1 to 5; null if not given.")
    note: str | None = strawberry.field(description="The member's note; null if none.")
    tags: list[CheckInTag] = strawberry.field(description="Up to 5 tags.")
    visibility: CheckInVisibility = strawberry.field(description="Who may see it.")
    group_id: strawberry.ID | None = strawberry.field(description="The group it was made in; null for none.")
    recorded_at: datetime = strawberry.field(description="When the member checked in (offline: when they did).")
    created_at: datetime = strawberry.field(description="When the service received it.")
    answers: list[AnsweredCheckIn] = strawberry.field(description="The scheduled check-ins it counts for.")
    note_held_for_review: bool = strawberry.field(
        description="The note is not shown to the group until trained staff have looked at it."
    )

    @classmethod
    def from_document(cls, check_in: CheckInDocument) -> Self:
        return cls(
            id=strawberry.ID(check_in.id),
            mood=check_in.mood,
            energy=check_in.energy,
            note=check_in.note,
            tags=list(check_in.tags),
            visibility=check_in.visibility,
            group_id=strawberry.ID(check_in.group_id) if check_in.group_id else None,
            recorded_at=check_in.recorded_at,
            created_at=check_in.created_at,
            answers=[AnsweredCheckIn.from_stored(answer) for answer in check_in.answers],
            note_held_for_review=check_in.note_held,
        )


@strawberry.type(description="A check-in a member shared with the group, as its members see it.")
class GroupCheckIn:
    id: strawberry.ID = strawberry.field(description="Opaque id.")
    display_name: str = strawberry.field(description="The name of the member who shared it.")
    mood: int = strawberry.field(description="1 (very low) to 5 (very good).")
    energy: int | None = strawberry.field(description="1 to 5; null if not given.")
    tags: list[CheckInTag] = strawberry.field(description="Up to 5 tags.")
    note: str | None = strawberry.field(description="The note; null if none, or while it is held for review.")
    note_held_for_review: bool = strawberry.field(description="A note is being looked at by trained staff.")
    recorded_at: datetime = strawberry.field(description="When they checked in, to the minute.")

    @classmethod
    def of(cls, check_in: CheckInDocument, member: MemberDocument) -> Self:
        return cls(
            id=strawberry.ID(check_in.id),
            display_name=member.display_name,
            mood=check_in.mood,
            energy=check_in.energy,
            tags=list(check_in.tags),
            note=None if check_in.note_held else check_in.note,
            note_held_for_review=check_in.note_held,
            recorded_at=check_in.recorded_at.replace(second=0, microsecond=0),
        )


@strawberry.type(description="One day with at least one check-in.")
class MoodDay:
    day: date = strawberry.field(description="The day, in the member's time zone when they checked in.")
    average_mood: float = strawberry.field(description="The average mood that day, 1 to 5.")
    average_energy: float | None = strawberry.field(description="The average energy of those giving one; or null.")
    check_ins: int = strawberry.field(description="How many check-ins that day.")

    @classmethod
    def from_result(cls, day: MoodDayResult) -> Self:
        energy = round(day.average_energy, 2) if day.average_energy is not None else None
        return cls(day=day.day, average_mood=round(day.average_mood, 2), average_energy=energy, check_ins=day.check_ins)


@strawberry.type(description="The member's mood over recent days. Days without a check-in are left out, not zero.")
class MoodTrend:
    days: int = strawberry.field(description="How many days it covers, today included.")
    timezone: str = strawberry.field(description="The member's time zone, whose days these are.")
    points: list[MoodDay] = strawberry.field(description="Days with check-ins, oldest first.")

    @classmethod
    def from_result(cls, trend: MoodTrendResult) -> Self:
        return cls(days=trend.days, timezone=trend.timezone, points=[MoodDay.from_result(p) for p in trend.points])


@strawberry.type(description="How many shared check-ins had one mood; null when fewer than 5 members made them.")
class MoodCell:
    mood: int = strawberry.field(description="The mood, 1 to 5.")
    check_ins: int | None = strawberry.field(description="How many check-ins; null when suppressed.")
    suppressed: bool = strawberry.field(description="Fewer than 5 members made them, so the figure is hidden.")

    @classmethod
    def from_result(cls, cell: MoodCellResult) -> Self:
        return cls(mood=cell.mood, check_ins=cell.check_ins, suppressed=cell.suppressed)


@strawberry.type(
    description="How a group has been, for its leads: check-ins members shared with the group, over whole days "
    "before today in the group's time zone. Private check-ins never count, and a figure covering fewer than 5 "
    "members is hidden."
)
class GroupWellbeing:
    days: int = strawberry.field(description="How many whole days it covers.")
    from_date: date = strawberry.field(description="The first day covered.")
    to_date: date = strawberry.field(description="The last day covered: yesterday, where the group is.")
    minimum_members: int = strawberry.field(description="Figures covering fewer members than this are hidden.")
    members_checked_in: int | None = strawberry.field(
        description="How many members shared at least one check-in; null when suppressed."
    )
    members_checked_in_suppressed: bool = strawberry.field(description="Fewer than 5 members: hidden.")
    mood_distribution: list[MoodCell] = strawberry.field(description="One cell per mood, 1 to 5.")

    @classmethod
    def from_result(cls, wellbeing: Wellbeing) -> Self:
        return cls(
            days=wellbeing.days,
            from_date=wellbeing.window.first,
            to_date=wellbeing.window.last,
            minimum_members=MINIMUM_MEMBERS,
            members_checked_in=wellbeing.members_checked_in,
            members_checked_in_suppressed=wellbeing.members_checked_in is None,
            mood_distribution=[MoodCell.from_result(cell) for cell in wellbeing.moods],
        )
