"""Sessions for the data sets (issue 16): each group with history meets weekly at 19:00 in its zone,
four times before now and four after; about half its members are going to each coming session
(some say maybe or no), and about half came to each held one (the register taken by its lead).
Written with the app's own document models, through the generator's writer.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from random import Random

from benchmarks.writer import Generated, GroupPlan, Writer, seeded_id, utc
from domain.sessions.recurrence import start_on
from schemas.documents.attendance import AttendanceDocument, MarkedBy
from schemas.documents.rsvps import Answer, RsvpDocument
from schemas.documents.sessions import Frequency, Recurrence, SessionDocument, SessionMode

HELD = 4
COMING = 4
LENGTH = timedelta(minutes=90)
CAPACITY = 30


def session_documents(rng: Random, plan: GroupPlan, now: datetime) -> list[SessionDocument]:
    """The group's weekly series: HELD before now, COMING after."""
    group, series = plan.group, seeded_id(rng)
    today = now.date()
    rule = Recurrence(frequency=Frequency.WEEKLY, count=HELD + COMING)
    starts = [start_on(today + timedelta(days=7 * week + 1), time(19), group.timezone) for week in range(-HELD, COMING)]
    return [
        SessionDocument(
            id=seeded_id(rng),
            group_id=group.id,
            series_id=series,
            recurrence=rule,
            title="Weekly evening",
            mode=SessionMode.ONLINE,
            joining_link="https://meet.example.org/bench",
            timezone=group.timezone,
            starts_at=start,
            ends_at=start + LENGTH,
            capacity=CAPACITY,
            free_places=CAPACITY,
            check_in_code="ABC234",
            created_by=plan.member_ids[0],
            created_at=utc(now - timedelta(days=40)),
            updated_at=utc(now - timedelta(days=40)),
        )
        for start in starts
    ]


async def write_sessions(
    writer: Writer, rng: Random, plans: list[GroupPlan], *, now: datetime, generated: Generated
) -> None:
    for plan in (plan for plan in plans if plan.history):
        sessions = session_documents(rng, plan, now)
        for planned in sessions:
            session = planned
            if session.ends_at <= now:
                came = [m for m in plan.member_ids if rng.random() < 0.5]
                for member_id in came:
                    record = AttendanceDocument(
                        id=seeded_id(rng), group_id=plan.group.id, session_id=session.id, member_id=member_id,
                        marked=MarkedBy.LEAD, session_starts_at=session.starts_at, at=session.ends_at,
                    )  # fmt: skip
                    await writer.add("attendance", record.to_mongo())
            else:
                going = 0
                for member_id in plan.member_ids:
                    answer = rng.choice((Answer.GOING, Answer.GOING, Answer.MAYBE, Answer.NOT_GOING, None))
                    if answer is None or (answer is Answer.GOING and going >= CAPACITY):
                        continue
                    going += answer is Answer.GOING
                    rsvp = RsvpDocument(
                        id=seeded_id(rng), group_id=plan.group.id, session_id=session.id, member_id=member_id,
                        answer=answer, answered_at=utc(now - timedelta(days=1)),
                    )  # fmt: skip
                    await writer.add("rsvps", rsvp.to_mongo())
                session = session.model_copy(update={"going_count": going, "free_places": CAPACITY - going})
            await writer.add("sessions", session.to_mongo())
        if plan.group.id == generated.feed_group_id:
            generated.session_id = next(s.id for s in sessions if s.ends_at > now)
            generated.held_session_id = [s.id for s in sessions if s.ends_at <= now][-1]
