"""The execution timeout (GQL-13): a query or mutation is cut after
`GRAPHQL_EXECUTION_TIMEOUT_SECONDS` and answered with a masked error.

It plugs into strawberry through the schema's public `execution_context_class` argument: a
subclass of strawberry's graphql-core executor whose `execute_operation` (graphql-core's
public entry to run one operation) is awaited within the timeout. Strawberry runs every query
and mutation through it, over HTTP (`execute`) and the socket (`stream`); a subscription runs
as long as it is wanted, so its events are left alone.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable
from typing import Any

from graphql import ExecutionResult, GraphQLError, OperationType
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from api.graphql.core.errors import MASKED_MESSAGE

logger = logging.getLogger("api.graphql")


def timed_execution(seconds: float) -> type[StrawberryGraphQLCoreExecutionContext]:
    """strawberry's executor, with each query and mutation cut after `seconds`."""

    class TimedExecution(StrawberryGraphQLCoreExecutionContext):
        def execute_operation(self, serially: bool | None = None) -> Any:
            result = super().execute_operation(serially)
            if self.operation.operation is OperationType.SUBSCRIPTION or not self.is_awaitable(result):
                return result
            name = self.operation.name.value if self.operation.name is not None else None
            return _within(result, seconds, name)

    return TimedExecution


async def _within(result: Awaitable[Any], seconds: float, operation: str | None) -> Any:
    """The result, or a masked error once `seconds` have passed. A mutation cut
    mid-way stops like a crashed process would: each write is atomic on its own.
    """
    timeout = asyncio.timeout(seconds)
    try:
        async with timeout:
            return await result
    except TimeoutError:
        if not timeout.expired():
            raise
    logger.error("operation %s cut after %s s", operation or "(anonymous)", seconds)
    return ExecutionResult(data=None, errors=[GraphQLError(MASKED_MESSAGE)])
