#!/usr/bin/env python
"""Fuzz the whole compiler: generated and mutated inputs through check, every target, and bind.

Run from the repository root::

    .venv/bin/python benchmarks/fuzz.py                      # 100,000 inputs, seed 1, one worker
    .venv/bin/python benchmarks/fuzz.py --count 1000 --seed 7 --jobs 2
    .venv/bin/python benchmarks/fuzz.py --seed 1 --start 4242 --count 1   # one input again

Each input is drawn from ``(seed, index)`` alone (see fuzz_case.make_case), so a run is
deterministic and any input can be replayed by its index. Inputs run in worker processes, one at
a time each, with a per-input timeout: a worker that does not answer in time is killed and its
input counted as a hang. Every crash (a traceback out of the API, an RA901, a diagnostic with an
impossible span, a file a build reported but did not write, a worker that died) and every hang
saves the input's folder under ``--save`` and prints its path. A script, not a test: it prints
the figures and exits 1 when anything crashed or hung, 0 otherwise (tests/test_fuzz_campaign.py
runs a slice of it).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import selectors
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path[:0] = [str(REPO), str(HERE)]  # fuzz this checkout, whatever racompiler is installed

MEMORY_LIMIT = 4 * 2**30  # address space of a worker: a memory bomb fails fast instead of swapping


@dataclass
class Stats:
    """The figures of a run; ``findings`` lists (index, what, saved folder) per crash or hang."""

    seed: int
    planned: int = 0
    inputs: int = 0
    kinds: Counter = field(default_factory=Counter)
    clean_kinds: Counter = field(default_factory=Counter)  # generator -> inputs that compiled clean
    clean: int = 0
    reached: int = 0
    built: int = 0
    bind_tried: int = 0
    bound: int = 0
    codes: Counter = field(default_factory=Counter)
    tracebacks: int = 0
    ra901: int = 0
    other_crashes: int = 0
    hangs: int = 0
    peak_kib: int = 0
    wall: float = 0.0
    cpu: float = 0.0  # of the workers (those that ended: all of them, at the end of a run)
    findings: list[tuple[int, str, str]] = field(default_factory=list)
    aborted: str | None = None  # why the campaign stopped early (workers that cannot start)

    @property
    def failed(self) -> bool:
        return bool(self.tracebacks or self.ra901 or self.other_crashes or self.hangs or self.aborted)


# A worker that dies before it says "ready" (its imports, the generator's set-up) would die again:
# after this many such deaths in a row the campaign stops and says why, instead of respawning for
# ever. The key of ``inject`` that makes a worker die there (the harness's own test).
MAX_DEAD_STARTS = 3
START_INDEX = -1


# --- the worker ---------------------------------------------------------------------------------

def worker(seed: int, folder: Path, sample_every: int, inject: dict[int, str]) -> None:
    """Read input indexes on stdin, answer one JSON line each on the original stdout."""
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    answer = os.fdopen(os.dup(1), "w", encoding="utf-8")
    sys.stdout = sys.stderr  # nothing the compiler prints may corrupt the answers
    if inject.get(START_INDEX) == "die-at-start":  # the harness's own tests
        raise SystemExit("injected: this worker cannot start")
    from fuzz_case import Outcome, make_case, memoise_catalog_parse, run_case
    from fuzz_ra import catalog

    catalog()
    memoise_catalog_parse()
    answer.write("ready\n")
    answer.flush()
    for line in sys.stdin:
        index = int(line)
        try:
            case = make_case(seed, index)
        except Exception:  # a bug of the generator, not of racompiler: say so, keep going
            import traceback

            out = Outcome("generator")
            out.crashes.append(f"crash: the generator failed on input {index}:\n{traceback.format_exc()}")
        else:
            with _injected(inject.get(index)):
                out = run_case(case, folder / "case", random.Random(f"racompiler-fuzz-run:{seed}:{index}"),
                               sample_every > 0 and index % sample_every == 0)
        reply = out.to_json()
        reply["index"] = index
        reply["maxrss"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        answer.write(json.dumps(reply) + "\n")
        answer.flush()


class _injected:
    """For the harness's own tests: make one input crash (RA901 or a traceback) or hang."""

    def __init__(self, what: str | None) -> None:
        self.what, self.saved = what, []

    def __enter__(self) -> None:
        if self.what in ("ra901", "traceback", "hang"):
            import racompiler.api as api
            import racompiler.semantic.loader as loader

            def boom(*_a, **_k):
                if self.what == "hang":  # after the case is written, as a real hang would be
                    time.sleep(3600)
                raise ValueError("injected")

            mod, name = (loader, "load_program") if self.what == "ra901" else (api, "compile_file")
            self.saved.append((mod, name, getattr(mod, name)))
            setattr(mod, name, boom)

    def __exit__(self, *exc: object) -> None:
        for mod, name, real in self.saved:
            setattr(mod, name, real)


