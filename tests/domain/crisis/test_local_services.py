"""Which of the host's services a group's members are shown, from memory: attached first, then the
area's by name (no location: the whole organisation's), never removed, never another organisation's,
at most LOCAL_SERVICES_SHOWN; nothing for an unhosted or unknown group, or before the first read.
"""

from __future__ import annotations

from datetime import UTC, datetime

from domain.crisis import LOCAL_SERVICES_SHOWN, LocalServices
from infra.mongo.repositories.groups import HostedPlace
from schemas.documents.local_services import LocalServiceDocument, LocalServiceLocation

NOW = datetime(2026, 12, 6, 12, tzinfo=UTC)


def _service(
    sid: str, name: str, *, org: str = "org", district: str | None = None, council: str | None = None,
    removed: bool = False,
) -> LocalServiceDocument:  # fmt: skip
    locations = (
        (LocalServiceLocation(postcode_district=district, local_authority=council),) if district or council else ()
    )
    return LocalServiceDocument(
        id=sid, organisation_id=org, source_id=sid, name=name, locations=locations, imported_at=NOW, removed=removed
    )


def _place(
    group: str = "g", *, code: str | None = "CF10", council: str | None = "Cardiff", attached: tuple[str, ...] = ()
) -> HostedPlace:
    return HostedPlace(group_id=group, organisation_id="org", outward_code=code, local_authority=council,
                       local_service_ids=attached)  # fmt: skip


SERVICES = [
    _service("a", "Cardiff Carers", district="cf10"),
    _service("b", "Whole Org Line"),
    _service("c", "Swansea Drop-in", district="SA1", council="Swansea"),
    _service("d", "Council Circle", council="CARDIFF"),
    _service("e", "Gone", district="CF10", removed=True),
    _service("f", "Elsewhere's", org="other", district="CF10"),
]


def test_attached_first_then_the_areas_by_name_never_removed_or_another_organisations() -> None:
    local = LocalServices()
    local.replace([_place(attached=("c", "e", "f", "missing"))], SERVICES, at=NOW)

    assert [s.id for s in local.for_group("g")] == ["c", "a", "d", "b"]


def test_a_group_without_a_home_area_gets_every_listed_service_of_its_host() -> None:
    local = LocalServices()
    local.replace([_place(code=None, council=None)], SERVICES, at=NOW)

    assert [s.name for s in local.for_group("g")] == [
        "Cardiff Carers",
        "Council Circle",
        "Swansea Drop-in",
        "Whole Org Line",
    ]


def test_nothing_before_the_first_read_or_for_an_unhosted_or_unknown_group() -> None:
    cold = LocalServices()
    warm = LocalServices()
    warm.replace([_place()], SERVICES, at=NOW)

    assert cold.for_group("g") == ()
    assert warm.for_group("unknown") == ()
    assert warm.for_group(None) == ()


def test_at_most_a_readable_few_are_shown() -> None:
    many = [_service(f"s{i:02}", f"Service {i:02}") for i in range(LOCAL_SERVICES_SHOWN + 5)]
    local = LocalServices()
    local.replace([_place()], many, at=NOW)

    assert len(local.for_group("g")) == LOCAL_SERVICES_SHOWN
