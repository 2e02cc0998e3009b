"""CSRF: every POST carries the browser's CSRF cookie's value back, in the form or a header.

A double-submit check: another site can make the browser send the cookie (though SameSite=Strict
already stops that) but cannot read it to copy it into the form.
"""

from __future__ import annotations

import hmac

from fastapi import Request

from api.console.errors import CsrfRefusedError
from api.console.headers import CSRF_COOKIE

FORM_FIELD = "csrf"
HEADER = "x-csrf-token"


async def csrf_checked(request: Request) -> None:
    """A dependency of every console POST: refuse before anything is read or done."""
    expected = request.cookies.get(CSRF_COOKIE, "")
    given = request.headers.get(HEADER)
    if given is None and request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
        value = (await request.form()).get(FORM_FIELD)
        given = value if isinstance(value, str) else None
    if not expected or not given or not hmac.compare_digest(expected.encode(), given.encode()):
        raise CsrfRefusedError
