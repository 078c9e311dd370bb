"""Inline suppression comments: ``# racompiler: ignore[RA603, RA604] reason``.

The grammar drops comments, so the directives are found by scanning the source text with the
tokenisation the parser's pre-checks use (:func:`racompiler.syntax.source.scan_comments`): a
``#`` inside a string is never a directive.

Where a directive applies:

- written after code on a line, to that line;
- alone on its line, to the next line that holds code (so several directives can be stacked
  above one line, and blank lines or other comments in between do not matter).

A diagnostic is suppressed when its primary span starts on that line and its code is listed.
Only warnings can be suppressed: an error means the build cannot be right, so naming an error
code is itself reported (RA124), as is a directive that does not parse or names an unknown code.
A code that suppressed nothing in a complete run is reported at the comment (RA123); target
codes (RA6xx) are judged only in runs that ran targets (``check --target``, ``build``).
"""

from __future__ import annotations

import re
from typing import Mapping, Sequence

from racompiler.diagnostics import Diagnostic, DiagnosticSink, Span, codes
from racompiler.diagnostics.codes import CODES
from racompiler.records import record

_DIRECTIVE = re.compile(r"(?:#|//)\s*racompiler\s*:\s*")
_IGNORE = re.compile(r"ignore\[(?P<codes>[^\]]*)\]")
_CODE = re.compile(r"RA\d{3}")
_EXAMPLE = "write it as '# racompiler: ignore[RA603] why it is fine', listing one or more warning codes"


@record
class Suppression:
    """One code of one directive: where the code is written and the line it applies to."""

    code: str
    span: Span  # the code inside the comment, for RA123
    line: int | None  # the line it applies to (None: no code follows the comment)


def is_candidate(path: str, text: str) -> bool:
    """Whether ``path`` may hold directives: a user's RA file (not the built-in catalog, not a
    mapping) whose text mentions the marker at all (the fast path for every other file)."""
    return path.endswith(".ra") and not path.startswith("<") and "racompiler" in text


def parse_suppressions(path: str, text: str, sink: DiagnosticSink) -> list[Suppression]:
    """Every suppression of ``text`` (displayed as ``path``); malformed directives are RA124."""
    from racompiler.syntax.source import scan_comments

    comments, code_lines = scan_comments(text)
    last = max(code_lines, default=0)
    out: list[Suppression] = []
    for c in comments:
        head = _DIRECTIVE.match(c.text)
        if head is None:
            continue
        where = Span(path, c.line, c.column, c.line, c.column + len(c.text))
        m = _IGNORE.match(c.text, head.end())
        if m is None:
            sink.report(codes.RA124, "this racompiler comment is not a suppression directive", where, hint=_EXAMPLE)
            continue
        target = c.line if c.trailing else next((n for n in range(c.line + 1, last + 1) if n in code_lines), None)
        items = [(i.group(), i.start()) for i in re.finditer(r"[^,\s]+", m.group("codes"))]
        if not items:
            sink.report(codes.RA124, "the suppression lists no code", where, hint=_EXAMPLE)
        for code, offset in items:
            col = c.column + m.start("codes") + offset
            span = Span(path, c.line, col, c.line, col + len(code))
            info = CODES.get(code)
            if not _CODE.fullmatch(code) or info is None:
                sink.report(codes.RA124, f"'{code}' is not a racompiler diagnostic code", span,
                            hint="codes look like RA603; docs/diagnostics.md lists them")
            elif info.severity == "error":
                sink.report(codes.RA124, f"{code} ({info.title}) is an error and cannot be suppressed", span,
                            hint="errors mean the input or the output would be wrong: fix the cause")
            else:
                out.append(Suppression(code, span, target))
    return out


def apply_suppressions(diags: Sequence[Diagnostic], sources: Mapping[str, str], *, judge_unused: bool,
                       targets_ran: bool) -> list[Diagnostic]:
    """``diags`` without the suppressed ones, plus RA124 for malformed directives and (when
    ``judge_unused``: the run was complete, so every warning it could raise was raised) RA123 for
    each code that suppressed nothing. RA6xx codes are judged only when ``targets_ran``."""
    sink = DiagnosticSink()
    by_line: dict[tuple[str, int], list[Suppression]] = {}
    every: list[Suppression] = []
    for path in sorted(sources):
        if is_candidate(path, sources[path]):
            for s in parse_suppressions(path, sources[path], sink):
                every.append(s)
                if s.line is not None:
                    by_line.setdefault((path, s.line), []).append(s)
    if not every and not sink.items:
        return list(diags)
    used: set[Suppression] = set()
    kept: list[Diagnostic] = []
    for d in diags:
        hits = [s for s in by_line.get((d.span.file, d.span.line), ()) if s.code == d.code]
        used.update(hits)
        if not hits:
            kept.append(d)
    if judge_unused:
        for s in every:
            if s in used or (s.code.startswith("RA6") and not targets_ran):
                continue
            where = f"line {s.line}" if s.line is not None else "the end of the file (no line follows)"
            sink.report(codes.RA123, f"{s.code} is not reported at {where}: the suppression suppresses nothing",
                        s.span, hint="remove it, or move it to the line the warning points at")
    return kept + sink.items
