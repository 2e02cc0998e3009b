"""How the crisis screen reads text: the same steps for a member's words and for
the phrase lists, so a phrase written naturally in the file matches however a
member types it (typographic apostrophes, capitals, accents, spacing, hyphens,
full-width letters, invisible characters, and text written backwards behind a
right-to-left override so that it shows the right way round).
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

# Explicit bidirectional formatting (Unicode's bidi algorithm, rules X1-X8): the
# overrides force a direction on every letter inside them; embeddings and isolates
# open a scope without reordering Latin or Welsh letters; PDF and PDI close them.
_RIGHT_TO_LEFT_OVERRIDE = "\u202e"
_OPENERS = {"\u202a", "\u202b", "\u202d", _RIGHT_TO_LEFT_OVERRIDE, "\u2066", "\u2067", "\u2068"}
_ISOLATES = {"\u2066", "\u2067", "\u2068"}
_POP_FORMATTING, _POP_ISOLATE = "\u202c", "\u2069"
_PARAGRAPH_ENDS = {"\n", "\r", "\u2029", "\x1c", "\x1d", "\x1e", "\x85"}


def readings(text: str) -> list[str]:
    """The text as stored and, when a right-to-left override reverses part of it, as it
    is shown: "\u202eflesym llik\u202c" reads "kill myself" on every screen.
    """
    if _RIGHT_TO_LEFT_OVERRIDE not in text:
        return [text]
    return [text, "".join(_Scope.parse(text).shown())]


def clauses(text: str, replacements: Mapping[str, Words]) -> Iterator[Words]:
    """The text's clauses, each as its normalised words, with `replacements` applied
    word by word (`dont` → `do not`).
    """
    for chunk in _CLAUSE_BREAKS.split(_plain(text)):
        words = tuple(part for word in _WORD.findall(chunk) for part in replacements.get(word, (word,)))
        if words:
            yield words


class _Scope:
    """One explicit bidi scope (or the whole paragraph) and what it holds, in stored order."""

    def __init__(self, opener: str | None) -> None:
        self.opener = opener
        self.parts: list[str | _Scope] = []

    @classmethod
    def parse(cls, text: str) -> _Scope:
        root = cls(None)
        stack = [root]
        for char in text:
            if char in _OPENERS:
                stack.append(cls(char))
                stack[-2].parts.append(stack[-1])
            elif char in (_POP_FORMATTING, _POP_ISOLATE) or char in _PARAGRAPH_ENDS:
                _close(stack, char)
                if char in _PARAGRAPH_ENDS:
                    root.parts.append(char)
            else:
                stack[-1].parts.append(char)
        return root

    def shown(self) -> list[str]:
        """Its characters in display order: an override to the right reverses what it holds,
        a scope nested in it keeping its own order.
        """
        parts = reversed(self.parts) if self.opener == _RIGHT_TO_LEFT_OVERRIDE else self.parts
        return [char for part in parts for char in (part.shown() if isinstance(part, _Scope) else part)]


def _close(stack: list[_Scope], char: str) -> None:
    """PDF closes the innermost override or embedding; PDI its isolate and all inside it; a
    paragraph's end closes everything.
    """
    if char == _POP_FORMATTING:
        if len(stack) > 1 and stack[-1].opener not in _ISOLATES:
            stack.pop()
        return
    isolate = next((i for i in range(len(stack) - 1, 0, -1) if stack[i].opener in _ISOLATES), None)
    if char in _PARAGRAPH_ENDS:
        del stack[1:]
    elif isolate is not None:
        del stack[isolate:]


def _plain(text: str) -> str:
    """Lower case without accents, invisible characters or apostrophes; dashes as spaces."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    decomposed = unicodedata.normalize("NFKD", folded)
    kept = "".join(char for char in decomposed if unicodedata.category(char) not in {"Mn", "Cf"})
    return _SPACERS.sub(" ", kept.translate(_APOSTROPHES))
