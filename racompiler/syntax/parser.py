"""Text to Lark tree, with error recovery and friendly syntax messages.

Recovery strategy (panic mode at line granularity): on a syntax error the offending line is
replaced by a placeholder that keeps the brace balance, and the file is parsed again; at an
unexpected end of file the missing ``}`` is supplied. Positions never shift, so every error is
reported where the user wrote it, and a file with several independent syntax errors reports each.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable

from racompiler.diagnostics import DiagnosticSink, Related, Span, codes
from racompiler.syntax.source import Source, blank_strings_and_comments

MAX_SYNTAX_ERRORS = 25

# User-facing names for the grammar's terminals: Lark's internal names never reach a user.
_TERMINAL_NAMES = {
    "NAME": "a name",
    "STRING": "a string",
    "LONG_STRING": "a string",
    "SIGNED_NUMBER": "a number",
    "SIZE": "a quantity with a unit",
    "ASSIGN_OP": "'='",
    "TRUE": "'true'",
    "FALSE": "'false'",
    "NULL": "'null'",
    "$END": "end of file",
}


@lru_cache(maxsize=1)
def _parser():
    """The LALR parser, loaded from the shipped tables when they match the grammar.

    Building the LALR tables takes ~0.2 s; loading them takes ~5 ms. The tables file starts with
    the SHA-256 of the grammar it was built from, so an edited grammar is never parsed with stale
    tables (it is rebuilt in memory; ``python -m racompiler.syntax.tables`` refreshes the file).
    """
    from racompiler.syntax.tables import load_parser

    return load_parser()


@lru_cache(maxsize=1)
def _terminal_display() -> dict[str, str]:
    from lark.lexer import PatternStr

    names = dict(_TERMINAL_NAMES)
    for term in _parser().terminals:
        if term.name not in names and isinstance(term.pattern, PatternStr):
            names[term.name] = f"'{term.pattern.value}'"
    return names


def _expected_phrase(expected: Iterable[str]) -> str:
    shown = sorted({_terminal_display().get(e, e.lower()) for e in expected})
    if not shown:
        return ""
    if len(shown) > 6:
        shown = shown[:6] + ["..."]
    return ", expected " + (shown[0] if len(shown) == 1 else "one of " + ", ".join(shown))


def _token_phrase(token) -> str:
    if token.type == "$END":
        return "end of file"
    if token.type == "NAME":
        return f"name '{token}'"
    text = str(token)
    if len(text) > 30:
        text = text[:27] + "..."
    return f"'{text}'"


def _placeholder(line: str) -> str:
    """A same-length stand-in for a broken line that keeps its brace balance."""
    code = blank_strings_and_comments(line)
    net = code.count("{") - code.count("}")
    if net > 0:
        repl = "_ {" * net
    elif net < 0:
        repl = "}" * (-net)
    else:
        repl = ""
    return repl.ljust(len(line))


def _unclosed_brackets(text: str) -> list[tuple[int, int, str]]:
    """(line, column, bracket) of every ``{``/``[``/``(`` still open at the end of ``text``."""
    code = blank_strings_and_comments(text)
    stack: list[int] = []
    for i, ch in enumerate(code):
        if ch in "{[(":
            stack.append(i)
        elif ch in "}])" and stack:
            stack.pop()
    out = []
    for pos in stack:
        line = code.count("\n", 0, pos) + 1
        out.append((line, pos - (code.rfind("\n", 0, pos) + 1) + 1, code[pos]))
    return out


_CLOSERS = {"{": "}", "[": "]", "(": ")"}


def _close_mismatched(source: Source, text: str, sink: DiagnosticSink) -> str:
    """Report (RA103) and close every bracket that a closer of another kind ends.

    The missing closer goes at the end of the opener's line when that line goes on after the
    bracket (``networks = [management``), else just before the closer that ended it (a list
    spread over several lines whose ``]`` was forgotten before the block's ``}``).
    """
    code = blank_strings_and_comments(text)
    stack: list[int] = []
    inserts: list[tuple[int, str]] = []
    for i, ch in enumerate(code):
        if ch in _CLOSERS:
            stack.append(i)
        elif ch in "}])":
            if not any(_CLOSERS[code[j]] == ch for j in stack):
                continue  # closes nothing: a stray closer, the parser reports it
            while _CLOSERS[code[stack[-1]]] != ch:
                opened = stack.pop()
                line_end = code.find("\n", opened)
                line_end = len(code) if line_end < 0 else line_end
                rest = code[opened + 1:line_end]
                at = opened + 1 + len(rest.rstrip()) if rest.strip() else i
                inserts.append((at, _CLOSERS[code[opened]]))
                line = code.count("\n", 0, opened) + 1
                col = opened - (code.rfind("\n", 0, opened) + 1) + 1
                sink.report(codes.RA103, f"'{code[opened]}' is never closed", Span(source.path, line, col, line, col + 1),
                            hint=f"close it with '{_CLOSERS[code[opened]]}'")
            stack.pop()
    for at, closer in sorted(inserts, reverse=True):
        text = text[:at] + closer + text[at:]
    return text


def parse_tree(source: Source, sink: DiagnosticSink):
    """Parse ``source`` to a Lark tree; report every syntax error found; None if any."""
    from lark.exceptions import UnexpectedInput

    text = source.text
    failed = False
    for _ in range(MAX_SYNTAX_ERRORS + 1):
        try:
            tree = _parser().parse(text)
        except UnexpectedInput as exc:
            if not failed:
                failed = True
                # A bracket closed by the wrong closer (a list missing its ']' before the block's
                # '}') would otherwise cascade into one error per following line: report the
                # unclosed bracket once, close it, and parse again.
                closed = _close_mismatched(source, text, sink)
                if closed != text:
                    text = closed
                    continue
            if len([d for d in sink.items if d.code.startswith("RA10")]) >= MAX_SYNTAX_ERRORS:
                sink.report(
                    codes.RA109,
                    f"more than {MAX_SYNTAX_ERRORS} syntax errors; stopped here",
                    Span.point(source.path, exc.line if exc.line > 0 else 1),
                )
                return None
            repaired = _report_and_repair(source, text, exc, sink)
            if repaired is None:
                return None
            text = repaired
            continue
        return None if failed else tree
    return None


def _missing_value(text: str, tok, expected: set[str]) -> tuple[int, int] | None:
    """(line, column) of the '=' a value is missing after: the parser wanted a value and the last
    thing before the offending token is that '='; or the next line's key was read as the value
    (``count =`` then ``hardware = x``: the error is at the second '=')."""
    if tok.start_pos is None:
        return None
    code = blank_strings_and_comments(text[: tok.start_pos])
    if tok.type in ("ASSIGN_OP", "EQUAL"):  # EQUAL: '=' where the lexer expected a map's '='
        line_start = code.rfind("\n") + 1
        if not code[line_start:].strip().isidentifier():
            return None
        code = code[:line_start]
    elif "SIGNED_NUMBER" not in expected:
        return None
    stripped = code.rstrip()
    if not stripped.endswith("=") or stripped.endswith(("+=", "-=")):
        return None
    pos = len(stripped) - 1
    line = code.count("\n", 0, pos) + 1
    return line, pos - (code.rfind("\n", 0, pos) + 1) + 1


def _repaired_here(source: Source, text: str, line_no: int) -> bool:
    """Whether line ``line_no`` is one an earlier repair rewrote: an error there is the repair's
    (a placeholder's ``_`` is not in the user's file), not a new mistake to report."""
    ours = text.split("\n")
    theirs = source.text.split("\n")
    return not (1 <= line_no <= len(theirs)) or line_no > len(ours) or ours[line_no - 1] != theirs[line_no - 1]


def _report_and_repair(source: Source, text: str, exc, sink: DiagnosticSink) -> str | None:
    """Report one Lark error and return the repaired text to parse again (None: give up)."""
    from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedToken

    path = source.path
    token = getattr(exc, "token", None)
    at_end = isinstance(exc, UnexpectedEOF) or (token is not None and token.type == "$END")
    if at_end:
        opened = _unclosed_brackets(text)
        line = text.count("\n") + 1
        col = max(1, len(text) - (text.rfind("\n") + 1) + 1)
        if opened:
            o_line, o_col, bracket = opened[-1]
            message = f"unexpected end of file: '{bracket}' opened at line {o_line} is never closed"
            related = tuple(
                Related(Span(path, ln, cl, ln, cl + 1), f"'{br}' opened here") for ln, cl, br in reversed(opened)
            )
        else:
            message = "unexpected end of file" + _expected_phrase(getattr(exc, "expected", ()) or ())
            related = ()
        sink.report(codes.RA103, message, Span(path, line, col, line, col + 1), related=related)
        if not opened:
            return None
        closers = {"{": "}", "[": "]", "(": ")"}
        return text + "\n" + "".join(closers[br] for _l, _c, br in reversed(opened))

    line_no = exc.line
    col = exc.column
    if isinstance(exc, UnexpectedCharacters):
        pos = exc.pos_in_stream
        ch = text[pos] if pos is not None and pos < len(text) else "?"
        shown = repr(ch)[1:-1] if not ch.isprintable() else ch
        hint = None
        message = "unexpected character " + (f'"{shown}"' if shown == "'" else f"'{shown}'")
        if ch in "'`":
            hint = 'strings are written with double quotes: "like this"'
        elif ch == '"':
            # STRING stops at the end of the line, so a lone '"' is a string never closed.
            message = "unterminated string"
            hint = 'close it with a \'"\' on the same line; text over several lines goes in """triple quotes"""'
        if not _repaired_here(source, text, line_no):
            sink.report(codes.RA102, message, Span(path, line_no, col, line_no, col + 1), hint=hint)
    else:
        assert isinstance(exc, UnexpectedToken)
        tok = exc.token
        expected = set(exc.expected or ())
        missing = _missing_value(text, tok, expected)
        if missing is not None:
            # `key =` with nothing after it before the next '}' or key: one error at the '=', and
            # that line is blanked (not the closer, which would then close nothing).
            eq_line, eq_col = missing
            if not _repaired_here(source, text, eq_line):
                sink.report(codes.RA101, "missing value after '='", Span(path, eq_line, eq_col, eq_line, eq_col + 1),
                            hint="write a value after '=', for example: count = 1")
            lines = text.split("\n")
            repaired = _placeholder(lines[eq_line - 1])
            if repaired == lines[eq_line - 1]:
                return None
            lines[eq_line - 1] = repaired
            return "\n".join(lines)
        hint = None
        if "ASSIGN_OP" in expected and tok.type != "NAME":
            hint = "attributes are written 'key = value'"
        elif tok.type == "RBRACE":
            hint = "this '}' closes nothing; check the braces above"
        end_col = (tok.end_column or col + 1) if tok.end_line == tok.line else col + 1
        if not _repaired_here(source, text, line_no):
            sink.report(
                codes.RA101,
                f"unexpected {_token_phrase(tok)}{_expected_phrase(expected)}",
                Span(path, line_no, col, line_no, max(end_col, col + 1)),
                hint=hint,
            )
    lines = text.split("\n")
    if not (1 <= line_no <= len(lines)):
        return None
    broken = lines[line_no - 1]
    if token is not None and token.type == "RBRACE":
        # A stray '}' is dropped alone; the rest of its line may be fine.
        repaired = broken[: col - 1] + " " + broken[col:]
    else:
        repaired = _placeholder(broken)
    if repaired == lines[line_no - 1]:
        return None  # no progress possible
    lines[line_no - 1] = repaired
    return "\n".join(lines)
