"""Every kind has its words in every language, and they are safe on a lock screen."""

from __future__ import annotations

import re

import pytest

from domain.notifications.catalogue import CATALOGUE, text_for
from schemas.documents.members import Language
from schemas.documents.notifications import NotificationKind


@pytest.mark.parametrize("kind", list(NotificationKind))
@pytest.mark.parametrize("language", list(Language))
def test_every_kind_has_a_title_and_body_in_every_language(kind: NotificationKind, language: Language) -> None:
    text = CATALOGUE[kind][language]
    assert text.title.strip()
    assert text.body.strip()
    assert text_for(kind, language) == text


@pytest.mark.parametrize("kind", list(NotificationKind))
def test_the_welsh_is_not_the_english_copied(kind: NotificationKind) -> None:
    assert CATALOGUE[kind][Language.CY] != CATALOGUE[kind][Language.EN]


def test_no_text_has_a_placeholder_so_no_param_reaches_a_lock_screen() -> None:
    # Params (a group's name, a mood) never go into the text: it shows where anyone can read it.
    texts = [
        part for by_language in CATALOGUE.values() for text in by_language.values() for part in (text.title, text.body)
    ]
    assert [t for t in texts if re.search(r"[{}%$]", t)] == []


def test_pushes_fit_a_lock_screen() -> None:
    for by_language in CATALOGUE.values():
        for text in by_language.values():
            assert len(text.title) <= 50
            assert len(text.body) <= 150


def test_inbox_words_may_name_a_member_and_nothing_else() -> None:
    # Only inside the app, where the member has signed in; the push keeps the body that names nobody.
    for by_language in CATALOGUE.values():
        for text in by_language.values():
            if text.inbox_body is not None:
                assert re.findall(r"{[^}]*}", text.inbox_body) == ["{name}"]
                assert text.for_inbox("Sam").body == text.inbox_body.replace("{name}", "Sam")
                assert text.for_inbox(None) == text
    named = {kind for kind, texts in CATALOGUE.items() if any(t.inbox_body for t in texts.values())}
    assert named == {NotificationKind.DIFFICULT_DATE_HEADS_UP, NotificationKind.SUPPORT_REQUEST}
