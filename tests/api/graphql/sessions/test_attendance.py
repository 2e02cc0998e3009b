"""In the room: the joining link opens 30 minutes before the start for members only, members check
themselves in with the lead's code only during the session, the lead takes the register (those
going and walk-ins), and attendance is seen by leads and staff and by the member, never by other
members. A youth group's venue is for its members, and its under-18s are on no one else's list.
"""

from __future__ import annotations

from datetime import date, timedelta

from tests.api.graphql.sessions.conftest import Scene
from tests.factories.groups import joined, mutate
from tests.factories.members import onboarded_member, years_ago
from tests.factories.outreach import youth_group
from tests.factories.sessions import added_venue, answered, planned, session_of, sessions_of
from tests.fixtures.auth import AuthEmulator

LINK = "https://meet.example.org/thursday"
MINUTE = timedelta(minutes=1)


async def test_the_joining_link_shows_to_members_from_thirty_minutes_before_the_start_until_the_end(
    scene: Scene,
) -> None:
    api, cast = scene.api, scene.cast
    # Monday 10:00 GMT; the session runs 11:00 to 12:30.
    [session] = await planned(api.gql, cast.lead, scene.group_id, date(2027, 3, 1), startTime="11:00", mode="BOTH",
                              joiningLink=LINK)  # fmt: skip

    async def links() -> tuple[str | None, str | None]:
        member = (await session_of(api.gql, cast.sam, session["id"]))["session"]["joiningLink"]
        lead = (await session_of(api.gql, cast.lead, session["id"]))["session"]["joiningLink"]
        return member, lead

    api.clock.advance(29 * MINUTE)  # 10:29: 31 minutes to go
    early = await links()
    api.clock.advance(MINUTE)  # 10:30
    opened = await links()
    api.clock.advance(120 * MINUTE)  # 12:30: it has ended
    ended = await links()

    assert (early, opened, ended) == ((None, LINK), (LINK, LINK), (None, LINK))
    staff = await session_of(api.gql, cast.admin, session["id"])
    assert staff["session"]["joiningLink"] is None  # staff are not members


