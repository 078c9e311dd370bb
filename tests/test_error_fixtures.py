"""Every diagnostic code has a fixture that triggers it, on the line the fixture says.

Conventions (see tests/fixtures/errors/):

- ``<CODE>_<slug>.ra``: one RA file; each offending line ends with ``# expect: CODE[, CODE]``. The
  primary span of each diagnostic must start on its marker's line, and the set of
  (file, line, code) reported inside the fixture must equal the set the markers declare: a missing
  diagnostic and an unexpected extra one both fail.
- ``<CODE>_<slug>/main.ra``: a folder fixture, for codes that need imports. Markers may sit in
  any ``.ra`` or ``.mapping.yml`` (a user module's realisation mapping) file of the folder;
  ``main.ra`` is compiled.
- A first line ``# target: NAME [--option value ...]`` builds the compiled plan with that target
  (as ``check --target`` does: its emit, then its consumption ledger) and adds the target's
  diagnostics (RA6xx).
- Markers are read from the bytes decoded leniently, so a fixture that is deliberately not UTF-8
  still carries one. A file that cannot hold any text (the empty file) is listed in
  :data:`SIDECAR_EXPECTATIONS` instead.
- Inputs that cannot be committed (a file over 8 MiB, a missing file, a directory) are generated
  in ``tmp_path`` by the tests at the end of this module (:data:`GENERATED`).
"""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path
from typing import Callable

import pytest

from conftest import REPO
from racompiler.api import compile_file
from racompiler.diagnostics import Diagnostic, DiagnosticSink, Severity
from racompiler.diagnostics.codes import CODES
from racompiler.syntax.source import MAX_FILE_BYTES

ERRORS = REPO / "tests" / "fixtures" / "errors"
MANY = REPO / "tests" / "fixtures" / "many"
DOCS = REPO / "docs" / "diagnostics.md"

MARKER = re.compile(r"#\s*expect:\s*(RA\d{3}(?:\s*,\s*RA\d{3})*)\s*$")
TARGET_HEADER = re.compile(r"#\s*target:\s*(.+)$")
FIXTURE_NAME = re.compile(r"^(RA\d{3})_[a-z0-9_]+(\.ra)?$")

Expectation = set[tuple[str, int, str]]  # (path relative to the fixture root, line, code)

# Fixtures that cannot carry a marker: (file, line, code) per fixture name.
SIDECAR_EXPECTATIONS: dict[str, Expectation] = {
    # Any text, even a comment, would make the file non-empty.
    "RA108_empty_file.ra": {("RA108_empty_file.ra", 1, "RA108")},
}


def _escape_link(root: Path, tmp_path: Path) -> None:
    """RA205: ``shared`` is a symlink to a folder outside the RA's folder (never committed)."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "networks.ra").write_text('network admin {\n  cidr = "192.168.124.0/24"\n}\n', encoding="utf-8")
    (root / "shared").symlink_to(outside, target_is_directory=True)


# Fixtures that need something created at test time; they are compiled from a copy in tmp_path.
SETUP: dict[str, Callable[[Path, Path], None]] = {
    "RA205_symlink_escape": _escape_link,
}

# Fixtures written as the diagnostics *should* be, failing because of a known compiler bug.
# strict=True: when the bug is fixed the test passes, pytest reports XPASS as a failure, and the
# entry must be removed.
KNOWN_BUGS: dict[str, str] = {}


def fixture_roots() -> list[Path]:
    """Every error fixture: ``*.ra`` files and ``<CODE>_<slug>/`` folders."""
    return sorted(p for p in ERRORS.iterdir() if p.suffix == ".ra" or (p.is_dir() and (p / "main.ra").is_file()))


def _id(p: Path) -> str:
    return p.name.removesuffix(".ra")


def read_markers(root: Path) -> Expectation:
    """The (file, line, code) set declared by ``# expect:`` markers (or the sidecar)."""
    if root.name in SIDECAR_EXPECTATIONS:
        return set(SIDECAR_EXPECTATIONS[root.name])
    files = [root] if root.is_file() else sorted([*root.rglob("*.ra"), *root.rglob("*.mapping.yml")])
    out: Expectation = set()
    for f in files:
        text = f.read_bytes().decode("utf-8", errors="replace")
        rel = f.name if root.is_file() else f.relative_to(root).as_posix()
        for lineno, line in enumerate(text.splitlines(), start=1):
            m = MARKER.search(line)
            if m:
                out.update((rel, lineno, code.strip()) for code in m.group(1).split(","))
    return out


