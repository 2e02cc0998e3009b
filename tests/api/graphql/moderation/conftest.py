"""The content tests' people and snapshot, for moderation too."""

from __future__ import annotations

from tests.api.graphql.shares.conftest import share_cast, snapshot, young  # noqa: F401 - fixtures shared
