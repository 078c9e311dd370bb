#!/usr/bin/env python
"""Benchmark of the core compiler: per-stage times, growth, peak memory and cold ``check``.

Run from the repository root (see benchmarks/README.md)::

    .venv/bin/python benchmarks/bench_core.py            # sizes 10, 100, 1000, 5000
    .venv/bin/python benchmarks/bench_core.py --quick    # 10, 100, 1000, one run each
    .venv/bin/python benchmarks/bench_core.py --sizes 100,200,400

This is a script, not a test: it prints figures and exits 0 whether or not the aims are met
(exit 1 only when a generated RA does not check clean, which is a bug in the generator or the
compiler).
"""

from __future__ import annotations

import argparse
import gc
import math
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Sequence

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
# Benchmark the checkout this script lives in, whatever racompiler is installed.
sys.path[:0] = [str(REPO), str(HERE)]

from generate import write_ra  # noqa: E402

DEFAULT_SIZES = (10, 100, 1000, 5000)
QUICK_SIZES = (10, 100, 1000)
STAGES = ("parse", "decode", "load", "resolve", "rules", "graph", "plan")
# `load` already contains parse and decode (plus import handling); the full in-process
# check+plan is therefore load + resolve + rules + graph + plan.
PIPELINE = ("load", "resolve", "rules", "graph", "plan")
GROWTH_LIMIT = 2.2  # the aim: each doubling of size at most ~2.2x the time
NOISE_FLOOR = 0.005  # seconds: below this, ratios between sizes are mostly noise
INNER = 3  # repetitions of resolve..plan inside one pass...
INNER_BUDGET = 5.0  # ...unless one repetition took longer than this (seconds)
AIM_PLAN_1000 = 1.0
AIM_COLD = 0.4
COLD_EXAMPLES = ("architectures/dell_openstack.ra", "architectures/allinone.ra")


class NotClean(Exception):
    """A generated RA was rejected: the benchmark would time an error path."""


def _check(sink, stage: str, path: Path) -> None:
    if sink.has_errors:
        errors = [f"  {d.code} {d.span}: {d.message}" for d in sink.sorted() if d.severity.value == "error"]
        raise NotClean(f"{path.name}: {stage} reported {len(errors)} error(s):\n" + "\n".join(errors[:10]))


# In-process stages are timed in CPU seconds of this process by default: on a shared machine
# (other jobs on the same cores) wall time mostly measures the neighbours. --clock wall switches.
CLOCKS = {"cpu": time.process_time, "wall": time.perf_counter}
_clock = CLOCKS["cpu"]


def _best(t: dict[str, float], stage: str, seconds: float) -> None:
    t[stage] = min(seconds, t.get(stage, math.inf))


def run_stages(path: Path) -> dict[str, float]:
    """One pass over every stage, each timed on its own (seconds of the selected clock)."""
    from racompiler.diagnostics import DiagnosticSink
    from racompiler.graph.build import build_graph
    from racompiler.graph.plan import make_plan
    from racompiler.rules import run_rules
    from racompiler.semantic.decode import decode_module
    from racompiler.semantic.loader import load_program
    from racompiler.semantic.resolve import resolve
    from racompiler.syntax.load import parse_file

    clock = _clock
    t: dict[str, float] = {}

    # Parse and decode on their own, to split `load` into its parts. Each timed part starts
    # from a collected heap, so one part does not pay for the garbage of the one before.
    sink = DiagnosticSink()
    gc.collect()
    start = clock()
    module = parse_file(str(path), path.name, sink, {})
    t["parse"] = clock() - start
    _check(sink, "parse", path)
    gc.collect()
    start = clock()
    decode_module(module, sink)
    t["decode"] = clock() - start
    _check(sink, "decode", path)

    del module
    # The pipeline as compile_file runs it, back to back: collections land where they fall.
    sink = DiagnosticSink()
    gc.collect()
    start = clock()
    program = load_program(str(path), (), sink)
    t["load"] = clock() - start
    _check(sink, "load", path)
    # The later stages are cheap next to parsing: repeat them on the same program, so that their
    # (smaller, noisier) figures are best-of-INNER even when a large size gets one pass.
    for _ in range(INNER):
        rep_start = time.perf_counter()
        sink = DiagnosticSink()
        start = clock()
        model = resolve(program, sink)
        _best(t, "resolve", clock() - start)
        _check(sink, "resolve", path)
        start = clock()
        run_rules(model, sink)
        _best(t, "rules", clock() - start)
        _check(sink, "rules", path)
        start = clock()
        graph = build_graph(model, sink)
        _best(t, "graph", clock() - start)
        _check(sink, "graph", path)
        start = clock()
        plan = make_plan(model, graph, sink)
        _best(t, "plan", clock() - start)
        _check(sink, "plan", path)
        if plan is None or not plan.order:
            raise NotClean(f"{path.name}: no plan")
        if time.perf_counter() - rep_start > INNER_BUDGET:
            break  # a slow (non-linear) core: one repetition says enough
    return t


