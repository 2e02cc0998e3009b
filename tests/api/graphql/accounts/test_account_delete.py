"""accountDelete and accountRestore through the real API: the typed confirmation, a lead hands
over first, the member hidden and signed out at once, and a restore during the grace period.
"""

from __future__ import annotations

import asyncio
import base64
import json
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from firebase_admin import auth

from api.main import create_app
from infra.firebase import get_or_create_app
from infra.mongo.client import Database
from infra.settings import Settings
from tests.factories.accounts import run_app
from tests.factories.devices import registered_device
from tests.factories.frozen import frozen_api
from tests.factories.groups import created_group, invite_code, joined, mutate, operation
from tests.factories.members import TestMember as Person
from tests.factories.members import onboarded_member
from tests.factories.shares import act, shared
from tests.fixtures.app import GraphQLClient, in_process
from tests.fixtures.auth import AuthEmulator
from tests.support.operations import app_operation


async def new_person(gql: GraphQLClient, auth_emulator: AuthEmulator, name: str) -> Person:
    return await onboarded_member(gql, auth_emulator, displayName=name, language="EN")


async def snapshot(db: Database, member: Person) -> dict[str, Any]:
    return {
        "member": await db.members.find_one({"_id": member.id}),
        "memberships": await db.memberships.find({"member_id": member.id}).sort("_id").to_list(None),
        "devices": await db.devices.count_documents({"member_id": member.id}),
        "deletions": await db.account_deletions.count_documents({"_id": member.id}),
    }


async def member_names(gql: GraphQLClient, viewer: Person, group_id: str) -> list[str]:
    body = await gql(operation("GroupScreen"), {"id": group_id}, token=viewer.token)
    assert "errors" not in body, body
    return [node["displayName"] for node in body["data"]["group"]["members"]["nodes"]]


async def past_the_second_of(token: str) -> None:
    """Firebase compares a token's issue time with the revocation in whole seconds: a token
    issued in the second it is revoked still passes. Wait (under a second) until that has passed.
    """
    payload = token.split(".")[1]
    issued = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))["iat"]
    await asyncio.sleep(max(0.0, issued + 1 - time.time()))


async def delete(gql: GraphQLClient, member: Person, confirm: str) -> dict[str, Any]:
    return await run_app(gql, "AccountDelete", member.token, input={"confirm": confirm})


@pytest.mark.parametrize("confirm", ["", "Sam", "Robin Hood", "DELETE"])
async def test_a_confirmation_that_is_not_the_display_name_changes_nothing(
    gql: GraphQLClient, db: Database, auth_emulator: AuthEmulator, confirm: str
) -> None:
    # Given a member named Robin with a phone
    robin = await new_person(gql, auth_emulator, "Robin")
    await registered_device(gql, robin)
    before = await snapshot(db, robin)

    # When they confirm with anything but their name
    result = await delete(gql, robin, confirm)

    # Then a typed error on `confirm`, and nothing changed
    assert result["__typename"] == "AccountDeleteError"
    assert result["code"] == "CONFIRMATION_MISMATCH"
    assert [error["field"] for error in result["fieldErrors"]] == ["confirm"]
    assert await snapshot(db, robin) == before


async def test_the_only_lead_hands_over_first(gql: GraphQLClient, db: Database, auth_emulator: AuthEmulator) -> None:
    # Given the only lead of a group, with a member
    lead, member = await new_person(gql, auth_emulator, "Lee"), await new_person(gql, auth_emulator, "Mo")
    group_id = await created_group(gql, lead)
    await joined(gql, member, code=await invite_code(gql, lead, group_id))
    before = await snapshot(db, lead)

    # When they ask to delete their account
    refused = await delete(gql, lead, "lee")

    # Then they must hand over first, and nothing changed
    assert (refused["__typename"], refused["code"]) == ("AccountDeleteError", "LEADERSHIP_HANDOVER_NEEDED")
    assert await snapshot(db, lead) == before

    # And once they hand leadership to Mo, the deletion starts
    handed = await mutate(gql, "LeadershipTransfer", lead.token, groupId=group_id, memberId=member.id)
    assert handed["__typename"] == "LeadershipTransferSuccess", handed
    assert (await delete(gql, lead, " LEE "))["__typename"] == "AccountDeleteSuccess"


