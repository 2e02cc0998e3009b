"""The crisis screen (CRISIS-2): what a member wrote → none, concern or high.

A curated lexicon, in process, with no network call, so it runs inside every
mutation before it returns. The rules are in `data/lexicon.toml`'s header; the
one that lowers a level (negation) can only turn high into concern.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from domain.crisis.lexicon import Lexicon, Negation, Phrase, default_lexicon
from domain.crisis.words import Words, clauses, readings
from schemas.documents.safeguarding_alerts import RiskCategory, RiskLevel

_ORDER = {RiskLevel.NONE: 0, RiskLevel.CONCERN: 1, RiskLevel.HIGH: 2}


@dataclass(frozen=True)
class ScreenResult:
    """The level and the kinds of signal found; never the words themselves."""

    level: RiskLevel
    categories: tuple[RiskCategory, ...]
    lexicon_version: int

    @property
    def has_method(self) -> bool:
        """Method or means detail: held for review wherever content is published (SAM-3)."""
        return RiskCategory.METHOD in self.categories


@dataclass(frozen=True)
class _Match:
    phrase: Phrase
    start: int
    end: int


def screen(texts: Iterable[str | None], *, lexicon: Lexicon | None = None) -> ScreenResult:
    """Screen every text (a note, a body, a title) and return the highest level found."""
    lexicon = lexicon or default_lexicon()
    level, categories = RiskLevel.NONE, set()
    every_clause = (
        words
        for text in texts
        for reading in readings(text or "")  # as stored, and as shown when an override reverses it
        for words in clauses(reading, lexicon.replacements)
    )
    for words in every_clause:
        for match in _matches(words, lexicon):
            found = _level(words, match, lexicon.negation)
            level = max(level, found, key=_ORDER.__getitem__)
            categories.add(match.phrase.rule.category)
    return ScreenResult(level=level, categories=tuple(sorted(categories)), lexicon_version=lexicon.version)


def _matches(words: Words, lexicon: Lexicon) -> Iterator[_Match]:
    for start, word in enumerate(words):
        for phrase in lexicon.by_first_word.get(word, ()):
            end = start + len(phrase.words)
            if words[start:end] == phrase.words and not _any_at(words, end, phrase.rule.unless_followed_by):
                yield _Match(phrase=phrase, start=start, end=end)


def _level(words: Words, match: _Match, negation: Negation) -> RiskLevel:
    """The rule's level, or concern for a plainly negated high phrase."""
    rule = match.phrase.rule
    if rule.level is not RiskLevel.HIGH or not rule.negatable:
        return rule.level
    if _negated(words, match.start, negation) and not _hedged(words, match.start, negation):
        still_after = any(_any_at(words, match.end + offset, negation.still) for offset in range(negation.still_within))
        if not still_after:
            return RiskLevel.CONCERN
    return RiskLevel.HIGH


def _negated(words: Words, start: int, negation: Negation) -> bool:
    """A cue ends right before the phrase, or with only bridge words between."""
    end = start
    while end > 0 and start - end < negation.max_bridges and words[end - 1] in negation.bridges:
        end -= 1
    return any(_ends_at(words, position, negation.cues) for position in range(end, start + 1))


def _hedged(words: Words, start: int, negation: Negation) -> bool:
    """A hedge ("not sure", "maybe", "efallai") earlier in the same part of the clause."""
    scope = max((index + 1 for index in range(start) if words[index] in negation.hedge_scope_breaks), default=0)
    return any(_any_at(words[:start], position, negation.hedges) for position in range(scope, start))


def _any_at(words: Words, position: int, sequences: Iterable[Words]) -> bool:
    return any(words[position : position + len(sequence)] == sequence for sequence in sequences)


def _ends_at(words: Words, position: int, sequences: Iterable[Words]) -> bool:
    return any(
        position >= len(sequence) and words[position - len(sequence) : position] == sequence for sequence in sequences
    )
