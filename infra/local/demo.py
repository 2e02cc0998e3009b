"""A small demo world for the app team's first day: `scripts/dev seed`, with `scripts/dev` running.

Through the running API and the app's own operations (the trusted-documents manifest), as the
app would: six members signed up in the Auth emulator and onboarded, each with a phone whose
pushes the fake FCM shows (quiet hours off, so they show at once), a closed group whose
members joined over a week ago (so sharing without a name is open: the one write made straight
to the database, as no API can move time), an open group, check-ins, an anonymous and a named
share with a reply and a reaction, a join request waiting for the lead, and Kai, safeguarding staff
for the staff console (`/console`). Run again, it makes
nothing twice and prints fresh tokens (an ID token lasts an hour).

    python -m infra.local.demo [--api http://127.0.0.1:8000/graphql]
"""

from __future__ import annotations

import argparse
import json
import os
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from firebase_admin import auth
from pymongo import MongoClient

from infra.firebase import get_or_create_app
from infra.settings import FirebaseSettings, MongoSettings

MANIFEST = Path(__file__).resolve().parents[2] / "schemas" / "graphql" / "trusted-documents.json"
PASSWORD = "demo-password"  # noqa: S105 - the local Auth emulator's demo accounts only
CLOSED_GROUP, OPEN_GROUP = "Monday evening circle (demo)", "New in town (demo)"
# Name, born, nation: the first leads both groups; the last asks to join.
PEOPLE = [
    ("Lee", "1985-03-14", "ENGLAND"), ("Sam", "1996-07-02", "WALES"), ("Priya", "1990-11-23", "ENGLAND"),
    ("Alex", "2001-01-30", "SCOTLAND"), ("Morgan", "1979-05-09", "NORTHERN_IRELAND"), ("Jo", "1993-09-17", "WALES"),
]  # fmt: skip


@dataclass
class Person:
    name: str
    email: str
    token: str
    id: str = ""


class Api:
    """The running API, called with the manifest's operations, by name."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.operations = {op["name"]: op["body"] for op in json.loads(MANIFEST.read_text())["operations"]}

    def call(self, name: str, token: str, /, **variables: Any) -> dict[str, Any]:
        body = json.dumps({"query": self.operations[name], "variables": variables}).encode()
        headers = {"Content-Type": "application/json", "Authorization": f"Bearer {token}"}
        request = urllib.request.Request(self.url, data=body, headers=headers)  # noqa: S310 - a local URL
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - a local URL
            answer: dict[str, Any] = json.loads(response.read())
        if answer.get("errors"):
            raise RuntimeError(f"{name}: {answer['errors']}")
        data: dict[str, Any] = answer["data"]
        return data

    def mutate(self, name: str, token: str, /, **input_: Any) -> dict[str, Any]:
        [result] = self.call(name, token, input=input_).values()
        return dict(result)


def _auth(path: str, **fields: Any) -> dict[str, Any]:
    """The Auth emulator's REST API, as the app's Firebase SDK calls it."""
    host = os.environ["FIREBASE_AUTH_EMULATOR_HOST"]
    url = f"http://{host}/identitytoolkit.googleapis.com/v1/accounts:{path}?key=demo"
    request = urllib.request.Request(
        url, data=json.dumps(fields).encode(), headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - the local emulator
            answer: dict[str, Any] = json.loads(response.read())
            return answer
    except urllib.error.HTTPError:
        return {}


def signed_in(name: str) -> Person:
    email = f"{name.lower()}@demo.example"
    fields = {"email": email, "password": PASSWORD, "returnSecureToken": True}
    answer = _auth("signInWithPassword", **fields) or _auth("signUp", **fields)
    return Person(name=name, email=email, token=answer["idToken"])


def onboarded(api: Api, name: str, born: str, nation: str) -> Person:
    person = signed_in(name)
    profile = {"displayName": name, "dateOfBirth": born, "nation": nation, "timezone": "Europe/London",
               "language": "EN"}  # fmt: skip
    api.mutate("MemberOnboard", person.token, **profile)  # ALREADY_ONBOARDED on a second run: fine
    person.id = api.call("Me", person.token)["me"]["id"]
    # A phone of theirs, so the fake FCM shows their pushes; no quiet hours, so it shows them now.
    api.mutate("DeviceRegister", person.token, token=f"demo-phone-{name.lower()}", platform="ANDROID", locale="en-GB")
    api.mutate("NotificationPreferencesSet", person.token, quietHoursStart="00:00", quietHoursEnd="00:00")
    return person


def staff_officer(api: Api) -> Person:
    """Kai, safeguarding staff (a Firebase custom claim, set on the emulator), to try the staff console."""
    person = onboarded(api, "Kai", "1988-02-11", "ENGLAND")
    app = get_or_create_app(FirebaseSettings())
    auth.set_custom_user_claims(auth.get_user_by_email(person.email, app=app).uid, {"safeguarding": True}, app=app)
    return person


def demo_groups(api: Api, lead: Person) -> dict[str, str]:
    """The lead's demo groups by name, made if missing."""
    mine = {n["name"]: n["id"] for n in api.call("MyGroups", lead.token, first=50)["myGroups"]["nodes"]}
    made = {}
    for name, access, kind in ((CLOSED_GROUP, "CLOSED", "GENERAL"), (OPEN_GROUP, "OPEN", "NEWCOMERS")):
        if name not in mine:
            details = {"name": name, "description": "A demo group for trying every screen.", "kind": kind,
                       "access": access, "timezone": "Europe/London"}  # fmt: skip
            made[name] = api.mutate("GroupCreate", lead.token, **details)["group"]["id"]
    return mine | made


