"""``racompiler graph``: the transitive reduction by default, one DOT rank per wave, and a
component drawn in every node role that runs it with ``--group-by role``."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import networkx as nx
import pytest

from conftest import EXAMPLES, REPO, run_cli
from racompiler.api import compile_file
from racompiler.graph.export import GraphView, graph_to_dict, render_graph

IDS = [p.stem for p in EXAMPLES]


def _plan(name: str):
    plan = compile_file(str(REPO / "architectures" / f"{name}.ra")).plan
    assert plan is not None
    return plan


@pytest.mark.parametrize("example", EXAMPLES, ids=IDS)
def test_reduction_keeps_reachability_and_drops_every_implied_edge(example):
    plan = compile_file(str(example)).plan
    full = plan.graph
    doc = graph_to_dict(plan)
    shown = nx.DiGraph([(e["from"], e["to"]) for e in doc["edges"]])
    shown.add_nodes_from(full.nodes)
    # same "must come before" relation, so the same plan ...
    assert set(nx.transitive_closure_dag(shown).edges) == set(nx.transitive_closure_dag(full).edges)
    # ... and no drawn edge is implied by another drawn path
    for u, v in list(shown.edges):
        shown.remove_edge(u, v)
        assert not nx.has_path(shown, u, v), f"{u} -> {v} is implied but drawn"
        shown.add_edge(u, v)
    assert doc["reduced"] is True and doc["hidden_edges"] == full.number_of_edges() - len(doc["edges"])


def test_kept_edges_keep_their_own_attributes():
    plan = _plan("ha_openstack")
    reduced = {(e["from"], e["to"]): e for e in graph_to_dict(plan)["edges"]}
    full = {(e["from"], e["to"]): e for e in graph_to_dict(plan, GraphView(full=True))["edges"]}
    assert reduced and all(full[k] == e for k, e in reduced.items())
    assert reduced[("keystone", "glance")]["reason"] == "glance requires identity"


@pytest.mark.parametrize(("name", "full", "reduced"), [
    ("dell_openstack", 34, 12),
    ("ha_openstack", 42, 15),
])
def test_edge_counts_of_the_big_examples(name, full, reduced):
    plan = _plan(name)
    assert len(graph_to_dict(plan, GraphView(full=True))["edges"]) == full
    doc = graph_to_dict(plan)
    assert (len(doc["edges"]), doc["hidden_edges"]) == (reduced, full - reduced)


def _ranks(dot: str) -> list[list[str]]:
    return [re.findall(r'"([^"]+)";', line) for line in dot.splitlines() if "rank=same" in line]


@pytest.mark.parametrize("example", EXAMPLES, ids=IDS)
def test_dot_puts_each_wave_on_one_rank(example):
    plan = compile_file(str(example)).plan
    dot = render_graph(plan, "dot")
    assert _ranks(dot) == [sorted(w) for w in plan.waves]
    assert [int(w) for w in re.findall(r"// wave (\d+)$", dot, re.M)] == list(range(len(plan.waves)))


def test_group_by_role_draws_a_component_in_each_of_its_roles():
    plan = _plan("ha_openstack")
    dot = render_graph(plan, "dot", GraphView(group_by="role"))
    clusters = dict(re.findall(r'label="role (\w+)";\n((?:    "[^\n]+\n)+)', dot))
    members = {role: set(re.findall(r'^    "([^"]+)"', body, re.M)) for role, body in clusters.items()}
    for node, data in plan.graph.nodes(data=True):
        for role in data["node_roles"]:
            assert f"{role}/{node}" in members[role], (role, node)
    assert {"controller/nova", "compute/nova"} <= members["controller"] | members["compute"]
    assert "compute/nova" in members["compute"] and "controller/neutron" in members["controller"]
    assert "network_node/neutron" in members["network_node"]
    # each wave's rank holds every copy of its components
    assert sorted(_ranks(dot)[0]) == sorted(["ceph_osd/ceph", "controller/ceph", "controller/pacemaker"])


def test_group_by_role_edges_prefer_the_copy_on_the_same_role():
    """compute/nova is fed by controller's neutron (compute runs no neutron); controller/nova by
    the neutron beside it, not the network node's."""
    dot = render_graph(_plan("ha_openstack"), "dot", GraphView(group_by="role"))
    edges = set(re.findall(r'^  "([^"]+)" -> "([^"]+)"', dot, re.M))
    assert ("controller/neutron", "controller/nova") in edges
    assert ("network_node/neutron", "controller/nova") not in edges
    assert {("controller/neutron", "compute/nova"), ("network_node/neutron", "compute/nova")} <= edges
    # every drawn copy edge stands for a component edge of the (reduced) graph
    reduced = {(e["from"], e["to"]) for e in graph_to_dict(_plan("ha_openstack"))["edges"]}
    assert {(u.split("/")[1], v.split("/")[1]) for u, v in edges} == reduced


def test_mermaid_group_by_role_uses_valid_ids():
    out = render_graph(_plan("ha_openstack"), "mermaid", GraphView(group_by="role"))
    assert "    compute__nova[nova]" in out and "    controller__nova[nova]" in out
    ids = re.findall(r"^\s+(\S+)\[", out, re.M)
    ids += [i for pair in re.findall(r"^\s+(\S+) -->\|[^|]+\| (\S+)$", out, re.M) for i in pair]
    assert ids and all(re.fullmatch(r"\w+", i) for i in ids), ids


def test_full_flag_on_the_command_line():
    proc = run_cli("graph", "--full", "--format", "json", "architectures/dell_openstack.ra")
    doc = json.loads(proc.stdout)
    assert (doc["reduced"], doc["hidden_edges"], len(doc["edges"])) == (False, 0, 34)


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz (dot) is not installed")
@pytest.mark.parametrize("group_by", ["none", "role"])
@pytest.mark.parametrize("example", EXAMPLES, ids=IDS)
def test_graphviz_renders_the_dot_without_a_warning(example, group_by):
    dot = render_graph(compile_file(str(example)).plan, "dot", GraphView(group_by=group_by))
    proc = subprocess.run(["dot", "-Tsvg"], input=dot.encode(), capture_output=True, timeout=60)
    assert proc.returncode == 0 and proc.stderr == b"", proc.stderr.decode()
    assert b"<svg" in proc.stdout
