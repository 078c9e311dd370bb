"""The light dependency graph and cycle finder, checked against networkx's own algorithms.

``DepGraph.generations()`` must equal ``networkx.topological_generations`` (each sorted), and be
None exactly when networkx finds a cycle; ``find_cycles`` must return, for every strongly
connected component that has a cycle, a real closed cycle of the minimum length (the true
minimum is found by brute force with ``nx.simple_cycles`` on small graphs).
"""

from __future__ import annotations

import json
import random
import re

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import run_cli
from racompiler.api import compile_file
from racompiler.graph.cycles import find_cycles
from racompiler.graph.depgraph import DepGraph

PROPS = settings(derandomize=True, deadline=None, database=None, max_examples=300)


def _names(n: int) -> list[str]:
    # Not in sorted order of creation: "n10" < "n2" as strings, so sorting is really exercised.
    return [f"n{i}" for i in range(n)]


@st.composite
def digraphs(draw, max_nodes: int = 10, dag: bool = False, self_loops: bool = True):
    """(nodes, edges): a random directed graph, or a DAG (edges follow a random node order)."""
    n = draw(st.integers(0, max_nodes))
    nodes = _names(n)
    if n == 0:
        return nodes, []
    pairs = st.tuples(st.integers(0, n - 1), st.integers(0, n - 1))
    raw = draw(st.lists(pairs, max_size=3 * n))
    if dag:
        rank = draw(st.permutations(range(n)))
        edges = [(nodes[a], nodes[b]) if rank[a] < rank[b] else (nodes[b], nodes[a]) for a, b in raw if a != b]
    else:
        edges = [(nodes[a], nodes[b]) for a, b in raw if self_loops or a != b]
    return nodes, edges


def build(nodes: list[str], edges: list[tuple[str, str]]) -> tuple[DepGraph, nx.DiGraph]:
    dg, g = DepGraph(), nx.DiGraph()
    for node in nodes:
        dg.add_node(node)
        g.add_node(node)
    for u, v in edges:
        dg.add_edge(u, v, interface=f"{u}->{v}")
        g.add_edge(u, v)
    return dg, g


# --- generations ---------------------------------------------------------------------------

@PROPS
@given(digraphs(max_nodes=14, dag=True))
def test_generations_match_networkx_on_dags(graph):
    dg, g = build(*graph)
    expected = [sorted(gen) for gen in nx.topological_generations(g)]
    assert dg.generations() == expected


@PROPS
@given(digraphs(max_nodes=10))
def test_generations_none_exactly_when_cyclic(graph):
    dg, g = build(*graph)
    gens = dg.generations()
    assert (gens is None) == (not nx.is_directed_acyclic_graph(g))
    if gens is not None:
        assert gens == [sorted(gen) for gen in nx.topological_generations(g)]


@PROPS
@given(digraphs(max_nodes=10), st.randoms(use_true_random=False))
def test_results_do_not_depend_on_insertion_order(graph, rnd):
    nodes, edges = graph
    shuffled_nodes, shuffled_edges = nodes[:], edges[:]
    rnd.shuffle(shuffled_nodes)
    rnd.shuffle(shuffled_edges)
    a, _ = build(nodes, edges)
    b, _ = build(shuffled_nodes, shuffled_edges)
    assert a.generations() == b.generations()
    assert find_cycles(a) == find_cycles(b)


def test_repeated_edge_keeps_its_first_reason():
    dg = DepGraph()
    dg.add_edge("a", "b", interface="first")
    dg.add_edge("a", "b", interface="second")
    assert dg.edges == {("a", "b"): {"interface": "first"}}
    assert dg.successors("a") == ["b"] and dg.predecessors("b") == ["a"]
    assert dg.generations() == [["a"], ["b"]]


def test_to_networkx_keeps_attributes():
    dg = DepGraph()
    dg.add_node("x", kind="component")
    dg.add_edge("x", "y", interface="db")
    g = dg.to_networkx()
    assert g.nodes["x"] == {"kind": "component"} and g.edges["x", "y"] == {"interface": "db"}


# --- shortest cycles -----------------------------------------------------------------------

def _true_min_cycle(g: nx.DiGraph, scc: set) -> int:
    return min(len(c) for c in nx.simple_cycles(g.subgraph(scc)))


@settings(PROPS, max_examples=400)
@given(digraphs(max_nodes=7))
def test_find_cycles_gives_one_shortest_cycle_per_cyclic_component(graph):
    dg, g = build(*graph)
    cyclic = [scc for scc in nx.strongly_connected_components(g)
              if len(scc) > 1 or any(g.has_edge(n, n) for n in scc)]
    cycles = find_cycles(dg)
    assert len(cycles) == len(cyclic)
    matched = []
    for cycle in cycles:
        assert len(cycle) >= 2 and cycle[0] == cycle[-1], f"not closed: {cycle}"
        body = cycle[:-1]
        assert len(set(body)) == len(body), f"repeats a node: {cycle}"
        for u, v in zip(cycle, cycle[1:]):
            assert g.has_edge(u, v), f"{u}->{v} is not an edge ({cycle})"
        scc = next(s for s in cyclic if cycle[0] in s)
        assert set(body) <= scc
        assert len(body) == _true_min_cycle(g, scc), f"{cycle} is not a shortest cycle of {sorted(scc)}"
        matched.append(frozenset(scc))
    assert len(set(matched)) == len(cyclic)  # one per component, none twice
    assert cycles == sorted(cycles, key=lambda c: [str(x) for x in c])


