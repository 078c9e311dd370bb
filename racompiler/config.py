"""The configuration file: ``racompiler.toml`` (top-level keys) or ``[tool.racompiler]`` in a
``pyproject.toml``, found upwards from each checked file; documented in docs/configuration.md.

Discovery works like ruff's: starting in the RA file's folder and walking up to the file-system
root, the first folder holding a ``racompiler.toml``, or a ``pyproject.toml`` with a
``[tool.racompiler]`` table, wins (``racompiler.toml`` first when a folder has both; a
``pyproject.toml`` without the table is passed over). The walk does not stop at a repository
boundary, as ruff's does not. ``--config PATH`` uses PATH for every file; ``--no-config`` none.

Read with the standard library's ``tomllib`` so that ``check`` stays light. Every problem is a
diagnostic at the offending line (RA120 unreadable or not TOML, RA121 unknown key, RA122 bad
value), never a traceback; a run stops before compiling anything when its configuration has one.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from racompiler.diagnostics import DiagnosticSink, Span, codes
from racompiler.diagnostics.codes import CODES
from racompiler.diagnostics.policy import Policy, Rules, ScopedRules
from racompiler.readfile import read_or_say
from racompiler.records import field, record

RA_TOML = "racompiler.toml"
PYPROJECT = "pyproject.toml"
TABLE = "tool.racompiler"
MAX_CONFIG_BYTES = 1024 * 1024
OVERRIDE_KEYS = ("files", "ignore", "error")


@record
class Config:
    """One configuration file, validated. Paths in it are already resolved against its folder."""

    path: str | None = None  # as diagnostics name it; None: no configuration file
    root: str = "."  # the folder holding it (absolute): include paths and ``files`` patterns start here
    include: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    options: dict[str, Any] = field(default_factory=dict)  # target options by dest (ansible_flavor)
    rules: Rules = Rules()
    overrides: tuple[ScopedRules, ...] = ()

    def policy(self, cli: Rules = Rules()) -> Policy:
        """The diagnostic policy of this configuration, with the command line's rules on top."""
        return Policy(self.rules, self.overrides, cli)


NO_CONFIG = Config()


def _display(path: Path) -> str:
    rel = os.path.relpath(path)
    return str(path) if rel.startswith("..") else rel


def _has_table(text: str) -> bool:
    """Cheap test before parsing a pyproject.toml: does it mention [tool.racompiler] at all?"""
    return re.search(r"^\s*\[\[?\s*tool\s*\.\s*racompiler\s*[.\]]", text, re.M) is not None


def find_config(start: Path) -> Path | None:
    """The configuration file for files in folder ``start``: nearest upwards (see the module doc)."""
    folder = Path(os.path.abspath(start))
    for d in (folder, *folder.parents):
        candidate = d / RA_TOML
        if candidate.is_file():
            return candidate
        candidate = d / PYPROJECT
        if candidate.is_file():
            try:
                text = candidate.read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            if _has_table(text):
                return candidate
    return None


def load_config(path: Path, sink: DiagnosticSink, sources: dict[str, str] | None = None) -> Config | None:
    """Read and validate the configuration file ``path``; None (with diagnostics) when unusable.

    ``sources`` receives the file's text for caret excerpts.
    """
    import tomllib

    shown = _display(path)
    # A FIFO or a device must not hang the run.
    data = read_or_say(str(path), MAX_CONFIG_BYTES, f"the configuration file {shown}",
                       lambda why: sink.report(codes.RA120, why, Span.point(shown)))
    if data is None:
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        sink.report(codes.RA120, f"the configuration file {shown} is not valid UTF-8", Span.point(shown, line))
        return None
    if sources is not None:
        sources[shown] = text
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = re.search(r"\(at line (\d+), column (\d+)\)$", msg)
        line, col = (int(m.group(1)), int(m.group(2))) if m else (text.count("\n") + 1, 1)
        reason = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)$", "", msg)
        sink.report(codes.RA120, f"the configuration file {shown} is not valid TOML: {reason}",
                    Span.point(shown, line, col), hint="see https://toml.io for the syntax")
        return None
    is_pyproject = path.name == PYPROJECT
    table: Any = doc
    if is_pyproject:
        table = doc.get("tool", {}).get("racompiler") if isinstance(doc.get("tool"), dict) else None
        if table is None:
            sink.report(codes.RA120, f"{shown} has no [tool.racompiler] table", Span.point(shown),
                        hint="add the table, or name a racompiler.toml")
            return None
        if not isinstance(table, dict):
            line, col, end = _Locator(text, "tool").find("racompiler")
            sink.report(codes.RA122, "tool.racompiler must be a table", Span(shown, line, col, line, end))
            return None
    root = Path(os.path.abspath(path)).parent
    return _Validator(shown, root, text, TABLE if is_pyproject else "", sink).config(table)


