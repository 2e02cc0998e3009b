"""What goes into a member's export: their data, in plain JSON, and nobody else's (ANON-11).

Their own anonymous shares and responses are in it: they are theirs. So are their
conversations, each message marked as theirs or as their leads' (or the safeguarding
team's), never with a lead's name. Responses
others wrote to their shares appear with the words and the minute only, never
who wrote them or whether it was named. Other members appear nowhere: no
member lists, no reported member's id, no notification params (a lead's
heads-up names a member). Secrets stay out too: device tokens, idempotency keys.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from domain.notifications import text_for
from domain.shares import AnonymityKey
from infra.mongo.repositories.registry import Repositories
from infra.phones import PhoneVault
from schemas.documents.checkins import CheckInDocument
from schemas.documents.members import MemberDocument
from schemas.documents.messages import MessageDocument
from schemas.documents.notifications import NotificationDocument
from schemas.documents.reports import ReportDocument, ReportTargetKind
from schemas.documents.responses import ResponseDocument
from schemas.documents.shares import ContentStatus, ShareDocument
from schemas.documents.threads import ThreadDocument, ThreadKind

FORMAT_VERSION = 1
Json = dict[str, Any]


def _time(value: datetime | date | None) -> str | None:
    return value.isoformat() if value is not None else None


@dataclass(frozen=True)
class Content:
    shares: list[ShareDocument]
    responses: list[ResponseDocument]  # theirs, to others' shares
    replies: list[ResponseDocument]  # others', to their shares


async def gather(
    *, repos: Repositories, key: AnonymityKey, member: MemberDocument, now: datetime, vault: PhoneVault | None = None
) -> Json:
    """Everything about the member, as one JSON-ready document (their phone number when `vault` can open it)."""
    data = repos.personal_data
    return {
        "format": FORMAT_VERSION,
        "exportedAt": now.isoformat(),
        "profile": _profile(member),
        "preferences": member.preferences.model_dump(mode="json"),
        "consents": {"letLeadsKnowWhenQuiet": member.preferences.let_leads_know_when_quiet,
                     "reminders": member.preferences.reminders, "nudges": member.preferences.nudges},
        "devices": [{"platform": d.platform.value, "locale": d.locale, "registeredAt": _time(d.created_at),
                     "lastSeen": _time(d.last_seen)} for d in await data.devices(member.id)],
        "memberships": await _memberships(repos, member.id),
        "joinRequests": [{"groupId": r.group_id, "message": r.message, "status": r.status.value,
                          "createdAt": _time(r.created_at)} for r in await data.join_requests(member.id)],
        "checkIns": [_check_in(c) for c in await data.check_ins(member.id)],
        **_content(await _own_content(repos, key, member.id)),
        "reactionsGiven": [{"shareId": r.target_id, "kind": r.kind.value}
                           for r in await data.reactions_given(key.reactor_key(member.id))],
        "reportsMade": [_report(r) for r in await data.reports_made(member.id)],
        "notifications": [_notification(n, member) for n in await data.notifications(member.id)],
        "difficultDates": [{"label": d.label, "month": d.month, "day": d.day, "year": d.year,
                            "shareWithLeads": d.share_with_leads, "createdAt": _time(d.created_at)}
                           for d in await data.difficult_dates(member.id)],
        "followUps": [{"askedAt": _time(f.asked_at), "status": f.status.value,
                       "answer": f.answer.model_dump(mode="json") if f.answer else None}
                      for f in await data.follow_ups(member.id)],
        **await _conversations(repos, member.id),
        "organisationRoles": [{"organisationId": r.organisation_id, "role": r.role.value, "email": r.email,
                               "grantedAt": _time(r.granted_at)} for r in await repos.org_roles.for_member(member.id)],
        "moderationNotices": [
            {"kind": n.kind.value, "groupId": n.group_id, "targetKind": n.target_kind.value, "targetId": n.target_id,
             "rule": n.rule, "mutedUntil": _time(n.muted_until), "createdAt": _time(n.created_at),
             "appealStatus": n.appeal_status.value, "appealNote": n.appeal_note, "decisionNote": n.decision_note}
            for n in await repos.moderation_notices.mine(author_key=key.author_key(member.id), member_id=member.id)
        ],  # never who decided: another member
        "sessions": await _sessions(repos, member.id),
        "textMessages": await _text_contact(repos, member, vault),
    }  # fmt: skip


async def _sessions(repos: Repositories, member_id: str) -> Json:
    """Their answers to sessions, the sessions they came to, and whether they have a calendar address
    (never the address: only its hash is kept).
    """
    data = repos.personal_data
    feed = await data.calendar_feed(member_id)
    return {
        "answers": [{"groupId": r.group_id, "sessionId": r.session_id, "answer": r.answer.value,
                     "answeredAt": _time(r.answered_at)} for r in await data.session_answers(member_id)],
        "attended": [{"groupId": a.group_id, "sessionId": a.session_id, "sessionStartsAt": _time(a.session_starts_at),
                      "marked": a.marked.value, "at": _time(a.at)} for a in await data.attendance(member_id)],
        "calendarFeedSince": _time(feed.created_at) if feed else None,
    }  # fmt: skip


async def _text_contact(repos: Repositories, member: MemberDocument, vault: PhoneVault | None) -> Json | None:
    """Their number for texts (decrypted for them alone), its state and their consent; None without one."""
    contact = await repos.personal_data.text_contact(member.id)
    if contact is None:
        return None
    return {
        "phoneNumber": vault.open(contact.phone_sealed) if vault is not None else None, "status": contact.status.value,
        "groupId": contact.group_id, "textOnly": contact.text_only, "consentRecordedAt": _time(contact.consent_at),
        "registeredAt": _time(contact.created_at), "confirmedAt": _time(contact.confirmed_at),
        "stoppedAt": _time(contact.stopped_at), "reminderChannel": member.preferences.reminder_channel.value,
    }  # fmt: skip


def _profile(member: MemberDocument) -> Json:
    return {
        "displayName": member.display_name, "dateOfBirth": _time(member.date_of_birth),
        "nation": member.nation.value, "timezone": member.timezone, "language": member.language.value,
        "createdAt": _time(member.created_at), "updatedAt": _time(member.updated_at),
    }  # fmt: skip


async def _memberships(repos: Repositories, member_id: str) -> list[Json]:
    memberships = await repos.personal_data.memberships(member_id)
    names = {g.id: g.name for g in await repos.groups.get_many([m.group_id for m in memberships])}
    return [
        {"groupId": m.group_id, "groupName": names.get(m.group_id), "role": m.role.value, "status": m.status.value,
         "joinedAt": _time(m.joined_at), "awayUntil": _time(m.away_until), "mutedUntil": _time(m.muted_until)}
        for m in memberships
    ]  # fmt: skip


def _check_in(c: CheckInDocument) -> Json:
    return {
        "recordedAt": _time(c.recorded_at), "day": _time(c.local_day), "mood": c.mood, "energy": c.energy,
        "note": c.note, "tags": [t.value for t in c.tags], "visibility": c.visibility.value, "groupId": c.group_id,
    }  # fmt: skip


async def _own_content(repos: Repositories, key: AnonymityKey, member_id: str) -> Content:
    data = repos.personal_data
    ids = await data.authored_ids(key.author_key(member_id))
    shares = await data.shares(ids)
    mine = {share.id for share in shares}
    replies = [r for r in await data.responses_to(list(mine)) if r.id not in set(ids)]
    return Content(shares, await data.responses(ids), replies)


def _content(content: Content) -> Json:
    by_share: dict[str, list[Json]] = {}
    for reply in content.replies:
        if reply.status is ContentStatus.PUBLISHED:  # what they could see; never who wrote it
            by_share.setdefault(reply.share_id, []).append({"body": reply.body, "at": _time(reply.created_minute)})
    return {
        "shares": [
            {"id": s.id, "groupId": s.group_id, "body": s.body, "anonymous": s.anonymous, "status": s.status.value,
             "at": _time(s.created_minute), "reactions": {k.value: n for k, n in s.reaction_counts.items()},
             "responses": by_share.get(s.id, [])}
            for s in content.shares
        ],
        "responses": [
            {"id": r.id, "shareId": r.share_id, "body": r.body, "anonymous": r.anonymous, "status": r.status.value,
             "at": _time(r.created_minute)}
            for r in content.responses
        ],
    }  # fmt: skip


async def _conversations(repos: Repositories, member_id: str) -> Json:
    """Their threads with every message in them, who wrote each told only as their side (a lead's name
    is another member's); what they wrote as a lead in others' threads; the messages they reported.
    """
    data = repos.personal_data
    threads = await data.threads(member_id)
    said: dict[str, list[MessageDocument]] = {}
    for message in await data.messages_in([t.id for t in threads]) if threads else []:
        said.setdefault(message.thread_id, []).append(message)
    own = {t.id for t in threads}
    return {
        "threads": [_thread(t, said.get(t.id, []), member_id) for t in threads],
        "messagesAsLead": [{"threadId": m.thread_id, "body": m.body, "at": _time(m.created_at),
                            "editedAt": _time(m.edited_at), "deletedAt": _time(m.deleted_at)}
                           for m in await data.messages_written(member_id) if m.thread_id not in own],
        "messageReportsMade": [{"reason": r.reason.value, "note": r.note, "createdAt": _time(r.created_at)}
                               for r in await data.message_reports_made(member_id)],
    }  # fmt: skip


def _thread(thread: ThreadDocument, messages: list[MessageDocument], member_id: str) -> Json:
    ordered = sorted(messages, key=lambda m: (m.created_at, m.id))
    return {
        "id": thread.id, "with": "safeguarding_team" if thread.kind is ThreadKind.STAFF else "group_leads",
        "groupId": thread.group_id, "status": thread.status.value, "startedBy": thread.started_by.value,
        "createdAt": _time(thread.created_at), "closedAt": _time(thread.closed_at),
        "ending": thread.ending.value if thread.ending else None,
        "messages": [{"from": "me" if m.author_id == member_id else m.sender.value, "body": m.body,
                      "at": _time(m.created_at), "editedAt": _time(m.edited_at), "deletedAt": _time(m.deleted_at)}
                     for m in ordered],
    }  # fmt: skip


def _report(report: ReportDocument) -> Json:
    about_content = report.target_kind is not ReportTargetKind.MEMBER  # a reported member's id is theirs, not yours
    return {
        "targetKind": report.target_kind.value, "targetId": report.target_id if about_content else None,
        "reason": report.reason.value, "note": report.note, "status": report.status.value,
        "createdAt": _time(report.created_at),
    }  # fmt: skip


def _notification(notification: NotificationDocument, member: MemberDocument) -> Json:
    text = text_for(notification.kind, member.language)  # the lock-screen words, which name nobody
    return {
        "kind": notification.kind.value, "title": text.title, "body": text.body,
        "createdAt": _time(notification.created_at), "readAt": _time(notification.read_at),
    }  # fmt: skip
