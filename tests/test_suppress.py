"""Inline suppression comments: where a directive applies, what it cannot suppress, and that
every command printing diagnostics honours it (check, check --target, build, plan).

The error fixtures RA123_unused_suppression.ra and RA124_malformed_suppression.ra check codes and
lines; this file checks the comment scanner and the behaviour through the real command line.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import REPO, run_cli
from racompiler.diagnostics import Diagnostic, DiagnosticSink, Severity, Span
from racompiler.diagnostics.suppress import apply_suppressions, parse_suppressions
from racompiler.syntax.source import scan_comments

ALLINONE = REPO / "architectures" / "allinone.ra"  # with -t heat: one RA604 warning at line 24

UNUSED_PARAM = 'parameter spare {{{trailing}\n  type = int\n  default = 1\n}}\n'


def _diag(line: int, code: str = "RA206") -> Diagnostic:
    return Diagnostic(code, Severity.WARNING, "w", Span("a.ra", line, 1, line, 2))


# --- the scanner ----------------------------------------------------------------------------------

def test_scan_comments_skips_strings_and_tells_trailing_from_own_line():
    text = ('a = "# not a comment" # trailing\n'
            '# own line\n'
            '\n'
            'b = """doc\n# inside a doc string\n"""  // slashes\n')
    comments, code_lines = scan_comments(text)
    assert [(c.line, c.column, c.text, c.trailing) for c in comments] == [
        (1, 23, "# trailing", True), (2, 1, "# own line", False), (6, 6, "// slashes", True)]
    assert code_lines == {1, 4, 5, 6}  # lines 2-3 hold no code; a multi-line string's lines do


def test_own_line_directive_applies_to_the_next_code_line():
    text = ("# racompiler: ignore[RA206] first\n"
            "\n"
            "# another comment\n"
            "# racompiler: ignore[RA505] stacked\n"
            "parameter x {\n")
    sups = parse_suppressions("a.ra", text, DiagnosticSink())
    assert [(s.code, s.line, s.span.line, s.span.column) for s in sups] == [
        ("RA206", 5, 1, 22), ("RA505", 5, 4, 22)]


def test_a_suppression_drops_only_its_code_on_its_line():
    sources = {"a.ra": "parameter a {  # racompiler: ignore[RA206]\n}\nparameter b {\n}\n"}
    kept = apply_suppressions([_diag(1), _diag(1, "RA505"), _diag(3)], sources, judge_unused=True,
                              targets_ran=False)
    assert [(d.span.line, d.code) for d in kept] == [(1, "RA505"), (3, "RA206")]


def test_unused_target_codes_are_judged_only_when_targets_ran():
    sources = {"a.ra": "role r {  # racompiler: ignore[RA603, RA206]\n}\n"}
    without = apply_suppressions([], sources, judge_unused=True, targets_ran=False)
    assert [(d.code, d.message.split()[0]) for d in without] == [("RA123", "RA206")]
    ran = apply_suppressions([], sources, judge_unused=True, targets_ran=True)
    assert sorted(d.message.split()[0] for d in ran) == ["RA206", "RA603"]
    incomplete = apply_suppressions([], sources, judge_unused=False, targets_ran=True)
    assert incomplete == []


def test_the_catalog_and_mappings_are_not_scanned():
    text = "x  # racompiler: nonsense\n"
    for path in ("<catalog>/openstack.ra", "web.mapping.yml"):
        assert apply_suppressions([], {path: text}, judge_unused=True, targets_ran=True) == []
    assert [d.code for d in apply_suppressions([], {"a.ra": text}, judge_unused=True, targets_ran=True)] == ["RA124"]


# --- through the command line ----------------------------------------------------------------------

def test_strict_counts_only_unsuppressed_warnings(tmp_path):
    (tmp_path / "a.ra").write_text(UNUSED_PARAM.format(trailing=""), encoding="utf-8")
    assert run_cli("check", "--strict", "a.ra", cwd=tmp_path).returncode == 1
    (tmp_path / "a.ra").write_text(UNUSED_PARAM.format(trailing="  # racompiler: ignore[RA206] lab only"),
                                   encoding="utf-8")
    proc = run_cli("check", "--strict", "a.ra", cwd=tmp_path)
    assert proc.returncode == 0 and proc.stderr == b"checked 1 file(s): no problems\n"


