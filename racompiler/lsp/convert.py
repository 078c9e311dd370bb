"""Between the compiler and the protocol: file names and URIs, positions, diagnostics.

The compiler names files as its diagnostics show them (relative to the working directory, or
``<catalog>/openstack.ra`` for the built-in catalog) and counts columns in characters from 1; LSP
names files by URI and counts from 0 in the code units the client and server agreed on (UTF-16
unless the client offers another). Everything that crosses goes through here.

Diagnostics in other files: a problem inside an imported module (or the base an overlay extends,
or the catalog) is published on the document that is open, at the ``import`` (or ``extends``)
line through which that file is read, its message prefixed with the file and line where it is,
and a related location pointing there. Publishing it under the other file's URI instead would
leave it behind once the open document stops importing that file, and two open documents that
import the same module would overwrite each other's diagnostics for it.
"""

from __future__ import annotations

import os
from collections import deque
from pathlib import Path
from typing import Mapping, Sequence
from urllib.parse import unquote, urlparse

from lsprotocol import types as lsp

from racompiler.assets import CATALOG_PREFIX, catalog_dir
from racompiler.diagnostics import Diagnostic, Severity, Span

SOURCE = "racompiler"
_SEVERITY = {Severity.ERROR: lsp.DiagnosticSeverity.Error, Severity.WARNING: lsp.DiagnosticSeverity.Warning,
             Severity.NOTE: lsp.DiagnosticSeverity.Information}


def uri_to_path(uri: str) -> str | None:
    """The local path of a ``file:`` URI; None for any other scheme (``untitled:``...)."""
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        return None
    path = unquote(parsed.path)
    if os.name == "nt" and path.startswith("/") and len(path) > 2 and path[2] == ":":  # /C:/x
        path = path[1:]
    return os.path.normpath(path)


def path_to_uri(path: str) -> str:
    """A ``file:`` URI for a local path (made absolute)."""
    return Path(os.path.abspath(path)).as_uri()


def display_to_path(display: str) -> str:
    """The file a diagnostic's name stands for: the catalog's folder for ``<catalog>/...``, else
    the name itself, relative to the working directory (the server never changes it)."""
    if display.startswith(CATALOG_PREFIX + "/"):
        return str(catalog_dir() / display[len(CATALOG_PREFIX) + 1:])
    return os.path.abspath(display)


# --- positions -------------------------------------------------------------------------------


def units(text: str, encoding: str) -> int:
    """How many code units of ``encoding`` (``utf-8``, ``utf-16`` or ``utf-32``) ``text`` takes."""
    if encoding == lsp.PositionEncodingKind.Utf32:
        return len(text)
    if encoding == lsp.PositionEncodingKind.Utf8:
        return len(text.encode("utf-8", "surrogatepass"))
    if text.isascii():
        return len(text)
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def to_client(lines: Sequence[str], line: int, column: int, encoding: str) -> lsp.Position:
    """The LSP position of a 0-based ``line`` and character ``column`` of ``lines``."""
    text = lines[line] if 0 <= line < len(lines) else ""
    return lsp.Position(max(line, 0), units(text[:max(column, 0)], encoding))  # clamped to the line's end


def from_client(lines: Sequence[str], pos: lsp.Position, encoding: str) -> tuple[int, int]:
    """The 0-based line and character column of an LSP position (clamped to the line's end)."""
    if not 0 <= pos.line < len(lines):
        return pos.line, pos.character
    text = lines[pos.line]
    if encoding == lsp.PositionEncodingKind.Utf32 or text.isascii():
        return pos.line, min(pos.character, len(text))
    seen = 0
    for i, ch in enumerate(text):
        if seen >= pos.character:
            return pos.line, i
        seen += units(ch, encoding)
    return pos.line, len(text)


