"""Node inventories for ``bind``: nodes that fit a compiled model's roles, then hostile variants.

:func:`inventory_for` draws nodes that meet every role's hardware profile (plus spares, racks and
zones), so binding usually succeeds and the bound plan reaches the targets; about half the time
it then damages the document: duplicate names and MACs, huge numbers, wrong types, YAML anchors,
aliases and merge keys (and a small "billion laughs"), duplicate keys, YAML 1.1 numbers, deep
nesting, unknown or missing keys, too few nodes, JSON instead of YAML, bytes that are not UTF-8.
"""

from __future__ import annotations

import json
import random
from typing import Any

import yaml

UNITS = [(2**40, "TiB"), (2**30, "GiB"), (10**12, "TB"), (10**9, "GB"), (2**20, "MiB")]


def _size(rng: random.Random, n: int) -> Any:
    """``n`` bytes as an integer or (when exact) with a unit."""
    for unit, name in UNITS:
        if n % unit == 0 and rng.random() < 0.7:
            return f"{n // unit} {name}"
    return n


def _node(rng: random.Random, i: int, hw: Any, role: str) -> dict:
    """A node named after ``role`` that meets ``hw`` (a racompiler Hardware, or None)."""
    extra = rng.choice([0, 0, 1, 4])
    node: dict[str, Any] = {"name": f"{role.replace('_', '-')}-{i:02d}.fuzz.example",
                            "cores": (hw.cores if hw and hw.cores else 2) + extra,
                            "memory": _size(rng, (hw.memory_bytes if hw and hw.memory_bytes else 2**32) * (1 + extra))}
    if hw and hw.raid and hw.raid != "none":
        node["raid"] = {"controller": "PERC", "levels": sorted({hw.raid, "raid1"})}
    disks, nics = [], []
    for spec in (hw.disks if hw else ()):
        for _ in range(spec.count):
            disks.append({"name": f"sd{chr(97 + len(disks) % 26)}", "size": _size(rng, spec.size_bytes or 10**11),
                          "type": spec.type or rng.choice(["hdd", "ssd", "nvme"])})
    for spec in (hw.nics if hw else ()):
        for _ in range(spec.count):
            nics.append({"name": f"eno{len(nics)}", "mac": "52:54:00:%02x:%02x:%02x" % (i % 256, len(nics), rng.randrange(256)),
                         "speed": f"{max(1, (spec.speed_mbps or 1000) // 1000)} Gbps"
                         if (spec.speed_mbps or 1000) % 1000 == 0 else spec.speed_mbps})
    if disks:
        node["disks"] = disks
    if nics:
        node["nics"] = nics
    if hw and hw.bios:
        node["bios"] = {k: str(v) for k, v in hw.bios.items()}
    node["rack"] = f"r{rng.randrange(4)}"
    if rng.random() < 0.5:
        node["zone"] = f"z{rng.randrange(2)}"
    return node


def nodes_for(rng: random.Random, model: Any) -> list[dict]:
    """Enough fitting nodes for every role of ``model`` (its count, plus spares)."""
    nodes, k = [], 0
    for name, role in sorted(model.roles.items()):
        hw = model.hardware.get(role.hardware) if role.hardware else None
        for _ in range(int(role.count.value or 0) + rng.choice([0, 0, 1, 2])):
            nodes.append(_node(rng, k, hw, name))
            k += 1
    rng.shuffle(nodes)
    return nodes


