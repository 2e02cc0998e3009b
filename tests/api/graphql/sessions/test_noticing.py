"""Noticing who stopped coming, and reminding those going: the sessions tick on a moved clock.

A member who came to 2 of the group's sessions and then missed the next 2 becomes a quiet signal in
the quiet-member machinery: with their consent their leads read "Sam has missed the last 2
sessions"; without it, the leads see nothing. Reminders go 24 and 2 hours before, to those going,
in their language, once however often the tick runs.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from domain.noticing.quiet_scan import scan_quiet
from domain.sessions import sessions_tick
from schemas.documents.notifications import NotificationKind
from tests.api.graphql.sessions.conftest import MONDAY, Scene
from tests.factories.groups import mutate
from tests.factories.members import TestMember as Person
from tests.factories.sessions import answered, planned
from tests.support.operations import app_operation

MINUTE = timedelta(minutes=1)
HOUR = timedelta(hours=1)
DAY = timedelta(days=1)


async def _tick(scene: Scene) -> None:
    api = scene.api
    await sessions_tick(repos=api.runtime.repos, queue=api.runtime.queue, now=api.now)
    await scan_quiet(repos=api.runtime.repos, queue=api.runtime.queue, now=api.now)


async def _quiet(scene: Scene, lead: Person) -> list[tuple[str, bool, str]]:
    body = await scene.api.gql(app_operation("QuietMembers"), {"groupId": scene.group_id}, token=lead.token)
    assert not body.get("errors"), body
    return [(n["name"], n["missedSessions"], n["summary"]) for n in body["data"]["quietMembers"]["nodes"]]


async def test_a_member_who_stops_coming_is_noticed_with_consent_and_not_without(scene: Scene) -> None:
    api, cast = scene.api, scene.cast
    off = await mutate(api.gql, "NotificationPreferencesSet", cast.peer.token, letLeadsKnowWhenQuiet=False)
    # A month without taking part before the usual rule calls anyone quiet: the sessions are what tell.
    policy = await mutate(api.gql, "GroupQuietPolicySet", cast.lead.token, groupId=scene.group_id, inactiveDays=30)
    assert policy["__typename"] == "GroupQuietPolicySetSuccess", policy
    assert off["__typename"] == "NotificationPreferencesSetSuccess", off
    sessions = await planned(api.gql, cast.lead, scene.group_id, date(2027, 3, 4),
                             recurrence={"frequency": "WEEKLY", "count": 5})  # fmt: skip
    came = [[cast.sam, cast.peer, cast.co_lead], [cast.sam, cast.peer, cast.co_lead], [cast.co_lead], [cast.co_lead]]
    for session, people in zip(sessions, came, strict=False):
        api.clock.current = datetime.fromisoformat(session["startsAt"]) + HOUR
        # 20:00 on the day: the session is on, and the lead takes the register.
        taken = await mutate(api.gql, "AttendanceMark", cast.lead.token, sessionId=session["id"],
                             present=[p.id for p in people])  # fmt: skip
        assert taken["__typename"] == "AttendanceMarkSuccess", taken
        api.clock.advance(DAY)  # the register is in: the tick looks
        await _tick(scene)
        assert await _quiet(scene, cast.lead) == []  # not until 2 missed after coming

    api.clock.advance(3 * DAY)  # the quiet episode's leads' step comes 3 days in
    await _tick(scene)

    assert await _quiet(scene, cast.lead) == [("Sam", True, "Sam has missed the last 2 sessions")]  # not Pat
    nudges = await scene.told(NotificationKind.QUIET_NUDGE)
    assert sorted(member for member, _ in nudges) == sorted([cast.sam.id, cast.peer.id])

    # Coming again ends it.
    fifth = sessions[4]
    api.clock.current = datetime.fromisoformat(fifth["startsAt"]) + 30 * MINUTE
    code = (await api.gql(app_operation("Session"), {"id": fifth["id"]}, token=cast.lead.token))["data"]["session"]
    checked = await mutate(api.gql, "SessionCheckIn", cast.sam.token, sessionId=fifth["id"],
                           code=code["session"]["checkInCode"])  # fmt: skip
    assert checked["__typename"] == "SessionCheckInSuccess", checked
    assert await _quiet(scene, cast.lead) == []


async def test_reminders_go_24_and_2_hours_before_to_those_going_once_each(scene: Scene) -> None:
    api, cast = scene.api, scene.cast
    # Thursday 4 March 19:00 GMT.
    [session] = await planned(api.gql, cast.lead, scene.group_id, date(2027, 3, 4))
    await answered(api.gql, cast.sam, session["id"])  # Sam reads Welsh
    await answered(api.gql, cast.peer, session["id"], "MAYBE")

    api.clock.current = MONDAY + 2 * DAY + 8 * HOUR  # Wednesday 18:00: 25 hours to go
    await _tick(scene)
    assert await scene.told(NotificationKind.SESSION_REMINDER_DAY) == []
    api.clock.advance(HOUR)  # 24 hours to go
    await _tick(scene)
    await _tick(scene)  # a duplicate tick sends nothing more
    api.clock.advance(21 * HOUR)  # Thursday 16:00: 3 hours to go
    await _tick(scene)
    assert await scene.told(NotificationKind.SESSION_REMINDER_SOON) == []
    api.clock.advance(HOUR)
    await _tick(scene)

    params = {"groupId": scene.group_id, "sessionId": session["id"]}
    assert await scene.told(NotificationKind.SESSION_REMINDER_DAY) == [(cast.sam.id, params)]
    assert await scene.told(NotificationKind.SESSION_REMINDER_SOON) == [(cast.sam.id, params)]
    inbox = await api.gql("query { notifications(first: 5) { nodes { kind title body sessionId } } }",
                          token=cast.sam.token)  # fmt: skip
    texts = {n["kind"]: (n["title"], n["sessionId"]) for n in inbox["data"]["notifications"]["nodes"]}
    assert texts["SESSION_REMINDER_DAY"] == ("Yfory", session["id"])  # in Sam's language, no group named
    assert texts["SESSION_REMINDER_SOON"] == ("Yn dechrau cyn hir", session["id"])
