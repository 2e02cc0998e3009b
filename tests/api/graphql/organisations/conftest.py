"""The content tests' people, for the organisations tests too."""

from __future__ import annotations

from tests.api.graphql.shares.conftest import share_cast, young  # noqa: F401 - fixtures shared
