"""Reading a text: every way of saying a number from 1 to 5, and the keywords carriers expect."""

from __future__ import annotations

import pytest

from domain.texting.replies import CheckInReply, Keyword, check_in_of, keyword_of
from schemas.documents.members import Language


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("3", CheckInReply(3, None)),
        (" 3 ", CheckInReply(3, None)),
        ("3.", CheckInReply(3, None)),
        ("three", CheckInReply(3, None)),
        ("Three", CheckInReply(3, None)),
        ("tri", CheckInReply(3, None)),
        ("TRI", CheckInReply(3, None)),
        ("4 tired today", CheckInReply(4, "tired today")),
        ("4, tired today", CheckInReply(4, "tired today")),
        ("2/5 rough week", CheckInReply(2, "rough week")),
        ("pump", CheckInReply(5, None)),
        ("un - diwrnod gwael", CheckInReply(1, "diwrnod gwael")),
        ("pedwar", CheckInReply(4, None)),
        ("dau", CheckInReply(2, None)),
        ("5\nfeeling good", CheckInReply(5, "feeling good")),
        ("１", CheckInReply(1, None)),  # a full-width digit, as some phones send
    ],
)
def test_a_number_from_one_to_five_is_a_check_in(body: str, expected: CheckInReply) -> None:
    assert check_in_of(body) == expected


@pytest.mark.parametrize("body", ["", "  ", "0", "6", "10", "35", "hello", "six", "chwech", "maybe 3", "-3"])
def test_anything_else_is_not_a_check_in(body: str) -> None:
    assert check_in_of(body) is None


@pytest.mark.parametrize(
    ("body", "keyword", "language", "carrier"),
    [
        ("STOP", Keyword.STOP, Language.EN, True),
        ("stop", Keyword.STOP, Language.EN, True),
        (" Stop. ", Keyword.STOP, Language.EN, True),
        ("unsubscribe", Keyword.STOP, Language.EN, True),
        ("DIM", Keyword.STOP, Language.CY, False),
        ("stopio", Keyword.STOP, Language.CY, False),
        ("START", Keyword.START, Language.EN, True),
        ("dechrau", Keyword.START, Language.CY, False),
        ("HELP", Keyword.HELP, Language.EN, False),
        ("cymorth", Keyword.HELP, Language.CY, False),
        ("yes", Keyword.YES, Language.EN, False),
        ("Ie", Keyword.YES, Language.CY, False),
    ],
)
def test_keywords_in_english_and_welsh(body: str, keyword: Keyword, language: Language, carrier: bool) -> None:
    found = keyword_of(body)
    assert found is not None
    assert (found.keyword, found.language, found.carrier_handles) == (keyword, language, carrier)


@pytest.mark.parametrize("body", ["stop it hurts", "please help me", "yes I think so", "3", "dim byd"])
def test_a_keyword_must_be_the_whole_message(body: str) -> None:
    assert keyword_of(body) is None
