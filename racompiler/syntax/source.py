"""Reading RA source files safely: size limit, UTF-8, binary junk, nesting depth."""

from __future__ import annotations

import re
from dataclasses import dataclass

from racompiler.diagnostics import DiagnosticSink, Span
from racompiler.readfile import FileTooLarge, NotRegularFile, read_regular

MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_NESTING = 64

_STRIP = re.compile(r'"""(?:.|\n)*?"""|"(?:[^"\\\n]|\\.)*"|#[^\n]*|//[^\n]*')
_BRACKETS = re.compile(r"[\[\]{}()]")
_OPEN = {"[": "]", "{": "}", "(": ")"}


@dataclass(frozen=True, slots=True)
class Source:
    path: str
    text: str


def read_source(path: str, display: str, sink: DiagnosticSink) -> Source | None:
    """Read ``path`` as UTF-8 text, reporting RA104/RA105/RA108 instead of raising."""
    where = Span.point(display)
    try:
        # A regular file only: a named pipe would block the open for ever, a device never end.
        data = read_regular(path, MAX_FILE_BYTES)
    except NotRegularFile as exc:
        sink.report("RA104", f"'{display}' is {exc.kind}, not an RA file", where)
        return None
    except FileNotFoundError:
        sink.report("RA104", f"file '{display}' does not exist", where)
        return None
    except FileTooLarge:
        sink.report(
            "RA105",
            f"'{display}' is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB",
            where,
            hint="split the architecture into modules and import them",
        )
        return None
    except OSError as exc:
        sink.report("RA104", f"cannot read '{display}': {exc.strerror or exc}", where)
        return None
    if b"\x00" in data:
        sink.report("RA104", f"'{display}' looks binary (it contains NUL bytes)", where)
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        sink.report(
            "RA104",
            f"'{display}' is not valid UTF-8 (byte 0x{data[exc.start]:02x})",
            Span.point(display, line, col),
            hint="save the file as UTF-8",
        )
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        sink.report("RA108", f"'{display}' is empty", where)
    return Source(display, text)


def check_nesting(source: Source, sink: DiagnosticSink) -> bool:
    """Report RA106 when brackets nest deeper than :data:`MAX_NESTING`; True when fine.

    Done before parsing so that the (recursive) tree builder never meets a pathological tree.
    Strings and comments are blanked first so that brackets inside them do not count.
    """
    stripped = blank_strings_and_comments(source.text)
    depth = 0
    for m in _BRACKETS.finditer(stripped):
        if m.group() in _OPEN:
            depth += 1
            if depth > MAX_NESTING:
                start = m.start()
                line = stripped.count("\n", 0, start) + 1
                col = start - (stripped.rfind("\n", 0, start) + 1) + 1
                sink.report(
                    "RA106",
                    f"nesting deeper than {MAX_NESTING} levels",
                    Span(source.path, line, col, line, col + 1),
                    hint="RA files are shallow; check for unbalanced brackets",
                )
                return False
        else:
            depth = max(0, depth - 1)
    return True


def blank_strings_and_comments(text: str) -> str:
    """``text`` with strings and comments replaced by spaces (newlines kept)."""
    return _STRIP.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)
