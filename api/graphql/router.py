"""The GraphQL endpoint: POST for queries and mutations, graphql-transport-ws for subscriptions."""

from __future__ import annotations

import json
from collections.abc import Hashable
from dataclasses import replace
from datetime import timedelta

import orjson
from cross_web import AsyncHTTPRequestAdapter, HTTPException
from starlette.requests import Request
from starlette.responses import Response
from strawberry.exceptions import ConnectionRejectionError
from strawberry.fastapi import GraphQLRouter
from strawberry.http import GraphQLRequestData
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types import ExecutionResult
from strawberry.types.unset import UnsetType

from api.graphql.core.context import Context, get_context
from api.graphql.core.errors import PublicError
from api.graphql.execution.shared_answers import SharedAnswers
from api.graphql.execution.trusted_documents import TrustedDocument
from api.graphql.schema import Schema

# Far above any operation's variables here (four levels at most), far below the parser's recursion limit.
MAX_JSON_DEPTH = 32
_TOO_DEEP = object()


class Router(GraphQLRouter[Context, None]):
    schema: Schema
    shared_answers: SharedAnswers  # one store per app: answers come from this app's runtime

    async def on_ws_connect(self, context: Context) -> UnsetType | dict[str, object] | None:
        """Authenticate the socket from `connection_init`'s `{"authorization": "Bearer …"}`."""
        params = context.connection_params if isinstance(context.connection_params, dict) else {}
        authorization = params.get("authorization")
        await context.authenticate(authorization if isinstance(authorization, str) else None)
        if context.identity is None:
            raise ConnectionRejectionError({"code": "UNAUTHENTICATED", "message": context.auth_message})
        return await super().on_ws_connect(context)

    def decode_json(self, data: str | bytes) -> object:
        """The request's JSON; a body a client got wrong is a 400 that says how, never a 500
        (issue 13, item 8). A list goes on to strawberry, which refuses batches itself. Text
        (a socket's message, a query string) too deep to read is bad JSON to strawberry.
        """
        try:
            decoded = json.loads(data)
        except UnicodeDecodeError:
            raise HTTPException(400, "The request body is not valid UTF-8.") from None
        except RecursionError:
            decoded = _TOO_DEEP
        if decoded is _TOO_DEEP or _nests_deeper_than(decoded, MAX_JSON_DEPTH):
            if isinstance(data, str):
                raise json.JSONDecodeError("nested too deeply", data[:20], 0)
            raise HTTPException(400, f"The request body nests more than {MAX_JSON_DEPTH} levels deep.")
        if isinstance(data, bytes) and not isinstance(decoded, dict | list):
            raise HTTPException(400, 'The request body must be a JSON object: {"query": "...", "variables": {...}}.')
        return decoded

    def encode_json(self, data: object) -> bytes:
        """orjson: about 20 times faster than json.dumps on a home screen's answer (issue 8)."""
        return orjson.dumps(data)

    async def execute_single(  # noqa: PLR0917 - strawberry's signature
        self,
        request: Request,
        request_adapter: AsyncHTTPRequestAdapter,
        sub_response: Response,
        context: Context,
        root_value: None,
        request_data: GraphQLRequestData,
    ) -> ExecutionResult:
        """Resolve a trusted document's id to its text, then run it; a request the
        guard refused gets that refusal's HTTP status and headers.
        """
        documents = self.schema.trusted_documents
        shared_key = None
        try:
            if documents is not None:
                query = documents.resolve_query(request_data.query, request_data.extensions)
                request_data = replace(request_data, query=query)
                shared_key = self._shared_key(documents.find(query), request_data, context)
        except PublicError as error:
            result = ExecutionResult(data=None, errors=[error])
        else:
            answer = self.shared_answers.get(shared_key) if shared_key is not None else None
            if answer is not None:
                return ExecutionResult(data=answer, errors=None)
            result = await super().execute_single(
                request, request_adapter, sub_response, context, root_value, request_data
            )
            if shared_key is not None and not result.errors and result.data is not None:
                self.shared_answers.keep(shared_key, result.data)
        _apply_refusal(result, sub_response)
        return result

    def _shared_key(
        self, document: TrustedDocument | None, request_data: GraphQLRequestData, context: Context
    ) -> Hashable | None:
        if document is None or not self.shared_answers.any_shared:
            return None
        variables = request_data.variables if isinstance(request_data.variables, dict) else None
        return self.shared_answers.key(
            document.plan, document.body, request_data.operation_name, variables, context.clock.now()
        )


def _nests_deeper_than(value: object, limit: int) -> bool:
    """Whether JSON nests deeper than `limit`, walked without recursion (so with no limit of its own)."""
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else ()
        for child in children:
            if isinstance(child, dict | list):
                if depth + 1 > limit:
                    return True
                stack.append((child, depth + 1))
    return False


def _apply_refusal(result: ExecutionResult, response: Response) -> None:
    """Errors raised before execution carry the request's HTTP status (403, 404, 429, 503)."""
    for error in result.errors or ():
        if isinstance(error, PublicError) and error.path is None and error.http_status != 200:
            response.status_code = error.http_status
            response.headers.update(error.http_headers)
            return


def build_router(schema: Schema, *, production: bool) -> Router:
    router = Router(
        schema,
        context_getter=get_context,
        graphql_ide=None if production else "graphiql",
        allow_queries_via_get=False,  # no health data in URLs or proxy logs (GQL-8)
        subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),  # the legacy protocol had an auth bypass
        connection_init_wait_timeout=timedelta(seconds=10),
        max_subscriptions_per_connection=10,
        keep_alive=True,
        keep_alive_interval=25,
    )
    router.shared_answers = SharedAnswers(schema.shared_answer_fields)
    return router
