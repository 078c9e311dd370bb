"""Command-line plumbing shared by the commands that compile RA files: the configuration file
(``--config``, ``--no-config``), code rules (``--ignore``, ``--error``) and ``--color``.

Kept apart from :mod:`racompiler.cli` so that the command module stays small; like it, this
module imports nothing heavy at import time (``check`` must start fast).

Precedence, for every setting: the command line, then the configuration file, then the built-in
default. ``-I`` folders come before the configuration's ``include`` folders on the search path;
``-t`` replaces the configuration's ``targets``; a target option given on the command line
replaces the configuration's value; ``--ignore``/``--error`` override the file's rules code by code.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Any, Callable, Sequence

import click

from racompiler.diagnostics.policy import Policy, Rules

EXIT_ERRORS, EXIT_USAGE = 1, 2


def config_options(func: Callable) -> Callable:
    """``--config PATH`` and ``--no-config``."""
    func = click.option("--no-config", "no_config", is_flag=True,
                        help="Read no configuration file (racompiler.toml, or [tool.racompiler] in "
                             "pyproject.toml).")(func)
    return click.option("--config", "config_path", type=click.Path(dir_okay=False), metavar="PATH",
                        help="Use this configuration file instead of the one found upwards from each RA file.")(func)


def color_option(func: Callable) -> Callable:
    """``--color auto|always|never`` for human diagnostics."""
    return click.option("--color", "color", type=click.Choice(["auto", "always", "never"]), default="auto",
                        show_default=True,
                        help="Colour human diagnostics: auto = on a terminal, unless NO_COLOR is set.")(func)


def code_options(func: Callable) -> Callable:
    """``--ignore CODE`` and ``--error CODE`` (repeatable, or comma-separated)."""
    func = click.option("--error", "error_codes", multiple=True, metavar="CODE",
                        help="Report this warning code as an error (repeatable; CODE,CODE also works).")(func)
    return click.option("--ignore", "ignore_codes", multiple=True, metavar="CODE",
                        help="Do not report this warning code (repeatable; CODE,CODE also works).")(func)


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
            click.echo(line, err=True)
        sys.exit(EXIT_USAGE)
    return Rules(frozenset(ig), frozenset(er))


@dataclass
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
            click.echo("error: --config and --no-config cannot be used together", err=True)
            sys.exit(EXIT_USAGE)
        self.finder = ConfigFinder(config_path, no_config)
        self.rules = rules

    def for_file(self, path: str, include_dirs: Sequence[str] = (), targets: Sequence[str] = (),
                 options: dict[str, Any] | None = None, ctx: click.Context | None = None) -> Settings:
        """Settings for ``path``: command-line values win; a target option counts as given on
        the command line when click says so (its default does not override the file)."""
        cfg = self.finder.for_file(path)
        merged = dict(options or {})
        for dest, value in cfg.options.items():
            if ctx is None or ctx.get_parameter_source(dest) in (None, click.core.ParameterSource.DEFAULT):
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
        click.echo(render(fmt, diags, self.finder.sources, color=color), nl=False, file=stream, color=color)
        if not self.finder.ok:
            sys.exit(EXIT_ERRORS)


def want_color(mode: str, stream: Any = None) -> bool:
    """``--color`` resolved for ``stream`` (standard error by default)."""
    from racompiler.diagnostics.color import use_color

    return use_color(mode, stream if stream is not None else sys.stderr)
