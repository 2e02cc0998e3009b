"""The reviewed support-resources file (`data/support_resources.toml`), read and checked.

The file is the source of truth; the `support_resources` collection is seeded
from it (service.seed_support_resources). A malformed file stops start-up
rather than serve a wrong helpline.
"""

from __future__ import annotations

import tomllib
import zoneinfo
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any, get_args

from pydantic import BaseModel, ConfigDict, Field

from schemas.documents.support_resources import SupportResourceDocument, VerificationStatus

RESOURCES_FILE = Path(__file__).parent / "data" / "support_resources.toml"
_SET_BY_THE_LOADER = {"revision", "rank"}


class _CatalogueFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1)
    reviewed_on: date
    max_age_days: int = Field(ge=1, le=366)
    resources: list[dict[str, Any]] = Field(min_length=1)


@dataclass(frozen=True)
class Catalogue:
    version: int
    reviewed_on: date
    max_age_days: int
    resources: tuple[SupportResourceDocument, ...]

    def stale(self) -> list[str]:
        """Entries verified more than `max_age_days` before the review, or after it (a typo)."""
        oldest = self.reviewed_on - timedelta(days=self.max_age_days)
        return [item.id for item in self.resources if not oldest <= item.last_verified <= self.reviewed_on]

    def review_overdue(self, today: date) -> bool:
        return (today - self.reviewed_on).days > self.max_age_days


def load_catalogue(path: Path = RESOURCES_FILE) -> Catalogue:
    """Read the file and check every entry; any problem raises ValueError naming the entry."""
    data = _CatalogueFile.model_validate(tomllib.loads(path.read_text(encoding="utf-8")))
    resources = tuple(_entry(raw, rank=rank, revision=data.version) for rank, raw in enumerate(data.resources))
    ids = [item.id for item in resources]
    if len(set(ids)) != len(ids):
        raise ValueError(f"support resource ids must be unique: {sorted(ids)}")
    return Catalogue(data.version, data.reviewed_on, data.max_age_days, resources)


def _entry(raw: dict[str, Any], *, rank: int, revision: int) -> SupportResourceDocument:
    where = f"support resource {raw.get('id', rank)!r}"
    unknown = _unknown_keys(raw, SupportResourceDocument, where) + [
        f"{where}.{key}" for key in _SET_BY_THE_LOADER & raw.keys()
    ]
    if unknown:
        raise ValueError(f"unknown or reserved keys: {unknown}")
    resource = SupportResourceDocument.model_validate({**raw, "rank": rank, "revision": revision})
    if resource.published and resource.verification.status is VerificationStatus.UNCONFIRMED:
        raise ValueError(f"{where} is published with an unconfirmed number")
    if resource.published and not resource.hours.known:
        raise ValueError(f"{where} is published without its opening ranges")
    try:
        zoneinfo.ZoneInfo(resource.hours.timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"{where} has an unknown time zone") from None
    return resource


def _unknown_keys(raw: Any, model: type[BaseModel], where: str) -> list[str]:
    """Keys the model would silently ignore: a typo in a reviewed file must fail loudly."""
    if not isinstance(raw, dict):
        return []
    fields = {alias: field for name, field in model.model_fields.items() for alias in (name, field.alias) if alias}
    unknown = [f"{where}.{key}" for key in raw if key not in fields]
    for key, value in raw.items():
        nested = _model_in(fields[key].annotation) if key in fields else None
        for item in value if isinstance(value, list) else [value]:
            unknown += _unknown_keys(item, nested, f"{where}.{key}") if nested else []
    return unknown


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return next((found for arg in get_args(annotation) if (found := _model_in(arg))), None)


@cache
def default_catalogue() -> Catalogue:
    """The reviewed file, read once per process."""
    return load_catalogue()