async def test_the_member_is_hidden_signed_out_and_their_phones_forgotten(
    gql: GraphQLClient, db: Database, auth_emulator: AuthEmulator, settings: Settings
) -> None:
    # Given Robin in Lee's group, with a phone and a share under their name
    lead, robin = await new_person(gql, auth_emulator, "Lee"), await new_person(gql, auth_emulator, "Robin")
    group_id = await created_group(gql, lead)
    await joined(gql, robin, code=await invite_code(gql, lead, group_id))
    await registered_device(gql, robin)
    share = await shared(gql, robin, group_id, "Long week.", anonymous=False)
    await past_the_second_of(robin.token)
    asked_at = datetime.now(UTC)

    # When Robin deletes their account
    result = await delete(gql, robin, "Robin")

    # Then it is deleted after 21 days; Robin is out of the member list, and named as a placeholder
    assert result["__typename"] == "AccountDeleteSuccess", result
    delete_after = datetime.fromisoformat(result["deleteAfter"])
    assert timedelta(days=21) <= delete_after - asked_at < timedelta(days=21, minutes=1)
    assert await member_names(gql, lead, group_id) == ["Lee"]
    screen = await gql(app_operation("ShareScreen"), {"id": share["id"]}, token=lead.token)
    assert screen["data"]["share"]["authorName"] == "Former member"
    # Their phones get no more pushes; their sign-in is revoked, and the API refuses it at once
    assert await db.devices.count_documents({"member_id": robin.id}) == 0
    with pytest.raises(auth.RevokedIdTokenError):
        await asyncio.to_thread(
            auth.verify_id_token, robin.token, app=get_or_create_app(settings.firebase), check_revoked=True
        )
    body = await gql(operation("MyGroups"), {}, token=robin.token)
    assert [error["extensions"]["code"] for error in body["errors"]] == ["UNAUTHENTICATED"]


async def signed_in_again(auth_emulator: AuthEmulator, member: Person) -> Person:
    """A fresh sign-in, in a later second than the deletion (sign-in times are whole seconds)."""
    await asyncio.sleep(max(0.0, 1 - (time.time() % 1)) + 0.01)
    return Person(user=await auth_emulator.sign_in(member.user), id=member.id)


async def test_a_token_from_before_the_deletion_stops_working_at_once_on_every_replica(
    gql: GraphQLClient, db: Database, auth_emulator: AuthEmulator, settings: Settings
) -> None:
    # Given Robin, whose token two API replicas have verified and cached (FIREBASE_TOKEN_CACHE_SECONDS)
    robin = await new_person(gql, auth_emulator, "Robin")
    async with in_process(create_app(settings)) as clients:
        other = GraphQLClient(clients())
        for replica in (gql, other):
            assert (await replica(operation("Me"), {}, token=robin.token))["data"]["me"]["id"] == robin.id

        # When Robin deletes their account through the first replica
        assert (await delete(gql, robin, "Robin"))["__typename"] == "AccountDeleteSuccess"
        before = await snapshot(db, robin)

        # Then the old token is refused by both at the next request, even to restore the account
        for replica in (gql, other):
            for name in ("Me", "AccountRestore"):
                body = await replica(operation(name), {}, token=robin.token)
                assert [e["extensions"]["code"] for e in body["errors"]] == ["UNAUTHENTICATED"], (name, body)
                assert body["errors"][0]["message"] == "This sign-in has been ended. Sign in again."
        assert await snapshot(db, robin) == before

        # And only a fresh sign-in restores it
        again = await signed_in_again(auth_emulator, robin)
        restored = await run_app(other, "AccountRestore", again.token)
    assert restored["__typename"] == "AccountRestoreSuccess", restored
    assert await db.account_deletions.count_documents({"_id": robin.id}) == 0


async def test_me_says_whether_the_account_waits_to_be_deleted_and_until_when(
    gql: GraphQLClient, auth_emulator: AuthEmulator
) -> None:
    # Given Robin, whose account is active
    robin = await new_person(gql, auth_emulator, "Robin")
    active = (await gql(operation("Me"), {}, token=robin.token))["data"]["me"]["accountState"]
    assert active == {"status": "ACTIVE", "deletionRequestedAt": None, "deleteAfter": None}

    # When they ask to delete it, then sign in again
    result = await delete(gql, robin, "Robin")
    again = await signed_in_again(auth_emulator, robin)
    me = (await gql(operation("Me"), {}, token=again.token))["data"]["me"]

    # Then `me` shows the restore screen's facts: waiting since the request, deleted after the grace period
    state = me["accountState"]
    assert (me["id"], state["status"], state["deleteAfter"]) == (robin.id, "PENDING_DELETION", result["deleteAfter"])
    asked = datetime.fromisoformat(state["deletionRequestedAt"])
    assert datetime.fromisoformat(result["deleteAfter"]) - asked == timedelta(days=21)

    # And once restored, it is active again
    restored = await run_app(gql, "AccountRestore", again.token)
    assert restored["member"]["accountState"] == active


