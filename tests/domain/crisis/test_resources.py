"""The reviewed support-resources file and the pure rules over it: freshness,
numbers, who each line serves, order, and opening hours across the clock change.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from domain.crisis import policies
from domain.crisis.catalogue import RESOURCES_FILE, default_catalogue, load_catalogue
from domain.crisis.messages import MessageKey
from schemas.documents.groups import GroupKind
from schemas.documents.members import Nation
from schemas.documents.safeguarding_alerts import RiskLevel
from schemas.documents.support_resources import SupportResourceDocument, VerificationStatus

CATALOGUE = default_catalogue()
PUBLISHED = [item for item in CATALOGUE.resources if item.published]
BY_ID = {item.id: item for item in CATALOGUE.resources}
CRISIS_PAGE = (Path(__file__).resolve().parents[3] / "docs" / "product" / "crisis.md").read_text(encoding="utf-8")
NATION_LINES = {
    Nation.ENGLAND: {"nhs-111-england"},
    Nation.WALES: {"nhs-111-wales"},
    Nation.SCOTLAND: {"nhs-24-scotland"},
    Nation.NORTHERN_IRELAND: {"lifeline"},
}
AGES = [None, 0, 15, 16, 17, 18, 19, 24, 25, 34, 35, 60, 120]


def _for(nation: Nation, age: int | None, group_kind: GroupKind | None = None) -> list[SupportResourceDocument]:
    return policies.ordered(
        item for item in PUBLISHED
        if nation in item.nations and policies.serves_age(item, age) and policies.serves_group(item, group_kind)
    )  # fmt: skip


def a_year_before(today: date) -> date:
    try:
        return today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        return today.replace(year=today.year - 1, day=28)


def test_every_entry_was_verified_in_the_last_12_months() -> None:
    # Against the real date, on purpose (issue 14): an entry nobody has checked for a year must stop
    # the build until someone checks it with its provider and moves its `last_verified` on.
    oldest = a_year_before(datetime.now(UTC).date())
    assert [(item.id, item.last_verified) for item in CATALOGUE.resources if item.last_verified < oldest] == []


def test_every_entry_names_its_sources_and_who_checked_it() -> None:
    for item in CATALOGUE.resources:
        assert item.verification.source_urls, item.id
        assert all(url.startswith(("https://", "http://")) for url in item.verification.source_urls), item.id
        assert item.verification.verified_by.strip(), item.id


def test_every_entry_was_verified_within_180_days_of_the_files_review() -> None:
    # Measured against the review date kept in the file, not today's date: the
    # suite must not start failing by itself on some calendar day. Start-up logs a
    # warning once the review itself is more than 180 days old (test_seed.py).
    assert CATALOGUE.max_age_days == 180
    assert CATALOGUE.stale() == []


def test_an_entry_verified_too_long_before_the_review_is_caught(tmp_path: Path) -> None:
    text = RESOURCES_FILE.read_text(encoding="utf-8").replace("reviewed_on = 2026-12-06", "reviewed_on = 2027-06-06")
    moved = tmp_path / "resources.toml"
    moved.write_text(text, encoding="utf-8")
    assert load_catalogue(moved).stale() == [item.id for item in CATALOGUE.resources]


@pytest.mark.parametrize("nation", list(Nation))
@pytest.mark.parametrize("age", AGES)
def test_every_nation_and_age_gets_999_samaritans_shout_and_its_own_line(nation: Nation, age: int | None) -> None:
    shown = _for(nation, age)
    ids = {item.id for item in shown}
    assert {"emergency-999", "samaritans", "shout"} | NATION_LINES[nation] <= ids
    contacts = {(contact.kind, contact.value, contact.keyword) for item in shown for contact in item.contacts}
    assert {("call", "999", None), ("call", "116 123", None), ("text", "85258", "SHOUT")} <= contacts
    assert [item.id for item in shown][:2] == ["emergency-999", "emergency-a-and-e"]


# Each nation's and age's lines after the four always shown, in the order the app shows them.
LINES_BY_NATION_AND_AGE = [
    (Nation.ENGLAND, 20, ["nhs-111-england", "papyrus-hopeline247", "calm", "the-mix", "mind-infoline"]),
    (Nation.ENGLAND, 17, ["nhs-111-england", "childline", "papyrus-hopeline247", "calm", "the-mix", "mind-infoline"]),
    (Nation.ENGLAND, 40, ["nhs-111-england", "papyrus-hopeline247", "calm", "mind-infoline"]),
    (
        Nation.WALES, 18,
        ["nhs-111-wales", "childline", "papyrus-hopeline247", "call-wales", "calm", "the-mix",
         "samaritans-welsh-language-line", "mind-infoline"],
    ),
    (Nation.SCOTLAND, 15, ["nhs-24-scotland", "childline", "papyrus-hopeline247", "calm", "the-mix"]),
    (
        Nation.SCOTLAND, 16,
        ["nhs-24-scotland", "childline", "papyrus-hopeline247", "breathing-space", "calm", "the-mix"],
    ),
    (Nation.NORTHERN_IRELAND, 35, ["lifeline", "papyrus-hopeline247", "calm"]),
]  # fmt: skip


@pytest.mark.parametrize(("nation", "age", "expected"), LINES_BY_NATION_AND_AGE)
def test_each_nation_and_age_gets_exactly_its_lines_in_order(nation: Nation, age: int, expected: list[str]) -> None:
    always = ["emergency-999", "emergency-a-and-e", "samaritans", "shout"]
    assert [item.id for item in _for(nation, age)] == always + expected


def test_age_limits_are_inclusive_bounds() -> None:
    childline, mix, breathing = BY_ID["childline"], BY_ID["the-mix"], BY_ID["breathing-space"]
    assert (policies.serves_age(childline, 18), policies.serves_age(childline, 19)) == (True, False)
    assert (policies.serves_age(mix, 24), policies.serves_age(mix, 25)) == (True, False)  # "under 25s"
    assert (policies.serves_age(BY_ID["meic-wales"], 25), policies.serves_age(BY_ID["meic-wales"], 26)) == (True, False)
    assert (policies.serves_age(breathing, 15), policies.serves_age(breathing, 16)) == (False, True)
    assert all(policies.serves_age(item, None) for item in CATALOGUE.resources)


@pytest.mark.parametrize(
    ("resource_id", "kind", "value", "keyword"),
    [
        ("emergency-999", "call", "999", None),
        ("samaritans", "call", "116 123", None),
        ("samaritans-welsh-language-line", "call", "0808 164 0123", None),
        ("shout", "text", "85258", "SHOUT"),
        ("nhs-111-england", "call", "111", None),
        ("nhs-111-wales", "call", "111", None),
        ("nhs-24-scotland", "call", "111", None),
        ("breathing-space", "call", "0800 83 85 87", None),
        ("lifeline", "call", "0808 808 8000", None),
        ("childline", "call", "0800 1111", None),
        ("papyrus-hopeline247", "call", "0800 068 4141", None),
        ("call-wales", "call", "0800 132 737", None),
        ("calm", "call", "0800 58 58 58", None),
        ("the-mix", "call", "0808 808 4994", None),
        ("cruse-bereavement-support", "call", "0808 808 1677", None),
        ("mind-infoline", "call", "0300 123 3393", None),
    ],
)
def test_the_main_contact_is_the_number_the_reference_study_confirmed(
    resource_id: str, kind: str, value: str, keyword: str | None
) -> None:
    main = BY_ID[resource_id].contacts[0]
    assert (main.kind, main.value, main.keyword) == (kind, value, keyword)
    assert BY_ID[resource_id].published is True


def test_nhs_111_says_both_the_option_and_its_number_in_england_and_wales() -> None:
    for resource_id in ("nhs-111-england", "nhs-111-wales"):
        assert BY_ID[resource_id].contacts[0].label.en == "Call 111 and choose the mental health option (option 2)"


def test_unconfirmed_numbers_are_kept_but_never_published_and_the_readme_names_every_doubt() -> None:
    unconfirmed = {
        item.id for item in CATALOGUE.resources if item.verification.status is VerificationStatus.UNCONFIRMED
    }
    unpublished = {item.id for item in CATALOGUE.resources if not item.published}
    assert unconfirmed == unpublished == {"meic-wales"}
    doubtful = [item for item in CATALOGUE.resources if item.verification.status is not VerificationStatus.CONFIRMED]
    assert [item.id for item in doubtful if f"`{item.id}`" not in CRISIS_PAGE] == []


def test_papyrus_lists_no_text_number_while_the_sources_disagree() -> None:
    assert [contact.kind for contact in BY_ID["papyrus-hopeline247"].contacts] == ["call"]


@pytest.mark.parametrize(
    ("change", "error"),
    [
        (('id = "meic-wales"\npublished = false', 'id = "meic-wales"\npublished = true'), "unconfirmed"),
        (('id = "shout"\npublished = true', 'id = "shout"\npublished = true\nmood = 1'), "mood"),
        (('id = "shout"\npublished = true', 'id = "shout"\npublished = true\nrevision = 9'), "revision"),
        (('id = "lifeline"', 'id = "samaritans"'), "unique"),
        (('northern_ireland"]\nmax_age = 18', 'northern_ireland"]\nmax_age = 18\nmin_age = 40'), "min_age"),
        (("always_open = false", "always_open = true"), "opening ranges"),
        (('value = "85258", keyword', 'value = "85258", keywrd'), "keywrd"),
        (
            (
                '"Tecstia help i 81066" } },\n]\nhours = { always_open = true',
                '"Tecstia help i 81066" } },\n]\nhours = { always_open = false',
            ),
            "without its opening ranges",
        ),
    ],
)
def test_a_mistake_in_the_reviewed_file_stops_start_up(tmp_path: Path, change: tuple[str, str], error: str) -> None:
    original = RESOURCES_FILE.read_text(encoding="utf-8")
    assert change[0] in original
    broken = tmp_path / "resources.toml"
    broken.write_text(original.replace(change[0], change[1], 1), encoding="utf-8")
    with pytest.raises(ValueError, match=error):
        load_catalogue(broken)


def test_emergencies_come_first_then_lines_open_all_day_then_the_rest() -> None:
    shown = _for(Nation.SCOTLAND, 17)
    groups = [(item.emergency, item.hours.always_open) for item in shown]
    assert groups == sorted(groups, key=lambda group: (not group[0], not group[1]))
    assert [item.id for item in shown][-3:] == ["breathing-space", "calm", "the-mix"]


def _london(text: str) -> datetime:
    """A UTC instant from a wall-clock reading in London, where the hours are kept."""
    return datetime.fromisoformat(text).replace(tzinfo=ZoneInfo("Europe/London")).astimezone(UTC)


@pytest.mark.parametrize(
    ("local", "open_now"),
    [
        ("2026-11-23 17:59", False),  # Monday, before the evening opening (GMT)
        ("2026-11-23 18:00", True),
        ("2026-11-24 01:59", True),  # Tuesday small hours: Monday night's opening
        ("2026-11-24 02:00", False),
        ("2026-11-27 17:59", False),  # Friday, before the weekend opening
        ("2026-11-28 12:00", True),  # Saturday noon: open all weekend
        ("2026-11-30 05:59", True),  # Monday morning, still the weekend opening
        ("2026-11-30 06:00", False),
        ("2026-07-06 18:30", True),  # Monday in British Summer Time: 17:30 UTC
        ("2026-07-06 17:30", False),  # 16:30 UTC: one hour out if BST were ignored
        ("2026-03-29 12:00", True),  # Sunday the clocks go forward, mid-weekend
        ("2026-10-26 05:30", True),  # the Monday after they go back
    ],
)
def test_opening_hours_follow_london_time_across_midnight_the_weekend_and_the_clock_change(
    local: str, open_now: bool
) -> None:
    assert policies.is_open(BY_ID["breathing-space"].hours, _london(local)) is open_now


def test_a_line_open_all_day_is_always_open() -> None:
    now = datetime(2026, 11, 22, 3, 0, tzinfo=UTC)
    assert all(policies.is_open(BY_ID[name].hours, now + timedelta(hours=h)) for name in ("samaritans", "shout")
               for h in range(0, 168, 7))  # fmt: skip


@pytest.mark.parametrize(
    ("level", "mood", "expected"),
    [
        (RiskLevel.HIGH, 5, MessageKey.HIGH),
        (RiskLevel.CONCERN, None, MessageKey.CONCERN),
        (RiskLevel.CONCERN, 1, MessageKey.CONCERN),
        (RiskLevel.NONE, 1, MessageKey.LOW_MOOD),
        (RiskLevel.NONE, 2, None),
        (RiskLevel.NONE, None, None),
    ],
)
def test_which_words_go_with_the_resources(level: RiskLevel, mood: int | None, expected: MessageKey | None) -> None:
    assert policies.support_message(level, mood) == expected


def test_call_is_published_with_its_text_line_and_meic_keeps_its_unconfirmed_hours_off_the_clock() -> None:
    call, meic = BY_ID["call-wales"], BY_ID["meic-wales"]
    assert (call.published, call.hours.always_open, call.verification.status) == (True, True, "confirmed")
    assert [(c.kind, c.value, c.keyword) for c in call.contacts] == [("call", "0800 132 737", None),
                                                                      ("text", "81066", "help")]  # fmt: skip
    assert "0800 137 737" in call.verification.note  # the typo, named as one, never as a contact
    assert (meic.published, meic.max_age, meic.hours.always_open, meic.hours.ranges) == (False, 25, False, ())


@pytest.mark.parametrize("age", [35, 42, 60])
def test_papyrus_is_shown_to_adults_worried_about_a_young_person(age: int) -> None:
    assert "papyrus-hopeline247" in [item.id for item in _for(Nation.ENGLAND, age)]
    assert "worried about a young person" in BY_ID["papyrus-hopeline247"].description.en


def test_cruse_is_listed_for_bereavement_groups_only() -> None:
    assert "cruse-bereavement-support" in [item.id for item in _for(Nation.WALES, 40, GroupKind.BEREAVEMENT)]
    for kind in (None, *[k for k in GroupKind if k is not GroupKind.BEREAVEMENT]):
        assert "cruse-bereavement-support" not in [item.id for item in _for(Nation.WALES, 40, kind)], kind
    assert "cruse-bereavement-support" not in [item.id for item in _for(Nation.SCOTLAND, 40, GroupKind.BEREAVEMENT)]


def test_every_line_not_always_open_gives_its_hours_as_text_and_as_ranges() -> None:
    for item in PUBLISHED:
        assert item.hours.always_open or item.hours.ranges, item.id
        assert item.hours.text.en, item.id
        assert item.hours.text.cy, item.id
    assert [item.id for item in PUBLISHED if item.information_only] == ["mind-infoline"]
