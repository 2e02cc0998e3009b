"""The words the service puts into conversations, in every language it speaks: the openers a lead
may start with (one small set per situation) and the line at the top of a thread that says who
can read it. The Welsh wants review by a first-language speaker before launch.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from schemas.documents.members import Language
from schemas.documents.threads import ThreadDocument, ThreadKind, ThreadStatus


class OpenerSituation(StrEnum):
    QUIET = "quiet"  # the member has gone quiet (quietMembers, the digest)
    HARD_DAY = "hard_day"  # a difficult date they shared
    SUPPORT_REQUEST = "support_request"  # they asked for a message
    ANY = "any"


class Opener(StrEnum):
    WE_MISSED_YOU = "we_missed_you"
    THINKING_OF_YOU_TODAY = "thinking_of_you_today"
    THANKS_FOR_ASKING = "thanks_for_asking"
    JUST_CHECKING_IN = "just_checking_in"


@dataclass(frozen=True)
class OpenerText:
    situation: OpenerSituation
    texts: dict[Language, str]


OPENERS: dict[Opener, OpenerText] = {
    Opener.WE_MISSED_YOU: OpenerText(OpenerSituation.QUIET, {
        Language.EN: "Hi, we've missed you in the group. No pressure at all: we just wanted to say we're thinking "
        "of you. How are you doing?",
        Language.CY: "Helo, rydyn ni wedi gweld eich colli chi yn y grŵp. Dim pwysau o gwbl: roedden ni eisiau "
        "dweud ein bod ni'n meddwl amdanoch chi. Sut ydych chi?",
    }),
    Opener.THINKING_OF_YOU_TODAY: OpenerText(OpenerSituation.HARD_DAY, {
        Language.EN: "Thinking of you today. There's no need to reply, but we're here if you'd like to talk.",
        Language.CY: "Yn meddwl amdanoch chi heddiw. Does dim angen ateb, ond rydyn ni yma os hoffech chi siarad.",
    }),
    Opener.THANKS_FOR_ASKING: OpenerText(OpenerSituation.SUPPORT_REQUEST, {
        Language.EN: "Thanks for asking for a chat. We're really glad you did. How are things at the moment?",
        Language.CY: "Diolch am ofyn am sgwrs. Rydyn ni'n falch iawn eich bod chi wedi gwneud. Sut mae pethau ar "
        "hyn o bryd?",
    }),
    Opener.JUST_CHECKING_IN: OpenerText(OpenerSituation.ANY, {
        Language.EN: "Just checking in to see how you're doing. We're here whenever you'd like to talk.",
        Language.CY: "Dim ond eisiau gweld sut ydych chi. Rydyn ni yma pryd bynnag yr hoffech chi siarad.",
    }),
}  # fmt: skip


def opener_text(opener: Opener, language: Language) -> str:
    """The opener in the member's language (English if a language is ever missing)."""
    texts = OPENERS[opener].texts
    return texts.get(language) or texts[Language.EN]


_HEADERS: dict[str, dict[Language, str]] = {
    "staff": {
        Language.EN: "This conversation is with the service's safeguarding team. Only you and the team can see it.",
        Language.CY: "Mae'r sgwrs hon gyda thîm diogelu'r gwasanaeth. Dim ond chi a'r tîm sy'n gallu ei gweld.",
    },
    "leadership": {
        Language.EN: "Your group's leads and co-leads all see this conversation and can answer it. Nobody else "
        "in the group can.",
        Language.CY: "Mae arweinwyr a chyd-arweinwyr eich grŵp i gyd yn gweld y sgwrs hon ac yn gallu ei hateb. "
        "Does neb arall yn y grŵp yn gallu.",
    },
    "youth": {
        Language.EN: "The service's safeguarding team can also read this conversation, as they can every "
        "conversation in a youth group or with someone under 18, to keep everyone safe.",
        Language.CY: "Mae tîm diogelu'r gwasanaeth hefyd yn gallu darllen y sgwrs hon, fel pob sgwrs mewn grŵp "
        "ieuenctid neu gyda rhywun dan 18, er mwyn cadw pawb yn ddiogel.",
    },
    "flagged": {
        Language.EN: "The service's safeguarding team can also read this conversation, because something in it "
        "was reported, raised a concern, or waited a long time for a reply.",
        Language.CY: "Mae tîm diogelu'r gwasanaeth hefyd yn gallu darllen y sgwrs hon, am fod rhywbeth ynddi "
        "wedi cael ei adrodd, wedi codi pryder, neu wedi aros yn hir am ateb.",
    },
    "ended": {
        Language.EN: "This conversation has ended.",
        Language.CY: "Mae'r sgwrs hon wedi dod i ben.",
    },
}


def header(thread: ThreadDocument, language: Language) -> str:
    """Who can read the thread, as its member is told at the top of it (the other side sees the same words)."""
    keys = ["staff"] if thread.kind is ThreadKind.STAFF else ["leadership"]
    if thread.kind is ThreadKind.GROUP and thread.safeguarding_visible:
        keys.append("youth")
    elif thread.kind is ThreadKind.GROUP and thread.flagged:
        keys.append("flagged")
    if thread.status is ThreadStatus.CLOSED:
        keys.insert(0, "ended")
    return " ".join(_HEADERS[key].get(language) or _HEADERS[key][Language.EN] for key in keys)
