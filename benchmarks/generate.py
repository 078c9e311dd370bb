"""Generate synthetic RAs of any size from user-defined components (no OpenStack catalog).

The shape, for ``n`` node roles (components come in groups of :data:`GROUP`):

* one component ``c<i>`` per node role, each providing its own interface ``if<i>``;
* **chains**: inside a group, ``c<i>`` requires ``if<i-1>``; the first component of group ``g``
  requires the hub of group ``(g-1)//2``, so groups form a tree and the plan is log-deep across
  groups rather than one long line;
* **fan-in**: components 1..5 of a group also provide ``tel<g>``; the group's hub (its last
  component) requires ``many(tel<g>)`` plus two interfaces of its own chain, and components 3
  and 6 have an ``optional(...)`` requirement;
* every component has a ``server`` and an ``agent`` role (the agent after the server), five
  typed attributes with defaults and constraints, and a ``configure`` block setting three of them
  (the first of each group from a parameter);
* node role ``r<i>`` runs ``c<i>.server`` and its chain predecessor's agent, with a count
  (literal, odd for quorum servers, or a per-group parameter), a hardware profile, the shared
  ``mgmt`` network plus its group's network (own /24 and VLAN), and some a ``spread``.

Every generated RA checks clean; :func:`write_ra` is what the benchmark uses.
"""

from __future__ import annotations

from pathlib import Path

GROUP = 10
HUB = GROUP - 1
TELEMETRY_PROVIDERS = range(1, 6)


def _group_of(i: int) -> tuple[int, int]:
    return divmod(i, GROUP)


def _hub(g: int, n: int) -> int:
    """Index of group g's hub: its last component (a short final group has its own last one)."""
    return min(g * GROUP + HUB, n - 1)


def _header(n: int) -> list[str]:
    hw_count = max(2, n // 25)
    out = [
        f"# Synthetic benchmark RA: {n} node roles, user-defined components. Generated; do not edit.",
        "",
        f'architecture bench_{n} "Benchmark architecture with {n} node roles" {{',
        '  version = "1.0"',
        "}",
        "",
        'network mgmt "Shared management network" {',
        '  cidr = "10.0.0.0/16"',
        "  purpose = management",
        "  mtu = 9000",
        '  gateway = "10.0.0.1"',
        "}",
        "",
    ]
    for g in range((n + GROUP - 1) // GROUP):
        a, b = 16 + g // 256, g % 256
        out += [
            f"network net{g} {{",
            f'  cidr = "172.{a}.{b}.0/24"',
            f"  vlan = {100 + g}",
            "  purpose = internal",
            f'  gateway = "172.{a}.{b}.1"',
            "}",
            "",
            f'interface tel{g} "Telemetry of group {g}, provided by several components" {{}}',
            "",
            f'parameter g{g}_replicas "Nodes in the first role of group {g}" {{',
            "  type = int",
            "  default = 2",
            "  range = 1..50",
            "}",
            "",
            f"parameter g{g}_threads {{",
            "  type = int",
            f"  default = {4 + g % 8}",
            "  range = 1..256",
            "}",
            "",
        ]
    for h in range(hw_count):
        out += [
            f'hardware hw{h} "Profile {h}" {{',
            f"  cores = {8 + 4 * (h % 8)}",
            f"  memory = {32 * (1 + h % 4)} GiB",
            "  raid = raid1",
            "  disk os {",
            "    count = 2",
            "    size = 480 GB",
            "    type = ssd",
            "  }",
            "  disk data {",
            f"    count = {1 + h % 6}",
            "    size = 4 TB",
            "    type = hdd",
            "  }",
            "  nic {",
            "    count = 2",
            "    speed = 25 Gbps",
            "  }",
            '  bios = { virtualization = "enabled", boot_mode = "uefi" }',
            "}",
            "",
        ]
    return out


def _requires(i: int, n: int) -> list[str]:
    g, j = _group_of(i)
    if j == 0:
        return [f"if{_hub((g - 1) // 2, n)}"] if g > 0 else []
    req = [f"if{i - 1}"]
    if i == _hub(g, n):
        if j >= 2:  # some earlier member of the group provides tel<g>
            req.append(f"many(tel{g})")
        if j >= 4:
            req.append(f"if{i - 4}")
    elif j in (3, 6):
        req.append(f"optional(if{i - 2})")
    return req


def _component(i: int, n: int) -> list[str]:
    g, j = _group_of(i)
    provides = [f"if{i}"] + ([f"tel{g}"] if j in TELEMETRY_PROVIDERS and i != _hub(g, n) else [])
    out = [
        f'interface if{i} "Service endpoint of c{i}" {{}}',
        "",
        f'component c{i} "Synthetic service {i}" {{',
        f"  provides = [{', '.join(provides)}]",
    ]
    req = _requires(i, n)
    if req:
        out.append(f"  requires = [{', '.join(req)}]")
    out += ["  role server {", "    min = 1"]
    if j == 2:
        out.append("    quorum = true")
    if j == 4:
        out.append("    max = 4")
    out += [
        f"    ports = [{10000 + i % 50000}, {9000 + j}]",
        "  }",
        '  role agent "Sidecar on the next role of the chain" {',
        "    min = 0",
        "    after = [server]",
        "  }",
        "  attribute threads {",
        "    type = int",
        "    default = 4",
        "    range = 1..256",
        "  }",
        "  attribute mode {",
        "    type = enum(fast, safe, balanced)",
        "    default = safe",
        "  }",
        "  attribute cache {",
        "    type = size",
        "    default = 64 MiB",
        "  }",
        "  attribute ratio {",
        "    type = float",
        "    default = 1.5",
        "    range = 0..100",
        "  }",
        "  attribute label {",
        "    type = string",
        f'    default = "c{i}"',
        '    pattern = "^[a-z0-9_-]+$"',
        "  }",
        "}",
        "",
        f"configure c{i} {{",
        f"  threads = {f'g{g}_threads' if j == 0 else 2 + i % 30}",
        f"  mode = {('fast', 'safe', 'balanced')[i % 3]}",
        f"  cache = {128 + i % 64} MiB",
        "}",
        "",
    ]
    return out


def _role(i: int, n: int) -> list[str]:
    g, j = _group_of(i)
    count = f"g{g}_replicas" if j == 0 else ("3" if j == 2 else str(1 + i % 3))
    runs = [f"c{i}.server"] + ([f"c{i - 1}.agent"] if j > 0 else [])
    out = [
        f'role r{i} "Node role {i} of group {g}" {{',
        f"  count = {count}",
        f"  hardware = hw{i % max(2, n // 25)}",
        f"  networks = [mgmt, net{g}]",
        f"  runs = [{', '.join(runs)}]",
    ]
    if j % 4 == 0:
        out.append("  spread = rack")
    return out + ["}", ""]


def generate(n: int) -> str:
    """The text of a clean RA with ``n`` node roles (and ``n`` components)."""
    if n < 1:
        raise ValueError("at least one role")
    lines = _header(n)
    for i in range(n):
        lines += _component(i, n)
    for i in range(n):
        lines += _role(i, n)
    for g in range(0, (n + GROUP - 1) // GROUP, max(1, n // 100)):
        lines += [f"output group{g}_size {{", f"  value = roles.r{g * GROUP}.count", "}", ""]
    return "\n".join(lines)


def write_ra(directory: Path, n: int) -> Path:
    """Write the ``n``-role RA into ``directory`` and return its path."""
    path = directory / f"bench_{n}.ra"
    path.write_text(generate(n), encoding="utf-8")
    return path


__all__ = ["generate", "write_ra"]
