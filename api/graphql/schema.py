"""The schema: every domain's queries and mutations, with the limits and masking
that apply to every operation.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import strawberry
from graphql import GraphQLError
from strawberry.extensions import (
    DisableIntrospection,
    MaskErrors,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
    SchemaExtension,
)
from strawberry.schema.config import StrawberryConfig
from strawberry.types import ExecutionContext

from api.graphql.devices.mutations import DeviceMutations
from api.graphql.errors import log_unexpected, should_mask_error, strip_suggestions
from api.graphql.members.mutations import MemberMutations
from api.graphql.members.queries import MemberQueries
from api.graphql.notifications.mutations import NotificationMutations
from api.graphql.notifications.queries import NotificationQueries
from infra.settings import GraphQLSettings


@strawberry.type(description="Reading: the member's own data, their groups and the support available.")
class Query(MemberQueries, NotificationQueries):
    pass


@strawberry.type(description="Changing: every mutation returns a union of its success and its typed error.")
class Mutation(MemberMutations, DeviceMutations, NotificationMutations):
    pass


class Schema(strawberry.Schema):
    def process_errors(self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None) -> None:
        strip_suggestions(errors)
        log_unexpected(errors)


SCHEMA_CONFIG = StrawberryConfig(disable_field_suggestions=True)


def schema_extensions(
    settings: GraphQLSettings, *, production: bool
) -> list[type[SchemaExtension] | Callable[[], SchemaExtension]]:
    """Limits and masking for every operation. Factories, not instances: a shared
    instance leaks one request's state into another (strawberry 0.316.0).
    """
    extensions: list[type[SchemaExtension] | Callable[[], SchemaExtension]] = [
        partial(QueryDepthLimiter, max_depth=settings.max_depth),
        partial(MaxAliasesLimiter, max_alias_count=settings.max_aliases),
        partial(MaxTokensLimiter, max_token_count=settings.max_tokens),
        partial(MaskErrors, should_mask_error=should_mask_error),
    ]
    if production:
        extensions.append(DisableIntrospection)
    return extensions


def build_schema(settings: GraphQLSettings, *, production: bool) -> Schema:
    return Schema(
        query=Query,
        mutation=Mutation,
        extensions=schema_extensions(settings, production=production),
        config=SCHEMA_CONFIG,
    )
