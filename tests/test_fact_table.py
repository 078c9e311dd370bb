"""The cross-target table: every fact of one RA, per target and flavour, lands or is reported.

tests/fixtures/facts/every_fact.ra states every kind of fact once; tests/fixtures/facts/table.yaml
says, per build, where each fact lands in the output or which diagnostic covers it. This test
builds the RA for real with every target and flavour and checks each cell against the files and
diagnostics, and checks the table is complete: a fact of the RA without a cell fails, and so does
a cell for a fact the RA does not state.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import REPO
from racompiler.api import build
from racompiler.targets import get_target
from racompiler.targets.ansible.yamlout import load_yaml
from racompiler.targets.ledger import model_facts

FACTS = REPO / "tests" / "fixtures" / "facts"
RA = FACTS / "every_fact.ra"
TABLE: dict[str, Any] = yaml.safe_load((FACTS / "table.yaml").read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)


@functools.cache
def built(name: str):
    spec = TABLE[name]
    return build(str(RA.relative_to(REPO)), [spec.get("target", name)], None, options=spec["options"])


def _parsed(text: str, relpath: str) -> Any:
    return json.loads(text) if relpath.endswith(".json") else load_yaml(text)


def _at(tree: Any, path: str) -> Any:
    for part in path.split("/"):
        if isinstance(tree, list):
            tree = tree[int(part)]
        else:
            assert isinstance(tree, dict) and part in tree, f"no '{part}' on the way to {path}"
            tree = tree[part]
    return tree


def check_cell(name: str, key: str, cell: Any) -> None:
    result = built(name)
    fact = {f.key: f for f in model_facts(result.model)}[key]
    if isinstance(cell, str):
        entity = key.split(":", 1)[1].split(".")[0]
        hits = [d for d in result.diagnostics if d.code == cell and d.span.file == fact.span.file
                and (d.span.line == fact.span.line or entity in d.message)]
        assert hits, f"{name}: no {cell} for {key}; got " + "; ".join(
            f"{d.code} {d.span}: {d.message}" for d in result.diagnostics)
        return
    files = {a.relpath: a.text for a in result.artifacts}
    assert cell["file"] in files, f"{name}: no file {cell['file']} (have {sorted(files)[:12]}...)"
    text = files[cell["file"]]
    if "find" in cell:
        assert re.search(cell["find"], text), f"{name}: {key}: /{cell['find']}/ not in {cell['file']}"
        return
    here = _at(_parsed(text, cell["file"]), cell["path"])
    if "has" in cell:
        assert cell["has"] in (here or {}), f"{name}: {key}: {cell['has']!r} not in {cell['path']}"
    else:
        assert here == cell["value"] and type(here) is type(cell["value"]), \
            f"{name}: {key}: {cell['path']} is {here!r}, the table says {cell['value']!r}"


CELLS = [(name, key, cell) for name, spec in TABLE.items() for key, cell in spec["facts"].items()]


@pytest.mark.parametrize("name,key,cell", CELLS, ids=[f"{n}:{k}" for n, k, _ in CELLS])
def test_cell(name: str, key: str, cell: Any) -> None:
    check_cell(name, key, cell)


@pytest.mark.parametrize("name", list(TABLE))
def test_table_is_complete_and_the_build_is_clean(name: str) -> None:
    result = built(name)
    assert result.ok, [f"{d.code} {d.message}" for d in result.errors]
    spec = TABLE[name]
    target = get_target(spec.get("target", name), spec["options"])
    scope = set(getattr(target, "LEDGER_SCOPE", ("config", "network", "hardware", "role", "run")))
    assert set(spec.get("scope", scope)) == scope, f"{name}: the table's scope differs from the target's"
    wanted = {f.key for f in model_facts(result.model) if f.kind in scope}
    assert set(spec["facts"]) == wanted, (f"{name}: facts without a cell: {sorted(wanted - set(spec['facts']))}; "
                                          f"cells for no fact: {sorted(set(spec['facts']) - wanted)}")


def test_every_target_and_flavour_has_a_column() -> None:
    from racompiler.targets import BUILTIN

    columns = {(spec.get("target", name), tuple(sorted(spec["options"].items()))) for name, spec in TABLE.items()}
    for info in BUILTIN:
        flavours = [o for o in info.options if o.choices and o.flag.endswith(("-flavor", "-flavour"))]
        if not flavours:
            assert any(t == info.name for t, _ in columns), info.name
            continue
        for choice in flavours[0].choices:
            assert (info.name, ((flavours[0].dest, choice),)) in columns, f"{info.name} {choice}"


def test_the_fixture_states_every_kind_of_fact() -> None:
    kinds = {f.key.split(":")[0] + ":" + f.key.rsplit(".", 1)[-1] for f in model_facts(built("heat").model)
             if not f.key.startswith(("config:", "run:", "hardware:big.bios"))}
    for field in ("cidr", "vlan", "mtu", "gateway", "purpose"):
        assert f"network:{field}" in kinds
    for field in ("cores", "memory", "raid", "disks", "nics"):
        assert f"hardware:{field}" in kinds
    assert "role:spread" in kinds
