"""A small TextMate tokenizer, faithful to vscode-textmate for the rules the RA grammar uses.

Supported: ``match`` (with ``name``/``captures``), ``begin``/``end`` (with ``name``,
``contentName``, ``beginCaptures``, ``endCaptures``, ``captures``, ``patterns``), ``include`` of
``#name``, ``$self`` and ``$base``, and repository entries that only group ``patterns``. Lines are
tokenized one at a time with their ``\\n`` (as vscode-textmate does); at each position the
candidate whose match starts first wins, earlier in the list on a tie, and inside a begin/end
rule its end pattern comes first. Not supported, and refused by :func:`unsupported`: ``\\G``,
back-references to the begin match in ``end``, ``applyEndPatternLast``, ``while``, injections.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

UNSUPPORTED = [
    (r"\\G", "\\G (the anchor at the last match end)"),
    (r"\\[AzZh]", "an Oniguruma-only anchor or class"),
    (r"\(\?<[A-Za-z]", "a named group (spelt differently in Python)"),
    (r"\(\?>", "an atomic group"),
    (r"[*+?}]\+", "a possessive quantifier"),
    (r"\\[1-9]", "a back-reference"),
    (r"\\p\{", "a Unicode property"),
    (r"\[\[:", "a POSIX bracket"),
]


def unsupported(regex: str) -> list[str]:
    """Why ``regex`` is outside the subset both Oniguruma and Python's ``re`` read alike."""
    return [why for pat, why in UNSUPPORTED if re.search(pat, regex)]


@dataclass
class Rule:
    """A compiled rule: a match, a begin/end, or a group of patterns (``kind``)."""

    kind: str
    raw: dict
    regex: re.Pattern | None = None
    end: re.Pattern | None = None
    patterns: list["Rule"] = field(default_factory=list)


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    scopes: tuple[str, ...]