async def test_signing_in_again_and_restoring_cancels_the_deletion(
    gql: GraphQLClient, db: Database, auth_emulator: AuthEmulator
) -> None:
    # Given Robin asked to delete their account, in Lee's group
    lead, robin = await new_person(gql, auth_emulator, "Lee"), await new_person(gql, auth_emulator, "Robin")
    group_id = await created_group(gql, lead)
    await joined(gql, robin, code=await invite_code(gql, lead, group_id))
    assert (await delete(gql, robin, "robin"))["__typename"] == "AccountDeleteSuccess"

    # When they sign in again and restore it
    again = await signed_in_again(auth_emulator, robin)
    result = await run_app(gql, "AccountRestore", again.token)

    # Then they are back, as they were, in the list again, and nothing waits to delete them
    assert result["__typename"] == "AccountRestoreSuccess", result
    assert result["member"]["displayName"] == "Robin"
    assert await member_names(gql, lead, group_id) == ["Lee", "Robin"]
    assert await db.account_deletions.count_documents({"_id": robin.id}) == 0
    assert (await run_app(gql, "AccountRestore", again.token))["code"] == "NOT_PENDING_DELETION"


async def test_restoring_after_the_grace_period_is_too_late(
    settings: Settings, db: Database, auth_emulator: AuthEmulator
) -> None:
    # Given Robin asked to delete their account 21 days ago
    start = datetime.now(UTC)
    async with frozen_api(settings, start) as api:
        robin = await new_person(api.gql, auth_emulator, "Robin")
        assert (await delete(api.gql, robin, "Robin"))["__typename"] == "AccountDeleteSuccess"
        api.clock.current = start + timedelta(days=21)
        again = await signed_in_again(auth_emulator, robin)

        # When they try to restore it
        result = await run_app(api.gql, "AccountRestore", again.token)

    # Then it is too late: the purge is due, and the deletion stays
    assert (result["__typename"], result["code"]) == ("AccountRestoreError", "RESTORE_TOO_LATE")
    assert await db.account_deletions.count_documents({"_id": robin.id}) == 1


OPERATIONS = {
    "AccountDelete": {"input": {"confirm": "Robin"}},
    "AccountRestore": {},
    "DataExportRequest": {},
    "DataExport": {"id": "7d0c1bde-5f43-4a52-9b8e-6c1f2b6b1a11"},
}


@pytest.mark.parametrize("name", OPERATIONS)
@pytest.mark.parametrize(
    ("caller", "code"), [("anonymous", "UNAUTHENTICATED"), ("not onboarded", "ONBOARDING_REQUIRED")]
)
async def test_callers_who_are_not_members_are_refused_and_nothing_is_written(
    gql: GraphQLClient, db: Database, auth_emulator: AuthEmulator, name: str, caller: str, code: str
) -> None:
    # Given someone signed out, or signed in without a profile
    token = None if caller == "anonymous" else (await auth_emulator.sign_up()).token
    before = [await db.data_exports.count_documents({}), await db.account_deletions.count_documents({})]

    # When they call the operation
    body = await gql(app_operation(name), OPERATIONS[name], token=token)

    # Then a top-level error with its code, and no export or deletion was written
    assert [error["extensions"]["code"] for error in body["errors"]] == [code]
    assert [await db.data_exports.count_documents({}), await db.account_deletions.count_documents({})] == before


async def test_a_member_waiting_to_be_deleted_cannot_post(
    gql: GraphQLClient, db: Database, auth_emulator: AuthEmulator
) -> None:
    # Given Robin asked to delete their account
    lead, robin = await new_person(gql, auth_emulator, "Lee"), await new_person(gql, auth_emulator, "Robin")
    group_id = await created_group(gql, lead)
    await joined(gql, robin, code=await invite_code(gql, lead, group_id))
    assert (await delete(gql, robin, "Robin"))["__typename"] == "AccountDeleteSuccess"

    # When they sign in again and try to share or export
    again = await signed_in_again(auth_emulator, robin)
    share = await act(gql, "ShareCreate", again.token, groupId=group_id, body="Hello", anonymous=False)
    export = await gql(app_operation("DataExportRequest"), {}, token=again.token)

    # Then both are refused with their own typed error, and nothing was written
    exported = export["data"]["dataExportRequest"]
    assert [share["code"], exported["code"]] == ["ACCOUNT_DELETION_PENDING"] * 2
    assert [share["__typename"], exported["__typename"]] == ["ShareCreateError", "DataExportRequestError"]
    assert await db.data_exports.count_documents({"member_id": robin.id}) == 0
