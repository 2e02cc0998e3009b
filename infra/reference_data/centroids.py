"""Where an area is, roughly: the centroids of postcode districts and local authorities.

Read once from the CSV files beside this module (built by `build_centroids`, sources and
licences in `data/README.md`). Code-Point Open covers Great Britain only, so a Northern Ireland
district (`BT…`) is unknown here; its council areas are known.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from schemas.documents.members import Nation

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Centroid:
    """An area's centre (WGS84) and the nations it lies in, the one with most postcodes first."""

    latitude: float
    longitude: float
    nations: tuple[Nation, ...]

    def geojson(self) -> dict[str, object]:
        return {"type": "Point", "coordinates": [self.longitude, self.latitude]}


def authority_key(name: str) -> str:
    """A local authority's name as people write it: case, accents, '&' and punctuation aside."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", plain.replace("&", " and ")).split())


@cache
def _districts() -> dict[str, Centroid]:
    with (DATA / "postcode_districts.csv").open(encoding="utf-8") as raw:
        return {
            row["outward_code"]: Centroid(
                float(row["latitude"]), float(row["longitude"]), tuple(Nation(n) for n in row["nations"].split(";"))
            )
            for row in csv.DictReader(raw)
        }


@cache
def _authorities() -> dict[str, Centroid]:
    """By GSS code and by name; 'Bristol, City of' answers to 'Bristol' and 'City of Bristol' too."""
    found: dict[str, Centroid] = {}
    with (DATA / "local_authorities.csv").open(encoding="utf-8") as raw:
        for row in csv.DictReader(raw):
            centroid = Centroid(float(row["latitude"]), float(row["longitude"]), (Nation(row["nation"]),))
            name = row["name"]
            keys = {row["code"], name}
            if ", " in name:
                place, kind = name.split(", ", 1)
                keys |= {place, f"{kind} {place}"}
            found |= {authority_key(key): centroid for key in keys}
    return found


def district_centroid(outward_code: str) -> Centroid | None:
    """A postcode district's centroid (`CF10`, upper case); None if Code-Point Open lacks it."""
    return _districts().get(outward_code)


def authority_centroid(name_or_code: str) -> Centroid | None:
    """A local authority district's centroid by its name or GSS code (`W06000015`); None if unknown."""
    return _authorities().get(authority_key(name_or_code))
