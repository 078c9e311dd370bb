"""``racompiler schema``: print a shipped JSON Schema, or list them (only click is imported)."""

from __future__ import annotations

import sys

import click

EXIT_USAGE = 2


@click.command()
@click.argument("name", required=False)
@click.option("--list", "list_them", is_flag=True, help="List every schema: name, kind, the command it describes.")
def schema(name: str | None, list_them: bool) -> None:
    """Print the JSON Schema (draft 2020-12) NAME: a JSON document racompiler writes or reads.

    `racompiler schema --list` lists them (check, plan, graph, diff, explain, catalog, binding,
    crowbar-order, interop, interop-score, interop-compare; inputs: inventory, mapping).
    """
    from racompiler import schemas

    if list_them:
        width = max(len(n) for n in schemas.names())
        for s in schemas.SCHEMAS:
            click.echo(f"{s.name:<{width}}  {s.kind:<6}  {s.emitted_by}: {s.summary}")
        return
    if name is None:
        click.echo("error: name a schema, or use --list to see them", err=True)
        sys.exit(EXIT_USAGE)
    if name not in schemas.names():
        from racompiler.semantic.suggest import did_you_mean

        hint = did_you_mean(name, schemas.names())
        click.echo(f"error: no schema '{name}'" + (f"; {hint}" if hint else ""), err=True)
        click.echo("schemas: " + ", ".join(schemas.names()), err=True)
        sys.exit(EXIT_USAGE)
    click.echo(schemas.text(name), nl=False)
