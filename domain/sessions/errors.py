"""Error codes of the sessions context: each bad input or refused change has its own."""

from __future__ import annotations

from enum import StrEnum

from domain.errors import DomainError


class SessionErrorCode(StrEnum):
    # Venues and the home area
    VENUE_NAME_LENGTH = "venue_name_length"
    ADDRESS_LENGTH = "address_length"
    POSTCODE_INVALID = "postcode_invalid"
    DIRECTIONS_LENGTH = "directions_length"
    ACCESS_NOTE_LENGTH = "access_note_length"
    VENUE_NOT_FOUND = "venue_not_found"
    TOO_MANY_VENUES = "too_many_venues"
    LOCAL_AUTHORITY_LENGTH = "local_authority_length"
    OUTWARD_CODE_INVALID = "outward_code_invalid"
    # A session's fields
    TITLE_LENGTH = "title_length"
    DESCRIPTION_LENGTH = "description_length"
    DATE_INVALID = "date_invalid"
    LOCAL_TIME_INVALID = "local_time_invalid"
    DURATION_OUT_OF_RANGE = "duration_out_of_range"
    STARTS_IN_PAST = "starts_in_past"
    VENUE_REQUIRED = "venue_required"
    JOINING_LINK_REQUIRED = "joining_link_required"
    JOINING_LINK_INVALID = "joining_link_invalid"
    CAPACITY_OUT_OF_RANGE = "capacity_out_of_range"
    CAPACITY_BELOW_GOING = "capacity_below_going"
    COUNT_OUT_OF_RANGE = "count_out_of_range"
    UNTIL_OUT_OF_RANGE = "until_out_of_range"
    WEEK_OF_MONTH_MISMATCH = "week_of_month_mismatch"
    NOTHING_TO_UPDATE = "nothing_to_update"
    GROUP_ARCHIVED = "group_archived"
    # Going, attendance
    SESSION_CANCELLED = "session_cancelled"
    SESSION_STARTED = "session_started"
    NOT_A_MEMBER = "not_a_member"
    CHECK_IN_CLOSED = "check_in_closed"
    CHECK_IN_CODE_WRONG = "check_in_code_wrong"
    REGISTER_NOT_OPEN = "register_not_open"
    MEMBER_NOT_IN_GROUP = "member_not_in_group"
    TOO_MANY_MEMBERS = "too_many_members"


class SessionError(DomainError):
    code: SessionErrorCode
