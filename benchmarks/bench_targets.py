#!/usr/bin/env python
"""Benchmark of the four targets (ansible, crowbar, heat, interop) on RAs of many node roles.

Run from the repository root::

    .venv/bin/python benchmarks/bench_targets.py                       # 250, 500, 1000 node roles
    .venv/bin/python benchmarks/bench_targets.py --sizes 1000,2000 --baseline ../main

The RA is ``architectures/dell_openstack.ra`` with its compute role repeated as N-2 roles of one
node each (with wider networks so the addresses fit): the shape that made the Ansible layout
quadratic. Each size is built in fresh processes (``build`` of all four targets, nothing written)
and the CPU seconds of ``build`` are reported, median of ``--runs``, per target too, with the
growth per doubling and, with ``--baseline``, the same figures for another checkout in the same
run. A script, not a test: it exits 0 whether or not the aim (1,000 roles <= 2 s) is met.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TARGETS = ("ansible", "crowbar", "heat", "interop")
AIM_SECONDS = 2.0

# One fresh process: compile, then each target's emit on its own and all four in one build().
_CHILD = """
import gc, json, sys, time
from racompiler.api import build, compile_file
from racompiler.diagnostics import DiagnosticSink
from racompiler.emit import emit_targets
from racompiler.targets import get_target
path, names = sys.argv[1], sys.argv[2].split(",")
clock = time.process_time
out = {}
start = clock()
result = build(path, names, None)
out["build"] = clock() - start
if not result.ok:
    sys.exit("build failed: " + repr([d.message for d in result.errors[:3]]))
plan = compile_file(path).plan
for name in names:
    gc.collect()
    was = gc.isenabled()
    gc.disable()  # as build() runs the targets
    start = clock()
    emit_targets(plan, [get_target(name, None)], DiagnosticSink())
    out[name] = clock() - start
    if was:
        gc.enable()
print(json.dumps(out))
"""


def ra_text(roles: int) -> str:
    """dell_openstack.ra with ``roles`` node roles: its three plus ``roles - 3`` compute roles."""
    text = (REPO / "architectures" / "dell_openstack.ra").read_text(encoding="utf-8")
    start = text.index('role compute "KVM hypervisors" {')
    end = text.index("role swift_storage")
    block = text[start:end]
    extra = "".join(block.replace('role compute "KVM', f'role compute{k} "KVM').replace("count = compute_count",
                                                                                    "count = 1")
                    for k in range(max(0, roles - 3)))
    text = text[:end] + extra + text[end:]
    # Wider networks, so that a thousand hosts get addresses (RA644 otherwise).
    for old, new in (("192.168.124.0/24", "172.16.0.0/16"), ("192.168.125.0/24", "10.99.0.0/16"),
                     ("192.168.128.0/24", "10.98.0.0/16")):
        text = text.replace(old, new)
    return text


def measure(path: Path, checkout: Path, runs: int) -> dict[str, float]:
    """Median CPU seconds per figure over ``runs`` fresh processes using ``checkout``."""
    env = dict(os.environ, PYTHONPATH=str(checkout))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    samples: dict[str, list[float]] = {}
    for _ in range(runs):
        proc = subprocess.run([sys.executable, "-c", _CHILD, str(path), ",".join(TARGETS)], env=env,
                              cwd=tempfile.gettempdir(), capture_output=True, text=True)
        if proc.returncode != 0:
            raise SystemExit(f"{path.name} ({checkout}): {proc.stderr.strip()[-800:]}")
        for k, v in json.loads(proc.stdout).items():
            samples.setdefault(k, []).append(v)
    return {k: statistics.median(v) for k, v in samples.items()}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="250,500,1000", help="comma-separated node-role counts")
    ap.add_argument("--runs", type=int, default=3, help="fresh processes per size (median)")
    ap.add_argument("--baseline", metavar="CHECKOUT", help="another checkout measured in the same run")
    args = ap.parse_args()
    sizes = sorted({int(s) for s in args.sizes.split(",")})
    checkouts = [("this", REPO)] + ([("baseline", Path(args.baseline).resolve())] if args.baseline else [])
    cols = ("build",) + TARGETS
    results: dict[str, dict[int, dict[str, float]]] = {name: {} for name, _ in checkouts}
    with tempfile.TemporaryDirectory(prefix="ra-targets-") as tmp:
        for n in sizes:
            path = Path(tmp) / f"roles{n}.ra"
            path.write_text(ra_text(n), encoding="utf-8")
            for name, checkout in checkouts:
                results[name][n] = measure(path, checkout, args.runs)
            print(f"  {n:>5} node roles: done", flush=True)
    for name, checkout in checkouts:
        print(f"\n{name} ({checkout}): CPU s, median of {args.runs} fresh processes; "
              "build = compile + all four targets\n")
        print(f"{'roles':>6} " + " ".join(f"{c:>9}" for c in cols))
        for n in sizes:
            print(f"{n:>6} " + " ".join(f"{results[name][n][c]:>9.3f}" for c in cols))
        for a, b in zip(sizes, sizes[1:]):
            growth = [(results[name][b][c] / results[name][a][c]) ** (1 / math.log2(b / a))
                      if results[name][a][c] > 0 else math.inf for c in cols]
            print(f"{f'{a}->{b}':>6} " + " ".join(f"{g:>8.2f}x" for g in growth))
    if args.baseline:
        print("\nspeed-up of build (baseline / this): " + ", ".join(
            f"{n}: {results['baseline'][n]['build'] / results['this'][n]['build']:.2f}x" for n in sizes))
    if 1000 in sizes:
        t = results["this"][1000]["build"]
        print(f"\naim: four targets for 1,000 node roles <= {AIM_SECONDS:.0f} s: {t:.2f} s "
              f"{'met' if t <= AIM_SECONDS else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
