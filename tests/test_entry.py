"""The fast ``check`` entry point (racompiler/entry.py) against click's parser of the same command.

The program's entry point parses plain ``check`` command lines itself, without importing click,
and hands everything else to click. Both must print the same bytes and exit with the same code:
each command line below runs through both, in real processes, and the test also asserts which
parser ran (the fast one must not import click for a plain line, and must leave the rest to it).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click
import pytest

from conftest import REPO
from racompiler import cli, entry

SEVERAL = "tests/fixtures/inputs/several_errors.ra"
UNUSED = "tests/fixtures/inputs/unused_parameter.ra"
ALLINONE = "architectures/allinone.ra"
KOLLA = "architectures/kolla_production.ra"
DBAAS = "architectures/modules/trove/dbaas_cloud.ra"

# A program that runs one of the two parsers, as the `racompiler` script would, and records in
# a file whether click was imported (the fast path must not need it).
RUNNER = """
import os, sys
sys.argv[0] = "racompiler"
try:
    if sys.argv.pop(1) == "fast":
        from racompiler.entry import main
        main()
    else:
        from racompiler.cli import main
        main()
finally:
    with open(os.environ["ENTRY_TEST_REPORT"], "w") as f:
        f.write(str("click" in sys.modules))
"""

# Plain command lines: the fast parser takes them.
PLAIN = [
    [ALLINONE],
    [SEVERAL],
    [SEVERAL, UNUSED, ALLINONE],
    ["--format", "json", SEVERAL],
    ["--format=sarif", SEVERAL],
    [SEVERAL, "--format", "github", UNUSED],
    ["-q", SEVERAL],
    ["--quiet", UNUSED],
    ["--quiet", "--strict", UNUSED],
    ["--strict", "--format", "json", UNUSED],
    ["--statistics", SEVERAL],
    ["--statistics", "--format=json", SEVERAL, UNUSED],
    ["-t", "heat", ALLINONE],
    ["--target", "crowbar", "-t", "heat", ALLINONE],
    ["--target=ansible", KOLLA],
    ["-t", "hea", "-t", "bogus", ALLINONE],            # unknown targets: exit 2 with suggestions
    ["--ignore", "RA206", UNUSED],
    ["--ignore=RA206,RA999", UNUSED],                  # an unknown code: exit 2
    ["--ignore", "RA201", SEVERAL],                    # an error cannot be ignored: exit 2
    ["--error", "RA206", UNUSED],
    ["--ignore", "RA206", "--error", "RA206", UNUSED],
    ["--no-config", ALLINONE],
    ["--config", "missing.toml", ALLINONE],            # RA120 at the configuration
    ["--config", "missing.toml", "--no-config", ALLINONE],  # exit 2
    ["--color", "always", SEVERAL],
    ["--color=never", "--format", "human", SEVERAL],
    ["-I", "architectures/modules/trove", DBAAS],
    ["--include=architectures/modules/trove", DBAAS],
    ["architectures"],                                 # a folder
    ["architectures/dell_*.ra"],                       # a quoted glob
    ["tests/fixtures"],                                # folders with errors in them
    ["docs"],                                          # a folder without RA files: exit 2
    ["missing.ra"],
]
# Not plain: click parses these (or says what is wrong), and the fast entry must leave it to it.
FOR_CLICK = [
    [],
    ["--format", "bogus", SEVERAL],
    ["--format"],
    ["--format=", SEVERAL],
    ["--bogus", SEVERAL],
    ["-qt", "heat", ALLINONE],
    ["--", SEVERAL],
    ["-h"],
    [SEVERAL, "--help"],
    ["--statistics", "--format", "sarif", SEVERAL],
    ["--color", "sometimes", SEVERAL],
    ["-t", "ansible", "--ansible-flavor", "kolla", KOLLA],
    ["-I", "README.md", ALLINONE],                     # click.Path(file_okay=False) refuses a file
    ["--config", "docs", ALLINONE],                    # click.Path(dir_okay=False) refuses a folder
    ["-t", "-q", ALLINONE],
]


def _run(parser: str, args: list[str], tmp_path: Path) -> tuple[int, bytes, bytes, str]:
    report = tmp_path / f"{parser}.txt"
    env = dict(os.environ, ENTRY_TEST_REPORT=str(report), NO_COLOR="")
    env.pop("RACOMPILER_DEBUG", None)
    proc = subprocess.run([sys.executable, "-c", RUNNER, parser, "check", *args], cwd=REPO, capture_output=True,
                          env=env, timeout=120)
    return proc.returncode, proc.stdout, proc.stderr, report.read_text()


@pytest.mark.parametrize("args", PLAIN + FOR_CLICK, ids=lambda a: " ".join(a) or "(none)")
def test_fast_entry_and_click_agree(args, tmp_path):
    fast, slow = _run("fast", args, tmp_path), _run("click", args, tmp_path)
    assert fast[:3] == slow[:3], f"fast: {fast[:3]!r}\nclick: {slow[:3]!r}"
    took_fast_path = fast[3] == "False"
    assert took_fast_path == (args in PLAIN), "click was imported" if args in PLAIN else "the fast path ran"


def test_parse_check_reads_plain_lines():
    got = entry.parse_check(["-q", "a.ra", "--format=json", "-t", "heat", "--target", "crowbar", "-I", "inc",
                             "--ignore", "RA206", "--error=RA509", "--color", "never", "--no-config", "b.ra"])
    assert got == {"files": ("a.ra", "b.ra"), "fmt": "json", "quiet": True, "strict": False,
                   "statistics": False, "targets": ("heat", "crowbar"), "include_dirs": ("inc",),
                   "ignore_codes": ("RA206",), "error_codes": ("RA509",), "config_path": None,
                   "color": "never", "no_config": True}
    for args in FOR_CLICK:
        assert entry.parse_check(args) is None, args


def test_fast_tables_are_the_click_commands():
    """Every option of the click `check` command is known to the fast parser with the same
    flags, repeatability, choices and default, except the targets' own options (click's)."""
    target_flags = {opt.flag for opt in __import__("racompiler.targets", fromlist=["all_options"]).all_options()}
    seen: set[str] = set()
    ctx = click.Context(cli.check)
    for param in cli.check.params:
        if not isinstance(param, click.Option) or param.name == "help":
            continue
        if set(param.opts) <= target_flags:
            assert not set(param.opts) & (set(entry.VALUE_OPTIONS) | set(entry.FLAGS))
            continue
        for flag in param.opts:
            seen.add(flag)
            if param.is_flag:
                assert entry.FLAGS.get(flag) == param.name, flag
            else:
                dest, choices, repeatable = entry.VALUE_OPTIONS[flag]
                assert (dest, repeatable) == (param.name, param.multiple), flag
                want = tuple(param.type.choices) if isinstance(param.type, click.Choice) else None
                assert choices == want, flag
        if not param.multiple:
            default = param.get_default(ctx)
            unset = getattr(click.core, "UNSET", object())  # click 8.5's "not given": None in the command
            assert entry.DEFAULTS[param.name] == (None if default is unset else default), param.name
    assert seen == set(entry.VALUE_OPTIONS) | set(entry.FLAGS)
