"""The helpers of every per-feature authorisation matrix (tests/api/graphql/*/test_authorization_matrix.py):
one test per operation, parametrised by role, each expecting an outcome, and every refusal shown
to have written and enqueued nothing. The schema-wide matrix is tests/security/test_authorization_matrix.py.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import pytest

from tests.fixtures.changes import Changes

OK, LISTED, ABSENT = "OK", "LISTED", "ABSENT"
U, OB, NF, F = "UNAUTHENTICATED", "ONBOARDING_REQUIRED", "NOT_FOUND", "FORBIDDEN"
NP = "NOT_PERMITTED"  # a typed refusal: the caller sees the object, may not do this (api/graphql/core/errors.py)

Act = Callable[[], Awaitable[dict[str, Any]]]


def roles_matrix(roles: Sequence[str]) -> Callable[..., pytest.MarkDecorator]:
    """`by_role(*outcomes)`: one outcome per role, in `roles` order, as the test's parameters."""

    def by_role(*outcomes: str) -> pytest.MarkDecorator:
        assert len(outcomes) == len(roles)
        return pytest.mark.parametrize(
            ("role", "expected"), [pytest.param(r, o, id=r) for r, o in zip(roles, outcomes, strict=True)]
        )

    return by_role


def outcome_of(body: dict[str, Any]) -> str:
    """A top-level error's code, a mutation's typed code, or OK."""
    if body.get("errors"):
        code: str = body["errors"][0]["extensions"]["code"]
        return code
    typename = body.get("__typename", "")
    return body["code"] if typename.endswith("Error") else OK


async def check(
    changes: Changes, expected: str, act: Act, listed: Callable[[dict[str, Any]], bool] | None = None
) -> None:
    """Run `act`; its outcome must be `expected` (LISTED or ABSENT when `listed` reads the data),
    and a refusal must have changed nothing and enqueued nothing.
    """
    before = await changes.mark()
    body = await act()
    got = outcome_of(body)
    if listed is not None and got == OK:
        got = LISTED if listed(body["data"]) else ABSENT
    assert got == expected, body
    if expected not in (OK, LISTED):
        assert await changes.since(before) == []
