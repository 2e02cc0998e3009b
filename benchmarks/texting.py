"""`uv run python -m benchmarks.texting`: how long a worrying text waits for its helplines, measured at the
inbound webhook (docs/product/texting.md), with the Celery broker unreachable to show the answer
never waits on the worker queue. Writes `benchmarks/results/<date>-texting.md`.

It starts its own document store and Redis on free ports, migrates (indexes and the helplines),
stores one confirmed member without the app, and posts signed inbound texts (the fake Twilio's
forms and signatures) to the API in process: worrying ones (high risk, which also writes a
safeguarding alert, and concern), each timed from the request to its TwiML answer.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import httpx
from asgi_lifespan import LifespanManager

from api.cli.migrate import migrate
from api.main import create_app
from api.runtime import ApiRuntime
from infra.local.fake_twilio import FakeTwilio
from infra.local.services import MongoService, RedisService, free_port
from infra.settings import Environment, FirebaseSettings, MongoSettings, RedisSettings, Settings, WorkerSettings
from schemas.documents.base import new_id
from schemas.documents.members import Language, MemberDocument, Nation, Preferences
from schemas.documents.text_contacts import TextContactDocument, TextStatus

RESULTS = Path(__file__).with_name("results")
TEXTS = ("I want to kill myself", "I feel hopeless and alone")  # high, concern
NUMBER = "+447400100200"


@dataclass(frozen=True)
class Timing:
    count: int
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    alerts: int


async def measure(*, texts: int, folder: Path) -> Timing:
    mongo, redis = MongoService(port=free_port(), root=folder), RedisService(port=free_port(), root=folder)
    mongo.start()
    redis.start()
    try:
        settings = Settings(
            environment=Environment.TEST,
            mongo=MongoSettings(uri=mongo.uri, database="texting"),
            redis=RedisSettings(url=f"redis://127.0.0.1:{redis.port}/1"),
            worker=WorkerSettings(broker_url=f"redis://127.0.0.1:{free_port()}/0"),  # nothing listens: no queue
            firebase=FirebaseSettings(auth_emulator_host="127.0.0.1:1"),  # never asked: the webhook signs nobody in
        )
        await migrate(settings)
        app = create_app(settings)
        async with LifespanManager(app, startup_timeout=60):
            runtime: ApiRuntime = app.state.runtime
            await _member(runtime)
            transport = httpx.ASGITransport(app)
            async with httpx.AsyncClient(transport=transport, base_url="http://api") as http:
                return await _post(http, settings, runtime, texts)
    finally:
        redis.stop()
        mongo.stop()


async def _member(runtime: ApiRuntime) -> None:
    now = datetime.now(UTC)
    member_id = new_id()
    member = MemberDocument(
        id=member_id, firebase_uid=f"text:{member_id}", display_name="Bryn", date_of_birth=date(1990, 5, 1),
        nation=Nation.WALES, timezone="Europe/London", language=Language.CY, preferences=Preferences(),
        joins_by_text=True, created_at=now, updated_at=now,
    )  # fmt: skip
    await runtime.repos.members.insert(member)
    vault = runtime.vault
    await runtime.repos.text_contacts.insert(
        TextContactDocument(
            id=member_id,
            phone_hash=vault.lookup_hash(NUMBER),
            phone_sealed=vault.seal(NUMBER),
            status=TextStatus.ACTIVE,
            group_id="no-group",
            registered_by="benchmark",
            consent_at=now,
            text_only=True,
            created_at=now,
            updated_at=now,
        )
    )


async def _post(http: httpx.AsyncClient, settings: Settings, runtime: ApiRuntime, texts: int) -> Timing:
    fake = FakeTwilio()
    url = settings.text.webhook_base_url + "/twilio/inbound"
    seconds: list[float] = []
    for index in range(texts):
        form = fake.inbound(from_=NUMBER, body=TEXTS[index % len(TEXTS)])
        headers = {"X-Twilio-Signature": fake.sign(url, form)}
        started = time.perf_counter()
        response = await http.post("/twilio/inbound", data=form, headers=headers)
        seconds.append(time.perf_counter() - started)
        assert response.status_code == 200, response.text
        assert "116 123" in response.text, response.text
    alerts = await runtime.repos.safeguarding_alerts._collection.count_documents({})
    ms = sorted(s * 1000 for s in seconds)
    quantiles = statistics.quantiles(ms, n=100, method="inclusive")
    return Timing(len(ms), statistics.median(ms), quantiles[94], quantiles[98], ms[-1], alerts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--texts", type=int, default=400)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        timing = asyncio.run(measure(texts=args.texts, folder=Path(folder)))
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{datetime.now(UTC).date().isoformat()}-texting.md"
    path.write_text(
        "# A worrying text's helplines, timed at the inbound webhook\n\n"
        f"{timing.count} signed inbound texts (half high risk, half concern) from one member without the app, "
        "posted in process to the API on the local engine, the Celery broker unreachable; each answer's TwiML "
        f"held the member's helplines. High-risk texts raised {timing.alerts} safeguarding alerts.\n\n"
        "| p50 | p95 | p99 | max |\n| --- | --- | --- | --- |\n"
        f"| {timing.p50_ms:.1f} ms | {timing.p95_ms:.1f} ms | {timing.p99_ms:.1f} ms | {timing.max_ms:.1f} ms |\n"
    )
    print(f"wrote {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
