"""How the crisis screen reads text: the same steps for a member's words and for
the phrase lists, so a phrase written naturally in the file matches however a
member types it (typographic apostrophes, capitals, accents, spacing, hyphens).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from typing import TypeAlias

Words: TypeAlias = tuple[str, ...]

_APOSTROPHES = str.maketrans("", "", "'’‘ʼʻ`´′ʹ")  # removed: don't, don’t and dont read the same
_SPACERS = re.compile(r"[-‐‑‒–—―_/\\]+")  # self-harm, self–harm and self harm read the same
_CLAUSE_BREAKS = re.compile(r"[.,;:!?…()\"“”«»\r\n]+")
_WORD = re.compile(r"[^\W_]+")


def clauses(text: str, replacements: Mapping[str, Words]) -> Iterator[Words]:
    """The text's clauses, each as its normalised words, with `replacements` applied
    word by word (`dont` → `do not`).
    """
    for chunk in _CLAUSE_BREAKS.split(_plain(text)):
        words = tuple(part for word in _WORD.findall(chunk) for part in replacements.get(word, (word,)))
        if words:
            yield words


def _plain(text: str) -> str:
    """Lower case without accents, invisible characters or apostrophes; dashes as spaces."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    decomposed = unicodedata.normalize("NFKD", folded)
    kept = "".join(char for char in decomposed if unicodedata.category(char) not in {"Mn", "Cf"})
    return _SPACERS.sub(" ", kept.translate(_APOSTROPHES))
