"""Local services never hold up help (issue 17, CRISIS-3): with the store stopped, a worrying
check-in in a hosted group is answered at once with the national helplines and then the host's
local services from memory; a refresh that cannot reach the store keeps the last copy; a cold
copy (nothing read yet) gives the national helplines alone.
"""

from __future__ import annotations

from api.cli.migrate import migrate
from api.main import create_app
from domain.crisis import LocalServices
from schemas.documents.base import new_id
from tests.factories.organisations import listed_service
from tests.faults.conftest import PrivateServers
from tests.faults.test_crisis_answers import WALES_30, WALES_30_IN_A_CRISIS, WORRYING, Api, ids
from tests.fixtures.app import GraphQLClient, in_process
from tests.fixtures.auth import AuthEmulator

HELP_FOR_GROUP = (
    "query Help($nation: Nation!, $age: Int, $groupId: ID) "
    "{ supportResources(nation: $nation, age: $age, groupId: $groupId) { id local } }"
)


async def test_with_the_store_stopped_a_hosted_groups_member_gets_helplines_then_local_services_from_memory(
    private_servers: PrivateServers, auth_emulator: AuthEmulator
) -> None:
    settings = private_servers.settings()
    await migrate(settings)
    app = create_app(settings)
    async with in_process(app) as clients:
        api = Api(GraphQLClient(clients()))
        member = await api.member(auth_emulator)
        runtime = app.state.runtime
        # Given a group hosted by an organisation listing one service, read into memory
        group_id, organisation_id = new_id(), new_id()
        await runtime.db["groups"].insert_one(
            {"_id": group_id, "host_organisation_id": organisation_id, "archived": False, "home_area": None}
        )
        service_id = await listed_service(runtime.db, organisation_id, "Riverside Helpline")
        assert await runtime.refresh_local_services()

        # When the store stops, and a member of it checks in with worrying words
        private_servers.mongo.kill()
        warm = await api.check_in(member, note=WORRYING, groupId=group_id)
        screen = await api.gql(HELP_FOR_GROUP, {"nation": "WALES", "age": 30, "groupId": group_id})
        refreshed = await runtime.refresh_local_services()  # the store cannot answer: the copy stays
        after_refresh = await api.check_in(member, note=WORRYING, groupId=group_id)
        runtime.support.local = LocalServices()  # as in a process that has not read them yet
        cold = await api.check_in(member, note=WORRYING, groupId=group_id)

    assert (warm["__typename"], warm["code"]) == ("CheckInSubmitError", "NOT_SAVED_YET")
    assert ids(warm["signposting"]) == [*WALES_30_IN_A_CRISIS, service_id]
    assert screen == {
        "data": {
            "supportResources": [
                *({"id": name, "local": False} for name in WALES_30),
                {"id": service_id, "local": True},
            ]
        }
    }
    assert refreshed is False
    assert ids(after_refresh["signposting"]) == [*WALES_30_IN_A_CRISIS, service_id]
    assert (cold["code"], ids(cold["signposting"])) == ("NOT_SAVED_YET", WALES_30_IN_A_CRISIS)
