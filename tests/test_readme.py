"""The README and docs/ document what a new user needs; checked so they cannot drift."""

from __future__ import annotations

import re
from pathlib import Path

from pydantic_settings import BaseSettings

from infra.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text()
SETTINGS_PAGE = (ROOT / "docs" / "settings.md").read_text()


def _environment_names(settings: type[BaseSettings]) -> list[str]:
    prefix = settings.model_config.get("env_prefix", "")
    names = []
    for name, field in settings.model_fields.items():
        annotation = field.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseSettings):
            names += _environment_names(annotation)
        else:
            names.append(str(field.validation_alias or f"{prefix}{name}").upper())
    return names


def test_every_setting_is_in_the_settings_table() -> None:
    names = _environment_names(Settings)
    assert len(names) > 20
    assert [name for name in names if f"| `{name}` |" not in SETTINGS_PAGE] == []


def test_the_readme_fits_and_every_relative_link_resolves() -> None:
    assert len(README.splitlines()) <= 150
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md")), ROOT / "benchmarks" / "README.md"]
    broken = [
        f"{page.relative_to(ROOT)}: {target}"
        for page in pages
        for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", page.read_text())
        if not (page.parent / target).exists()
    ]
    assert broken == []


def test_the_first_screen_gives_the_two_commands() -> None:
    first_screen = "\n".join(README.splitlines()[:20])
    assert "scripts/dev" in first_screen
    assert "scripts/test" in first_screen
    assert (ROOT / ".ci" / "run").read_text().count("scripts/test") == 1
