"""The VS Code extension's code (grammar/vscode/extension.js), run under Node against a stand-in
for the ``vscode`` module (tests/vscode/vscode.js) and the real ``racompiler`` command: the
formatting edit it asks for, and the diagnostics it shows after a save."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

NODE = shutil.which("node")
pytestmark = pytest.mark.skipif(NODE is None, reason="Node.js is not installed")
EXTENSION = REPO / "grammar" / "vscode" / "extension.js"

UGLY = "role web{count=3}\n"
PRETTY = "role web {\n  count = 3\n}\n"


def _run(tmp_path: Path, *files: Path) -> dict:
    shim = tmp_path / "racompiler"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m racompiler "$@"\n')
    shim.chmod(0o755)
    env = dict(os.environ, NODE_PATH=str(REPO / "tests" / "vscode"),
               PYTHONPATH=os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]))
    proc = subprocess.run([NODE, str(REPO / "tests" / "vscode" / "run_extension.js"), str(EXTENSION), str(shim),
                           *map(str, files)], capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_registers_a_formatter_and_diagnostics_for_ra(tmp_path):
    out = _run(tmp_path)
    assert out["selector"] == "ra" and out["subscriptions"] == 5


def test_formats_through_fmt_and_leaves_formatted_text_alone(tmp_path):
    ugly, pretty = tmp_path / "ugly.ra", tmp_path / "pretty.ra"
    ugly.write_text(UGLY)
    pretty.write_text(PRETTY)
    out = _run(tmp_path, ugly, pretty)
    (edit,) = out["files"][str(ugly)]["edits"]
    assert edit["newText"] == PRETTY
    assert edit["range"]["start"] == {"line": 0, "character": 0}
    assert edit["range"]["end"] == {"line": 1, "character": 0}  # the whole document
    assert out["files"][str(pretty)]["edits"] == []


def test_a_syntax_error_gives_no_edit_and_a_located_diagnostic(tmp_path):
    bad = tmp_path / "bad.ra"
    bad.write_text("role web {\n  count 3\n}\n")
    out = _run(tmp_path, bad)
    result = out["files"][str(bad)]
    assert result["edits"] == []
    assert any("not formatted" in s and "RA101" in s for s in out["status"]), out["status"]
    (diag,) = result["diagnostics"]
    assert diag["code"] == "RA101" and diag["source"] == "racompiler" and diag["severity"] == 0
    assert diag["range"]["start"] == {"line": 1, "character": 8}
    assert "hint: attributes are written 'key = value'" in diag["message"]


def test_semantic_diagnostics_with_hints_and_warnings(tmp_path):
    ra = tmp_path / "site.ra"
    ra.write_text('parameter unused {\n  type = int\n  default = 1\n}\n\nrole web {\n  count = 1\n'
                  '  hardware = nope\n}\n')
    out = _run(tmp_path, ra)
    diags = {d["code"]: d for d in out["files"][str(ra)]["diagnostics"]}
    assert diags["RA201"]["range"]["start"] == {"line": 7, "character": 13}
    assert diags["RA201"]["range"]["end"] == {"line": 7, "character": 17}
    assert "hint:" in diags["RA201"]["message"]
    assert diags["RA206"]["severity"] == 1  # a warning


def test_a_problem_in_an_imported_module_is_shown_on_the_first_line(tmp_path):
    (tmp_path / "nets.ra").write_text('network admin {\n  cidr = "10.0.0.1/24"\n}\n')
    main = tmp_path / "main.ra"
    main.write_text("import nets\n\nrole web {\n  count = 1\n  networks = [admin]\n}\n")
    out = _run(tmp_path, main)
    (diag,) = [d for d in out["files"][str(main)]["diagnostics"] if d["code"] == "RA305"]
    assert diag["range"]["start"] == {"line": 0, "character": 0}
    assert "nets.ra:2:" in diag["message"]
