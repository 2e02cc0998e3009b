"""What import-linter's contracts cannot say. No import loops anywhere in the project: not
between modules, nor between the packages that hold them (sibling packages at every depth
below the top), tests/ included. And a domain context is used through its `__init__.py`
only: the API, the workers and other contexts never import its modules (tests may).

At the top, tests/ and benchmarks/ use each other on purpose (the benchmarks drive the
tests' fake FCM server; the tests check the benchmarks' data), with no module loop.
"""

from __future__ import annotations

from graphlib import CycleError, TopologicalSorter

import grimp
import pytest

ROOTS = ("api", "workers", "domain", "infra", "schemas", "tests", "benchmarks")


@pytest.fixture(scope="module")
def imports() -> dict[str, set[str]]:
    graph = grimp.build_graph(*ROOTS, cache_dir=None)
    return {module: graph.find_modules_directly_imported_by(module) for module in graph.modules}


def _loop(edges: dict[str, set[str]]) -> list[str]:
    try:
        TopologicalSorter(edges).prepare()
    except CycleError as error:
        return list(error.args[1])
    return []


def _between_siblings(importer: str, imported: str) -> tuple[str, str] | None:
    """The two sibling packages (or modules) an import crosses, below their common parent."""
    a, b = importer.split("."), imported.split(".")
    common = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    if common == 0 or common >= min(len(a), len(b)):  # top level, or a package and its own module
        return None
    return ".".join(a[: common + 1]), ".".join(b[: common + 1])


def test_no_module_is_in_an_import_loop(imports: dict[str, set[str]]) -> None:
    assert len(imports) > 400
    assert _loop(imports) == []


def test_no_two_sibling_packages_import_each_other(imports: dict[str, set[str]]) -> None:
    edges: dict[str, set[str]] = {}
    for importer, targets in imports.items():
        for crossed in filter(None, (_between_siblings(importer, target) for target in targets)):
            edges.setdefault(crossed[0], set()).add(crossed[1])
    assert _loop(edges) == []


def test_a_loop_is_found() -> None:
    """The check itself can fail: a loop of three, between packages as between modules."""
    assert sorted(_loop({"a.x": {"b.y"}, "b.y": {"c.z"}, "c.z": {"a.x"}})) == ["a.x", "a.x", "b.y", "c.z"]
    assert _between_siblings("api.graphql.groups.types", "api.graphql.core.loaders") == (
        "api.graphql.groups",
        "api.graphql.core",
    )
    assert _between_siblings("api.graphql.core", "api.graphql.core.loaders") is None
    assert _between_siblings("benchmarks.fanout", "tests.fixtures.fcm") is None


def _context(module: str) -> str | None:
    """The domain context a module belongs to (its package's `__init__` included)."""
    parts = module.split(".")
    return parts[1] if parts[0] == "domain" and len(parts) > 1 else None


def _reaches_in(importer: str, target: str) -> bool:
    """A module of another context, not that context's package."""
    return target.count(".") > 1 and _context(target) not in {None, _context(importer)}


def test_contexts_are_used_through_their_init_only(imports: dict[str, set[str]]) -> None:
    reaching_in = sorted(
        f"{importer} -> {target}"
        for importer, targets in imports.items()
        if importer.split(".")[0] in {"api", "workers", "domain"}
        for target in targets
        if _reaches_in(importer, target)
    )
    assert reaching_in == []
    assert _reaches_in("api.graphql.groups.queries", "domain.groups.reading")
    assert not _reaches_in("api.graphql.groups.queries", "domain.groups")  # the package: the way in
    assert not _reaches_in("domain.groups.service", "domain.groups.policies")  # within a context
    assert not _reaches_in("domain.groups.service", "domain.errors")  # the shared kernel
