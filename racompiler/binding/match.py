"""Which nodes meet a hardware profile: one requirement per thing the profile asks for.

A node meets a profile when it has at least the cores and memory, for every disk spec enough
disks of that type and at least that size (a disk serves one spec only), the RAID level among its
controller's levels, for every NIC spec enough NICs at least that fast (a NIC serves one spec
only), and every BIOS setting equal (compared case-insensitively as text). Requirements are
evaluated on a node's :class:`Capability`, so identical machines are checked once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import combinations

from racompiler.binding.inventory import Capability, bios_value
from racompiler.semantic.model import Hardware
from racompiler.records import record

Test = Callable[[Capability], bool]


@record
class Requirement:
    """One condition of a profile: ``label`` completes "N nodes have ..."."""

    label: str
    test: Test


def format_bytes(n: int) -> str:
    """``137438953472`` -> ``128 GiB``; ``4000000000000`` -> ``4 TB``: the unit that divides exactly."""
    for unit, size in (("PiB", 2**50), ("TiB", 2**40), ("GiB", 2**30), ("PB", 10**15), ("TB", 10**12),
                       ("GB", 10**9), ("MiB", 2**20), ("MB", 10**6)):
        if n >= size and n % size == 0:
            return f"{n // size} {unit}"
    return f"{n / 2**30:.1f} GiB" if n >= 2**30 else f"{n} B"


def format_speed(mbps: int) -> str:
    return f"{mbps // 1000} Gbps" if mbps >= 1000 and mbps % 1000 == 0 else f"{mbps} Mbps"


def can_serve(demands: Sequence[int], supplies: Sequence[int], eligible: Callable[[int, int], bool]) -> bool:
    """Whether each demand ``i`` can take ``demands[i]`` units from supplies it is ``eligible`` for.

    Each supply unit serves one demand. By Hall's theorem for transportation problems with
    unbounded edges this holds iff every subset of demands needs no more than the supplies its
    members may use together; profiles have a handful of disk or NIC specs, so the 2^k subsets
    are few.
    """
    k = len(demands)
    usable = [{j for j in range(len(supplies)) if eligible(i, j)} for i in range(k)]
    for r in range(1, k + 1):
        for subset in combinations(range(k), r):
            pool = set().union(*(usable[i] for i in subset))
            if sum(demands[i] for i in subset) > sum(supplies[j] for j in pool):
                return False
    return True


def _grouped(items: Sequence) -> tuple[list, list[int]]:
    """Distinct items and how many of each."""
    keys = sorted(set(items))
    return keys, [items.count(k) for k in keys]


def _disk_test(hw: Hardware) -> Test:
    specs = [(d.count, d.type, d.size_bytes or 0) for d in hw.disks]

    def test(cap: Capability) -> bool:
        kinds, counts = _grouped(cap.disks)
        return can_serve([c for c, _t, _s in specs], counts,
                         lambda i, j: (specs[i][1] in (None, kinds[j][0])) and kinds[j][1] >= specs[i][2])
    return test


def _disks_at_least(need: int, dtype: str | None, size: int) -> Test:
    """``need`` disks of ``dtype`` (any when None) of at least ``size`` bytes."""
    return lambda c: sum(1 for t, s in c.disks if dtype in (None, t) and s >= size) >= need


def _nics_at_least(need: int, speed: int) -> Test:
    """``need`` NICs of at least ``speed`` Mbit/s."""
    return lambda c: sum(1 for s in c.nic_speeds if s >= speed) >= need


def _bios_is(key: str, want: str) -> Test:
    """The BIOS setting ``key`` reads ``want`` (compared as :func:`bios_value` text)."""
    return lambda c: (key, want) in c.bios


def _nic_test(hw: Hardware) -> Test:
    specs = [(n.count, n.speed_mbps or 0) for n in hw.nics]

    def test(cap: Capability) -> bool:
        speeds, counts = _grouped(cap.nic_speeds)
        return can_serve([c for c, _s in specs], counts, lambda i, j: speeds[j] >= specs[i][1])
    return test


def _disk_label(count: int, dtype: str | None, size: int | None) -> str:
    what = f"{dtype} disk" if dtype else "disk"
    return f"{count} {what}{'s' if count != 1 else ''}" + (f" of {format_bytes(size)}+" if size else "")


def requirements(hw: Hardware | None) -> list[Requirement]:
    """The requirements of profile ``hw`` in a fixed order (no profile: no requirement)."""
    if hw is None:
        return []
    out: list[Requirement] = []
    if hw.cores is not None:
        cores = hw.cores
        out.append(Requirement(f"{cores}+ cores", lambda c: c.cores >= cores))
    if hw.memory_bytes is not None:
        mem = hw.memory_bytes
        out.append(Requirement(f"{format_bytes(mem)}+ memory", lambda c: c.memory_bytes >= mem))
    if hw.raid not in (None, "none"):
        level = hw.raid
        out.append(Requirement(f"a RAID controller supporting {level}", lambda c: level in c.raid_levels))
    for d in hw.disks:
        out.append(Requirement(_disk_label(d.count, d.type, d.size_bytes),
                               _disks_at_least(d.count, d.type, d.size_bytes or 0)))
    if len(hw.disks) > 1:  # each spec alone may fit while together they need more disks
        out.append(Requirement("all " + " and ".join(_disk_label(d.count, d.type, d.size_bytes) for d in hw.disks)
                               + " at once", _disk_test(hw)))
    for n in hw.nics:
        need, speed = n.count, n.speed_mbps or 0
        label = f"{need} NIC{'s' if need != 1 else ''}" + (f" at {format_speed(speed)}+" if speed else "")
        out.append(Requirement(label, _nics_at_least(need, speed)))
    if len(hw.nics) > 1:
        out.append(Requirement("all NIC specs at once", _nic_test(hw)))
    for key, value in sorted(hw.bios.items()):
        want = bios_value(value)
        out.append(Requirement(f"BIOS {key} = {value}", _bios_is(key, want)))
    return out


def fits(reqs: Sequence[Requirement], cap: Capability) -> bool:
    """Whether a node with capability ``cap`` meets every requirement."""
    return all(r.test(cap) for r in reqs)
