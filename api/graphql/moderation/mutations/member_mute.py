"""memberMute: a lead, a co-lead (for members) or staff stops a member posting for some hours."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Annotated

import strawberry

from api.graphql.core.context import Info
from api.graphql.core.errors import RefusalCode, access_denials, error_fields
from api.graphql.core.fields import mutation
from api.graphql.core.permissions import IsMember
from api.graphql.core.types import FieldError
from api.graphql.shares.access import request_context
from domain.moderation import ModerationError, ModerationErrorCode, mute_member


@strawberry.enum(description="Why memberMute changed nothing.")
class MemberMuteErrorCode(Enum):
    CANNOT_TARGET_SELF = ModerationErrorCode.CANNOT_TARGET_SELF.value
    HOURS_OUT_OF_RANGE = ModerationErrorCode.HOURS_OUT_OF_RANGE.value
    REASON_LENGTH = ModerationErrorCode.REASON_LENGTH.value
    NOT_A_MEMBER = ModerationErrorCode.NOT_A_MEMBER.value
    NOT_PERMITTED = RefusalCode.NOT_PERMITTED.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="Who to mute in which group, for how long, and why (kept in the moderation log).")
class MemberMuteInput:
    group_id: strawberry.ID = strawberry.field(description="The group.")
    member_id: strawberry.ID = strawberry.field(description="The member.")
    hours: int = strawberry.field(description="0 to 720; 0 lifts a mute.")
    reason: str = strawberry.field(description="1 to 500 characters.")


@strawberry.type(description="The member's posting is paused (or resumed); they can still read and react.")
class MemberMuteSuccess:
    member_id: strawberry.ID = strawberry.field(description="The member.")
    muted_until: datetime | None = strawberry.field(description="Until when; null when the mute was lifted.")


@strawberry.type(description="Nothing was changed; `code` and `fieldErrors` say why.")
class MemberMuteError:
    code: MemberMuteErrorCode = strawberry.field(description="The first reason.")
    message: str = strawberry.field(description="A sentence a moderator can read.")
    field_errors: list[FieldError[MemberMuteErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


MemberMuteResult = Annotated[
    MemberMuteSuccess | MemberMuteError,
    strawberry.union("MemberMuteResult", description="The result of memberMute."),
]


@mutation(
    description="Pause a member's posting in a group for some hours (0 lifts it); they still read and react.",
    permission_classes=[IsMember],
)
async def member_mute(
    info: Info, data: Annotated[MemberMuteInput, strawberry.argument(name="input", description="Who, how long, why.")]
) -> MemberMuteResult:
    ctx = await request_context(info)
    try:
        with access_denials():
            muted = await mute_member(
                repos=info.context.repos, reader=ctx.reader, group_id=data.group_id, member_id=data.member_id,
                hours=data.hours, reason=data.reason, now=ctx.now,
            )  # fmt: skip
    except ModerationError as error:
        return MemberMuteError(**error_fields(error, MemberMuteErrorCode))
    return MemberMuteSuccess(member_id=strawberry.ID(muted.member_id), muted_until=muted.muted_until)
