#!/usr/bin/env python
"""Benchmark of the Heat target against heat-translator, both as whole command-line runs.

The same topology is written twice: as an RA (one network, one hardware profile, a role of N
servers running a web component) and as TOSCA (N ``tosca.nodes.Compute`` with the same host
capabilities, a port each, one network). Then, in one run of this script, it times
``racompiler build RA -t heat`` and ``heat-translator --template-file TOSCA --template-type tosca``
(interpreter start-up included for both) and prints the ratio.

heat-translator is a peer, not a dependency: install it into the environment only for this::

    .venv/bin/pip install heat-translator==3.5.0 tosca-parser==2.15.0
    .venv/bin/python benchmarks/bench_heat.py              # 1000 servers, 3 runs each
    .venv/bin/python benchmarks/bench_heat.py --servers 200 --runs 5
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def ra_text(servers: int) -> str:
    """An RA of ``servers`` web servers on one network."""
    return f'''architecture bench_web "{servers} web servers" {{
  version = "1.0"
}}

interface http "HTTP service" {{}}

component web "A web server" {{
  provides = [http]
  role server {{
    min = 1
    ports = [80, 443]
  }}
  attribute workers {{
    type = int
    default = 4
    range = 1..64
  }}
}}

network lan {{
  cidr = "10.0.0.0/16"
}}

hardware small {{
  cores = 2
  memory = 4 GiB
  disk root {{
    size = 20 GB
  }}
}}

role web_node {{
  count = {servers}
  hardware = small
  networks = [lan]
  runs = [web.server]
}}
'''


def tosca_text(servers: int) -> str:
    """The same topology in TOSCA Simple Profile YAML 1.0: a Compute and a Port per server."""
    lines = ["tosca_definitions_version: tosca_simple_yaml_1_0", "",
             f"description: {servers} web servers on one network", "", "topology_template:",
             "  node_templates:",
             "    lan:", "      type: tosca.nodes.network.Network", "      properties:",
             "        network_name: lan", "        cidr: 10.0.0.0/16", "        ip_version: 4"]
    for i in range(servers):
        lines += [f"    web_{i}:", "      type: tosca.nodes.Compute", "      capabilities:",
                  "        host:", "          properties:", "            num_cpus: 2",
                  "            mem_size: 4 GB", "            disk_size: 20 GB", "        os:",
                  "          properties:", "            architecture: x86_64", "            type: Linux",
                  "            distribution: Ubuntu", "            version: 22.04",
                  f"    port_{i}:", "      type: tosca.nodes.network.Port", "      requirements:",
                  f"        - binding: web_{i}", "        - link: lan"]
    return "\n".join(lines) + "\n"


def timed(cmd: list[str]) -> float:
    """Wall time of one command; it must succeed."""
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        sys.exit(f"command failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr[-2000:]}")
    return elapsed


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--servers", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    bindir = Path(sys.executable).parent
    racompiler = shutil.which("racompiler", path=str(bindir)) or shutil.which("racompiler")
    translator = shutil.which("heat-translator", path=str(bindir)) or shutil.which("heat-translator")
    if racompiler is None:
        sys.exit("racompiler is not installed in this environment (pip install -e .)")
    if translator is None:
        sys.exit("heat-translator is not installed: pip install heat-translator==3.5.0 tosca-parser==2.15.0")
    with tempfile.TemporaryDirectory(prefix="bench-heat-") as tmp:
        work = Path(tmp)
        (work / "bench.ra").write_text(ra_text(args.servers), encoding="utf-8")
        (work / "bench.tosca.yaml").write_text(tosca_text(args.servers), encoding="utf-8")
        ours_cmd = [racompiler, "build", str(work / "bench.ra"), "-t", "heat", "-o", str(work / "out")]
        peer_cmd = [translator, "--template-file", str(work / "bench.tosca.yaml"), "--template-type", "tosca",
                    "--output-file", str(work / "peer.hot.yaml")]
        ours, peer = [], []
        for _ in range(args.runs):  # interleaved, so both see the same machine load
            ours.append(timed(ours_cmd))
            peer.append(timed(peer_cmd))
        peer_resources = (work / "peer.hot.yaml").read_text(encoding="utf-8").count("\n    type: ")
        ours_files = sorted(p.name for p in (work / "out" / "heat").rglob("*.yaml"))
    o, p = statistics.median(ours), statistics.median(peer)
    print(f"servers: {args.servers}, runs: {args.runs} each (median wall time, CLI start-up included)")
    print(f"racompiler build -t heat : {o:.3f} s  (runs {', '.join(f'{x:.3f}' for x in ours)}; "
          f"{len(ours_files)} files, one ResourceGroup per role)")
    print(f"heat-translator          : {p:.3f} s  (runs {', '.join(f'{x:.3f}' for x in peer)}; "
          f"{peer_resources} top-level resources)")
    print(f"ratio heat-translator / racompiler: {p / o:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
