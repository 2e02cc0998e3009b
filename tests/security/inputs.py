"""Hypothesis strategies for any GraphQL input type, derived from the schema: the
malformed and extreme values a hostile or broken client could send.
"""

from __future__ import annotations

from typing import Any

from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLScalarType,
)
from hypothesis import strategies as st

LIST_LIMIT = 100  # API-wide cap on list inputs
EDGE_TEXT = (
    "", " ", "\t\n", "\u0000", "\u202e\u202d", "\ufeff", "\U0001f600" * 3, "é" * 41, "👨‍👩‍👧‍👦", "\ud800", "a\udfffb",
    "<script>alert(1)</script>", "'; DROP TABLE members; --", '{"$gt": ""}', "$where", "a" * 2_001, "x" * 40_000,
    "🙂" * 20_000,  # over the 64 KiB body limit once encoded
)  # fmt: skip
EDGE_INTS = (0, -1, 1, -(2**31), 2**31 - 1, 2**31, -(2**31) - 1, 10**18, 101)
EDGE_DATES = ("0001-01-01", "9999-12-31", "1900-02-29", "2024-02-30", "2024-13-01", "1990-5-1", "tomorrow", "")
EDGE_DATETIMES = (
    "0001-01-01T00:00:00+00:00", "9999-12-31T23:59:59+00:00", "1970-01-01T00:00:00", "2030-01-01T00:00:00+14:00",
    "2020-01-01T25:61:00Z", "now", "",
)  # fmt: skip
MALFORMED_IDS = (
    "",
    "null",
    "0",
    "../../etc/passwd",
    '{"$ne": null}',
    "a" * 5_000,
    "00000000-0000-0000-0000-000000000000",
)


def text() -> st.SearchStrategy[str]:
    """Edge cases, or any code points at all, lone surrogates included (JSON can carry them)."""
    anything = st.characters(codec=None, exclude_categories=())
    return st.one_of(st.sampled_from(EDGE_TEXT), st.text(anything, max_size=50))


IdsByField = dict[str, tuple[str, ...]]


def scalar(type_: GraphQLScalarType, ids: tuple[str, ...], *, loose: bool) -> st.SearchStrategy[Any]:
    """Values for a scalar: of its own kind, or (when `loose`) sometimes of another."""
    own: dict[str, st.SearchStrategy[Any]] = {
        "String": text(),
        "ID": st.one_of(*[st.sampled_from(ids)] * 4, st.sampled_from(MALFORMED_IDS), st.uuids().map(str)),
        "Int": st.one_of(st.sampled_from(EDGE_INTS), st.integers(min_value=-(2**40), max_value=2**40)),
        "Float": st.floats(allow_nan=False),
        "Boolean": st.booleans(),
        "Date": st.one_of(st.sampled_from(EDGE_DATES), st.dates().map(str)),
        "DateTime": st.one_of(st.sampled_from(EDGE_DATETIMES), st.datetimes().map(lambda d: d.isoformat())),
    }
    if not loose:
        return own[type_.name]
    wrong = st.one_of(st.integers(), st.text(max_size=5), st.booleans(), st.just([]), st.just({}))
    return st.one_of(own[type_.name], own[type_.name], own[type_.name], wrong)


def value(type_: GraphQLInputType, ids: IdsByField, name: str = "", *, loose: bool = False) -> st.SearchStrategy[Any]:
    """A value for `type_`: well typed (so it reaches the resolver and the domain's rules), or,
    when `loose`, with nulls and values of the wrong kind anywhere (refused before anything runs).
    An ID named `name` is mostly one of `ids[name]` (real objects of the right kind), else of `ids[""]`.
    """
    inner: GraphQLInputType = type_.of_type if isinstance(type_, GraphQLNonNull) else type_
    strategy: st.SearchStrategy[Any]
    if isinstance(inner, GraphQLList):
        element = value(inner.of_type, ids, name, loose=loose)
        strategy = st.one_of(
            st.lists(element, max_size=3),
            st.integers(min_value=LIST_LIMIT, max_value=LIST_LIMIT + 1).flatmap(
                lambda n: element.map(lambda item: [item] * n)
            ),
        )
    elif isinstance(inner, GraphQLInputObjectType):
        strategy = input_object(inner, ids, loose=loose)
    elif isinstance(inner, GraphQLEnumType):
        values = st.sampled_from(sorted(inner.values))
        strategy = st.one_of(values, st.just("NOT_A_VALUE")) if loose else values
    else:
        assert isinstance(inner, GraphQLScalarType), inner
        strategy = scalar(inner, ids.get(name) or ids[""], loose=loose)
    if isinstance(type_, GraphQLNonNull) and not loose:
        return strategy
    return st.one_of(strategy, strategy, strategy, st.none())


def input_object(
    type_: GraphQLInputObjectType, ids: IdsByField, *, loose: bool, base: dict[str, Any] | None = None
) -> st.SearchStrategy[Any]:
    """A dict of the type's fields: required ones always there (possibly wrong), optional ones sometimes.
    Given a valid `base`, each of its fields is kept half the time, so most attempts pass every
    rule but one and reach deep into the domain.
    """
    base = base or {}

    def field(name: str, type_: GraphQLInputType) -> st.SearchStrategy[Any]:
        drawn = value(type_, ids, name, loose=loose)
        return st.one_of(st.just(base[name]), drawn) if name in base else drawn

    required = {n: field(n, f.type) for n, f in type_.fields.items() if isinstance(f.type, GraphQLNonNull)}
    optional = {n: field(n, f.type) for n, f in type_.fields.items() if n not in required}
    return st.fixed_dictionaries(required, optional=optional)
