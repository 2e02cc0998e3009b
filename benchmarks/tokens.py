"""Sign-in for a pool of generated members on the Auth emulator.

The users are imported in one call with the generated members' uids, and their ID
tokens are made here in the emulator's own shape (unsigned, as the emulator issues
them), valid for an hour. The API verifies each token as in production: the claims,
then a revocation lookup of the user on the emulator, once per token per process
(`FIREBASE_TOKEN_CACHE_SECONDS`); after that a request pays a dictionary lookup.
"""

from __future__ import annotations

import base64
import functools
import json
import time

from firebase_admin import auth

from infra.firebase import get_or_create_app
from infra.local.services import PROJECT_ID
from infra.settings import FirebaseSettings

IMPORT_BATCH = 1_000  # the most users one import takes


def import_users(settings: FirebaseSettings, uids: list[str]) -> None:
    """Create the users on the emulator (it answers for every project id it serves)."""
    app = get_or_create_app(settings)
    for start in range(0, len(uids), IMPORT_BATCH):
        records = [auth.ImportUserRecord(uid=uid) for uid in uids[start : start + IMPORT_BATCH]]
        result = auth.import_users(records, app=app)
        if result.failure_count:
            raise RuntimeError(f"{result.failure_count} users could not be imported")
    time.sleep(1.0)  # tokens issued in the import's second could count as revoked


@functools.cache
def id_token(uid: str, generation: int = 0) -> str:
    """One ID token per member (and generation) for the whole run, as the emulator issues them,
    issued after the import (an older one would count as revoked); valid for the run (real ones
    last an hour). Another `generation` is a token the API has not seen.
    """
    now = int(time.time())
    claims = {
        "iss": f"https://securetoken.google.com/{PROJECT_ID}",
        "aud": PROJECT_ID,
        "auth_time": now,
        "user_id": uid,
        "sub": uid,
        "iat": now,
        "exp": now + 6 * 3_600,
        "firebase": {"identities": {}, "sign_in_provider": "custom"},
        "bench_generation": generation,
    }
    return f"{_encode({'alg': 'none', 'typ': 'JWT'})}.{_encode(claims)}."


def _encode(part: dict[str, object]) -> str:
    return base64.urlsafe_b64encode(json.dumps(part).encode()).rstrip(b"=").decode()
