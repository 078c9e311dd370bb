"""Site overlays for the fuzzer: a valid ``extends`` file over a drawn base (see fuzz_ra).

Each operation keeps the merged architecture valid: a parameter's default moves within its
range, a role's count stays within its component roles' rules, a new network is added and used,
optional component roles are dropped with ``-=``, a configure block layers a new value (never
one that implies a requirement nothing provides).
"""

from __future__ import annotations

from fuzz_ra import Draft, implies_unprovided
from fuzz_tree import Attr, Block, RaFile, q
from fuzz_values import value_for


def site_overlay(d: "Draft") -> RaFile:
    """An overlay file extending ``base`` with a few valid operations drawn from ``d.rng``."""
    rng = d.rng
    site = RaFile(["extends base"], [])
    if rng.random() < 0.5:
        site.blocks.append(Block("architecture", ["site_" + str(rng.randrange(100))], [Attr("version", q("s1"))]))
    for p, (_default, _lo, _hi, counts) in d.params.items():
        if rng.random() < 0.5:
            site.blocks.append(Block("modify parameter", [p], [Attr("default", str(rng.choice(counts)))]))
    for name, slot in d.roles.items():
        roll = rng.random()
        if roll < 0.2 and f"{name}_count" not in d.params:
            site.blocks.append(Block("modify role", [name], [Attr("count", str(rng.choice(slot["counts"])))]))
        elif roll < 0.35:
            optional = [qn for qn in slot["runs"] if _optional(d, qn)]
            if optional and len(optional) < len(slot["runs"]):
                # runs may name a one-role component alone in the base: remove exactly what is there
                site.blocks.append(Block("modify role", [name], [Attr("runs", f"[{optional[0]}]", "-=")]))
                slot["runs"] = [r for r in slot["runs"] if r != optional[0]]
    if rng.random() < 0.3 and d.roles:
        site.blocks.append(Block("network", ["site_net"], [Attr("cidr", q("172.31.0.0/24")),
                                                           Attr("purpose", rng.choice(["storage", "tenant"]))]))
        site.blocks.append(Block("modify role", [rng.choice(sorted(d.roles))], [Attr("networks", "[site_net]", "+=")]))
    for net in d.networks:
        if rng.random() < 0.2:
            site.blocks.append(Block("modify network", [net], [Attr("mtu", str(rng.randint(576, 9216)))]))
    for hw in d.hardware:
        if rng.random() < 0.2:
            site.blocks.append(Block("modify hardware", [hw], [Attr("cores", str(rng.randint(1, 96)))]))
    for name in d.chosen:
        comp = d.comps[name]
        if comp.attrs and rng.random() < 0.15:
            attr = rng.choice(sorted(comp.attrs))
            spec = comp.attrs[attr]
            value = value_for(rng, spec.type, spec.range, spec.allowed, spec.pattern)
            if value is not None and not implies_unprovided(d, spec, value):
                site.blocks.append(Block("configure", [name], [Attr(attr, value)]))
    for b in d.main.blocks:
        if b.kind == "output" and rng.random() < 0.3:
            site.blocks.append(Block("remove output", [b.labels[0]]))
    return site


def _optional(d: "Draft", qualified: str) -> bool:
    """Whether removing ``qualified`` from its only node role keeps every rule (min 0) and the
    base writes it qualified (a one-role component named alone would not match)."""
    comp, role = qualified.split(".")
    spec = next(r for r in d.comps[comp].roles if r.name == role)
    # the component must stay deployed (another of its roles runs somewhere), or its consumers
    # would lose their provider
    others = [qn for s in d.roles.values() for qn in s["runs"] if qn.startswith(comp + ".") and qn != qualified]
    # neutron.l3 (min 0) must stay beside neutron.server: check refuses the pair apart (RA507)
    return spec.min == 0 and len(d.comps[comp].roles) > 1 and bool(others) and qualified != "neutron.l3"
