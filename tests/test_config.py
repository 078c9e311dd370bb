"""The configuration file (racompiler.toml, [tool.racompiler] in pyproject.toml): discovery,
precedence against the command line, per-path overrides, and its diagnostics (RA120-RA122).

Everything runs as a real process (``run_cli``) in a project made in ``tmp_path``; JSON output is
read where counting diagnostics matters.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from conftest import REPO, run_cli

UNUSED = REPO / "tests" / "fixtures" / "inputs" / "unused_parameter.ra"  # one RA206 warning at line 9
ALLINONE = REPO / "architectures" / "allinone.ra"


def codes(proc) -> list[tuple[str, str, str]]:
    """(file, code, severity) of every diagnostic of a `--format json` run."""
    doc = json.loads(proc.stdout)
    return [(d["span"]["file"], d["code"], d["severity"]) for d in doc["diagnostics"]]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """site.ra (one RA206 warning) and lab/lab.ra (the same) in a project folder."""
    (tmp_path / "lab").mkdir()
    shutil.copy(UNUSED, tmp_path / "site.ra")
    shutil.copy(UNUSED, tmp_path / "lab" / "lab.ra")
    return tmp_path


# --- discovery -------------------------------------------------------------------------------

def test_nearest_configuration_upwards_wins(project):
    (project / "racompiler.toml").write_text('ignore = ["RA206"]\n', encoding="utf-8")
    both = run_cli("check", "--format", "json", "site.ra", "lab/lab.ra", cwd=project)
    assert both.returncode == 0 and codes(both) == []  # the parent's file applies to lab/ too
    (project / "lab" / "racompiler.toml").write_text('error = ["RA206"]\n', encoding="utf-8")
    nearest = run_cli("check", "--format", "json", "site.ra", "lab/lab.ra", cwd=project)
    assert nearest.returncode == 1
    assert codes(nearest) == [("lab/lab.ra", "RA206", "error")]  # lab/ has its own; site.ra keeps the parent's


def test_pyproject_table_and_racompiler_toml_first(project):
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.racompiler]\nerror = ["RA206"]\n',
                                            encoding="utf-8")
    assert codes(run_cli("check", "--format", "json", "site.ra", cwd=project)) == [("site.ra", "RA206", "error")]
    (project / "racompiler.toml").write_text('ignore = ["RA206"]\n', encoding="utf-8")
    assert codes(run_cli("check", "--format", "json", "site.ra", cwd=project)) == []


def test_pyproject_without_the_table_is_passed_over(project):
    (project / "racompiler.toml").write_text('error = ["RA206"]\n', encoding="utf-8")
    (project / "lab" / "pyproject.toml").write_text('[project]\nname = "lab"\n# not [tool.racompiler]\n',
                                                    encoding="utf-8")
    proc = run_cli("check", "--format", "json", "lab/lab.ra", cwd=project)
    assert codes(proc) == [("lab/lab.ra", "RA206", "error")]


def test_config_and_no_config_flags(project, tmp_path_factory):
    (project / "racompiler.toml").write_text('error = ["RA206"]\n', encoding="utf-8")
    other = tmp_path_factory.mktemp("elsewhere") / "ci.toml"
    other.write_text('ignore = ["RA206"]\n', encoding="utf-8")
    assert run_cli("check", "site.ra", cwd=project).returncode == 1
    assert run_cli("check", "--no-config", "site.ra", cwd=project).returncode == 0
    explicit = run_cli("check", "--config", str(other), "--format", "json", "site.ra", cwd=project)
    assert explicit.returncode == 0 and codes(explicit) == []
    both = run_cli("check", "--config", str(other), "--no-config", "site.ra", cwd=project)
    assert both.returncode == 2 and b"cannot be used together" in both.stderr


# --- what the file sets, and the command line winning ---------------------------------------------

def test_include_is_relative_to_the_configuration_file(tmp_path):
    lib = tmp_path / "lib" / "shared"
    lib.mkdir(parents=True)
    (lib / "web.ra").write_text("component web {\n  role server {\n    min = 1\n  }\n}\n", encoding="utf-8")
    (tmp_path / "arch").mkdir()
    (tmp_path / "arch" / "main.ra").write_text("import shared.web\n\nrole frontend {\n  count = 2\n"
                                               "  runs = [web.server]\n}\n", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    main = str(tmp_path / "arch" / "main.ra")
    assert b"RA203" in run_cli("check", main, cwd=elsewhere).stderr  # module not found without it
    (tmp_path / "racompiler.toml").write_text('include = ["lib"]\n', encoding="utf-8")
    proc = run_cli("check", main, cwd=elsewhere)
    assert proc.returncode == 0, proc.stderr.decode()
    assert run_cli("plan", "--format", "json", main, cwd=elsewhere).returncode == 0


def test_targets_and_target_options_from_the_file_and_the_command_line(tmp_path):
    shutil.copy(ALLINONE, tmp_path / "site.ra")
    (tmp_path / "racompiler.toml").write_text('targets = ["ansible"]\nansible-flavor = "kolla"\n', encoding="utf-8")

    def targets(*args):
        proc = run_cli("check", "--format", "json", *args, "site.ra", cwd=tmp_path)
        assert proc.returncode == 0, proc.stdout.decode()
        return {d["target"] for d in json.loads(proc.stdout)["diagnostics"]}

    assert targets() == {"ansible (kolla)"}  # check runs the file's targets with its option
    assert targets("--ansible-flavor", "generic") == {"ansible (generic)"}  # the flag wins
    assert targets("-t", "heat") == {"heat"}  # -t replaces the file's targets
    assert targets("--no-config") == set()  # no target ran: allinone.ra is clean for the compiler


def test_ignore_error_overrides_and_flags(project):
    (project / "racompiler.toml").write_text(
        'ignore = ["RA206"]\n\n[[overrides]]\nfiles = ["lab/*.ra"]\nerror = ["RA206"]\n', encoding="utf-8")
    run = lambda *a: run_cli("check", "--format", "json", *a, "site.ra", "lab/lab.ra", cwd=project)  # noqa: E731
    assert codes(run()) == [("lab/lab.ra", "RA206", "error")]  # the override wins for lab/ only
    assert codes(run("--ignore", "RA206")) == []  # the command line wins over the override
    assert codes(run("--error", "RA206")) == [("site.ra", "RA206", "error"), ("lab/lab.ra", "RA206", "error")]
    (project / "racompiler.toml").write_text('[[overrides]]\nfiles = ["lab"]\nignore = ["RA206"]\n',
                                             encoding="utf-8")
    assert codes(run()) == [("site.ra", "RA206", "warning")]  # a folder pattern covers what is below it


@pytest.mark.parametrize(("args", "words"), [
    (["--ignore", "RA201"], b"RA201 (undefined name) is an error and cannot be ignored"),
    (["--error", "RA2066"], b"--error RA2066: not a racompiler diagnostic code"),
    (["--ignore", "RA206", "--error", "RA206"], b"RA206 is given to both --ignore and --error"),
])
def test_bad_code_flags_are_usage_errors(args, words):
    proc = run_cli("check", *args, str(UNUSED))
    assert proc.returncode == 2 and words in proc.stderr and b"Traceback" not in proc.stderr


def test_comma_separated_codes(project):
    proc = run_cli("check", "--format", "json", "--error", "RA123,RA206", "site.ra", cwd=project)
    assert codes(proc) == [("site.ra", "RA206", "error")]


def test_build_takes_targets_from_the_file_and_fails_on_a_promoted_warning(tmp_path):
    shutil.copy(ALLINONE, tmp_path / "site.ra")
    out = tmp_path / "out"
    none = run_cli("build", "site.ra", "-o", str(out), cwd=tmp_path)
    assert none.returncode == 2 and b"no target to build" in none.stderr and not out.exists()
    (tmp_path / "racompiler.toml").write_text('targets = ["heat"]\nerror = ["RA604"]\n', encoding="utf-8")
    failed = run_cli("build", "site.ra", "-o", str(out), cwd=tmp_path)
    assert failed.returncode == 1 and b"error[RA604] [heat]" in failed.stderr and not out.exists()
    built = run_cli("build", "site.ra", "-o", str(out), "--ignore", "RA604", cwd=tmp_path)
    assert built.returncode == 0, built.stderr.decode()
    assert sorted(p.name for p in out.iterdir()) == ["heat"] and b"RA604" not in built.stderr


# --- the configuration's own diagnostics: RA120, RA121, RA122 -----------------------------------------

def test_invalid_toml_is_ra120_at_the_line_tomllib_gives(project):
    (project / "pyproject.toml").write_text('[tool.racompiler]\ntargets = ["heat"\nignore = ["RA603"]\n',
                                            encoding="utf-8")
    proc = run_cli("check", "site.ra", cwd=project)
    assert proc.returncode == 1 and b"Traceback" not in proc.stderr
    err = proc.stderr.decode()
    assert err.startswith("pyproject.toml:3:1: error[RA120]: the configuration file pyproject.toml is not valid TOML")
    assert "RA206" not in err  # nothing was compiled
    json_run = run_cli("check", "--format", "json", "site.ra", cwd=project)
    assert [d["code"] for d in json.loads(json_run.stdout)["diagnostics"]] == ["RA120"]


@pytest.mark.parametrize(("name", "data", "where"), [
    ("racompiler.toml", b"ignore = [\"RA206\"]\n\xff\n", "racompiler.toml:2:1"),  # not UTF-8
    ("missing.toml", None, "missing.toml:1:1"),
    ("pyproject.toml", b"[project]\nname = 'x'\n", "pyproject.toml:1:1"),  # named, but no table
])
def test_unusable_files_are_ra120(project, name, data, where):
    if data is not None:
        (project / name).write_bytes(data)
    proc = run_cli("check", "--config", name, "site.ra", cwd=project)
    assert proc.returncode == 1 and b"Traceback" not in proc.stderr
    assert proc.stderr.decode().startswith(f"{where}: error[RA120]"), proc.stderr.decode()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_as_configuration_is_ra120_not_a_hang(project):
    """Opening a FIFO waits for a writer for ever: the configuration is read as a regular file or not at all."""
    os.mkfifo(project / "pipe.toml")
    proc = run_cli("check", "--config", "pipe.toml", "site.ra", cwd=project)  # run_cli times out at 120 s
    assert proc.returncode == 1
    assert proc.stderr.decode().startswith(
        "pipe.toml:1:1: error[RA120]: cannot read the configuration file pipe.toml: it is a named pipe (FIFO)")


def test_unknown_keys_are_ra121_with_a_suggestion(project):
    (project / "pyproject.toml").write_text(
        '[tool.racompiler]\nignore-codes = ["RA603"]\n\n[tool.racompiler.per-path]\n"lab/*.ra" = ["RA690"]\n\n'
        '[[tool.racompiler.overrides]]\nfile = ["lab/*.ra"]\n', encoding="utf-8")
    proc = run_cli("check", "site.ra", cwd=project)
    err = proc.stderr.decode()
    assert proc.returncode == 1
    assert "pyproject.toml:2:1: error[RA121]: unknown key 'tool.racompiler.ignore-codes'" in err
    assert "= hint: did you mean 'ignore'?" in err
    assert "pyproject.toml:4:1: error[RA121]: unknown key 'tool.racompiler.per-path'" in err
    assert "pyproject.toml:8:1: error[RA121]: unknown key 'file' in tool.racompiler.overrides" in err
    assert "did you mean 'files'?" in err
    assert "pyproject.toml:7:1: error[RA122]: each [[tool.racompiler.overrides]] needs files" in err


def test_bad_values_are_ra122_at_the_value(project):
    (project / "racompiler.toml").write_text(
        'targets = ["heat", "ansibel"]\nansible-flavor = "kola"\nignore = ["RA603", "RA609"]\n'
        'error = ["RA603", "RA9999"]\ninclude = ["lib"]\ninclude-advisory = "yes"\n', encoding="utf-8")
    proc = run_cli("check", "--format", "json", "site.ra", cwd=project)
    assert proc.returncode == 1
    got = [(d["span"]["line"], d["span"]["column"], d["code"], d["message"], d["hint"])
           for d in json.loads(proc.stdout)["diagnostics"]]
    assert got == [
        (1, 20, "RA122", "unknown target 'ansibel'", "did you mean 'ansible'?"),
        (2, 18, "RA122", "ansible-flavor = 'kola' is not one of generic, kolla, openstack-ansible",
         "did you mean 'kolla'?"),
        (3, 20, "RA122", "RA609 (Heat: role without networks) is an error and cannot be ignored",
         "errors mean the input or the output would be wrong: fix the cause"),
        (4, 10, "RA122", "RA603 is both ignored and made an error", "keep one of the two"),
        (4, 19, "RA122", "'RA9999' in error is not a racompiler diagnostic code",
         "codes look like RA603; docs/diagnostics.md lists them"),
        (5, 12, "RA122", "include folder 'lib' does not exist (relative to racompiler.toml)", None),
        (6, 1, "RA122", "include-advisory must be true or false", None),
    ]


def test_a_list_of_the_wrong_type_is_ra122(project):
    (project / "racompiler.toml").write_text('ignore = "RA206"\noverrides = 3\n', encoding="utf-8")
    err = run_cli("check", "site.ra", cwd=project).stderr.decode()
    assert "racompiler.toml:1:1: error[RA122]: ignore must be a list of strings" in err
    assert '= hint: for example ignore = ["RA603"]' in err
    assert "racompiler.toml:2:1: error[RA122]: overrides must be an array of tables" in err


# --- robustness: no configuration file, however wrong, gets past as a traceback ----------------------

_settings = pytest.importorskip("hypothesis").settings
from hypothesis import HealthCheck, given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from racompiler.config import load_config  # noqa: E402
from racompiler.diagnostics import DiagnosticSink  # noqa: E402

_FUZZ = _settings(derandomize=True, deadline=None, database=None, max_examples=150,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
_KEYS = ["include", "targets", "ignore", "error", "overrides", "files", "ansible-flavor", "include-advisory",
         "tempest-list", "tool", "racompiler", "x"]
_scalars = st.one_of(st.integers(), st.booleans(), st.text(max_size=8), st.sampled_from(["RA206", "RA201", "heat"]))
_values = st.recursive(_scalars, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                        st.dictionaries(st.sampled_from(_KEYS), inner, max_size=3)),
                       max_leaves=8)


def _toml_value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, str)):
        return json.dumps(v)
    if isinstance(v, list):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    return "{" + ", ".join(f'"{k}" = {_toml_value(x)}' for k, x in v.items()) + "}"


def _assert_no_crash(path: Path) -> None:
    sink = DiagnosticSink()
    load_config(path, sink)  # raises nothing: an exception fails the test
    assert all(d.code in ("RA120", "RA121", "RA122") for d in sink.items)
    assert all(d.span.line >= 1 and d.span.column >= 1 for d in sink.items)


@_FUZZ
@given(st.dictionaries(st.sampled_from(_KEYS), _values, max_size=5), st.booleans())
def test_any_table_is_a_diagnostic_never_a_crash(tmp_path, table, pyproject):
    body = "".join(f'"{k}" = {_toml_value(v)}\n' for k, v in table.items())
    name = "pyproject.toml" if pyproject else "racompiler.toml"
    path = tmp_path / name
    path.write_text(("[tool.racompiler]\n" if pyproject else "") + body, encoding="utf-8")
    _assert_no_crash(path)


@_FUZZ
@given(st.text(max_size=200))
def test_any_text_is_a_diagnostic_never_a_crash(tmp_path, text):
    path = tmp_path / "racompiler.toml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    _assert_no_crash(path)


def test_a_racompiler_key_that_is_not_a_table_is_ra122(tmp_path):
    shutil.copy(UNUSED, tmp_path / "site.ra")
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool]\nracompiler = 3\n', encoding="utf-8")
    proc = run_cli("check", "--config", "pyproject.toml", "site.ra", cwd=tmp_path)
    assert proc.returncode == 1 and b"Traceback" not in proc.stderr
    assert proc.stderr.decode().startswith("pyproject.toml:5:1: error[RA122]: tool.racompiler must be a table")