def populate(api: Api, people: list[Person], group_id: str, open_group_id: str) -> None:
    """Members in, a week and more ago; check-ins, shares, a reply, a reaction, and a request waiting."""
    lead, sam, priya, alex, morgan, jo = people
    code = api.mutate("InviteCreate", lead.token, groupId=group_id, maxUses=10)["inviteCode"]
    for person in (sam, priya, alex, morgan):
        api.mutate("GroupJoin", person.token, inviteCode=code)
    api.mutate("GroupJoin", priya.token, groupId=open_group_id)
    _joined_a_week_ago(group_id)
    for person, mood in ((sam, 2), (priya, 4), (alex, 3)):
        key = str(uuid.uuid5(uuid.NAMESPACE_URL, f"demo-{person.name}-{group_id}"))  # the same on a rerun
        api.mutate("CheckInSubmit", person.token, mood=mood, idempotencyKey=key, visibility="GROUP",
                   groupId=group_id, note="A demo check-in.")  # fmt: skip
    anonymous = api.mutate("ShareCreate", sam.token, groupId=group_id, body="A grey one today. Demo words.")
    api.mutate("ShareCreate", priya.token, groupId=group_id, body="Thank you all for Monday.", anonymous=False)
    api.mutate("ResponseCreate", alex.token, shareId=anonymous["share"]["id"], body="Thinking of you.")
    api.mutate("ReactionSet", morgan.token, shareId=anonymous["share"]["id"], kind="HERE_FOR_YOU")
    link = api.mutate("InviteCreate", lead.token, groupId=group_id, asksLeads=True)["inviteCode"]
    api.mutate("JoinRequestCreate", jo.token, inviteCode=link, message="Could I join on Mondays?")


def _joined_a_week_ago(group_id: str) -> None:
    """The one write straight to the store: sharing without a name needs members of over a week."""
    settings = MongoSettings()
    client: MongoClient[dict[str, Any]]
    with MongoClient(settings.uri) as client:
        joined = datetime.now(UTC) - timedelta(days=8)
        client[settings.database]["memberships"].update_many({"group_id": group_id}, {"$set": {"joined_at": joined}})


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Load a small demo world into the running API.")
    parser.add_argument("--api", default=f"http://127.0.0.1:{os.environ.get('PORT', '8000')}/graphql")
    api = Api(parser.parse_args(argv).api)
    people = [onboarded(api, name, born, nation) for name, born, nation in PEOPLE]
    existing = {n["name"] for n in api.call("MyGroups", people[0].token, first=50)["myGroups"]["nodes"]}
    groups = demo_groups(api, people[0])
    if CLOSED_GROUP not in existing:
        populate(api, people, groups[CLOSED_GROUP], groups[OPEN_GROUP])
    officer = staff_officer(api)
    _print(people, groups)
    console = api.url.removesuffix("/graphql") + "/console/"
    print(f"Staff console: {console}  sign in as {officer.email} (safeguarding staff) or {people[0].email} "  # noqa: T201
          f"(the lead), password {PASSWORD}\n")  # fmt: skip


def _print(people: list[Person], groups: dict[str, str]) -> None:
    roles = {"Lee": "leads both groups", "Jo": "asked to join the closed group"}
    lines = ["", f"Demo world ready (password for every account: {PASSWORD}; tokens last an hour)", ""]
    for person in people:
        lines.append(f"{person.name:7} {person.email:22} {person.id}  {roles.get(person.name, 'member')}")
        lines.append(f"        Authorization: Bearer {person.token}")
    lines += ["", *(f"{name}: {group_id}" for name, group_id in groups.items() if "(demo)" in name), ""]
    print("\n".join(lines))  # noqa: T201 - this program's output is the point


if __name__ == "__main__":
    main()
