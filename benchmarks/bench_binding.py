#!/usr/bin/env python
"""Benchmark of late binding: 10,000 nodes bound to 200 roles (the issue's aim: under 2 s).

Run from the repository root::

    .venv/bin/python benchmarks/bench_binding.py                 # 10,000 nodes, 200 roles
    .venv/bin/python benchmarks/bench_binding.py --nodes 2000 --roles 50

The inventory is generated (a fixed seed): a dozen server models spread over 100 racks in 5
zones; each role asks for a little less than one model offers, a fifth of the roles spread over
racks and a seventh over zones. Figures: the solve alone (classes, flow network, min-cost
max-flow, node names), then reading and validating the same inventory as a JSON and a YAML file. A script,
not a test: it exits 0 whether or not the aim is met (1 only if the generated case is infeasible).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # benchmark this checkout, whatever racompiler is installed

from racompiler.binding.inventory import InventoryDisk, InventoryNic, Node, load_inventory  # noqa: E402
from racompiler.binding.match import requirements  # noqa: E402
from racompiler.binding.solve import Demand, node_classes, solve  # noqa: E402
from racompiler.diagnostics import DiagnosticSink, Span  # noqa: E402
from racompiler.semantic.model import Disk, Hardware, Nic  # noqa: E402

GIB, GB, TB = 2**30, 10**9, 10**12
AIM_SECONDS = 2.0
SPAN = Span.point("bench.ra")
# (cores, memory GiB, disks [(count, GB, type)], NICs [(count, Gbps)], raid levels)
MODELS = [
    (8, 32, [(2, 480, "ssd")], [(2, 10)], ("raid1",)),
    (16, 64, [(2, 480, "ssd")], [(2, 10)], ("raid1", "raid10")),
    (16, 128, [(2, 960, "ssd")], [(4, 10)], ("raid1", "raid10")),
    (24, 192, [(2, 480, "ssd"), (12, 4000, "hdd")], [(2, 25)], ("jbod", "raid1")),
    (24, 256, [(2, 480, "ssd")], [(2, 25)], ("raid1",)),
    (32, 256, [(4, 960, "ssd")], [(4, 25)], ("raid1", "raid10")),
    (32, 384, [(2, 480, "ssd"), (2, 1600, "nvme")], [(2, 25)], ("raid1",)),
    (48, 384, [(2, 480, "ssd"), (24, 8000, "hdd")], [(2, 25)], ("jbod", "raid1")),
    (64, 512, [(2, 480, "ssd")], [(2, 25)], ("raid1",)),
    (64, 768, [(2, 960, "nvme")], [(2, 100)], ("raid1",)),
    (96, 1024, [(2, 960, "nvme")], [(2, 100)], ("raid1", "raid10")),
    (128, 2048, [(4, 1920, "nvme")], [(4, 100)], ("raid1", "raid10")),
]


def make_nodes(n: int, rng: random.Random) -> list[Node]:
    """``n`` nodes of random models in 100 racks (5 zones), with unique names and MACs."""
    nodes = []
    for i in range(n):
        cores, mem, disks, nics, raid = MODELS[rng.randrange(len(MODELS))]
        rack = rng.randrange(100)
        node_disks = tuple(InventoryDisk(f"d{j}", size * GB, t) for c, size, t in disks for j in range(c))
        node_nics = tuple(InventoryNic(f"n{j}", f"02:00:{i >> 8 & 255:02x}:{i & 255:02x}:{j:02x}:00", g * 1000)
                          for c, g in nics for j in range(c))
        nodes.append(Node(f"node{i:05d}", cores, mem * GIB, node_disks, "ctrl", raid, node_nics,
                          {"virtualization": "enabled"}, f"rack{rack:03d}", f"zone{rack // 20}", (), None, None,
                          None, None, None, i))
    return nodes


def make_demands(roles: int, nodes: int, rng: random.Random) -> list[Demand]:
    """Roles asking a little less than one model offers; the counts fill about 70% of the nodes."""
    per_role = max(1, int(nodes * 0.7 / roles))
    out = []
    for r in range(roles):
        cores, mem, disks, nics, raid = MODELS[r % len(MODELS)]
        hw = Hardware(f"hw{r}", "", cores - rng.randrange(0, 4), (mem - rng.choice((0, 16))) * GIB, raid[0],
                      tuple(Disk(None, c, int(size * 0.9) * GB, t, SPAN) for c, size, t in disks),
                      tuple(Nic(None, c, g * 1000, SPAN) for c, g in nics), {"virtualization": "enabled"}, SPAN)
        spread = "rack" if r % 5 == 0 else "zone" if r % 7 == 0 else None
        out.append(Demand(f"role{r:03d}", rng.randint(per_role // 2, per_role), tuple(requirements(hw)),
                          spread, hw.name))
    return out


def ra_text(demands: list[Demand], rng: random.Random) -> str:
    """An RA of ``demands``: the same roles, counts and spreads, profiles drawn as make_demands does."""
    out = ['architecture bench_bind "binding benchmark" {\n  version = "1.0"\n}\n',
           'interface svc_api {}\n',
           'component svc "A service" {\n  provides = [svc_api]\n  role server {\n    min = 1\n  }\n}\n',
           'network lan {\n  cidr = "10.0.0.0/8"\n}\n']
    for r, d in enumerate(demands):
        cores, mem, disks, nics, raid = MODELS[r % len(MODELS)]
        hw = [f"hardware {d.profile} {{", f"  cores = {max(1, cores - rng.randrange(0, 4))}",
              f"  memory = {mem - rng.choice((0, 16))} GiB", f"  raid = {raid[0]}"]
        for i, (count, size, kind) in enumerate(disks):
            hw += [f"  disk d{i} {{", f"    count = {count}", f"    size = {int(size * 0.9)} GB", f"    type = {kind}",
                   "  }"]
        for count, gbps in nics:
            hw += ["  nic {", f"    count = {count}", f"    speed = {gbps} Gbps", "  }"]
        hw += ['  bios = { virtualization = "enabled" }', "}"]
        role = [f"role {d.role} {{", f"  count = {d.count}", f"  hardware = {d.profile}", "  networks = [lan]",
                "  runs = [svc.server]"] + ([f"  spread = {d.spread}"] if d.spread else []) + ["}"]
        out += ["\n".join(hw) + "\n", "\n".join(role) + "\n"]
    return "\n".join(out)


def end_to_end(ra: Path, inventory: Path, checkout: Path, runs: int) -> list[float]:
    """CPU seconds of whole ``racompiler bind RA --inventory INV`` processes using ``checkout``."""
    import os
    import resource
    import subprocess

    env = dict(os.environ, PYTHONPATH=str(checkout))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    out = []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        proc = subprocess.run([sys.executable, "-m", "racompiler", "bind", str(ra), "--inventory", str(inventory),
                               "--format", "json"], env=env, cwd=tempfile.gettempdir(), capture_output=True, text=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if proc.returncode != 0:
            raise SystemExit(f"bind failed ({checkout}): {proc.stderr[-800:]}")
        out.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return out


def write_inventory(nodes: list[Node], path: Path) -> None:
    """The nodes as an inventory file, JSON or YAML after ``path``'s suffix."""
    import json

    import yaml

    doc = {"version": 1, "nodes": [
        {"name": n.name, "cores": n.cores, "memory": f"{n.memory_bytes // GIB} GiB", "rack": n.rack, "zone": n.zone,
         "raid": {"levels": list(n.raid_levels)}, "bios": dict(n.bios),
         "disks": [{"name": d.name, "size": d.size_bytes, "type": d.type} for d in n.disks],
         "nics": [{"name": x.name, "mac": x.mac, "speed": x.speed_mbps} for x in n.nics]} for n in nodes]}
    text = json.dumps(doc) if path.suffix == ".json" else \
        yaml.dump(doc, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper))
    path.write_text(text, encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, default=10_000)
    ap.add_argument("--roles", type=int, default=200)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--baseline", metavar="CHECKOUT", help="another checkout timed end to end in the same run")
    args = ap.parse_args()
    rng = random.Random(20260811)
    nodes = make_nodes(args.nodes, rng)
    demands = make_demands(args.roles, args.nodes, rng)
    caps, classes = node_classes(nodes)
    times, cpu = [], []
    solve(demands[:1], nodes[:1])  # import networkx outside the timings
    for _ in range(args.runs):
        t0, c0 = time.perf_counter(), time.process_time()
        out = solve(demands, nodes)
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    need, bound = sum(d.count for d in demands), sum(len(v) for v in out.assigned.values())
    print(f"nodes {args.nodes}, roles {args.roles} ({sum(1 for d in demands if d.spread)} spread), "
          f"capabilities {len(caps)}, classes {len(classes)}")
    print(f"nodes needed {need}, bound {bound}, unused {len(out.unused)}")
    # CPU seconds are the figure to compare: on a shared machine wall time measures the neighbours.
    best = min(cpu)
    print(f"solve: best {best:.3f} s CPU ({min(times):.3f} s wall), runs " + ", ".join(f"{t:.3f}" for t in cpu)
          + f" (aim < {AIM_SECONDS:.1f} s: {'met' if best < AIM_SECONDS else 'NOT met'})")
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in ("json", "yaml"):
            path = Path(tmp) / f"inventory.{fmt}"
            write_inventory(nodes, path)
            c0 = time.process_time()
            sink = DiagnosticSink()
            inv = load_inventory(str(path), sink)
            print(f"load + validate {path.stat().st_size / 2**20:.1f} MiB {fmt.upper()}: "
                  f"{time.process_time() - c0:.3f} s CPU ({'ok' if inv is not None else f'{len(sink)} errors'})")
        ra = Path(tmp) / "bench_bind.ra"
        ra.write_text(ra_text(demands, random.Random(7)), encoding="utf-8")
        checkouts = [("this", REPO)] + ([("baseline", Path(args.baseline).resolve())] if args.baseline else [])
        for fmt in ("json", "yaml"):
            figures = {}
            for name, checkout in checkouts:
                figures[name] = statistics.median(end_to_end(ra, Path(tmp) / f"inventory.{fmt}", checkout, args.runs))
            line = ", ".join(f"{name} {t:.3f} s" for name, t in figures.items())
            if "baseline" in figures:
                line += f" ({figures['baseline'] / figures['this']:.2f}x)"
            aim = f" (aim <= {AIM_SECONDS:.1f} s: {'met' if figures['this'] <= AIM_SECONDS else 'NOT met'})" \
                if fmt == "json" else ""
            print(f"end to end, racompiler bind from {fmt.upper()} (whole process, CPU, median of {args.runs}): "
                  f"{line}{aim}")
    return 0 if bound == need else 1


if __name__ == "__main__":
    sys.exit(main())
