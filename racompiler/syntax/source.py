"""Reading RA source files safely: size limit, UTF-8, binary junk, nesting depth."""

from __future__ import annotations

import re

from racompiler.diagnostics import DiagnosticSink, Span, codes
from racompiler.readfile import FileTooLarge, NotRegularFile, read_regular
from racompiler.records import record

MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_NESTING = 64

_STRIP = re.compile(r'"""(?:.|\n)*?"""|"(?:[^"\\\n]|\\.)*"|#[^\n]*|//[^\n]*')
_BRACKETS = re.compile(r"[\[\]{}()]")
_OPEN = {"[": "]", "{": "}", "(": ")"}
_SURROGATE = re.compile("[\ud800-\udfff]")


@record
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
        sink.report(codes.RA104, f"'{display}' is {exc.kind}, not an RA file", where)
        return None
    except FileNotFoundError:
        sink.report(codes.RA104, f"file '{display}' does not exist", where)
        return None
    except FileTooLarge:
        _too_large(display, sink)
        return None
    except OSError as exc:
        sink.report(codes.RA104, f"cannot read '{display}': {exc.strerror or exc}", where)
        return None
    return decode_source(data, display, sink)


def _too_large(display: str, sink: DiagnosticSink) -> None:
    sink.report(codes.RA105, f"'{display}' is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB",
                Span.point(display), hint="split the architecture into modules and import them")


def decode_source(data: bytes, display: str, sink: DiagnosticSink) -> Source | None:
    """RA text from bytes (a file's, or a buffer the API was given): the same limits and
    reports as a file (RA105 too large, RA104 binary or not UTF-8, RA108 empty)."""
    where = Span.point(display)
    if len(data) > MAX_FILE_BYTES:
        _too_large(display, sink)
        return None
    if b"\x00" in data:
        sink.report(codes.RA104, f"'{display}' looks binary (it contains NUL bytes)", where)
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        sink.report(
            codes.RA104,
            f"'{display}' is not valid UTF-8 (byte 0x{data[exc.start]:02x})",
            Span.point(display, line, col),
            hint="save the file as UTF-8",
        )
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        sink.report(codes.RA108, f"'{display}' is empty", where)
    return Source(display, text)


def text_source(text: str, display: str, sink: DiagnosticSink) -> Source | None:
    """An editor's unsaved buffer as a :class:`Source`, vetted as :func:`read_source` vets a file.

    The text arrives already decoded, so the checks are on characters: the size limit (counted
    in UTF-8 bytes), NUL characters, and lone surrogates, which is how bytes that were not UTF-8
    arrive from a client that decoded them leniently (``\\udcff`` stands for the byte 0xff).
    """
    where = Span.point(display)
    # A character is at most 4 bytes in UTF-8: encode (a copy) only when the limit is reachable.
    size = len(text.encode("utf-8", "surrogatepass")) if len(text) * 4 > MAX_FILE_BYTES else len(text)
    if size > MAX_FILE_BYTES:
        sink.report(codes.RA105, f"'{display}' is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB", where,
                    hint="split the architecture into modules and import them")
        return None
    if "\x00" in text:
        sink.report(codes.RA104, f"'{display}' looks binary (it contains NUL bytes)", where)
        return None
    bad = _SURROGATE.search(text)
    if bad is not None:
        start = bad.start()
        line = text.count("\n", 0, start) + 1
        col = start - (text.rfind("\n", 0, start) + 1) + 1
        char = ord(bad.group())
        what = f"byte 0x{char - 0xDC00:02x}" if 0xDC80 <= char <= 0xDCFF else f"lone surrogate U+{char:04X}"
        sink.report(codes.RA104, f"'{display}' is not valid UTF-8 ({what})", Span.point(display, line, col),
                    hint="save the file as UTF-8")
        return None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        sink.report(codes.RA108, f"'{display}' is empty", where)
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
                    codes.RA106,
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


@record
class Comment:
    """A ``#`` or ``//`` comment: 1-based line and column of its first character, its text (the
    marker included) and whether code precedes it on its line (a trailing comment)."""

    line: int
    column: int
    text: str
    trailing: bool


def scan_comments(text: str) -> tuple[list[Comment], set[int]]:
    """Every comment of ``text`` (never a ``#`` inside a string) and the lines holding code.

    A line holds code when anything but whitespace and comments is on it; a line inside a
    multi-line string counts as code. Uses the same tokenisation as
    :func:`blank_strings_and_comments`, so both agree on what is a comment.
    """
    comments: list[tuple[int, int, str]] = []
    code = list(text)
    for m in _STRIP.finditer(text):
        if m.group()[0] in "#/":
            comments.append((m.start(), m.end(), m.group()))
            code[m.start():m.end()] = " " * (m.end() - m.start())
    code_text = "".join(code)
    code_lines = {i for i, line in enumerate(code_text.split("\n"), start=1) if line.strip()}
    out = []
    line, pos = 1, 0
    for start, _end, body in comments:  # in order: count lines incrementally (big files stay linear)
        line += text.count("\n", pos, start)
        pos = start
        line_start = text.rfind("\n", 0, start) + 1
        out.append(Comment(line, start - line_start + 1, body, bool(code_text[line_start:start].strip())))
    return out, code_lines
