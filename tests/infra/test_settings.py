"""Settings refuse to run production on development defaults."""

from __future__ import annotations

import pytest
from pydantic import SecretStr, ValidationError

from infra.settings import CalendarSettings, Environment, FirebaseSettings, GraphQLSettings, Settings

STRONG_KEY = SecretStr("k" * 40)


@pytest.fixture(autouse=True)
def _no_service_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    # The session's services export these (firebase-admin reads the emulator from the environment).
    for name in (
        "FIREBASE_AUTH_EMULATOR_HOST",
        "FIREBASE_PROJECT_ID",
        "APP_ENVIRONMENT",
        "ANONYMITY_KEY",
        "MONGODB_URI",
    ):
        monkeypatch.delenv(name, raising=False)


def _production(**overrides: object) -> Settings:
    values: dict[str, object] = {
        "environment": Environment.PRODUCTION,
        "anonymity_key": STRONG_KEY,
        "firebase": FirebaseSettings(project_id="wellbeing-prod"),
        "calendar": CalendarSettings(public_base_url="https://api.example.org"),
    }
    return Settings(**(values | overrides))  # type: ignore[arg-type]


def test_production_starts_with_real_secrets() -> None:
    assert _production().is_production


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"anonymity_key": SecretStr("development-only-anonymity-key-not-for-production")}, "ANONYMITY_KEY"),
        ({"anonymity_key": SecretStr("short")}, "ANONYMITY_KEY"),
        ({"firebase": FirebaseSettings(project_id="wellbeing-prod", auth_emulator_host="127.0.0.1:9099")}, "EMULATOR"),
        ({"firebase": FirebaseSettings(project_id="demo-wellbeing")}, "FIREBASE_PROJECT_ID"),
        ({"firebase": FirebaseSettings(project_id="wellbeing-prod", fcm_url="http://127.0.0.1:1")}, "FCM_URL"),
        ({"calendar": CalendarSettings(public_base_url="http://api.example.org")}, "CALENDAR_PUBLIC_BASE_URL"),
    ],
)
def test_production_refuses_placeholders(overrides: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        _production(**overrides)


def test_development_accepts_the_defaults() -> None:
    assert Settings().environment is Environment.DEVELOPMENT


def test_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MONGODB_URI", "mongodb://db.internal:27017/")
    monkeypatch.setenv("GRAPHQL_MAX_DEPTH", "7")
    monkeypatch.setenv("WORKER_TICK_SECONDS", "30")
    settings = Settings()
    assert settings.mongo.uri == "mongodb://db.internal:27017/"
    assert settings.graphql.max_depth == 7
    assert settings.worker.tick_seconds == 30


@pytest.mark.parametrize("field", ["max_page_size", "max_list_items"])
def test_list_limits_cannot_be_raised_past_100(field: str) -> None:
    assert getattr(GraphQLSettings(), field) == 100
    with pytest.raises(ValidationError):
        GraphQLSettings(**{field: 101})
