"""What a run does with each diagnostic code: report it, drop it (ignore) or make it an error.

Three layers, later ones winning: the configuration file's ``ignore``/``error``, its
``[[overrides]]`` whose ``files`` match the diagnostic's own file (in file order), then the
command line's ``--ignore``/``--error``. Only warnings can be ignored (the configuration and the
command line refuse error codes); any warning can be made an error. Inline suppression comments
(:mod:`racompiler.diagnostics.suppress`) apply first: a comment says something about one line,
which beats a project-wide rule.
"""

from __future__ import annotations

import os
import re
from pathlib import PurePosixPath
from typing import Mapping, Sequence

from racompiler.diagnostics import Diagnostic, Severity
from racompiler.records import field, record, replace


@record
class Rules:
    """Codes to drop and warning codes to report as errors."""

    ignore: frozenset[str] = frozenset()
    error: frozenset[str] = frozenset()

    def then(self, later: "Rules") -> "Rules":
        """These rules overridden by ``later``: a code ``later`` ignores is no longer an error, and
        the other way round."""
        return Rules((self.ignore - later.error) | later.ignore, (self.error - later.ignore) | later.error)


def glob_regex(pattern: str) -> re.Pattern[str]:
    """A ``files`` pattern as a regex over ``/``-separated relative paths: ``*`` and ``?`` stay
    within one folder, ``**`` crosses folders (``**/`` also matches no folder at all)."""
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        else:
            out.append({"*": "[^/]*", "?": "[^/]"}.get(pattern[i], re.escape(pattern[i])))
            i += 1
    return re.compile("".join(out) + r"\Z", re.S)


@record
class ScopedRules:
    """Rules for the files under ``root`` (the configuration file's folder, absolute) that match
    one of ``patterns``; a pattern naming a folder covers every file below it."""

    root: str
    patterns: tuple[str, ...]
    rules: Rules
    _compiled: tuple[re.Pattern[str], ...] = field(default=(), compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_compiled", tuple(glob_regex(p.strip("/")) for p in self.patterns))

    def matches(self, file: str) -> bool:
        if file.startswith("<"):  # the built-in catalog is nobody's project file
            return False
        rel = os.path.relpath(os.path.abspath(file), self.root)
        if rel == ".." or rel.startswith("../"):
            return False
        parts = PurePosixPath(rel.replace(os.sep, "/")).parts
        candidates = ["/".join(parts[:n]) for n in range(len(parts), 0, -1)]
        return any(rx.match(c) for rx in self._compiled for c in candidates)


@record
class Policy:
    """The whole policy of one run for one configuration (see the module docstring)."""

    base: Rules = Rules()
    scoped: tuple[ScopedRules, ...] = ()
    cli: Rules = Rules()

    def rules_for(self, file: str) -> Rules:
        rules = self.base
        for s in self.scoped:
            if s.matches(file):
                rules = rules.then(s.rules)
        return rules.then(self.cli)

    def apply(self, diags: Sequence[Diagnostic]) -> list[Diagnostic]:
        """``diags`` with ignored warnings dropped and promoted warnings made errors."""
        cache: dict[str, Rules] = {}
        out: list[Diagnostic] = []
        for d in diags:
            rules = cache.get(d.span.file)
            if rules is None:
                rules = cache[d.span.file] = self.rules_for(d.span.file)
            if d.severity is Severity.ERROR:
                out.append(d)
            elif d.code in rules.ignore:
                continue
            elif d.code in rules.error:
                out.append(replace(d, severity=Severity.ERROR))
            else:
                out.append(d)
        return out


DEFAULT_POLICY = Policy()


def finish(diags: Sequence[Diagnostic], sources: Mapping[str, str], policy: Policy | None, *,
           complete: bool, targets_ran: bool) -> list[Diagnostic]:
    """The diagnostics a run reports: inline suppressions, then ``policy``; sorted.

    ``complete``: the run reached its last stage without an error, so a suppression that
    suppressed nothing is really unused (RA123 is not judged otherwise).
    """
    from racompiler.diagnostics.suppress import apply_suppressions

    complete = complete and not any(d.severity is Severity.ERROR for d in diags)
    kept = apply_suppressions(diags, sources, judge_unused=complete, targets_ran=targets_ran)
    return sorted((policy or DEFAULT_POLICY).apply(kept), key=Diagnostic.sort_key)
