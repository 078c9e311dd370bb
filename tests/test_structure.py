"""Structural rules of the code base: one-way dependencies, lazy imports, fresh parse tables."""

from __future__ import annotations

import ast
import subprocess
import sys

from conftest import REPO
from racompiler.syntax.tables import tables_fresh

PACKAGE = REPO / "racompiler"

# Targets see only the Plan: never Lark trees, the generic AST or the decoder/resolver.
FORBIDDEN_IN_TARGETS = ("lark", "racompiler.syntax", "racompiler.semantic.decode", "racompiler.semantic.decl",
                        "racompiler.semantic.resolve", "racompiler.semantic.reader", "racompiler.semantic.loader")


def _imports(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


def test_grammar_tables_are_fresh():
    assert tables_fresh(), "grammar/ra.lark changed: run python -m racompiler.syntax.tables"


def test_targets_do_not_reach_into_the_front_end():
    offenders = []
    for path in (PACKAGE / "targets").rglob("*.py"):
        for name in _imports(path):
            if any(name == f or name.startswith(f + ".") for f in FORBIDDEN_IN_TARGETS):
                offenders.append(f"{path.relative_to(REPO)} imports {name}")
    assert not offenders, offenders


def test_front_end_does_not_import_targets_or_graph():
    """Dependencies point one way: syntax -> semantic -> graph -> targets."""
    offenders = []
    for sub, banned in (("syntax", ("racompiler.semantic", "racompiler.graph", "racompiler.targets")),
                        ("semantic", ("racompiler.graph", "racompiler.targets")),
                        ("rules", ("racompiler.graph", "racompiler.targets"))):
        for path in (PACKAGE / sub).rglob("*.py"):
            for name in _imports(path):
                if any(name == b or name.startswith(b + ".") for b in banned):
                    offenders.append(f"{path.relative_to(REPO)} imports {name}")
    assert not offenders, offenders


def test_check_does_not_import_networkx_or_targets():
    """`racompiler check` must start fast: heavy modules are imported only by commands that need them
    (Lark only to report a syntax error: a clean file takes the fast parser; click only for a
    command line the fast entry point leaves to it; dataclasses only when asked, see records.py)."""
    code = ("import sys\nfrom racompiler.entry import main\n"
            f"sys.argv = ['racompiler', 'check', {str(REPO / 'architectures' / 'dell_openstack.ra')!r}]\n"
            "try:\n    main()\nexcept SystemExit as e:\n    assert e.code == 0, e.code\n"
            "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('networkx', 'yaml', 'jinja2', 'jsonschema', "
            "'lark', 'click', 'dataclasses', 'inspect') or m.startswith('racompiler.targets.')); print(heavy)\n"
            "assert not heavy, heavy")
    proc = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_modules_stay_small():
    big = [f"{p.relative_to(REPO)}: {n} lines" for p in PACKAGE.rglob("*.py")
           if (n := len(p.read_text(encoding="utf-8").splitlines())) > 500]
    assert not big, big


def test_every_target_builds_with_the_core_dependencies_only(tmp_path):
    """`pip install .` (no extras) must build every target: block the extras' modules and build."""
    code = f"""
import importlib.abc, sys
BLOCKED = ("ruamel", "pykwalify", "heat", "ansible", "kolla_ansible", "tempest", "stestr", "netaddr", "hypothesis")
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ImportError(f"{{name}} is not a core dependency")
sys.meta_path.insert(0, Block())
from racompiler.api import build
for target, options in [("heat", {{}}), ("crowbar", {{"crowbar_flavor": "dell-1.x"}}), ("crowbar", {{"crowbar_flavor": "suse"}}),
                        ("ansible", {{"ansible_flavor": "generic"}}), ("ansible", {{"ansible_flavor": "kolla"}}),
                        ("ansible", {{"ansible_flavor": "openstack-ansible"}}), ("interop", {{}})]:
    r = build({str(REPO / "architectures" / "dell_openstack.ra")!r}, [target], None, options=options)
    assert r.ok and r.artifacts, (target, options, [f"{{d.code}} {{d.message}}" for d in r.errors])
print("ok")
"""
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0 and proc.stdout.strip() == "ok", proc.stdout + proc.stderr
