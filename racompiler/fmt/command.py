"""What ``racompiler fmt`` does, apart from parsing its options (which ``racompiler.cli`` does).

Exit status: 0 when every file is (now) formatted; 1 with ``--check`` or ``--diff`` when some file
would change; 2 when a file could not be formatted (syntax errors, unreadable, not writable) or
on a usage error. Standard output carries only content (the formatted text of ``-``, diffs);
what happened to each file goes to standard error.
"""

from __future__ import annotations

import sys
from typing import Callable, Sequence

import click

from racompiler.diagnostics import Severity, codes
from racompiler.fmt import FormatResult, format_source
from racompiler.fmt.files import format_file, unified_diff, write_atomically
from racompiler.syntax.source import MAX_FILE_BYTES

EXIT_OK, EXIT_CHANGES, EXIT_FAILED = 0, 1, 2
STDIN = "-"


def run_fmt(args: Sequence[str], *, check: bool, diff: bool,
            expand: Callable[[Sequence[str]], list[str]]) -> int:
    """Format FILES (``expand`` turns folders and globs into RA files, as ``check`` does) or
    standard input (``-``); returns the exit status."""
    if STDIN in args:
        if len(args) > 1:
            click.echo("error: '-' (standard input) cannot be combined with other files", err=True)
            return EXIT_FAILED
        return _run_stdin(check=check, diff=diff)
    paths = expand(args)
    changed: list[str] = []
    failed = 0
    for path in paths:
        result = format_file(path)
        if not result.ok:
            _report(result)
            failed += 1
            continue
        if not result.changed:
            continue
        changed.append(path)
        if diff:
            click.echo(unified_diff(result), nl=False)
        if check or diff:
            click.echo(f"would reformat {path}", err=True)
            continue
        try:
            write_atomically(path, result.text or "")
        except OSError as exc:
            click.echo(f"error: cannot write {path}: {exc.strerror or exc}; it was left unchanged", err=True)
            failed += 1
            changed.pop()
            continue
        click.echo(f"reformatted {path}", err=True)
    click.echo(_summary(len(paths), len(changed), failed, dry=check or diff), err=True)
    if failed:
        return EXIT_FAILED
    return EXIT_CHANGES if changed and (check or diff) else EXIT_OK


def _run_stdin(*, check: bool, diff: bool) -> int:
    data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        click.echo(f"error: standard input is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB", err=True)
        return EXIT_FAILED
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        click.echo(f"error: standard input is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset "
                   f"{exc.start})", err=True)
        return EXIT_FAILED
    result = format_source(text.removeprefix("\ufeff"), "<stdin>")
    result.original = text
    if not result.ok:
        _report(result)
        return EXIT_FAILED
    if diff:
        click.echo(unified_diff(result), nl=False)
    if check or diff:
        if result.changed:
            click.echo("would reformat <stdin>", err=True)
            return EXIT_CHANGES
        return EXIT_OK
    click.echo(result.text, nl=False)
    return EXIT_OK


def _report(result: FormatResult) -> None:
    """Print why ``result`` could not be formatted, as ``check`` prints diagnostics."""
    from racompiler.diagnostics.render import render

    errors = [d for d in result.diagnostics if d.severity is Severity.ERROR]
    text = render("human", errors, {result.path: result.original.removeprefix("\ufeff")})
    click.echo(text, nl=False, err=True)
    unread = any(d.code in (codes.RA104, codes.RA105) for d in errors)
    click.echo(f"{result.path}: not formatted" + ("" if unread else "; fix the errors above (the file was left unchanged)"),
               err=True)


def _summary(total: int, changed: int, failed: int, *, dry: bool) -> str:
    def files(n: int) -> str:
        return f"{n} file{'s' if n != 1 else ''}"

    unchanged = total - changed - failed
    parts = [f"{files(changed)} {'would be reformatted' if dry else 'reformatted'}",
             f"{files(unchanged)} {'already formatted' if dry else 'left unchanged'}"]
    if failed:
        parts.append(f"{files(failed)} could not be formatted")
    return ", ".join(parts)