class Grammar:
    """A loaded TextMate grammar (a dict as read from its JSON file)."""

    def __init__(self, doc: dict[str, Any]) -> None:
        self.doc = doc
        self.scope = doc["scopeName"]
        self._compiled: dict[int, Rule] = {}
        self._root_raw = {"patterns": doc["patterns"]}
        self.root = self._rule(self._root_raw)

    def _rule(self, raw: dict) -> Rule:
        key = id(raw)
        if key in self._compiled:
            return self._compiled[key]
        if "include" in raw:
            ref = raw["include"]
            if ref in ("$self", "$base"):
                return self._rule(self._root_raw)  # compiled first, so this is a cache hit
            if not ref.startswith("#"):
                raise ValueError(f"include of another grammar is not supported: {ref}")
            name = ref[1:]
            if name not in self.doc.get("repository", {}):
                raise KeyError(f"include of an undefined repository entry: {ref}")
            rule = self._rule(self.doc["repository"][name])
            self._compiled[key] = rule
            return rule
        if "match" in raw:
            rule = Rule("match", raw, re.compile(raw["match"]))
        elif "begin" in raw:
            if "end" not in raw:
                raise ValueError(f"begin without end: {raw['begin']}")
            rule = Rule("begin", raw, re.compile(raw["begin"]), re.compile(raw["end"]))
        elif "patterns" in raw:
            rule = Rule("group", raw)
        else:
            raise ValueError(f"a rule with neither match, begin, include nor patterns: {raw}")
        self._compiled[key] = rule  # before the children: a rule may include itself
        rule.patterns = [self._rule(p) for p in raw.get("patterns", [])]
        return rule

    def _candidates(self, rules: list[Rule], seen: set[int] | None = None) -> list[Rule]:
        """``rules`` with groups flattened, in order (each rule once)."""
        seen = set() if seen is None else seen
        out: list[Rule] = []
        for r in rules:
            if r.kind == "group":
                if id(r) not in seen:
                    seen.add(id(r))
                    out += self._candidates(r.patterns, seen)
            else:
                out.append(r)
        return out

    def tokenize(self, text: str) -> list[list[Token]]:
        """Tokens of every line of ``text``; columns are offsets within each line."""
        stack: list[tuple[Rule, tuple[str, ...]]] = []  # (begin rule, scopes inside it)
        lines = []
        for line in text.split("\n"):
            lines.append(self._line(line + "\n", stack))
        return lines

    def _scopes(self, stack) -> tuple[str, ...]:
        return stack[-1][1] if stack else (self.scope,)

    def _line(self, line: str, stack) -> list[Token]:
        tokens: list[Token] = []
        pos = 0
        pushed_here: set[tuple[int, int]] = set()  # (rule, position): no endless begin loop

        def emit(start: int, end: int, scopes: tuple[str, ...]) -> None:
            if end > start:
                tokens.append(Token(start, end, scopes))

        while pos < len(line):
            scopes = self._scopes(stack)
            best: tuple[int, int, Rule | None, re.Match] | None = None
            order = 0
            if stack:
                m = stack[-1][0].end.search(line, pos)
                if m:
                    best = (m.start(), order, None, m)
            inner = stack[-1][0].patterns if stack else self.root.patterns
            for rule in self._candidates(inner):
                order += 1
                m = rule.regex.search(line, pos)
                if m and (best is None or m.start() < best[0]):
                    best = (m.start(), order, rule, m)
            if best is None:
                emit(pos, len(line), scopes)
                break
            start, _o, rule, m = best
            emit(pos, start, scopes)
            if rule is None:  # the end of the innermost begin/end rule
                begin_rule, _inside = stack.pop()
                outer = self._scopes(stack)
                name = begin_rule.raw.get("name")
                base = outer + ((name,) if name else ())
                self._captured(m, base, begin_rule.raw.get("endCaptures") or begin_rule.raw.get("captures"), emit)
            elif rule.kind == "match":
                name = rule.raw.get("name")
                base = scopes + ((name,) if name else ())
                self._captured(m, base, rule.raw.get("captures"), emit)
                if m.end() == m.start():  # an empty match: step over one character, never loop
                    emit(m.start(), m.start() + 1, scopes)
                    pos = m.start() + 1
                    continue
            else:  # begin
                if m.end() == m.start() and (id(rule), m.start()) in pushed_here:
                    emit(m.start(), m.start() + 1, scopes)
                    pos = m.start() + 1
                    continue
                pushed_here.add((id(rule), m.start()))
                name = rule.raw.get("name")
                base = scopes + ((name,) if name else ())
                self._captured(m, base, rule.raw.get("beginCaptures") or rule.raw.get("captures"), emit)
                content = rule.raw.get("contentName")
                stack.append((rule, base + ((content,) if content else ())))
            pos = m.end()
        return tokens

    @staticmethod
    def _captured(m: re.Match, base: tuple[str, ...], captures: dict | None, emit) -> None:
        """Emit the text of ``m``: each captured group with its capture's scope added."""
        if not captures:
            emit(m.start(), m.end(), base)
            return
        whole = captures.get("0", {}).get("name")
        base = base + ((whole,) if whole else ())
        # Groups in order of start; the text between and around them keeps the base scopes.
        spans = sorted((m.start(int(g)), m.end(int(g)), c.get("name"))
                       for g, c in captures.items() if g != "0" and m.start(int(g)) != -1)
        pos = m.start()
        for s, e, name in spans:
            if s < pos:  # a group nested inside an earlier one: not used by the RA grammar
                raise ValueError("nested capture groups are not supported")
            emit(pos, s, base)
            emit(s, e, base + ((name,) if name else ()))
            pos = e
        emit(pos, m.end(), base)


def scopes_by_offset(grammar: Grammar, text: str) -> list[tuple[str, ...]]:
    """The scope stack of every character of ``text`` (newlines get the root scope)."""
    out: list[tuple[str, ...]] = []
    for line, tokens in zip(text.split("\n"), grammar.tokenize(text)):
        row: list[tuple[str, ...]] = [(grammar.scope,)] * len(line)
        for t in tokens:
            for i in range(t.start, min(t.end, len(line))):
                row[i] = t.scopes
        out += row + [(grammar.scope,)]
    return out[: len(text)]
