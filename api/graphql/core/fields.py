"""How a mutation file declares its own field, beside its resolver:

    @mutation(description="Share a down day ...", permission_classes=[IsMember],
              extensions=[RateLimited(Bucket.SENSITIVE)])
    async def share_create(info: Info, data: ...) -> ShareCreateResult: ...

The context's `mutations/__init__.py` lists the fields and `api/graphql/schema.py` builds the
`Mutation` type from every list (strawberry's `create_type`). Description and permission are
required here, so no mutation can leave them out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import strawberry
from strawberry.extensions.field_extension import FieldExtension
from strawberry.permission import BasePermission
from strawberry.types.field import StrawberryField


def mutation(
    *,
    description: str,
    permission_classes: list[type[BasePermission]],
    extensions: Sequence[FieldExtension] = (),
) -> Callable[[Callable[..., Any]], StrawberryField]:
    """`strawberry.mutation` as a typed decorator (strawberry's own is typed `Any` when used so)."""

    def declare(resolver: Callable[..., Any]) -> StrawberryField:
        return strawberry.mutation(
            resolver, description=description, permission_classes=permission_classes, extensions=list(extensions)
        )

    return declare
