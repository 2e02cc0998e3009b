"""The per-operation guard: before any resolver runs, the allow-list, text that
is not Unicode, the list sizes and the rate limits (at most one Redis call). A refusal is a top-level
`PublicError`, and nothing has run.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any, Protocol, cast

from graphql import GraphQLSchema
from strawberry.extensions import SchemaExtension
from strawberry.types import ExecutionContext

from api.graphql.core.context import Context
from api.graphql.core.errors import PersistedQueryNotInListError, PublicError
from api.graphql.execution.input_text import not_unicode
from api.graphql.execution.operation_plan import OperationPlan, plan_operation
from api.graphql.execution.rate_limits import RateLimitPolicies, Subject, check_rate_limits
from api.graphql.execution.trusted_documents import TrustedDocument, TrustedDocuments


class GuardedSchema(Protocol):
    """What the guard reads from the schema it is installed on (api/graphql/schema.py's
    Schema); a protocol, so this package never imports the schema that imports it.
    """

    trusted_documents: TrustedDocuments | None
    max_list_items: int
    _schema: GraphQLSchema

    @property
    def rate_limit_policies(self) -> RateLimitPolicies: ...


class OperationGuard(SchemaExtension):
    """A trusted document skips parsing and validation (done at start-up) and
    brings its plan; any other document is planned here (development only,
    since production refuses it).
    """

    def __init__(self) -> None:
        self._trusted: TrustedDocument | None = None

    def on_operation(self) -> Iterator[None]:
        documents = _schema(self.execution_context).trusted_documents
        self._trusted = documents.find(self.execution_context.query) if documents is not None else None
        if self._trusted is not None:
            self.execution_context.graphql_document = self._trusted.document
        yield

    async def on_validate(self) -> AsyncIterator[None]:
        refusal = await self._refusal()
        if refusal is not None:
            self.execution_context.pre_execution_errors = [refusal]
        elif self._trusted is not None:
            self.execution_context.pre_execution_errors = []  # validated at start-up
        yield

    async def _refusal(self) -> PublicError | None:
        execution = self.execution_context
        schema = _schema(execution)
        if self._trusted is None and schema.trusted_documents is not None and schema.trusted_documents.enforced:
            return PersistedQueryNotInListError()
        plan = self._trusted.plan if self._trusted is not None else _plan(execution, schema)
        return (
            not_unicode(execution.variables)
            or plan.list_bounds.check(execution.variables)
            or await _rate_limit(execution.context, schema, plan)
        )


def _schema(execution: ExecutionContext) -> GuardedSchema:
    return cast("GuardedSchema", execution.schema)  # the guard is only ever installed on our Schema


def _plan(execution: ExecutionContext, schema: GuardedSchema) -> OperationPlan:
    document = execution.graphql_document
    if document is None:  # strawberry parses before validation; this would be its bug
        raise RuntimeError("no parsed document to plan")
    return plan_operation(schema._schema, document, execution.operation_name, max_list_items=schema.max_list_items)


async def _rate_limit(context: Any, schema: GuardedSchema, plan: OperationPlan) -> PublicError | None:
    if not isinstance(context, Context):
        return None  # executed in-process (tools and tests), not a client's request
    client = context.request.client if context.request is not None else None
    subject = Subject.of(context.identity, client.host if client is not None else None)
    policies = schema.rate_limit_policies
    charges = plan.root_fields.charges(policies, context.runtime.settings.rate_limits, subject)
    return await check_rate_limits(context.runtime.rate_limits, charges)
