"""Every notification's words, in every language the service speaks: the one place they live.

The same text goes on the lock screen and in the inbox, so it is written to
be safe where anyone can read it: never a mood, a note, a share's words or a
group's name (params are for the app to open the right screen, not for the
text). One exception, in the app only: a kind may have an `inbox_body` that
names another member (`{name}`, their display name when the inbox is read),
shown inside the app, where the member has signed in; the push keeps `body`.
The Welsh wants review by a first-language speaker before launch.
"""

from __future__ import annotations

from dataclasses import dataclass

from schemas.documents.members import Language
from schemas.documents.notifications import NotificationKind


@dataclass(frozen=True)
class Text:
    title: str
    body: str
    inbox_body: str | None = None  # inside the app only: may name the member in params["memberId"] as {name}

    def for_inbox(self, name: str | None) -> Text:
        """The words the inbox shows: `inbox_body` with the name, when there is one to give."""
        if self.inbox_body is None or name is None:
            return self
        return Text(self.title, self.inbox_body.format(name=name))


CATALOGUE: dict[NotificationKind, dict[Language, Text]] = {
    NotificationKind.CHECK_IN_REMINDER: {
        Language.EN: Text("Time to check in", "Your group's check-in is open. How are you today?"),
        Language.CY: Text("Amser i gofrestru", "Mae sesiwn eich grŵp ar agor. Sut ydych chi heddiw?"),
    },
    NotificationKind.JOIN_REQUEST_APPROVED: {
        Language.EN: Text("You're in", "Your request to join a group was accepted. Open the app to say hello."),
        Language.CY: Text("Croeso", "Mae eich cais i ymuno â grŵp wedi'i dderbyn. Agorwch yr ap i ddweud helo."),
    },
    NotificationKind.JOIN_REQUEST_DECLINED: {
        Language.EN: Text(
            "About your request", "A group couldn't take your request this time. Open the app to see others."
        ),
        Language.CY: Text(
            "Am eich cais", "Doedd grŵp ddim yn gallu derbyn eich cais y tro hwn. Agorwch yr ap i weld eraill."
        ),
    },
    NotificationKind.GROUP_SHARE: {
        Language.EN: Text(
            "New in your group", "Someone in your group has shared something. Open the app to offer support."
        ),
        Language.CY: Text(
            "Newydd yn eich grŵp", "Mae rhywun yn eich grŵp wedi rhannu rhywbeth. Agorwch yr ap i gynnig cefnogaeth."
        ),
    },
    NotificationKind.SHARE_SUPPORT: {
        Language.EN: Text("Your group", "Someone has responded to you. Open the app to see."),
        Language.CY: Text("Eich grŵp", "Mae rhywun wedi ymateb i chi. Agorwch yr ap i weld."),
    },
    NotificationKind.GROUP_SUPPORT_NEEDED: {
        Language.EN: Text(
            "For group leads",
            "Someone in your group may be struggling. Our safeguarding team is aware. Open the app for guidance.",
        ),
        Language.CY: Text(
            "I arweinwyr grŵp",
            "Efallai bod rhywun yn eich grŵp yn cael trafferth. Mae ein tîm diogelu yn ymwybodol. "
            "Agorwch yr ap am arweiniad.",
        ),
    },
    NotificationKind.REPORT_RECEIVED: {
        Language.EN: Text("For group leads", "Something in your group has been reported. Open the app to review it."),
        Language.CY: Text(
            "I arweinwyr grŵp", "Mae rhywbeth yn eich grŵp wedi cael ei adrodd. Agorwch yr ap i'w adolygu."
        ),
    },
    NotificationKind.DIFFICULT_DATE_CHECK_IN: {
        Language.EN: Text("Thinking of you today", "How are you doing? Check in whenever you're ready, if you'd like."),
        Language.CY: Text(
            "Yn meddwl amdanoch chi heddiw", "Sut ydych chi? Cofrestrwch pryd bynnag y byddwch chi'n barod, os hoffech."
        ),
    },
    NotificationKind.DIFFICULT_DATE_HEADS_UP: {
        Language.EN: Text(
            "A heads-up for tomorrow",
            "Someone in a group you lead has said tomorrow may be a hard day. Open the app to see who.",
            inbox_body="{name} has said tomorrow may be a hard day. A kind word from you could help.",
        ),
        Language.CY: Text(
            "Rhybudd ar gyfer yfory",
            "Mae rhywun mewn grŵp rydych chi'n ei arwain wedi dweud y gallai yfory fod yn anodd. Agorwch yr ap.",
            inbox_body="Mae {name} wedi dweud y gallai yfory fod yn ddiwrnod anodd. "
            "Gallai gair caredig gennych chi helpu.",
        ),
    },
    NotificationKind.SIGNPOST_FOLLOW_UP: {
        Language.EN: Text("Checking in on you", "We wanted to see how you're doing. Tap to tell us, if you'd like."),
        Language.CY: Text(
            "Holi amdanoch chi", "Roedden ni eisiau gweld sut rydych chi. Tapiwch i ddweud wrthon ni, os hoffech."
        ),
    },
    NotificationKind.QUIET_NUDGE: {
        Language.EN: Text(
            "We've missed you", "We've missed you in your group. No pressure: check in whenever you're ready."
        ),
        Language.CY: Text(
            "Rydyn ni wedi gweld eich colli chi",
            "Rydyn ni wedi gweld eich colli chi yn eich grŵp. "
            "Dim pwysau: cofrestrwch pryd bynnag y byddwch chi'n barod.",
        ),
    },
    NotificationKind.QUIET_LAST_WORD: {
        Language.EN: Text(
            "Still here for you",
            "We won't keep messaging. Your group is here whenever you want it, and so is help if you need it.",
        ),
        Language.CY: Text(
            "Yma i chi o hyd",
            "Wnawn ni ddim dal ati i anfon negeseuon. Mae eich grŵp yma pryd bynnag y mynnwch chi, "
            "a help hefyd os oes ei angen arnoch.",
        ),
    },
    NotificationKind.LEAD_DIGEST: {
        Language.EN: Text(
            "For group leads", "Today's summary for the groups you lead is ready. Open the app to see it."
        ),
        Language.CY: Text(
            "I arweinwyr grŵp",
            "Mae crynodeb heddiw ar gyfer y grwpiau rydych chi'n eu harwain yn barod. Agorwch yr ap.",
        ),
    },
    NotificationKind.MOOD_SUPPORT: {
        Language.EN: Text(
            "Thinking of you",
            "You don't have to go through things alone. Open the app for people who can help, whenever you're ready.",
        ),
        Language.CY: Text(
            "Yn meddwl amdanoch chi",
            "Does dim rhaid i chi wynebu pethau ar eich pen eich hun. Agorwch yr ap i weld pwy all helpu, "
            "pryd bynnag y byddwch chi'n barod.",
        ),
    },
    NotificationKind.SUPPORT_REQUEST: {
        Language.EN: Text(
            "For group leads",
            "Someone in a group you lead would welcome a message. Open the app to see who.",
            inbox_body="{name} says: I'm having a hard time and would welcome a message.",
        ),
        Language.CY: Text(
            "I arweinwyr grŵp",
            "Byddai rhywun mewn grŵp rydych chi'n ei arwain yn croesawu neges. Agorwch yr ap i weld pwy.",
            inbox_body="Mae {name} yn dweud: Rydw i'n cael amser anodd a byddwn i'n croesawu neges.",
        ),
    },
    NotificationKind.THREAD_MESSAGE: {
        Language.EN: Text("New message", "You have a new message. Open the app to read it."),
        Language.CY: Text("Neges newydd", "Mae gennych chi neges newydd. Agorwch yr ap i'w darllen."),
    },
    NotificationKind.SESSION_REMINDER_DAY: {
        Language.EN: Text("Tomorrow", "A session you're going to is tomorrow. Open the app for the details."),
        Language.CY: Text("Yfory", "Mae sesiwn rydych chi'n mynd iddi yfory. Agorwch yr ap am y manylion."),
    },
    NotificationKind.SESSION_REMINDER_SOON: {
        Language.EN: Text(
            "Starting soon", "A session you're going to starts in 2 hours. Open the app for the details."
        ),
        Language.CY: Text(
            "Yn dechrau cyn hir",
            "Mae sesiwn rydych chi'n mynd iddi yn dechrau mewn 2 awr. Agorwch yr ap am y manylion.",
        ),
    },
    NotificationKind.SESSION_CANCELLED: {
        Language.EN: Text(
            "Session cancelled", "A session you said you'd go to has been cancelled. Open the app to see."
        ),
        Language.CY: Text(
            "Sesiwn wedi'i chanslo", "Mae sesiwn roeddech chi'n mynd iddi wedi'i chanslo. Agorwch yr ap i weld."
        ),
    },
    NotificationKind.SESSION_MOVED: {
        Language.EN: Text("Session moved", "A session you said you'd go to has a new time. Open the app to see."),
        Language.CY: Text(
            "Sesiwn wedi symud", "Mae amser newydd i sesiwn roeddech chi'n mynd iddi. Agorwch yr ap i weld."
        ),
    },
    NotificationKind.SESSION_PLACE_OFFERED: {
        Language.EN: Text("You have a place", "A place came up at a session you were waiting for. You're going."),
        Language.CY: Text("Mae lle i chi", "Daeth lle mewn sesiwn roeddech chi'n aros amdani. Rydych chi'n mynd."),
    },
    NotificationKind.THREAD_WAITING: {
        Language.EN: Text(
            "For group leads", "Someone in a group you lead is waiting for a reply. Open the app to answer them."
        ),
        Language.CY: Text(
            "I arweinwyr grŵp",
            "Mae rhywun mewn grŵp rydych chi'n ei arwain yn aros am ateb. Agorwch yr ap i'w ateb.",
        ),
    },
    NotificationKind.TEXT_WELCOME: {  # sent by text only; the app never shows it, but every kind has words
        Language.EN: Text("Check in by text", "You've been added to a group to check in by text. Reply YES to start."),
        Language.CY: Text(
            "Cofrestru drwy neges", "Rydych chi wedi cael eich ychwanegu at grŵp i gofrestru drwy neges. Atebwch IE."
        ),
    },
    NotificationKind.MODERATION_NOTICE: {
        Language.EN: Text(
            "A note from your group", "A moderator acted on something of yours. Open the app to see why."
        ),
        Language.CY: Text(
            "Nodyn gan eich grŵp", "Mae cymedrolwr wedi gweithredu ar rywbeth gennych chi. Agorwch yr ap i weld pam."
        ),
    },
    NotificationKind.TEXT_BUDGET_LOW: {
        Language.EN: Text("Text budget", "Your organisation has used most of this month's texts. Open the app to see."),
        Language.CY: Text(
            "Cyllideb negeseuon", "Mae'ch sefydliad wedi defnyddio'r rhan fwyaf o negeseuon y mis hwn. Agorwch yr ap."
        ),
    },
    NotificationKind.SAFEGUARDING_PAGE: {
        Language.EN: Text("You're on call", "A safeguarding alert needs you. Open the console to acknowledge it."),
        Language.CY: Text("Rydych chi ar alwad", "Mae rhybudd diogelu angen eich sylw. Agorwch y consol i'w gydnabod."),
    },
}


def text_for(kind: NotificationKind, language: Language) -> Text:
    """The kind's words in the member's language (English if a language is ever missing)."""
    by_language = CATALOGUE[kind]
    return by_language.get(language) or by_language[Language.EN]
