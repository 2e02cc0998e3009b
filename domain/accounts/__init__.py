"""Data rights: a member's export, account deletion with a grace period, the purge, and retention.

Other contexts, the API and the workers import these from here, never from the modules
(tests may reach into a module they test)."""

from __future__ import annotations

from domain.accounts.anonymous_content import remove_due
from domain.accounts.deletion import AccountStatus, account_state, request_deletion, restore
from domain.accounts.errors import AccountError, AccountErrorCode
from domain.accounts.export import (
    ExportState,
    ExportView,
    build_export,
    build_stale_exports,
    request_export,
    view_export,
)
from domain.accounts.purge import purge_due
from domain.accounts.retention import purge_expired

__all__ = [
    "AccountError",
    "AccountErrorCode",
    "AccountStatus",
    "ExportState",
    "ExportView",
    "account_state",
    "build_export",
    "build_stale_exports",
    "purge_due",
    "purge_expired",
    "remove_due",
    "request_deletion",
    "request_export",
    "restore",
    "view_export",
]
