"""Reading a text someone sent: a keyword carriers expect (STOP, START, HELP and their Welsh), a YES,
or a check-in ("3", " 3 ", "three", "tri", "4 tired today"). Pure rules, no I/O.

Keywords follow Twilio's defaults for English (STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT;
START, UNSTOP; HELP, INFO), which Twilio also acts on itself. The Welsh are ours, since no
carrier knows them: DIM or STOPIO ("none", "stop") stop; DECHRAU ("start") starts again;
CYMORTH ("help") helps; IE ("yes") confirms, as YES does. Each must be the whole message
(bar spaces and a full stop), as carriers require, so "stop it hurts" is a message, not an opt-out.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from schemas.documents.members import Language


class Keyword(StrEnum):
    STOP = "stop"
    START = "start"
    HELP = "help"
    YES = "yes"


# Each keyword, and the language it was said in (the reply answers in it).
KEYWORDS: dict[str, tuple[Keyword, Language]] = {
    **dict.fromkeys(("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"), (Keyword.STOP, Language.EN)),
    **dict.fromkeys(("DIM", "STOPIO"), (Keyword.STOP, Language.CY)),
    **dict.fromkeys(("START", "UNSTOP"), (Keyword.START, Language.EN)),
    "DECHRAU": (Keyword.START, Language.CY),
    **dict.fromkeys(("HELP", "INFO"), (Keyword.HELP, Language.EN)),
    "CYMORTH": (Keyword.HELP, Language.CY),
    **dict.fromkeys(("YES", "Y", "YEP", "YEAH"), (Keyword.YES, Language.EN)),
    "IE": (Keyword.YES, Language.CY),
}
# Words Twilio itself treats as opt-out or opt-in (Advanced Opt-Out defaults): it confirms them
# and, after a STOP, blocks our texts to the number, so our own reply would be refused (21610).
TWILIO_HANDLES = frozenset({"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "START", "UNSTOP"})

NUMBER_WORDS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,  # English
    "un": 1, "dau": 2, "dwy": 2, "tri": 3, "tair": 3, "pedwar": 4, "pedair": 4, "pump": 5, "pum": 5,  # Welsh
}  # fmt: skip
_FIRST = re.compile(r"^\s*([0-9]+|[^\W\d_]+)(?:\s*(?:/\s*5|out of 5|allan o 5))?[\s.,!:;)\-]*(.*)$", re.DOTALL)
_MOOD = range(1, 6)


@dataclass(frozen=True)
class CheckInReply:
    mood: int
    note: str | None


@dataclass(frozen=True)
class KeywordReply:
    keyword: Keyword
    language: Language
    word: str  # as carriers read it: upper case

    @property
    def carrier_handles(self) -> bool:
        return self.word in TWILIO_HANDLES


def keyword_of(body: str) -> KeywordReply | None:
    """The keyword the whole message is, if it is one."""
    word = unicodedata.normalize("NFKC", body).strip().rstrip(".!").strip().upper()
    found = KEYWORDS.get(word)
    return KeywordReply(found[0], found[1], word) if found else None


def check_in_of(body: str) -> CheckInReply | None:
    """A mood from 1 to 5 as the first word (a digit, or the number in English or Welsh), and any words after it."""
    matched = _FIRST.match(unicodedata.normalize("NFKC", body))
    if matched is None:
        return None
    first, rest = matched.group(1), matched.group(2).strip()
    mood = int(first) if first.isdigit() else NUMBER_WORDS.get(first.casefold())
    if mood is None or mood not in _MOOD:
        return None
    return CheckInReply(mood=mood, note=rest or None)
