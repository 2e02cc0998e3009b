"""The app's group operations are valid against the schema and name every group root field."""

from __future__ import annotations

from graphql import OperationDefinitionNode, parse, validate

from api.graphql.execution.rate_limits import Bucket
from api.graphql.schema import build_schema
from infra.settings import GraphQLSettings
from tests.factories.groups import OPERATIONS

GROUP_ROOT_FIELDS = {
    "group", "myGroups", "groups", "joinRequests", "myLeadership",
    "groupCreate", "groupUpdate", "groupArchive", "groupJoin", "groupLeave", "inviteCreate",
    "joinRequestCreate", "joinRequestDecide", "memberRemove", "coLeadPromote", "coLeadDemote",
    "leadershipTransfer", "groupLeadAssign", "leadAwaySet", "groupScheduleSet", "groupQuietPolicySet",
    "groupLocalServiceAttach", "groupLocalServiceDetach",
}  # fmt: skip


def test_every_group_operation_is_valid_against_the_schema() -> None:
    schema = build_schema(GraphQLSettings(), production=False)._schema
    assert validate(schema, parse(OPERATIONS.read_text())) == []


def test_every_group_root_field_is_used_by_an_operation() -> None:
    document = parse(OPERATIONS.read_text())
    used = {
        selection.name.value
        for definition in document.definitions
        if isinstance(definition, OperationDefinitionNode)
        for selection in definition.selection_set.selections
        if hasattr(selection, "name")
    }
    assert used == GROUP_ROOT_FIELDS


def test_invite_codes_and_join_requests_draw_on_their_stricter_buckets() -> None:
    policies = build_schema(GraphQLSettings(), production=False).rate_limit_policies
    assert policies.policy("mutation", "groupJoin").bucket is Bucket.GUESSABLE
    assert policies.policy("mutation", "joinRequestCreate").bucket is Bucket.GUESSABLE  # it takes a code too
    assert policies.policy("mutation", "groupCreate").bucket is None
