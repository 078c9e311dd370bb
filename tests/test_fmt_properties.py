"""Property tests of ``racompiler fmt``: whatever the layout of the input, formatting is idempotent,
keeps every comment and never changes the syntax tree or the compiled model.

Two generators: (1) the shipped examples with their layout scrambled (white space between
tokens replaced, added where punctuation allows, comments inserted anywhere); (2) random values
(nested lists, maps, calls, every literal kind) written with random spacing, line breaks,
trailing commas and comments. Hypothesis runs derandomized, so a failure reproduces.
"""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import REPO
from fmt_support import compiled_shape, reading_formatted
from racompiler.api import compile_file
from racompiler.diagnostics import DiagnosticSink
from racompiler.fmt import WIDTH, format_source, syntax_shape
from racompiler.fmt.comments import comment_texts
from racompiler.syntax.load import parse_source
from racompiler.syntax.source import Source, blank_strings_and_comments

_SETTINGS = settings(derandomize=True, deadline=None, database=None,
                     suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

EXAMPLES = sorted((REPO / "architectures").glob("*.ra"))
TEXTS = {p.name: p.read_text(encoding="utf-8") for p in EXAMPLES}


def _shape(text: str):
    sink = DiagnosticSink()
    module = parse_source(Source("t.ra", text), sink)
    assert module is not None and not sink.has_errors, (text, [d.message for d in sink.items])
    return syntax_shape(module)


def assert_formats_faithfully(text: str) -> str:
    """Format ``text``; check the guarantees; return the formatted text."""
    result = format_source(text, "t.ra")
    assert result.text is not None, [d.message for d in result.diagnostics]
    out = result.text
    assert format_source(out, "t.ra").text == out, "not idempotent"
    assert _shape(out) == _shape(text), "the syntax tree changed"
    assert comment_texts(out) == [c.rstrip() for c in comment_texts(text)], "comments lost or reordered"
    for line in blank_strings_and_comments(out).splitlines():
        if len(line) > WIDTH:  # too long only when nothing on it can be exploded
            assert not re.search(r"[\[({]\s*[^\s\])}]", line), line
    return out


# --- 1. the shipped examples, scrambled ------------------------------------------------------

_PROTECTED = re.compile(r'"""(?:.|\n)*?"""|"(?:[^"\\\n]|\\.)*"|#[^\n]*|//[^\n]*'
                        r"|-?\d+(?:\.\d+)?[ \t]?(?:[KMGTP]i?B|[MGT]bps)\b")  # a quantity: one token
_GAPS = [" ", "  ", "\n", "\t", "\n\n", "\n\n\n", " \n  ", "\n    "]


def _segments(text: str) -> list[tuple[bool, str]]:
    """``text`` cut into (protected, piece): strings, comments and quantities are protected."""
    out, pos = [], 0
    for m in _PROTECTED.finditer(text):
        out += [(False, text[pos:m.start()]), (True, m.group())]
        pos = m.end()
    return out + [(False, text[pos:])]


def scramble(text: str, rnd) -> str:
    """``text`` with every white-space run replaced, white space added around punctuation and
    comments inserted (``rnd``: a random.Random), tokens untouched."""
    counter = iter(range(10**6))

    def gap(must_break: bool) -> str:
        g = rnd.choice(_GAPS)
        if rnd.randrange(10) == 0:
            g = f" {rnd.choice(['#', '//'])} scrambled {next(counter)}\n" + rnd.choice(_GAPS)
        return g if not must_break or "\n" in g else g + "\n"

    pieces: list[str] = []
    for protected, piece in _segments(text):
        if protected:
            pieces.append(piece)
            continue
        # The run right after a comment keeps a line break (a comment runs to the end of its line).
        after_comment = bool(pieces) and pieces[-1].lstrip().startswith(("#", "//"))
        for i, part in enumerate(re.split(r"(\s+)", piece)):
            if part.isspace():
                pieces.append(gap(must_break=after_comment and i <= 1))
                continue
            # Room around punctuation (not inside += or -=, not around the dots of names or ranges).
            pieces.append("".join(
                gap(False) + ch + gap(False)
                if ch in "{}[](),=" and not (ch == "=" and j and part[j - 1] in "+-") and rnd.randrange(4) == 0
                else ch
                for j, ch in enumerate(part)))
    return "".join(pieces)


@settings(_SETTINGS, max_examples=100)
@given(st.sampled_from(sorted(TEXTS)), st.randoms(use_true_random=False))
def test_scrambled_examples_format_back_faithfully(name, rnd):
    text = scramble(TEXTS[name], rnd)
    assert _shape(text) == _shape(TEXTS[name]), "the scrambler changed the meaning (a test bug)"
    out = assert_formats_faithfully(text)
    if not comment_texts(text)[len(comment_texts(TEXTS[name])):] and "scrambled" not in text:
        # Only white space moved: the result is the example's own formatting, up to blank lines.
        canonical = format_source(TEXTS[name], "t.ra").text or ""
        assert out.replace("\n\n", "\n") == canonical.replace("\n\n", "\n")


@settings(_SETTINGS, max_examples=40)
@given(st.sampled_from([p for p in EXAMPLES if p.name != "hadoop_cluster.ra"]), st.randoms(use_true_random=False))
def test_formatting_a_scrambled_example_never_changes_the_compiled_model(path, rnd):
    text = scramble(TEXTS[path.name], rnd)
    before = compiled_shape(compile_file(str(path)))
    # The example scrambled then formatted, and the catalog it imports formatted too.
    with reading_formatted(lambda p, t: (format_source(text if Path(p) == path else t, p).text or "")):
        after = compiled_shape(compile_file(str(path)))
    assert before[0] is not None and after == before


# --- 2. random values, written any way --------------------------------------------------------

_NAME = st.from_regex(r"[a-z_][a-z0-9_]{0,12}", fullmatch=True).filter(
    lambda s: s not in ("true", "false", "null", "import", "extends"))
_STRING = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30).map(
    lambda s: '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"')
