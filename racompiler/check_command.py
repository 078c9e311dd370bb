"""``racompiler check`` once its arguments are parsed.

Two parsers call :func:`run_check`: the click command (:mod:`racompiler.cli`) and the fast entry
point (:mod:`racompiler.entry`), which parses plain ``check`` command lines without importing
click. One function behind both, so both print the same bytes and exit with the same code.
Click-free and light at import, like :mod:`racompiler.cli_settings`.
"""

from __future__ import annotations

import sys
from typing import Any, Collection, Sequence

from racompiler.cli_settings import (EXIT_ERRORS, EXIT_OK, SettingsResolver, cli_rules, echo, known_targets_or_exit,
                                     ra_files, want_color)

#: The diagnostic formats of ``--format``, and the ones ``--statistics`` can print.
FORMATS = ("human", "json", "sarif", "github")
STATISTICS_FORMATS = ("human", "json")


def run_check(files: Sequence[str], *, fmt: str = "human", strict: bool = False, quiet: bool = False,
              statistics: bool = False, targets: Sequence[str] = (), include_dirs: Sequence[str] = (),
              ignore_codes: Sequence[str] = (), error_codes: Sequence[str] = (), config_path: str | None = None,
              no_config: bool = False, color: str = "auto", options: dict[str, Any] | None = None,
              explicit: Collection[str] = ()) -> int:
    """Check ``files`` and print their diagnostics; the exit code (0 clean, 1 errors, or warnings
    with ``strict``). Usage errors (unknown target or code, a folder without RA files) exit 2.

    ``options`` holds every target option's value (its default when not given) and
    ``explicit`` the ones given on the command line, which beat the configuration file.
    The caller has checked that ``statistics`` comes with a format in :data:`STATISTICS_FORMATS`.
    """
    from racompiler.diagnostics.render import render

    known_targets_or_exit(targets)
    resolver = SettingsResolver(config_path, no_config, cli_rules(ignore_codes, error_codes))
    paths = ra_files(files)
    runs = [(f, resolver.for_file(f, include_dirs, targets, options, explicit)) for f in paths]
    colored = want_color(color) and fmt == "human"
    resolver.exit_on_config_errors(fmt, colored)
    diags, sources = [], {}
    from racompiler.api import check as check_file

    for f, settings in runs:
        result = check_file(f, settings.targets, options=settings.options, include_dirs=settings.include_dirs,
                            policy=settings.policy)
        diags.extend(result.diagnostics)
        sources.update(result.sources)
    failed = any(d.severity.value == "error" for d in diags) or (strict and any(
        d.severity.value == "warning" for d in diags))
    code = EXIT_ERRORS if failed else EXIT_OK
    shown = [d for d in diags if d.severity.value == "error" or strict] if quiet and fmt == "human" else diags
    if statistics:
        from racompiler.diagnostics.statistics import statistics_json, statistics_text

        echo(statistics_json(shown) if fmt == "json" else statistics_text(shown), sys.stdout, nl=False)
        return code
    # GitHub reads workflow commands from standard output (as ruff prints them).
    stream = sys.stderr if fmt == "human" else sys.stdout
    text = render(fmt, shown, sources, color=colored)
    if text or fmt in ("json", "sarif"):
        echo(text, stream, nl=False)
    if fmt == "human" and not diags and not quiet:
        echo(f"checked {len(paths)} file(s): no problems")
    return code
