"""Planning sessions: a weekly series in the group's local time across the clock change, one
occurrence moved or cancelled (those going are told), the series cancelled from a date on, and
bad input refused with nothing changed.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from schemas.documents.notifications import NotificationKind
from tests.api.graphql.sessions.conftest import Scene
from tests.factories.groups import mutate
from tests.factories.outreach import OutreachCast, led_group, new_outreach_cast
from tests.factories.sessions import answered, planned, session_input, sessions_of
from tests.fixtures.app import GraphQLClient
from tests.fixtures.auth import AuthEmulator
from tests.fixtures.changes import Changes


async def test_a_weekly_in_person_group_with_an_online_option_keeps_seven_pm_across_the_march_change(
    scene: Scene,
) -> None:
    api, cast = scene.api, scene.cast
    sessions = await planned(
        api.gql, cast.lead, scene.group_id, date(2027, 3, 18), mode="BOTH", joiningLink="https://meet.example.org/thu",
        recurrence={"frequency": "WEEKLY", "count": 3},
    )  # fmt: skip
    assert [(s["startsAt"], s["localStartTime"], s["localDate"]) for s in sessions] == [
        ("2027-03-18T19:00:00+00:00", "19:00", "2027-03-18"),
        ("2027-03-25T19:00:00+00:00", "19:00", "2027-03-25"),
        ("2027-04-01T18:00:00+00:00", "19:00", "2027-04-01"),
    ]
    assert sessions[0]["seriesId"]
    assert {s["seriesId"] for s in sessions} == {sessions[0]["seriesId"]}
    assert sessions[0]["recurrence"] == {"frequency": "WEEKLY", "weekOfMonth": None, "count": 3}
    assert sessions[0]["venue"]["name"] == "St Mary's church hall"  # the group's usual venue
    assert sessions[0]["venue"]["postcode"] == "CF10 1AA"
    assert sessions[0]["venue"]["accessibility"]["stepFree"] is True
    listed = await sessions_of(api.gql, cast.sam, scene.group_id)
    assert [s["id"] for s in listed] == [s["id"] for s in sessions]
    assert {s["checkInCode"] for s in listed} == {None}  # the room's code is for its leads


async def test_moving_one_occurrence_tells_those_going_and_leaves_the_others(scene: Scene) -> None:
    api, cast = scene.api, scene.cast
    first, second, third = await planned(
        api.gql, cast.lead, scene.group_id, date(2027, 3, 18), recurrence={"frequency": "WEEKLY", "count": 3}
    )
    await answered(api.gql, cast.sam, second["id"])
    await answered(api.gql, cast.peer, second["id"], "MAYBE")

    moved = await mutate(api.gql, "SessionUpdate", cast.co_lead.token, sessionId=second["id"], date="2027-03-26",
                         startTime="18:30")  # fmt: skip

    assert moved["__typename"] == "SessionUpdateSuccess", moved
    session = moved["session"]["session"]
    assert (session["startsAt"], session["endsAt"], session["movedFrom"]) == (
        "2027-03-26T18:30:00+00:00", "2027-03-26T20:00:00+00:00", "2027-03-25T19:00:00+00:00",
    )  # fmt: skip
    assert await scene.told(NotificationKind.SESSION_MOVED) == [
        (cast.sam.id, {"groupId": scene.group_id, "sessionId": second["id"]})  # not Pat, who said maybe
    ]
    listed = {s["id"]: s["startsAt"] for s in await sessions_of(api.gql, cast.sam, scene.group_id)}
    assert (listed[first["id"]], listed[third["id"]]) == (first["startsAt"], third["startsAt"])


async def test_cancelling_one_occurrence_then_the_rest_of_the_series(scene: Scene) -> None:
    api, cast = scene.api, scene.cast
    sessions = await planned(api.gql, cast.lead, scene.group_id, date(2027, 3, 4),
                             recurrence={"frequency": "WEEKLY", "count": 4})  # fmt: skip
    await answered(api.gql, cast.sam, sessions[1]["id"])

    one = await mutate(api.gql, "SessionCancel", cast.lead.token, sessionId=sessions[1]["id"])
    rest = await mutate(api.gql, "SessionCancel", cast.lead.token, sessionId=sessions[2]["id"], wholeSeries=True)
    again = await mutate(api.gql, "SessionCancel", cast.lead.token, sessionId=sessions[1]["id"])

    assert one == {"__typename": "SessionCancelSuccess", "cancelledIds": [sessions[1]["id"]]}
    assert rest == {"__typename": "SessionCancelSuccess", "cancelledIds": [s["id"] for s in sessions[2:]]}
    assert again["code"] == "SESSION_CANCELLED"
    assert [s["id"] for s in await sessions_of(api.gql, cast.sam, scene.group_id)] == [sessions[0]["id"]]
    with_cancelled = await sessions_of(api.gql, cast.sam, scene.group_id, includeCancelled=True)
    assert [s["cancelledAt"] is not None for s in with_cancelled] == [False, True, True, True]
    assert await scene.told(NotificationKind.SESSION_CANCELLED) == [
        (cast.sam.id, {"groupId": scene.group_id, "sessionId": sessions[1]["id"]})
    ]
    answer = await mutate(api.gql, "SessionAnswer", cast.peer.token, sessionId=sessions[1]["id"], answer="GOING")
    assert answer["code"] == "SESSION_CANCELLED"


async def test_a_member_cannot_plan_and_a_series_can_be_changed_as_a_whole(scene: Scene) -> None:
    api, cast = scene.api, scene.cast
    refused = await mutate(api.gql, "SessionCreate", cast.sam.token, **session_input(scene.group_id, date(2027, 3, 4)))
    assert refused["code"] == "NOT_PERMITTED"
    sessions = await planned(api.gql, cast.lead, scene.group_id, date(2027, 3, 4),
                             recurrence={"frequency": "FORTNIGHTLY", "count": 3})  # fmt: skip
    changed = await mutate(api.gql, "SessionUpdate", cast.lead.token, sessionId=sessions[1]["id"], title="Tea",
                           wholeSeries=True)  # fmt: skip
    assert changed["__typename"] == "SessionUpdateSuccess", changed
    assert [s["title"] for s in await sessions_of(api.gql, cast.sam, scene.group_id)] == [
        "Thursday evening", "Tea", "Tea",
    ]  # fmt: skip


@pytest.fixture(scope="module")
async def live_group(gql: GraphQLClient, auth_emulator: AuthEmulator) -> tuple[str, OutreachCast]:
    """On the module's API (its real clock), where `changes` sees every write."""
    cast = await new_outreach_cast(gql, auth_emulator)
    return await led_group(gql, cast), cast


