"""The JSON Schemas (draft 2020-12) of every JSON document racompiler reads or writes.

One registry names each schema, the command or file it describes and where the schema file is
shipped: the core outputs live beside this module, a target's outputs under
``targets/<name>/schemas/`` (see :mod:`racompiler.assets`), and the two inputs where their readers
already keep them. ``racompiler schema NAME`` prints one, the tests validate every JSON output
against its schema, and ``docs/schemas.md`` lists them.

Importing this module is cheap (no jsonschema): ``racompiler schema --list`` and ``check`` stay fast.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from racompiler.records import record
from racompiler.assets import asset_dir

_HERE = Path(__file__).resolve().parent


@record
class SchemaInfo:
    """One shipped schema: its name, what it describes and where its file is."""

    name: str
    kind: str  # "output" (racompiler writes it) or "input" (racompiler reads it)
    emitted_by: str  # the command line (or file) the document comes from
    summary: str
    root: str  # "package" (beside a module of racompiler) or "targets" (the target assets)
    relpath: str

    @property
    def path(self) -> Path:
        """The schema file (in a wheel or a source checkout alike)."""
        base = _HERE.parent if self.root == "package" else asset_dir("targets")
        return base / self.relpath


SCHEMAS: tuple[SchemaInfo, ...] = (
    SchemaInfo("check", "output", "racompiler check --format json", "diagnostics of every file checked",
               "package", "schemas/check.schema.json"),
    SchemaInfo("plan", "output", "racompiler plan FILE --format json", "deployment order and parallel waves",
               "package", "schemas/plan.schema.json"),
    SchemaInfo("graph", "output", "racompiler graph FILE --format json", "dependency graph (nodes and edges)",
               "package", "schemas/graph.schema.json"),
    SchemaInfo("diff", "output", "racompiler diff OLD NEW --format json", "changes between two architectures",
               "package", "schemas/diff.schema.json"),
    SchemaInfo("explain", "output", "racompiler explain FILE PATH --format json",
               "a value and every place that set it", "package", "schemas/explain.schema.json"),
    SchemaInfo("catalog", "output", "racompiler catalog [NAME] --format json",
               "catalog components, roles, interfaces and attributes", "package", "schemas/catalog.schema.json"),
    SchemaInfo("binding", "output", "racompiler bind FILE --inventory INV -o binding.json (or --format json)",
               "which node plays which role", "package", "schemas/binding.schema.json"),
    SchemaInfo("crowbar-order", "output", "racompiler build FILE -t crowbar (crowbar/order.json)",
               "the commit order of the Crowbar proposals", "targets", "crowbar/schemas/order.schema.json"),
    SchemaInfo("interop", "output", "racompiler build FILE -t interop (interop/interop.json)",
               "the interop guideline, program, capabilities and counts", "targets",
               "interop/schemas/interop.schema.json"),
    SchemaInfo("interop-score", "output", "racompiler interop score DIR RESULTS --format json",
               "a Tempest run scored against the build's guideline", "targets", "interop/schemas/score.schema.json"),
    SchemaInfo("interop-compare", "output", "racompiler interop compare DIR --format json",
               "what moving to another guideline changes", "targets", "interop/schemas/compare.schema.json"),
    SchemaInfo("inventory", "input", "racompiler bind --inventory INVENTORY (YAML or JSON)",
               "discovered nodes to bind roles to", "package", "binding/inventory.schema.json"),
    SchemaInfo("mapping", "input", "realisation mappings (targets/*/mapping.yaml, a user module's own)",
               "where a deployer target puts each component role and attribute", "targets", "mapping.schema.json"),
)


def names() -> list[str]:
    """Every schema name, in the registry's order."""
    return [s.name for s in SCHEMAS]


def info(name: str) -> SchemaInfo:
    """The registry entry of ``name``; KeyError for an unknown name."""
    for s in SCHEMAS:
        if s.name == name:
            return s
    raise KeyError(name)


def text(name: str) -> str:
    """The schema file of ``name``, as shipped."""
    return info(name).path.read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def load(name: str) -> dict[str, Any]:
    """The schema of ``name`` as data (cached: treat it as read-only)."""
    doc: dict[str, Any] = json.loads(text(name))
    return doc


def validation_errors(doc: Any, name: str) -> list[str]:
    """Every way ``doc`` breaks the schema ``name``, as ``at PATH: MESSAGE`` lines (empty: valid)."""
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(load(name))
    out = []
    for err in sorted(validator.iter_errors(doc), key=lambda e: [str(p) for p in e.absolute_path]):
        where = "/".join(str(p) for p in err.absolute_path) or "(root)"
        out.append(f"at {where}: {err.message}")
    return out


__all__ = ["SCHEMAS", "SchemaInfo", "info", "load", "names", "text", "validation_errors"]
