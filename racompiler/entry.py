"""The ``racompiler`` program (console script and ``python -m racompiler``).

``check`` runs in pre-commit hooks, editors' save actions and CI jobs, once per file or commit,
so its start-up is most of what it costs. Importing click is a sixth of a cold ``check`` (~13 ms
of ~80), so a *plain* ``check`` command line is parsed here, without click, and runs the same
function as the click command (:func:`racompiler.check_command.run_check`). Plain means: FILES and
the options of :data:`VALUE_OPTIONS` and :data:`FLAGS`, each value separate (``--format json``)
or joined (``--format=json``) and valid. Everything else (``--help``, a target's own option, a
bad or missing value, an unknown option, ``--``, grouped short flags, a value that looks like
an option) goes to click, which parses it or says what is wrong in its own words. Every other
command goes to click too. ``tests/test_entry.py`` runs command lines through both parsers and
compares the bytes and exit codes, and compares these tables with the click command's.

At exit the heap is frozen (:func:`gc.freeze`): the interpreter's last collections would
otherwise walk every object the compile made, ~8 ms of a cold ``check`` for nothing.
"""

from __future__ import annotations

import gc
import os
import sys
from typing import Any, Sequence

from racompiler.check_command import FORMATS, STATISTICS_FORMATS, run_check
from racompiler.diagnostics.color import COLOR_MODES

#: ``check`` options that take a value: flag -> (parameter, choices or None, repeatable).
VALUE_OPTIONS: dict[str, tuple[str, tuple[str, ...] | None, bool]] = {
    "--format": ("fmt", FORMATS, False),
    "-t": ("targets", None, True),
    "--target": ("targets", None, True),
    "-I": ("include_dirs", None, True),
    "--include": ("include_dirs", None, True),
    "--ignore": ("ignore_codes", None, True),
    "--error": ("error_codes", None, True),
    "--config": ("config_path", None, False),
    "--color": ("color", COLOR_MODES, False),
}
#: ``check`` flags: flag -> parameter.
FLAGS: dict[str, str] = {"--strict": "strict", "-q": "quiet", "--quiet": "quiet", "--statistics": "statistics",
                         "--no-config": "no_config"}
#: The values of parameters not given (click's defaults for the same command).
DEFAULTS: dict[str, Any] = {"fmt": "human", "color": "auto", "config_path": None, "strict": False, "quiet": False,
                            "statistics": False, "no_config": False}


def parse_check(args: Sequence[str]) -> dict[str, Any] | None:
    """The keyword arguments of :func:`~racompiler.check_command.run_check` for ``check ARGS``
    (target options aside), or None when the command line is not plain (click must parse it)."""
    kwargs: dict[str, Any] = dict(DEFAULTS)
    multi: dict[str, list[str]] = {"targets": [], "include_dirs": [], "ignore_codes": [], "error_codes": []}
    files: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        i += 1
        if not arg.startswith("-"):
            files.append(arg)
        elif arg in FLAGS:
            kwargs[FLAGS[arg]] = True
        else:
            if arg.startswith("--") and "=" in arg:
                arg, _, value = arg.partition("=")
            elif i < len(args):
                value = args[i]
                i += 1
            else:
                return None  # a missing value
            spec = VALUE_OPTIONS.get(arg)
            if spec is None or not _plain_value(spec, value):
                return None
            dest, _choices, repeatable = spec
            if repeatable:
                multi[dest].append(value)
            else:
                kwargs[dest] = value
    if not files or (kwargs["statistics"] and kwargs["fmt"] not in STATISTICS_FORMATS):
        return None
    kwargs.update({k: tuple(v) for k, v in multi.items()})
    kwargs["files"] = tuple(files)
    return kwargs


def _plain_value(spec: tuple[str, tuple[str, ...] | None, bool], value: str) -> bool:
    dest, choices, _repeatable = spec
    if not value or value.startswith("-") or (choices is not None and value not in choices):
        return False
    # click.Path(file_okay=False) refuses an existing file for -I, and dir_okay=False a folder
    # for --config: those get click's message.
    if dest == "include_dirs":
        return not os.path.isfile(value)
    return dest != "config_path" or not os.path.isdir(value)


def _target_defaults() -> dict[str, Any]:
    from racompiler.targets import all_options

    return {opt.dest: opt.default for opt in all_options()}


def _fast_check(args: Sequence[str]) -> int | None:
    """Run a plain ``check`` command line to its exit code; None when click must parse it.
    Interrupts and a closed pipe end as click ends them."""
    kwargs = parse_check(args)
    if kwargs is None:
        return None
    try:
        code = run_check(kwargs.pop("files"), options=_target_defaults(), **kwargs)
        sys.stdout.flush()
        sys.stderr.flush()
        return code
    except KeyboardInterrupt:
        sys.stderr.write("\nAborted!\n")
        return 1
    except BrokenPipeError:  # the reader went away (`| head`): exit 1 without a second error at exit
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.dup2(devnull, sys.stderr.fileno())
        return 1


def main(argv: Sequence[str] | None = None) -> None:
    """Run the racompiler command line (``argv`` defaults to ``sys.argv[1:]``); exits."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        code = _fast_check(args[1:]) if args[:1] == ["check"] else None
        if code is not None:
            sys.exit(code)
        from racompiler.cli import main as click_main

        click_main(None if argv is None else args)
    finally:
        gc.freeze()
