"""The ``bind`` command (registered on the main group by ``racompiler.cli``).

Heavy modules (networkx, jsonschema, yaml) are imported inside the commands, like the rest of
the CLI, so that ``racompiler --help`` and ``check`` stay fast.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

EXIT_OK, EXIT_ERRORS = 0, 1


@click.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--inventory", "inventory", required=True, type=click.Path(dir_okay=False), metavar="INVENTORY",
              help="YAML or JSON file of discovered nodes (racompiler schema inventory shows its format).")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False), metavar="BINDING_JSON",
              help="Write binding.json here instead of printing the binding.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="How to print the binding (without -o).")
@click.option("-I", "--include", "include_dirs", multiple=True, metavar="DIR", type=click.Path(file_okay=False),
              help="Add DIR to the module search path.")
def bind(file: str, inventory: str, output: str | None, fmt: str, include_dirs: tuple[str, ...]) -> None:
    """Bind the roles of FILE to real nodes from INVENTORY.

    Every role gets its count of nodes meeting its hardware profile, each node plays at most one
    role, spread = rack|zone is honoured, and the smallest fitting nodes are preferred. When a role
    cannot be filled, says which requirement excludes the nodes; exit 1 and nothing is written.
    """
    from racompiler.api import compile_file
    from racompiler.binding.render import binding_json, binding_text
    from racompiler.diagnostics.render import render

    result = compile_file(file, include_dirs)
    if not result.ok:
        click.echo(render("human", result.diagnostics, result.sources), nl=False, err=True)
        sys.exit(EXIT_ERRORS)
    binding = bind_or_exit(result, inventory).binding
    if output is None:
        click.echo(binding_json(binding) if fmt == "json" else binding_text(binding), nl=False)
        return
    _write_atomically(Path(output), binding_json(binding))
    click.echo(f"wrote the binding of {len(binding.node_role)} node(s) to {output}", err=True)


def bind_or_exit(result, inventory: str):
    """The bound copy of a clean CompileResult's plan (its ``binding`` set); print the
    diagnostics (and the compile warnings) and exit 1 when it cannot be bound."""
    from racompiler.binding.api import bind_plan
    from racompiler.diagnostics import DiagnosticSink
    from racompiler.diagnostics.render import render

    sink = DiagnosticSink()
    sink.extend(result.diagnostics)
    bound = bind_plan(result.plan, inventory, sink, result.sources)
    text = render("human", sink.sorted(), result.sources)
    if text:
        click.echo(text, nl=False, err=True)
    if bound is None:
        sys.exit(EXIT_ERRORS)
    return bound


def _write_atomically(path: Path, text: str) -> None:
    """Write beside ``path`` and rename over it: readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    import tempfile  # here, not at the top: `check` imports this module for its command list

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
