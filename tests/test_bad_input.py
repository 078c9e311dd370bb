"""Bad input gets a diagnostic with a real location, never a traceback (issue 2, item 9).

Each case is checked twice: through the Python API (the exact code and span) and through the real
command line (exit code 1, the code in the JSON output, nothing that looks like a crash).
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import time
from pathlib import Path

import pytest

from conftest import REPO, assert_matches_schema, run_cli
from racompiler.api import compile_file
from racompiler.diagnostics import Diagnostic
from racompiler.syntax.source import MAX_NESTING

COMPONENT = "component app {\n  role server {\n    min = 1\n  }\n}\n"


def compile_text(tmp_path: Path, text: str | bytes, name: str = "bad.ra") -> tuple[Path, list[Diagnostic]]:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path, compile_file(str(path)).diagnostics


def only(diags: list[Diagnostic], code: str) -> Diagnostic:
    """The single diagnostic with ``code``; also asserts that nothing crashed."""
    assert all(d.code != "RA901" for d in diags), [d.message for d in diags]
    hits = [d for d in diags if d.code == code]
    assert len(hits) == 1, f"expected one {code}, got {[(d.code, d.message) for d in diags]}"
    return hits[0]


def assert_span(d: Diagnostic, line: int, column: int | None = None) -> None:
    s = d.span
    assert (s.line, s.column if column is not None else None) == (line, column), f"{d.code} at {s}"
    assert s.line >= 1 and s.column >= 1 and (s.end_line, s.end_column) > (s.line, s.column)


def cli_json(path: Path | str, *extra: str, cwd: Path = REPO) -> tuple[int, dict, str]:
    """Run ``check --format json``: exit code, the parsed document, stderr (must be crash-free)."""
    proc = run_cli("check", "--format", "json", *extra, str(path), cwd=cwd)
    err = proc.stderr.decode()
    assert "Traceback" not in err and "RA901" not in proc.stdout.decode(), err
    doc = json.loads(proc.stdout)
    assert_matches_schema(doc, "check")
    return proc.returncode, doc, err


def cli_codes(doc: dict) -> list[str]:
    return [d["code"] for d in doc["diagnostics"]]


# --- files that cannot be read as RA text ---------------------------------------------------

def test_missing_file(tmp_path):
    diags = compile_file(str(tmp_path / "nope.ra")).diagnostics
    d = only(diags, "RA104")
    assert_span(d, 1, 1)
    assert "does not exist" in d.message
    rc, doc, _ = cli_json(tmp_path / "nope.ra")
    assert rc == 1 and cli_codes(doc) == ["RA104"]


def test_unreadable_file(tmp_path):
    path = tmp_path / "secret.ra"
    path.write_text(COMPONENT, encoding="utf-8")
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as a user (root) who can read a mode-000 file")
        d = only(compile_file(str(path)).diagnostics, "RA104")
        assert_span(d, 1, 1)
        assert "cannot read" in d.message
        rc, doc, _ = cli_json(path)
        assert rc == 1 and cli_codes(doc) == ["RA104"]
    finally:
        path.chmod(0o644)


def test_directory_as_file(tmp_path):
    folder = tmp_path / "folder.ra"
    folder.mkdir()
    d = only(compile_file(str(folder)).diagnostics, "RA104")
    assert "directory" in d.message
    assert_span(d, 1, 1)
    # The command line rejects it before compiling: a usage error that names the problem.
    proc = run_cli("check", str(folder))
    assert proc.returncode == 2
    assert b"is a directory" in proc.stderr and b"Traceback" not in proc.stderr


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_special_file_as_ra_is_refused_without_reading_it(tmp_path, kind):
    # A named pipe blocked `check` for ever in open(); /dev/zero was read up to the size limit.
    # Found by benchmarks/fuzz.py's special-file inputs.
    if kind == "fifo":
        if not hasattr(os, "mkfifo"):
            pytest.skip("no FIFOs here")
        path = tmp_path / "pipe.ra"
        os.mkfifo(path)  # nobody writes to it
    else:
        path = Path("/dev/zero")
        if not path.exists():
            pytest.skip("no /dev/zero here")
    start = time.monotonic()
    d = only(compile_file(str(path)).diagnostics, "RA104")
    assert time.monotonic() - start < 5
    assert ("named pipe" if kind == "fifo" else "character device") in d.message
    assert_span(d, 1, 1)


def test_non_utf8_file_points_at_the_bad_byte(tmp_path):
    path, diags = compile_text(tmp_path, b'component app {\n  doc = "caf\xe9"\n}\n')
    d = only(diags, "RA104")
    assert_span(d, 2, 13)  # the 0xE9 byte: line 2, after `  doc = "caf`
    assert "UTF-8" in d.message and "0xe9" in d.message
    rc, doc, _ = cli_json(path)
    assert rc == 1 and cli_codes(doc) == ["RA104"]


def test_binary_junk(tmp_path):
    rng = random.Random(20240601)
    junk = bytes(rng.randrange(256) for _ in range(4096)) + b"\x00\x00"
    path, diags = compile_text(tmp_path, junk)
    d = only(diags, "RA104")
    assert_span(d, 1, 1)
    assert "binary" in d.message or "UTF-8" in d.message
    rc, doc, _ = cli_json(path)
    assert rc == 1 and cli_codes(doc) == ["RA104"]


def test_utf8_bom_is_accepted(tmp_path):
    path, diags = compile_text(tmp_path, "\ufeff" + COMPONENT + "role web {\n  count = 1\n  runs = [app.server]\n}\n")
    assert diags == []


@pytest.mark.parametrize("text", ["", "\n\n   \t\n"])
def test_empty_file_is_a_warning(tmp_path, text):
    path, diags = compile_text(tmp_path, text)
    d = only(diags, "RA108")
    assert d.severity.value == "warning"
    assert_span(d, 1, 1)
    rc, doc, _ = cli_json(path)
    assert rc == 0 and cli_codes(doc) == ["RA108"]
    rc, doc, _ = cli_json(path, "--strict")
    assert rc == 1 and cli_codes(doc) == ["RA108"]


def test_ten_megabyte_file_is_refused_quickly(tmp_path):
    line = "# " + "x" * 97 + "\n"
    path = tmp_path / "huge.ra"
    path.write_text(line * (10 * 1024 * 1024 // len(line) + 1), encoding="utf-8")
    assert path.stat().st_size > 10 * 1024 * 1024
    start = time.perf_counter()
    d = only(compile_file(str(path)).diagnostics, "RA105")
    assert time.perf_counter() - start < 2.0
    assert_span(d, 1, 1)
    start = time.perf_counter()
    rc, doc, _ = cli_json(path)
    assert time.perf_counter() - start < 10.0  # a whole process, on a loaded 2-core machine
    assert rc == 1 and cli_codes(doc) == ["RA105"]


# --- pathological structure and values -------------------------------------------------------

@pytest.mark.parametrize(("name", "text", "line", "column"), [
    ("brackets", "[" * 10_000, 1, MAX_NESTING + 1),
    ("blocks", "a {\n" * 10_000, MAX_NESTING + 1, 3),
    ("balanced-list", "configure app {\n  x = " + "[" * 10_000 + "]" * 10_000 + "\n}\n", 2, 6 + MAX_NESTING),
    ("calls", "parameter p {\n  type = " + "list(" * 5000 + "int" + ")" * 5000 + "\n}\n", 2, 9 + 5 * MAX_NESTING),
    ("maps", "configure app {\n  x = " + "{a = " * 3000 + "1" + "}" * 3000 + "\n}\n", 2, 2 + 5 * MAX_NESTING),
])
def test_deep_nesting(tmp_path, name, text, line, column):
    path, diags = compile_text(tmp_path, text)
    d = only(diags, "RA106")
    assert_span(d, line, column)
    rc, doc, _ = cli_json(path)
    assert rc == 1 and "RA106" in cli_codes(doc)


def test_nesting_at_the_limit_is_fine(tmp_path):
    # One level below the limit parses and is analysed normally (no RA106, no recursion error).
    depth = MAX_NESTING - 2  # the configure block itself is one level
    text = COMPONENT + "configure app {\n  x = " + "[" * depth + "1" + "]" * depth + "\n}\n"
    _, diags = compile_text(tmp_path, text)
    assert all(d.code not in ("RA106", "RA901") for d in diags), [(d.code, d.message) for d in diags]


def test_brackets_in_strings_and_comments_do_not_count(tmp_path):
    text = COMPONENT.replace("component app {", 'component app "' + "[" * 500 + '" {') + "# " + "{" * 500 + "\n"
    _, diags = compile_text(tmp_path, text)
    assert all(d.code != "RA106" for d in diags)


def test_absurd_count(tmp_path):
    text = COMPONENT + "role web {\n  count = 1000000000\n  runs = [app.server]\n}\n"
    path, diags = compile_text(tmp_path, text)
    d = only(diags, "RA308")
    assert_span(d, 7, 11)
    assert d.span.end_column == 21  # the whole literal
    rc, doc, _ = cli_json(path)
    assert rc == 1 and cli_codes(doc) == ["RA308"]


def test_absurd_count_through_a_parameter_points_at_the_use(tmp_path):
    text = (COMPONENT + "parameter n {\n  type = int\n  default = 1000000000\n}\n"
            "role web {\n  count = n\n  runs = [app.server]\n}\n")
    _, diags = compile_text(tmp_path, text)
    assert_span(only(diags, "RA308"), 11, 11)


@pytest.mark.parametrize("literal", ["99999999999999999999999", "-99999999999999999999999", "1e400", "-1e400",
                                     "9007199254740993"])
def test_number_out_of_range(tmp_path, literal):
    text = f"parameter p {{\n  type = float\n  default = {literal}\n}}\n"
    path, diags = compile_text(tmp_path, text)
    d = only(diags, "RA107")
    assert_span(d, 3, 13)
    assert d.span.end_column == 13 + len(literal)
    rc, doc, _ = cli_json(path)
    assert rc == 1 and cli_codes(doc) == ["RA107"]


def test_largest_safe_integer_is_accepted(tmp_path):
    text = "parameter p {\n  type = int\n  default = 9007199254740992\n}\n"
    _, diags = compile_text(tmp_path, text)
    assert all(d.code not in ("RA107", "RA901") for d in diags)


def _with_hardware(line: str) -> str:
    """COMPONENT deployed on a role whose hardware profile contains ``line`` (at line 13)."""
    return (COMPONENT + "role web {\n  count = 1\n  runs = [app.server]\n  hardware = hw\n}\n"
            "hardware hw {\n  cores = 4\n  " + line + "\n}\n")


def test_size_beyond_limits(tmp_path):
    _, diags = compile_text(tmp_path, _with_hardware("memory = 99999999999999 PiB"))
    assert_span(only(diags, "RA308"), 13, 12)


@pytest.mark.parametrize("line", ["memory = -5 GB", "nic {\n    speed = -10 Gbps\n  }"])
def test_negative_quantities_are_rejected(tmp_path, line):
    _, diags = compile_text(tmp_path, _with_hardware(line))
    assert any(d.code == "RA304" for d in diags), [(d.code, d.message) for d in diags]


# --- imports ---------------------------------------------------------------------------------

def _project(tmp_path: Path) -> tuple[Path, Path]:
    proj, elsewhere = tmp_path / "proj", tmp_path / "elsewhere"
    proj.mkdir()
    (elsewhere / "lib").mkdir(parents=True)
    (elsewhere / "evil.ra").write_text("interface stolen {}\n", encoding="utf-8")
    (elsewhere / "lib" / "mod.ra").write_text("interface stolen2 {}\n", encoding="utf-8")
    return proj, elsewhere


@pytest.mark.parametrize(("link", "target", "module"), [
    ("evil.ra", "elsewhere/evil.ra", "evil"),  # a file link
    ("lib", "elsewhere/lib", "lib.mod"),       # a directory link
])
def test_import_cannot_escape_through_a_symlink(tmp_path, link, target, module):
    proj, _ = _project(tmp_path)
    (proj / link).symlink_to(tmp_path / target)
    main = proj / "main.ra"
    main.write_text(f"import {module}\n", encoding="utf-8")
    d = only(compile_file(str(main)).diagnostics, "RA205")
    assert_span(d, 1, 8)
    assert d.span.end_column == 8 + len(module)
    rc, doc, _ = cli_json(main, cwd=tmp_path)
    assert rc == 1 and cli_codes(doc) == ["RA205"]


def test_symlink_inside_the_root_is_fine(tmp_path):
    proj, _ = _project(tmp_path)
    (proj / "real.ra").write_text("interface ok {}\n", encoding="utf-8")
    (proj / "alias.ra").symlink_to(proj / "real.ra")
    main = proj / "main.ra"
    main.write_text("import alias\n", encoding="utf-8")
    assert [d.code for d in compile_file(str(main)).diagnostics] == []


def test_module_not_found_with_did_you_mean(tmp_path):
    main = tmp_path / "main.ra"
    main.write_text("import opnstack\nimport nowhere_at_all\n", encoding="utf-8")
    diags = compile_file(str(main)).diagnostics
    assert [d.code for d in diags] == ["RA203", "RA203"]
    assert_span(diags[0], 1, 8)
    assert "openstack" in (diags[0].hint or "")
    assert_span(diags[1], 2, 8)
    rc, doc, _ = cli_json(main, cwd=tmp_path)
    assert rc == 1 and cli_codes(doc) == ["RA203", "RA203"]


def test_import_cycle(tmp_path):
    (tmp_path / "a.ra").write_text("import b\ninterface ia {}\n", encoding="utf-8")
    (tmp_path / "b.ra").write_text("import c\ninterface ib {}\n", encoding="utf-8")
    (tmp_path / "c.ra").write_text("interface ic {}\nimport a\n", encoding="utf-8")
    diags = compile_file(str(tmp_path / "a.ra")).diagnostics
    d = only(diags, "RA204")
    assert d.span.file.endswith("c.ra")
    assert_span(d, 2, 8)  # the import that closes the cycle
    names = [Path(p.strip()).stem for p in d.message.split(":", 1)[1].split("->")]
    assert names == ["a", "b", "c", "a"]
    rc, doc, _ = cli_json(tmp_path / "a.ra", cwd=tmp_path)
    assert rc == 1 and cli_codes(doc) == ["RA204"]


def test_self_import_is_a_cycle(tmp_path):
    (tmp_path / "me.ra").write_text("import me\n", encoding="utf-8")
    assert_span(only(compile_file(str(tmp_path / "me.ra")).diagnostics, "RA204"), 1, 8)


# --- check writes nothing -------------------------------------------------------------------

def _snapshot(root: Path) -> dict[str, tuple]:
    """Every entry under ``root``: kind, size, mtime and a content hash for files."""
    snap = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            p = Path(dirpath) / name
            st = p.lstat()
            digest = hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() and not p.is_symlink() else None
            snap[str(p.relative_to(root))] = (st.st_mode, st.st_size, st.st_mtime_ns, digest)
    return snap


def test_check_writes_nothing(tmp_path):
    proj = tmp_path / "proj"
    proj.mkdir()
    (proj / "lib.ra").write_text(COMPONENT, encoding="utf-8")
    (proj / "main.ra").write_text("import lib\nimport openstack\nrole web {\n  count = 1\n  runs = [app.server]\n}\n",
                                  encoding="utf-8")
    (proj / "broken.ra").write_text("component {{{\n", encoding="utf-8")
    examples = REPO / "architectures"
    before = (_snapshot(tmp_path), _snapshot(examples))
    for args in (["check", "main.ra", "broken.ra"], ["check", "--format", "sarif", "main.ra"],
                 ["check", "--strict", *map(str, sorted(examples.glob("*.ra")))]):
        proc = run_cli(*args, cwd=proj)
        assert b"Traceback" not in proc.stderr
    assert (_snapshot(tmp_path), _snapshot(examples)) == before


# --- terminal injection: user text in human diagnostics (issue "Reliability", item 6) --------

FORGED = "x\x1b[2J\x1b]0;title\x07\rforged.ra:9:9: error[RA101]: forged\u202eevil"


def test_human_diagnostics_escape_control_characters_but_keep_unicode():
    from racompiler.diagnostics import DiagnosticSink, Related, Span
    from racompiler.diagnostics.render import render_human

    sink = DiagnosticSink()
    sink.report("RA521", f"nodes[0].site: '{FORGED}\nsecond.ra:1:1: error[RA102]: also forged' naïve 中文 ✓",
                Span("in\x1bv.yaml", 1, 9, 1, 13), hint=f"hint {FORGED}",
                related=[Related(Span.point("in\x1bv.yaml"), f"note {FORGED}")])
    text = render_human(sink.items, {"in\x1bv.yaml": 'site: "\x1b[31mred"\n'})
    assert not any(c in text for c in "\x1b\x07\r\u202e")
    lines = text.splitlines()
    assert len(lines) == 7  # header, 3 excerpt lines, note, hint, summary: nothing forged a line
    assert lines[0].startswith("in\\ev.yaml:1:9: error[RA521]: nodes[0].site: 'x\\e[2J\\e]0;title\\x07\\rforged")
    assert "\\nsecond.ra" in lines[0] and "\\u202eevil" in lines[0] and "naïve 中文 ✓" in lines[0]
    # the carets still sit under the marked text once the escape before it is shown as \e
    assert lines[2] == '1 | site: "\\e[31mred"' and lines[3] == "  |          ^^^^"


def test_cli_check_output_carries_no_terminal_control_characters(tmp_path):
    path = tmp_path / "esc.ra"
    path.write_bytes(b'role web {\n  count = 1\n  hardware = "' + FORGED.encode() + b'"\n}\n')
    proc = run_cli("check", str(path), cwd=tmp_path)
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 1 and "Traceback" not in err
    assert not any(c in err for c in "\x1b\x07\r\u202e")
    assert "forged.ra:9:9" not in [line.split(": ")[0] for line in err.splitlines()]


def test_bind_output_escapes_inventory_text(tmp_path):
    inv = tmp_path / "inv.yaml"
    inv.write_text('version: 1\nnodes:\n  - {name: aio-1, cores: 8, memory: 64 GiB, "x\\e[2J\\rforged": 1}\n'
                   "  - {name: aio-2, cores: 8, memory: 64 GiB, rack: \"r\\e[31m\"}\n", encoding="utf-8")
    proc = run_cli("bind", "architectures/allinone.ra", "--inventory", str(inv))
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 1 and "\x1b" not in err and "\r" not in err and "x\\e[2J\\rforged" in err
    inv.write_text("version: 1\nnodes:\n  - {name: aio-1, cores: 64, memory: 256 GiB, rack: \"r\\e[31m\","
                   " disks: [{size: 2 TB, type: ssd}], nics: [{mac: '02:00:00:00:00:01', speed: 10 Gbps}]}\n",
                   encoding="utf-8")
    proc = run_cli("bind", "architectures/allinone.ra", "--inventory", str(inv))
    out = proc.stdout.decode("utf-8")
    assert proc.returncode == 0, proc.stderr.decode()
    assert "r\\e[31m" in out and "\x1b" not in out


# --- did-you-mean for a missing import stays near the roots (item 7) -------------------------

def test_did_you_mean_for_a_missing_import_is_bounded(tmp_path):
    import time

    from racompiler.semantic import loader

    inc = tmp_path / "inc"
    deep = inc.joinpath(*["d"] * (loader.SUGGEST_MAX_DEPTH + 3))
    deep.mkdir(parents=True)
    (deep / "networks.ra").write_text("interface n {}\n", encoding="utf-8")
    (inc / "storage.ra").write_text("interface s {}\n", encoding="utf-8")
    wide = inc / "wide"
    wide.mkdir()
    for i in range(loader.SUGGEST_MAX_ENTRIES + 500):
        (wide / f"f{i:05d}.txt").touch()
    (wide / "sub").mkdir()
    (wide / "sub" / "zzz.ra").write_text("interface z {}\n", encoding="utf-8")  # past the entry budget
    proj = tmp_path / "proj"
    proj.mkdir()
    main = proj / "main.ra"
    deep_name = ".".join(["d"] * (loader.SUGGEST_MAX_DEPTH + 3)) + ".netwroks"
    main.write_text(f"import storge\nimport {deep_name}\nimport wide.sub.zzzz\n", encoding="utf-8")
    start = time.monotonic()
    hints = [d.hint or "" for d in compile_file(str(main), include_dirs=[str(inc)]).diagnostics]
    assert time.monotonic() - start < 30
    assert len(hints) == 3 and "'storage'" in hints[0]
    assert "did you mean" not in hints[1] and "did you mean" not in hints[2]


# --- Ansible host names from odd role names (item 7) -----------------------------------------

def test_placeholder_host_names_are_valid_dns_labels(tmp_path):
    import re

    from racompiler.targets.ansible.layout import build_layout
    from racompiler.diagnostics import DiagnosticSink

    main = tmp_path / "main.ra"
    main.write_text('import openstack\n\nnetwork management {\n  cidr = "192.168.100.0/24"\n}\n\n'
                    "role _aio {\n  count = 1\n  networks = [management]\n  runs = [database.server]\n}\n\n"
                    "role aio {\n  count = 1\n  networks = [management]\n  runs = [rabbitmq.server]\n}\n\n"
                    "role __ {\n  count = 1\n  networks = [management]\n  runs = [keystone.server]\n}\n\n"
                    f"role {'x' * 70}_ {{\n  count = 1\n  networks = [management]\n  runs = [glance.server]\n}}\n",
                    encoding="utf-8")
    result = compile_file(str(main))
    assert result.ok, [(d.code, d.message) for d in result.diagnostics]
    layout = build_layout(result.plan, DiagnosticSink())
    names = {role: [h.name for h in hosts] for role, hosts in layout.hosts.items()}
    label = re.compile(r"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")
    everyone = [n for hosts in names.values() for n in hosts]
    assert all(label.match(n) for n in everyone), everyone
    assert len(set(everyone)) == len(everyone)
    assert names["aio"] == ["aio-001"] and names["_aio"] == ["aio-2-001"] and names["__"] == ["node-001"]
