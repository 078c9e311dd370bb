"""Command-line plumbing shared by the commands that compile RA files: the configuration file
(``--config``, ``--no-config``), code rules (``--ignore``, ``--error``), ``--color``, the FILES
arguments and ``-t`` names.

Click-free, like :mod:`racompiler.check_command`: the fast entry point (:mod:`racompiler.entry`)
runs ``check`` without importing click, so nothing here may. It imports nothing heavy either.

Precedence, for every setting: the command line, then the configuration file, then the built-in
default. ``-I`` folders come before the configuration's ``include`` folders on the search path;
``-t`` replaces the configuration's ``targets``; a target option given on the command line
replaces the configuration's value; ``--ignore``/``--error`` override the file's rules code by code.
"""

from __future__ import annotations

import sys
from typing import IO, Any, Collection, Sequence

from racompiler.diagnostics.policy import Policy, Rules
from racompiler.records import record

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


def echo(text: str, stream: IO[str] | None = None, nl: bool = True) -> None:
    """Write ``text`` (and a newline) to ``stream`` (standard error by default) and flush, as
    ``click.echo`` does for our plain text."""
    out = stream if stream is not None else sys.stderr
    out.write(text + "\n" if nl else text)
    out.flush()


def _split(values: Sequence[str]) -> list[str]:
    return [c.strip() for v in values for c in v.split(",") if c.strip()]


def cli_rules(ignore: Sequence[str], error: Sequence[str]) -> Rules:
    """The rules of ``--ignore``/``--error``; exit 2 (usage) for an unknown code or an ignored error."""
    from racompiler.diagnostics.codes import CODES

    bad: list[str] = []
    ig, er = _split(ignore), _split(error)
    for flag, codes in (("--ignore", ig), ("--error", er)):
        for code in codes:
            info = CODES.get(code)
            if info is None:
                bad.append(f"error: {flag} {code}: not a racompiler diagnostic code (docs/diagnostics.md lists them)")
            elif flag == "--ignore" and info.severity == "error":
                bad.append(f"error: --ignore {code}: {code} ({info.title}) is an error and cannot be ignored")
    both = sorted(set(ig) & set(er))
    bad.extend(f"error: {code} is given to both --ignore and --error" for code in both)
    if bad:
        for line in bad:
            echo(line)
        sys.exit(EXIT_USAGE)
    return Rules(frozenset(ig), frozenset(er))


def known_targets_or_exit(targets: Sequence[str]) -> None:
    """Exit 2 (usage) naming every unknown target, with a suggestion."""
    if not targets:
        return  # no registry needed: its entry-point scan costs a plain `check` ~20 ms
    from racompiler.targets import available_targets

    known = available_targets()
    unknown = [t for t in targets if t not in known]
    if not unknown:
        return
    from racompiler.semantic.suggest import did_you_mean

    for t in unknown:
        hint = did_you_mean(t, known)
        echo(f"error: unknown target '{t}'" + (f"; {hint}" if hint else ""))
    echo("available targets: " + (", ".join(known) or "none yet"))
    sys.exit(EXIT_USAGE)


def ra_files(paths: Sequence[str]) -> list[str]:
    """FILES as given, a folder as every ``*.ra`` below it (hidden folders skipped, sorted), and
    a quoted glob expanded; exit 2 (usage) when a folder or glob holds no RA file."""
    import glob
    from pathlib import Path

    out: list[str] = []
    for arg in paths:
        p = Path(arg)
        if p.is_dir():
            found = sorted(str(f) for f in p.rglob("*.ra")
                           if not any(part.startswith(".") for part in f.relative_to(p).parts))
        elif not p.exists() and any(c in arg for c in "*?["):
            found = sorted(glob.glob(arg, recursive=True))
        else:
            out.append(arg)
            continue
        if not found:
            what = "is a directory with no .ra file in it" if p.is_dir() else "matches no .ra file"
            echo(f"error: {arg} {what}")
            sys.exit(EXIT_USAGE)
        out.extend(found)
    return list(dict.fromkeys(out))


@record
class Settings:
    """What one RA file is compiled with, once the command line and its configuration are merged."""

    include_dirs: tuple[str, ...]
    targets: tuple[str, ...]
    options: dict[str, Any]
    policy: Policy


class SettingsResolver:
    """Per-file settings for one command run (configurations are loaded once each)."""

    def __init__(self, config_path: str | None, no_config: bool, rules: Rules = Rules()):
        from racompiler.config import ConfigFinder

        if config_path is not None and no_config:
            echo("error: --config and --no-config cannot be used together")
            sys.exit(EXIT_USAGE)
        self.finder = ConfigFinder(config_path, no_config)
        self.rules = rules

    def for_file(self, path: str, include_dirs: Sequence[str] = (), targets: Sequence[str] = (),
                 options: dict[str, Any] | None = None, explicit: Collection[str] = ()) -> Settings:
        """Settings for ``path``: command-line values win. ``explicit`` names the target options
        given on the command line; the others hold their defaults, which the file overrides."""
        cfg = self.finder.for_file(path)
        merged = dict(options or {})
        for dest, value in cfg.options.items():
            if dest not in explicit:
                merged[dest] = value
        include = tuple(dict.fromkeys([*include_dirs, *cfg.include]))
        return Settings(include, tuple(targets) or cfg.targets, merged, cfg.policy(self.rules))

    def exit_on_config_errors(self, fmt: str = "human", color: bool = False) -> None:
        """Print the configuration's diagnostics; exit 1 when it has errors (nothing compiled)."""
        from racompiler.diagnostics.render import render

        if not self.finder.sink.items:
            return
        diags = self.finder.sink.sorted()
        stream = sys.stderr if fmt == "human" else sys.stdout
        echo(render(fmt, diags, self.finder.sources, color=color), stream, nl=False)
        if not self.finder.ok:
            sys.exit(EXIT_ERRORS)


def want_color(mode: str, stream: Any = None) -> bool:
    """``--color`` resolved for ``stream`` (standard error by default)."""
    from racompiler.diagnostics.color import use_color

    return use_color(mode, stream if stream is not None else sys.stderr)
