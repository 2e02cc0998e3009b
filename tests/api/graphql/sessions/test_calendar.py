"""The calendar feed: a secret address listing the sessions a member is going to, in RFC 5545 with
time zones, read back by `icalendar` and by a second parser (`vobject`); the title is the one the
lead chose (never the group's kind or name); revoking or re-issuing stops the old address.
"""

from __future__ import annotations

from datetime import date, datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import icalendar
import vobject

from tests.api.graphql.sessions.conftest import Scene
from tests.factories.groups import mutate
from tests.factories.sessions import answered, planned

LONDON = ZoneInfo("Europe/London")


async def _feed(scene: Scene, url: str) -> tuple[int, bytes]:
    response = await scene.api.gql.http.get(urlsplit(url).path)
    return response.status_code, response.content


async def test_the_feed_lists_the_sessions_one_is_going_to_with_their_zone_and_a_neutral_title(scene: Scene) -> None:
    api, cast = scene.api, scene.cast
    # A bereavement group whose sessions say only "Tuesday evening": its kind is in no calendar.
    before, after = await planned(
        api.gql, cast.lead, scene.group_id, date(2027, 3, 23), title="Tuesday evening", mode="BOTH",
        joiningLink="https://meet.example.org/secret-room", recurrence={"frequency": "WEEKLY", "count": 2},
    )  # fmt: skip
    [other] = await planned(api.gql, cast.lead, scene.group_id, date(2027, 3, 24), title="Not mine")
    await answered(api.gql, cast.sam, before["id"])
    await answered(api.gql, cast.sam, after["id"])
    await answered(api.gql, cast.sam, other["id"], "MAYBE")
    cancelled = await mutate(api.gql, "SessionCancel", cast.lead.token, sessionId=after["id"])
    assert cancelled["__typename"] == "SessionCancelSuccess"

    issued = await mutate(api.gql, "CalendarFeedIssue", cast.sam.token)
    assert issued["__typename"] == "CalendarFeedIssueSuccess", issued
    assert issued["url"].startswith("http://127.0.0.1:8000/calendar/")
    status, body = await _feed(scene, issued["url"])

    assert status == 200
    calendar = icalendar.Calendar.from_ical(body)
    events = sorted(calendar.walk("VEVENT"), key=lambda e: e.decoded("dtstart"))
    assert [str(e["summary"]) for e in events] == ["Tuesday evening", "Tuesday evening"]
    assert [str(e["status"]) for e in events] == ["CONFIRMED", "CANCELLED"]
    # 19:00 on both sides of the clock change (28 March), with the zone named and defined.
    starts = [e.decoded("dtstart") for e in events]
    assert [s.astimezone(LONDON).strftime("%H:%M") for s in starts] == ["19:00", "19:00"]
    assert starts == [datetime.fromisoformat(before["startsAt"]), datetime.fromisoformat(after["startsAt"])]
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]
    assert str(events[0]["location"]) == "St Mary's church hall, 1 Church Street, Cardiff, CF10 1AA"
    text = body.decode()
    assert "secret-room" not in text  # the joining link is in the app only, from 30 minutes before
    assert "Thursday evening circle" not in text  # no group name
    assert "GENERAL" not in text  # nor kind

    # A second parser reads the same document.
    parsed = vobject.readOne(text)
    second = sorted(parsed.vevent_list, key=lambda e: e.dtstart.value)
    assert [e.summary.value for e in second] == ["Tuesday evening", "Tuesday evening"]
    assert [e.dtstart.value for e in second] == starts
    assert second[0].dtstart.value.tzinfo is not None


async def test_revoking_or_reissuing_stops_the_old_address(scene: Scene) -> None:
    api, cast = scene.api, scene.cast
    first = (await mutate(api.gql, "CalendarFeedIssue", cast.sam.token))["url"]
    second = (await mutate(api.gql, "CalendarFeedIssue", cast.sam.token))["url"]
    assert first != second
    assert [(await _feed(scene, url))[0] for url in (first, second)] == [404, 200]
    stored = await api.db.calendar_feeds.find_one({"_id": cast.sam.id})
    assert stored is not None
    assert urlsplit(second).path.split("/")[-1].removesuffix(".ics") not in str(stored)  # kept only hashed

    revoked = await mutate(api.gql, "CalendarFeedRevoke", cast.sam.token)
    again = await mutate(api.gql, "CalendarFeedRevoke", cast.sam.token)
    assert (revoked["revoked"], again["revoked"]) == (True, False)
    assert (await _feed(scene, second))[0] == 404
    assert (await scene.api.gql.http.get("/calendar/not-a-token.ics")).status_code == 404
