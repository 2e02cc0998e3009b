"""Queries of crisis signposting."""

from __future__ import annotations

from typing import Annotated

import strawberry

from api.graphql.core.context import Info
from api.graphql.core.errors import PublicError
from api.graphql.core.permissions import IsPublic
from api.graphql.crisis.types import SupportResource, support_list
from api.graphql.execution.rate_limits import RateLimitExempt
from api.graphql.execution.shared_answers import SharedAnswer
from domain.crisis import CrisisError
from schemas.documents.groups import GroupKind
from schemas.documents.members import Language, Nation


class InvalidSupportRequestError(PublicError):
    code = "BAD_USER_INPUT"


async def resolve_support_resources(
    info: Info,
    *,
    nation: Annotated[Nation, strawberry.argument(description="Where the person lives.")],
    age: Annotated[
        int | None, strawberry.argument(description="Their age, 0 to 120; leave out to list resources for every age.")
    ] = None,
    language: Annotated[Language, strawberry.argument(description="Language of the names and texts.")] = Language.EN,
    group_kind: Annotated[
        GroupKind | None,
        strawberry.argument(
            description="The kind of group the person is in, for the services of that kind (Cruse, "
            "for bereavement); leave out for everyone's."
        ),
    ] = None,
    group_id: Annotated[
        strawberry.ID | None,
        strawberry.argument(
            description="The person's group: when an organisation hosts it, its local services for the group's area "
            "follow every national helpline (`local`), the ones its leads attached first. An unknown or unhosted "
            "group gives the national helplines alone, without an error."
        ),
    ] = None,
) -> list[SupportResource]:
    # Deliberately not a paginated connection: a short list that must arrive whole,
    # so that no helpline is ever hidden on a second page.
    context = info.context
    try:
        resources = context.runtime.support.resources(nation=nation, age=age, group_kind=group_kind)  # from memory
    except CrisisError as error:
        raise InvalidSupportRequestError(error.message) from None
    # From memory, like the helplines; the same for everyone asking with these arguments (a shared answer).
    local = context.runtime.support.local.for_group(group_id)
    return support_list(resources, local, language=language, now=context.clock.now())


@strawberry.type
class CrisisQueries:
    support_resources: list[SupportResource] = strawberry.field(
        resolver=resolve_support_resources,
        description="Helplines and services for a nation and age: emergencies first, then lines open 24/7, "
        "then the rest; then, given a hosted group, its host's local services (`local`). Works without signing in "
        "and is never rate limited.",
        permission_classes=[IsPublic],
        extensions=[
            RateLimitExempt(reason="someone in crisis must always reach help (CRISIS-1, CRISIS-3)"),
            SharedAnswer(
                reason="the same helplines (and a group's host's public local services) for everyone asking with "
                "the same arguments; openNow by the minute"
            ),
        ],
    )
