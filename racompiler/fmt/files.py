"""Formatting files: read one, compare it with its canonical layout, show the diff, rewrite it.

A file is rewritten only when its layout changes, through a temporary file in the same folder
renamed over it (so a reader sees the old or the new text, never half of one), keeping its mode.
A symbolic link is followed: the file it points to is rewritten and the link stays a link.
"""

from __future__ import annotations

import difflib
import os
import stat
import tempfile

from racompiler.diagnostics import DiagnosticSink
from racompiler.fmt import FormatResult, format_source
from racompiler.syntax.source import read_source


def format_file(path: str) -> FormatResult:
    """Read and format ``path``. ``text`` is None when it cannot be read or has syntax errors
    (the diagnostics say why); ``original`` is the file's text exactly as stored."""
    sink = DiagnosticSink()
    source = read_source(path, path, sink)
    if source is None or sink.has_errors:
        return FormatResult(path, "", None, sink.sorted())
    # read_source drops a byte-order mark; compare with the bytes as stored so that a mark (which
    # the canonical layout does not have) counts as a change.
    with open(path, "rb") as fh:
        original = fh.read().decode("utf-8")
    result = format_source(source.text, path)
    result.original = original
    result.diagnostics = sorted([*sink.items, *result.diagnostics], key=lambda d: d.sort_key())
    return result


def unified_diff(result: FormatResult) -> str:
    """A unified diff from the file as stored to its formatted text ('' when unchanged)."""
    if not result.changed or result.text is None:
        return ""
    return "".join(difflib.unified_diff(
        _lines(result.original), _lines(result.text),
        fromfile=f"{result.path}", tofile=f"{result.path} (formatted)"))


def _lines(text: str) -> list[str]:
    # A last line without a newline still diffs as a whole line, marked like diff(1) marks it.
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n\\ No newline at end of file\n"
    return lines


def write_atomically(path: str, text: str) -> None:
    """Replace the contents of ``path`` with ``text`` (UTF-8) in one rename, keeping its mode.

    Raises OSError when the folder cannot take the temporary file or the rename fails; the file
    is unchanged then and no temporary file is left behind.
    """
    real = os.path.realpath(path)
    mode = stat.S_IMODE(os.stat(real).st_mode)
    folder, name = os.path.split(real)
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".fmt-tmp", dir=folder or ".")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(text.encode("utf-8"))
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, real)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
