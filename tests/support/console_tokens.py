"""Unsigned Firebase session cookies and ID tokens shaped like the Auth emulator's own, for the
console's cookie rules (expired, another project's, an old sign-in): the emulator signs nothing,
and firebase-admin checks their claims, not a signature, against it.
"""

from __future__ import annotations

import base64
import json
import time

from infra.local.services import PROJECT_ID


def _encode(part: dict[str, object]) -> str:
    return base64.urlsafe_b64encode(json.dumps(part).encode()).rstrip(b"=").decode()


def unsigned_session_cookie(uid: str, *, expires_in: int, project: str = PROJECT_ID) -> str:
    now = int(time.time())
    claims = {
        # Signed in now: after the user's sessions became valid, so only what is tested can refuse it.
        "iss": f"https://session.firebase.google.com/{project}", "aud": project, "auth_time": now,
        "user_id": uid, "sub": uid, "iat": now, "exp": now + expires_in,
        "firebase": {"identities": {}, "sign_in_provider": "password"},
    }  # fmt: skip
    return f"{_encode({'alg': 'none', 'typ': 'JWT'})}.{_encode(claims)}."


def unsigned_id_token(uid: str, *, signed_in_ago: int, project: str = PROJECT_ID) -> str:
    now = int(time.time())
    claims = {
        "iss": f"https://securetoken.google.com/{project}", "aud": project, "auth_time": now - signed_in_ago,
        "user_id": uid, "sub": uid, "iat": now - 10, "exp": now + 3_000,
        "firebase": {"identities": {}, "sign_in_provider": "password"},
    }  # fmt: skip
    return f"{_encode({'alg': 'none', 'typ': 'JWT'})}.{_encode(claims)}."
