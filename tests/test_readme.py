"""The README and docs/ document what a new user needs; checked so they cannot drift."""

from __future__ import annotations

import re
import subprocess
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


def test_every_local_port_variable_is_in_the_settings_page_and_the_path_to_uv_in_the_readme() -> None:
    # The variables scripts/dev and the local services read, each in the settings page's table (issue 14)
    sources = (ROOT / "infra" / "local" / "services.py").read_text() + (ROOT / "scripts" / "dev").read_text()
    names = sorted(set(re.findall(r"\bLOCAL_[A-Z_]+_PORT\b", sources)) | {"PORT"})
    assert len(names) >= 7
    assert [name for name in names if f"| `{name}` |" not in SETTINGS_PAGE] == []
    # and the commands it prints work in a fresh shell: uv is put on the PATH first
    assert 'export PATH="$HOME/.local/bin:$PATH"' in README


def test_scripts_dev_offers_the_demo_world_and_the_one_step_for_a_new_operation() -> None:
    script = ["bash", str(ROOT / "scripts" / "dev"), "nonsense"]
    refused = subprocess.run(script, check=False, capture_output=True, text=True)  # noqa: S603 - our own script
    assert refused.returncode == 2
    assert refused.stderr.strip() == "usage: scripts/dev [up|down|status|seed|operations]"
    assert "scripts/dev seed" in README
    assert "scripts/dev operations" in README
