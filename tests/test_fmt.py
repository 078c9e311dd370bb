"""``racompiler fmt``: the canonical layout, its guarantees on every shipped file, and the command.

The guarantees, checked on every shipped ``.ra`` and every fixture that parses: formatting is
idempotent and deterministic, keeps every comment (in order) and every doc string, and never
changes what the file means (same syntax tree, spans aside, and the same compiled model, plan and
diagnostics, positions aside).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from conftest import REPO, run_cli
from fmt_support import compile_both, compiled_shape, reading_formatted
from racompiler.api import compile_file
from racompiler.fmt import WIDTH, format_source, syntax_shape
from racompiler.fmt.comments import comment_texts
from racompiler.diagnostics import DiagnosticSink
from racompiler.syntax.load import parse_source
from racompiler.syntax.source import Source, blank_strings_and_comments

SHIPPED = sorted((REPO / "architectures").rglob("*.ra"))
# Every fixture that is valid UTF-8 and parses; the syntax-error fixtures are refused (tested below).
FIXTURES = sorted(p for p in (REPO / "tests" / "fixtures").rglob("*.ra") if p.is_file())
# The files a user compiles (examples and the octavia user module's cloud); the catalog and the
# octavia module are compiled through their imports.
ROOTS = sorted((REPO / "architectures").glob("*.ra")) + [REPO / "architectures/modules/trove/dbaas_cloud.ra"]


def fmt(text: str) -> str:
    result = format_source(text, "t.ra")
    assert result.text is not None, [d.message for d in result.diagnostics]
    return result.text


def shape(text: str):
    sink = DiagnosticSink()
    module = parse_source(Source("t.ra", text), sink)
    assert module is not None and not sink.has_errors, [d.message for d in sink.items]
    return syntax_shape(module)


def _rel(p: Path) -> str:
    return str(p.relative_to(REPO))


def _parses(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return False
    return format_source(text, str(path)).ok


CLEAN_FIXTURES = [p for p in FIXTURES if _parses(p)]


# --- the layout, rule by rule --------------------------------------------------------------

@pytest.mark.parametrize("src, want", [
    # spacing and indentation
    ('role  web{count=3\nhardware   =hw}', "role web {\n  count = 3\n  hardware = hw\n}\n"),
    ("a{\n\tb {\n\t\tc=1}}", "a {\n  b {\n    c = 1\n  }\n}\n"),
    ("modify role r { networks+=[a]\nruns -= [b] }", "modify role r {\n  networks += [a]\n  runs -= [b]\n}\n"),
    # empty blocks stay on the header line; one statement per line
    ("interface x   {\n\n}", "interface x {}\n"),
    ('network n { cidr = "10.0.0.0/24" vlan = 3 }', 'network n {\n  cidr = "10.0.0.0/24"\n  vlan = 3\n}\n'),
    # values: refs, ranges, sizes, maps, calls; strings and numbers exactly as written
    ("x {\n  r = nova . compute\n  g = 1 .. 1000\n  m = 128GiB\n  s = 10\tGbps\n}",
     "x {\n  r = nova.compute\n  g = 1..1000\n  m = 128 GiB\n  s = 10 Gbps\n}\n"),
    ('x {\n  b = {a="x" ,"b c"=1}\n  e = { }\n  l = [ ]\n  t = enum( a ,b )\n}',
     'x {\n  b = { a = "x", "b c" = 1 }\n  e = {}\n  l = []\n  t = enum(a, b)\n}\n'),
    ('x {\n  n = 1.50e3\n  s = "a\\u0041\\"b"\n}', 'x {\n  n = 1.50e3\n  s = "a\\u0041\\"b"\n}\n'),
    ('x "d" {\n  d = """ keep\n   this   \n"""\n}', 'x "d" {\n  d = """ keep\n   this   \n"""\n}\n'),
    # imports and extends
    ("import  a . b\nextends   \"../base.ra\"", 'import a.b\nextends "../base.ra"\n'),
    # blank lines: at most one, none after { or before }, none at the start or end of the file
    ("\n\n\nx {\n\n\n  a = 1\n\n\n\n  b = 2\n\n}\n\n\n", "x {\n  a = 1\n\n  b = 2\n}\n"),
    # top level: a multi-line block is set apart; one-line blocks may stay together
    ("interface a {}\ninterface b {}\nrole r {\n  count = 1\n}\nrole s {\n  count = 1\n}",
     "interface a {}\ninterface b {}\n\nrole r {\n  count = 1\n}\n\nrole s {\n  count = 1\n}\n"),
    ("import a\nimport b\ninterface x {}", "import a\nimport b\n\ninterface x {}\n"),
    # ...but inside a block neighbours stay as written
    ("c {\n  role a {\n    min = 1\n  }\n  role b {\n    min = 1\n  }\n}",
     "c {\n  role a {\n    min = 1\n  }\n  role b {\n    min = 1\n  }\n}\n"),
    # line ends and a byte-order mark
    ("x {\r\n  a = 1\r\n}\r\n", "x {\n  a = 1\n}\n"),
    # an empty file, and a file of comments only
    ("", ""),
    ("  # just a note   \n\n\n// another\n", "# just a note\n\n// another\n"),
])
def test_layout(src, want):
    assert fmt(src) == want
    assert fmt(want) == want


def test_short_list_stays_on_one_line_long_list_explodes():
    short = "r {\n  runs = [a.b, c.d]\n}\n"
    assert fmt(short) == short
    names = [f"component{i}.server" for i in range(8)]
    flat = "r {\n  runs = [" + ", ".join(names) + "]\n}\n"
    assert len(flat.splitlines()[1]) > WIDTH
    assert fmt(flat) == "r {\n  runs = [\n" + "".join(f"    {n},\n" for n in names) + "  ]\n}\n"


def test_width_limit_is_inclusive():
    # A line of exactly WIDTH columns fits; one more column explodes the list.
    def line(n: int) -> str:
        head = "  requires = ["
        item = "x" * (n - len(head) - 1)
        return f"c {{\n{head}{item}]\n}}\n"

    assert len(line(WIDTH).splitlines()[1]) == WIDTH
    assert fmt(line(WIDTH)) == line(WIDTH)
    assert fmt(line(WIDTH + 1)).count("\n") == 5


def test_trailing_comma_keeps_a_list_exploded_and_its_absence_joins_it():
    exploded = "r {\n  runs = [\n    a,\n    b,\n  ]\n}\n"
    assert fmt("r {\n  runs = [a, b,]\n}") == exploded
    assert fmt(exploded) == exploded
    assert fmt("r {\n  runs = [\n    a,\n    b\n  ]\n}") == "r {\n  runs = [a, b]\n}\n"


def test_nested_values_explode_from_the_outside_in():
    inner = ", ".join(f'"value{i}"' for i in range(6))
    src = f"x {{\n  m = {{ first = [{inner}], second = [{inner}] }}\n}}\n"
    want = (f"x {{\n  m = {{\n    first = [{inner}],\n    second = [{inner}],\n  }}\n}}\n")
    assert fmt(src) == want
    calls = "c {\n  requires = [" + ", ".join(f"optional(interface_number_{i})" for i in range(5)) + "]\n}\n"
    assert fmt(calls).splitlines()[2] == "    optional(interface_number_0),"


COMMENTED = """\
# file header

