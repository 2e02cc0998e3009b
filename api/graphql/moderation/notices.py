"""GraphQL types of moderation notices and appeals: what a member is told, and what a decider sees."""

from __future__ import annotations

from datetime import datetime
from typing import Self

import strawberry

from schemas.documents.moderation_actions import ActorRole, ModerationActionKind, TargetKind
from schemas.documents.moderation_notices import AppealStatus, ModerationNoticeDocument, NoticeKind

strawberry.enum(NoticeKind, name="ModerationNoticeKind", description="What a moderator did.")
strawberry.enum(ModerationActionKind, name="ModerationLogAction", description="What a moderation log entry records.")
strawberry.enum(ActorRole, name="ModerationActorRole", description="Who acted: lead, co-lead, staff or the service.")
strawberry.enum(TargetKind, name="ModerationTargetKind", description="What a moderation log entry is about.")
strawberry.enum(AppealStatus, description="NONE until appealed; PENDING; then REJECTED or GRANTED.")


@strawberry.type(description="What a moderator did to the member's content (or to them), why, and their appeal.")
class ModerationNotice:
    id: strawberry.ID = strawberry.field(description="Opaque id; appeal with it.")
    kind: NoticeKind = strawberry.field(description="Hidden, removed, or muted.")
    group_id: strawberry.ID = strawberry.field(description="The group.")
    target_kind: TargetKind = strawberry.field(description="The member's share, response, or the member.")
    target_id: strawberry.ID = strawberry.field(description="Its id.")
    rule: str = strawberry.field(description="The house rule it broke, in the moderator's words.")
    muted_until: datetime | None = strawberry.field(description="For a mute: until when.")
    created_at: datetime = strawberry.field(description="When.")
    appeal_status: AppealStatus = strawberry.field(description="Where the member's one appeal stands.")
    appeal_note: str | None = strawberry.field(description="What the member said.")
    decision_note: str | None = strawberry.field(description="What the decider said.")
    decided_at: datetime | None = strawberry.field(description="When it was decided.")

    @classmethod
    def of(cls, notice: ModerationNoticeDocument) -> Self:
        return cls(
            id=strawberry.ID(notice.id), kind=notice.kind, group_id=strawberry.ID(notice.group_id),
            target_kind=notice.target_kind, target_id=strawberry.ID(notice.target_id), rule=notice.rule,
            muted_until=notice.muted_until, created_at=notice.created_at, appeal_status=notice.appeal_status,
            appeal_note=notice.appeal_note, decision_note=notice.decision_note, decided_at=notice.decided_at,
        )  # fmt: skip


@strawberry.type(description="An appeal waiting for a decision: never who made it.")
class ModerationAppeal:
    id: strawberry.ID = strawberry.field(description="The notice's id; decide with it.")
    kind: NoticeKind = strawberry.field(description="What the moderator did.")
    target_kind: TargetKind = strawberry.field(description="A share, a response, or a member (a mute).")
    target_id: strawberry.ID = strawberry.field(description="Its id.")
    rule: str = strawberry.field(description="The rule the moderator gave.")
    appeal_note: str = strawberry.field(description="What the member said.")
    appealed_at: datetime = strawberry.field(description="When.")

    @classmethod
    def of(cls, notice: ModerationNoticeDocument) -> Self:
        return cls(
            id=strawberry.ID(notice.id), kind=notice.kind, target_kind=notice.target_kind,
            target_id=strawberry.ID(notice.target_id), rule=notice.rule, appeal_note=notice.appeal_note or "",
            appealed_at=notice.appealed_at or notice.created_at,
        )  # fmt: skip
