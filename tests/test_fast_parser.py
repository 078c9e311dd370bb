"""The fast parser (:mod:`racompiler.syntax.fastparse`) against the Lark path it stands in for.

For every input, either the fast parser declines it (and the Lark path runs, so diagnostics are
Lark's by construction) or it returns the very AST, spans included, and the very diagnostics that
the Lark path gives. Inputs: every ``.ra`` in the repository (examples, catalog, fixtures), edge
cases of the contextual lexer, and a fuzz corpus of token soups, plausible RA and mutated examples.
It must also decline nothing that Lark parses cleanly, or the speed-up silently vanishes.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import REPO
from racompiler.diagnostics import DiagnosticSink
from racompiler.syntax.fastparse import FAILED, parse_module
from racompiler.syntax.lalr import load_tables
from racompiler.syntax.load import parse_with_lark
from racompiler.syntax.source import Source
from test_fuzz import EXAMPLE_TEXTS, TOKENS, fuzz, ra_block

ALL_RA = sorted(p for p in REPO.rglob("*.ra") if ".git" not in p.parts and "third_party" not in p.parts)


def same_as_lark(text: str, path: str = "t.ra") -> bool:
    """Assert the fast parser agrees with Lark on ``text``; True when it parsed it itself."""
    source = Source(path, text)
    lark_sink, fast_sink = DiagnosticSink(), DiagnosticSink()
    expected = parse_with_lark(source, lark_sink)
    got = parse_module(source, fast_sink)
    lark_syntax_errors = [d for d in lark_sink.items if d.code.startswith("RA10") and d.code != "RA107"]
    if got is FAILED:
        assert fast_sink.items == [], "a declined parse must report nothing"
        assert lark_syntax_errors or expected is None, f"declined what Lark parses cleanly: {text!r:.300}"
        return False
    assert got == expected, f"AST differs from Lark's on {text!r:.300}"
    assert fast_sink.items == lark_sink.items, f"diagnostics differ on {text!r:.300}"
    return True


def test_tables_load():
    assert load_tables() is not None, "grammar/ra.lark.tables is missing or stale"


@pytest.mark.parametrize("path", ALL_RA, ids=lambda p: str(p.relative_to(REPO)))
def test_every_ra_file(path: Path):
    same_as_lark(path.read_bytes().decode("utf-8", "replace"), str(path.relative_to(REPO)))


def test_most_files_take_the_fast_path():
    taken = [same_as_lark(p.read_bytes().decode("utf-8", "replace")) for p in ALL_RA]
    assert sum(taken) >= 0.8 * len(taken)


EDGE_CASES = [
    "",
    "# only a comment\n// and another",
    "import = 1",  # a keyword where only a name fits is a name (Lark's contextual lexer)
    "a {\n  import = 1\n  extends = true\n  null = false\n}",
    "true { }",
    "role true false null import extends { x = null }",
    "x = { true = 1, \"k\" = [1, 2,], }",
    "x = f()\ny = f(1, g(2),)\nz = a.b.c",
    "x = 1..3\ny = -2 .. 5",
    "x = 128 GiB\ny = 10Gbps\nz = 1.5 TB",
    "x = \"tab\there\"",  # json.loads rejects a raw control character: RA107 either way
    "x = \"esc \\n \\u00e9 \\q\"",
    "x = \"\\ud800\"",
    "x = \"\"\"long\nstring \\q\n\"\"\"",
    "a {\r\n  b = 1\r\n}\r\n",
    "x = 99999999999999999999\ny = 1e400",
    "import a.b\nimport c\nextends \"base.ra\"\nextends m.n",
    "x += [1]\ny -= [2]",
    "a \"doc\" { }",
    "x = 1\n\u00e9 = 2",
    "x = [1 2]",
    "a { b = 1",
    "}",
    "x = 2GiBx",
    "x = 1..2GiB",
    "x = 1   \n\n  ",  # trailing whitespace after the last token
    "  \n\t ",
    "x\t=\t1\n\n\n  y = [\n 1,\n\n 2 ]",
    "x = 1\x0b",  # a vertical tab is no whitespace to the grammar
    "x = 1\n      $ y",  # a bad character after folded whitespace
    "\x0cx = 1\r\n",
]


@pytest.mark.parametrize("text", EDGE_CASES)
def test_edge_cases(text: str):
    same_as_lark(text)


def test_clean_edge_cases_take_the_fast_path():
    assert same_as_lark("a {\n  import = 1\n}")  # after '{' a keyword can only be a name
    assert same_as_lark("x = { true = 1 }")
    # After a value the state also accepts IMPORT (a top-level attribute may be followed by an
    # import), so Lark lexes the keyword and fails; the fast parser must decline it too.
    assert not same_as_lark("a {\n  b = 1\n  import = 1\n}")
    assert same_as_lark("x = 1   \n\n  ")  # the folded whitespace also ends a file


@fuzz(300)
@given(st.lists(st.sampled_from(TOKENS), max_size=60), st.sampled_from([" ", "\n", ""]))
def test_token_soup(tokens, sep):
    same_as_lark(sep.join(tokens))


@fuzz(150)
@given(st.sampled_from(["component", "role", "network", "hardware", "parameter", "configure", "output"]),
       st.booleans(), st.data())
def test_plausible_blocks(kind, sloppy, data):
    same_as_lark(data.draw(ra_block(kind, sloppy)))


@fuzz(200)
@given(st.sampled_from(sorted(EXAMPLE_TEXTS)), st.integers(0, 10**6), st.integers(0, 40),
       st.sampled_from(["", " ", "\n", "{", "}", "=", "[", "]", ",", ".", '"', "true", "x", "1", "#"]))
def test_mutated_examples(name, at, length, insert):
    text = EXAMPLE_TEXTS[name]
    at %= len(text) + 1
    same_as_lark(text[:at] + insert + text[at + length:])


def test_terminal_order_is_larks():
    """The tokenizer tries terminals in the order Lark's basic lexer does (and folds the same keywords)."""
    from racompiler.syntax.parser import _parser

    lark_order = tuple(t.name for t in _parser().parser.lexer.root_lexer.terminals)
    assert load_tables().terminal_order == lark_order


def test_happy_path_does_not_import_lark():
    code = ("import sys\nfrom racompiler.diagnostics import DiagnosticSink\n"
            "from racompiler.syntax.load import parse_file\n"
            "m = parse_file(sys.argv[1], 'x.ra', DiagnosticSink(), {})\n"
            "assert m is not None and m.items\n"
            "print('lark' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code, str(REPO / "architectures" / "allinone.ra")],
                         capture_output=True, text=True, check=True, cwd=REPO)
    assert out.stdout.strip() == "False"
