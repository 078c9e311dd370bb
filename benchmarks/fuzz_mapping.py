"""Realisation mappings for the fuzzer's user modules (``lib/ext.mapping.yml``, docs/mappings.md).

A user module's mapping says where its components land in kolla-ansible and openstack-ansible.
The drawn mapping follows the schema (so it loads) but is adversarial inside it: every landing
kind, conversions that may not fit the value (``int`` of a string, ``mib`` of a list), value
tables that miss the value, ``when`` conditions, roles placed by an attribute's value, sections
and keys with odd characters, and sometimes a catalog component remapped.
"""

from __future__ import annotations

import random
from typing import Any

import yaml

CONVERTS = ["str", "int", "float", "bool", "mib", "bytes", "list"]
ODD = ["x", "DEFAULT", "a b", "sec.tion", "k-e_y", "[x", "é", "0", "true"]


def _common(rng: random.Random, attr: str, spec: Any, others: list[str]) -> dict:
    extra: dict[str, Any] = {}
    roll = rng.random()
    if roll < 0.3:
        extra["convert"] = rng.choice(CONVERTS)
    elif roll < 0.45 and spec.type.kind == "enum":
        choices = list(spec.type.choices)
        extra["values"] = {c: rng.choice(["A", 1, True, None, [1], {"x": 1}, c.upper()])
                           for c in rng.sample(choices, rng.randint(0, len(choices)))}
    if others and rng.random() < 0.15:
        extra["when"] = {rng.choice(others): rng.choice(["fast", 1, True, "x"])}
    return extra


def _landing(rng: random.Random, deployer: str, comp: str, attr: str, spec: Any, others: list[str]) -> dict:
    kind = rng.randrange(6)
    if kind == 0:
        return {"inherent": "the deployer does it"}
    if kind == 1:
        out: dict[str, Any] = {"unsupported": "no such setting"}
        if rng.random() < 0.5:
            out["severity"] = rng.choice(["warning", "error"])
        return out
    if kind == 2 or deployer == "kolla" and kind > 3:
        base: dict[str, Any] = {"var": f"{comp}_{attr}"}
    elif deployer == "kolla":
        base = {"ini": {"file": rng.choice([f"{comp}.conf", "a/b.ini", "x.conf"]),
                        "section": rng.choice(ODD), "key": rng.choice([attr, "k-e_y", "a.b"])}}
    elif kind == 3:
        base = {"override": {"var": f"{comp}_conf_overrides", "section": rng.choice(ODD), "key": attr}}
    elif kind == 4:
        base = {"user_config": rng.choice([["global_overrides", comp, attr], ["used_ips"], [attr]])}
    else:
        base = {"host_vars": {"group": f"{comp}_hosts", "path": ["container_vars", attr]}}
    base.update(_common(rng, attr, spec, others))
    return base


def _component(rng: random.Random, deployer: str, comp: Any) -> dict:
    if rng.random() < 0.05:
        return {"outside": "deployed by hand"}
    roles: dict[str, Any] = {}
    for r in comp.roles:
        enums = [a for a, s in comp.attrs.items() if s.type.kind == "enum"]
        if enums and rng.random() < 0.15:
            attr = rng.choice(enums)
            choices = list(comp.attrs[attr].type.choices)
            roles[r.name] = {"by_attribute": attr, "values": {c: [f"{comp.name}_{c}"]
                                                               for c in rng.sample(choices, rng.randint(1, len(choices)))}}
        else:
            groups = [f"{comp.name}_{r.name}" if deployer == "kolla" else f"{comp.name}_{r.name}_hosts"]
            roles[r.name] = rng.choice([groups, [], groups + ["control"], ["compute", "network"]])
    out: dict[str, Any] = {"roles": roles}
    if deployer == "kolla" and rng.random() < 0.7:
        out["enable"] = [f"enable_{comp.name}"]
    if rng.random() < 0.2:
        out["fixed"] = [{"var": f"{comp.name}_fixed", "value": rng.choice([1, "x", True, [1, 2], {"a": None}])}]
        if deployer == "openstack-ansible" and rng.random() < 0.5:
            out["fixed"].append({"user_config": ["global_overrides", comp.name], "value": rng.choice([1, "{{ x }}"])})
    attrs = {}
    names = sorted(comp.attrs)
    for a in names:
        if rng.random() < 0.8:
            others = [o for o in names if o != a]
            attrs[a] = [_landing(rng, deployer, comp.name, a, comp.attrs[a], others)
                        for _ in range(rng.randint(1, 2))]
    if attrs:
        out["attributes"] = attrs
    return out


def mapping_for(rng: random.Random, comps: list[Any]) -> str:
    """The text of a mapping file for the user components ``comps``."""
    doc: dict[str, Any] = {}
    for deployer in ("kolla", "openstack-ansible"):
        if rng.random() < 0.85:
            doc[deployer] = {"components": {c.name: _component(rng, deployer, c) for c in comps if rng.random() < 0.9}}
    return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True)
