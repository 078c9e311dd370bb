"""Render diagnostics for people (``human``) and for tools (``json``, ``sarif``, ``github``).

The JSON shape is versioned (``"version": 1``) and documented in docs/diagnostics.md.
"""

from __future__ import annotations

from typing import Callable, Mapping, Sequence

from racompiler import __version__
from racompiler.diagnostics import Diagnostic, Severity, Span
from racompiler.diagnostics.codes import CODES
from racompiler.jsonout import dump_json

JSON_FORMAT_VERSION = 1
FORMATS = ("human", "json", "sarif", "github")


def _excerpt(span: Span, sources: Mapping[str, str]) -> list[str]:
    text = sources.get(span.file)
    if text is None:
        return []
    lines = text.splitlines()
    if not (1 <= span.line <= len(lines)):
        return []
    line = lines[span.line - 1].expandtabs(1)
    if len(line) > 200:  # don't echo megabyte lines of junk back at the user
        line = line[:200] + "..."
    width = len(str(span.line))
    end = span.end_column if span.end_line == span.line else len(line) + 1
    carets = max(1, min(end, len(line) + 1) - span.column)
    gutter = " " * width
    return [
        f"{gutter} |",
        f"{span.line} | {line}",
        f"{gutter} | {' ' * (span.column - 1)}{'^' * carets}",
    ]


def render_human(diags: Sequence[Diagnostic], sources: Mapping[str, str]) -> str:
    """rustc-style text: location, severity, code, message, caret excerpt, notes and hint."""
    out: list[str] = []
    for d in diags:
        out.append(f"{d.span}: {d.severity.value}[{d.code}]: {d.message}")
        out.extend(_excerpt(d.span, sources))
        for rel in d.related:
            out.append(f"   = note: {rel.message} ({rel.span})")
        if d.hint:
            out.append(f"   = hint: {d.hint}")
    errors = sum(1 for d in diags if d.severity is Severity.ERROR)
    warnings = sum(1 for d in diags if d.severity is Severity.WARNING)
    if diags:
        out.append(f"{errors} error(s), {warnings} warning(s)")
    return "\n".join(out) + ("\n" if out else "")


def _span_json(span: Span) -> dict:
    return {
        "file": span.file,
        "line": span.line,
        "column": span.column,
        "end_line": span.end_line,
        "end_column": span.end_column,
    }


def diagnostic_to_json(d: Diagnostic) -> dict:
    """The documented JSON object for one diagnostic."""
    return {
        "code": d.code,
        "severity": d.severity.value,
        "message": d.message,
        "span": _span_json(d.span),
        "hint": d.hint,
        "related": [{"message": r.message, "span": _span_json(r.span)} for r in d.related],
    }


def render_json(diags: Sequence[Diagnostic], sources: Mapping[str, str]) -> str:
    doc = {
        "version": JSON_FORMAT_VERSION,
        "tool": {"name": "racompiler", "version": __version__},
        "summary": {
            "errors": sum(1 for d in diags if d.severity is Severity.ERROR),
            "warnings": sum(1 for d in diags if d.severity is Severity.WARNING),
        },
        "diagnostics": [diagnostic_to_json(d) for d in diags],
    }
    return dump_json(doc)


_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "note"}


def _sarif_location(span: Span, message: str | None = None) -> dict:
    loc: dict = {
        "physicalLocation": {
            "artifactLocation": {"uri": span.file},
            "region": {
                "startLine": span.line,
                "startColumn": span.column,
                "endLine": span.end_line,
                "endColumn": max(span.end_column, span.column + 1)
                if span.end_line == span.line
                else span.end_column,
            },
        }
    }
    if message:
        loc["message"] = {"text": message}
    return loc


def render_sarif(diags: Sequence[Diagnostic], sources: Mapping[str, str]) -> str:
    """SARIF 2.1.0, as GitHub code scanning and most CI dashboards read it."""
    used = sorted({d.code for d in diags})
    rules = [
        {
            "id": code,
            "name": code,
            "shortDescription": {"text": CODES[code].title},
            "help": {"text": f"{CODES[code].title}; see docs/diagnostics.md#{code.lower()} in racompiler"},
            "defaultConfiguration": {"level": CODES[code].severity},
        }
        for code in used
    ]
    results = []
    for d in diags:
        text = d.message + (f" (hint: {d.hint})" if d.hint else "")
        result = {
            "ruleId": d.code,
            "ruleIndex": used.index(d.code),
            "level": _SARIF_LEVEL[d.severity],
            "message": {"text": text},
            "locations": [_sarif_location(d.span)],
        }
        if d.related:
            result["relatedLocations"] = [
                dict(_sarif_location(r.span, r.message), id=i) for i, r in enumerate(d.related)
            ]
        results.append(result)
    doc = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "racompiler",
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "results": results,
            }
        ],
    }
    return dump_json(doc)


def _gh_escape(text: str, prop: bool = False) -> str:
    # GitHub workflow-command escaping (the toolkit's escapeData / escapeProperty).
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def render_github(diags: Sequence[Diagnostic], sources: Mapping[str, str]) -> str:
    """GitHub Actions workflow commands (``::error file=...``), one per diagnostic."""
    out = []
    for d in diags:
        kind = {"error": "error", "warning": "warning"}.get(d.severity.value, "notice")
        props = ",".join(
            [
                f"file={_gh_escape(d.span.file, True)}",
                f"line={d.span.line}",
                f"col={d.span.column}",
                f"endLine={d.span.end_line}",
                f"endColumn={d.span.end_column}",
                f"title={_gh_escape(d.code, True)}",
            ]
        )
        msg = d.message + (f" (hint: {d.hint})" if d.hint else "")
        out.append(f"::{kind} {props}::{_gh_escape(msg)}")
    return "\n".join(out) + ("\n" if out else "")


RENDERERS: dict[str, Callable[[Sequence[Diagnostic], Mapping[str, str]], str]] = {
    "human": render_human,
    "json": render_json,
    "sarif": render_sarif,
    "github": render_github,
}


def render(fmt: str, diags: Sequence[Diagnostic], sources: Mapping[str, str]) -> str:
    """Render ``diags`` in one of :data:`FORMATS`."""
    return RENDERERS[fmt](diags, sources)
