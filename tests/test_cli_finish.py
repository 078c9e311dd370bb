"""The finish of the command line: colour, the [target] tag, --statistics, build --check and
verify --progress. Everything runs as a real process (``run_cli``); terminal behaviour is tested
on a real pseudo-terminal."""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, run_cli
from racompiler.diagnostics.codes import CODES

SEVERAL = REPO / "tests" / "fixtures" / "inputs" / "several_errors.ra"  # 3 errors (RA201, RA202, RA305) + RA206
ALLINONE = REPO / "architectures" / "allinone.ra"
ESC = "\x1b["


def rel(path: Path) -> str:
    return str(path.relative_to(REPO))


def run_on_tty(*args: str, env: dict[str, str] | None = None) -> str:
    """Run the CLI with standard error on a pseudo-terminal; what the terminal received."""
    master, slave = pty.openpty()
    full_env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "RACOMPILER_DEBUG")}
    full_env.update({"TERM": "xterm"}, **(env or {}))
    proc = subprocess.Popen([sys.executable, "-m", "racompiler", *args], cwd=REPO, stdout=subprocess.DEVNULL,
                            stderr=slave, env=full_env)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=120)
    os.close(master)
    return b"".join(chunks).decode().replace("\r\n", "\n")


# --- colour -------------------------------------------------------------------------------------

def test_no_colour_in_a_pipe_unless_asked():
    piped = run_cli("check", rel(SEVERAL)).stderr.decode()
    assert ESC not in piped
    forced = run_cli("check", "--color", "always", rel(SEVERAL)).stderr.decode()
    assert "\x1b[1;31merror\x1b[0m" in forced and "\x1b[1;33mwarning\x1b[0m" in forced
    assert f"\x1b[1m{rel(SEVERAL)}:19:9:\x1b[0m" in forced and "\x1b[1m[RA202]\x1b[0m" in forced
    # Without the escapes, the coloured text is the plain text.
    assert re.sub(r"\x1b\[[0-9;]*m", "", forced) == piped
    assert ESC not in run_cli("check", "--color", "always", "--format", "json", rel(SEVERAL)).stdout.decode()


def test_colour_on_a_terminal_and_no_color_honoured():
    assert "\x1b[1;31merror\x1b[0m" in run_on_tty("check", rel(SEVERAL))
    assert ESC not in run_on_tty("check", rel(SEVERAL), env={"NO_COLOR": "1"})
    assert ESC not in run_on_tty("check", "--color", "never", rel(SEVERAL))
    assert ESC in run_on_tty("check", "--color", "always", rel(SEVERAL), env={"NO_COLOR": "1"})  # the flag wins


def test_colour_never_lets_the_input_emit_escapes(tmp_path):
    (tmp_path / "a.ra").write_text('network n {\n  cidr = "10.0.0.0/33\x1b[2J"\n}\n', encoding="utf-8")
    err = run_cli("check", "--color", "always", "a.ra", cwd=tmp_path).stderr.decode()
    assert "\x1b[2J" not in err and "\\e[2J" in err


# --- the [target] tag -------------------------------------------------------------------------------

def test_target_diagnostics_are_tagged_in_every_format():
    human = run_cli("check", "-t", "crowbar", "-t", "heat", rel(ALLINONE)).stderr.decode()
    assert f"{rel(ALLINONE)}:24:3: warning[RA604] [heat]: hardware devbox: NIC count" in human
    assert "warning[RA627] [crowbar (dell-1.x)]: network management:" in human
    doc = json.loads(run_cli("check", "--format", "json", "-t", "crowbar", "-t", "heat", rel(ALLINONE)).stdout)
    assert {d["target"] for d in doc["diagnostics"]} == {"heat", "crowbar (dell-1.x)"}
    compiler_only = json.loads(run_cli("check", "--format", "json", rel(SEVERAL)).stdout)
    assert {d["target"] for d in compiler_only["diagnostics"]} == {None}
    sarif = json.loads(run_cli("check", "--format", "sarif", "-t", "heat", rel(ALLINONE)).stdout)
    assert [r["properties"]["target"] for r in sarif["runs"][0]["results"]] == ["heat"]
    github = run_cli("check", "--format", "github", "-t", "heat", rel(ALLINONE)).stdout.decode()
    assert ",title=RA604 [heat]::hardware devbox" in github


def test_a_message_that_names_its_target_is_not_repeated_after_the_tag():
    human = run_cli("check", "-t", "ansible", "--ansible-flavor", "kolla", rel(ALLINONE)).stderr.decode()
    assert "warning[RA690] [ansible (kolla)]: network management: gateway" in human
    assert "[ansible (kolla)]: ansible (kolla):" not in human
    doc = json.loads(run_cli("check", "--format", "json", "-t", "ansible", "--ansible-flavor", "kolla",
                             rel(ALLINONE)).stdout)
    ra690 = next(d for d in doc["diagnostics"] if d["code"] == "RA690")
    assert ra690["message"].startswith("ansible (kolla): ")  # the JSON message is the whole message
    # A message whose subject is the target reads on from the tag.
    osa = run_cli("check", "-t", "ansible", "--ansible-flavor", "openstack-ansible",
                  "architectures/kolla_production.ra").stderr.decode()
    assert "warning[RA641] [ansible (openstack-ansible)]: does not deploy 'ceph'" in osa
    assert "]: ansible (openstack-ansible) " not in osa


# --- --statistics -------------------------------------------------------------------------------------

