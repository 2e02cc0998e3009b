"""The crisis screen's phrase lists, read from the reviewed file `data/lexicon.toml`
and compiled into word sequences, read exactly as a member's text is (`words.py`).
"""

from __future__ import annotations

import itertools
import re
import tomllib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from domain.crisis.words import Words, clauses
from schemas.documents.safeguarding_alerts import RiskCategory, RiskLevel

LEXICON_FILE = Path(__file__).parent / "data" / "lexicon.toml"
_GROUP = re.compile(r"\(([^()]*)\)")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _NegationFile(_Strict):
    cues: list[str]
    bridges: list[str]
    max_bridges: int = Field(ge=1, le=8)
    hedges: list[str]
    hedge_scope_breaks: list[str]
    still: list[str]
    still_within: int = Field(ge=1, le=8)


class _RuleFile(_Strict):
    level: RiskLevel
    category: RiskCategory
    negatable: bool = True
    en: list[str] = Field(default_factory=list)
    cy: list[str] = Field(default_factory=list)
    unless_followed_by: list[str] = Field(default_factory=list)


class _LexiconFile(_Strict):
    version: int = Field(ge=1)
    reviewed_on: date
    normalise: dict[str, str]
    negation: _NegationFile
    rules: list[_RuleFile] = Field(min_length=1)


@dataclass(frozen=True)
class Rule:
    level: RiskLevel
    category: RiskCategory
    negatable: bool
    unless_followed_by: tuple[Words, ...]


@dataclass(frozen=True)
class Phrase:
    words: Words
    rule: Rule


@dataclass(frozen=True)
class Negation:
    cues: tuple[Words, ...]
    bridges: frozenset[str]
    max_bridges: int
    hedges: tuple[Words, ...]
    hedge_scope_breaks: frozenset[str]
    still: tuple[Words, ...]
    still_within: int


@dataclass(frozen=True)
class Lexicon:
    version: int
    reviewed_on: date
    replacements: dict[str, Words]
    negation: Negation
    by_first_word: dict[str, tuple[Phrase, ...]]

    @property
    def phrase_count(self) -> int:
        return sum(len(phrases) for phrases in self.by_first_word.values())


def expand(pattern: str) -> list[str]:
    """`(kill|killing) myself` → `kill myself`, `killing myself`; `(a|)` means optional."""
    parts = _GROUP.split(pattern)
    options = [part.split("|") if index % 2 else [part] for index, part in enumerate(parts)]
    return ["".join(combination) for combination in itertools.product(*options)]


def load_lexicon(path: Path = LEXICON_FILE) -> Lexicon:
    """Read, check and compile the phrase lists; a malformed file raises ValueError."""
    data = _LexiconFile.model_validate(tomllib.loads(path.read_text(encoding="utf-8")))
    replacements = {word: tuple(value.split()) for word, value in data.normalise.items()}

    def read(text: str) -> Words:
        found = list(clauses(text, replacements))
        if len(found) != 1:
            raise ValueError(f"lexicon entry {text!r} must be one clause of words")
        return found[0]

    by_first: defaultdict[str, list[Phrase]] = defaultdict(list)
    for entry in data.rules:
        rule = Rule(entry.level, entry.category, entry.negatable, tuple(map(read, entry.unless_followed_by)))
        for pattern in [*entry.en, *entry.cy]:
            for text in expand(pattern):
                words = read(text)
                by_first[words[0]].append(Phrase(words=words, rule=rule))
    return Lexicon(
        version=data.version,
        reviewed_on=data.reviewed_on,
        replacements=replacements,
        negation=_negation(data.negation, read),
        by_first_word={word: tuple(phrases) for word, phrases in by_first.items()},
    )


def _negation(data: _NegationFile, read: Callable[[str], Words]) -> Negation:
    def single(text: str) -> str:
        words = read(text)
        if len(words) != 1:
            raise ValueError(f"lexicon entry {text!r} must be a single word")
        return words[0]

    return Negation(
        cues=tuple(map(read, data.cues)),
        bridges=frozenset(map(single, data.bridges)),
        max_bridges=data.max_bridges,
        hedges=tuple(map(read, data.hedges)),
        hedge_scope_breaks=frozenset(map(single, data.hedge_scope_breaks)),
        still=tuple(map(read, data.still)),
        still_within=data.still_within,
    )


@cache
def default_lexicon() -> Lexicon:
    """The reviewed lists, compiled once per process."""
    return load_lexicon()
