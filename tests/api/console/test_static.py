"""The console's vendored htmx is the locked npm package's own file, at the version VENDORED.md names."""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
STATIC = ROOT / "api" / "console" / "static"
PACKAGE = ROOT / "infra" / "local" / "node_modules" / "htmx.org"


def test_the_vendored_htmx_is_the_locked_package_s_file() -> None:
    locked = json.loads((ROOT / "infra" / "local" / "package-lock.json").read_text())
    version = locked["packages"]["node_modules/htmx.org"]["version"]
    assert json.loads((PACKAGE / "package.json").read_text())["version"] == version
    assert (STATIC / "htmx.min.js").read_bytes() == (PACKAGE / "dist" / "htmx.min.js").read_bytes()
    assert (STATIC / "htmx.LICENSE.txt").read_bytes() == (PACKAGE / "LICENSE").read_bytes()
    assert f"htmx {version}" in (STATIC / "VENDORED.md").read_text()
