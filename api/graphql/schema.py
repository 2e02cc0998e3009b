"""The schema: every domain's queries and mutations, with the limits and masking
that apply to every operation.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import cached_property, partial
from typing import TYPE_CHECKING

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
from strawberry.tools import create_type
from strawberry.types import ExecutionContext
from strawberry.types.base import StrawberryObjectDefinition

from api.graphql.accounts import mutations as accounts_mutations
from api.graphql.accounts.queries import AccountQueries
from api.graphql.checkins import mutations as checkins_mutations
from api.graphql.checkins.queries import CheckInQueries
from api.graphql.core.errors import (
    MASKED_MESSAGE,
    answer_refusals_typed,
    log_unexpected,
    mask_escaped,
    should_mask_error,
    strip_suggestions,
)
from api.graphql.core.permissions import IsPublic
from api.graphql.crisis import mutations as crisis_mutations
from api.graphql.crisis.queries import CrisisQueries
from api.graphql.devices import mutations as devices_mutations
from api.graphql.execution.guard import OperationGuard
from api.graphql.execution.rate_limits import OPERATION_TYPES, RateLimitPolicies
from api.graphql.execution.shared_answers import SharedAnswer
from api.graphql.execution.timeout import timed_execution
from api.graphql.groups import mutations as groups_mutations
from api.graphql.groups.queries import GroupQueries
from api.graphql.members import mutations as members_mutations
from api.graphql.members.queries import MemberQueries
from api.graphql.moderation import mutations as moderation_mutations
from api.graphql.moderation.queries import ModerationQueries
from api.graphql.noticing import mutations as noticing_mutations
from api.graphql.noticing.queries import NoticingQueries
from api.graphql.notifications import mutations as notifications_mutations
from api.graphql.notifications.queries import NotificationQueries
from api.graphql.organisations import mutations as organisations_mutations
from api.graphql.organisations.queries import OrganisationQueries
from api.graphql.outreach import mutations as outreach_mutations
from api.graphql.outreach.queries import OutreachQueries
from api.graphql.outreach.subscriptions import OutreachSubscriptions
from api.graphql.safeguarding import mutations as safeguarding_mutations
from api.graphql.safeguarding.queries import SafeguardingQueries
from api.graphql.sessions import mutations as sessions_mutations
from api.graphql.sessions.queries import SessionQueries
from api.graphql.shares import mutations as shares_mutations
from api.graphql.shares.queries import ShareQueries
from api.graphql.shares.subscriptions import ShareSubscriptions
from api.graphql.shares.types import CONCRETE_TYPES as SHARE_TYPES
from api.graphql.staff.queries import StaffQueries
from api.graphql.texting import mutations as texting_mutations
from infra.settings import GraphQLSettings

if TYPE_CHECKING:
    from api.graphql.execution.trusted_documents import TrustedDocuments

logger = logging.getLogger("api.graphql")


@strawberry.type(description="Reading: the member's own data, their groups and the support available.")
class Query(
    MemberQueries,
    GroupQueries,
    CrisisQueries,
    NotificationQueries,
    CheckInQueries,
    ShareQueries,
    ModerationQueries,
    SafeguardingQueries,
    NoticingQueries,
    StaffQueries,
    AccountQueries,
    OutreachQueries,
    OrganisationQueries,
    SessionQueries,
):
    pass


# A refusal the member can act on is the mutation's typed error (api/graphql/core/errors.py).
Mutation = answer_refusals_typed(create_type(
    "Mutation",
    [
        *members_mutations.MUTATIONS,
        *groups_mutations.MUTATIONS,
        *devices_mutations.MUTATIONS,
        *notifications_mutations.MUTATIONS,
        *checkins_mutations.MUTATIONS,
        *shares_mutations.MUTATIONS,
        *moderation_mutations.MUTATIONS,
        *safeguarding_mutations.MUTATIONS,
        *noticing_mutations.MUTATIONS,
        *crisis_mutations.MUTATIONS,
        *accounts_mutations.MUTATIONS,
        *outreach_mutations.MUTATIONS,
        *organisations_mutations.MUTATIONS,
        *sessions_mutations.MUTATIONS,
        *texting_mutations.MUTATIONS,
    ],
    description="Changing: every mutation returns a union of its success and its typed error.",
))  # fmt: skip


@strawberry.type(description="Following: live changes over graphql-transport-ws, authenticated at connection_init.")
class Subscription(ShareSubscriptions, OutreachSubscriptions):
    pass


class Schema(strawberry.Schema):
    """Strawberry's schema, plus what the guard reads."""

    trusted_documents: TrustedDocuments | None = None
    max_list_items: int = 100

    def process_errors(self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None) -> None:
        strip_suggestions(errors)
        log_unexpected(errors)
        mask_escaped(errors)

    @cached_property
    def rate_limit_policies(self) -> RateLimitPolicies:
        roots = {operation: getattr(self._schema, f"{operation}_type") for operation in OPERATION_TYPES}
        definitions = {operation: self.get_type_by_name(root.name) for operation, root in roots.items() if root}
        return RateLimitPolicies.from_root_types(
            {key: type_ for key, type_ in definitions.items() if isinstance(type_, StrawberryObjectDefinition)},
            self.config.name_converter.get_graphql_name,
        )

    @cached_property
    def shared_answer_fields(self) -> frozenset[str]:
        """The root query fields whose answer is the same for everyone for a minute; each must be
        public and never rate limited, or the schema does not build (api/graphql/execution/shared_answers.py).
        """
        root = self._schema.query_type
        query = self.get_type_by_name(root.name) if root is not None else None
        if not isinstance(query, StrawberryObjectDefinition):
            return frozenset()
        shared: set[str] = set()
        for field in query.fields:
            if not any(isinstance(extension, SharedAnswer) for extension in field.extensions):
                continue
            name = self.config.name_converter.get_graphql_name(field)
            if IsPublic not in field.permission_classes or not self.rate_limit_policies.policy("query", name).exempt:
                raise ValueError(f"{name}: a shared answer must be public and never rate limited")
            shared.add(name)
        return frozenset(shared)


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
        partial(MaskErrors, should_mask_error=should_mask_error, error_message=MASKED_MESSAGE),
        OperationGuard,
    ]
    if production:
        extensions.append(DisableIntrospection)
    return extensions


def build_schema(
    settings: GraphQLSettings,
    *,
    production: bool,
    query: type = Query,
    mutation: type | None = Mutation,
    subscription: type | None = Subscription,
) -> Schema:
    """The app's schema (other root types for tests). Trusted documents are
    attached by `create_app`, so the SDL export never depends on them.
    """
    schema = Schema(
        query=query,
        mutation=mutation,
        subscription=subscription,
        types=SHARE_TYPES,
        extensions=schema_extensions(settings, production=production),
        execution_context_class=timed_execution(settings.execution_timeout_seconds),
        config=SCHEMA_CONFIG,
    )
    schema.max_list_items = settings.max_list_items
    return schema
