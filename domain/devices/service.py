"""Devices: the phones a member gets pushes on, one FCM token each."""

from __future__ import annotations

from datetime import datetime

from domain.devices.errors import DeviceError, DeviceErrorCode
from domain.devices.validation import locale_issues, token_issues
from infra.mongo.repositories.registry import Repositories
from schemas.documents.devices import DeviceDocument, Platform
from schemas.documents.members import MemberDocument


async def register_device(
    *,
    repos: Repositories,
    member: MemberDocument,
    token: str,
    platform: Platform,
    locale: str,
    now: datetime,
    max_devices: int,
) -> DeviceDocument:
    """Register or refresh this phone's token for the member; a token someone else registered moves to them."""
    issues = [*token_issues(token), *locale_issues(locale)]
    if issues:
        raise DeviceError.from_issues(issues)
    device = await repos.devices.register(member_id=member.id, token=token, platform=platform, locale=locale, now=now)
    await repos.devices.keep_most_recent(member.id, max_devices)
    return device


async def unregister_device(*, repos: Repositories, member: MemberDocument, token: str) -> DeviceDocument:
    """Stop pushes to this phone. Only the member's own token: any other is NOT_FOUND, like an unknown one."""
    issues = token_issues(token)
    if issues:
        raise DeviceError.from_issues(issues)
    removed = await repos.devices.unregister(member_id=member.id, token=token)
    if removed is None:
        raise DeviceError(DeviceErrorCode.NOT_FOUND, "This phone is not registered to you.")
    return removed
