"""Export or check the schema's SDL, the contract the mobile app is built against.

`python -m api.cli.sdl` writes schemas/graphql/schema.graphql;
`python -m api.cli.sdl --check` fails when that file has drifted.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from graphql import lexicographic_sort_schema, print_schema

from api.graphql.schema import build_schema
from infra.settings import GraphQLSettings

SDL_PATH = Path(__file__).resolve().parents[2] / "schemas" / "graphql" / "schema.graphql"


def current_sdl() -> str:
    """Sorted, so the file changes only when the schema does. (Sorting here, not with
    StrawberryConfig(sort_schema=True), which breaks union resolution in strawberry.)
    """
    schema = build_schema(GraphQLSettings(), production=False)
    return print_schema(lexicographic_sort_schema(schema._schema)) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Export or check the GraphQL SDL.")
    parser.add_argument("--check", action="store_true", help="fail if the committed SDL differs")
    args = parser.parse_args(argv)
    sdl = current_sdl()
    if args.check:
        if SDL_PATH.read_text() != sdl:
            print(f"{SDL_PATH} is out of date: run python -m api.cli.sdl", file=sys.stderr)
            return 1
        return 0
    SDL_PATH.write_text(sdl)
    return 0


if __name__ == "__main__":
    sys.exit(main())
