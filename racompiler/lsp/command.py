"""The ``racompiler lsp`` command (kept here so that :mod:`racompiler.cli` stays small).

Importing this module is cheap: pygls is imported only when the command runs, so ``check`` and
``--help`` never load it.
"""

from __future__ import annotations

import sys

import click

EXIT_USAGE = 2


@click.command()
@click.option("--stdio", is_flag=True, help="Talk over standard input/output (the default and only transport; "
                                            "accepted because language clients pass it).")
def lsp(stdio: bool) -> None:
    """Run the language server for editors on standard input/output (see docs/editors.md).

    Diagnostics as `check` reports them, from the unsaved text, on open and on each change; hover,
    go to definition, completion and formatting. Needs the `lsp` extra: pip install 'racompiler[lsp]'.
    """
    try:  # pygls is an optional extra
        from racompiler.lsp.server import serve
    except ImportError as exc:
        click.echo(f"error: the language server needs pygls and lsprotocol ({exc}); "
                   "install them with: pip install 'racompiler[lsp]'", err=True)
        sys.exit(EXIT_USAGE)
    serve()