class _Locator:
    """Finds where a key or a value is written, for diagnostics (tomllib keeps no positions)."""

    _HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?")

    def __init__(self, text: str, table: str):
        self.lines = text.splitlines()
        self.table = table

    def _section(self, name: str, index: int | None) -> tuple[int, int] | None:
        """The line range [start, end) of table ``name`` (the index-th ``[[name]]`` when indexed)."""
        seen, start = -1, None
        for i, line in enumerate(self.lines):
            m = self._HEADER.match(line)
            if not m:
                continue
            header = re.sub(r"""\s|["']""", "", m.group(2))
            if start is not None:
                return start, i
            if header == name and (index is None or (seen := seen + 1) == index):
                start = i + 1
        if start is not None:
            return start, len(self.lines)
        if name == "":
            first = next((i for i, ln in enumerate(self.lines) if self._HEADER.match(ln)), len(self.lines))
            return 0, first
        return None

    def find(self, key: str, value: str | None = None, sub: tuple[str, int] | None = None) -> tuple[int, int, int]:
        """(line, column, end column) of ``key`` (or of the quoted ``value`` after it) in the
        configuration table or its ``sub`` array-of-tables entry; the table's header at worst."""
        name = ".".join(p for p in (self.table, sub[0] if sub else "") if p)
        section = self._section(name, sub[1] if sub else None)
        if section is None:
            return 1, 1, 2
        start, end = section
        key_rx = re.compile(rf"""^\s*["']?{re.escape(key)}["']?\s*=""")
        for i in range(start, end):
            if key_rx.match(self.lines[i]):
                if value is not None:
                    for j in range(i, end):
                        for quoted in (f'"{value}"', f"'{value}'"):
                            col = self.lines[j].find(quoted)
                            if col >= 0 and (j > i or col > self.lines[i].index("=")):
                                return j + 1, col + 1, col + 1 + len(quoted)
                col = len(self.lines[i]) - len(self.lines[i].lstrip()) + 1
                return i + 1, col, col + len(key)
        sub_table = f"{name}.{key}" if name else key
        for i, line in enumerate(self.lines):  # a key whose value is a table: [name.key] or [[name.key]]
            m = self._HEADER.match(line)
            if m and re.sub(r"""\s|["']""", "", m.group(2)) == sub_table:
                return i + 1, 1, len(line.rstrip()) + 1
        header = self.lines[start - 1] if start > 0 else ""
        return max(start, 1), 1, max(2, len(header.rstrip()) + 1)


