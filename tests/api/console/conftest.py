"""The content tests' people, for the console's appeals tests too."""

from __future__ import annotations

from tests.api.graphql.shares.conftest import share_cast  # noqa: F401 - fixtures shared
