"""Going: a full session puts a member in line, a freed place goes to the first in line, who is
told; members see counts and leads see names; leaving the group gives up one's places.
"""

from __future__ import annotations

from datetime import date, timedelta

from schemas.documents.notifications import NotificationKind
from tests.api.graphql.sessions.conftest import Scene
from tests.factories.groups import mutate
from tests.factories.sessions import answered, planned, session_of


async def test_a_full_session_keeps_a_line_and_the_first_in_it_is_told_when_a_place_frees(scene: Scene) -> None:
    api, cast = scene.api, scene.cast
    [session] = await planned(api.gql, cast.lead, scene.group_id, date(2027, 3, 4), capacity=1)
    sid = session["id"]

    sam = await answered(api.gql, cast.sam, sid)
    pat = await answered(api.gql, cast.peer, sid)
    cari = await answered(api.gql, cast.co_lead, sid)
    again = await answered(api.gql, cast.peer, sid)  # answering again keeps the place in line

    assert [(s["myAnswer"], s["goingCount"], s["placesLeft"]) for s in (sam, pat, cari, again)] == [
        ("GOING", 1, 0), ("WAITING", 1, 0), ("WAITING", 1, 0), ("WAITING", 1, 0),
    ]  # fmt: skip
    assert await scene.told(NotificationKind.SESSION_PLACE_OFFERED) == []

    await answered(api.gql, cast.sam, sid, "NOT_GOING")

    assert await scene.told(NotificationKind.SESSION_PLACE_OFFERED) == [
        (cast.peer.id, {"groupId": scene.group_id, "sessionId": sid})  # Pat was first in line; Cari still waits
    ]
    details = await session_of(api.gql, cast.lead, sid)
    assert details["counts"] == {"going": 1, "maybe": 0, "notGoing": 1, "waiting": 1}
    assert [(p["displayName"], p["answer"]) for p in details["going"]] == [("Pat", "GOING"), ("Cari", "WAITING")]


async def test_members_see_counts_and_leads_see_names(scene: Scene) -> None:
    api, cast = scene.api, scene.cast
    [session] = await planned(api.gql, cast.lead, scene.group_id, date(2027, 3, 4))
    await answered(api.gql, cast.sam, session["id"])
    await answered(api.gql, cast.peer, session["id"], "MAYBE")

    as_member = await session_of(api.gql, cast.peer, session["id"])
    as_co_lead = await session_of(api.gql, cast.co_lead, session["id"])

    assert (as_member["counts"]["going"], as_member["counts"]["maybe"], as_member["going"]) == (1, 1, None)
    assert as_member["session"]["myAnswer"] == "MAYBE"
    assert [(p["displayName"], p["answer"]) for p in as_co_lead["going"]] == [("Sam", "GOING"), ("Pat", "MAYBE")]
    outsider = await api.gql("query($id: ID!) { session(id: $id) { counts { going } } }", {"id": session["id"]},
                             token=cast.outsider.token)  # fmt: skip
    assert outsider["errors"][0]["extensions"]["code"] == "NOT_FOUND"  # a closed group's session is hidden


async def test_answers_close_when_the_session_starts(scene: Scene) -> None:
    api, cast = scene.api, scene.cast
    [session] = await planned(api.gql, cast.lead, scene.group_id, date(2027, 3, 1), startTime="11:00")
    api.clock.advance(timedelta(hours=1))  # 11:00 GMT: it has begun
    late = await mutate(api.gql, "SessionAnswer", cast.sam.token, sessionId=session["id"], answer="GOING")
    assert late["code"] == "SESSION_STARTED"


async def test_leaving_the_group_gives_ones_place_to_the_first_in_line(scene: Scene) -> None:
    api, cast = scene.api, scene.cast
    [session] = await planned(api.gql, cast.lead, scene.group_id, date(2027, 3, 4), capacity=1)
    await answered(api.gql, cast.sam, session["id"])
    await answered(api.gql, cast.peer, session["id"])

    left = await mutate(api.gql, "GroupLeave", cast.sam.token, groupId=scene.group_id)

    assert left["__typename"] == "GroupLeaveSuccess", left
    details = await session_of(api.gql, cast.lead, session["id"])
    assert [(p["displayName"], p["answer"]) for p in details["going"]] == [("Pat", "GOING")]
    assert details["session"]["goingCount"] == 1
    assert [member for member, _ in await scene.told(NotificationKind.SESSION_PLACE_OFFERED)] == [cast.peer.id]
