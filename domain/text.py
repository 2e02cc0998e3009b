"""What a person can see of a text: a check shared by every field a member writes."""

from __future__ import annotations

import unicodedata

# Spacing, controls, format characters (zero-width, bidi controls), lone combining marks.
_UNSEEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp", "Mn", "Me"})
# Letters and signs drawn as nothing, used to post "empty" text: the Hangul fillers and the blank braille cell.
_BLANK_SIGNS = frozenset({"\u115f", "\u1160", "\u3164", "\uffa0", "\u2800"})


def has_visible_text(text: str) -> bool:
    """True when at least one character would show on a screen."""
    return any(char not in _BLANK_SIGNS and unicodedata.category(char) not in _UNSEEN_CATEGORIES for char in text)
