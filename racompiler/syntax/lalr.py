"""The grammar's LALR tables and lexer terminals, read from the shipped tables file without Lark.

``grammar/ra.lark.tables`` is ``<sha256 of ra.lark>\\n`` followed by Lark's own serialisation
(:func:`racompiler.syntax.tables.write_tables`): a pickle of plain dicts and lists, so it loads
without importing Lark (Lark's import alone costs ~50 ms of a cold ``check``). Lark stays the
grammar's source of truth: these are its tables, its terminal order and its keyword rules,
re-expressed in the shapes the fast parser (:mod:`racompiler.syntax.fastparse`) wants.
"""

from __future__ import annotations

import pickle
import re
from functools import lru_cache

from racompiler.assets import grammar_path
from racompiler.records import record

#: How a reduction's value is made (see :class:`Rule`).
INLINE, EXPAND1, BUILD = 0, 1, 2


@record
class Rule:
    """One grammar rule as the fast parser reduces it.

    ``include`` lists, for each right-hand symbol Lark keeps in the tree, its index and whether it
    is an inlined ``_rule`` whose children are spliced in. ``kind`` says what the reduction
    yields: INLINE (a ``_rule``: the list of its children), EXPAND1 (a ``?rule``: its only child
    when there is one) or BUILD (the builder method named ``name``).
    """

    origin: str
    length: int
    include: tuple[tuple[int, bool], ...]
    kind: int
    name: str


@record
class Tables:
    """Everything the fast parser needs, built once per process.

    ``actions[state]`` maps a terminal or rule name to ``n >= 0`` (shift, or goto, state ``n``)
    or ``n < 0`` (reduce by ``rules[-n - 1]``). ``pattern`` is one regex with a named group per
    terminal, in the order Lark's lexer tries them, each optionally preceded by the whitespace
    terminal ``skip`` (None when the grammar has none that can be folded so). ``retype[T][text]`` lists the terminals a
    token of type T and that exact text becomes where the parser state accepts them (keywords
    are NAMEs to the pattern, as in Lark's lexer). ``newline_types`` may span lines.
    """

    actions: tuple[dict[str, int], ...]
    rules: tuple[Rule, ...]
    start_state: int
    end_state: int
    pattern: re.Pattern[str]
    skip: re.Pattern[str] | None
    ignore: frozenset[str]
    newline_types: frozenset[str]
    retype: dict[str, dict[str, tuple[str, ...]]]
    terminal_order: tuple[str, ...]


def _regexp(pattern: dict) -> str:
    """A terminal's regex as Lark writes it (``PatternStr.to_regexp`` / ``PatternRE.to_regexp``)."""
    value = re.escape(pattern["value"]) if pattern["__type__"] == "PatternStr" else pattern["value"]
    for flag in pattern["flags"]:
        value = f"(?{flag}:{value})"
    return value


def _max_width(pattern: dict) -> int:
    if pattern["__type__"] == "PatternStr":
        return len(pattern["value"])
    width = pattern.get("_width")
    if width is None:  # not serialised: ask the regex parser, as Lark does
        from re import _parser

        return min(_parser.parse(_regexp(pattern)).getwidth()[1], 2**64)
    return width[1]


def _has_newline(regexp: str) -> bool:
    # Lark's own test (lexer._regexp_has_newline), so line counting matches its tokens.
    return "\n" in regexp or "\\n" in regexp or "\\s" in regexp or "[^" in regexp or ("(?s" in regexp and "." in regexp)


def _lexer(terminals: list[dict], ignore: list[str]):
    """Lark's basic lexer, re-expressed: terminal order, the keywords folded into regex terminals."""
    # BasicLexer sorts by priority, then longest possible match, then pattern length, then name.
    terminals = sorted(terminals, key=lambda t: (-t["priority"], -_max_width(t["pattern"]),
                                                 -len(t["pattern"]["value"]), t["name"]))
    # _create_unless: a string terminal that a regex terminal of the same priority matches whole
    # (``true`` and NAME, ``=`` and ASSIGN_OP) is lexed by the regex and then retyped.
    strs = [t for t in terminals if t["pattern"]["__type__"] == "PatternStr"]
    embedded: set[str] = set()
    retype: dict[str, dict[str, list[str]]] = {}
    for t in terminals:
        if t["pattern"]["__type__"] != "PatternRE":
            continue
        compiled = re.compile(_regexp(t["pattern"]))
        for s in strs:
            value = s["pattern"]["value"]
            m = compiled.match(value)
            if s["priority"] == t["priority"] and m and m.group(0) == value:
                retype.setdefault(t["name"], {}).setdefault(value, []).append(s["name"])
                if set(s["pattern"]["flags"]) <= set(t["pattern"]["flags"]):
                    embedded.add(s["name"])
    kept = [t for t in terminals if t["name"] not in embedded]
    skip = _whitespace_terminal(kept, ignore)
    alternatives = "|".join(f"(?P<{t['name']}>{_regexp(t['pattern'])})" for t in kept if t is not skip)
    # Whitespace is most of the matches; folded in front of every token as an unnamed optional
    # group it costs the tokenizer loop nothing (the loop counts its newlines with str.count).
    pattern = re.compile(f"(?:{_regexp(skip['pattern'])})?(?:{alternatives})" if skip else alternatives)
    newline = frozenset(t["name"] for t in terminals if _has_newline(_regexp(t["pattern"])))
    frozen = {k: {v: tuple(n) for v, n in d.items()} for k, d in retype.items()}
    skip_re = re.compile(_regexp(skip["pattern"])) if skip else None
    return pattern, skip_re, newline, frozen, tuple(t["name"] for t in terminals)


