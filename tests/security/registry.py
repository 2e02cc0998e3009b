"""Every root field of the schema, and how to attack it: a case per field.

A case gives the variables that aim the operation at the shared world's object
(another member's, or the group's), the outcome each role gets (in `ROLES`
order: anonymous, outsider, member, co_lead, lead, admin, safeguarding, then the
staff of the group's host organisation: org_admin, org_safeguarding, org_staff,
and other_org_staff, staff of another organisation, who must get exactly what
the outsider gets), and the
variable holding the object's id, which the uniform-denial test swaps for a
random id. Optionally: `own`, the variables aiming it at the member's own
object (the member must be allowed), and `harmless`, when a mutation's allowed
calls change nothing another case reads, so the matrix runs those too. A new
root field needs one line here, or the schema walk fails.

Outcomes: OK, a top-level error code, or a mutation's typed error code (which codes may be
top-level is the rule in api/graphql/errors.py; test_error_channel.py holds every case to it).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from graphql import GraphQLSchema

from api.graphql.execution.rate_limits import OPERATION_TYPES
from api.graphql.schema import build_schema
from infra.settings import GraphQLSettings
from tests.security.matrix import NF, NP, OK, F, U
from tests.security.world import ROLES, World

Variables = Callable[[World], dict[str, Any]]
SIGNED_IN = f"{U} {OK} {OK} {OK} {OK} {OK} {OK} {OK} {OK} {OK} {OK}"


@dataclass(frozen=True)
class Case:
    outcomes: tuple[str, ...]
    variables: Variables
    probe: str | None  # the variable naming the object; None when the field takes no id
    silent: bool  # another's object is answered like a missing one without an error (ids listed as not found)
    known_by_id: str  # why no one is refused the object, when nobody is (uniform denial has no one to compare)
    own: Variables | None  # aimed at the member's own object: the member is allowed
    harmless: bool  # a mutation whose allowed calls change nothing another case reads (so they run too)

    def expected(self, role: str) -> str:
        return self.outcomes[ROLES.index(role)]


def case(
    outcomes: str, variables: Variables = lambda w: {}, probe: str | None = None, *, silent: bool = False,
    known_by_id: str = "",
    own: Variables | None = None,
    harmless: bool = False,
) -> Case:  # fmt: skip
    """`outcomes`: one word per role, in `ROLES` order."""
    words = tuple(outcomes.split())
    assert len(words) == len(ROLES), outcomes
    return Case(words, variables, probe, silent, known_by_id, own, harmless)


def _key() -> str:
    return str(uuid.uuid4())


def _mobile() -> str:
    """A fresh UK mobile number each call (a number registers once)."""
    return f"+447400{uuid.uuid4().int % 1_000_000:06d}"


QUERIES: dict[str, Case] = {
    "me": case(SIGNED_IN),
    "group": case(f"{U} {NF} {OK} {OK} {OK} {OK} {NF} {OK} {OK} {OK} {NF}", lambda w: {"id": w.group_id}, "id"),
    "myGroups": case(SIGNED_IN, lambda w: {"first": 10}),
    "groups": case(SIGNED_IN, lambda w: {"first": 10}),
    "joinRequests": case(
        f"{U} {NF} {F} {OK} {OK} {F} {NF} {F} {F} {F} {NF}", lambda w: {"groupId": w.group_id}, "groupId"
    ),
    "myLeadership": case(SIGNED_IN, lambda w: {"first": 10}),
    "supportResources": case(
        f"{OK} {OK} {OK} {OK} {OK} {OK} {OK} {OK} {OK} {OK} {OK}", lambda w: {"nation": "WALES", "language": "CY"}
    ),
    "notifications": case(SIGNED_IN, lambda w: {"first": 10}),
    "notification": case(
        f"{U} {NF} {NF} {NF} {NF} {NF} {NF} {NF} {NF} {NF} {NF}",
        lambda w: {"id": w.notification_id},
        "id",
        own=lambda w: {"id": w.own["notification"]},
    ),
    "unreadNotificationCount": case(SIGNED_IN),
    "notificationPreferences": case(SIGNED_IN),
    "myCheckIns": case(SIGNED_IN, lambda w: {"first": 10}),
    "myMoodTrend": case(SIGNED_IN, lambda w: {"days": 30}),
    "groupCheckIns": case(
        f"{U} {NF} {OK} {OK} {OK} {F} {NF} {F} {F} {F} {NF}", lambda w: {"groupId": w.group_id}, "groupId"
    ),
    "groupWellbeing": case(
        f"{U} {NF} {F} {OK} {OK} {F} {NF} {F} {F} {F} {NF}", lambda w: {"groupId": w.group_id, "days": 7}, "groupId"
    ),
    "groupFeed": case(
        f"{U} {NF} {OK} {OK} {OK} {NF} {OK} {NF} {NF} {NF} {NF}", lambda w: {"groupId": w.group_id}, "groupId"
    ),
    "share": case(
        f"{U} {NF} {OK} {OK} {OK} {NF} {OK} {NF} {NF} {NF} {NF}",
        lambda w: {"id": w.share_id},
        "id",
        own=lambda w: {"id": w.own["share"]},
    ),
    "moderationNotices": case(SIGNED_IN),
    "moderationAppeals": case(
        f"{U} {NF} {NF} {NF} {NF} {OK} {OK} {OK} {OK} {OK} {NF}", lambda w: {"groupId": w.group_id}, "groupId"
    ),
    "moderationLog": case(
        f"{U} {NF} {F} {OK} {OK} {NF} {OK} {OK} {OK} {OK} {NF}", lambda w: {"groupId": w.group_id}, "groupId"
    ),
    "moderationQueue": case(
        f"{U} {NF} {F} {OK} {OK} {NF} {OK} {OK} {OK} {OK} {NF}", lambda w: {"groupId": w.group_id}, "groupId"
    ),
    "safeguardingAlerts": case(f"{U} {F} {F} {F} {F} {F} {OK} {F} {OK} {F} {F}", lambda w: {"first": 10}),
    "myDifficultDates": case(SIGNED_IN, lambda w: {"first": 10}),
    "staffAlerts": case(f"{U} {F} {F} {F} {F} {OK} {OK} {F} {F} {F} {F}", lambda w: {"first": 10}),
    "quietMembers": case(
        f"{U} {NF} {F} {OK} {OK} {F} {NF} {F} {F} {F} {NF}", lambda w: {"groupId": w.group_id}, "groupId"
    ),
    "dataExport": case(
        f"{U} {NF} {NF} {NF} {NF} {NF} {NF} {NF} {NF} {NF} {NF}",
        lambda w: {"id": w.export_id},
        "id",
        own=lambda w: {"id": w.own["export"]},
    ),
    "thread": case(
        f"{U} {NF} {NF} {OK} {OK} {NF} {NF} {NF} {NF} {NF} {NF}",
        lambda w: {"id": w.thread_id},
        "id",
        own=lambda w: {"id": w.own["thread"]},
    ),
    "myThreads": case(SIGNED_IN, lambda w: {"first": 10}),
    "groupThreads": case(
        f"{U} {NF} {F} {OK} {OK} {F} {NF} {F} {F} {F} {NF}", lambda w: {"groupId": w.group_id}, "groupId"
    ),
    "safeguardingThreads": case(f"{U} {F} {F} {F} {F} {F} {OK} {F} {F} {F} {F}", lambda w: {"first": 10}),
    "threadOpeners": case(SIGNED_IN),
    "myOrganisations": case(SIGNED_IN),
    "organisation": case(
        f"{U} {NF} {NF} {NF} {NF} {OK} {NF} {OK} {OK} {OK} {NF}", lambda w: {"id": w.organisation_id}, "id"
    ),
    "organisationStaff": case(
        f"{U} {NF} {NF} {NF} {NF} {OK} {NF} {OK} {F} {F} {NF}",
        lambda w: {"organisationId": w.organisation_id},
        "organisationId",
    ),
    "organisationRota": case(
        f"{U} {NF} {NF} {NF} {NF} {OK} {NF} {OK} {OK} {OK} {NF}",
        lambda w: {"organisationId": w.organisation_id, "start": "2026-01-01T00:00:00Z", "end": "2026-02-01T00:00:00Z"},
        "organisationId",
    ),
    "acknowledgementReport": case(
        f"{U} {NF} {NF} {NF} {NF} {OK} {NF} {OK} {OK} {F} {NF}",
        lambda w: {"organisationId": w.organisation_id, "months": 3},
        "organisationId",
    ),
    "organisationGroups": case(
        f"{U} {NF} {NF} {NF} {NF} {OK} {NF} {OK} {OK} {OK} {NF}",
        lambda w: {"organisationId": w.organisation_id},
        "organisationId",
    ),
    "groupSessions": case(
        f"{U} {NF} {OK} {OK} {OK} {OK} {NF} {OK} {OK} {OK} {NF}", lambda w: {"groupId": w.group_id}, "groupId"
    ),
    "session": case(f"{U} {NF} {OK} {OK} {OK} {OK} {NF} {OK} {OK} {OK} {NF}", lambda w: {"id": w.session_id}, "id"),
    "venues": case(
        f"{U} {NF} {OK} {OK} {OK} {OK} {NF} {OK} {OK} {OK} {NF}", lambda w: {"groupId": w.group_id}, "groupId"
    ),
}

SUBSCRIPTIONS: dict[str, Case] = {
    "groupFeed": case(
        f"{U} {NF} {OK} {OK} {OK} {NF} {NF} {NF} {NF} {NF} {NF}", lambda w: {"groupId": w.group_id}, "groupId"
    ),
    "threadLive": case(
        f"{U} {NF} {NF} {OK} {OK} {NF} {NF} {NF} {NF} {NF} {NF}", lambda w: {"threadId": w.thread_id}, "threadId"
    ),
}

MUTATIONS: dict[str, Case] = {
    "memberOnboard": case(
        f"{U} " + " ".join(["ALREADY_ONBOARDED"] * 10),
        lambda w: {
            "displayName": "Sam",
            "dateOfBirth": "1990-05-01",
            "nation": "WALES",
            "timezone": "Europe/London",
            "language": "EN",
        },
    ),
    "memberUpdate": case(SIGNED_IN, lambda w: {"displayName": "Sam"}, harmless=True),
    "groupCreate": case(
        f"{U} {NP} {NP} {NP} {NP} {OK} {NP} {NP} {NP} {NP} {NP}",
        lambda w: {
            "name": "Young carers",
            "description": "Youth.",
            "kind": "YOUNG_CARERS",
            "access": "CLOSED",
            "timezone": "Europe/London",
            "youth": True,
            "leadMemberId": w.id_of("member"),
        },
        harmless=True,
    ),
    "groupUpdate": case(
        f"{U} {NF} {NP} {NP} {OK} {NP} {NF} {NP} {NP} {NP} {NF}",
        lambda w: {"groupId": w.group_id, "name": "X"},
        "groupId",
        harmless=True,
    ),
    "groupArchive": case(
        f"{U} {NF} {NP} {NP} {OK} {NP} {NF} {NP} {NP} {NP} {NF}", lambda w: {"groupId": w.group_id}, "groupId"
    ),
    "groupJoin": case(
        f"{U} {NF} ALREADY_MEMBER ALREADY_MEMBER ALREADY_MEMBER GROUP_CLOSED {NF} {NF} {NF} {NF} {NF}",
        lambda w: {"groupId": w.group_id},
        "groupId",
    ),
    "groupLeave": case(
        f"{U} {NF} {OK} {OK} LAST_LEAD NOT_A_MEMBER {NF} {NF} {NF} {NF} {NF}",
        lambda w: {"groupId": w.group_id},
        "groupId",
    ),
    "inviteCreate": case(
        f"{U} {NF} {NP} {OK} {OK} {NP} {NF} {NP} {NP} {NP} {NF}",
        lambda w: {"groupId": w.group_id},
        "groupId",
        harmless=True,
    ),
    "joinRequestCreate": case(
        f"{U} {OK} ALREADY_MEMBER ALREADY_MEMBER ALREADY_MEMBER {OK} {OK} {OK} {OK} {OK} {OK}",
        lambda w: {"inviteCode": w.request_code, "message": "Hello"},  # a closed group's id is not enough
        harmless=True,
    ),
    "joinRequestDecide": case(
        f"{U} {NF} {NF} {OK} {OK} {NF} {NF} {NF} {NF} {NF} {NF}",
        lambda w: {"requestId": w.join_request_id, "decision": "APPROVE"},
        "requestId",
    ),
    "memberRemove": case(
        f"{U} {NF} {NP} {OK} {OK} {OK} {NF} {NP} {NP} {NP} {NF}",
        lambda w: {"groupId": w.group_id, "memberId": w.id_of("peer"), "reason": "Breaking the rules"},
        "groupId",
    ),
    "coLeadPromote": case(
        f"{U} {NF} {NP} {NP} {OK} {NP} {NF} {NP} {NP} {NP} {NF}",
        lambda w: {"groupId": w.group_id, "memberId": w.id_of("peer")},
        "groupId",
    ),
    "coLeadDemote": case(
        f"{U} {NF} {NP} {NP} {OK} {NP} {NF} {NP} {NP} {NP} {NF}",
        lambda w: {"groupId": w.group_id, "memberId": w.id_of("co_lead")},
        "groupId",
    ),
    "leadershipTransfer": case(
        f"{U} {NF} {NP} {NP} {OK} {NP} {NF} {NP} {NP} {NP} {NF}",
        lambda w: {"groupId": w.group_id, "memberId": w.id_of("peer")},
        "groupId",
    ),
    "groupLeadAssign": case(
        f"{U} {NF} {NP} {NP} {NP} {OK} {NF} {NP} {NP} {NP} {NF}",
        lambda w: {"groupId": w.group_id, "memberId": w.id_of("peer")},
        "groupId",
    ),
    "leadAwaySet": case(
        f"{U} {NF} {NP} {OK} {OK} {NP} {NF} {NP} {NP} {NP} {NF}",
        lambda w: {"groupId": w.group_id, "until": None},
        "groupId",
        harmless=True,
    ),
    "groupScheduleSet": case(
        f"{U} {NF} {NP} {NP} {OK} {NP} {NF} {NP} {NP} {NP} {NF}",
        lambda w: {"groupId": w.group_id, "schedule": None},
        "groupId",
        harmless=True,
    ),
    "groupQuietPolicySet": case(
        f"{U} {NF} {NP} {NP} {OK} {NP} {NF} {NP} {NP} {NP} {NF}",
        lambda w: {"groupId": w.group_id, "missedCheckIns": 3},
        "groupId",
        harmless=True,
    ),
    "groupLocalServiceAttach": case(
        f"{U} {NF} {NP} {OK} {OK} {NP} {NF} {NP} {NP} {NP} {NF}",
        lambda w: {"groupId": w.group_id, "serviceId": w.local_service_id},
        "groupId",
        harmless=True,
    ),
    "groupLocalServiceDetach": case(
        f"{U} {NF} {NP} {OK} {OK} {NP} {NF} {NP} {NP} {NP} {NF}",
        lambda w: {"groupId": w.group_id, "serviceId": w.local_service_id},
        "groupId",
        harmless=True,
    ),
    "deviceRegister": case(
        SIGNED_IN, lambda w: {"token": f"{_key()}:APA91b{_key()}", "platform": "IOS", "locale": "en-GB"}, harmless=True
    ),
    "deviceUnregister": case(
        f"{U} {NF} {NF} {NF} {NF} {NF} {NF} {NF} {NF} {NF} {NF}",
        lambda w: {"token": w.device_token},
        "token",
        own=lambda w: {"token": w.own["device"]},
    ),
    "notificationPreferencesSet": case(SIGNED_IN, lambda w: {"dailyPushCap": 3}, harmless=True),
    "notificationsMarkRead": case(
        SIGNED_IN,
        lambda w: {"ids": [w.notification_id]},
        "ids",
        silent=True,
        harmless=True,
        own=lambda w: {"ids": [w.own["notification"]]},
    ),
    "checkInSubmit": case(
        f"{U} {NF} {OK} {OK} {OK} {NF} {NF} {NF} {NF} {NF} {NF}",
        lambda w: {"mood": 3, "idempotencyKey": _key(), "visibility": "GROUP", "groupId": w.group_id},
        "groupId",
        harmless=True,
    ),
    "shareCreate": case(
        f"{U} {NF} {OK} {OK} {OK} {NF} {NP} {NF} {NF} {NF} {NF}",
        lambda w: {"groupId": w.group_id, "body": "Hi", "anonymous": False},
        "groupId",
        harmless=True,
    ),
    "shareUpdate": case(
        f"{U} {NF} {NP} {NP} {NP} {NF} {NP} {NF} {NF} {NF} {NF}",
        lambda w: {"shareId": w.share_id, "body": "Mine"},
        "shareId",
        own=lambda w: {"shareId": w.own["share"], "body": "Edited."},
    ),
    "shareDelete": case(
        f"{U} {NF} {NP} {NP} {NP} {NF} {NP} {NF} {NF} {NF} {NF}",
        lambda w: {"shareId": w.share_id},
        "shareId",
        own=lambda w: {"shareId": w.own["share_to_delete"]},
    ),
    "responseCreate": case(
        f"{U} {NF} {OK} {OK} {OK} {NF} {NP} {NF} {NF} {NF} {NF}",
        lambda w: {"shareId": w.share_id, "body": "Hi", "anonymous": False},
        "shareId",
        harmless=True,
    ),
    "reactionSet": case(
        f"{U} {NF} {OK} {OK} {OK} {NF} {NP} {NF} {NF} {NF} {NF}",
        lambda w: {"shareId": w.share_id, "kind": "ME_TOO"},
        "shareId",
        harmless=True,
    ),
    "reactionRemove": case(
        f"{U} {NF} NOT_REACTED NOT_REACTED NOT_REACTED {NF} {NP} {NF} {NF} {NF} {NF}",
        lambda w: {"shareId": w.share_id, "kind": "ME_TOO"},
        "shareId",
        own=lambda w: {"shareId": w.share_id, "kind": "HERE_FOR_YOU"},
    ),
    "reportCreate": case(
        f"{U} {NF} {OK} {OK} {OK} {NF} {OK} {NF} {NF} {NF} {NF}",
        lambda w: {"targetKind": "SHARE", "targetId": w.share_id, "groupId": w.group_id, "reason": "SPAM", "note": ""},
        "targetId",
    ),
    "contentModerate": case(
        f"{U} {NF} {NP} {OK} {OK} {NF} {OK} {NF} {NF} {NF} {NF}",
        lambda w: {"targetKind": "SHARE", "targetId": w.share_id, "action": "HIDE", "reason": "Unkind"},
        "targetId",
    ),
    "memberMute": case(
        f"{U} {NF} {NP} {OK} {OK} {NF} {OK} {NF} {NF} {NF} {NF}",
        lambda w: {"groupId": w.group_id, "memberId": w.id_of("peer"), "hours": 24, "reason": "Unkind"},
        "groupId",
        harmless=True,
    ),
    "reportDismiss": case(
        f"{U} {NF} {NP} {OK} {OK} {NF} {OK} {NF} {NF} {NF} {NF}",
        lambda w: {"reportId": w.report_id, "reason": "Fine"},
        "reportId",
    ),
    "alertAcknowledge": case(
        f"{U} {F} {F} {F} {F} {F} {OK} {F} ALREADY_ACKNOWLEDGED {F} {F}",
        lambda w: {"alertId": w.alert_id},
        "alertId",
        harmless=True,
    ),
    "alertResolve": case(
        f"{U} {F} {F} {F} {F} {F} {OK} {F} ALREADY_RESOLVED {F} {F}",
        lambda w: {"alertId": w.alert_id, "note": "Called"},
        "alertId",
        harmless=True,
    ),
    # The host organisation's safeguarding officers too (another organisation's: NOT_FOUND, in test_break_glass).
    "authorRevealRequest": case(
        f"{U} {F} {F} {F} {F} {F} {OK} {F} {OK} {F} {F}",
        lambda w: {"targetKind": "SHARE", "targetId": w.share_id, "reason": "RISK_TO_LIFE", "justification": "Risk"},
        "targetId",
        harmless=True,
    ),
    "authorRevealApprove": case(  # the platform officer asked; the host's officer may approve (not run here)
        f"{U} {F} {F} {F} {F} {F} SELF_APPROVAL {F} {OK} {F} {F}",
        lambda w: {"requestId": w.reveal_request_id},
        "requestId",
    ),
    "difficultDateAdd": case(SIGNED_IN, lambda w: {"label": "Hard day", "month": 3, "day": 28}, harmless=True),
    "difficultDateRemove": case(
        f"{U} {NF} {NF} {NF} {NF} {NF} {NF} {NF} {NF} {NF} {NF}",
        lambda w: {"id": w.difficult_date_id},
        "id",
        own=lambda w: {"id": w.own["difficult_date"]},
    ),
    "followUpAnswer": case(
        f"{U} {NF} {NF} {NF} {NF} {NF} {NF} {NF} {NF} {NF} {NF}",
        lambda w: {"id": w.follow_up_id, "mood": 3, "reachedSomeone": False},
        "id",
    ),
    "supportRequest": case(
        f"{U} {NF} {OK} {OK} {OK} {NF} {NF} {NF} {NF} {NF} {NF}", lambda w: {"groupId": w.group_id}, "groupId"
    ),
    "dataExportRequest": case(f"{U} {OK} EXPORT_ALREADY_RUNNING {OK} {OK} {OK} {OK} {OK} {OK} {OK} {OK}"),
    "accountDelete": case(
        f"{U} " + " ".join(["CONFIRMATION_MISMATCH"] * 10),
        lambda w: {"confirm": "Not my name"},
    ),
    "threadStart": case(
        f"{U} {NF} {NP} {OK} {OK} {NP} {NF} {NP} {NP} {NP} {NF}",
        lambda w: {"groupId": w.group_id, "memberId": w.id_of("peer"), "body": "Hello", "clientKey": _key()},
        "groupId",
        harmless=True,
    ),
    "staffThreadStart": case(
        f"{U} {F} {F} {F} {F} {F} {OK} {F} {OK} {F} {F}",
        lambda w: {"alertId": w.named_alert_id, "body": "We're here for you.", "clientKey": _key()},
        "alertId",
        harmless=True,
    ),
    "messageSend": case(
        f"{U} {NF} {NF} {OK} {OK} {NF} {NF} {NF} {NF} {NF} {NF}",
        lambda w: {"threadId": w.thread_id, "body": "Hello", "clientKey": _key()},
        "threadId",
        harmless=True,
        own=lambda w: {"threadId": w.own["thread"], "body": "Me again.", "clientKey": _key()},
    ),
    "messageUpdate": case(
        f"{U} {NF} {NF} {NP} {NP} {NF} {NF} {NF} {NF} {NF} {NF}",
        lambda w: {"messageId": w.message_id, "body": "Mine now"},
        "messageId",
        own=lambda w: {"messageId": w.own["message"], "body": "Edited."},
    ),
    "messageDelete": case(
        f"{U} {NF} {NF} {NP} {NP} {NF} {NF} {NF} {NF} {NF} {NF}",
        lambda w: {"messageId": w.message_id},
        "messageId",
        own=lambda w: {"messageId": w.own["message_to_delete"]},
    ),
    "messageReport": case(
        f"{U} {NF} {NF} {OK} {OK} {NF} {NF} {NF} {NF} {NF} {NF}",
        lambda w: {"messageId": w.message_id, "reason": "SPAM"},
        "messageId",
    ),
    "threadMarkSeen": case(
        f"{U} {NF} {NF} {OK} {OK} {NF} {NF} {NF} {NF} {NF} {NF}",
        lambda w: {"threadId": w.thread_id},
        "threadId",
        harmless=True,
        own=lambda w: {"threadId": w.own["thread"]},
    ),
    "threadClose": case(
        f"{U} {NF} {NF} {OK} {OK} {NF} {NF} {NF} {NF} {NF} {NF}",
        lambda w: {"threadId": w.thread_id},
        "threadId",
        own=lambda w: {"threadId": w.own["thread"]},
    ),
    "leadsBlockSet": case(
        f"{U} {NF} {OK} {OK} {OK} {NF} {NF} {NF} {NF} {NF} {NF}",
        lambda w: {"groupId": w.group_id, "blocked": False},
        "groupId",
        harmless=True,
    ),
    "textMemberRegister": case(
        f"{U} {NF} {NP} {OK} {OK} {OK} {NF} {OK} {NP} {OK} {NF}",
        lambda w: {
            "groupId": w.group_id,
            "phoneNumber": _mobile(),
            "displayName": "Bryn",
            "nation": "WALES",
            "language": "CY",
            "consent": True,
            "adultConfirmed": True,
        },
        "groupId",
    ),
    "textNumberSet": case(
        f"{U} {NF} {OK} {OK} {OK} {NF} {NF} {NF} {NF} {NF} {NF}",
        lambda w: {"groupId": w.group_id, "phoneNumber": _mobile(), "consent": True},
        "groupId",
    ),
    "accountRestore": case(f"{U} " + " ".join(["NOT_PENDING_DELETION"] * 10)),
    "organisationCreate": case(
        f"{U} {NP} {NP} {NP} {NP} {OK} {NP} {NP} {NP} {NP} {NP}",
        lambda w: {
            "name": "Carers Centre",
            "nations": ["WALES"],
            "contactEmail": "hello@carers.example.org",
            "safeguardingPolicyUrl": "https://carers.example.org/safeguarding",
            "firstAdminMemberId": w.id_of("extra"),
            "firstAdminEmail": "extra@carers.example.org",
        },
        harmless=True,
    ),
    "orgRoleGrant": case(
        f"{U} {NF} {NF} {NF} {NF} ROLE_ALREADY_HELD {NF} ROLE_ALREADY_HELD {NP} {NP} {NF}",
        lambda w: {"organisationId": w.organisation_id, "memberId": w.id_of("org_staff"), "role": "ORG_STAFF"},
        "organisationId",
    ),
    "orgRoleRevoke": case(
        f"{U} {NF} {NF} {NF} {NF} ROLE_NOT_HELD {NF} ROLE_NOT_HELD {NP} {NP} {NF}",
        lambda w: {"organisationId": w.organisation_id, "memberId": w.id_of("outsider"), "role": "ORG_STAFF"},
        "organisationId",
    ),
    "groupHost": case(
        f"{U} {NF} {NF} {NF} {NF} ALREADY_HOSTED {NF} {NP} {NP} {NP} {NF}",
        lambda w: {"groupId": w.group_id, "organisationId": w.organisation_id},
        "organisationId",
    ),
    "moderationAppeal": case(
        f"{U} {NF} {NF} {NF} {NF} {NF} {NF} {NF} {NF} {NF} {NF}",
        lambda w: {"noticeId": w.notice_id, "note": "Please look again."},
        "noticeId",
        own=lambda w: {"noticeId": w.own["notice"], "note": "It was a joke between friends."},
    ),
    "appealDecide": case(
        f"{U} {NF} {NF} {NF} {NF} {OK} {OK} {OK} {OK} {OK} {NF}",
        lambda w: {"noticeId": w.notice_id, "decision": "REJECT", "note": "The rule stands."},
        "noticeId",
    ),
    "rotaShiftAdd": case(
        f"{U} {NF} {NF} {NF} {NF} NOT_ON_CALL_STAFF {NF} NOT_ON_CALL_STAFF {NP} {NP} {NF}",
        lambda w: {
            "organisationId": w.organisation_id,
            "memberId": w.id_of("org_staff"),
            "startsAt": "2026-01-05T09:00:00",
            "endsAt": "2026-01-05T17:00:00",
        },
        "organisationId",
    ),
    "organisationTextBudgetSet": case(
        f"{U} {NF} {NF} {NF} {NF} {OK} {NF} {OK} {NP} {NP} {NF}",
        lambda w: {"organisationId": w.organisation_id, "monthlyTexts": 500},
        "organisationId",
        harmless=True,
    ),
    "rotaShiftRemove": case(
        f"{U} {NF} {NF} {NF} {NF} {OK} {NF} {OK} {NP} {NP} {NF}", lambda w: {"shiftId": w.shift_id}, "shiftId"
    ),
    "localServicesFeedSet": case(
        f"{U} {NF} {NF} {NF} {NF} URL_INVALID {NF} URL_INVALID {NP} {NP} {NF}",
        lambda w: {"organisationId": w.organisation_id, "feedUrl": "not an address"},
        "organisationId",
    ),
    "localServicesImport": case(
        f"{U} {NF} {NF} {NF} {NF} FEED_NOT_SET {NF} FEED_NOT_SET {NP} {NP} {NF}",
        lambda w: {"organisationId": w.organisation_id},
        "organisationId",
    ),
    "groupUnhost": case(
        f"{U} {NF} {NP} {NP} {NP} {OK} {NF} {OK} {NP} {NP} {NF}", lambda w: {"groupId": w.group_id}, "groupId"
    ),
    "venueCreate": case(
        f"{U} {NF} {NP} {OK} {OK} {NP} {NF} {NP} {NP} {NP} {NF}",
        lambda w: {"groupId": w.group_id, "name": "Library", "address": "2 High Street", "postcode": "CF10 1AB"},
        "groupId",
        harmless=True,
    ),
    "venueUpdate": case(
        f"{U} {NF} {NP} {OK} {OK} {NP} {NF} {NP} {NP} {NP} {NF}",
        lambda w: {"groupId": w.group_id, "venueId": w.venue_id, "directions": "Up the stairs."},
        "groupId",
        harmless=True,
    ),
    "groupHomeAreaSet": case(
        f"{U} {NF} {NP} {OK} {OK} {NP} {NF} {NP} {NP} {NP} {NF}",
        lambda w: {"groupId": w.group_id, "nation": "WALES", "localAuthority": "Cardiff", "outwardCode": "CF10"},
        "groupId",
        harmless=True,
    ),
    "sessionCreate": case(
        f"{U} {NF} {NP} {OK} {OK} {NP} {NF} {NP} {NP} {NP} {NF}",
        lambda w: {
            "groupId": w.group_id,
            "title": "Online",
            "mode": "ONLINE",
            "date": "2099-01-06",
            "startTime": "19:00",
            "durationMinutes": 60,
            "joiningLink": "https://meet.example.org/a",
        },
        "groupId",
        harmless=True,
    ),
    "sessionUpdate": case(
        f"{U} {NF} {NP} {OK} {OK} {NP} {NF} {NP} {NP} {NP} {NF}",
        lambda w: {"sessionId": w.session_id, "description": "Tea and biscuits."},
        "sessionId",
        harmless=True,
    ),
    "sessionCancel": case(
        f"{U} {NF} {NP} {OK} {OK} {NP} {NF} {NP} {NP} {NP} {NF}", lambda w: {"sessionId": w.session_id}, "sessionId"
    ),
    "sessionAnswer": case(
        f"{U} {NF} {OK} {OK} {OK} NOT_A_MEMBER {NF} NOT_A_MEMBER NOT_A_MEMBER NOT_A_MEMBER {NF}",
        lambda w: {"sessionId": w.session_id, "answer": "MAYBE"},
        "sessionId",
        harmless=True,
    ),
    "sessionCheckIn": case(
        f"{U} {NF} CHECK_IN_CLOSED CHECK_IN_CLOSED CHECK_IN_CLOSED NOT_A_MEMBER {NF} "
        f"NOT_A_MEMBER NOT_A_MEMBER NOT_A_MEMBER {NF}",
        lambda w: {"sessionId": w.session_id, "code": "ABC234"},
        "sessionId",
    ),
    "attendanceMark": case(
        f"{U} {NF} {NP} REGISTER_NOT_OPEN REGISTER_NOT_OPEN {NP} {NF} {NP} {NP} {NP} {NF}",
        lambda w: {"sessionId": w.session_id, "present": [w.id_of("member")]},
        "sessionId",
    ),
    "calendarFeedIssue": case(SIGNED_IN, harmless=True),
    "calendarFeedRevoke": case(SIGNED_IN, harmless=True),
}

REGISTRY: dict[str, dict[str, Case]] = {"query": QUERIES, "mutation": MUTATIONS, "subscription": SUBSCRIPTIONS}


@cache
def app_schema() -> GraphQLSchema:
    return build_schema(GraphQLSettings(), production=False)._schema


def schema_root_fields() -> list[tuple[str, str]]:
    """Every (root, field) of the app's schema, found by walking it."""
    roots = {operation: getattr(app_schema(), f"{operation}_type") for operation in OPERATION_TYPES}
    return [(operation, field) for operation, root in roots.items() if root for field in sorted(root.fields)]
