"""The ``racompiler interop`` commands: score a Tempest run, compare two guidelines (the logic is in
the interop target's modules; this file is outside that package so importing it stays cheap).

Registered on the main group by ``racompiler.cli``. Heavy modules are imported inside the
commands so that ``racompiler --help`` stays fast.

Exit codes of ``score``: 0 the program qualifies, 1 it does not, 2 the input cannot be scored
(a diagnostic says why). ``compare``: 0, or 2 when the folder cannot be read.
"""

from __future__ import annotations

import sys

import click

EXIT_QUALIFIES, EXIT_FAILS, EXIT_UNREADABLE = 0, 1, 2
_FORMATS = click.Choice(["text", "json", "markdown"])


def _emit(sink) -> None:
    from racompiler.diagnostics.render import render

    text = render("human", sink.sorted(), {})
    if text:
        click.echo(text, nl=False, err=True)


def _guideline_id(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """A shipped guideline id, or a usage error listing them (exit 2)."""
    from racompiler.targets.interop.guidelines import available_guidelines

    known = available_guidelines()
    if value is not None and value not in known:
        raise click.BadParameter(f"'{value}' is not a shipped guideline; choose from {', '.join(known)}")
    return value


@click.group()
def interop() -> None:
    """Interop (RefStack) results: score a Tempest run, compare guidelines."""


@interop.command()
@click.argument("interop_dir", type=click.Path())
@click.argument("results", type=click.Path(allow_dash=True))
@click.option("--format", "fmt", type=_FORMATS, default="text", show_default=True)
@click.option("--program", type=click.Choice(["platform", "compute", "storage"]),
              help="Judge this program instead of the build's (the exit code follows it).")
@click.option("--with-addons", is_flag=True,
              help="Exit 0 only when the build's add-ons qualify too (by default they are reported only).")
def score(interop_dir: str, results: str, fmt: str, program: str | None, with_addons: bool) -> None:
    """Score the Tempest run RESULTS against the guideline of the build INTEROP_DIR.

    INTEROP_DIR is a build's interop/ folder (or the build output holding it). RESULTS is a
    subunit v2 stream (`stestr last --subunit` in the Tempest workspace, `tempest run --subunit`),
    or refstack-client's results JSON, or - for standard input. Tests are matched by idempotent
    id, then by name or alias. Reports per capability the tests passed, failed, skipped, not run
    and flagged, and which programs and add-ons the run qualifies for. Exit 0 when the program (with
    --with-addons, and the build's add-ons) qualifies, 1 when it does not, 2 when the folder or
    the results cannot be read.
    """
    from racompiler.diagnostics import DiagnosticSink
    from racompiler.jsonout import dump_json
    from racompiler.targets.interop.score import score_files
    from racompiler.targets.interop.score_render import render_markdown, render_text

    sink = DiagnosticSink()
    doc = score_files(interop_dir, results, sink, program, with_addons)
    _emit(sink)
    if doc is None or sink.has_errors:
        sys.exit(EXIT_UNREADABLE)
    text = dump_json(doc) if fmt == "json" else render_markdown(doc) if fmt == "markdown" else render_text(doc)
    click.echo(text, nl=False)
    sys.exit(EXIT_QUALIFIES if doc["verdict"] == "qualifies" else EXIT_FAILS)


@interop.command()
@click.argument("interop_dir", type=click.Path())
@click.option("--from", "old", callback=_guideline_id, metavar="ID",
              help="The guideline to compare from (default: the build's).")
@click.option("--to", "new", callback=_guideline_id, metavar="ID",
              help="The guideline to compare to (default: the newest shipped).")
@click.option("--format", "fmt", type=_FORMATS, default="text", show_default=True)
def compare(interop_dir: str, old: str | None, new: str | None, fmt: str) -> None:
    """Show what changes for the build INTEROP_DIR between two interop guidelines.

    For the build's program and add-ons: required capabilities added or removed (and their
    status on the other side), required tests added, removed, renamed, newly flagged or
    unflagged, and the counts before and after. Exit 0, or 2 when the folder cannot be read.
    """
    from racompiler.diagnostics import DiagnosticSink
    from racompiler.jsonout import dump_json
    from racompiler.targets.interop.compare import compare as run_compare, render_compare
    from racompiler.targets.interop.folder import load_for, read_folder
    from racompiler.targets.interop.guidelines import available_guidelines

    sink = DiagnosticSink()
    folder = read_folder(interop_dir, sink)
    if folder is None or load_for(folder, sink) is None:
        _emit(sink)
        sys.exit(EXIT_UNREADABLE)
    doc = run_compare(folder, old or folder.guideline_id, new or available_guidelines()[-1])
    click.echo(dump_json(doc) if fmt == "json" else render_compare(doc, fmt), nl=False)
    sys.exit(0)
