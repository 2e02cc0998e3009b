"""The README documents what a new user needs; checked so it cannot drift."""

from __future__ import annotations

from pathlib import Path

from pydantic_settings import BaseSettings

from infra.settings import Settings

README = (Path(__file__).resolve().parents[1] / "README.md").read_text()


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


def test_every_setting_is_in_the_readme_table() -> None:
    names = _environment_names(Settings)
    assert len(names) > 20
    assert [name for name in names if f"| `{name}` |" not in README] == []


def test_the_first_screen_gives_the_two_commands() -> None:
    first_screen = "\n".join(README.splitlines()[:20])
    assert "scripts/dev" in first_screen
    assert "scripts/test" in first_screen
    assert (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text().count("scripts/test") == 1
