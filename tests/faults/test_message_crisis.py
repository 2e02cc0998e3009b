"""Helplines always, in a conversation too (CRISIS-3): with the store stopped, a member's worrying
message is answered NOT_SAVED_YET with their helplines, screened from memory before any write.
"""

from __future__ import annotations

from domain.crisis.messages import MessageKey, default_messages
from tests.factories.outreach import act, key, led_group, new_outreach_cast, started
from tests.faults.conftest import PrivateServers
from tests.faults.test_crisis_answers import NOT_SAVED_YET, WALES_30_IN_A_CRISIS, WORRYING, ids, serving
from tests.fixtures.auth import AuthEmulator


async def test_a_worrying_message_with_the_store_stopped_gets_not_saved_yet_and_the_members_helplines(
    private_servers: PrivateServers, auth_emulator: AuthEmulator
) -> None:
    async with serving(private_servers.settings()) as api:
        cast = await new_outreach_cast(api.gql, auth_emulator)
        group_id = await led_group(api.gql, cast)
        thread_id = (await started(api.gql, cast.lead, group_id, member=cast.sam))["thread"]["id"]
        assert (await api.gql("{ me { nation } }", token=cast.sam.token))["data"] == {"me": {"nation": "WALES"}}
        private_servers.mongo.kill()

        result = await act(api.gql, "MessageSend", cast.sam, threadId=thread_id, body=WORRYING, clientKey=key())

    assert {k: result[k] for k in ("__typename", "code", "message", "fieldErrors")} == {
        "__typename": "MessageSendError", "code": "NOT_SAVED_YET", "message": NOT_SAVED_YET, "fieldErrors": [],
    }  # fmt: skip
    signposting = result["signposting"]
    assert (signposting["level"], signposting["message"]) == ("HIGH", default_messages().texts[MessageKey.HIGH].cy)
    assert ids(signposting) == WALES_30_IN_A_CRISIS
