"""Null versus omitted in every update input (issue 14, item 9): an omitted field changes nothing,
and an explicit null clears only where clearing means something (a schedule, being away);
everywhere else null means "unchanged", because many clients send null for every field they
leave unset. The SDL says which is which, field by field. The notification settings (where a
null once ended a break) are tested in notifications/test_notification_preferences.py.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from graphql import GraphQLInputObjectType, GraphQLNonNull

from tests.factories.groups import created_group, mutate, operation
from tests.factories.members import onboarded_member
from tests.fixtures.app import GraphQLClient
from tests.fixtures.auth import AuthEmulator
from tests.security.registry import app_schema

UPDATE_MUTATIONS = ("memberUpdate", "groupUpdate", "groupQuietPolicySet", "groupScheduleSet", "leadAwaySet",
                    "notificationPreferencesSet")  # fmt: skip


def _update_inputs() -> list[tuple[str, str, str]]:
    """(input type, field, description) for every nullable field of the update mutations' inputs."""
    schema = app_schema()
    found = []
    for mutation in UPDATE_MUTATIONS:
        argument = schema.mutation_type.fields[mutation].args["input"].type  # type: ignore[union-attr]
        input_type = argument.of_type if isinstance(argument, GraphQLNonNull) else argument
        assert isinstance(input_type, GraphQLInputObjectType)
        for name, field in input_type.fields.items():
            if not isinstance(field.type, GraphQLNonNull):
                found.append((input_type.name, name, field.description or ""))
    return found


@pytest.mark.parametrize(("input_type", "field", "description"), _update_inputs())
def test_every_optional_field_of_an_update_input_says_what_null_and_omitting_do(
    input_type: str, field: str, description: str
) -> None:
    assert "Omitted" in description, f"{input_type}.{field}: say what omitting it does"
    assert "null" in description, f"{input_type}.{field}: say what null does"


async def test_nulls_sent_for_unset_profile_and_group_fields_change_only_what_was_set(
    gql: GraphQLClient, auth_emulator: AuthEmulator
) -> None:
    # Given a lead whose group has house rules, signposting and a quiet policy
    lead = await onboarded_member(gql, auth_emulator, displayName="Lee", nation="SCOTLAND", timezone="Europe/London")
    group_id = await created_group(gql, lead, houseRules="Be kind.")
    links = [{"name": "Local hub", "url": "https://example.org/hub", "description": "Drop in on Tuesdays."}]
    before = (await mutate(gql, "GroupUpdate", lead.token, groupId=group_id, signposting=links))["group"]
    policy = await mutate(gql, "GroupQuietPolicySet", lead.token, groupId=group_id, missedCheckIns=4, inactiveDays=9)
    assert policy["__typename"] == "GroupQuietPolicySetSuccess", policy

    # When each is saved with one change and null for every other field
    member = await mutate(gql, "MemberUpdate", lead.token, displayName="Lee B", nation=None, timezone=None,
                          language=None)  # fmt: skip
    nulls = dict.fromkeys(("description", "houseRules", "kind", "access", "capacity", "timezone", "signposting"))
    group = await mutate(gql, "GroupUpdate", lead.token, groupId=group_id, name="Renamed", **nulls)
    quiet = await mutate(gql, "GroupQuietPolicySet", lead.token, groupId=group_id, missedCheckIns=None,
                         inactiveDays=12)  # fmt: skip

    # Then only that changed
    assert (member["member"]["displayName"], member["member"]["nation"]) == ("Lee B", "SCOTLAND")
    after = group["group"]
    assert (after["name"], after["houseRules"], after["signposting"]) == ("Renamed", "Be kind.", before["signposting"])
    assert quiet["group"]["quietPolicy"] == {"missedCheckIns": 4, "inactiveDays": 12}
    # And clearing takes a value that says so: an empty string, an empty list
    cleared = (await mutate(gql, "GroupUpdate", lead.token, groupId=group_id, houseRules="", signposting=[]))["group"]
    assert (cleared["houseRules"], cleared["signposting"]) == ("", [])


async def test_omitting_the_one_value_of_a_set_mutation_changes_nothing_and_null_clears_it(
    gql: GraphQLClient, auth_emulator: AuthEmulator
) -> None:
    # Given a lead away for a week, whose group checks in on Mondays at 19:00
    lead = await onboarded_member(gql, auth_emulator)
    group_id = await created_group(gql, lead)
    until = (datetime.now(UTC) + timedelta(days=7)).replace(microsecond=0).isoformat()
    assert (await mutate(gql, "LeadAwaySet", lead.token, groupId=group_id, until=until))["group"]["viewerAwayUntil"]
    weekly = {"weekdays": ["MONDAY"], "localTime": "19:00"}
    assert (await mutate(gql, "GroupScheduleSet", lead.token, groupId=group_id, schedule=weekly))["group"]["schedule"]

    # When each is sent without its value
    away = await mutate(gql, "LeadAwaySet", lead.token, groupId=group_id)
    timetable = await mutate(gql, "GroupScheduleSet", lead.token, groupId=group_id)

    # Then nothing changes, and they are told
    assert (away["__typename"], away["code"]) == ("LeadAwaySetError", "NOTHING_TO_UPDATE")
    assert (timetable["__typename"], timetable["code"]) == ("GroupScheduleSetError", "NOTHING_TO_UPDATE")
    screen = await gql(operation("GroupScreen"), {"id": group_id}, token=lead.token)
    assert screen["data"]["group"]["schedule"] == weekly
    assert screen["data"]["group"]["viewerAwayUntil"] == until

    # And an explicit null is what clears each
    back = await mutate(gql, "LeadAwaySet", lead.token, groupId=group_id, until=None)
    unscheduled = await mutate(gql, "GroupScheduleSet", lead.token, groupId=group_id, schedule=None)
    assert (back["group"]["viewerAwayUntil"], unscheduled["group"]["schedule"]) == (None, None)