def span_range(span: Span, lines: Sequence[str], encoding: str) -> lsp.Range:
    """An LSP range for a compiler span (1-based; the end column is exclusive, as LSP's is)."""
    start = to_client(lines, span.line - 1, span.column - 1, encoding)
    end = to_client(lines, span.end_line - 1, span.end_column - 1, encoding)
    if (end.line, end.character) < (start.line, start.character):
        end = start
    return lsp.Range(start, end)


def document_end(text: str, encoding: str) -> lsp.Position:
    """The position just past the last character of ``text``."""
    last = text.rsplit("\n", 1)[-1]
    return lsp.Position(text.count("\n"), units(last, encoding))


# --- diagnostics -----------------------------------------------------------------------------


def import_origins(root: str, links: Mapping[Span, str]) -> dict[str, Span]:
    """For every file read through the root file ``root``'s imports and extends (directly or
    through other modules), the span in ``root`` of the import or extends it is reached through
    first (breadth first, in the order the root names them)."""
    by_file: dict[str, list[tuple[Span, str]]] = {}
    for span, target in links.items():
        by_file.setdefault(span.file, []).append((span, target))
    origins: dict[str, Span] = {}
    queue: deque[tuple[str, Span]] = deque(
        (target, span) for span, target in sorted(by_file.get(root, ()), key=lambda st: st[0]))
    while queue:
        file, via = queue.popleft()
        if file in origins or file == root:
            continue
        origins[file] = via
        queue.extend((target, via) for _span, target in sorted(by_file.get(file, ()), key=lambda st: st[0]))
    return origins


class DiagnosticPlacer:
    """Turns the compiler's diagnostics for one open document into LSP diagnostics.

    ``root`` is the name the compiler gave the document, ``uri`` its URI and ``lines`` its text;
    ``sources`` holds the other files' texts (for positions in them) and ``links`` which file each
    import found (to place problems found in other files, see the module docstring).
    """

    def __init__(self, root: str, uri: str, lines: Sequence[str], sources: Mapping[str, str],
                 links: Mapping[Span, str], encoding: str) -> None:
        self.root, self.uri, self.lines, self.encoding = root, uri, lines, encoding
        self.sources = sources
        self.origins = import_origins(root, links)
        self._lines_of: dict[str, list[str]] = {}

    def location(self, span: Span) -> lsp.Location:
        """Where ``span`` is, in the document or in the file it names."""
        if span.file == self.root:
            return lsp.Location(self.uri, span_range(span, self.lines, self.encoding))
        lines = self._lines_of.get(span.file)
        if lines is None:
            lines = self._lines_of[span.file] = self.sources.get(span.file, "").split("\n")
        return lsp.Location(path_to_uri(display_to_path(span.file)), span_range(span, lines, self.encoding))

    def convert(self, d: Diagnostic) -> lsp.Diagnostic:
        """One diagnostic, placed in the document (see the module docstring)."""
        related = [lsp.DiagnosticRelatedInformation(self.location(r.span), r.message) for r in d.related]
        message = d.message
        if d.span.file == self.root:
            where = span_range(d.span, self.lines, self.encoding)
        else:
            via = self.origins.get(d.span.file)
            # No import leads there (a configuration file, say): the first character of the document.
            where = (span_range(via, self.lines, self.encoding) if via is not None
                     else lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0)))
            message = f"{d.span}: {message}"
            related.insert(0, lsp.DiagnosticRelatedInformation(self.location(d.span), "the problem is here"))
        if d.hint:
            message += f"\nhint: {d.hint}"
        data = {"hint": d.hint, "target": d.target, "file": d.span.file, "line": d.span.line,
                "column": d.span.column}
        return lsp.Diagnostic(where, message, severity=_SEVERITY[d.severity], code=d.code, source=SOURCE,
                              related_information=related or None, data=data)


__all__ = ["DiagnosticPlacer", "display_to_path", "document_end", "from_client", "import_origins", "path_to_uri",
           "span_range", "to_client", "units", "uri_to_path"]
