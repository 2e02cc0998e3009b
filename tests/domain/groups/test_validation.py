"""Signposting links: the numbers helplines really use, and only https addresses."""

from __future__ import annotations

import pytest

from domain.groups.validation import signposting_issues
from schemas.documents.groups import SignpostLink


@pytest.mark.parametrize("phone", ["999", "116 123", "85258", "0800 068 4141", "+44 (0)300 123 3393", "111"])
def test_helpline_numbers_are_accepted(phone: str) -> None:
    assert signposting_issues([SignpostLink(name="Help", phone=phone)]) == []


@pytest.mark.parametrize("phone", ["9", "call 999", "0800-HELP", "+", "1" * 21])
def test_things_that_are_not_numbers_are_refused(phone: str) -> None:
    assert [i.code.value for i in signposting_issues([SignpostLink(name="Help", phone=phone)])] == [
        "signpost_phone_invalid"
    ]


@pytest.mark.parametrize("url", ["https://www.samaritans.org", "https://111.nhs.uk/path?q=1"])
def test_https_addresses_are_accepted(url: str) -> None:
    assert signposting_issues([SignpostLink(name="Help", url=url)]) == []


@pytest.mark.parametrize(
    "url",
    ["http://example.org", "https://localhost", "ftp://x.org", "https://exa mple.org", "https://" + "a" * 500 + ".org"],
)
def test_other_addresses_are_refused(url: str) -> None:
    assert [i.code.value for i in signposting_issues([SignpostLink(name="Help", url=url)])] == ["signpost_url_invalid"]
