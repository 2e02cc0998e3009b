"""The support directory: the helplines crisis answers are built from, held in memory
(CRISIS-3), from the shipped file at start-up and from the store once it answers.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pymongo
import pytest

from domain.crisis.catalogue import default_catalogue
from domain.crisis.directory import SupportDirectory, refresh_directory
from domain.crisis.errors import CrisisError
from infra.mongo.repositories.registry import Repositories
from schemas.documents.members import Nation
from tests.fixtures.app import RunningApi

NOW = datetime(2026, 11, 23, 19, 30, tzinfo=UTC)
WALES_17 = [
    "emergency-999", "emergency-a-and-e", "samaritans", "shout", "nhs-111-wales", "childline", "papyrus-hopeline247",
    "call-wales", "calm", "the-mix", "samaritans-welsh-language-line", "mind-infoline",
]  # fmt: skip
EVERY_NATION_ANY_AGE = [
    "emergency-999", "emergency-a-and-e", "samaritans", "shout", "childline", "papyrus-hopeline247", "calm", "the-mix",
]  # fmt: skip


def test_help_is_there_from_the_shipped_file_before_the_store_has_answered() -> None:
    directory = SupportDirectory()

    assert directory.source == "file"
    assert [item.id for item in directory.resources(nation=Nation.WALES, age=17)] == WALES_17


def test_with_no_nation_known_the_lines_serving_every_nation_are_shown() -> None:
    # The member could not be read in time: every nation's own line would be a guess.
    shown = SupportDirectory().resources(nation=None, age=None)

    assert [item.id for item in shown] == EVERY_NATION_ANY_AGE


@pytest.mark.parametrize("age", [-1, 121])
def test_an_impossible_age_is_refused(age: int) -> None:
    with pytest.raises(CrisisError, match="Age must be between 0 and 120"):
        SupportDirectory().resources(nation=Nation.ENGLAND, age=age)


async def test_a_refresh_takes_the_stores_copy(api: RunningApi) -> None:
    directory = SupportDirectory()

    assert await refresh_directory(repos=api.runtime.repos, directory=directory, now=NOW) is True

    assert directory.source == "store"
    assert [item.id for item in directory.resources(nation=Nation.WALES, age=17)] == WALES_17


async def test_a_store_never_seeded_leaves_the_shipped_copy(api: RunningApi) -> None:
    empty = Repositories.over(api.runtime.mongo[f"unseeded_{uuid.uuid4().hex[:8]}"])
    directory = SupportDirectory()

    assert await refresh_directory(repos=empty, directory=directory, now=NOW) is False

    assert directory.source == "file"
    assert [item.id for item in directory.resources(nation=Nation.WALES, age=17)] == WALES_17


async def test_a_store_that_cannot_answer_leaves_the_copy_in_use(
    api: RunningApi, caplog: pytest.LogCaptureFixture
) -> None:
    directory = SupportDirectory()

    with pymongo.timeout(1e-9):  # a deadline already spent: PyMongo refuses the read before sending it
        refreshed = await refresh_directory(repos=api.runtime.repos, directory=directory, now=NOW)

    assert (refreshed, directory.source) == (False, "file")
    assert [item.id for item in directory.resources(nation=Nation.WALES, age=17)] == WALES_17
    assert [record.getMessage() for record in caplog.records if record.levelname == "WARNING"] == [
        "support resources unreadable; keeping the file copy"
    ]


def test_a_store_copy_without_an_emergency_line_for_every_nation_is_not_taken() -> None:
    directory = SupportDirectory()
    england_only = [item for item in default_catalogue().resources if item.nations == (Nation.ENGLAND,)]

    assert directory.replace(england_only, at=NOW) is False

    assert directory.source == "file"
