"""``order.json``: the order in which to create and commit the proposals.

The waves are the Plan's waves restricted to barclamps (empty ones dropped), with a proposal moved
later when it references one in its own or a later wave: every referenced proposal is committed
in an earlier wave. Inside a wave the proposals are independent; they are listed by the
barclamps' ``run_order``, the order Crowbar itself uses for its own proposals. Infrastructure
proposals (network, dell_bios: no catalog component) come first, in a wave of their own: their
``run_order`` is below every OpenStack barclamp's, as in Crowbar.

Each entry says whether it is ``install_time``: the network proposal is the admin server's
install-time network definition (its ``default`` proposal exists from the install on), so the
import loop of docs/targets/crowbar.md skips it on an installed admin server; every other proposal
is created, replaced by its file and committed there.
"""

from __future__ import annotations

from typing import Any

from racompiler.graph.plan import Plan
from racompiler.targets.crowbar.proposals import Proposal

FORMAT_VERSION = 2  # 2: entries gain install_time


def _levels(plan: Plan, proposals: list[Proposal]) -> dict[str, int]:
    """Wave index per proposal id: its component's plan wave, pushed after every proposal it
    references (a barclamp may need one the catalog does not make it depend on)."""
    from racompiler.targets.crowbar.verify import references

    by_key = {(p.barclamp, p.instance): p for p in proposals}
    level = {p.id: plan.wave_of(p.component) + 1 if p.component else 0 for p in proposals}
    # Iterate to a fixpoint; references form no cycle, so len(proposals) rounds always suffice.
    for _ in range(len(proposals)):
        changed = False
        for p in proposals:
            for key in references(p.doc, p.barclamp):
                dep = by_key.get(key)
                if dep is not None and level[dep.id] >= level[p.id]:
                    level[p.id] = level[dep.id] + 1
                    changed = True
        if not changed:
            break
    return level


def order_document(plan: Plan, proposals: list[Proposal], flavour: str) -> dict[str, Any]:
    """The ``order.json`` document for ``proposals`` (built from ``plan``)."""
    from racompiler.targets.crowbar import data

    level = _levels(plan, proposals)
    install_time = data.mapping()["network"]["barclamp"][flavour]
    waves = []
    for i in sorted(set(level.values())):
        batch = sorted((p for p in proposals if level[p.id] == i), key=lambda p: (p.run_order, p.barclamp, p.instance))
        waves.append([{"barclamp": p.barclamp, "instance": p.instance, "id": p.id, "file": p.filename,
                       "run_order": p.run_order, "install_time": p.barclamp == install_time} for p in batch])
    return {
        "format": FORMAT_VERSION,
        "flavor": flavour,
        "architecture": plan.model.name,
        "waves": waves,
        "commit": [entry["id"] for wave in waves for entry in wave],
    }
