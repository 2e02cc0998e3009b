"""Shares: down days, responses and reactions, anonymous unless the member chooses their name.

Other contexts, the API and the workers import these from here, never from the modules
(tests may reach into a module they test)."""

from __future__ import annotations

from domain.shares.anonymity import AnonymityKey, same_key, to_minute
from domain.shares.erasing import erase_response, erase_share
from domain.shares.errors import ShareError, ShareErrorCode
from domain.shares.lifecycle import Publishing, response_published, response_withdrawn, share_published, share_withdrawn
from domain.shares.notices import jitter
from domain.shares.policies import Reader, Standing, require_standing, shown_status, standing
from domain.shares.posting import create_share, delete_share, edit_share
from domain.shares.reading import (
    Seen,
    get_response,
    get_share,
    group_feed,
    member_standing,
    response_threads,
    share_place,
)
from domain.shares.reading import T as ContentT
from domain.shares.responding import create_response, remove_reaction, set_reaction
from domain.shares.validation import clean_body
from domain.shares.writing import Posted

__all__ = [
    "AnonymityKey",
    "ContentT",
    "Posted",
    "Publishing",
    "Reader",
    "Seen",
    "ShareError",
    "ShareErrorCode",
    "Standing",
    "clean_body",
    "create_response",
    "create_share",
    "delete_share",
    "edit_share",
    "erase_response",
    "erase_share",
    "get_response",
    "get_share",
    "group_feed",
    "jitter",
    "member_standing",
    "remove_reaction",
    "require_standing",
    "response_published",
    "response_threads",
    "response_withdrawn",
    "same_key",
    "set_reaction",
    "share_place",
    "share_published",
    "share_withdrawn",
    "shown_status",
    "standing",
    "to_minute",
]
