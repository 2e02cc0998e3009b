"""GraphQL types for joining closed groups and for a lead's work: invites, join requests, leadership."""

from __future__ import annotations

from datetime import datetime
from typing import Self

import strawberry

from api.graphql.core.context import Info
from api.graphql.core.pagination import Connection
from api.graphql.groups.types import Group
from domain.groups import LeadershipEntry
from schemas.documents.invites import InviteDocument
from schemas.documents.join_requests import JoinRequestDocument, JoinRequestStatus
from schemas.documents.memberships import GroupRole

strawberry.enum(JoinRequestStatus, description="Where a join request stands.")


@strawberry.type(description="An invite to a group. Its code is shown once, when it is made.")
class Invite:
    id: strawberry.ID = strawberry.field(description="Opaque id of the invite.")
    max_uses: int = strawberry.field(description="How many people it can let in.")
    uses_left: int = strawberry.field(description="How many more it can let in.")
    expires_at: datetime = strawberry.field(description="When it stops working.")
    created_at: datetime = strawberry.field(description="When it was made.")
    asks_leads: bool = strawberry.field(
        description="A request link: its holders ask to join (joinRequestCreate) and a lead decides."
    )

    @classmethod
    def from_document(cls, invite: InviteDocument) -> Self:
        return cls(
            id=strawberry.ID(invite.id),
            max_uses=invite.max_uses,
            uses_left=invite.uses_left,
            expires_at=invite.expires_at,
            created_at=invite.created_at,
            asks_leads=invite.asks_leads,
        )


async def resolve_requester_name(root: JoinRequest, info: Info) -> str | None:
    member = await info.context.loaders.member_by_id.load(root.member_id)
    return member.display_name if member else None


@strawberry.type(description="Someone asking to join a closed group. Seen by its leads and by who asked.")
class JoinRequest:
    id: strawberry.ID = strawberry.field(description="Opaque id of the request.")
    message: str = strawberry.field(description="What they wrote to the leads; may be empty.")
    status: JoinRequestStatus = strawberry.field(description="Pending, approved or declined.")
    created_at: datetime = strawberry.field(description="When they asked.")
    decided_at: datetime | None = strawberry.field(description="When a lead answered.")
    requester_name: str | None = strawberry.field(
        resolver=resolve_requester_name,
        description="The display name of who asked; null if they have left the service.",
    )
    member_id: strawberry.Private[str]

    @classmethod
    def from_document(cls, request: JoinRequestDocument) -> Self:
        return cls(
            id=strawberry.ID(request.id),
            message=request.message,
            status=request.status,
            created_at=request.created_at,
            decided_at=request.decided_at,
            member_id=request.member_id,
        )


@strawberry.type(description="One group the viewer leads or co-leads, and what waits there for its leads.")
class LeadershipGroup:
    group: Group = strawberry.field(description="The group.")
    role: GroupRole = strawberry.field(description="The viewer's role there: LEAD or CO_LEAD.")
    pending_join_request_count: int = strawberry.field(description="Join requests waiting for an answer.")
    has_active_leader: bool = strawberry.field(
        description="Whether a lead or co-lead (the viewer included) is around: not away, and has moderated, "
        "answered a request or changed the group in the last 14 days. After 14 days with none, staff are told."
    )
    quiet_member_count: int = strawberry.field(
        description="Members quiet for 3 days or more who let their leads know (listed by quietMembers)."
    )
    open_report_count: int = strawberry.field(description="Reports waiting for a lead (moderationQueue).")
    oldest_open_report_at: datetime | None = strawberry.field(
        description="When the longest-waiting report was made, to the minute; null when none waits."
    )
    waiting_thread_count: int = strawberry.field(
        description="Conversations whose member waits for a reply from the group's leads and co-leads "
        "(groupThreads with waitingOnly). Any of them may answer: after 48 hours the others are nudged, "
        "after 72 staff are told."
    )
    oldest_wait_since: datetime | None = strawberry.field(
        description="Since when the longest-waiting member has waited for a reply; null when nobody waits."
    )

    @classmethod
    def from_entry(cls, entry: LeadershipEntry) -> Self:
        return cls(
            group=Group.from_view(entry.view),
            role=entry.role,
            pending_join_request_count=entry.pending_join_requests,
            has_active_leader=entry.has_active_leader,
            quiet_member_count=entry.quiet_members,
            open_report_count=entry.open_reports,
            oldest_open_report_at=entry.oldest_open_report_at,
            waiting_thread_count=entry.threads_waiting,
            oldest_wait_since=entry.oldest_wait_since,
        )


@strawberry.type(description="What waits for a lead across the groups they lead or co-lead.")
class Leadership:
    pending_join_request_count: int = strawberry.field(description="Join requests waiting, in all their live groups.")
    groups: Connection[LeadershipGroup] = strawberry.field(description="The groups they lead, newest role first.")