async def test_self_check_in_takes_the_rooms_code_and_only_during_the_session(scene: Scene) -> None:
    api, cast = scene.api, scene.cast
    [session] = await planned(api.gql, cast.lead, scene.group_id, date(2027, 3, 1), startTime="11:00")
    code = (await session_of(api.gql, cast.lead, session["id"]))["session"]["checkInCode"]
    assert len(code) == 6

    async def check_in(who: object, given: str) -> str:
        result = await mutate(api.gql, "SessionCheckIn", who.token, sessionId=session["id"], code=given)  # type: ignore[attr-defined]
        return str(result.get("code") or result["session"]["attended"])

    api.clock.advance(44 * MINUTE)  # 10:44: check-in opens at 10:45
    too_early = await check_in(cast.sam, code)
    api.clock.advance(MINUTE)
    wrong = await check_in(cast.sam, "ZZZZZZ" if code != "ZZZZZZ" else "YYYYYY")
    right = await check_in(cast.sam, code.lower())
    twice = await check_in(cast.sam, code)
    outsider = await mutate(api.gql, "SessionCheckIn", cast.outsider.token, sessionId=session["id"], code=code)
    api.clock.advance(105 * MINUTE)  # 12:30: it has ended
    too_late = await check_in(cast.peer, code)

    assert (too_early, wrong, right, twice, too_late) == (
        "CHECK_IN_CLOSED", "CHECK_IN_CODE_WRONG", "True", "True", "CHECK_IN_CLOSED",
    )  # fmt: skip
    assert outsider["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    as_member = await session_of(api.gql, cast.peer, session["id"])
    as_sam = await session_of(api.gql, cast.sam, session["id"])
    as_lead = await session_of(api.gql, cast.co_lead, session["id"])
    assert (as_member["attendance"], as_member["session"]["attended"]) == (None, False)  # never another's
    assert (as_sam["attendance"], as_sam["session"]["attended"]) == (None, True)
    assert [(p["displayName"], p["marked"]) for p in as_lead["attendance"]] == [("Sam", "SELF")]


async def test_the_lead_takes_the_register_from_the_going_list_and_walk_ins(scene: Scene) -> None:
    api, cast = scene.api, scene.cast
    [session] = await planned(api.gql, cast.lead, scene.group_id, date(2027, 3, 1), startTime="11:00")
    await answered(api.gql, cast.sam, session["id"])
    sid = session["id"]

    before = await mutate(api.gql, "AttendanceMark", cast.lead.token, sessionId=sid, present=[cast.sam.id])
    api.clock.advance(60 * MINUTE)  # 11:00
    stranger = await mutate(api.gql, "AttendanceMark", cast.lead.token, sessionId=sid,
                            present=[cast.sam.id, cast.outsider.id])  # fmt: skip
    taken = await mutate(api.gql, "AttendanceMark", cast.lead.token, sessionId=sid,
                         present=[cast.sam.id, cast.peer.id])  # Pat walked in  # fmt: skip
    corrected = await mutate(api.gql, "AttendanceMark", cast.co_lead.token, sessionId=sid, present=[],
                             absent=[cast.peer.id])  # fmt: skip
    by_member = await mutate(api.gql, "AttendanceMark", cast.sam.token, sessionId=sid, present=[cast.sam.id])

    assert (before["code"], stranger["code"], by_member["code"]) == (
        "REGISTER_NOT_OPEN", "MEMBER_NOT_IN_GROUP", "NOT_PERMITTED",
    )  # fmt: skip
    assert sorted(p["displayName"] for p in taken["session"]["attendance"]) == ["Pat", "Sam"]
    assert [p["displayName"] for p in corrected["session"]["attendance"]] == ["Sam"]
    staff = await session_of(api.gql, cast.admin, sid)
    assert [p["displayName"] for p in staff["attendance"]] == ["Sam"]


async def test_a_youth_groups_venue_is_for_its_members_and_its_under_18s_are_on_no_members_list(
    scene: Scene, auth_emulator: AuthEmulator
) -> None:
    api, cast = scene.api, scene.cast
    group_id = await youth_group(api.gql, cast)  # made by staff, led by Lee, with Jo (17) in it
    opened = await mutate(api.gql, "GroupUpdate", cast.lead.token, groupId=group_id, access="OPEN")
    assert opened["__typename"] == "GroupUpdateSuccess", opened
    ali, bo = [
        await onboarded_member(api.gql, auth_emulator, displayName=name, dateOfBirth=years_ago(20).isoformat())
        for name in ("Ali", "Bo")
    ]
    await joined(api.gql, bo, group_id=group_id)
    venue_id = await added_venue(api.gql, cast.lead, group_id)
    [session] = await planned(api.gql, cast.lead, group_id, date(2027, 3, 1), startTime="11:00", venueId=venue_id)
    await answered(api.gql, cast.young, session["id"])
    api.clock.advance(60 * MINUTE)
    marked = await mutate(api.gql, "AttendanceMark", cast.lead.token, sessionId=session["id"],
                          present=[cast.young.id, bo.id])  # fmt: skip
    assert marked["__typename"] == "AttendanceMarkSuccess", marked

    # Ali (20) may see the open youth group but is not in it: no venue.
    outside = await sessions_of(api.gql, ali, group_id)
    assert [s["venue"] for s in outside] == [None]
    venues = await api.gql("query($g: ID!) { venues(groupId: $g) { id } }", {"g": group_id}, token=ali.token)
    assert venues == {"data": {"venues": []}}
    assert (await sessions_of(api.gql, bo, group_id))[0]["venue"]["id"] == venue_id
    as_bo = await session_of(api.gql, bo, session["id"])
    as_lead = await session_of(api.gql, cast.lead, session["id"])
    as_staff = await session_of(api.gql, cast.admin, session["id"])
    assert (as_bo["attendance"], as_bo["going"], as_bo["session"]["attended"]) == (None, None, True)
    assert sorted(p["displayName"] for p in as_lead["attendance"]) == ["Bo", "Jo"]
    assert sorted(p["displayName"] for p in as_staff["attendance"]) == ["Bo", "Jo"]
    assert as_staff["session"]["venue"]["id"] == venue_id
