"""Document sizes: the 1k data set (`benchmarks/dataset.py`, 90 days of history) generated into a
throwaway local engine, then per collection its documents, their mean BSON size (each stored
document encoded as MongoDB stores it) and, where the engine reports them, the index bytes per
document. A short run (seconds); the figures feed `benchmarks/scale/inputs.toml`.
"""

from __future__ import annotations

import asyncio
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import bson
from pymongo.errors import OperationFailure

from benchmarks.dataset import generate
from domain.shares.anonymity import AnonymityKey
from infra.local.services import MongoService, free_port
from infra.mongo.client import Database, create_client
from infra.settings import MongoSettings
from schemas.documents.base import Document, new_id
from schemas.documents.devices import DeviceDocument, Platform
from schemas.documents.push_budgets import PushPlaceDocument, place_key
from schemas.documents.push_claims import PushClaimDocument, claim_key

SIZE = "1k"


@dataclass(frozen=True)
class CollectionSize:
    name: str
    documents: int
    mean_bytes: float
    index_bytes_per_document: float | None  # None: the engine does not report index sizes


async def measure(uri: str) -> tuple[int, list[CollectionSize]]:
    """(members, a row per non-empty collection) for the generated data set."""
    client = create_client(MongoSettings(uri=uri, database="scale_sizes"), app_name="scale-sizes")
    try:
        db = client["scale_sizes"]
        key = AnonymityKey.of("sizes")
        generated = await generate(db, size=SIZE, seed=8, key=key, now=datetime.now(UTC))
        rows = [await _collection(db, name) for name in sorted(generated.counts)]
        return generated.counts["members"], rows
    finally:
        await client.close()


async def _collection(db: Database, name: str) -> CollectionSize:
    sizes = [len(bson.encode(raw)) async for raw in db[name].find({})]
    return CollectionSize(name, len(sizes), sum(sizes) / len(sizes), await _index_bytes(db, name, len(sizes)))


async def _index_bytes(db: Database, name: str, documents: int) -> float | None:
    try:
        stats = await db.command("collStats", name)
    except OperationFailure:
        return None
    total = stats.get("totalIndexSize")
    return float(total) / documents if total else None


def examples(now: datetime) -> list[CollectionSize]:
    """Collections the data set leaves empty, from one document each as the code writes it."""
    member, notification = new_id(), new_id()
    token = "f" * 163  # an FCM registration token is about 160 characters
    built: dict[str, Document] = {
        "devices": DeviceDocument(id=new_id(), member_id=member, token=token, platform=Platform.ANDROID,
                                  locale="en-GB", last_seen=now, created_at=now),
        "push_budgets": PushPlaceDocument(id=place_key(member, "2026-12-06", 1), member_id=member, day="2026-12-06",
                                          slot=1, notification_id=notification, expires_at=now),
        "push_claims": PushClaimDocument(id=claim_key(notification, 1), notification_id=notification, number=1,
                                         claim=new_id(), until=now, created_at=now, expires_at=now),
    }  # fmt: skip
    return [CollectionSize(name, 1, len(bson.encode(doc.to_mongo())), None) for name, doc in built.items()]


def table(members: int, rows: list[CollectionSize]) -> str:
    lines = [
        f"Data set `{SIZE}`: {members:,} members, 90 days of history (benchmarks/dataset.py, seed 8).",
        "",
        "| collection | documents | per member | mean BSON bytes | index bytes per document |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        index = f"{row.index_bytes_per_document:,.0f}" if row.index_bytes_per_document else "not reported"
        per_member = row.documents / members
        lines.append(f"| {row.name} | {row.documents:,} | {per_member:.2f} | {row.mean_bytes:,.0f} | {index} |")
    return "\n".join(lines) + "\n"


def run() -> str:
    """Start a local engine in a throwaway folder, measure, stop it; the markdown table."""
    with tempfile.TemporaryDirectory(prefix="scale-sizes-") as root:
        service = MongoService(port=free_port(), root=Path(root))
        service.start()
        try:
            members, rows = asyncio.run(measure(service.uri))
        finally:
            service.stop()
    return (
        table(members, rows)
        + "\nOne document each, as the code builds it (not in the data set):\n\n"
        + "\n".join(f"- {row.name}: {row.mean_bytes:,.0f} bytes" for row in examples(datetime.now(UTC)))
        + "\n"
    )
