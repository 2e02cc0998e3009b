"""The words of texts: lock-screen safe, in English and Welsh, each inviting a reply the webhook reads."""

from __future__ import annotations

import re

import pytest

from domain.notifications.texts import TEXTS, sms_text_for
from domain.texting.catalogue import REPLIES
from schemas.documents.members import Language
from schemas.documents.notifications import NotificationKind

_ALL = [*(text for by in TEXTS.values() for text in by.values()), *(t for by in REPLIES.values() for t in by.values())]


@pytest.mark.parametrize("kind", list(TEXTS))
def test_every_texted_kind_has_its_own_welsh(kind: NotificationKind) -> None:
    assert set(TEXTS[kind]) == set(Language)
    assert TEXTS[kind][Language.CY] != TEXTS[kind][Language.EN]


def test_no_text_names_a_mood_a_group_or_anyone() -> None:
    assert [t for t in _ALL if re.search(r"[{}]", t)] == []  # no placeholder can carry a name or a group
    forbidden = ("bereave", "carer", "parent", "newcomer", "mood", "depress", "anxi", "grief", "galar", "hwyliau")
    assert [t for t in _ALL if any(word in t.casefold() for word in forbidden)] == []


def test_a_text_fits_in_two_segments() -> None:
    # 153 characters a segment in GSM-7; Welsh letters such as ŵ need UCS-2 (67 a segment): two or three.
    assert [t for t in _ALL if len(t) > 2 * 153] == []


def test_kinds_that_need_the_app_are_not_texted() -> None:
    assert sms_text_for(NotificationKind.THREAD_MESSAGE, Language.EN) is None
    assert sms_text_for(NotificationKind.GROUP_SHARE, Language.CY) is None