def test_statistics_count_each_code_with_its_title():
    proc = run_cli("check", "--statistics", rel(SEVERAL), rel(SEVERAL), "tests/fixtures/inputs/unused_parameter.ra")
    assert proc.returncode == 1 and proc.stderr == b""
    rows = [line.split(None, 3) for line in proc.stdout.decode().splitlines()]
    assert rows == [["2", "RA206", "warning", CODES["RA206"].title],
                    ["1", "RA201", "error", CODES["RA201"].title],
                    ["1", "RA202", "error", CODES["RA202"].title],
                    ["1", "RA305", "error", CODES["RA305"].title]]
    doc = json.loads(run_cli("check", "--statistics", "--format", "json", rel(SEVERAL)).stdout)
    assert doc["version"] == 1
    assert {r["code"]: r["count"] for r in doc["statistics"]} == {"RA201": 1, "RA202": 1, "RA206": 1, "RA305": 1}
    assert run_cli("check", "--statistics", "--format", "sarif", rel(SEVERAL)).returncode == 2
    clean = run_cli("check", "--statistics", rel(ALLINONE))
    assert clean.returncode == 0 and clean.stdout == b""


# --- build --check ---------------------------------------------------------------------------------------

def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_build_check_compares_and_writes_nothing(tmp_path):
    out = tmp_path / "out"
    args = ["build", rel(ALLINONE), "-t", "heat", "-t", "interop", "-o", str(out)]
    missing = run_cli(*args, "--check")
    assert missing.returncode == 3 and not out.exists()  # everything would be added; nothing written
    assert "added: heat/" in missing.stdout.decode()
    assert run_cli(*args).returncode == 0
    same = run_cli(*args, "--check")
    assert same.returncode == 0 and same.stdout == b"" and same.stderr.decode().endswith(f"{out} is up to date\n")
    (out / "other").mkdir()  # another target's folder: not compared
    (out / "other" / "x").write_text("x", encoding="utf-8")
    assert run_cli(*args, "--check").returncode == 0
    # Change, add and remove a file; --check reports each and touches nothing.
    stack = next(p for p in sorted((out / "heat").rglob("*.yaml")) if "heat_template_version" in p.read_text())
    stack_rel = stack.relative_to(out).as_posix()
    stack.write_text(stack.read_text(encoding="utf-8").replace("heat_template_version", "heat_template_versoin", 1),
                     encoding="utf-8")
    (out / "heat" / "notes.txt").write_text("mine\n", encoding="utf-8")
    gone = sorted((out / "interop").glob("*.txt"))[0]
    gone_rel = gone.relative_to(out).as_posix()
    gone.unlink()
    before = _snapshot(out)
    proc = run_cli(*args, "--check")
    assert proc.returncode == 3
    text = proc.stdout.decode()
    assert f"--- a/{stack_rel}\n+++ b/{stack_rel}\n" in text
    assert "-heat_template_versoin" in text and "+heat_template_version" in text
    assert f"\nadded: {gone_rel}\n" in text and "\nremoved: heat/notes.txt\n" in text
    assert "is out of date: 1 changed, 1 added, 1 removed file(s)" in proc.stderr.decode()
    assert _snapshot(out) == before


def test_build_check_of_a_broken_file_exits_1(tmp_path):
    proc = run_cli("build", rel(SEVERAL), "-t", "heat", "-o", str(tmp_path / "out"), "--check")
    assert proc.returncode == 1 and b"error[RA202]" in proc.stderr and not (tmp_path / "out").exists()


# --- verify --progress ---------------------------------------------------------------------------------------

def test_verify_progress_only_when_asked_or_on_a_terminal(tmp_path):
    (tmp_path / "crowbar").mkdir()  # an empty crowbar folder: its verifier fails fast (RA636)
    quiet = run_cli("verify", str(tmp_path))
    assert quiet.returncode == 1 and b"running its judges" not in quiet.stderr
    assert f"{tmp_path}/crowbar/order.json:1:1: error[RA636] [crowbar]: " in quiet.stderr.decode()
    loud = run_cli("verify", "--progress", str(tmp_path)).stderr.decode()
    assert loud.startswith("[1/1] crowbar: running its judges...\n")
    assert re.search(r"^\[1/1\] crowbar: finished in \d+\.\ds \(no upstream tool\)$", loud, re.M), loud
    assert "[1/1] crowbar: running" in run_on_tty("verify", str(tmp_path))
    assert "running its judges" not in run_on_tty("verify", "--no-progress", str(tmp_path))


def test_verify_progress_times_each_tool_that_judged(tmp_path):
    pytest.importorskip("pykwalify")
    assert run_cli("build", rel(ALLINONE), "-t", "crowbar", "-o", str(tmp_path)).returncode == 0
    proc = run_cli("verify", "--progress", str(tmp_path))
    assert proc.returncode == 0, proc.stderr.decode()
    lines = proc.stderr.decode().splitlines()
    assert lines[0] == "[1/1] crowbar: running its judges..."
    assert re.fullmatch(r"\[1/1\] crowbar: pykwalify \S+ finished in \d+\.\ds", lines[1]), lines
    assert re.fullmatch(r"\[1/1\] crowbar: finished in \d+\.\ds \(pykwalify \S+\)", lines[2]), lines
    assert lines[-1] == "verified: crowbar"
    quiet = run_cli("verify", str(tmp_path)).stderr.decode()
    assert "finished in" not in quiet and quiet.splitlines() == lines[3:]  # the same report, minus progress
