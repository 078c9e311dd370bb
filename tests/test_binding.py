"""Late binding of roles to a node inventory (racompiler.binding).

The checks of a produced binding (:func:`meets`, :func:`feasible`) are written here from the
rules in the issue, independently of the solver: each node's disks and NICs are matched with a
plain max-flow over individual devices, feasibility with an uncompressed node-by-node network.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import networkx as nx
import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from conftest import GOLDENS, REPO, assert_golden, assert_matches_schema
from racompiler.api import compile_file
from racompiler.binding.api import bind, bind_plan
from racompiler.binding.cli import bind as bind_command
from racompiler.schema_cli import schema as schema_command
from racompiler.binding.inventory import SCHEMA_PATH, Inventory, InventoryDisk, InventoryNic, Node, load_inventory
from racompiler.binding.render import binding_json
from racompiler.diagnostics import DiagnosticSink, Severity, Span
from racompiler.diagnostics.codes import CODES
from racompiler.diagnostics.render import render_human
from racompiler.semantic.model import Disk, Hardware, Model, Nic, Role, Value
from racompiler.semantic.types import Type

INVENTORIES = REPO / "architectures" / "inventories"
FIXTURES = REPO / "tests" / "fixtures" / "binding"
GOLDEN_DIR = GOLDENS / "binding"
# (architecture, inventory): every OpenStack example with a sample inventory that fits it.
SAMPLES = [
    ("allinone", "allinone"),
    ("dell_openstack", "dell_openstack"),
    ("dell_lab", "dell_openstack"),
    ("ha_openstack", "ha_openstack"),
]
BINDING_CODES = ("RA520", "RA521", "RA522", "RA523", "RA524", "RA525", "RA526", "RA527", "RA528", "RA529")
MARKER = re.compile(r"#\s*expect:\s*(RA\d{3}(?:\s*,\s*RA\d{3})*)\s*$")
SPAN = Span.point("prop.ra")
GIB, GB = 2**30, 10**9


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    """Spans hold the paths as given: relative to the repository, the same on every machine."""
    monkeypatch.chdir(REPO)


# -- an independent check of a binding ---------------------------------------------------------
def _devices_serve(specs: list[tuple[int, object]], devices: list, usable) -> bool:
    """Every spec (count, spec) gets ``count`` distinct devices it may use: a max-flow check."""
    need = sum(count for count, _ in specs)
    if need == 0:
        return True
    g = nx.DiGraph()
    for i, (count, spec) in enumerate(specs):
        g.add_edge("s", ("spec", i), capacity=count)
        for j, dev in enumerate(devices):
            if usable(spec, dev):
                g.add_edge(("spec", i), ("dev", j), capacity=1)
    for j in range(len(devices)):
        g.add_edge(("dev", j), "t", capacity=1)
    return g.has_node("t") and nx.maximum_flow_value(g, "s", "t") == need


def _text(value) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else str(value).lower()


def meets(node: Node, hw: Hardware | None) -> bool:
    """The issue's rule: >= cores and memory, disks and NICs per spec (each device used once),
    the RAID level supported, every BIOS setting equal."""
    if hw is None:
        return True
    if hw.cores is not None and node.cores < hw.cores:
        return False
    if hw.memory_bytes is not None and node.memory_bytes < hw.memory_bytes:
        return False
    if hw.raid not in (None, "none") and hw.raid not in node.raid_levels:
        return False
    if any(_text(node.bios.get(k, "\0")) != _text(v) for k, v in hw.bios.items()):
        return False
    disks_ok = _devices_serve([(d.count, d) for d in hw.disks], list(node.disks),
                              lambda d, dev: d.type in (None, dev.type) and dev.size_bytes >= (d.size_bytes or 0))
    nics_ok = _devices_serve([(n.count, n) for n in hw.nics], list(node.nics),
                             lambda n, dev: dev.speed_mbps >= (n.speed_mbps or 0))
    return disks_ok and nics_ok


def _group(node: Node, spread: str) -> str | None:
    return node.rack if spread == "rack" else node.zone


def _limits(model: Model, nodes: list[Node]) -> dict[str, int]:
    """Per spread role: ceil(count / racks or zones holding a node that meets its profile)."""
    out = {}
    for name, role in model.roles.items():
        if role.spread in ("rack", "zone"):
            hw = model.hardware.get(role.hardware) if role.hardware else None
            groups = {_group(n, role.spread) for n in nodes if meets(n, hw)}
            out[name] = math.ceil(role.count.value / len(groups)) if groups else 0
    return out


def check_binding(model: Model, nodes: list[Node], binding) -> None:
    """Every role has its count of nodes, each meeting the profile; no node twice; spread holds."""
    by_name = {n.name: n for n in nodes}
    seen: set[str] = set()
    limits = _limits(model, nodes)
    for name, role in model.roles.items():
        bound = list(binding.roles.get(name, ()))
        assert len(bound) == role.count.value, f"role {name}: {len(bound)} of {role.count.value}"
        hw = model.hardware.get(role.hardware) if role.hardware else None
        for n in bound:
            assert n not in seen, f"node {n} bound twice"
            seen.add(n)
            assert meets(by_name[n], hw), f"node {n} does not meet role {name}'s profile"
            assert binding.node_role[n] == name
        if name in limits:
            per_group: dict = {}
            for n in bound:
                key = _group(by_name[n], role.spread)
                per_group[key] = per_group.get(key, 0) + 1
            assert max(per_group.values(), default=0) <= limits[name], (name, per_group, limits[name])
    assert set(binding.unused) == set(by_name) - seen
    assert len(binding.node_role) == len(seen)


def feasible(model: Model, nodes: list[Node]) -> bool:
    """An uncompressed network, one vertex per node: can every role be filled at once?"""
    g = nx.DiGraph()
    limits = _limits(model, nodes)
    need = 0
    for name, role in model.roles.items():
        count = role.count.value
        if count <= 0:
            continue
        need += count
        g.add_edge("s", ("role", name), capacity=count)
        hw = model.hardware.get(role.hardware) if role.hardware else None
        for n in nodes:
            if meets(n, hw):
                head = ("role", name)
                if name in limits:
                    head = ("group", name, _group(n, role.spread))
                    g.add_edge(("role", name), head, capacity=limits[name])
                g.add_edge(head, ("node", n.name), capacity=1)
                g.add_edge(("node", n.name), "t", capacity=1)
    return need == 0 or (g.has_node("t") and nx.maximum_flow_value(g, "s", "t") == need)


# -- sample inventories and golden bindings ----------------------------------------------------
def _compile(name: str):
    result = compile_file(f"architectures/{name}.ra")
    assert result.ok, result.diagnostics
    return result


@pytest.mark.parametrize("path", sorted(INVENTORIES.glob("*.inventory.yaml")), ids=lambda p: p.name)
def test_sample_inventories_are_valid_against_the_schema(path: Path) -> None:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    Draft202012Validator(json.loads(SCHEMA_PATH.read_text()),
                         format_checker=Draft202012Validator.FORMAT_CHECKER).validate(doc)
    macs = [n["mac"].lower() for node in doc["nodes"] for n in node.get("nics", ())]
    assert len(macs) == len(set(macs))


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    doc = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert doc["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(doc)


@pytest.mark.parametrize(("arch", "inv"), SAMPLES, ids=[a for a, _ in SAMPLES])
def test_golden_binding(arch: str, inv: str, update_goldens: bool) -> None:
    result = _compile(arch)
    sink = DiagnosticSink()
    bound = bind_plan(result.plan, f"architectures/inventories/{inv}.inventory.yaml", sink)
    assert bound is not None and not sink.items, render_human(sink.sorted(), {})
    binding = bound.binding
    assert result.plan.binding is None, "binding must return a new plan, not change the compiled one"
    check_binding(result.model, list(binding.nodes.values()), binding)
    assert_golden(GOLDEN_DIR / f"{arch}.binding.json", binding_json(binding), update_goldens)


def test_smallest_fitting_nodes_are_preferred() -> None:
    """The Dell inventory has a bigger R630 that fits the compute profile: it stays unused."""
    result = _compile("dell_openstack")
    binding = bind_plan(result.plan, "architectures/inventories/dell_openstack.inventory.yaml", DiagnosticSink()).binding
    compute = binding.nodes_of("compute")
    spare = [binding.nodes[n] for n in binding.unused if binding.nodes[n].model == "PowerEdge R630"]
    assert spare and all(meets(n, result.model.hardware["compute_hw"]) for n in spare)
    assert all(n.cores < spare[0].cores for n in compute)


def test_binding_is_deterministic_whatever_the_node_order() -> None:
    result = _compile("ha_openstack")
    inv = load_inventory("architectures/inventories/ha_openstack.inventory.yaml", DiagnosticSink())
    texts = set()
    for nodes in (inv.nodes, tuple(reversed(inv.nodes)), inv.nodes[1::2] + inv.nodes[::2]):
        texts.add(binding_json(bind(result.model, Inventory(inv.path, None, nodes), DiagnosticSink())))
    assert len(texts) == 1


def test_json_inventory_binds_like_yaml(tmp_path: Path) -> None:
    src = INVENTORIES / "dell_openstack.inventory.yaml"
    as_json = tmp_path / "dell_openstack.inventory.json"
    as_json.write_text(json.dumps(yaml.safe_load(src.read_text(encoding="utf-8")), indent=1), encoding="utf-8")
    result = _compile("dell_openstack")
    a = bind_plan(result.plan, str(src.relative_to(REPO)), DiagnosticSink()).binding
    b = bind_plan(result.plan, str(as_json), DiagnosticSink()).binding
    assert a.roles == b.roles and a.unused == b.unused


def test_bound_hardware_is_the_floor_of_the_bound_nodes() -> None:
    result = _compile("dell_openstack")
    binding = bind_plan(result.plan, "architectures/inventories/dell_openstack.inventory.yaml", DiagnosticSink()).binding
    hw = binding.bound_hardware("controller")
    (node,) = binding.nodes_of("controller")
    assert (hw.cores, hw.memory_bytes, hw.raid) == (node.cores, node.memory_bytes, "raid1")
    assert hw.disks[0].size_bytes == node.disks[0].size_bytes and hw.disks[0].type == "hdd"
    assert meets(node, hw)
    assert binding.bound_hardware("no_such_role") is None


# -- fixtures: problems with the expected diagnostics and explanations -------------------------
def _markers(folder: Path) -> set[tuple[str, int, str]]:
    out = set()
    for f in sorted(folder.iterdir()):
        for lineno, line in enumerate(f.read_text(encoding="utf-8").splitlines(), start=1):
            m = MARKER.search(line)
            if m:
                out.update((f.name, lineno, c.strip()) for c in m.group(1).split(","))
    return out


def _bind_fixture(folder: Path):
    rel = folder.relative_to(REPO)
    result = compile_file(str(rel / "main.ra"))
    assert result.ok, result.diagnostics
    sink = DiagnosticSink()
    sources = dict(result.sources)
    bound = bind_plan(result.plan, str(rel / "inventory.yaml"), sink, sources)
    return (bound.binding if bound is not None else None), sink.sorted(), sources


FIXTURE_DIRS = sorted(p for p in FIXTURES.iterdir() if p.is_dir())


@pytest.mark.parametrize("folder", FIXTURE_DIRS, ids=lambda p: p.name)
def test_binding_fixture(folder: Path, update_goldens: bool) -> None:
    binding, diags, sources = _bind_fixture(folder)
    reported = {(Path(d.span.file).name, d.span.line, d.code) for d in diags}
    assert reported == _markers(folder), "\n".join(f"{d.span} {d.code} {d.message}" for d in diags)
    assert folder.name.split("_")[0] in {c for _f, _l, c in reported}
    assert (binding is None) == any(d.severity is Severity.ERROR for d in diags)
    assert_golden(GOLDEN_DIR / "fixtures" / f"{folder.name}.txt", render_human(diags, sources), update_goldens)


def test_binding_fixtures_cover_every_binding_code() -> None:
    assert set(BINDING_CODES) == {c for c in CODES if "RA520" <= c <= "RA539"}
    covered = {p.name.split("_")[0] for p in FIXTURE_DIRS}
    assert covered == set(BINDING_CODES)


def test_explanation_names_each_requirement_and_the_worst_one() -> None:
    _b, (diag,), _s = _bind_fixture(FIXTURES / "RA524_too_few_nodes")
    assert diag.message == ("role compute needs 5 nodes, 3 can be found: 12 of 15 nodes have 16+ cores, "
                            "only 3 of those have 128 GiB+ memory")
    assert diag.hint == "the requirement that excludes the most nodes is 128 GiB+ memory: 6 of 15 nodes meet it"
    assert [r.message for r in diag.related] == ["role compute uses hardware compute_hw"]


def test_inventory_problems_name_the_json_path_and_line() -> None:
    _b, diags, _s = _bind_fixture(FIXTURES / "RA521_bad_memory_unit")
    assert [(d.message.split(":")[0], d.span.line) for d in diags] == [
        ("nodes[0].memory", 5), ("nodes[0].nics[1].speed", 8)]


def test_every_schema_problem_is_reported(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nnodes:\n  - name: a\n    cores: 0\n    memroy: 1\n  - name: b_c\n"
                   "    cores: 2\n    memory: 1 GiB\n    address: 10.0.0.300\n", encoding="utf-8")
    sink = DiagnosticSink()
    assert load_inventory(str(bad), sink) is None
    got = sorted((d.code, d.span.line, d.message.split(":")[0]) for d in sink.items)
    assert got == [("RA521", 3, "nodes[0]"), ("RA521", 4, "nodes[0].cores"), ("RA521", 5, "nodes[0].memroy"),
                   ("RA521", 6, "nodes[1].name"), ("RA521", 9, "nodes[1].address")]
    assert any(d.hint == "did you mean 'memory'?" for d in sink.items)


def test_missing_inventory_is_RA520(tmp_path: Path) -> None:
    sink = DiagnosticSink()
    assert load_inventory(str(tmp_path / "nope.yaml"), sink) is None
    assert [(d.code, d.span.line) for d in sink.items] == [("RA520", 1)]


# -- property: whatever the solver returns is a correct binding --------------------------------
_disk = st.tuples(st.sampled_from(["hdd", "ssd", "nvme"]), st.sampled_from([100, 500, 1000]))
_node = st.fixed_dictionaries({
    "cores": st.sampled_from([2, 4, 8, 16]), "memory": st.sampled_from([8, 16, 32, 64]),
    "disks": st.lists(_disk, max_size=4), "nics": st.lists(st.sampled_from([1000, 10000, 25000]), max_size=3),
    "raid": st.sets(st.sampled_from(["jbod", "raid1", "raid10"])),
    "bios": st.sampled_from([{}, {"virtualization": "Enabled"}, {"virtualization": "disabled"}]),
    "rack": st.sampled_from(["r1", "r2", "r3", None]), "zone": st.sampled_from(["z1", "z2", None]),
})
_profile = st.fixed_dictionaries({
    "cores": st.sampled_from([None, 2, 4, 8, 16]), "memory": st.sampled_from([None, 8, 16, 32]),
    "raid": st.sampled_from([None, "none", "raid1", "jbod"]),
    "disks": st.lists(st.tuples(st.integers(1, 2), st.sampled_from([None, "hdd", "ssd"]),
                                st.sampled_from([None, 100, 500])), max_size=2),
    "nics": st.lists(st.tuples(st.integers(1, 2), st.sampled_from([None, 1000, 10000])), max_size=2),
    "bios": st.sampled_from([{}, {"virtualization": "enabled"}]),
    "count": st.integers(0, 5), "spread": st.sampled_from([None, "none", "rack", "zone"]),
    "shared": st.booleans(),
})


def _build(raw_nodes: list[dict], raw_roles: list[dict]) -> tuple[Model, list[Node]]:
    nodes = [Node(f"n{i:02d}", r["cores"], r["memory"] * GIB,
                  tuple(InventoryDisk(None, size * GB, t) for t, size in r["disks"]), None, tuple(sorted(r["raid"])),
                  tuple(InventoryNic(None, f"02:00:00:00:{i:02x}:{j:02x}", s) for j, s in enumerate(r["nics"])),
                  r["bios"], r["rack"], r["zone"], (), None, None, None, None, None, i)
             for i, r in enumerate(raw_nodes)]
    model = Model("prop", "", None, "prop.ra")
    for i, r in enumerate(raw_roles):
        hw_name = "hw0" if r["shared"] and "hw0" in model.hardware else f"hw{i}"
        model.hardware.setdefault(hw_name, Hardware(
            hw_name, "", r["cores"], r["memory"] and r["memory"] * GIB, r["raid"],
            tuple(Disk(None, c, s and s * GB, t, SPAN) for c, t, s in r["disks"]),
            tuple(Nic(None, c, s, SPAN) for c, s in r["nics"]), r["bios"], SPAN))
        model.roles[f"role{i}"] = Role(f"role{i}", "", Value(r["count"], Type("int"), ()), hw_name, (), (),
                                       r["spread"], SPAN)
    return model, nodes


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_node, min_size=1, max_size=18), st.lists(_profile, min_size=1, max_size=4))
def test_every_binding_meets_every_requirement(raw_nodes: list[dict], raw_roles: list[dict]) -> None:
    model, nodes = _build(raw_nodes, raw_roles)
    sink = DiagnosticSink()
    binding = bind(model, Inventory("prop.yaml", None, tuple(nodes)), sink)
    if binding is None:
        assert not feasible(model, nodes), "the solver gave up on a feasible case"
        assert {d.code for d in sink.items if d.severity is Severity.ERROR} <= {"RA524", "RA525", "RA526"}
    else:
        check_binding(model, nodes, binding)


# -- the commands --------------------------------------------------------------------------------
def test_schema_command_prints_the_shipped_schema() -> None:
    run = CliRunner().invoke(schema_command, ["inventory"])
    assert run.exit_code == 0
    assert json.loads(run.stdout) == json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def test_bind_command_writes_binding_json(tmp_path: Path) -> None:
    out = tmp_path / "binding.json"
    run = CliRunner().invoke(bind_command, ["architectures/dell_openstack.ra", "--inventory",
                                            "architectures/inventories/dell_openstack.inventory.yaml", "-o", str(out)])
    assert run.exit_code == 0, run.output
    assert out.read_text(encoding="utf-8") == (GOLDEN_DIR / "dell_openstack.binding.json").read_text(encoding="utf-8")
    run = CliRunner().invoke(bind_command, ["architectures/dell_openstack.ra", "--inventory",
                                            "architectures/inventories/dell_openstack.inventory.yaml",
                                            "--format", "json"])
    assert_matches_schema(json.loads(run.stdout), "binding")
    text = CliRunner().invoke(bind_command, ["architectures/allinone.ra", "--inventory",
                                             "architectures/inventories/allinone.inventory.yaml"]).stdout
    assert "role aio (1 node(s), hardware devbox):" in text and "unused: 1 node(s): nuc-01" in text


def test_infeasible_bind_exits_1_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "binding.json"
    folder = (FIXTURES / "RA524_too_few_nodes").relative_to(REPO)
    run = CliRunner().invoke(bind_command, [str(folder / "main.ra"), "--inventory", str(folder / "inventory.yaml"),
                                            "-o", str(out)])
    assert run.exit_code == 1
    assert "error[RA524]: role compute needs 5 nodes, 3 can be found" in run.stderr
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_bind_reports_compile_errors_without_binding(tmp_path: Path) -> None:
    ra = tmp_path / "broken.ra"
    ra.write_text("role web {\n  count = 1\n  hardware = nowhere\n}\n", encoding="utf-8")
    run = CliRunner().invoke(bind_command, [str(ra), "--inventory",
                                            "architectures/inventories/allinone.inventory.yaml"])
    assert run.exit_code == 1 and "RA201" in run.stderr


# -- the piecewise validity check agrees with plain jsonschema ----------------------------------
def test_placeholders_are_valid_values() -> None:
    from racompiler.binding.validate import MAC_PLACEHOLDER, PLACEHOLDERS, validator

    for part, value in [*PLACEHOLDERS.items(), ("mac", MAC_PLACEHOLDER)]:
        assert validator(part).is_valid([value]), part


_BAD_VALUES = st.sampled_from(["", "bad name", "zz:00:00:00:00:00", "10.0.0.300", 7, True, 1.5, None, [], {},
                               "64 Gb", "node", "r01", "52:54:00:12:34:56"])
_FIELDS = st.sampled_from(["name", "serial", "address", "bmc_address", "rack", "zone", "memory", "cores",
                           "tags", "mac", "extra"])


@settings(max_examples=120, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 10), _FIELDS, _BAD_VALUES), max_size=3))
def test_fast_validity_agrees_with_jsonschema(edits: list) -> None:
    from racompiler.binding.validate import is_valid, validator

    data = yaml.safe_load((INVENTORIES / "dell_openstack.inventory.yaml").read_text(encoding="utf-8"))
    for index, field, value in edits:
        node = data["nodes"][index]
        if field == "mac":
            node.setdefault("nics", [{"mac": "52:54:00:00:00:01", "speed": 1000}])[0]["mac"] = value
        else:
            node[field] = value
    assert is_valid(data) == validator().is_valid(data)


# -- hostile and surprising inventories (issue "Reliability", items 2, 3 and 7) -----------------
def _load(path: Path | str) -> tuple[Inventory | None, list]:
    sink = DiagnosticSink()
    inv = load_inventory(str(path), sink)
    return inv, sorted(sink.items, key=lambda d: (d.span.line, d.span.column))


def _write(tmp_path: Path, text: str, name: str = "inv.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("kind", ["fifo", "device", "directory"])
def test_inventory_must_be_a_regular_file(tmp_path: Path, kind: str) -> None:
    import os
    import time

    if kind == "fifo":
        if not hasattr(os, "mkfifo"):
            pytest.skip("no FIFOs here")
        path = tmp_path / "inv.fifo"
        os.mkfifo(path)  # nobody writes: opening it for reading would block forever
    elif kind == "device":
        path = Path("/dev/zero")  # endless: reading it grew to 9.7 GB in a minute
        if not path.exists():
            pytest.skip("no /dev/zero here")
    else:
        path = tmp_path
    start = time.monotonic()
    inv, diags = _load(path)
    assert time.monotonic() - start < 5
    assert inv is None and [(d.code, d.span.line) for d in diags] == [("RA520", 1)]
    assert "not a regular file" in diags[0].message


def test_inventory_size_is_capped_and_only_cap_plus_one_bytes_are_read(tmp_path: Path, monkeypatch) -> None:
    import builtins

    from racompiler.binding import reading as inventory_module

    monkeypatch.setattr(inventory_module, "MAX_INVENTORY_BYTES", 1000)
    path = _write(tmp_path, "version: 1\nnodes: []\n" + "#" * 5000 + "\n")
    sizes: list[int] = []
    real_open = builtins.open

    class Spy:
        def __init__(self, fh):
            self.fh = fh

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.fh.close()

        def fileno(self):
            return self.fh.fileno()

        def read(self, n=-1):
            sizes.append(n)
            return self.fh.read(n)

    monkeypatch.setattr(builtins, "open", lambda f, *a, **k: Spy(real_open(f, *a, **k)) if isinstance(f, int)
                        else real_open(f, *a, **k))
    inv, diags = _load(path)
    assert inv is None and [d.code for d in diags] == ["RA520"] and "larger than" in diags[0].message
    assert sizes == [1001]


def test_alias_bomb_is_refused_at_once_even_off_an_unused_key(tmp_path: Path) -> None:
    import time

    laughs = "".join(f"  l{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]\n" for i in range(1, 10))
    path = _write(tmp_path, "version: 1\nnodes: []\nx:\n  l0: &a0 [lol]\n" + laughs)
    start = time.monotonic()
    inv, diags = _load(path)
    assert time.monotonic() - start < 2
    assert inv is None and [(d.code, d.span.line) for d in diags] == [("RA529", 12)]


def test_an_alias_inside_itself_is_refused(tmp_path: Path) -> None:
    inv, diags = _load(_write(tmp_path, "version: 1\nnodes: &n\n  - *n\n"))
    assert inv is None and [(d.code, d.span.line) for d in diags] == [("RA520", 2)]
    assert "contains it" in diags[0].message


def test_modest_aliases_and_merge_keys_still_work(tmp_path: Path) -> None:
    text = ("version: 1\nnodes:\n  - &r640 {name: a, cores: 16, memory: 64 GiB, disks: &d [{size: 1 TB, type: ssd}]}\n"
            "  - <<: *r640\n    name: b\n    cores: 32\n  - {name: c, cores: 8, memory: 8 GiB, disks: *d}\n")
    inv, diags = _load(_write(tmp_path, text))
    assert not diags and inv is not None
    assert [(n.name, n.cores, n.memory_bytes, len(n.disks)) for n in inv.nodes] == [
        ("a", 16, 64 * GIB, 1), ("b", 32, 64 * GIB, 1), ("c", 8, 8 * GIB, 1)]


@pytest.mark.parametrize("name", ["inv.yaml", "inv.json"])
def test_deep_nesting_is_refused(tmp_path: Path, name: str) -> None:
    text = '{"version": 1, "nodes": [], "site": ' + "[" * 900 + "]" * 900 + "}"
    inv, diags = _load(_write(tmp_path, text, name))
    assert inv is None and [d.code for d in diags] == ["RA520"] and "deeper than" in diags[0].message


def test_duplicate_keys_are_refused_in_json_too(tmp_path: Path) -> None:
    text = '{"version": 1,\n "nodes": [{"name": "a", "cores": 8,\n "memory": "8 GiB", "cores": 16}]}\n'
    inv, diags = _load(_write(tmp_path, text, "inv.json"))
    assert inv is None and [(d.code, d.span.line, d.message.split(":")[0]) for d in diags] == [
        ("RA528", 3, "nodes[0].cores")]
    assert diags[0].related[0].span.line == 2


def test_keys_equal_as_values_are_duplicates(tmp_path: Path) -> None:
    inv, diags = _load(_write(tmp_path, "version: 1\nnodes: []\nsite: x\n1: a\n1.0: b\n"))
    assert inv is None and ("RA528", 5) in [(d.code, d.span.line) for d in diags]


@pytest.mark.parametrize(("value", "line_text"), [
    ("010", "cores"), ("0x10", "cores"), ("0o10", "cores"), ("1_000", "cores"), ("1:30", "cores"),
    ("0b11", "cores")])
def test_yaml_1_1_number_forms_are_text_and_rejected(tmp_path: Path, value: str, line_text: str) -> None:
    inv, diags = _load(_write(tmp_path, f"version: 1\nnodes:\n  - name: a\n    cores: {value}\n    memory: 8 GiB\n"))
    assert inv is None and [(d.code, d.span.line, d.message.split(":")[0]) for d in diags] == [
        ("RA521", 4, "nodes[0].cores")]
    assert "YAML 1.2" in diags[0].hint


def test_unquoted_mac_is_text_not_a_sexagesimal_number(tmp_path: Path) -> None:
    text = "version: 1\nnodes:\n  - name: a\n    cores: 8\n    memory: 8 GiB\n    nics: [{mac: 52:54:00:12:34:56, speed: 1000}]\n"
    inv, diags = _load(_write(tmp_path, text))
    assert not diags and inv.nodes[0].macs == ("52:54:00:12:34:56",)


@pytest.mark.parametrize("value", ["9" * 400 + " GiB", "9" * 400, "9" * 5000, "100000000000000000000000000000000000000000",
                                   "1.0e+400", "8 PiB 1", "9 PiB", "0 GiB"])
def test_absurd_sizes_are_diagnosed_not_crashes(tmp_path: Path, value: str) -> None:
    inv, diags = _load(_write(tmp_path, f"version: 1\nnodes:\n  - name: a\n    cores: 8\n    memory: {value}\n"))
    assert inv is None and [(d.code, d.span.line, d.message.split(":")[0]) for d in diags] == [
        ("RA521", 5, "nodes[0].memory")]


def test_sizes_up_to_the_maximum_bind(tmp_path: Path) -> None:
    text = ("version: 1\nnodes:\n  - name: a\n    cores: 65536\n    memory: 8 PiB\n"
            "    disks: [{size: 9007199254740992, type: ssd}]\n    nics: [{mac: 02:00:00:00:00:01, speed: 10 Tbps}]\n"
            "  - {name: b, cores: 8.0, memory: 1024.0}\n")
    inv, diags = _load(_write(tmp_path, text))
    assert not diags, [d.message for d in diags]
    a, b = inv.nodes
    assert (a.memory_bytes, a.disks[0].size_bytes, a.nics[0].speed_mbps) == (2**53, 2**53, 10_000_000)
    assert (b.cores, b.memory_bytes) == (8, 1024) and type(b.cores) is int


def test_bind_with_absurd_numbers_exits_1_without_a_traceback(tmp_path: Path) -> None:
    inv = _write(tmp_path, "version: 1\nnodes:\n  - name: aio-1\n    cores: 8\n    memory: " + "9" * 400
                 + " GiB\n    nics: [{mac: 02:00:00:00:00:01, speed: " + "9" * 300 + " Tbps}]\n")
    run = CliRunner().invoke(bind_command, ["architectures/allinone.ra", "--inventory", str(inv)])
    assert run.exit_code == 1 and run.exception is None or isinstance(run.exception, SystemExit)
    assert run.stderr.count("error[RA521]") == 2 and "Traceback" not in run.output
