"""Every reply the service texts back, in English and Welsh: the one place their words live.

Lock-screen safe like every text (no mood, group kind or names). The Welsh wants review by a
first-language speaker before launch.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from domain.crisis import Signposting
from schemas.documents.members import Language
from schemas.documents.support_resources import ContactKind, SupportResourceDocument

MAX_HELPLINES = 3  # a text stays short: the first lines for the member's nation and age


class ReplyKey(StrEnum):
    CONFIRMED = "confirmed"
    ALREADY_CONFIRMED = "already_confirmed"
    PLEASE_CONFIRM = "please_confirm"
    CHECK_IN_THANKS = "check_in_thanks"
    NOT_UNDERSTOOD = "not_understood"
    STOPPED = "stopped"
    STARTED = "started"
    HELP = "help"
    HELPLINES = "helplines"


REPLIES: dict[ReplyKey, dict[Language, str]] = {
    ReplyKey.CONFIRMED: {
        Language.EN: "Thanks, you're set up. We'll text you when your group checks in: reply with a number from "
        "1 (very low) to 5 (very good). Reply HELP for help, STOP to stop.",
        Language.CY: "Diolch, rydych chi'n barod. Byddwn ni'n anfon neges pan fydd eich grŵp yn cofrestru: atebwch "
        "gyda rhif o 1 (isel iawn) i 5 (da iawn). Atebwch CYMORTH am help, DIM i stopio.",
    },
    ReplyKey.ALREADY_CONFIRMED: {
        Language.EN: "You're already set up. Reply with a number from 1 to 5 to check in.",
        Language.CY: "Rydych chi eisoes yn barod. Atebwch gyda rhif o 1 i 5 i gofrestru.",
    },
    ReplyKey.PLEASE_CONFIRM: {
        Language.EN: "Reply YES to start checking in by text, or STOP to stop.",
        Language.CY: "Atebwch IE i ddechrau cofrestru drwy neges, neu DIM i stopio.",
    },
    ReplyKey.CHECK_IN_THANKS: {
        Language.EN: "Thanks for checking in.",
        Language.CY: "Diolch am gofrestru.",
    },
    ReplyKey.NOT_UNDERSTOOD: {
        Language.EN: "Sorry, we didn't understand. Reply with a number from 1 (very low) to 5 (very good), "
        "HELP for help or STOP to stop.",
        Language.CY: "Mae'n ddrwg gennym, doedden ni ddim yn deall. Atebwch gyda rhif o 1 (isel iawn) i 5 (da iawn), "
        "CYMORTH am help neu DIM i stopio.",
    },
    ReplyKey.STOPPED: {
        Language.EN: "You won't get any more texts from us. Reply START to start again.",
        Language.CY: "Fyddwch chi ddim yn cael rhagor o negeseuon gennym ni. Atebwch DECHRAU i ddechrau eto.",
    },
    ReplyKey.STARTED: {
        Language.EN: "Welcome back. We'll text you when your group checks in. Reply STOP to stop.",
        Language.CY: "Croeso'n ôl. Byddwn ni'n anfon neges pan fydd eich grŵp yn cofrestru. Atebwch DIM i stopio.",
    },
    ReplyKey.HELP: {
        Language.EN: "Check-in texts from your group. Reply 1 to 5 to check in, STOP to stop.",
        Language.CY: "Negeseuon cofrestru gan eich grŵp. Atebwch 1 i 5 i gofrestru, DIM i stopio.",
    },
    ReplyKey.HELPLINES: {
        Language.EN: "If you need to talk to someone now:",
        Language.CY: "Os oes angen i chi siarad â rhywun nawr:",
    },
}


def reply(key: ReplyKey, language: Language) -> str:
    by_language = REPLIES[key]
    return by_language.get(language) or by_language[Language.EN]


def helplines(signposting: Signposting, language: Language) -> str:
    """The kind words (when there are any) and the first lines the member can call or text."""
    words = signposting.message or reply(ReplyKey.HELPLINES, language)
    return " ".join([words, lines_of(signposting.resources, language)])


def lines_of(resources: Sequence[SupportResourceDocument], language: Language) -> str:
    """ "Samaritans: Call 116 123 (free)." for the first few lines one can call or text."""
    lines = []
    for resource in resources:
        contacts = [c for c in resource.contacts if c.kind in (ContactKind.CALL, ContactKind.TEXT)]
        if contacts:
            lines.append(f"{resource.name.get(language)}: {contacts[0].label.get(language)}")
        if len(lines) == MAX_HELPLINES:
            break
    return " ".join(f"{line}." for line in lines)
