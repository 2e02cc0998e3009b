"""Error codes of the organisations context: each bad input or refused change has its own."""

from __future__ import annotations

from enum import StrEnum

from domain.errors import DomainError


class OrganisationErrorCode(StrEnum):
    # The organisation's fields
    NAME_LENGTH = "name_length"
    NATIONS_REQUIRED = "nations_required"
    EMAIL_INVALID = "email_invalid"
    URL_INVALID = "url_invalid"
    TIMEZONE_INVALID = "timezone_invalid"
    DEADLINE_OUT_OF_RANGE = "deadline_out_of_range"
    TEXT_BUDGET_OUT_OF_RANGE = "text_budget_out_of_range"
    # Its staff
    MEMBER_NOT_FOUND = "member_not_found"
    ROLE_ALREADY_HELD = "role_already_held"
    ROLE_NOT_HELD = "role_not_held"
    EMAIL_REQUIRED = "email_required"  # org_safeguarding: pages need somewhere to go
    # The rota
    NOT_ON_CALL_STAFF = "not_on_call_staff"  # only org_safeguarding staff go on the rota
    SHIFT_TIMES_INVALID = "shift_times_invalid"
    POSITION_OUT_OF_RANGE = "position_out_of_range"
    # Hosting
    ALREADY_HOSTED = "already_hosted"
    NOT_HOSTED = "not_hosted"
    GROUP_ARCHIVED = "group_archived"
    # Local services
    FEED_NOT_SET = "feed_not_set"  # importing by hand before the feed's address is given


class OrganisationError(DomainError):
    """An expected refusal of an organisations operation."""