import openstack # why
// slashes too
role # in the header
  compute "doc # not a comment" { # on the opener
  count=3# trailing
  x = # between key and value
    5


  runs = [ # on the bracket
    nova.compute, # first
    # before the second

    a.b # second
    , 1 ..
    # inside a range
    3,
    # before the closer
  ]
  t = enum(a, b # in a call
  )
} // after the block
# at the end

"""

COMMENTED_FORMATTED = """\
# file header

import openstack  # why

// slashes too
# in the header
role compute "doc # not a comment" {  # on the opener
  count = 3  # trailing
  # between key and value
  x = 5

  runs = [  # on the bracket
    nova.compute,  # first
    # before the second

    a.b,  # second
    # inside a range
    1..3,
    # before the closer
  ]
  t = enum(
    a,
    b,  # in a call
  )
}  // after the block
# at the end
"""


def test_comments_everywhere_are_kept_in_order():
    assert fmt(COMMENTED) == COMMENTED_FORMATTED
    assert fmt(COMMENTED_FORMATTED) == COMMENTED_FORMATTED
    assert comment_texts(COMMENTED_FORMATTED) == [c.rstrip() for c in comment_texts(COMMENTED)]
    assert shape(COMMENTED_FORMATTED) == shape(COMMENTED)


def test_comment_only_bodies_are_not_collapsed():
    for src in ("x {  # note\n}\n", "x {\n  # note\n}\n", "x {\n  l = [\n    # note\n  ]\n}\n"):
        assert fmt(src) == src


def test_comment_markers_inside_strings_are_text():
    src = 'x "a # b" {\n  url = "http://h//p"\n}\n'
    assert fmt(src) == src
    assert comment_texts(src) == []


# --- every shipped file and fixture ---------------------------------------------------------

@pytest.mark.parametrize("path", SHIPPED + CLEAN_FIXTURES, ids=_rel)
def test_guarantees_on_shipped_and_fixture_files(path):
    text = path.read_text(encoding="utf-8")
    once = format_source(text, str(path))
    assert once.ok, [d.message for d in once.diagnostics]
    out = once.text
    assert fmt(out) == out, "not idempotent"
    assert format_source(text, str(path)).text == out, "not deterministic"
    assert comment_texts(out) == [c.rstrip() for c in comment_texts(text)], "comments lost or reordered"
    assert shape(out) == shape(text), "the syntax tree changed"
    assert (out.endswith("\n") or not text.strip()) and "\r" not in out and "\t" not in blank_strings_and_comments(out)
    assert not re.search(r"[ \t]\n", re.sub(r'"""(?:.|\n)*?"""', '""', out)), "trailing white space"
    for line in blank_strings_and_comments(out).splitlines():
        if len(line) > WIDTH:  # only a line that holds no list, map or call left to explode
            assert not re.search(r"[\[({]\s*[^\s\])}]", line), line


def test_every_clean_fixture_is_covered():
    # The syntax-error fixtures (and the one that is not UTF-8) are the only ones left out.
    left_out = {p.name for p in FIXTURES} - {p.name for p in CLEAN_FIXTURES}
    assert left_out and all(re.match(r"RA10\d_", n) or n == "three_syntax_errors.ra" for n in left_out), left_out
    assert len(CLEAN_FIXTURES) > 90


@pytest.mark.parametrize("path", ROOTS, ids=_rel)
def test_formatting_never_changes_the_compiled_model(path):
    before, after, seen = compile_both(path)
    assert before[0] is not None and before[1] is not None, "the example must compile"
    assert after == before
    if path.name != "hadoop_cluster.ra":  # the others import the catalog: it was formatted too
        assert any(s.endswith("/openstack.ra") for s in seen), seen


def test_the_model_comparison_sees_a_change():
    # The comparison above must be able to fail: a one-character change to a value shows.
    path = REPO / "architectures" / "dell_openstack.ra"
    before = compiled_shape(compile_file(str(path)))
    with reading_formatted(lambda _p, t: t.replace("vlan = 300", "vlan = 301")):
        assert compiled_shape(compile_file(str(path))) != before
    with reading_formatted(lambda _p, t: t.replace('"Public API endpoints', '"Public  API endpoints')):
        assert compiled_shape(compile_file(str(path))) != before


@pytest.mark.parametrize("path", [p for p in CLEAN_FIXTURES if "errors" in p.parts or "many" in p.parts],
                         ids=_rel)
def test_formatting_never_changes_the_diagnostics(path):
    before, after, _seen = compile_both(path)
    assert after == before


def test_shipped_files_are_formatted():
    proc = run_cli("fmt", "--check", "architectures")
    assert proc.returncode == 0, proc.stderr.decode()


# --- refusals --------------------------------------------------------------------------------

@pytest.mark.parametrize("src, code", [
    ("role x {\n  count = \n}\n", "RA101"),
    ("x {\n  a = 'q'\n}\n", "RA102"),
    ("x {\n  a = [1,\n", "RA103"),
    ('x {\n  a = "\\q"\n}\n', "RA107"),
])
def test_syntax_errors_are_reported_not_formatted(src, code):
    result = format_source(src, "bad.ra")
    assert result.text is None and not result.changed
    assert code in [d.code for d in result.diagnostics]


# --- the command -----------------------------------------------------------------------------

UGLY = "role web{count=3}\n"
PRETTY = "role web {\n  count = 3\n}\n"


@pytest.fixture
def tree(tmp_path) -> Path:
    (tmp_path / "sub").mkdir()
    (tmp_path / "ugly.ra").write_text(UGLY)
    (tmp_path / "sub" / "pretty.ra").write_text(PRETTY)
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "skip.ra").write_text(UGLY)
    return tmp_path


def test_check_lists_what_would_change_and_writes_nothing(tree):
    proc = run_cli("fmt", "--check", ".", cwd=tree)
    err = proc.stderr.decode()
    assert proc.returncode == 1, err
    assert "would reformat ugly.ra" in err and "pretty.ra" not in err and "skip.ra" not in err
    assert "1 file would be reformatted, 1 file already formatted" in err
    assert proc.stdout == b""
    assert (tree / "ugly.ra").read_text() == UGLY
    assert run_cli("fmt", "--check", "sub", cwd=tree).returncode == 0


def test_diff_prints_a_unified_diff_and_writes_nothing(tree):
    proc = run_cli("fmt", "--diff", "ugly.ra", "sub/pretty.ra", cwd=tree)
    assert proc.returncode == 1
    out = proc.stdout.decode()
    assert out.startswith("--- ugly.ra\n+++ ugly.ra (formatted)\n")
    assert "-role web{count=3}\n+role web {\n+  count = 3\n+}\n" in out
    assert (tree / "ugly.ra").read_text() == UGLY


def test_rewrite_changes_only_what_needs_it_and_keeps_the_mode(tree):
    os.chmod(tree / "ugly.ra", 0o640)
    pretty = tree / "sub" / "pretty.ra"
    before = pretty.stat().st_mtime_ns
    os.utime(pretty, ns=(before - 10**9, before - 10**9))
    untouched = pretty.stat().st_mtime_ns
    proc = run_cli("fmt", ".", cwd=tree)
    assert proc.returncode == 0, proc.stderr.decode()
    assert "reformatted ugly.ra" in proc.stderr.decode()
    assert (tree / "ugly.ra").read_text() == PRETTY
    assert (tree / "ugly.ra").stat().st_mode & 0o777 == 0o640
    assert pretty.stat().st_mtime_ns == untouched, "an already formatted file was rewritten"
    assert (tree / ".hidden" / "skip.ra").read_text() == UGLY
    assert sorted(p.name for p in tree.rglob("*") if "tmp" in p.name) == []
    assert run_cli("fmt", "--check", ".", cwd=tree).returncode == 0


def test_a_symbolic_link_stays_a_link(tree):
    link = tree / "link.ra"
    link.symlink_to("ugly.ra")
    assert run_cli("fmt", "link.ra", cwd=tree).returncode == 0
    assert link.is_symlink() and (tree / "ugly.ra").read_text() == PRETTY


def test_a_file_with_syntax_errors_is_reported_and_left_untouched(tree):
    bad = "role web {\n  count = \n}\n"
    (tree / "bad.ra").write_text(bad)
    proc = run_cli("fmt", "bad.ra", "ugly.ra", cwd=tree)
    err = proc.stderr.decode()
    assert proc.returncode == 2
    assert "bad.ra:2:9: error[RA101]: missing value after '='" in err and "left unchanged" in err and "Traceback" not in err
    assert (tree / "bad.ra").read_text() == bad
    assert (tree / "ugly.ra").read_text() == PRETTY, "the other files are still formatted"
    assert "1 file reformatted, 0 files left unchanged, 1 file could not be formatted" in err


@pytest.mark.parametrize("content", [b"\xff\xfe bad", b"a\x00b"])
def test_unreadable_input_is_reported(tree, content):
    (tree / "junk.ra").write_bytes(content)
    proc = run_cli("fmt", "junk.ra", cwd=tree)
    assert proc.returncode == 2 and b"RA104" in proc.stderr and b"Traceback" not in proc.stderr
    assert (tree / "junk.ra").read_bytes() == content


def test_missing_file_and_empty_folder_are_errors(tree):
    (tree / "empty").mkdir()
    assert run_cli("fmt", "nope.ra", cwd=tree).returncode == 2
    proc = run_cli("fmt", "empty", cwd=tree)
    assert proc.returncode == 2 and b"no .ra file" in proc.stderr


def test_stdin_to_stdout():
    proc = run_cli("fmt", "-", input=UGLY.encode())
    assert proc.returncode == 0 and proc.stdout.decode() == PRETTY
    assert run_cli("fmt", "--check", "-", input=PRETTY.encode()).returncode == 0
    proc = run_cli("fmt", "--check", "-", input=UGLY.encode())
    assert proc.returncode == 1 and proc.stdout == b"" and b"would reformat <stdin>" in proc.stderr
    proc = run_cli("fmt", "-", input=b"role {")
    assert proc.returncode == 2 and proc.stdout == b"" and b"<stdin>:1:" in proc.stderr
    assert run_cli("fmt", "-", input=b"\xff").returncode == 2


def test_stdin_cannot_be_mixed_with_files(tree):
    proc = run_cli("fmt", "-", "ugly.ra", cwd=tree)
    assert proc.returncode == 2 and b"standard input" in proc.stderr


def test_a_byte_order_mark_is_a_change(tree):
    (tree / "bom.ra").write_bytes(b"\xef\xbb\xbf" + PRETTY.encode())
    assert run_cli("fmt", "--check", "bom.ra", cwd=tree).returncode == 1
    assert run_cli("fmt", "bom.ra", cwd=tree).returncode == 0
    assert (tree / "bom.ra").read_bytes() == PRETTY.encode()


def test_write_failure_leaves_the_file_and_no_temporary(tree, monkeypatch):
    # Run in-process: make the rename fail (root ignores permission bits, so no chmod trick).
    from click.testing import CliRunner

    from racompiler import cli

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.chdir(tree)
    monkeypatch.setattr(os, "replace", refuse)
    result = CliRunner().invoke(cli.main, ["fmt", "ugly.ra"])
    assert result.exit_code == 2
    assert "cannot write ugly.ra: Permission denied" in result.output
    assert (tree / "ugly.ra").read_text() == UGLY
    assert [p.name for p in tree.iterdir() if p.name.startswith(".ugly")] == []