def test_find_cycles_on_an_acyclic_graph_is_empty():
    dg, _ = build(["a", "b", "c"], [("a", "b"), ("b", "c"), ("a", "c")])
    assert find_cycles(dg) == []


def test_shortest_cycle_is_found_beside_a_longer_one():
    # a->b->c->d->a (4) and b->e->b (2) share b: one component, shortest cycle of length 2.
    dg, _ = build(list("abcde"), [("a", "b"), ("b", "c"), ("c", "d"), ("d", "a"), ("b", "e"), ("e", "b")])
    (cycle,) = find_cycles(dg)
    assert len(cycle) == 3 and set(cycle) == {"b", "e"}


def test_find_cycles_on_a_large_ring_with_chords():
    # One big component with many cycles; the true girth is computed with networkx's BFS.
    rng = random.Random(7)
    n = 400
    nodes = _names(n)
    edges = [(nodes[i], nodes[(i + 1) % n]) for i in range(n)]
    edges += [(nodes[i], nodes[(i + rng.randrange(2, 60)) % n]) for i in rng.sample(range(n), 40)]
    dg, g = build(nodes, edges)
    (cycle,) = find_cycles(dg)
    girth = min(nx.shortest_path_length(g, v, u) + 1 for u, v in g.edges)
    assert len(cycle) - 1 == girth
    assert all(g.has_edge(u, v) for u, v in zip(cycle, cycle[1:]))


# --- the check-level diagnostic ------------------------------------------------------------

CYCLE_RA = """\
interface ia {}
interface ib {}
interface ic {}

component a {
  provides = [ia]
  requires = [ib]
  role server {
    min = 1
  }
}

component b {
  provides = [ib]
  requires = [ic]
  role server {
    min = 1
  }
}

component c {
  provides = [ic]
  requires = [ia]
  role server {
    min = 1
  }
}

role node {
  count = 1
  runs = [a.server, b.server, c.server]
}
"""
REQUIRES_LINE = {"a": 7, "b": 15, "c": 23}  # where each component requires the next one
NEEDS = {"a": ("ib", "b"), "b": ("ic", "c"), "c": ("ia", "a")}


def test_user_component_cycle_is_reported_once_with_every_edge(tmp_path):
    path = tmp_path / "cycle.ra"
    path.write_text(CYCLE_RA, encoding="utf-8")
    diags = compile_file(str(path)).diagnostics
    assert [d.code for d in diags] == ["RA402"], [(d.code, d.message) for d in diags]
    (d,) = diags
    m = re.fullmatch(r"dependency cycle: (\w+) -> (\w+) -> (\w+) -> (\w+)", d.message)
    assert m, d.message
    names = list(m.groups())
    assert names[0] == names[-1]
    rotations = [["a", "b", "c"][i:] + ["a", "b", "c"][:i] for i in range(3)]
    assert names[:-1] in rotations  # "X -> Y": X requires Y, as the architect wrote it
    # Every edge of the cycle is located: the primary span and the related notes together
    # point at each `requires` line, and each note says which requirement it is.
    lines = {d.span.line} | {r.span.line for r in d.related}
    assert lines == set(REQUIRES_LINE.values())
    for rel in d.related:
        consumer = next(c for c, line in REQUIRES_LINE.items() if line == rel.span.line)
        iface, provider = NEEDS[consumer]
        assert rel.message == f"{consumer} requires {iface} from {provider}"
        assert rel.span.column == 15 and rel.span.end_column == 17
    assert d.span.file.endswith("cycle.ra") and all(r.span.file == d.span.file for r in d.related)
    proc = run_cli("check", "--format", "json", "cycle.ra", cwd=tmp_path)
    assert proc.returncode == 1
    assert [x["code"] for x in json.loads(proc.stdout)["diagnostics"]] == ["RA402"]
    assert run_cli("plan", "cycle.ra", cwd=tmp_path).returncode == 1


def test_two_separate_cycles_are_both_reported(tmp_path):
    text = CYCLE_RA + """
interface ix {}
interface iy {}

component x {
  provides = [ix]
  requires = [iy]
  role server {
    min = 1
  }
}

component y {
  provides = [iy]
  requires = [ix]
  role server {
    min = 1
  }
}

role other {
  count = 1
  runs = [x.server, y.server]
}
"""
    path = tmp_path / "two.ra"
    path.write_text(text, encoding="utf-8")
    diags = compile_file(str(path)).diagnostics
    assert [d.code for d in diags] == ["RA402", "RA402"]
    assert {frozenset(re.findall(r"\b[a-z]\b", d.message.split(":")[1])) for d in diags} == {
        frozenset("abc"), frozenset("xy")}


def test_cycle_hint_does_not_suggest_optional(tmp_path):
    """An optional requirement whose provider is deployed still adds its edge: the hint must not offer it."""
    path = tmp_path / "cycle.ra"
    path.write_text(CYCLE_RA, encoding="utf-8")
    (d,) = [x for x in compile_file(str(path)).diagnostics if x.code == "RA402"]
    assert "optional(" not in (d.hint or "")