def best_of(path: Path, runs: int, budget: float) -> tuple[dict[str, float], int]:
    """Per stage, the best time over up to ``runs`` passes; stop repeating past ``budget`` s."""
    best: dict[str, float] = {}
    done, spent = 0, 0.0
    while done < runs and (done == 0 or spent < budget):
        start = time.perf_counter()
        t = run_stages(path)
        spent += time.perf_counter() - start
        best = {k: min(v, best.get(k, math.inf)) for k, v in t.items()}
        done += 1
    return best, done


def peak_memory(path: Path, warmup: Path, timeout: float) -> str:
    """Peak traced memory (MiB) of a full compile, in a fresh interpreter."""
    try:
        out = subprocess.run([sys.executable, __file__, "--_memory", str(path), str(warmup)], capture_output=True,
                             text=True, timeout=timeout, check=True).stdout
    except subprocess.TimeoutExpired:
        return "timeout"
    except subprocess.CalledProcessError as exc:
        return f"failed: {exc.stderr.strip().splitlines()[-1:]}"
    return f"{int(out.strip()) / 2**20:.1f}"


def _memory_child(path: str, warmup: str) -> None:
    """Child mode: warm up on a small RA (imports, parser), then trace one compile_file."""
    import tracemalloc

    import racompiler.api as api

    # The lazy imports, the parser tables and the lexer's regular expressions are built once per
    # process (about 8 MiB, briefly): a fixed cost, not the compile's.
    api.compile_file(warmup)
    tracemalloc.start()
    result = api.compile_file(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    if not result.ok or result.plan is None:
        sys.exit(f"{path}: compile failed: {[d.message for d in result.errors[:3]]}")
    print(peak)


def predict_pass(results: dict[int, dict[str, float]], n: int) -> float:
    """Seconds one pass at size ``n`` should take, extrapolating the last two sizes' exponent."""
    done = sorted(results)
    if not done:
        return 0.0
    last = done[-1]
    t_last = sum(results[last].values())
    exponent = 1.0
    if len(done) >= 2:
        prev = done[-2]
        t_prev = sum(results[prev].values())
        exponent = max(1.0, math.log(t_last / t_prev) / math.log(last / prev)) if t_prev > 0 else 1.0
    return t_last * (n / last) ** exponent


def growth_per_doubling(t_small: float, t_large: float, n_small: int, n_large: int) -> float:
    """Time ratio normalised to one doubling of size: ratio ** (1 / log2(size ratio))."""
    return (t_large / t_small) ** (1 / math.log2(n_large / n_small))


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def cold_runs(cmd: Sequence[str], runs: int) -> tuple[float, float, float]:
    """(min wall, median wall, median CPU) of ``cmd`` as a whole process, from the repo root."""
    walls, cpus = [], []
    for _ in range(runs):
        cpu0, start = _children_cpu(), time.perf_counter()
        proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
        walls.append(time.perf_counter() - start)
        cpus.append(_children_cpu() - cpu0)
        if proc.returncode != 0:
            raise NotClean(f"{' '.join(cmd)} exited {proc.returncode}:\n{proc.stdout}{proc.stderr}")
    return min(walls), statistics.median(walls), statistics.median(cpus)


def _load_note() -> str:
    load, cores = os.getloadavg()[0], os.cpu_count() or 1
    note = f"load average {load:.2f} on {cores} core(s)"
    return note + (" -- BUSY MACHINE: times are inflated" if load > cores else "")


def _clock_name() -> str:
    return "CPU time" if _clock is CLOCKS["cpu"] else "wall time"


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}"


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def report_sizes(sizes: list[int], results: dict[int, dict[str, float]], runs_done: dict[int, int],
                 kb: dict[int, float], memory: dict[int, str]) -> list[str]:
    """Print the per-size table and the growth table; return the flagged stages."""
    cols = STAGES + ("total",)
    print(f"\nPer-stage time in ms of {_clock_name()} (best of the runs shown); "
          "total = load+resolve+rules+graph+plan")
    print("(parse and decode are also inside load)\n")
    print(f"{'roles':>6} {'KB':>8} {'runs':>4} " + " ".join(f"{c:>9}" for c in cols) + f" {'peak MiB':>9}")
    for n in sizes:
        row = results[n] | {"total": sum(results[n][s] for s in PIPELINE)}
        print(f"{n:>6} {kb[n]:>8.0f} {runs_done[n]:>4} " + " ".join(f"{_ms(row[c]):>9}" for c in cols)
              + f" {memory[n]:>9}")
    flagged: list[str] = []
    if len(sizes) < 2:
        return flagged
    print(f"\nGrowth per doubling of size (time ratio ^ (1/log2(size ratio))); "
          f"'!' marks > {GROWTH_LIMIT}x above the {NOISE_FLOOR * 1000:.0f} ms noise floor\n")
    print(f"{'sizes':>13} " + " ".join(f"{c:>9}" for c in cols))
    for a, b in zip(sizes, sizes[1:]):
        cells = []
        for c in cols:
            ta = results[a][c] if c != "total" else sum(results[a][s] for s in PIPELINE)
            tb = results[b][c] if c != "total" else sum(results[b][s] for s in PIPELINE)
            g = growth_per_doubling(ta, tb, a, b) if ta > 0 else math.inf
            bad = g > GROWTH_LIMIT and tb >= NOISE_FLOOR
            if bad:
                flagged.append(f"{c} ({a}->{b}: {g:.2f}x per doubling)")
            cells.append(f"{g:>8.2f}{'!' if bad else ' '}")
        print(f"{f'{a}->{b}':>13} " + " ".join(cells))
    return flagged


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", help="comma-separated role counts (default: 10,100,1000,5000)")
    p.add_argument("--quick", action="store_true", help="sizes 10,100,1000, one run each, 3 cold runs")
    p.add_argument("--runs", type=int, help="passes per size, best kept (default 3; 1 with --quick)")
    p.add_argument("--budget", type=float, default=20.0,
                   help="stop repeating a size once its passes took this many seconds (default 20)")
    p.add_argument("--max-pass", type=float, default=90.0,
                   help="skip a size whose single pass is predicted (from the previous sizes' growth) "
                        "to take longer than this many seconds (default 90)")
    p.add_argument("--cold-runs", type=int, help="processes per cold measurement (default 10; 3 with --quick)")
    p.add_argument("--clock", choices=sorted(CLOCKS), default="cpu",
                   help="in-process stage timer: CPU time of this process (default) or wall time")
    p.add_argument("--no-memory", action="store_true", help="skip the peak-memory subprocesses")
    p.add_argument("--_memory", nargs=2, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args._memory:
        _memory_child(*args._memory)
        return 0
    sizes = sorted({int(s) for s in args.sizes.split(",")}) if args.sizes else \
        list(QUICK_SIZES if args.quick else DEFAULT_SIZES)
    runs = args.runs or (1 if args.quick else 3)
    global _clock
    _clock = CLOCKS[args.clock]
    cold = args.cold_runs or (3 if args.quick else 10)

    print(f"racompiler core benchmark: python {sys.version.split()[0]}, sizes {sizes}, "
          f"up to {runs} run(s) per size, {args.clock} clock; {_load_note()}")
    results: dict[int, dict[str, float]] = {}
    runs_done: dict[int, int] = {}
    kb: dict[int, float] = {}
    memory: dict[int, str] = {}
    try:
        with tempfile.TemporaryDirectory(prefix="ra-bench-") as tmp:
            (Path(tmp) / "warmup").mkdir()
            warmup = write_ra(Path(tmp) / "warmup", 10)
            run_stages(warmup)  # build the parser, import everything
            for n in list(sizes):
                predicted = predict_pass(results, n)
                if predicted > args.max_pass:
                    print(f"  {n:>5} roles: skipped, one pass predicted to take {predicted:.0f} s "
                          f"(> --max-pass {args.max_pass:.0f})", flush=True)
                    sizes.remove(n)
                    continue
                path = write_ra(Path(tmp), n)
                kb[n] = path.stat().st_size / 1024
                started = time.perf_counter()
                results[n], runs_done[n] = best_of(path, runs, args.budget)
                pass_time = sum(results[n][s] for s in PIPELINE)
                memory[n] = "-" if args.no_memory else peak_memory(path, warmup, timeout=max(60.0, 10 * pass_time))
                print(f"  {n:>5} roles: {time.perf_counter() - started:.1f} s", flush=True)
        flagged = report_sizes(sizes, results, runs_done, kb, memory)

        print(f"\nCold time of whole processes (ms; {cold} runs each; {_load_note()})\n")
        script = str(Path(sys.executable).with_name("racompiler"))
        floor = cold_runs([sys.executable, "-c", "pass"], cold)
        print(f"  {'command':<48} {'wall min':>9} {'wall med':>9} {'CPU med':>9}")
        print(f"  {'python -c pass (interpreter floor)':<48} {_ms(floor[0]):>9} {_ms(floor[1]):>9} {_ms(floor[2]):>9}")
        cold_medians = {}
        for example in COLD_EXAMPLES:
            lo, med, cpu = cold_runs([script, "check", example], cold)
            cold_medians[example] = med
            print(f"  {'racompiler check ' + example:<48} {_ms(lo):>9} {_ms(med):>9} {_ms(cpu):>9}")
    except NotClean as exc:
        print(f"\nERROR: {exc}", file=sys.stderr)
        return 1

    print("\nAims")
    if 1000 in results:
        total = sum(results[1000][s] for s in PIPELINE)
        print(f"  1,000 roles check+plan: {_ms(total)} ms {_clock_name()} (aim < {AIM_PLAN_1000 * 1000:.0f} ms) "
              f"{_verdict(total < AIM_PLAN_1000)}  [{kb[1000]:.0f} KB of RA, {kb[1000] / total:.0f} KB/s]")
    else:
        print("  1,000 roles check+plan: not measured (add 1000 to --sizes)")
    for example, med in cold_medians.items():
        print(f"  cold check {example}: median {_ms(med)} ms wall (aim < {AIM_COLD * 1000:.0f} ms) "
              f"{_verdict(med < AIM_COLD)}")
    print(f"  growth <= {GROWTH_LIMIT}x per doubling: "
          + ("PASS" if not flagged else "MISS: " + "; ".join(flagged)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
