"""The app's operation documents (schemas/graphql/operations) are valid against the schema."""

from __future__ import annotations

from pathlib import Path

import pytest
from graphql import OperationDefinitionNode, parse, validate

from api.graphql.execution.rate_limits import Bucket
from api.graphql.schema import build_schema
from infra.settings import GraphQLSettings

OPERATIONS = Path(__file__).resolve().parents[2] / "schemas" / "graphql" / "operations"


@pytest.mark.parametrize("path", sorted(OPERATIONS.glob("*.graphql")), ids=lambda path: path.name)
def test_each_operation_file_validates_and_names_every_operation(path: Path) -> None:
    document = parse(path.read_text())
    assert validate(build_schema(GraphQLSettings(), production=False)._schema, document) == []
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    assert all(op.name is not None for op in operations)


def test_the_push_and_inbox_fields_are_all_used_by_the_app() -> None:
    document = parse((OPERATIONS / "notifications.graphql").read_text())
    used = {
        selection.name.value
        for definition in document.definitions
        if isinstance(definition, OperationDefinitionNode)
        for selection in definition.selection_set.selections
        if hasattr(selection, "name")
    }
    assert used == {
        "deviceRegister", "deviceUnregister", "unreadNotificationCount", "notifications", "notification",
        "notificationsMarkRead",
        "notificationPreferences", "notificationPreferencesSet",
    }  # fmt: skip


def test_the_check_in_fields_are_all_used_by_the_app() -> None:
    document = parse((OPERATIONS / "checkins.graphql").read_text())
    used = {
        selection.name.value
        for definition in document.definitions
        if isinstance(definition, OperationDefinitionNode)
        for selection in definition.selection_set.selections
        if hasattr(selection, "name")
    }
    assert used == {"checkInSubmit", "myCheckIns", "myMoodTrend", "groupCheckIns", "groupWellbeing"}


def test_check_ins_draw_on_the_sensitive_bucket_and_reading_them_on_the_general_one() -> None:
    # Member content that can raise alerts; when Redis is down the sensitive bucket lets it through (CRISIS-3).
    policies = build_schema(GraphQLSettings(), production=False).rate_limit_policies
    assert policies.policy("mutation", "checkInSubmit").bucket is Bucket.SENSITIVE
    assert policies.policy("query", "groupCheckIns").bucket is None
