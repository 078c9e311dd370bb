"""The TextMate grammar (grammar/racompiler.tmLanguage.json) and the VS Code extension manifest.

The grammar must stay in step with the compiler: every keyword of grammar/ra.lark, every block
kind the decoder knows, every type and cardinality is in it, and nothing else is highlighted as
a block kind. It must tokenize every shipped file and fixture with no invalid scope, giving each
piece of the syntax tree the scope its kind calls for (checked through the AST's spans). The
tokenizer (tests/textmate.py) follows vscode-textmate; its own behaviour is pinned first.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import REPO
from racompiler.diagnostics import DiagnosticSink
from racompiler.semantic import decode, types
from racompiler.syntax import ast
from racompiler.syntax.load import parse_source
from racompiler.syntax.source import Source
from textmate import Grammar, scopes_by_offset, unsupported

GRAMMAR_PATH = REPO / "grammar" / "racompiler.tmLanguage.json"
VSCODE = REPO / "grammar" / "vscode"
DOC = json.loads(GRAMMAR_PATH.read_text(encoding="utf-8"))
GRAMMAR = Grammar(json.loads(GRAMMAR_PATH.read_text(encoding="utf-8")))

# The first part of every scope name: the conventional roots that themes colour.
STANDARD_ROOTS = {"comment", "constant", "entity", "invalid", "keyword", "markup", "meta", "punctuation",
                  "source", "storage", "string", "support", "variable"}


def _rules(node):
    """Every rule dict in the grammar (patterns, repository entries, captures left out)."""
    if isinstance(node, dict):
        if any(k in node for k in ("match", "begin", "include", "patterns")):
            yield node
        for key in ("patterns",):
            for child in node.get(key, []):
                yield from _rules(child)
        for child in node.get("repository", {}).values():
            yield from _rules(child)


RULES = list(_rules(DOC))


def _scope_names(node) -> list[str]:
    out = []
    if isinstance(node, dict):
        for k, v in node.items():
            if k in ("name", "contentName") and isinstance(v, str):
                out.append(v)
            else:
                out += _scope_names(v)
    elif isinstance(node, list):
        for v in node:
            out += _scope_names(v)
    return out


# --- the tokenizer itself ---------------------------------------------------------------------

def _toy(text: str) -> list[tuple[str, tuple[str, ...]]]:
    g = Grammar({
        "scopeName": "source.toy",
        "patterns": [{"include": "#str"}, {"include": "#word"}, {"name": "x.digit", "match": r"\d"}],
        "repository": {
            "str": {"name": "s.q", "begin": "<", "end": ">", "beginCaptures": {"0": {"name": "p.b"}},
                    "patterns": [{"include": "#str"}, {"name": "s.e", "match": "!."}]},
            "word": {"patterns": [{"match": r"(ab)(c)?", "captures": {"1": {"name": "w.ab"}, "2": {"name": "w.c"}}},
                                  {"name": "w.any", "match": "a[a-z]*"}]},
        },
    })
    return [(line[t.start:t.end].strip(), t.scopes[1:]) for line, toks in zip(text.split("\n"), g.tokenize(text))
            for t in toks if line[t.start:t.end].strip()]


def test_tokenizer_earliest_match_wins_then_the_first_listed():
    assert _toy("x abc 1") == [("x", ()), ("ab", ("w.ab",)), ("c", ("w.c",)), ("1", ("x.digit",))]
    assert _toy("abz") == [("ab", ("w.ab",)), ("z", ())]  # tie at 0: the first rule listed wins


def test_tokenizer_begin_end_nests_spans_lines_and_tries_the_end_first():
    assert _toy("<a<b>!>\nc> 1") == [
        ("<", ("s.q", "p.b")), ("a", ("s.q",)), ("<", ("s.q", "s.q", "p.b")), ("b", ("s.q", "s.q")),
        (">", ("s.q", "s.q")), ("!>", ("s.q", "s.e")), ("c", ("s.q",)), (">", ("s.q",)), ("1", ("x.digit",))]


# --- the grammar as a file --------------------------------------------------------------------

def test_grammar_is_a_valid_textmate_grammar():
    assert DOC["scopeName"] == "source.ra" and DOC["fileTypes"] == ["ra"]
    for rule in RULES:
        if "include" in rule:
            ref = rule["include"]
            assert ref in ("$self", "$base") or ref[1:] in DOC["repository"], ref
        if "begin" in rule:
            assert "end" in rule, rule
    for name in _scope_names(DOC["patterns"]) + _scope_names(DOC["repository"]):
        for scope in name.split():
            assert scope.split(".")[0] in STANDARD_ROOTS, scope
            assert scope.endswith(".ra"), f"{scope}: scopes of this grammar end in .ra"


def test_every_regex_is_in_the_portable_subset_and_compiles():
    regexes = [rule[k] for rule in RULES for k in ("match", "begin", "end") if k in rule]
    assert len(regexes) > 25
    for rx in regexes:
        assert not unsupported(rx), (rx, unsupported(rx))
        re.compile(rx)


def test_vscode_extension_ships_the_same_grammar():
    copy = VSCODE / "syntaxes" / "racompiler.tmLanguage.json"
    assert copy.read_bytes() == GRAMMAR_PATH.read_bytes(), (
        "grammar/vscode/syntaxes/ is a copy of grammar/racompiler.tmLanguage.json (the extension "
        "folder must hold its grammar): cp grammar/racompiler.tmLanguage.json grammar/vscode/syntaxes/")


def test_vscode_manifest_declares_the_language_and_grammar():
    manifest = json.loads((VSCODE / "package.json").read_text(encoding="utf-8"))
    (lang,) = manifest["contributes"]["languages"]
    assert lang["id"] == "ra" and lang["extensions"] == [".ra"]
    assert (VSCODE / lang["configuration"]).is_file()
    (gram,) = manifest["contributes"]["grammars"]
    assert gram["language"] == "ra" and gram["scopeName"] == DOC["scopeName"]
    assert (VSCODE / gram["path"]).resolve() == (VSCODE / "syntaxes" / "racompiler.tmLanguage.json").resolve()
    assert not manifest.get("dependencies"), "the extension must install without npm packages"
    config = json.loads((VSCODE / lang["configuration"]).read_text(encoding="utf-8"))
    assert config["comments"]["lineComment"] == "#"
    assert ["{", "}"] in config["brackets"] and ["[", "]"] in config["brackets"]


# --- the grammar and the compiler agree -------------------------------------------------------

def _words_in_grammar() -> set[str]:
    words: set[str] = set()
    for rule in RULES:
        for k in ("match", "begin"):
            if k in rule:  # the words of the regex, escapes (\b, \s) taken out
                words |= set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", re.sub(r"\\[A-Za-z]", " ", rule[k])))
    return words


def _block_kinds_in_grammar() -> set[str]:
    (known, _unknown) = DOC["repository"]["block-header"]["patterns"]
    m = re.search(r"\(modify\|remove\)\\s\+\)\?\(([a-z_|]+)\)", known["begin"])
    assert m, known["begin"]
    return set(m.group(1).split("|"))


def test_every_keyword_of_the_lark_grammar_is_in_the_textmate_grammar():
    lark = "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "grammar").glob("*.lark"))
    code = re.sub(r"//[^\n]*", "", lark)
    keywords = set(re.findall(r'"([A-Za-z_]+)"', code))
    assert {"import", "extends", "true", "false", "null"} <= keywords
    units = set(re.search(r"SIZE[^:]*:.*\((KiB[^)]*)\)", code).group(1).split("|"))
    assert "GiB" in units and "Gbps" in units
    missing = (keywords | units) - _words_in_grammar()
    assert not missing, f"in grammar/ra.lark but not in the TextMate grammar: {sorted(missing)}"


def test_block_kinds_are_exactly_those_the_compiler_decodes():
    nested = set(re.findall(r'\.blocks\("([a-z_]+)"\)', (REPO / "racompiler/semantic/decode.py").read_text()))
    assert {"role", "attribute", "disk", "nic"} <= nested
    compiler = set(decode.TOP_LEVEL) | nested
    missing = compiler - _block_kinds_in_grammar()
    assert not missing, f"block kinds the TextMate grammar does not highlight: {sorted(missing)}"
    stale = _block_kinds_in_grammar() - compiler
    assert not stale, f"the TextMate grammar highlights block kinds the compiler does not know: {sorted(stale)}"
    overlay = (REPO / "racompiler/semantic/overlay.py").read_text()
    assert '("modify", "remove")' in overlay  # the overlay verbs the grammar highlights


def test_types_and_cardinalities_are_highlighted():
    words = _words_in_grammar()
    assert set(types.SCALARS) | {"enum", "list"} | set(decode.CARDINALITIES) <= words


# --- every shipped file and fixture -----------------------------------------------------------

FILES = sorted((REPO / "architectures").rglob("*.ra")) + sorted(
    p for p in (REPO / "tests" / "fixtures").rglob("*.ra") if p.is_file())


def _module(text: str) -> ast.Module | None:
    sink = DiagnosticSink()
    module = parse_source(Source("t.ra", text), sink)
    return None if sink.has_errors else module


def _readable(p: Path) -> str | None:
    try:
        return p.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return None


PARSED = [p for p in FILES if (t := _readable(p)) is not None and _module(t) is not None]


def _meaningful(scopes: tuple[str, ...]) -> bool:
    return any(not s.startswith(("source.", "meta.")) for s in scopes)


@pytest.mark.parametrize("path", PARSED, ids=lambda p: str(p.relative_to(REPO)))
def test_every_character_gets_a_meaningful_scope(path):
    text = path.read_text(encoding="utf-8")
    scopes = scopes_by_offset(GRAMMAR, text)
    for i, ch in enumerate(text):
        if ch.isspace():
            continue
        line = text.count("\n", 0, i) + 1
        assert not any("invalid" in s for s in scopes[i]), f"line {line}: {ch!r} is {scopes[i]}"
        assert _meaningful(scopes[i]), f"line {line}: {ch!r} has no scope of its own: {scopes[i]}"


class _Expect:
    """Walks the AST of a file and checks the scope at the start of each node."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.scopes = scopes_by_offset(GRAMMAR, text)
        self.starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
        self.checked = 0

    def at(self, span, *wanted: str, what: str = "") -> None:
        offset = self.starts[span.line - 1] + span.column - 1
        got = self.scopes[offset]
        self.checked += 1
        assert any(s.startswith(w) for s in got for w in wanted), (
            f"line {span.line}: {what or self.text[offset:offset + 20]!r} should be {wanted}, is {got}")

    def module(self, module: ast.Module) -> None:
        for item in module.items:
            if isinstance(item, (ast.ImportDecl, ast.ExtendsDecl)):
                self.at(item.span, "keyword.control.import")
                self.at(item.module_span, "string.quoted" if getattr(item, "is_path", False)
                        else "entity.name.namespace")
            else:
                self.item(item)

    def item(self, item) -> None:
        if isinstance(item, ast.Attribute):
            self.at(item.name_span, "keyword.other.sealed" if item.name == "sealed" else "variable.other.property",
                    what=item.name)
            self.expr(item.value)
            return
        labels = list(item.labels)
        if item.kind in ("modify", "remove"):
            self.at(item.kind_span, "keyword.control.overlay", what=item.kind)
            self.at(labels.pop(0).span, "storage.type.block")
        else:
            self.at(item.kind_span, "storage.type.block", what=item.kind)
        for label in labels:
            self.at(label.span, "string.quoted" if label.quoted else "entity.name.type", what=label.value)
        for child in item.body:
            self.item(child)

    def expr(self, e) -> None:
        if isinstance(e, ast.String):
            self.at(e.span, "string.quoted")
        elif isinstance(e, (ast.Number, ast.Size)):
            self.at(e.span, "constant.numeric")
        elif isinstance(e, (ast.Bool, ast.Null)):
            self.at(e.span, "constant.language")
        elif isinstance(e, ast.Ref):
            self.at(e.span, "variable.other", "support.type.builtin", what=e.dotted)
        elif isinstance(e, ast.Call):
            self.at(e.span, "support.function.builtin", what=e.name)
            for a in e.args:
                self.expr(a)
        elif isinstance(e, ast.ListExpr):
            self.at(e.span, "punctuation.section.brackets.begin")
            for x in e.items:
                self.expr(x)
        elif isinstance(e, ast.MapExpr):
            self.at(e.span, "punctuation.section.block.begin")
            for entry in e.entries:
                self.at(entry.key_span, "variable.other.property", "string.quoted")
                self.expr(entry.value)
        elif isinstance(e, ast.RangeExpr):
            self.expr(e.low)
            self.expr(e.high)