_ATOM = st.one_of(
    _NAME,
    st.lists(_NAME, min_size=2, max_size=3).map(".".join),
    st.integers(-10**6, 10**6).map(str),
    st.sampled_from(["1.5", "-0.25", "1e3", "2.5E-3", "16.0"]),
    st.tuples(st.integers(0, 4096), st.sampled_from(["", " ", "\t"]),
              st.sampled_from(["GiB", "MB", "TB", "Gbps", "Mbps"])).map(lambda t: f"{t[0]}{t[1]}{t[2]}"),
    st.tuples(st.integers(0, 9), st.integers(10, 99)).map(lambda t: f"{t[0]}..{t[1]}"),
    st.sampled_from(["true", "false", "null", '"# not a comment"', '"a // b"', '"""long\n  text  \n"""']),
    _STRING,
)


class Writer:
    """Writes a value with drawn spacing, line breaks, comments and trailing commas."""

    def __init__(self, draw):
        self.draw = draw
        self.n = 0

    def ws(self) -> str:
        choice = self.draw(st.integers(0, 12))
        if choice == 0:
            self.n += 1
            return f"  # note {self.n}\n"
        return ["", "", "", " ", " ", "\n", "\n  ", "\n\n", "\t"][choice % 9]

    def value(self, depth: int) -> str:
        kind = self.draw(st.integers(0, 5)) if depth < 3 else 0
        if kind <= 2:
            return self.draw(_ATOM)
        count = self.draw(st.integers(0, 6))
        if kind == 3:
            items = [self.value(depth + 1) for _ in range(count)]
            o, c = "[", "]"
        elif kind == 4:
            items = [f"{self.draw(_NAME | _STRING)}{self.ws()}={self.ws()}{self.value(depth + 1)}" for _ in range(count)]
            o, c = "{", "}"
        else:
            count = max(count, 1)
            items = [self.value(depth + 1) for _ in range(count)]
            o, c = f"{self.draw(st.sampled_from(['enum', 'optional', 'list', 'many']))}{self.ws()}(", ")"
        sep = [f"{self.ws()},{self.ws()}" for _ in items[1:]]
        body = items[0] + "".join(s + i for s, i in zip(sep, items[1:])) if items else ""
        trailing = "," if items and self.draw(st.booleans()) else ""
        return f"{o}{self.ws()}{body}{trailing}{self.ws()}{c}"


@st.composite
def ra_with_values(draw) -> str:
    w = Writer(draw)
    lines = []
    for i in range(draw(st.integers(1, 4))):
        attrs = "".join(f"{w.ws()}key{j}{w.ws()}{draw(st.sampled_from(['=', '+=', '-=']))}{w.ws()}{w.value(0)}\n"
                        for j in range(draw(st.integers(0, 4))))
        nested = f"nested {draw(_NAME)} {{{w.ws()}inner = {w.value(1)}\n}}\n" if draw(st.booleans()) else ""
        lines.append(f"block{i} {draw(_NAME)} {draw(_STRING)}{w.ws()}{{{w.ws()}\n{attrs}{nested}}}{w.ws()}\n")
    return "".join(lines)


@settings(_SETTINGS, max_examples=200)
@given(ra_with_values())
def test_random_values_format_faithfully(text):
    assert_formats_faithfully(text)