class _Validator:
    """Turns the parsed table into a :class:`Config`, reporting every problem it finds."""

    def __init__(self, shown: str, root: Path, text: str, table: str, sink: DiagnosticSink):
        self.shown, self.root, self.sink = shown, root, sink
        self.loc = _Locator(text, table)
        self.prefix = f"{table}." if table else ""

    def _span(self, key: str, value: str | None = None, sub: tuple[str, int] | None = None) -> Span:
        line, col, end = self.loc.find(key, value, sub)
        return Span(self.shown, line, col, line, end)

    def _bad(self, key: str, message: str, value: str | None = None, sub: tuple[str, int] | None = None,
             hint: str | None = None) -> None:
        self.sink.report(codes.RA122, message, self._span(key, value, sub), hint=hint)

    def _strings(self, table: dict, key: str, sub: tuple[str, int] | None = None) -> list[str] | None:
        value = table.get(key)
        if value is None:
            return None
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self._bad(key, f"{self.prefix}{key} must be a list of strings", sub=sub,
                      hint=f'for example {key} = ["{_EXAMPLES.get(key, "...")}"]')
            return None
        return value

    def _codes(self, table: dict, sub: tuple[str, int] | None = None) -> Rules:
        found: dict[str, set[str]] = {}
        for key in ("ignore", "error"):
            found[key] = set()
            for code in self._strings(table, key, sub) or []:
                info = CODES.get(code)
                if info is None:
                    self._bad(key, f"'{code}' in {key} is not a racompiler diagnostic code", code, sub,
                              hint="codes look like RA603; docs/diagnostics.md lists them")
                elif key == "ignore" and info.severity == "error":
                    self._bad(key, f"{code} ({info.title}) is an error and cannot be ignored", code, sub,
                              hint="errors mean the input or the output would be wrong: fix the cause")
                else:
                    found[key].add(code)
        for code in sorted(found["ignore"] & found["error"]):
            self._bad("error", f"{code} is both ignored and made an error", code, sub, hint="keep one of the two")
        return Rules(frozenset(found["ignore"]), frozenset(found["error"]))

    def config(self, table: dict) -> Config:
        from racompiler.semantic.suggest import did_you_mean
        from racompiler.targets import all_options, available_targets

        options = {o.flag.lstrip("-"): o for o in all_options()}
        known = ("include", "targets", "ignore", "error", "overrides", *options)
        for key in table:
            if key not in known:
                hint = did_you_mean(key, known)
                if key in ("per-path", "per_path", "per-file-ignores"):
                    hint = "per-path rules are written as [[tool.racompiler.overrides]] tables with files = [...]"
                self.sink.report(codes.RA121, f"unknown key '{self.prefix}{key}'", self._span(key),
                                 hint=hint or f"known keys: {', '.join(known)}")
        include = []
        for p in self._strings(table, "include") or []:
            full = self.root / p
            if not full.is_dir():
                self._bad("include", f"include folder '{p}' does not exist (relative to {self.shown})", p)
            include.append(_display(Path(os.path.normpath(full))))
        targets = self._strings(table, "targets") or []
        known_targets = available_targets()
        for t in targets:
            if t not in known_targets:
                hint = did_you_mean(t, known_targets)
                self._bad("targets", f"unknown target '{t}'", t,
                          hint=hint or f"available targets: {', '.join(known_targets)}")
        values: dict[str, Any] = {}
        for key, opt in options.items():
            if key not in table:
                continue
            value = table[key]
            if opt.is_flag:
                if not isinstance(value, bool):
                    self._bad(key, f"{self.prefix}{key} must be true or false")
                    continue
            elif not isinstance(value, str):
                self._bad(key, f"{self.prefix}{key} must be a string")
                continue
            elif opt.choices and value not in opt.choices:
                self._bad(key, f"{self.prefix}{key} = '{value}' is not one of {', '.join(opt.choices)}", value,
                          hint=did_you_mean(value, opt.choices))
                continue
            elif opt.metavar == "FILE":  # a file named in the configuration is relative to it
                value = _display(Path(os.path.normpath(self.root / value)))
            values[opt.dest] = value
        rules = self._codes(table)
        overrides = []
        raw = table.get("overrides", [])
        if not isinstance(raw, list) or not all(isinstance(o, dict) for o in raw):
            self._bad("overrides", f"{self.prefix}overrides must be an array of tables ([[{self.prefix}overrides]])")
            raw = []
        for i, entry in enumerate(raw):
            sub = ("overrides", i)
            for key in entry:
                if key not in OVERRIDE_KEYS:
                    hint = did_you_mean(key, OVERRIDE_KEYS) or "an override takes files, ignore and error"
                    self.sink.report(codes.RA121, f"unknown key '{key}' in {self.prefix}overrides",
                                     self._span(key, sub=sub), hint=hint)
            files = self._strings(entry, "files", sub)
            if not files:
                if "files" not in entry or files == []:
                    self._bad("files", f"each [[{self.prefix}overrides]] needs files = [...] (patterns of RA files)",
                              sub=sub)
                continue
            overrides.append(ScopedRules(str(self.root), tuple(files), self._codes(entry, sub)))
        return Config(self.shown, str(self.root), tuple(include), tuple(dict.fromkeys(targets)), values, rules,
                      tuple(overrides))


_EXAMPLES = {"include": "lib", "targets": "heat", "ignore": codes.RA603, "error": codes.RA206, "files": "lab/*.ra"}


class ConfigFinder:
    """Finds and loads (once each) the configuration of every file a command reads."""

    def __init__(self, explicit: str | None = None, disabled: bool = False):
        self.explicit, self.disabled = explicit, disabled
        self.sink = DiagnosticSink()
        self.sources: dict[str, str] = {}
        self._loaded: dict[Path, Config | None] = {}

    def _load(self, path: Path) -> Config:
        if path not in self._loaded:
            self._loaded[path] = load_config(path, self.sink, self.sources)
        return self._loaded[path] or NO_CONFIG

    def for_file(self, ra_file: str) -> Config:
        """The configuration that applies to ``ra_file`` (:data:`NO_CONFIG` when none)."""
        if self.disabled:
            return NO_CONFIG
        if self.explicit is not None:
            return self._load(Path(self.explicit))
        found = find_config(Path(os.path.abspath(ra_file)).parent)
        return self._load(found) if found is not None else NO_CONFIG

    @property
    def ok(self) -> bool:
        return not self.sink.has_errors