# --- the parent ---------------------------------------------------------------------------------

@dataclass
class _Worker:
    proc: subprocess.Popen
    folder: Path
    buffer: bytes = b""
    index: int | None = None
    deadline: float = 0.0
    ready: bool = False


STDERR = "worker-stderr.txt"


def _spawn(seed: int, folder: Path, sample_every: int, inject: dict[int, str],
           sel: selectors.BaseSelector) -> _Worker:
    folder.mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", "--seed", str(seed), "--workdir", str(folder),
           "--sample-every", str(sample_every), "--inject", json.dumps(inject)]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]))
    env.pop("RACOMPILER_DEBUG", None)
    with open(folder / STDERR, "wb") as err:  # what a worker that dies at start-up said
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err, env=env)
    w = _Worker(proc, folder, deadline=time.monotonic() + 120)  # start-up: imports and the catalog
    sel.register(proc.stdout, selectors.EVENT_READ, w)
    return w


def _save(stats: Stats, save: Path, w: _Worker, index: int, what: str, detail: str) -> None:
    """Copy the worker's case folder to ``save``, with a note saying how to replay it."""
    dest = save / f"seed{stats.seed}-input{index}-{what}"
    if dest.exists():
        shutil.rmtree(dest)
    src = w.folder / "case"
    if src.is_dir():
        shutil.copytree(src, dest, ignore=shutil.ignore_patterns("out"))
    else:
        dest.mkdir(parents=True)
    (dest / "FINDING.txt").write_text(
        f"{what} on input {index} of seed {stats.seed}\n"
        f"replay: python benchmarks/fuzz.py --seed {stats.seed} --start {index} --count 1\n\n{detail}\n",
        encoding="utf-8")
    stats.findings.append((index, what, str(dest)))
    print(f"  {what} on input {index}: saved {dest}", flush=True)


def _record(stats: Stats, reply: dict, save: Path, w: _Worker) -> None:
    stats.inputs += 1
    stats.kinds[reply["kind"]] += 1
    stats.clean += reply["clean"]
    stats.clean_kinds[reply["kind"]] += reply["clean"]
    stats.reached += reply["reached"]
    stats.built += reply["built"]
    if reply["bound"] is not None:
        stats.bind_tried += 1
        stats.bound += reply["bound"]
    stats.codes.update(reply["codes"])
    stats.peak_kib = max(stats.peak_kib, reply["maxrss"])
    kinds = {"traceback" if c.startswith("traceback") else "RA901" if c.startswith("RA901") else "crash"
             for c in reply["crashes"]}
    stats.tracebacks += "traceback" in kinds
    stats.ra901 += "RA901" in kinds
    stats.other_crashes += "crash" in kinds
    if kinds:
        _save(stats, save, w, reply["index"], "-".join(sorted(kinds)), "\n\n".join(reply["crashes"]))


