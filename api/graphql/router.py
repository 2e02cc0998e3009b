"""The GraphQL endpoint: POST for queries and mutations, graphql-transport-ws for subscriptions."""

from __future__ import annotations

from datetime import timedelta

from strawberry.exceptions import ConnectionRejectionError
from strawberry.fastapi import GraphQLRouter
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types.unset import UnsetType

from api.graphql.context import Context, get_context
from api.graphql.schema import Schema


class Router(GraphQLRouter[Context, None]):
    async def on_ws_connect(self, context: Context) -> UnsetType | dict[str, object] | None:
        """Authenticate the socket from `connection_init`'s `{"authorization": "Bearer …"}`."""
        params = context.connection_params if isinstance(context.connection_params, dict) else {}
        authorization = params.get("authorization")
        await context.authenticate(authorization if isinstance(authorization, str) else None)
        if context.identity is None:
            raise ConnectionRejectionError({"code": "UNAUTHENTICATED", "message": context.auth_message})
        return await super().on_ws_connect(context)


def build_router(schema: Schema, *, production: bool) -> Router:
    return Router(
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
