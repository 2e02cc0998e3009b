"""The words of the notifications that also go by text message, in every language the service speaks.

A text is read on any phone's lock screen, perhaps a shared one: never a mood, a group's kind or
name, or anyone's name. Each invites a reply the inbound webhook understands (a number from 1
to 5, YES, HELP, STOP). Kinds not here are not texted (they need the app). The Welsh wants
review by a first-language speaker before launch.
"""

from __future__ import annotations

from schemas.documents.members import Language
from schemas.documents.notifications import NotificationKind

TEXTS: dict[NotificationKind, dict[Language, str]] = {
    NotificationKind.CHECK_IN_REMINDER: {
        Language.EN: "Time to check in. Reply with a number from 1 (very low) to 5 (very good). Reply STOP to stop.",
        Language.CY: "Amser i gofrestru. Atebwch gyda rhif o 1 (isel iawn) i 5 (da iawn). Atebwch DIM i stopio.",
    },
    NotificationKind.TEXT_WELCOME: {
        Language.EN: "Hello. You've been added to a group to check in by text message. "
        "Reply YES to start, or STOP to stop. Reply HELP for help.",
        Language.CY: "Helo. Rydych chi wedi cael eich ychwanegu at grŵp i gofrestru drwy neges destun. "
        "Atebwch IE i ddechrau, neu DIM i stopio. Atebwch CYMORTH am help.",
    },
    NotificationKind.QUIET_NUDGE: {
        Language.EN: "We've missed you. No pressure: reply with a number from 1 to 5 whenever you're ready.",
        Language.CY: "Rydyn ni wedi gweld eich colli chi. Dim pwysau: atebwch gyda rhif o 1 i 5 "
        "pan fyddwch chi'n barod.",
    },
    NotificationKind.QUIET_LAST_WORD: {
        Language.EN: "We won't keep texting. Your group is here whenever you want it. Reply HELP for support lines.",
        Language.CY: "Wnawn ni ddim dal ati i anfon negeseuon. Mae eich grŵp yma pryd bynnag y mynnwch. "
        "Atebwch CYMORTH am linellau cymorth.",
    },
    NotificationKind.MOOD_SUPPORT: {
        Language.EN: "Thinking of you. You don't have to go through things alone. Reply HELP for people who can help.",
        Language.CY: "Yn meddwl amdanoch chi. Does dim rhaid i chi wynebu pethau ar eich pen eich hun. "
        "Atebwch CYMORTH i weld pwy all helpu.",
    },
}


def sms_text_for(kind: NotificationKind, language: Language) -> str | None:
    """The text's words in the member's language (English if missing); None when the kind is not texted."""
    by_language = TEXTS.get(kind)
    if by_language is None:
        return None
    return by_language.get(language) or by_language[Language.EN]
