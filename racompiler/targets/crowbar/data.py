"""The shipped Crowbar data: the mapping table, and per flavour the barclamp templates, kwalify
schemas and metadata (``targets/crowbar/``). Everything is read once and cached; callers get
deep copies of templates so they can change them freely.
"""

from __future__ import annotations

import copy
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from racompiler.assets import asset_dir
from racompiler.records import record

FLAVOURS = ("dell-1.x", "suse")
DEFAULT_FLAVOUR = "dell-1.x"
# The OpenStack release each flavour's barclamps deploy. dell-1.x (Roxy): every barclamp pins
# `stable/havana` git refs and the Havana package repositories (targets/crowbar/dell-1.x/*/
# crowbar.yml). suse: SUSE OpenStack Cloud 9, which is Rocky.
SERVES = {"dell-1.x": "havana", "suse": "rocky"}


def data_dir() -> Path:
    """``targets/crowbar`` (or its packaged copy)."""
    return asset_dir("targets") / "crowbar"


@lru_cache(maxsize=1)
def mapping() -> dict[str, Any]:
    """The parsed ``mapping.yaml``."""
    return yaml.safe_load((data_dir() / "mapping.yaml").read_text(encoding="utf-8"))


# Escapes YAML double-quoted strings accept; kwalify (Ruby's YAML) keeps any other "\x"
# literally, so such backslashes are doubled before parsing (fix 3 of the reference).
_YAML_ESCAPES = set("0abt\tnvfre \"/\\N_LPxuU")
_DQ_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')


def _double_unknown_escapes(text: str) -> str:
    def fix(m: re.Match) -> str:
        return re.sub(r"\\(.)", lambda e: e.group(0) if e.group(1) in _YAML_ESCAPES else "\\\\" + e.group(1),
                      m.group(0))

    return _DQ_STRING.sub(fix, text)


def load_schema_text(text: str) -> Any:
    """Parse a Crowbar ``.schema`` file: YAML (not JSON: kwalify's default key ``= :``, tabs).

    Uses ruamel.yaml, which reads these files as Ruby does once unknown escapes are doubled;
    it comes with the ``verify`` extra (pykwalify), so it is imported only here.
    """
    from ruamel.yaml import YAML

    return YAML(typ="safe", pure=True).load(_double_unknown_escapes(text))


@record
class Barclamp:
    """One barclamp of one flavour: its template, schema and ordering metadata."""

    name: str
    flavour: str
    template: dict[str, Any]
    run_order: int
    template_path: Path
    schema_path: Path

    def fresh_template(self) -> dict[str, Any]:
        return copy.deepcopy(self.template)

    def schema(self) -> dict[str, Any]:
        """The kwalify schema, parsed on demand (needs the ``verify`` extra)."""
        return _schema(self.schema_path)


@lru_cache(maxsize=None)
def _schema(path: Path) -> dict[str, Any]:
    return load_schema_text(path.read_text(encoding="utf-8"))


def flavour_spec(flavour: str) -> dict[str, str]:
    return mapping()["flavours"][flavour]


@lru_cache(maxsize=None)
def barclamp(flavour: str, name: str) -> Barclamp:
    """The shipped data of barclamp ``name`` in ``flavour`` (KeyError when not shipped)."""
    spec = flavour_spec(flavour)
    folder = data_dir() / flavour / name
    if not folder.is_dir():
        raise KeyError(f"{flavour}/{name}")
    tpath = folder / spec["template"].format(barclamp=name)
    spath = folder / spec["schema"].format(barclamp=name)
    meta = yaml.safe_load((folder / spec["metadata"].format(barclamp=name)).read_text(encoding="utf-8"))
    crowbar = meta.get("crowbar") or {}
    # run_order defaults to order (barclamp_mgmt_lib does the same).
    run_order = int(crowbar.get("run_order", crowbar.get("order", 0)))
    return Barclamp(name, flavour, json.loads(tpath.read_text(encoding="utf-8")), run_order, tpath, spath)


def shipped_barclamps(flavour: str) -> list[str]:
    """Names of the barclamps shipped for ``flavour``, sorted."""
    return sorted(p.name for p in (data_dir() / flavour).iterdir() if p.is_dir())


def schema_rule(schema: dict[str, Any], path: list[str | int]) -> dict[str, Any] | None:
    """The kwalify rule at ``path`` inside ``schema`` (a list index walks into a ``seq``)."""
    rule: dict[str, Any] | None = schema
    for part in path:
        if rule is None:
            return None
        if isinstance(part, int):
            seq = rule.get("sequence") or []
            rule = seq[0] if seq else None
            continue
        mp = rule.get("mapping") or {}
        rule = mp.get(part, mp.get("="))
    return rule


def exclusive_clashes(elements: dict[str, Any], groups: list[list[str]]) -> list[tuple[str, str, str]]:
    """Crowbar's ``exclusive_roles`` (mapping.yaml): (node, the role it holds first, the other role)
    for every node a proposal's ``elements`` give two roles of one group, in group order."""
    out = []
    for group in groups:
        seen: dict[str, str] = {}
        for role in group:
            for node in elements.get(role) or []:
                if node in seen and seen[node] != role:
                    out.append((node, seen[node], role))
                seen.setdefault(node, role)
    return out


def name_refusal(name: Any) -> str | None:
    """Why Crowbar's ``proposal create`` refuses the proposal name ``name`` (None: accepted).

    Restated from ServiceObject#proposal_create (``proposal_names`` in mapping.yaml): the name is
    what the CLI sends as ``id``; Crowbar prefixes the barclamp itself."""
    rule = mapping()["proposal_names"]
    if not isinstance(name, str) or not name:
        return "the proposal name is empty"
    if name in rule["reserved"]:
        return f"'{name}' is a name Crowbar reserves ({', '.join(rule['reserved'])})"
    if not re.match(rule["pattern"], name):
        return (f"'{name}' holds characters other than letters, digits and '_' (send the bare name: "
                "Crowbar adds the barclamp prefix itself)")
    return None