def _target_header(main: Path) -> tuple[str, dict] | None:
    """``# target: NAME --opt value --flag`` on the first line, as (name, build options)."""
    first = main.read_bytes().split(b"\n", 1)[0].decode("utf-8", errors="replace")
    m = TARGET_HEADER.match(first)
    if not m:
        return None
    from racompiler.targets import registry

    name, *args = shlex.split(m.group(1))
    assert name in registry(), f"{main.name}: unknown target '{name}'"
    specs = {o.flag: o for o in registry()[name].options}
    options = {o.dest: o.default for o in specs.values()}  # as `racompiler build` passes them
    while args:
        flag = args.pop(0)
        assert flag in specs, f"{main.name}: target {name} has no option {flag}"
        options[specs[flag].dest] = True if specs[flag].is_flag else args.pop(0)
    return name, options


def diagnose(root: Path) -> tuple[list[Diagnostic], dict[str, str]]:
    """Compile a fixture (and build it with its target, if any): diagnostics and sources."""
    main = root if root.is_file() else root / "main.ra"
    result = compile_file(str(main))
    diags = list(result.diagnostics)
    header = _target_header(main)
    if header is not None:
        from racompiler.emit import emit_targets
        from racompiler.targets import get_target

        assert result.plan is not None, f"{main.name} must compile cleanly before its target runs: {diags}"
        sink = DiagnosticSink()
        emit_targets(result.plan, [get_target(header[0], header[1])], sink)  # as `check --target` runs it
        diags.extend(sink.sorted())
    return diags, result.sources


def reported(root: Path, diags: list[Diagnostic]) -> Expectation:
    """(file, line, code) of every diagnostic whose primary span lies in the fixture."""
    base = root.resolve()
    out: Expectation = set()
    for d in diags:
        where = (Path.cwd() / d.span.file).resolve()
        if root.is_file() and where == base:
            out.add((root.name, d.span.line, d.code))
        elif root.is_dir() and where.is_relative_to(base):
            out.add((where.relative_to(base).as_posix(), d.span.line, d.code))
    return out


def _prepared(root: Path, tmp_path: Path) -> Path:
    setup = SETUP.get(_id(root))
    if setup is None:
        return root
    copy = tmp_path / root.name
    if root.is_dir():
        shutil.copytree(root, copy)
    else:
        shutil.copy(root, copy)
    setup(copy, tmp_path)
    return copy


def _params(roots: list[Path]) -> list:
    return [pytest.param(r, id=_id(r), marks=[pytest.mark.xfail(strict=True, reason=KNOWN_BUGS[_id(r)])]
                         if _id(r) in KNOWN_BUGS else []) for r in roots]


def assert_fixture(root: Path) -> None:
    expected = read_markers(root)
    assert expected, f"{root.name} declares no '# expect:' marker"
    diags, _ = diagnose(root)
    actual = reported(root, diags)
    missing, extra = sorted(expected - actual), sorted(actual - expected)
    assert not missing and not extra, (
        f"{root.name}: missing {missing}, unexpected {extra}\n"
        + "\n".join(f"  {d.span} {d.code} {d.message}" for d in diags))


# -- the fixtures ---------------------------------------------------------------------------------
@pytest.mark.parametrize("root", _params(fixture_roots()))
def test_error_fixture(root: Path, tmp_path: Path) -> None:
    assert_fixture(_prepared(root, tmp_path))


@pytest.mark.parametrize("root", fixture_roots(), ids=_id)
def test_fixture_is_named_after_a_code_it_expects(root: Path) -> None:
    m = FIXTURE_NAME.match(root.name)
    assert m, f"{root.name}: name it <CODE>_<lowercase_slug>"
    codes = {code for _f, _l, code in read_markers(root)}
    assert m.group(1) in codes, f"{root.name} does not expect {m.group(1)}"
    assert codes <= set(CODES), f"{root.name} expects unregistered codes {sorted(codes - set(CODES))}"


