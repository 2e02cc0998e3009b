"""Answers that are the same for everyone for a minute (the crisis screen), kept per process and
served again without executing the operation (issue 20: GraphQL execution is most of its cost).

A root query field opts in with `SharedAnswer`, which the schema allows only on a public field
that is never rate limited: the answer cannot depend on who asks, and serving it from here skips
no charge. An operation is shared when it is a trusted query whose every root field is shared.
The key is the document, its operation name and variables, and the minute on the service's clock
(the crisis screen's `openNow` changes only at minute boundaries); an answer with errors is never
kept. A refresh of the helplines therefore shows within a minute.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable, Mapping
from datetime import datetime
from typing import Any

import orjson
from strawberry.extensions import FieldExtension

from api.graphql.execution.operation_plan import OperationPlan
from api.graphql.execution.rate_limits import META_FIELDS

MAX_ENTRIES = 1024  # nations x age bands x languages x kinds seen in one minute, with room to spare


class SharedAnswer(FieldExtension):
    """This root field's answer is the same for everyone for a minute; the reason is required."""

    def __init__(self, *, reason: str) -> None:
        if not reason.strip():
            raise ValueError("a shared answer needs a reason")
        self.reason = reason


class SharedAnswers:
    """A small least-recently-used store of shared answers, per process."""

    def __init__(self, shared_fields: frozenset[str], *, max_entries: int = MAX_ENTRIES) -> None:
        self._shared_fields = shared_fields
        self._max_entries = max_entries
        self._answers: OrderedDict[Hashable, dict[str, Any]] = OrderedDict()
        self.any_shared = bool(shared_fields)
        self.hits = 0
        self.misses = 0

    def key(
        self,
        plan: OperationPlan,
        body: str,
        operation_name: str | None,
        variables: Mapping[str, Any] | None,
        now: datetime,
    ) -> Hashable | None:
        """Where the answer to this request is kept, or None when it is not a shared operation."""
        fields = plan.root_fields
        named = {name for name, _ in fields.counts if name not in META_FIELDS}
        if fields.root != "query" or not named or not named <= self._shared_fields:
            return None
        try:
            encoded = orjson.dumps(variables or {}, option=orjson.OPT_SORT_KEYS)
        except TypeError:
            return None  # not plain JSON: let execution refuse it
        return (body, operation_name, encoded, now.replace(second=0, microsecond=0))

    def get(self, key: Hashable) -> dict[str, Any] | None:
        answer = self._answers.get(key)
        if answer is None:
            self.misses += 1
            return None
        self._answers.move_to_end(key)
        self.hits += 1
        return answer

    def keep(self, key: Hashable, data: dict[str, Any]) -> None:
        self._answers[key] = data
        if len(self._answers) > self._max_entries:
            self._answers.popitem(last=False)