def run_campaign(seed: int, count: int, *, start: int = 0, jobs: int = 1, timeout: float = 10.0,
                 save: Path | None = None, sample_every: int = 50, inject: dict[int, str] | None = None,
                 progress: bool = False, max_wall: float | None = None) -> Stats:
    """Run inputs ``start .. start+count-1`` of ``seed`` on ``jobs`` workers; the figures.

    With ``max_wall`` (seconds), no new input starts after that time: the figures are those of
    the inputs run (``stats.planned`` keeps the count asked for).
    """
    stats = Stats(seed, planned=count)
    save = save or Path(tempfile.gettempdir()) / f"racompiler-fuzz-seed{seed}"
    inject = inject or {}
    began = time.monotonic()
    todo = iter(range(start, start + count))
    sel = selectors.DefaultSelector()
    with tempfile.TemporaryDirectory(prefix="racompiler-fuzz-") as tmp:
        workers = [_spawn(seed, Path(tmp) / f"w{k}", sample_every, inject, sel) for k in range(max(1, jobs))]
        last_report = began
        dead_starts = 0
        while any(w.proc.returncode is None for w in workers) and not stats.aborted:
            waiting = [w.deadline for w in workers if w.proc.returncode is None and (w.index is not None or not w.ready)]
            events = sel.select(timeout=max(0.0, min(waiting) - time.monotonic()) if waiting else None)
            for key, _ in events:
                w = key.data
                chunk = os.read(w.proc.stdout.fileno(), 1 << 16)
                if not chunk:  # the worker died: its input is a crash; a new worker takes over
                    sel.unregister(w.proc.stdout)
                    status = w.proc.wait()
                    if w.index is not None:
                        _count_lost(stats, w.index)
                        stats.other_crashes += 1
                        _save(stats, save, w, w.index, "worker-died", f"exit status {status}")
                    elif not w.ready:
                        dead_starts += 1
                        if dead_starts >= MAX_DEAD_STARTS:
                            said = (w.folder / STDERR).read_text(encoding="utf-8", errors="replace")[-2000:]
                            stats.aborted = (f"{dead_starts} workers in a row died before they were ready "
                                             f"(exit status {status}); the last one said:\n{said.rstrip()}")
                            break
                    workers[workers.index(w)] = _spawn(seed, w.folder, sample_every, inject, sel)
                    continue
                w.buffer += chunk
                while b"\n" in w.buffer:
                    line, w.buffer = w.buffer.split(b"\n", 1)
                    if line == b"ready":
                        w.ready = True
                        dead_starts = 0
                    else:
                        _record(stats, json.loads(line), save, w)
                    late = max_wall is not None and time.monotonic() - began > max_wall
                    w.index = None if late else next(todo, None)
                    if w.index is None:
                        _stop(w, sel)
                        break
                    w.deadline = time.monotonic() + timeout
                    w.proc.stdin.write(f"{w.index}\n".encode())
                    w.proc.stdin.flush()
            now = time.monotonic()
            for k, w in enumerate(workers):
                if w.proc.returncode is None and w.deadline < now and w.index is not None:
                    w.proc.kill()
                    sel.unregister(w.proc.stdout)
                    w.proc.wait()
                    _count_lost(stats, w.index)
                    stats.hangs += 1
                    _save(stats, save, w, w.index, "hang", f"no answer within {timeout:g} s")
                    workers[k] = _spawn(seed, w.folder, sample_every, inject, sel)
            if progress and time.monotonic() - last_report > 60:
                last_report = time.monotonic()
                print(f"  ... {stats.inputs} inputs, {stats.clean} clean, {len(stats.findings)} findings, "
                      f"{last_report - began:.0f} s", flush=True)
        for w in workers:
            _stop(w, sel)
    stats.peak_kib = max(stats.peak_kib, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
                         resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    stats.wall = time.monotonic() - began
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    stats.cpu = children.ru_utime + children.ru_stime
    return stats


def _count_lost(stats: Stats, index: int) -> None:
    """Count an input whose worker never answered (it hung or died)."""
    from fuzz_case import make_case

    stats.inputs += 1
    try:
        kind = make_case(stats.seed, index).kind
    except Exception:  # the worker reports generator bugs; here the count must go on
        kind = "generator"
    stats.kinds[kind] += 1


def _stop(w: _Worker, sel: selectors.BaseSelector) -> None:
    if w.proc.returncode is not None:
        return
    try:
        sel.unregister(w.proc.stdout)
    except (KeyError, ValueError):
        pass
    w.proc.stdin.close()
    try:
        w.proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        w.proc.kill()
        w.proc.wait()


# --- the report ---------------------------------------------------------------------------------

def report(stats: Stats, top: int = 15) -> str:
    """The closing figures, as printed."""
    n = max(stats.inputs, 1)
    stopped = f" (stopped at the time limit: {stats.planned} planned)" if stats.inputs < stats.planned else ""
    lines = [
        f"inputs              {stats.inputs}{stopped}",
        "  by generator      " + ", ".join(f"{k} {v}" for k, v in sorted(stats.kinds.items())),
        f"compiled clean      {stats.clean} ({100 * stats.clean / n:.1f}%; unmutated valid and overlay: "
        f"{stats.clean_kinds['valid'] + stats.clean_kinds['overlay']} of {stats.kinds['valid'] + stats.kinds['overlay']})",
        f"reached targets     {stats.reached} ({100 * stats.reached / n:.1f}%: every target and flavour ran)",
        f"built to disk       {stats.built} (check_targets + build of a sample, files compared)",
        f"bind                {stats.bound} of {stats.bind_tried} inventories bound",
        f"diagnostics         {sum(stats.codes.values())}, top {top} by code: "
        + ", ".join(f"{c} {k}" for c, k in stats.codes.most_common(top)),
        f"tracebacks          {stats.tracebacks}",
        f"RA901               {stats.ra901}",
        f"other crashes       {stats.other_crashes} (impossible spans, lost files, dead workers)",
        f"hangs               {stats.hangs}",
        f"peak memory         {stats.peak_kib / 1024:.0f} MiB (ru_maxrss of the largest process)",
        f"wall time           {stats.wall:.1f} s ({1000 * stats.wall / n:.1f} ms per input; workers' CPU "
        f"{stats.cpu:.1f} s, {1000 * stats.cpu / n:.1f} ms per input)",
    ]
    if stats.aborted:
        lines.append(f"ABORTED             {stats.aborted}")
    if stats.findings:
        lines.append("findings (saved inputs):")
        lines += [f"  input {i}: {what}: {path}" for i, what, path in stats.findings]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--count", type=int, default=100_000, help="inputs to run (default 100,000)")
    p.add_argument("--start", type=int, default=0, help="index of the first input (replay one: --count 1)")
    p.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    p.add_argument("--timeout", type=float, default=10.0, help="seconds per input before it is a hang")
    p.add_argument("--save", type=Path, help="folder for crashing inputs (default: $TMPDIR/racompiler-fuzz-seedN)")
    p.add_argument("--sample-every", type=int, default=50,
                   help="every Nth input, when clean, also runs check_targets and build into a folder")
    p.add_argument("--top", type=int, default=15, help="diagnostic codes to list")
    p.add_argument("--max-wall", type=float, help="start no new input after this many seconds (the figures "
                                                  "then cover the inputs run)")
    p.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--workdir", type=Path, help=argparse.SUPPRESS)
    p.add_argument("--inject", default="{}", help=argparse.SUPPRESS)  # the harness's own tests
    args = p.parse_args(argv)
    inject = {int(k): v for k, v in json.loads(args.inject).items()}
    if args.worker:
        worker(args.seed, args.workdir, args.sample_every, inject)
        return 0
    print(f"racompiler fuzz: seed {args.seed}, inputs {args.start}..{args.start + args.count - 1}, "
          f"{args.jobs} job(s), timeout {args.timeout:g} s", flush=True)
    stats = run_campaign(args.seed, args.count, start=args.start, jobs=args.jobs, timeout=args.timeout,
                         save=args.save, sample_every=args.sample_every, inject=inject, progress=True,
                         max_wall=args.max_wall)
    print(report(stats, args.top))
    return 1 if stats.failed else 0


if __name__ == "__main__":
    sys.exit(main())