def _hostile(rng: random.Random, doc: dict) -> str | bytes:
    """One damaged rendering of ``doc`` (a valid inventory document)."""
    nodes = doc["nodes"]
    op = rng.randrange(16)
    if op == 0 and nodes:
        nodes.append(dict(rng.choice(nodes)))  # a duplicate name (and MACs)
    elif op == 1 and nodes:
        n = rng.choice(nodes)
        n[rng.choice(["cores", "memory"])] = rng.choice([10**30, 2**80, -1, 0, "999999 PiB", "1e9 GiB", 8.5,
                                                          float("inf"), float("nan"), 2**53 + 1, True])
    elif op == 2 and nodes:
        n = rng.choice(nodes)
        key = rng.choice(["cores", "memory", "disks", "nics", "bios", "name", "rack", "raid", "tags", "zone"])
        n[key] = rng.choice(["8", [1], {"a": 1}, None, 5, "", "sda", [[[]]], {"levels": "raid1"}, ["x"] * 3])
    elif op == 3:
        doc[rng.choice(["nodes", "version", "site"])] = rng.choice([{}, 2, None, "x", [1, 2], {"a": [1]}])
    elif op == 4 and nodes:
        rng.choice(nodes).pop(rng.choice(["name", "cores", "memory"]), None)
    elif op == 5 and nodes:
        rng.choice(nodes)[rng.choice(["memroy", "cpus", "Name", "extra"])] = 1
    elif op == 6 and nodes:
        del nodes[rng.randrange(len(nodes)):]  # too few nodes
    elif op == 7 and nodes:
        for n in nodes:
            n["rack"] = "r0"
    elif op == 8:
        return _aliases(rng, doc)
    elif op == 9:
        return _laughs(rng)
    elif op == 10:
        text = yaml.safe_dump(doc, sort_keys=False)
        return text.replace("  cores:", "  cores: 1\n  cores:", 1)  # a key twice
    elif op == 11:
        text = yaml.safe_dump(doc, sort_keys=False)
        return text.replace("cores: ", "cores: " + rng.choice(["0x", "0", "1_0", "1:"]), 1)
    elif op == 12:
        return "nodes: " + "[" * rng.choice([31, 33, 500]) + "]" * rng.choice([31, 33, 500])
    elif op == 13:
        return rng.choice([b"", b"\xff\xfe\x00n", b"nodes: [\x80]", b"\x00" * 10, "nodes:\n- name: caf\u00e9\n".encode("latin-1")])
    elif op == 14:
        return rng.choice(["- 1\n- 2\n", "x", "---\n...\n---\nnodes: []\n", "nodes: !!python/object:os.system {}\n",
                           "{nodes: [{name: a, cores: 1, memory: 1 GiB}]}", "%YAML 1.1\n---\nnodes: []\n"])
    if rng.random() < 0.3:
        return json.dumps(doc, default=str)
    return yaml.safe_dump(doc, sort_keys=False, allow_unicode=rng.random() < 0.5)


def _aliases(rng: random.Random, doc: dict) -> str:
    """The nodes written with an anchored template, merge keys and aliases."""
    lines = ["version: 1", "nodes:", "  - &tpl", "    name: tpl-node", "    cores: 64", "    memory: 256 GiB",
             "    disks: &disks", "      - {name: sda, size: 2 TB, type: ssd}"]
    for i, n in enumerate(doc["nodes"]):
        lines += ["  - <<: *tpl", f"    name: {n.get('name', f'n{i}')}"]
        if rng.random() < 0.3:
            lines.append("    disks: *disks")
        if rng.random() < 0.1:
            lines.append("    <<: *tpl")  # a merge key twice
    if rng.random() < 0.2:
        lines.append("  - *tpl")  # the template again: a duplicate name
    return "\n".join(lines) + "\n"


def _laughs(rng: random.Random) -> str:
    """A small "billion laughs": each level repeats the one before ``width`` times."""
    width, depth = rng.choice([(10, 9), (3, 5), (100, 4)])
    lines = ["a0: &a0 [x]"]
    for k in range(1, depth):
        lines.append(f"a{k}: &a{k} [" + ", ".join([f"*a{k - 1}"] * width) + "]")
    lines.append(f"nodes: *a{depth - 1}")
    return "\n".join(lines) + "\n"


def inventory_for(rng: random.Random, model: Any) -> tuple[str, str | bytes]:
    """(file name, content) of an inventory for ``model``: fitting, or (about half) hostile."""
    doc: dict[str, Any] = {"version": 1, "site": "fuzz", "nodes": nodes_for(rng, model)}
    if rng.random() < 0.5:
        return ("nodes.json", json.dumps(doc)) if rng.random() < 0.3 else ("nodes.yaml", yaml.safe_dump(doc))
    return "nodes.yaml", _hostile(rng, doc)
