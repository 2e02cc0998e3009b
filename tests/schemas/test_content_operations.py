"""Content, moderation and staff operations draw on the right rate-limit buckets."""

from __future__ import annotations

import pytest

from api.graphql.execution.rate_limits import Bucket
from api.graphql.schema import build_schema
from infra.settings import GraphQLSettings

SENSITIVE = (
    "shareCreate", "shareUpdate", "responseCreate", "reportCreate", "authorRevealRequest", "authorRevealApprove",
)  # fmt: skip
GENERAL = ("shareDelete", "reactionSet", "reactionRemove", "contentModerate", "memberMute", "reportDismiss")


@pytest.mark.parametrize("field", SENSITIVE)
def test_posting_reporting_and_break_glass_draw_on_the_sensitive_bucket(field: str) -> None:
    policies = build_schema(GraphQLSettings(), production=False).rate_limit_policies
    assert policies.policy("mutation", field).bucket is Bucket.SENSITIVE


@pytest.mark.parametrize("field", GENERAL)
def test_the_rest_draw_on_the_general_bucket_only(field: str) -> None:
    policy = build_schema(GraphQLSettings(), production=False).rate_limit_policies.policy("mutation", field)
    assert (policy.bucket, policy.exempt) == (None, False)