# -- inputs generated at test time ---------------------------------------------------------------
def _too_large(tmp_path: Path) -> Path:
    path = tmp_path / "huge.ra"
    line = b"# " + b"x" * 1022 + b"\n"
    path.write_bytes(line * (MAX_FILE_BYTES // len(line) + 1))
    assert path.stat().st_size > MAX_FILE_BYTES
    return path


def _missing(tmp_path: Path) -> Path:
    return tmp_path / "no_such_file.ra"


def _directory(tmp_path: Path) -> Path:
    path = tmp_path / "folder.ra"
    path.mkdir()
    return path


def _binary(tmp_path: Path) -> Path:
    path = tmp_path / "image.ra"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10")
    return path


# code -> (case name, input maker); each expects exactly that code at line 1 of the input.
GENERATED: list[tuple[str, str, Callable[[Path], Path]]] = [
    ("RA105", "larger_than_8_mib", _too_large),
    ("RA104", "missing_file", _missing),
    ("RA104", "directory", _directory),
    ("RA104", "binary_junk", _binary),
]


@pytest.mark.parametrize(("code", "maker"), [pytest.param(c, m, id=f"{c}_{n}") for c, n, m in GENERATED])
def test_generated_input(code: str, maker: Callable[[Path], Path], tmp_path: Path) -> None:
    path = maker(tmp_path)
    result = compile_file(str(path))
    assert [(d.code, d.span.line) for d in result.diagnostics] == [(code, 1)], result.diagnostics
    assert result.diagnostics[0].severity is Severity.ERROR


# -- coverage of the registry ---------------------------------------------------------------------
def _fixture_codes() -> set[str]:
    return {code for r in fixture_roots() for _f, _l, code in read_markers(r)}


# Codes that no compiled input can trigger (those raised only by ``racompiler verify``, say), each
# with the test that triggers it instead: "tests/test_x.py::test_name".
COVERED_BY_TESTS: dict[str, str] = {
    "RA618": "tests/test_target_heat.py::test_missing_heat_says_how_to_install",
    "RA619": "tests/test_target_heat.py::test_harness_catches_broken_template",
    "RA636": "tests/test_target_crowbar.py::test_verifier_reports_a_folder_without_order_json",
    "RA637": "tests/test_target_crowbar.py::test_verifier_without_pykwalify_says_so",
    "RA638": "tests/test_target_crowbar.py::test_verifier_rejects_an_order_that_commits_a_dependency_late",
    "RA639": "tests/test_target_crowbar.py::test_verifier_rejects_a_corrupted_proposal",
    "RA658": "tests/test_target_ansible.py::test_verify_without_ansible_reports_ra658",
    "RA659": "tests/test_target_ansible.py::test_verify_reports_ra659_for_a_broken_project",
    # `racompiler interop score`: the results of a Tempest run and a build folder, not an RA.
    "RA670": "tests/test_interop_score.py::test_input_that_is_not_results_is_ra670",
    "RA671": "tests/test_interop_score.py::test_a_truncated_stream_is_ra671",
    "RA672": "tests/test_interop_score.py::test_json_that_is_not_refstack_results_is_ra672",
    "RA673": "tests/test_interop_score.py::test_a_folder_that_cannot_be_scored_is_ra673",
    "RA674": "tests/test_interop_score.py::test_a_foreign_stream_is_ra674",
    # The output folder of `build -o`: a state of the file system, not of the input.
    "RA801": "tests/test_write_all.py::test_output_folder_holding_the_input_is_refused",
    "RA802": "tests/test_write_all.py::test_a_foreign_target_folder_is_refused",
    "RA803": "tests/test_write_all.py::test_notes_in_the_output_folder_are_refused",
    "RA804": "tests/test_write_all.py::test_another_build_writing_into_the_folder_is_refused",
    # The configuration file is not an RA: its tests build projects in tmp_path.
    "RA120": "tests/test_config.py::test_invalid_toml_is_ra120_at_the_line_tomllib_gives",
    "RA121": "tests/test_config.py::test_unknown_keys_are_ra121_with_a_suggestion",
    "RA122": "tests/test_config.py::test_bad_values_are_ra122_at_the_value",
    # Binding needs an inventory beside the RA: tests/fixtures/binding/<CODE>_<slug>/ fixtures.
    **{code: "tests/test_binding.py::test_binding_fixture"
       for code in ("RA520", "RA521", "RA522", "RA523", "RA524", "RA525", "RA526", "RA527", "RA528", "RA529")},
}


def test_every_code_has_a_fixture() -> None:
    covered = _fixture_codes() | {code for code, _n, _m in GENERATED} | set(COVERED_BY_TESTS)
    wanted = {c for c in CODES if not c.startswith("RA9")}  # RA9xx: see the internal-error tests
    assert not wanted - covered, f"codes without a fixture: {sorted(wanted - covered)}"


def test_codes_covered_elsewhere_name_a_real_test() -> None:
    for code, where in COVERED_BY_TESTS.items():
        path, _, name = where.partition("::")
        text = (REPO / path).read_text(encoding="utf-8")
        assert re.search(rf"^def {re.escape(name)}\(", text, re.M), f"{code}: no test {where}"
        assert code in text, f"{code}: {path} never mentions the code it is said to cover"


def test_every_code_is_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    sections = dict(re.findall(r"^### (RA\d{3})\n(.*?)(?=^#{1,3} |\Z)", text, re.S | re.M))
    assert not set(CODES) - set(sections), f"undocumented codes: {sorted(set(CODES) - set(sections))}"
    for code, info in CODES.items():
        assert info.title in sections[code], f"docs for {code} do not give its title '{info.title}'"
        assert "```" in sections[code], f"docs for {code} have no example"
    assert not set(sections) - set(CODES), f"documented but unregistered: {sorted(set(sections) - set(CODES))}"


# -- internal errors -----------------------------------------------------------------------------
def _explode(*_args, **_kwargs):
    raise RuntimeError("resolver exploded")


def test_internal_error_is_a_diagnostic_not_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    import racompiler.semantic.resolve
    from racompiler.cli import main

    monkeypatch.delenv("RACOMPILER_DEBUG", raising=False)
    monkeypatch.setattr(racompiler.semantic.resolve, "resolve", _explode)
    example = str(REPO / "architectures" / "allinone.ra")
    result = compile_file(example)
    assert [d.code for d in result.diagnostics] == ["RA901"]
    assert "RuntimeError: resolver exploded" in result.diagnostics[0].message
    run = CliRunner().invoke(main, ["check", example])
    assert run.exit_code == 1
    assert "error[RA901]: internal compiler error" in run.output
    assert "Traceback" not in run.output
    assert isinstance(run.exception, SystemExit)  # a clean exit 1, not an escaped exception


def test_internal_error_traceback_on_request(monkeypatch: pytest.MonkeyPatch) -> None:
    import racompiler.semantic.resolve

    monkeypatch.setenv("RACOMPILER_DEBUG", "1")
    monkeypatch.setattr(racompiler.semantic.resolve, "resolve", _explode)
    (diag,) = compile_file(str(REPO / "architectures" / "allinone.ra")).diagnostics
    assert diag.code == "RA901" and "Traceback (most recent call last)" in diag.message


# -- many mistakes in one run ---------------------------------------------------------------------
def test_twenty_independent_mistakes_are_all_reported() -> None:
    root = MANY / "twenty_mistakes.ra"
    assert len(read_markers(root)) == 20
    assert_fixture(root)
    diags, _ = diagnose(root)
    assert len(diags) == 20, "one diagnostic per mistake, no follow-on noise"


def test_three_syntax_errors_are_all_reported() -> None:
    root = MANY / "three_syntax_errors.ra"
    assert len({line for _f, line, _c in read_markers(root)}) == 3
    assert_fixture(root)


# -- rendering of fixture diagnostics -------------------------------------------------------------
@pytest.mark.parametrize("name", ["RA101_missing_equals.ra", "RA102_single_quotes.ra", "RA103_unclosed_block.ra"])
def test_syntax_errors_show_a_caret_excerpt(name: str) -> None:
    from racompiler.diagnostics.render import render_human

    diags, sources = diagnose(ERRORS / name)
    text = render_human(diags, sources)
    assert re.search(r"^\s*\d+ \| .*\n\s+\| *\^+$", text, re.M), text
