"""The crisis screen: its corpus exactly, its held-out figures as a floor, and how it reads text."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from domain.crisis.catalogue import default_catalogue
from domain.crisis.lexicon import default_lexicon, expand, load_lexicon
from domain.crisis.messages import default_messages
from domain.crisis.screening import screen
from schemas.documents.safeguarding_alerts import RiskCategory, RiskLevel

HERE = Path(__file__).parent
LEVELS = {"none", "concern", "high"}

# First measured on the untouched held-out set (lexicon version 1, before any
# change it prompted): high P 1.00 R 0.60; concern-or-high P 1.00 R 0.76. The
# kinds of miss it showed were then fixed with general phrases, each with its
# own corpus line, so the figures below are no longer independent (docs/product/crisis.md).
HELD_OUT_FLOOR = {"high": (1.0, 0.90), "concern_or_high": (1.0, 0.97)}


@dataclass(frozen=True)
class Example:
    line: int
    level: str
    language: str
    text: str


def _examples(name: str) -> list[Example]:
    examples = []
    for number, line in enumerate((HERE / name).read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip() and not line.startswith("#"):
            level, language, text = line.split("\t", 2)
            assert level in LEVELS, f"{name}:{number}"
            assert language in {"en", "cy"}, f"{name}:{number}"
            examples.append(Example(number, level, language, text))
    return examples


CORPUS = _examples("corpus.tsv")


def test_the_corpus_is_large_and_covers_both_languages_and_every_level() -> None:
    kinds = {(example.language, example.level) for example in CORPUS}
    assert len(CORPUS) >= 60
    assert kinds == {(language, level) for language in ("en", "cy") for level in LEVELS}


@pytest.mark.parametrize("example", CORPUS, ids=[f"line{example.line}" for example in CORPUS])
def test_the_screen_returns_the_corpus_level_exactly(example: Example) -> None:
    assert screen([example.text]).level == example.level, example.text


def _precision_recall(examples: list[Example], positive: set[str]) -> tuple[float, float]:
    found = [(example.level in positive, screen([example.text]).level.value in positive) for example in examples]
    true_positive = sum(1 for expected, got in found if expected and got)
    predicted = sum(1 for _, got in found if got)
    actual = sum(1 for expected, _ in found if expected)
    return true_positive / predicted if predicted else 1.0, true_positive / actual


def test_precision_and_recall_on_the_held_out_set_never_fall_below_the_floor() -> None:
    held_out = _examples("heldout.tsv")
    measured = {
        "high": _precision_recall(held_out, {"high"}),
        "concern_or_high": _precision_recall(held_out, {"high", "concern"}),
    }
    for name, (precision, recall) in measured.items():
        floor_precision, floor_recall = HELD_OUT_FLOOR[name]
        assert precision >= floor_precision, (name, precision)
        assert recall >= floor_recall, (name, recall)


@pytest.mark.parametrize(
    "text",
    [
        "I'm going to kill myself",
        "I’m going to kill myself",  # right single quotation mark
        "I‘m going to kill myself",  # left single quotation mark
        "Iʼm going to kill myself",  # modifier letter apostrophe
        "I`m going to kill myself",
        "I＇m going to kill myself",  # full-width apostrophe
        "Im going to kill myself",
        "I am going to KILL MYSELF",
        "  i'm\tgoing \n to   kill myself  ",
        "I'm going to kil\u200bl myself",  # a zero-width space hidden inside a word
    ],
)
def test_apostrophes_case_spacing_and_hidden_characters_read_the_same(text: str) -> None:
    assert screen([text]).level is RiskLevel.HIGH


@pytest.mark.parametrize(
    "text",
    [
        "\u202eflesym llik\u202c",  # shown as "kill myself"
        "I'm going to \u202eflesym llik",  # the override runs to the end of the paragraph
        "\u202e.flesym llik ot gniog m'I",  # a whole sentence, written backwards
        "\u2067\u202eflesym llik\u202c\u2069 tonight",  # inside an isolate
        "going to \u202eflesym\u202d kill \u202c\u202c",  # a nested left-to-right run keeps its order
        "ＩＭ ＧＯＩＮＧ ＴＯ ＫＩＬＬ ＭＹＳＥＬＦ",  # full-width letters
        "I'm going to k\u200bi\u200cl\u200dl my\u2060self",  # zero-width characters inside the words
    ],
)
def test_words_disguised_by_direction_width_or_invisible_characters_are_read_as_shown(text: str) -> None:
    assert screen([text]).level is RiskLevel.HIGH


@pytest.mark.parametrize("text", ["flesym llik", "\u202eyad doog a saw ti\u202c", "\u202dflesym llik\u202c"])
def test_backwards_text_that_is_not_shown_the_right_way_round_is_not_read_backwards(text: str) -> None:
    # Without a right-to-left override the letters show as typed: nobody reads "kill myself" there.
    assert screen([text]).level is RiskLevel.NONE


@pytest.mark.parametrize("text", ["self-harm", "self–harm", "self harm", "selfharm", "self\u2011harm", "SELF_HARM"])
def test_hyphens_and_dashes_read_as_spaces(text: str) -> None:
    assert screen([text]).categories == (RiskCategory.SELF_HARM_MENTION,)


@pytest.mark.parametrize("text", ["Dw i’n casáu fy hun", "dw i'n casau fy hun", "DW I'N CASÁU FY HUN"])
def test_welsh_accents_are_optional(text: str) -> None:
    assert screen([text]).categories == (RiskCategory.BURDEN,)


def test_the_highest_level_of_several_texts_is_returned_with_every_category() -> None:
    result = screen(["I feel hopeless", None, "", "I've been stockpiling my tablets"])
    assert result.level is RiskLevel.HIGH
    assert result.categories == (RiskCategory.HOPELESSNESS, RiskCategory.METHOD)
    assert result.has_method is True
    assert result.lexicon_version == default_lexicon().version


def test_a_negated_thought_is_lowered_to_concern_but_keeps_its_category() -> None:
    result = screen(["I'm not going to kill myself"])
    assert (result.level, result.categories, result.has_method) == (
        RiskLevel.CONCERN,
        (RiskCategory.SUICIDAL_THOUGHTS,),
        False,
    )


def test_a_negated_phrase_beside_a_plain_one_stays_high() -> None:
    assert screen(["I'm not going to kill myself, I want to die"]).level is RiskLevel.HIGH


def test_nothing_to_screen_is_none() -> None:
    assert screen([None, "", "   "]) == screen([])
    assert screen([]).level is RiskLevel.NONE
    assert screen([]).categories == ()


def test_patterns_expand_to_every_alternative() -> None:
    assert expand("(kill|killing) my (self|)") == ["kill my self", "kill my ", "killing my self", "killing my "]


def test_the_lexicon_has_phrases_in_english_and_welsh_for_every_category() -> None:
    lexicon = default_lexicon()
    categories = {phrase.rule.category for phrases in lexicon.by_first_word.values() for phrase in phrases}
    assert categories == set(RiskCategory)
    assert lexicon.phrase_count > 500


def test_our_own_copy_and_helpline_texts_hold_no_method_or_plan_detail() -> None:
    # SAM-3: the words the service shows must never carry method detail.
    texts = [text for message in default_messages().texts.values() for text in (message.en, message.cy)]
    for resource in default_catalogue().resources:
        texts += [resource.name.en, resource.name.cy, resource.description.en, resource.description.cy]
    flagged = {text: screen([text]).categories for text in texts}
    assert {
        text: found for text, found in flagged.items() if {RiskCategory.METHOD, RiskCategory.PLAN} & set(found)
    } == {}


def test_every_message_names_samaritans_116_123_in_both_languages() -> None:
    for key, message in default_messages().texts.items():
        assert "Samaritans" in message.en, key
        assert "116 123" in message.en, key
        assert "116 123" in message.cy, key
        assert "Samariaid" in message.cy, key


@pytest.mark.parametrize(
    ("content", "error"),
    [
        ("version = 1\nreviewed_on = 2026-01-01\nsurprise = 1\n", "surprise"),
        ('[[rules]]\nlevel = "urgent"\ncategory = "plan"\nen = ["x"]\n', "level"),
        ('[[rules]]\nlevel = "high"\ncategory = "plan"\nen = ["one, two"]\n', "one clause"),
    ],
)
def test_a_malformed_lexicon_is_refused(tmp_path: Path, content: str, error: str) -> None:
    original = (HERE.parents[2] / "domain" / "crisis" / "data" / "lexicon.toml").read_text(encoding="utf-8")
    base = original.split("[[rules]]", 1)[0]
    if content.startswith("version"):
        base = base.replace("version = 1\nreviewed_on = 2026-11-22\n", "")
    broken = tmp_path / "lexicon.toml"
    broken.write_text(base + content, encoding="utf-8")
    with pytest.raises(ValueError, match=error):
        load_lexicon(broken)