@pytest.mark.parametrize("path", PARSED, ids=lambda p: str(p.relative_to(REPO)))
def test_syntax_tree_nodes_get_the_scope_of_their_kind(path):
    text = path.read_text(encoding="utf-8")
    check = _Expect(text)
    check.module(_module(text))
    assert check.checked > 0 or not text.strip()


def test_the_scope_checks_can_fail():
    # A misspelt block kind is not a keyword, and a stray character is invalid.
    text = "compnent nova {\n  x = 1\n}\n"
    with pytest.raises(AssertionError, match="storage.type.block"):
        _Expect(text).module(_module(text))
    bad = "role r {\n  x = 1;\n}\n"
    assert any("invalid.illegal" in s for s in scopes_by_offset(GRAMMAR, bad)[bad.index(";")])


@pytest.mark.parametrize("snippet, piece, scope", [
    ('x { a = "a\\qb" }', "\\q", "invalid.illegal.escape.ra"),
    ('x { a = "a\\u00e9" }', "\\u00e9", "constant.character.escape.ra"),
    ('x { d = """two\nlines""" }', "lines", "string.quoted.triple.ra"),
    ("x { r = 1..10 }", "..", "keyword.operator.range.ra"),
    ("x { t = list(int) }", "int", "support.type.builtin.ra"),
    ("x { v = if(use_ceph, rbd, lvm) }", "if", "support.function.builtin.ra"),
    ("optional ceph {\n  when = use_ceph\n}", "optional", "storage.type.block.ra"),
    ("x { requires = [optional(cluster)] }", "optional", "support.function.builtin.ra"),
    ("x { m = 1.5e3 }", "1.5e3", "constant.numeric.float.ra"),
    ("x { n = -12 }", "-12", "constant.numeric.integer.ra"),
    ("x { s = 10Gbps }", "Gbps", "keyword.other.unit.ra"),
    ('x { b = { "k" = 1 } }', "=", "keyword.operator.assignment.ra"),
    ("x { sealed = [count] }", "sealed", "keyword.other.sealed.ra"),
    ("connect c { network = neutron }", "network", "variable.other.property.ra"),
    ("role r { // why\n}", "why", "comment.line.double-slash.ra"),
])
def test_scopes_of_snippets(snippet, piece, scope):
    scopes = scopes_by_offset(GRAMMAR, snippet)
    i = snippet.rindex(piece) if piece == "=" else snippet.index(piece)
    for j in range(i, i + len(piece)):
        assert scope in scopes[j], (snippet[j], scopes[j])
