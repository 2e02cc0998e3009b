"""Typed settings, read from the environment, grouped by the part they configure.

Build them with `get_settings()` and pass them in: nothing reads the environment
at import time. Outside development and test, a missing or placeholder secret
stops the process at start-up instead of failing later.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Self

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# Accepted only in development and test, so a forgotten variable cannot ship.
DEVELOPMENT_ANONYMITY_KEY = "development-only-anonymity-key-not-for-production"
DEVELOPMENT_PHONE_KEY = "development-only-phone-key-not-for-production"
DEVELOPMENT_TWILIO_AUTH_TOKEN = "development-only-twilio-auth-token"  # noqa: S105 - a placeholder, refused outside dev


class Environment(StrEnum):
    DEVELOPMENT = "development"
    TEST = "test"
    PRODUCTION = "production"


class MongoSettings(BaseSettings):
    """The document store: any MongoDB-compatible server behind one URI."""

    model_config = SettingsConfigDict(env_prefix="MONGODB_", extra="ignore")

    uri: str = "mongodb://127.0.0.1:27018/"
    database: str = "wellbeing"
    timeout_ms: int = Field(default=10_000, ge=100, description="Whole-operation timeout (CSOT).")
    server_selection_timeout_ms: int = Field(default=5_000, ge=100)
    max_pool_size: int = Field(default=50, ge=1)
    geo_near: bool = Field(
        default=True,
        description="Discovery by distance uses $geoNear; false, or an engine without it (detected), reads a"
        " nation's open groups and measures them in the app.",
    )


class RedisSettings(BaseSettings):
    """Redis for pub/sub and rate limits (the Celery broker has its own URL)."""

    model_config = SettingsConfigDict(env_prefix="REDIS_", extra="ignore")

    url: str = "redis://127.0.0.1:6381/1"
    socket_timeout_seconds: float = Field(default=2.0, gt=0)


class FirebaseSettings(BaseSettings):
    """Firebase Authentication (ID tokens) and Cloud Messaging (push)."""

    model_config = SettingsConfigDict(env_prefix="FIREBASE_", extra="ignore")

    project_id: str = "demo-wellbeing"
    credentials_file: Path | None = Field(
        default=None, description="Service-account JSON; unset means Application Default Credentials."
    )
    auth_emulator_host: str | None = Field(
        default=None, description="host:port of the Auth emulator; never set in production."
    )
    fcm_url: str | None = Field(
        default=None,
        description="Base URL of an FCM v1-compatible server (the tests' fake), such as "
        "http://127.0.0.1:9123; unset means Google. Development and test only.",
    )
    http_timeout_seconds: float = Field(default=10.0, gt=0)
    token_cache_seconds: int = Field(
        default=300,
        ge=0,
        description="How long a verified token is trusted before its revocation is checked again.",
    )


class GraphQLSettings(BaseSettings):
    """Limits on what one GraphQL operation may ask for."""

    model_config = SettingsConfigDict(env_prefix="GRAPHQL_", extra="ignore")

    max_depth: int = Field(default=10, ge=2)
    max_aliases: int = Field(default=15, ge=1)
    max_tokens: int = Field(default=2_000, ge=100)
    max_page_size: int = Field(default=100, ge=1, le=100)
    max_list_items: int = Field(default=100, ge=1, le=100, description="Most items in any list input.")
    max_body_bytes: int = Field(default=64 * 1024, ge=1_024)
    body_timeout_seconds: float = Field(
        default=10.0, gt=0, description="A request body not all received this long after its first read gets 408."
    )
    execution_timeout_seconds: float = Field(
        default=5.0, gt=0, description="Queries and mutations still running after this are cut (GQL-13)."
    )


class CrisisSettings(BaseSettings):
    """The crisis answer (CRISIS-3): helplines from memory, and how long a worrying write may take."""

    model_config = SettingsConfigDict(env_prefix="CRISIS_", extra="ignore")

    directory_refresh_seconds: float = Field(
        default=300.0, gt=0, description="How often each API process re-reads the helplines it answers from."
    )
    write_deadline_seconds: float = Field(
        default=3.0,
        gt=0,
        description="A check-in, share or response not stored by then is answered NOT_SAVED_YET, with its "
        "helplines, while the write carries on; below the GraphQL execution timeout.",
    )


class RateLimitSettings(BaseSettings):
    """Token buckets in Redis: a burst, refilled continuously at a rate per minute.

    Signed-in requests draw on their member's bucket, others on their IP's;
    fields marked sensitive or guessable also draw on a stricter bucket of their own.
    """

    model_config = SettingsConfigDict(env_prefix="RATE_LIMIT_", extra="ignore")

    member_burst: int = Field(default=120, ge=1)
    member_per_minute: float = Field(default=120.0, gt=0)
    ip_burst: int = Field(default=60, ge=1)
    ip_per_minute: float = Field(default=30.0, gt=0)
    sensitive_burst: int = Field(default=20, ge=1)
    sensitive_per_minute: float = Field(default=1.0, gt=0)
    guessable_burst: int = Field(default=5, ge=1)
    guessable_per_minute: float = Field(default=0.1, gt=0)
    redis_timeout_seconds: float = Field(
        default=0.25, gt=0, description="How long a request waits for Redis before its buckets are kept in memory."
    )
    redis_retry_seconds: float = Field(
        default=5.0, ge=0, description="After Redis failed, buckets stay in the process's memory this long."
    )
    key_prefix: str = Field(default="rl", min_length=1)


class WorkerSettings(BaseSettings):
    """Celery workers and beat."""

    model_config = SettingsConfigDict(env_prefix="WORKER_", extra="ignore")

    broker_url: str = "redis://127.0.0.1:6381/0"
    tick_seconds: float = Field(default=60.0, gt=0, description="Interval of beat's ticks.")
    stale_after_seconds: float | None = Field(
        default=None,
        gt=0,
        description="/readyz reports the workers stale after this long without a tick; unset means one tick "
        "interval and a quarter (75 s for 60 s ticks), so a worker that stopped consuming is noticed within a tick.",
    )
    visibility_timeout_seconds: int = Field(default=600, ge=60)
    task_time_limit_seconds: int = Field(default=120, ge=5)
    claim_margin_seconds: int = Field(
        default=10, ge=1, description="A push claim outlives its task's hard time limit by this much."
    )

    @property
    def stale_after(self) -> float:
        """A tick may be late by a quarter of an interval (beat's jitter, a queue behind it) before it counts."""
        return self.stale_after_seconds or self.tick_seconds * 1.25


class PushSettings(BaseSettings):
    """Delivery of notifications to phones: retries, the sweeper, and how long a push stays useful."""

    model_config = SettingsConfigDict(env_prefix="PUSH_", extra="ignore")

    max_attempts: int = Field(default=6, ge=1, le=20, description="Sends tried before a notification fails.")
    retry_base_seconds: float = Field(
        default=10.0, gt=0, description="First retry delay after 429/503; doubles each attempt (with jitter)."
    )
    retry_max_seconds: float = Field(default=900.0, gt=0, description="Longest delay between two attempts.")
    pending_grace_seconds: float = Field(
        default=120.0, gt=0, description="A notification pending this long lost its task: the sweeper re-enqueues it."
    )
    max_age_hours: float = Field(
        default=36.0, gt=0, description="A non-urgent push held longer than this (quiet hours, cap) is not sent."
    )
    ttl_seconds: int = Field(default=86_400, ge=0, le=2_419_200, description="How long FCM keeps an undelivered push.")
    sweep_batch_size: int = Field(default=500, ge=1, le=5_000, description="Notifications the sweeper reads per query.")
    max_devices_per_member: int = Field(
        default=10, ge=1, description="Tokens kept per member; registering more drops the least recently seen."
    )


class EmailSettings(BaseSettings):
    """Outgoing email over SMTP (safeguarding pages): any server, STARTTLS or TLS in production."""

    model_config = SettingsConfigDict(env_prefix="SMTP_", extra="ignore")

    host: str = "127.0.0.1"
    port: int = Field(default=1025, ge=1, le=65_535)
    username: str | None = None
    password: SecretStr | None = None
    security: str = Field(default="none", pattern="^(none|starttls|tls)$", description="none, starttls or tls.")
    timeout_seconds: float = Field(default=10.0, gt=0, description="Connect and each SMTP command.")
    sender: str = Field(default="safeguarding@wellbeing.invalid", description="The From address of pages.")
    platform_safeguarding_address: str | None = Field(
        default=None, description="The platform safeguarding team's mailbox: the last step of every on-call chain."
    )


class SafeguardingSettings(BaseSettings):
    """Paging the person on call about a safeguarding alert."""

    model_config = SettingsConfigDict(env_prefix="SAFEGUARDING_", extra="ignore")

    page_batch_size: int = Field(default=200, ge=1, le=5_000, description="Due alerts the on-call tick reads a query.")
    email_claim_seconds: float = Field(
        default=120.0, gt=0, description="A page's email claimed by a worker that died is sent again after this."
    )


class CheckInSettings(BaseSettings):
    """Scheduled check-ins: how beat's reminder tick reads the groups that are due."""

    model_config = SettingsConfigDict(env_prefix="CHECKIN_", extra="ignore")

    reminder_batch_size: int = Field(
        default=200, ge=1, le=5_000, description="Due groups the reminder tick reads per query (at most 20 a tick)."
    )


class CalendarSettings(BaseSettings):
    """The members' calendar feeds."""

    model_config = SettingsConfigDict(env_prefix="CALENDAR_", extra="ignore")

    public_base_url: str = Field(
        default="http://127.0.0.1:8000",
        description="Where calendar apps reach the API: a feed's address is this plus /calendar/<secret>.ics "
        "(https required in production).",
    )


class RetentionSettings(BaseSettings):
    """How long data is kept (REG-4), account deletion's grace, and the daily purge's batches."""

    model_config = SettingsConfigDict(env_prefix="RETENTION_", extra="ignore")

    notification_days: int = Field(default=90, ge=1, description="Notifications are deleted this long after sent.")
    resolved_report_days: int = Field(default=365, ge=1, description="Closed reports are deleted this long after.")
    resolved_alert_days: int = Field(
        default=365, ge=1, description="Resolved safeguarding and staff alerts are deleted this long after."
    )
    closed_thread_days: int = Field(
        default=365, ge=1, description="A closed conversation is deleted, with its messages, this long after it ended."
    )
    export_days: int = Field(default=7, ge=1, le=30, description="A data export can be downloaded this long.")
    deletion_grace_days: int = Field(
        default=21, ge=1, le=60, description="After accountDelete, the member can restore their account this long."
    )
    batch_size: int = Field(default=500, ge=1, le=5_000, description="Documents the purges delete per command.")
    anonymous_removal_spread_days: int = Field(
        default=30, ge=1, le=180,
        description="A deleted member's anonymous posts they asked to remove go, each at its own random moment, "
        "within this many days after the purge.",
    )  # fmt: skip


class TextSettings(BaseSettings):
    """Text messages (SMS) through Twilio's Programmable Messaging (docs/product/texting.md)."""

    model_config = SettingsConfigDict(env_prefix="TEXT_", extra="ignore")

    twilio_account_sid: str = Field(default="ACtest00000000000000000000000000", description="Twilio account SID.")
    twilio_auth_token: SecretStr = Field(
        default=SecretStr(DEVELOPMENT_TWILIO_AUTH_TOKEN),
        description="Twilio auth token: signs the REST calls and verifies the webhooks' X-Twilio-Signature.",
    )
    twilio_from_number: str | None = Field(default="+447700900000", description="The sender number (E.164).")
    twilio_messaging_service_sid: str | None = Field(
        default=None, description="A messaging service (MG...) to send from instead of the sender number."
    )
    twilio_base_url: str | None = Field(
        default=None,
        description="Base URL of a Twilio-compatible REST server (the local fake), such as http://127.0.0.1:9124; "
        "unset means Twilio. Development and test only.",
    )
    webhook_base_url: str = Field(
        default="http://127.0.0.1:8000",
        description="The public base URL Twilio calls (before any proxy): the signature covers the URL as "
        "Twilio saw it, so it is rebuilt from this, never from the request's Host.",
    )
    phone_key: SecretStr = Field(
        default=SecretStr(DEVELOPMENT_PHONE_KEY),
        description="Secret (32+ characters) from which the phone numbers' encryption key and lookup HMAC "
        "key are derived.",
    )
    default_region: str = Field(default="GB", description="Region assumed for numbers given without +country.")
    monthly_budget_default: int = Field(
        default=5_000,
        ge=0,
        description="Texts an organisation (or the platform, for groups without one) may send a month; staff "
        "are warned at 80% and texts stop at 100%, except helpline replies. Per-organisation overrides: "
        "after organisations are merged (issue 17).",
    )
    http_timeout_seconds: float = Field(default=10.0, gt=0)


class ConsoleSettings(BaseSettings):
    """The staff console at /console: its Firebase session cookies and what its sign-in page calls."""

    model_config = SettingsConfigDict(env_prefix="CONSOLE_", extra="ignore")

    firebase_web_api_key: str = Field(
        default="demo-api-key",
        description="The Firebase project's Web API key (public): what the sign-in page sends to Firebase.",
    )
    session_hours: int = Field(
        default=8, ge=1, le=336, description="How long a console session lasts (Firebase allows up to 2 weeks)."
    )
    sign_in_max_age_seconds: int = Field(
        default=300, ge=30, le=3_600, description="A session starts only from a sign-in this recent."
    )


class Settings(BaseSettings):
    """Everything the API and the workers are configured with."""

    model_config = SettingsConfigDict(env_prefix="APP_", extra="ignore")

    environment: Environment = Environment.DEVELOPMENT
    log_level: str = "INFO"
    anonymity_key: SecretStr = Field(
        default=SecretStr(DEVELOPMENT_ANONYMITY_KEY),
        validation_alias="ANONYMITY_KEY",
        description="HMAC key linking anonymous content to its author; 32+ characters.",
    )
    mongo: MongoSettings = Field(default_factory=MongoSettings)
    redis: RedisSettings = Field(default_factory=RedisSettings)
    firebase: FirebaseSettings = Field(default_factory=FirebaseSettings)
    graphql: GraphQLSettings = Field(default_factory=GraphQLSettings)
    crisis: CrisisSettings = Field(default_factory=CrisisSettings)
    rate_limits: RateLimitSettings = Field(default_factory=RateLimitSettings)
    worker: WorkerSettings = Field(default_factory=WorkerSettings)
    push: PushSettings = Field(default_factory=PushSettings)
    checkins: CheckInSettings = Field(default_factory=CheckInSettings)
    retention: RetentionSettings = Field(default_factory=RetentionSettings)
    console: ConsoleSettings = Field(default_factory=ConsoleSettings)
    email: EmailSettings = Field(default_factory=EmailSettings)
    safeguarding: SafeguardingSettings = Field(default_factory=SafeguardingSettings)
    calendar: CalendarSettings = Field(default_factory=CalendarSettings)
    text: TextSettings = Field(default_factory=TextSettings)

    @property
    def is_production(self) -> bool:
        return self.environment is Environment.PRODUCTION

    @model_validator(mode="after")
    def _answer_before_the_cut(self) -> Self:
        # The crisis answer must leave before the execution timeout masks the whole operation.
        if self.crisis.write_deadline_seconds >= self.graphql.execution_timeout_seconds:
            raise ValueError("CRISIS_WRITE_DEADLINE_SECONDS must be below GRAPHQL_EXECUTION_TIMEOUT_SECONDS")
        return self

    @model_validator(mode="after")
    def _refuse_unsafe_production(self) -> Self:
        if self.environment in (Environment.DEVELOPMENT, Environment.TEST):
            return self
        key = self.anonymity_key.get_secret_value()
        if key == DEVELOPMENT_ANONYMITY_KEY or len(key) < 32:
            raise ValueError("ANONYMITY_KEY must be set to a secret of 32+ characters outside development")
        if self.firebase.auth_emulator_host:
            raise ValueError("FIREBASE_AUTH_EMULATOR_HOST must not be set outside development and test")
        if self.firebase.fcm_url:
            raise ValueError("FIREBASE_FCM_URL must not be set outside development and test")
        if self.console.firebase_web_api_key.startswith("demo-"):
            raise ValueError("CONSOLE_FIREBASE_WEB_API_KEY must be the project's Web API key outside development")
        if not self.calendar.public_base_url.startswith("https://"):
            raise ValueError("CALENDAR_PUBLIC_BASE_URL must be an https:// address outside development")
        phone_key = self.text.phone_key.get_secret_value()
        if phone_key == DEVELOPMENT_PHONE_KEY or len(phone_key) < 32:
            raise ValueError("TEXT_PHONE_KEY must be set to a secret of 32+ characters outside development")
        if self.text.twilio_auth_token.get_secret_value() == DEVELOPMENT_TWILIO_AUTH_TOKEN:
            raise ValueError("TEXT_TWILIO_AUTH_TOKEN must be set outside development")
        if self.text.twilio_base_url:
            raise ValueError("TEXT_TWILIO_BASE_URL must not be set outside development and test")
        if self.firebase.project_id.startswith("demo-"):
            raise ValueError("FIREBASE_PROJECT_ID must name a real Firebase project outside development")
        return self


def get_settings() -> Settings:
    """Read the settings from the environment (and fail fast when they are unsafe)."""
    return Settings()