def _suppress_line(src: Path, dest: Path, line: int, code: str) -> None:
    lines = src.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[line - 1] = lines[line - 1].rstrip("\n") + f"  # racompiler: ignore[{code}] virtual NICs are fine\n"
    dest.write_text("".join(lines), encoding="utf-8")


def test_target_warnings_are_suppressed_in_check_and_build(tmp_path):
    plain = run_cli("check", "--format", "json", "-t", "heat", str(ALLINONE))
    [ra604] = json.loads(plain.stdout)["diagnostics"]
    assert (ra604["code"], ra604["span"]["line"], ra604["target"]) == ("RA604", 24, "heat")
    _suppress_line(ALLINONE, tmp_path / "site.ra", 24, "RA604")
    checked = run_cli("check", "--strict", "-t", "heat", "site.ra", cwd=tmp_path)
    assert checked.returncode == 0, checked.stderr.decode()
    built = run_cli("build", "site.ra", "-t", "heat", "-o", "out", cwd=tmp_path)
    assert built.returncode == 0 and b"RA604" not in built.stderr and b"RA123" not in built.stderr
    # Without the target nothing raises RA604, and the suppression is not called unused.
    assert run_cli("check", "--strict", "site.ra", cwd=tmp_path).returncode == 0
    # With a target that does not raise it, it is.
    other = run_cli("check", "--format", "json", "-t", "interop", "site.ra", cwd=tmp_path)
    assert [(d["code"], d["span"]["line"]) for d in json.loads(other.stdout)["diagnostics"]] == [("RA123", 24)]


def test_plan_prints_no_suppressed_warning(tmp_path):
    (tmp_path / "a.ra").write_text(
        "component web {\n  role server {\n    min = 1\n  }\n}\n" + UNUSED_PARAM.format(trailing="")
        + "role r {\n  count = 1\n  runs = [web.server]\n}\n", encoding="utf-8")
    assert b"warning[RA206]" in run_cli("plan", "a.ra", cwd=tmp_path).stderr
    text = (tmp_path / "a.ra").read_text(encoding="utf-8")
    (tmp_path / "a.ra").write_text(text.replace("parameter spare {", "# racompiler: ignore[RA206]\nparameter spare {"),
                                   encoding="utf-8")
    proc = run_cli("plan", "a.ra", cwd=tmp_path)
    assert proc.returncode == 0 and proc.stderr == b""


def test_an_unused_suppression_can_be_made_an_error(tmp_path):
    shutil.copy(REPO / "tests" / "fixtures" / "errors" / "RA123_unused_suppression.ra", tmp_path / "a.ra")
    assert run_cli("check", "a.ra", cwd=tmp_path).returncode == 0
    proc = run_cli("check", "--error", "RA123", "a.ra", cwd=tmp_path)
    assert proc.returncode == 1 and proc.stderr.decode().count("error[RA123]") == 5


# --- robustness ---------------------------------------------------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_PIECES = st.sampled_from(["# racompiler: ignore[", "RA206", "RA201", ",", "]", " ", "\n", '"', '"""', "//",
                           "#", "racompiler:", "x = 1", "ignore", "[", "\r\n", "é"])


@settings(derandomize=True, deadline=None, database=None, max_examples=300,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_any_text_scans_without_a_crash(text):
    lines = text.count("\n") + 1
    out = apply_suppressions([_diag(1), _diag(2)], {"a.ra": text}, judge_unused=True, targets_ran=True)
    assert {d.code for d in out} <= {"RA206", "RA123", "RA124"}
    for d in out:
        if d.code == "RA206":
            continue
        assert 1 <= d.span.line <= lines and d.span.column >= 1 and d.span.end_column > d.span.column
