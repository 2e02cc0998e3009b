"""Profile rules, as plain functions."""

from __future__ import annotations

from datetime import date

import pytest

from domain.members.errors import MemberErrorCode
from domain.members.policies import age_on, default_preferences, is_minor
from domain.members.validation import (
    clean_display_name,
    date_of_birth_issues,
    display_name_issues,
    timezone_issues,
)


@pytest.mark.parametrize(
    "name", ["Sam", "Siân", "Jo-Anne O'Neil", "Dad of 2", "x" * 40, "Mam ❤", "Llŷr", "Room 101", "Ffion 2009"]
)
def test_ordinary_names_are_accepted(name: str) -> None:
    assert display_name_issues(clean_display_name(name)) == []


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("", MemberErrorCode.DISPLAY_NAME_LENGTH),
        ("x" * 41, MemberErrorCode.DISPLAY_NAME_LENGTH),
        ("sam@example.com", MemberErrorCode.DISPLAY_NAME_CONTACT_DETAILS),
        ("sam at sam@mail.co.uk", MemberErrorCode.DISPLAY_NAME_CONTACT_DETAILS),
        ("07700 900123", MemberErrorCode.DISPLAY_NAME_CONTACT_DETAILS),
        ("+44 7700 900123", MemberErrorCode.DISPLAY_NAME_CONTACT_DETAILS),
        ("ring 020 7946 0018", MemberErrorCode.DISPLAY_NAME_CONTACT_DETAILS),
        ("Sam\u200b", MemberErrorCode.DISPLAY_NAME_CHARACTERS),
        ("Sam\x07", MemberErrorCode.DISPLAY_NAME_CHARACTERS),
        ("sam＠example．com", MemberErrorCode.DISPLAY_NAME_CONTACT_DETAILS),  # full-width @ and .
        ("sam﹫mail．co．uk", MemberErrorCode.DISPLAY_NAME_CONTACT_DETAILS),  # small commercial at
        ("０７７００ ９００１２３", MemberErrorCode.DISPLAY_NAME_CONTACT_DETAILS),  # full-width digits
        ("\u3164", MemberErrorCode.DISPLAY_NAME_CHARACTERS),  # a Hangul filler: a name that shows nothing
        ("\u2800 \u2800", MemberErrorCode.DISPLAY_NAME_CHARACTERS),  # blank braille cells
    ],
)
def test_names_that_break_a_rule_get_its_code(name: str, code: MemberErrorCode) -> None:
    [issue] = display_name_issues(clean_display_name(name))
    assert (issue.field, issue.code) == ("displayName", code)


def test_whitespace_is_collapsed_and_unicode_normalised() -> None:
    assert clean_display_name("  Sia\u0302n   Jones\t") == "Siân Jones"


@pytest.mark.parametrize(
    ("born", "today", "age"),
    [
        (date(2008, 11, 22), date(2024, 11, 22), 16),
        (date(2008, 11, 23), date(2024, 11, 22), 15),
        (date(2008, 2, 29), date(2024, 2, 28), 15),
        (date(2008, 2, 29), date(2024, 3, 1), 16),
    ],
)
def test_age_counts_birthdays(born: date, today: date, age: int) -> None:
    assert age_on(born, today) == age


def test_16_and_over_may_join_and_under_18s_are_minors() -> None:
    today = date(2026, 11, 22)
    assert date_of_birth_issues(date(2010, 11, 22), today) == []
    assert [i.code for i in date_of_birth_issues(date(2010, 11, 23), today)] == [MemberErrorCode.TOO_YOUNG]
    assert is_minor(date(2008, 11, 23), today) is True
    assert is_minor(date(2008, 11, 22), today) is False
    assert is_minor(None, today) is True  # unknown age gets the stricter defaults


def test_minors_get_nothing_sent_to_leads_and_no_nudges_by_default() -> None:
    minor, adult = default_preferences(minor=True), default_preferences(minor=False)
    assert (minor.nudges, minor.let_leads_know_when_quiet) == (False, False)
    assert (adult.nudges, adult.let_leads_know_when_quiet) == (True, True)
    assert minor.quiet_hours_start == adult.quiet_hours_start == "21:00"


@pytest.mark.parametrize("zone", ["Europe/London", "Europe/Belfast", "UTC", "America/New_York"])
def test_iana_zones_are_accepted(zone: str) -> None:
    assert timezone_issues(zone) == []


@pytest.mark.parametrize("zone", ["", "GMT+1", "London", "Europe/london", "localtime", "/etc/localtime", "posixrules"])
def test_anything_else_is_not_a_zone(zone: str) -> None:
    assert [i.code for i in timezone_issues(zone)] == [MemberErrorCode.TIMEZONE_INVALID]
