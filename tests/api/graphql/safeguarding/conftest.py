"""The content tests' people and snapshot, for the staff tests too."""

from __future__ import annotations

from tests.api.graphql.shares.conftest import share_cast, snapshot, young  # noqa: F401 - fixtures shared
