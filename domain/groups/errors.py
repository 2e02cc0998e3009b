"""Error codes of the groups context: each bad input or refused change has its own."""

from __future__ import annotations

from enum import StrEnum

from domain.errors import DomainError


class GroupErrorCode(StrEnum):
    # The group's fields
    NAME_LENGTH = "name_length"
    NAME_CHARACTERS = "name_characters"
    DESCRIPTION_LENGTH = "description_length"
    HOUSE_RULES_LENGTH = "house_rules_length"
    CAPACITY_OUT_OF_RANGE = "capacity_out_of_range"
    CAPACITY_BELOW_MEMBERS = "capacity_below_members"
    TIMEZONE_INVALID = "timezone_invalid"
    SIGNPOSTING_TOO_MANY = "signposting_too_many"
    SIGNPOST_NAME_LENGTH = "signpost_name_length"
    SIGNPOST_DESCRIPTION_LENGTH = "signpost_description_length"
    SIGNPOST_CONTACT_REQUIRED = "signpost_contact_required"
    SIGNPOST_PHONE_INVALID = "signpost_phone_invalid"
    SIGNPOST_URL_INVALID = "signpost_url_invalid"
    NOTHING_TO_UPDATE = "nothing_to_update"
    GROUP_ARCHIVED = "group_archived"
    # Who leads
    LEAD_REQUIRED = "lead_required"
    LEAD_NOT_FOUND = "lead_not_found"
    ALREADY_LEAD = "already_lead"
    ALREADY_CO_LEAD = "already_co_lead"
    NOT_A_CO_LEAD = "not_a_co_lead"
    LAST_LEAD = "last_lead"
    LEAD_CHANGED = "lead_changed"
    YOUTH_LEADS_ASSIGNED_BY_STAFF = "youth_leads_assigned_by_staff"
    AWAY_UNTIL_INVALID = "away_until_invalid"
    # Joining and leaving
    AGE_NOT_ALLOWED = "age_not_allowed"
    ALREADY_MEMBER = "already_member"
    NOT_A_MEMBER = "not_a_member"
    REMOVED_FROM_GROUP = "removed_from_group"
    GROUP_FULL = "group_full"
    GROUP_IS_OPEN = "group_is_open"
    GROUP_CLOSED = "group_closed"
    JOIN_TARGET_INVALID = "join_target_invalid"
    INVITE_INVALID = "invite_invalid"
    INVITE_EXPIRED = "invite_expired"
    INVITE_USED_UP = "invite_used_up"
    APPROVAL_NEEDED = "approval_needed"
    MAX_USES_OUT_OF_RANGE = "max_uses_out_of_range"
    VALIDITY_OUT_OF_RANGE = "validity_out_of_range"
    MESSAGE_LENGTH = "message_length"
    REQUEST_PENDING = "request_pending"
    REQUEST_ALREADY_DECIDED = "request_already_decided"
    REASON_LENGTH = "reason_length"
    CANNOT_TARGET_SELF = "cannot_target_self"
    # The host's local services
    GROUP_NOT_HOSTED = "group_not_hosted"
    LOCAL_SERVICE_NOT_FOUND = "local_service_not_found"
    LOCAL_SERVICES_TOO_MANY = "local_services_too_many"
    # Check-in schedule and quiet policy
    WEEKDAYS_REQUIRED = "weekdays_required"
    WEEKDAYS_REPEATED = "weekdays_repeated"
    LOCAL_TIME_INVALID = "local_time_invalid"
    MISSED_CHECK_INS_OUT_OF_RANGE = "missed_check_ins_out_of_range"
    INACTIVE_DAYS_OUT_OF_RANGE = "inactive_days_out_of_range"
    # Looking for a group near an area
    AREA_REQUIRED = "area_required"
    POSTCODE_TOO_PRECISE = "postcode_too_precise"
    OUTWARD_CODE_INVALID = "outward_code_invalid"
    UNKNOWN_AREA = "unknown_area"


class GroupError(DomainError):
    code: GroupErrorCode