async def test_bad_input_is_refused_with_every_reason_and_changes_nothing(
    gql: GraphQLClient, live_group: tuple[str, OutreachCast], changes: Changes
) -> None:
    group_id, cast = live_group
    day = datetime.now(UTC).date() + timedelta(days=30)
    link = "https://meet.example.org/a"
    mark = await changes.mark()
    online = await mutate(gql, "SessionCreate", cast.lead.token,
                          **session_input(group_id, day, mode="ONLINE", durationMinutes=5, title=""))  # fmt: skip
    plain = "http://meet.example.org"
    insecure = await mutate(gql, "SessionCreate", cast.lead.token,
                            **session_input(group_id, day, mode="ONLINE", joiningLink=plain))  # fmt: skip
    past = await mutate(gql, "SessionCreate", cast.lead.token,
                        **session_input(group_id, date(2020, 1, 2), mode="ONLINE", joiningLink=link))  # fmt: skip
    no_venue = await mutate(gql, "SessionCreate", cast.lead.token, **session_input(group_id, day))
    foreign = await mutate(gql, "SessionCreate", cast.lead.token, **session_input(group_id, day, venueId="nope"))
    area = await mutate(gql, "GroupHomeAreaSet", cast.lead.token, groupId=group_id, nation="WALES",
                        localAuthority="Cardiff", outwardCode="CF10 1AA")  # fmt: skip
    venue = await mutate(gql, "VenueCreate", cast.lead.token, groupId=group_id, name="Hall", address="1 Road",
                         postcode="not a postcode")  # fmt: skip
    assert sorted(e["code"] for e in online["fieldErrors"]) == [
        "DURATION_OUT_OF_RANGE", "JOINING_LINK_REQUIRED", "TITLE_LENGTH",
    ]  # fmt: skip
    assert (insecure["code"], past["code"], no_venue["code"], foreign["code"]) == (
        "JOINING_LINK_INVALID", "STARTS_IN_PAST", "VENUE_REQUIRED", "VENUE_NOT_FOUND",
    )  # fmt: skip
    assert (area["code"], venue["code"]) == ("OUTWARD_CODE_INVALID", "POSTCODE_INVALID")  # never a full postcode
    assert await changes.since(mark) == []


async def test_the_home_area_is_a_postcode_district(gql: GraphQLClient, live_group: tuple[str, OutreachCast]) -> None:
    group_id, cast = live_group
    result = await mutate(gql, "GroupHomeAreaSet", cast.co_lead.token, groupId=group_id, nation="WALES",
                          localAuthority=" Cardiff ", outwardCode="cf10")  # fmt: skip
    assert result["homeArea"] == {"nation": "WALES", "localAuthority": "Cardiff", "outwardCode": "CF10"}
