"""Render diagnostics for people (``human``) and for tools (``json``, ``sarif``, ``github``).

The JSON shape is versioned (``"version": 1``) and documented in docs/diagnostics.md.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Mapping, Sequence

from racompiler import __version__
from racompiler.assets import CATALOG_PREFIX
from racompiler.diagnostics import Diagnostic, Severity, Span
from racompiler.diagnostics.color import PLAIN, Palette
from racompiler.diagnostics.codes import CODES
from racompiler.jsonout import dump_json

JSON_FORMAT_VERSION = 1
FORMATS = ("human", "json", "sarif", "github")


# Characters a terminal acts on rather than shows: every control character (C0, DEL, C1: escape
# sequences, carriage returns, newlines that could start a forged diagnostic line), the line and
# paragraph separators, and the bidirectional overrides that reorder what is shown.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\x1b": "\\e"}


def _escape_char(m: re.Match) -> str:
    c = m.group()
    return _NAMED.get(c) or (f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}")


def escape_terminal(text: str) -> str:
    """``text`` safe to print on a terminal: control characters shown as escapes (``\\e``, ``\\r``,
    ``\\n``, ``\\x07``, ``\\u202e``), every other character (accents, CJK, emoji) as it is."""
    return _UNSAFE.sub(_escape_char, text) if _UNSAFE.search(text) else text


def _span_text(span: Span) -> str:
    return str(span).replace(span.file, escape_terminal(span.file), 1) if _UNSAFE.search(span.file) else str(span)


def _excerpt(span: Span, sources: Mapping[str, str], pal: Palette = PLAIN, severity: str = "error") -> list[str]:
    text = sources.get(span.file)
    if text is None:
        return []
    lines = text.splitlines()
    if not (1 <= span.line <= len(lines)):
        return []
    line = lines[span.line - 1].expandtabs(1)
    cut = len(line) > 200  # don't echo megabyte lines of junk back at the user
    if cut:
        line = line[:200]
    shown = line + ("..." if cut else "")
    width = len(str(span.line))
    end = span.end_column if span.end_line == span.line else len(shown) + 1
    carets = max(1, min(end, len(shown) + 1) - span.column)
    # An escape is wider than the character it shows: widen what lies before and under the carets.
    pad = span.column - 1 + _extra(line[: span.column - 1])
    carets += _extra(line[span.column - 1: span.column - 1 + carets])
    gutter = " " * width
    return [
        f"{gutter} |",
        f"{span.line} | {escape_terminal(shown)}",
        f"{gutter} | {' ' * pad}{pal.severity(severity, '^' * carets)}",
    ]


def _extra(text: str) -> int:
    """How many more columns ``text`` takes once escaped."""
    return len(escape_terminal(text)) - len(text)


def _message(d: Diagnostic) -> str:
    """The message as the human format shows it: the [target] tag already names the target, so a
    message that starts with the same name drops it there, whether the name labels the message
    ("crowbar (suse): network ...") or is its subject ("ansible (kolla) cannot deploy ..." reads
    "[ansible (kolla)]: cannot deploy ..."). The machine formats keep the whole message."""
    if d.target:
        for lead in (d.target + ": ", d.target + " "):
            if d.message.startswith(lead) and len(d.message) > len(lead):
                return d.message[len(lead):]
    return d.message


def render_human(diags: Sequence[Diagnostic], sources: Mapping[str, str], *, color: bool = False) -> str:
    """rustc-style text: location, severity, code, [target], message, caret excerpt, notes, hint.

    Every text that may come from the user's files (paths, messages quoting values, the excerpt)
    goes through :func:`escape_terminal`: one diagnostic is exactly its own lines. With ``color``
    the severity is red or yellow and the location and code bold (see :mod:`.color`).
    """
    pal = Palette(color)
    out: list[str] = []
    esc = escape_terminal
    for d in diags:
        sev = d.severity.value
        tag = f" [{esc(d.target)}]" if d.target else ""
        out.append(f"{pal.bold(_span_text(d.span) + ':')} {pal.severity(sev, sev)}"
                   f"{pal.bold(f'[{d.code}]' + tag)}: {esc(_message(d))}")
        out.extend(_excerpt(d.span, sources, pal, sev))
        for rel in d.related:
            out.append(f"   = note: {esc(rel.message)} ({_span_text(rel.span)})")
        if d.hint:
            out.append(f"   = hint: {esc(d.hint)}")
    errors = sum(1 for d in diags if d.severity is Severity.ERROR)
    warnings = sum(1 for d in diags if d.severity is Severity.WARNING)
    if diags:
        out.append(f"{pal.severity('error', f'{errors} error(s)') if errors else '0 error(s)'}, "
                   f"{pal.severity('warning', f'{warnings} warning(s)') if warnings else '0 warning(s)'}")
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
        "target": d.target,
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


CATALOG_BASE = "RACOMPILER_CATALOG"
_IN_CATALOG = CATALOG_PREFIX + "/"


def sarif_artifact(path: str) -> dict:
    """A SARIF ``artifactLocation``: a valid URI reference for any file name.

    Relative paths are percent-encoded (spaces, ``#``, ``%``...) and stay relative to the folder
    the command ran in (GitHub resolves them against the checkout); absolute ones become
    ``file://`` URIs; the built-in catalog (``<catalog>/openstack.ra``) is relative to the
    ``RACOMPILER_CATALOG`` base that the run describes.
    """
    from pathlib import PurePosixPath
    from urllib.parse import quote

    if path.startswith(_IN_CATALOG):
        return {"uri": quote(path.removeprefix(_IN_CATALOG), safe="/"), "uriBaseId": CATALOG_BASE}
    if PurePosixPath(path).is_absolute():
        return {"uri": "file://" + quote(path, safe="/")}
    return {"uri": quote(path, safe="/")}


def _sarif_location(span: Span, message: str | None = None) -> dict:
    loc: dict = {
        "physicalLocation": {
            "artifactLocation": sarif_artifact(span.file),
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
        result: dict = {
            "ruleId": d.code,
            "ruleIndex": used.index(d.code),
            "level": _SARIF_LEVEL[d.severity],
            "message": {"text": text},
            "locations": [_sarif_location(d.span)],
        }
        if d.target:
            result["properties"] = {"target": d.target}
        if d.related:
            result["relatedLocations"] = [
                dict(_sarif_location(r.span, r.message), id=i) for i, r in enumerate(d.related)
            ]
        results.append(result)
    doc: dict[str, Any] = {
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
    if any(s.file.startswith(_IN_CATALOG) for d in diags for s in (d.span, *(r.span for r in d.related))):
        doc["runs"][0]["originalUriBaseIds"] = {CATALOG_BASE: {
            "description": {"text": "the component catalog shipped with racompiler (racompiler/_data/"
                                    "architectures/catalog/ in the installed package)"}}}
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
                f"title={_gh_escape(d.code + (f' [{d.target}]' if d.target else ''), True)}",
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


def render(fmt: str, diags: Sequence[Diagnostic], sources: Mapping[str, str], *, color: bool = False) -> str:
    """Render ``diags`` in one of :data:`FORMATS`; ``color`` applies to ``human`` only."""
    if fmt == "human":
        return render_human(diags, sources, color=color)
    return RENDERERS[fmt](diags, sources)