_SPACES = " \t\n\r\f\v"


def _whitespace_terminal(terminals: list[dict], ignore: list[str]) -> dict | None:
    """The ignored terminal that is a run of whitespace, when folding it before every token
    lexes exactly as Lark does: it matches whitespace only, and no other terminal can start at
    a whitespace character (so wherever whitespace is, Lark's lexer takes this terminal)."""
    for t in terminals:
        if t["name"] not in ignore:
            continue
        rx = re.compile(_regexp(t["pattern"]))
        if not rx.fullmatch(" \n") or any(rx.match(chr(c)) for c in range(0x80) if chr(c) not in _SPACES):
            continue
        others = [re.compile(_regexp(o["pattern"])) for o in terminals if o is not t]
        if any(o.match(ws + probe) for o in others for ws in _SPACES for probe in ('a1"', "1 GiB", "")):
            continue
        return t
    return None


def _rule(data: dict) -> Rule:
    origin = data["origin"]["name"]
    expansion = data["expansion"]
    keep_all = data["options"]["keep_all_tokens"]
    include = tuple(
        (i, s["__type__"] == "NonTerminal" and s["name"].startswith("_"))
        for i, s in enumerate(expansion)
        if keep_all or not (s["__type__"] == "Terminal" and s.get("filter_out"))
    )
    alias = data["alias"]
    if origin.startswith("_"):
        kind = INLINE
    elif data["options"]["expand1"] and not alias:
        kind = EXPAND1
    else:
        kind = BUILD
    return Rule(origin, len(expansion), include, kind, alias or data["options"].get("template_source") or origin)


def _unmemo(value, memo: dict):
    if isinstance(value, dict) and set(value) == {"@"}:
        return memo[value["@"]]
    return value


def tables_from_bytes(body: bytes) -> Tables:
    """Tables from Lark's serialisation (the tables file after its digest line)."""
    saved = pickle.loads(body)  # plain dicts and lists: Lark is not imported
    data, memo = saved["data"], saved["memo"]
    parse_table = data["parser"]["parser"]
    while "states" not in parse_table:  # Lark versions differ in how deep they nest it
        parse_table = parse_table.get("parser") or parse_table["parse_table"]
    names = parse_table["tokens"]
    rule_index: dict[int, int] = {}
    rules: list[Rule] = []
    actions: list[dict[str, int]] = []
    for state in sorted(parse_table["states"]):
        assert state == len(actions), "Lark numbers its states 0..n-1"
        table: dict[str, int] = {}
        for token, (action, arg) in parse_table["states"][state].items():
            if action == 0:
                table[names[token]] = arg
            else:
                key = arg["@"]
                if key not in rule_index:
                    rule_index[key] = len(rules)
                    rules.append(_rule(_unmemo(arg, memo)))
                table[names[token]] = -rule_index[key] - 1
        actions.append(table)
    conf = data["parser"]["lexer_conf"]
    terminals = [_unmemo(t, memo) for t in conf["terminals"]]
    pattern, skip, newline, retype, order = _lexer(terminals, conf["ignore"])
    (start_state,) = parse_table["start_states"].values()
    (end_state,) = parse_table["end_states"].values()
    return Tables(tuple(actions), tuple(rules), start_state, end_state, pattern, skip, frozenset(conf["ignore"]),
                  newline, retype, order)


@lru_cache(maxsize=1)
def load_tables() -> Tables | None:
    """The shipped tables, or None when they are missing or stale (then Lark parses everything)."""
    from racompiler.syntax.tables import grammar_digest, tables_path

    try:
        text = grammar_path().read_text(encoding="utf-8")
        data = tables_path().read_bytes()
    except OSError:
        return None
    header, _, body = data.partition(b"\n")
    if header != grammar_digest(text):
        return None
    return tables_from_bytes(body)
