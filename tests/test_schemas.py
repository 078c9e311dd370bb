"""The shipped JSON Schemas: well-formed, described, served by ``racompiler schema``, and
obeyed by every JSON document racompiler writes (each golden JSON file and each command's
``--format json`` output)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from conftest import GOLDENS, REPO, assert_matches_schema, run_cli
from racompiler import schemas
from racompiler.schema_cli import schema as schema_command

# Golden JSON files by glob (relative to tests/goldens) -> the schema they must obey.
GOLDEN_SCHEMAS = {
    "examples/*.plan.json": "plan",
    "examples/*.graph.json": "graph",
    "binding/*.binding.json": "binding",
    "overlays/explain.*.json": "explain",
    "overlays/diff.*.json": "diff",
    "crowbar*/*/*/order.json": "crowbar-order",
    "interop/*/interop.json": "interop",
}
# Crowbar proposals are Crowbar's own documents: the tests validate them against the barclamps'
# real kwalify schemas (test_target_crowbar.py), which racompiler does not own or restate.
NOT_OURS = ["crowbar*/*/*/*.json"]


def _undescribed(node, path: str = "") -> list[str]:
    """Paths of properties with neither a description nor a $ref (whose target has one);
    if/then/else hold conditions, not fields, and are skipped."""
    out: list[str] = []
    if isinstance(node, dict):
        for key, sub in node.get("properties", {}).items():
            if isinstance(sub, dict) and "description" not in sub and "$ref" not in sub:
                out.append(f"{path}/properties/{key}")
        for key, sub in node.items():
            if key not in ("if", "then", "else"):
                out.extend(_undescribed(sub, f"{path}/{key}"))
    elif isinstance(node, list):
        for i, sub in enumerate(node):
            out.extend(_undescribed(sub, f"{path}/{i}"))
    return out


@pytest.mark.parametrize("name", schemas.names())
def test_every_schema_is_a_described_draft_2020_12_schema(name: str) -> None:
    doc = schemas.load(name)
    Draft202012Validator.check_schema(doc)
    assert doc["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert doc.get("$id") and doc.get("title") and doc.get("description"), name
    assert _undescribed(doc) == [], f"{name}: every property needs a description"  # inputs too


def test_schema_files_are_where_the_registry_says_and_none_is_unregistered() -> None:
    registered = {s.path.resolve() for s in schemas.SCHEMAS}
    shipped = {*(REPO / "racompiler").rglob("*.schema.json"), *(REPO / "targets").rglob("*.schema.json"),
               REPO / "targets" / "mapping.schema.json"}
    assert {p.resolve() for p in shipped} == registered
    # interop guideline schemas (1.5.json ...) are upstream's input formats, not ours
    assert len(schemas.names()) == len(set(schemas.names()))


def _golden_json() -> list[Path]:
    return sorted(GOLDENS.rglob("*.json"))


def test_every_golden_json_file_has_a_schema_or_is_not_ours() -> None:
    """A new kind of JSON output must come with its schema (or a reason it has none)."""
    covered = {p for pattern in [*GOLDEN_SCHEMAS, *NOT_OURS] for p in GOLDENS.glob(pattern)}
    stray = [str(p.relative_to(GOLDENS)) for p in _golden_json() if p not in covered]
    assert stray == []
    for pattern in GOLDEN_SCHEMAS:
        assert list(GOLDENS.glob(pattern)), f"no golden matches {pattern}: the test would check nothing"


@pytest.mark.parametrize("pattern,name", sorted(GOLDEN_SCHEMAS.items()))
def test_golden_json_matches_its_schema(pattern: str, name: str) -> None:
    for path in sorted(GOLDENS.glob(pattern)):
        assert_matches_schema(json.loads(path.read_text(encoding="utf-8")), name)


def test_a_schema_rejects_a_broken_document() -> None:
    """The validation has teeth: a golden with a field removed or mistyped fails."""
    doc = json.loads((GOLDENS / "examples" / "dell_openstack.plan.json").read_text(encoding="utf-8"))
    del doc["waves"]
    doc["roles"]["controller"]["count"] = "three"
    errors = schemas.validation_errors(doc, "plan")
    assert errors == ["at (root): 'waves' is a required property",
                      "at roles/controller/count: 'three' is not of type 'integer'"]


# -- racompiler schema ----------------------------------------------------------------------------

def test_schema_list_names_every_schema_and_its_command() -> None:
    run = CliRunner().invoke(schema_command, ["--list"])
    assert run.exit_code == 0
    lines = run.output.splitlines()
    assert [line.split()[0] for line in lines] == schemas.names()
    assert "racompiler plan FILE --format json" in run.output


@pytest.mark.parametrize("name", schemas.names())
def test_schema_name_prints_the_shipped_file(name: str) -> None:
    run = CliRunner().invoke(schema_command, [name])
    assert run.exit_code == 0
    assert run.output == schemas.info(name).path.read_text(encoding="utf-8")


def test_schema_of_an_unknown_name_is_a_usage_error_with_a_hint() -> None:
    proc = run_cli("schema", "grpah")
    assert proc.returncode == 2
    assert b"no schema 'grpah'; did you mean 'graph'?" in proc.stderr
    assert run_cli("schema").returncode == 2


# -- every command's JSON output ------------------------------------------------------------------

EXAMPLE = "architectures/dell_openstack.ra"


@pytest.mark.parametrize("args,name", [
    (("check", "--format", "json", "tests/fixtures/errors"), "check"),
    (("plan", "--format", "json", EXAMPLE), "plan"),
    (("graph", "--format", "json", EXAMPLE), "graph"),
    (("graph", "--format", "json", "--focus", "nova", EXAMPLE), "graph"),
    (("diff", "--format", "json", "architectures/dell_openstack.ra", "architectures/dell_lab.ra"), "diff"),
    (("diff", "--format", "json", EXAMPLE, EXAMPLE), "diff"),
    (("explain", "--format", "json", "architectures/dell_production.ra", "roles.compute.count"), "explain"),
    (("catalog", "--format", "json"), "catalog"),
    (("catalog", "--format", "json", "nova"), "catalog"),
    (("bind", "--format", "json", "architectures/dell_openstack.ra", "--inventory",
      "architectures/inventories/dell_openstack.inventory.yaml"), "binding"),
])
def test_command_json_output_matches_its_schema(args: tuple[str, ...], name: str) -> None:
    proc = run_cli(*args)
    assert proc.returncode in (0, 1, 3), proc.stderr.decode()
    assert_matches_schema(json.loads(proc.stdout), name)


def test_built_json_files_match_their_schemas(tmp_path: Path) -> None:
    proc = run_cli("build", EXAMPLE, "-t", "crowbar", "-t", "interop", "-o", str(tmp_path))
    assert proc.returncode == 0, proc.stderr.decode()
    assert_matches_schema(json.loads((tmp_path / "crowbar" / "order.json").read_text()), "crowbar-order")
    assert_matches_schema(json.loads((tmp_path / "interop" / "interop.json").read_text()), "interop")
