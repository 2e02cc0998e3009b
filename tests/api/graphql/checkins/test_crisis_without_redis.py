"""CRISIS-3: a check-in on a bad day gets the member's helplines in the same response, with
Redis and the Celery broker down (their addresses point at closed ports); nothing else is needed.
"""

from __future__ import annotations

import uuid

from api.main import create_app
from infra.local.services import free_port
from infra.mongo.client import Database
from infra.settings import RedisSettings, Settings, WorkerSettings
from tests.factories.checkins import check_in_operation
from tests.factories.members import onboarded_member
from tests.fixtures.app import GraphQLClient, in_process
from tests.fixtures.auth import AuthEmulator


async def test_a_low_check_in_and_a_high_risk_note_get_help_with_redis_and_the_broker_down(
    settings: Settings, gql: GraphQLClient, auth_emulator: AuthEmulator, db: Database
) -> None:
    # Given a member in Scotland, and an API whose Redis and broker are unreachable
    member = await onboarded_member(gql, auth_emulator, nation="SCOTLAND", language="EN")
    down = settings.model_copy(
        update={
            "redis": RedisSettings(url=f"redis://127.0.0.1:{free_port()}/1", socket_timeout_seconds=0.5),
            "worker": WorkerSettings(broker_url=f"redis://127.0.0.1:{free_port()}/0"),
        }
    )
    headers = {"Authorization": f"Bearer {member.token}"}

    async with in_process(create_app(down)) as clients:
        client = clients()

        async def check_in(**values: object) -> dict[str, object]:
            variables = {"input": {"idempotencyKey": str(uuid.uuid4()), **values}}
            response = await client.post(
                "/graphql", json={"query": check_in_operation("CheckInSubmit"), "variables": variables}, headers=headers
            )
            assert response.status_code == 200, response.text
            result: dict[str, object] = response.json()["data"]["checkInSubmit"]
            return result

        # When they check in with the lowest mood, and then with words of risk
        low = await check_in(mood=1)
        high = await check_in(mood=2, note="I want to kill myself")

    # Then both responses carry Scotland's helplines, and staff have their alert
    for result, level in ((low, "NONE"), (high, "HIGH")):
        assert result["__typename"] == "CheckInSubmitSuccess", result
        signposting = result["signposting"]
        assert isinstance(signposting, dict)
        ids = [resource["id"] for resource in signposting["resources"]]
        assert (signposting["level"], ids[:4]) == (level, ["emergency-999", "emergency-a-and-e", "samaritans", "shout"])
        assert {"nhs-24-scotland", "breathing-space"} <= set(ids)
    high_check_in = high["checkIn"]
    assert isinstance(high_check_in, dict)
    assert await db.safeguarding_alerts.count_documents({"source_key": f"check_in:{high_check_in['id']}"}) == 1
    assert await db.checkins.count_documents({"member_id": member.id}) == 2
