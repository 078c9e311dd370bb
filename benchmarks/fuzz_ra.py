"""Valid RAs for the fuzzer: grammar- and catalog-aware, small, and (nearly always) clean.

:func:`valid_case` draws a project from a seeded ``random.Random``: a set of catalog components
closed under their requirements (plus user components, in the RA or in a user module, and
sometimes the shipped Trove user module with its own deployer mapping), networks with purposes,
CIDRs, VLANs and MTUs, hardware profiles, parameters, node roles whose counts meet every
component role's min/max/quorum rule, ``configure`` blocks with values typed from the catalog,
``connect`` blocks where a requirement has two providers, interop, outputs, and sometimes a site
overlay (``extends`` with ``modify``/``remove``) on top. The trees are returned too, so the
mutator can change them structurally.
"""

from __future__ import annotations

import ipaddress
import random
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from fuzz_tree import Attr, Block, Case, RaFile, q, ra_list
from fuzz_values import NASTY_STRINGS, UserAttr, user_attribute, value_for

REPO = Path(__file__).resolve().parent.parent
TROVE = REPO / "architectures" / "modules" / "trove"
PURPOSES = ["management", "internal", "admin", "public", "external", "storage", "bmc", "tenant",
            "provisioning", "other"]
RAID = ["none", "jbod", "raid0", "raid1", "raid5", "raid6", "raid10"]
GUIDELINES = sorted(p.stem for p in (REPO / "targets" / "interop" / "guidelines").glob("*.json"))
# Catalog components whose requirement closure is small (a seed among these keeps an input cheap).
LIGHT = ("database", "rabbitmq", "pacemaker", "keystone", "ceph", "glance", "swift")
MAX_NODE_COUNT = 5  # counts stay small: the targets' output grows with the node count


@dataclass(frozen=True)
class CRole:
    """A component role and its count rules."""

    name: str
    min: int
    max: int | None
    quorum: bool
    after: tuple[str, ...] = ()
    conflicts: tuple[str, ...] = ()


@dataclass
class Comp:
    """What the generator needs of a component (catalog, module or generated)."""

    name: str
    provides: tuple[str, ...]
    requires: tuple[tuple[str, str], ...]  # (interface, "one" | "optional" | "many")
    roles: tuple[CRole, ...]
    attrs: dict[str, Any]  # name -> spec with .type, .range, .allowed, .pattern
    origin: str = "catalog"  # "catalog", "trove" (the shipped user module), "user"
    decl: Block | None = None


@dataclass(frozen=True)
class Catalog:
    components: dict[str, Comp]
    interface_parents: dict[str, str]  # interface -> the one it extends


@lru_cache(maxsize=1)
def catalog() -> Catalog:
    """The shipped catalog and the Trove user module, read through the compiler's own model."""
    from racompiler.api import compile_file

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "catalog.ra"
        path.write_text("import openstack\nimport trove\n", encoding="utf-8")
        result = compile_file(str(path), [str(TROVE)], until="model")
    if result.model is None:
        raise RuntimeError(f"the catalog does not compile: {[d.message for d in result.diagnostics]}")
    comps = {}
    for c in result.model.components.values():
        roles = tuple(CRole(r.name, r.min, r.max, r.quorum, r.after, r.conflicts) for r in c.roles.values())
        comps[c.name] = Comp(c.name, c.provides, tuple((r.interface, r.cardinality) for r in c.requires),
                             roles, dict(c.attributes), "trove" if c.name == "trove" else "catalog")
    parents = {i.name: i.extends for i in result.model.interfaces.values() if i.extends}
    return Catalog(comps, parents)


@dataclass
class Draft:
    """The project being drawn: the chosen components and the blocks of the RA."""

    rng: random.Random
    comps: dict[str, Comp] = field(default_factory=dict)  # every component known to the program
    chosen: list[str] = field(default_factory=list)
    main: RaFile = field(default_factory=RaFile)
    module: RaFile | None = None  # the user module, lib/ext.ra
    networks: list[str] = field(default_factory=list)
    hardware: list[str] = field(default_factory=list)
    roles: dict[str, dict] = field(default_factory=dict)  # node role -> {lo, hi, quorum, runs, count}
    # count parameters: default, range low and high, the counts every component role on it accepts
    params: dict[str, tuple[int, int, int, list[int]]] = field(default_factory=dict)
    used_params: set[str] = field(default_factory=set)


def _providers(d: Draft, iface: str) -> list[str]:
    """Known components providing ``iface`` or a sub-interface of it."""
    parents = catalog().interface_parents
    out = []
    for c in d.comps.values():
        for p in c.provides:
            chain, seen = p, set()
            while chain and chain not in seen:
                if chain == iface:
                    out.append(c.name)
                    break
                seen.add(chain)
                chain = parents.get(chain)
    return sorted(set(out))


def _user_components(d: Draft, n: int) -> list[Comp]:
    """``n`` generated components, each providing its own interface; requirements point only
    at catalog interfaces or earlier user components, so there is never a cycle."""
    rng, out = d.rng, []
    catalog_ifaces = sorted({p for c in d.comps.values() if c.origin == "catalog" for p in c.provides})
    for k in range(n):
        name = f"u{k}_{rng.choice(['svc', 'kube', 'hdfs', 'cache', 'db'])}"
        provides = [f"ui{k}"] + ([rng.choice(catalog_ifaces)] if catalog_ifaces and rng.random() < 0.15 else [])
        requires = []
        # A stand-in for a catalog service (it provides a catalog interface too) requires nothing,
        # so no dependency cycle can run through it.
        if len(provides) == 1 and k and rng.random() < 0.6:
            requires.append((f"ui{rng.randrange(k)}", rng.choice(["one", "optional", "many"])))
        if len(provides) == 1 and catalog_ifaces and rng.random() < 0.4:
            requires.append((rng.choice(["identity", "database", "messaging"]), rng.choice(["one", "optional"])))
        roles = []
        for j in range(rng.randint(1, 3)):
            mn = rng.choice([0, 1, 1, 2])
            mx = rng.choice([None, None, mn + rng.randint(0, 3)]) if mn else rng.choice([None, 1, 3])
            quorum = rng.random() < 0.2
            if quorum and mx is not None and not any(n % 2 or n == 1 for n in range(max(mn, 1), mx + 1)):
                quorum = False  # no count could satisfy it: the catalog would be unusable
            after = (roles[-1].name,) if roles and rng.random() < 0.4 else ()
            roles.append(CRole(f"r{j}", mn, mx, quorum, after))
        if len(roles) > 1 and rng.random() < 0.2:  # two roles that may not share a node role
            roles[0] = CRole(roles[0].name, roles[0].min, roles[0].max, roles[0].quorum, (),
                             (f"{name}.{roles[1].name}",))
        attrs = {f"a{j}": user_attribute(rng) for j in range(rng.randint(0, 4))}
        comp = Comp(name, tuple(provides), tuple(requires), tuple(roles), attrs, "user")
        comp.decl = _component_block(rng, comp)
        out.append(comp)
    return out


def _component_block(rng: random.Random, c: Comp) -> Block:
    cardinal = {"one": "{}", "optional": "optional({})", "many": "many({})"}
    attrs = [Attr("provides", ra_list(list(c.provides), rng))]
    if c.requires:
        attrs.append(Attr("requires", ra_list([cardinal[k].format(i) for i, k in c.requires], rng)))
    if rng.random() < 0.3:
        attrs.append(Attr("interop_project", q(c.name)))
    children = []
    for r in c.roles:
        ra = [Attr("min", str(r.min))]
        if r.max is not None:
            ra.append(Attr("max", str(r.max)))
        if r.quorum:
            ra.append(Attr("quorum", "true"))
        if r.after:
            ra.append(Attr("after", ra_list(list(r.after))))
        if r.conflicts:
            ra.append(Attr("conflicts", ra_list(list(r.conflicts))))
        if rng.random() < 0.5:
            ra.append(Attr("ports", ra_list([str(rng.randint(1, 65535)) for _ in range(rng.randint(0, 3))])))
        children.append(Block("role", [r.name] + ([q(rng.choice(NASTY_STRINGS))] if rng.random() < 0.3 else []), ra))
    for name, a in c.attrs.items():
        children.append(Block("attribute", [name], [Attr("type", a.type_text), Attr("default", a.default)]
                              + [Attr(k, v) for k, v in a.constraints]))
    return Block("component", [c.name], attrs, children)


def _choose(d: Draft, catalog_comps: list[str], user: list[Comp]) -> None:
    """Pick components, then close the set under every non-optional requirement."""
    rng = d.rng
    # Few seeds, mostly light ones: their closure under requirements is the deployment, and the
    # targets' output (so the cost of an input) grows with every component role it runs.
    light = [c for c in catalog_comps if c in LIGHT] or catalog_comps
    want = []
    for _ in range(rng.choice([0, 1, 1, 1, 2]) if catalog_comps else 0):
        want.append(rng.choice(light if rng.random() < 0.8 else catalog_comps))
    want += [u.name for u in user if rng.random() < 0.9]
    if not want:
        want = [rng.choice(catalog_comps or [u.name for u in user])]
    chosen: list[str] = []
    queue = list(want)
    while queue:
        name = queue.pop(0)
        if name in chosen:
            continue
        chosen.append(name)
        # A catalog default can imply a requirement too (cinder_backup's driver = swift needs
        # object storage): those count as declared ones.
        implied = [(iface, "one") for spec in d.comps[name].attrs.values()
                   for value, iface, _ in getattr(spec, "requires", ()) if spec.default == value]
        for iface, card in list(d.comps[name].requires) + implied:
            have = [c for c in _providers(d, iface) if c in chosen or c in queue]
            if have or (card == "optional" and rng.random() < 0.85):
                continue
            options = [c for c in _providers(d, iface) if c != name]
            if options:
                queue.append(rng.choice(options))
    d.chosen = chosen


def _connects(d: Draft) -> list[Block]:
    """A ``connect`` for every requirement with more than one deployed provider."""
    out = []
    for name in d.chosen:
        sets = []
        for iface, card in d.comps[name].requires:
            provs = [c for c in _providers(d, iface) if c in d.chosen and c != name]
            if len(provs) > 1 and card != "many":
                sets.append(Attr(iface, d.rng.choice(provs)))
        if sets:
            out.append(Block("connect", [name], sets))
    return out


def _networks(d: Draft) -> list[Block]:
    rng, out = d.rng, []
    vlans = rng.sample(range(1, 4095), 6)
    for i in range(rng.randint(1, 4)):
        name = ["mgmt", "public", "storage", "tenant", "bmc_net"][i] if rng.random() < 0.7 else f"net{i}"
        if name in d.networks:
            name = f"net{i}"
        v6 = rng.random() < 0.1
        prefix = rng.randint(16, 28)
        cidr = f"fd{i:02x}:{rng.randint(1, 999)}::/64" if v6 else f"10.{i * 10 + rng.randint(0, 9)}.0.0/{prefix}"
        attrs = [Attr("cidr", q(cidr))]
        purpose = "management" if i == 0 and rng.random() < 0.6 else rng.choice(PURPOSES)
        if rng.random() < 0.85:
            attrs.append(Attr("purpose", purpose))
        if rng.random() < 0.4:
            attrs.append(Attr("vlan", str(vlans[i])))
        if rng.random() < 0.4:
            attrs.append(Attr("mtu", str(rng.choice([576, 1400, 1500, 9000, 9216, rng.randint(576, 9216)]))))
        if rng.random() < 0.4:
            attrs.append(Attr("gateway", q(str(ipaddress.ip_network(cidr)[1]))))
        labels = [name] + ([q(rng.choice(NASTY_STRINGS))] if rng.random() < 0.3 else [])
        out.append(Block("network", labels, attrs))
        d.networks.append(name)
    return out


def _hardware(d: Draft) -> list[Block]:
    rng, out = d.rng, []
    for i in range(rng.randint(0, 3)):
        name = f"hw{i}"
        attrs = []
        if rng.random() < 0.8:
            attrs.append(Attr("cores", str(rng.choice([1, 2, 4, 8, 16, 32, 64, 128]))))
        if rng.random() < 0.8:
            attrs.append(Attr("memory", f"{rng.choice([1, 4, 16, 64, 256, 1024])} {rng.choice(['GiB', 'GB', 'MiB'])}"))
        if rng.random() < 0.4:
            attrs.append(Attr("raid", rng.choice(RAID)))
        if rng.random() < 0.3:
            settings = {"virtualization": q("enabled"), "boot_mode": q(rng.choice(["uefi", "bios"])),
                        "sriov": rng.choice(["true", q("Enabled")])}
            keys = rng.sample(sorted(settings), rng.randint(1, 3))
            attrs.append(Attr("bios", "{ " + ", ".join(f"{k} = {settings[k]}" for k in keys) + " }"))
        children = []
        for j in range(rng.randint(0, 2)):
            da = [Attr("count", str(rng.randint(1, 4))), Attr("size", f"{rng.choice([100, 480, 960, 4])} "
                                                                      f"{rng.choice(['GB', 'TB', 'GiB'])}")]
            if rng.random() < 0.7:
                da.append(Attr("type", rng.choice(["hdd", "ssd", "nvme"])))
            children.append(Block("disk", [f"d{j}"], da))
        if rng.random() < 0.5:
            children.append(Block("nic", [], [Attr("count", str(rng.randint(1, 4))),
                                              Attr("speed", f"{rng.choice([1, 10, 25, 100])} Gbps")]))
        out.append(Block("hardware", [name], attrs, children))
        d.hardware.append(name)
    return out


def _fits(slot: dict, r: CRole, qualified: str) -> bool:
    lo, hi = max(slot["lo"], r.min, 1), min(x for x in (slot["hi"], r.max, MAX_NODE_COUNT) if x is not None)
    if any(c in slot["runs"] for c in r.conflicts) or any(qualified in c for c in slot["conflicts"]):
        return False
    quorum = slot["quorum"] or r.quorum
    return any(n == 1 or not quorum or n % 2 for n in range(lo, hi + 1))


def _place(d: Draft) -> None:
    """Put every component role to run on a node role whose count can satisfy all of them."""
    rng = d.rng
    runs = []
    for name in d.chosen:
        roles = d.comps[name].roles
        # neutron's L3/DHCP agents (min 0) always run with its server: check refuses an ML2
        # agent driver without them (RA507).
        picked = [r for r in roles if r.min > 0 or rng.random() < 0.3 or (name, r.name) == ("neutron", "l3")] \
            or [rng.choice(roles)]
        runs += [(name, r) for r in picked]  # at least one role, or the component is not deployed
    rng.shuffle(runs)
    slots: list[dict] = []
    wanted = rng.randint(1, max(1, min(4, len(runs))))
    for comp, r in runs:
        qualified = f"{comp}.{r.name}"
        options = [s for s in slots if _fits(s, r, qualified)]
        if not options or (len(slots) < wanted and rng.random() < 0.5):
            slot = {"lo": 1, "hi": MAX_NODE_COUNT, "quorum": False, "runs": [], "conflicts": []}
            if not _fits(slot, r, qualified):
                continue
            slots.append(slot)
        else:
            slot = rng.choice(options)
        slot["lo"] = max(slot["lo"], r.min)
        slot["hi"] = min(slot["hi"], r.max) if r.max is not None else slot["hi"]
        slot["quorum"] = slot["quorum"] or r.quorum
        slot["runs"].append(qualified)
        slot["conflicts"].extend(r.conflicts)
    for i, slot in enumerate(slots):
        counts = [n for n in range(slot["lo"], slot["hi"] + 1) if n == 1 or not slot["quorum"] or n % 2]
        slot["count"] = rng.choice(counts)
        slot["counts"] = counts
        d.roles[rng.choice(["ctl", "compute", "storage", "net", "infra", "edge"]) + str(i)] = slot


def _role_blocks(d: Draft) -> list[Block]:
    rng, out = d.rng, []
    for name, slot in d.roles.items():
        count = str(slot["count"])
        if rng.random() < 0.3:  # the count from a parameter whose range keeps it valid
            p = f"{name}_count"
            d.params[p] = (slot["count"], slot["lo"] if slot["lo"] else 0, slot["hi"], slot["counts"])
            d.used_params.add(p)
            count = p
        nets = [d.networks[0]] + [n for n in d.networks[1:] if rng.random() < 0.4]
        runs = []
        for qn in slot["runs"]:
            comp = qn.split(".")[0]
            alone = len(d.comps[comp].roles) == 1 and rng.random() < 0.3
            runs.append(comp if alone else qn)
        attrs = [Attr("count", count), Attr("networks", ra_list(nets, rng)), Attr("runs", ra_list(runs, rng))]
        if d.hardware and rng.random() < 0.7:
            attrs.append(Attr("hardware", rng.choice(d.hardware)))
        if rng.random() < 0.25:
            attrs.append(Attr("spread", rng.choice(["none", "rack", "zone"])))
        labels = [name] + ([q(rng.choice(NASTY_STRINGS))] if rng.random() < 0.3 else [])
        out.append(Block("role", labels, attrs))
    return out


def _configure(d: Draft) -> list[Block]:
    """``configure`` blocks with values typed from each attribute's declaration."""
    rng, out = d.rng, []
    for name in d.chosen:
        comp = d.comps[name]
        if not comp.attrs or rng.random() < 0.4:
            continue
        sets = []
        for attr in rng.sample(sorted(comp.attrs), rng.randint(1, min(3, len(comp.attrs)))):
            spec = comp.attrs[attr]
            value = value_for(rng, spec.type, spec.range, spec.allowed, spec.pattern)
            if value is None:
                continue
            if implies_unprovided(d, spec, value):
                continue
            if rng.random() < 0.15 and "\n" not in value:  # through a parameter of the same type
                p = f"p_{name}_{attr}"
                d.main.blocks.append(Block("parameter", [p], [Attr("type", _type_text(spec)),
                                                              Attr("default", value)]))
                value = p
            sets.append(Attr(attr, value))
        if sets:
            out.append(Block("configure", [name], sets))
    return out


def implies_unprovided(d: "Draft", spec: Any, value: str) -> bool:
    """Whether ``value`` implies a requirement nothing chosen provides (glance default_store =
    swift without swift): a real RA401, so not a value for a valid case or overlay."""
    needs = [iface for v, iface, _ in getattr(spec, "requires", ())
             if value.strip('"') == ("true" if v is True else "false" if v is False else str(v))]
    return any(not [c for c in _providers(d, i) if c in d.chosen] for i in needs)


def _type_text(spec: Any) -> str:
    return spec.type_text if isinstance(spec, UserAttr) else str(spec.type)


def _extras(d: Draft) -> list[Block]:
    """Parameters, interop, outputs and the architecture block."""
    rng, out = d.rng, []
    for p, (default, lo, hi, _counts) in d.params.items():
        out.append(Block("parameter", [p], [Attr("type", "int"), Attr("default", str(default)),
                                            Attr("range", f"{lo}..{hi}")]))
    if rng.random() < 0.2:
        out.append(Block("parameter", ["unused_p"], [Attr("type", "string"), Attr("default", q("x"))]))
    if rng.random() < 0.3:
        attrs = []
        if rng.random() < 0.5:
            attrs.append(Attr("guideline", q(rng.choice(GUIDELINES))))
        if rng.random() < 0.7:
            attrs.append(Attr("program", rng.choice(["auto", "platform", "compute", "storage"])))
        if rng.random() < 0.5:
            attrs.append(Attr("addons", ra_list(rng.sample(["dns", "orchestration"], rng.randint(0, 2)))))
        out.append(Block("interop", [], attrs))
    paths = [f"roles.{r}.count" for r in d.roles] + [f"networks.{n}.cidr" for n in d.networks]
    paths += [qn for s in d.roles.values() for qn in (f"{s['runs'][0]}.count",)] if d.roles else []
    for i in range(rng.randint(0, 2)):
        out.append(Block("output", [f"out{i}"], [Attr("value", rng.choice(paths) if paths else "1")]))
    if rng.random() < 0.7:
        out.insert(0, Block("architecture", [f"fuzz_{rng.randrange(1000)}", q(rng.choice(NASTY_STRINGS))],
                            [Attr("version", q(f"{rng.randint(0, 9)}.{rng.randint(0, 9)}"))]))
    return out


def draft(rng: random.Random) -> Draft:
    """Draw a whole valid project (see the module docstring)."""
    cat = catalog()
    use_catalog = rng.random() < 0.8
    d = Draft(rng, {n: c for n, c in cat.components.items() if c.origin == "catalog" and use_catalog})
    headers = ["import openstack"] if use_catalog else []
    if use_catalog and rng.random() < 0.1:
        d.comps["trove"] = cat.components["trove"]
        headers.append("import trove")
    user = _user_components(d, rng.choice([0, 0, 1, 2, 3]) if use_catalog else rng.randint(1, 4))
    d.comps.update({u.name: u for u in user})
    if user and rng.random() < 0.4:  # the user components live in a module of their own
        d.module = RaFile(["import openstack"] if use_catalog else [], [])
        d.module.blocks += [Block("interface", [f"ui{k}"]) for k in range(len(user))]
        d.module.blocks += [u.decl for u in user if u.decl]
        headers.append("import lib.ext")
    else:
        d.main.blocks += [Block("interface", [f"ui{k}"]) for k in range(len(user))]
        d.main.blocks += [u.decl for u in user if u.decl]
    d.main.headers = headers
    pool = [n for n, c in d.comps.items() if c.origin != "user"]
    _choose(d, pool, user)
    d.main.blocks += _networks(d) + _hardware(d)
    _place(d)
    d.main.blocks += _role_blocks(d) + _configure(d) + _connects(d)
    d.main.blocks = _extras(d) + d.main.blocks
    return d


def valid_case(rng: random.Random) -> tuple[Case, Draft]:
    """A valid project as a :class:`Case` (sometimes a site overlay over it), and its draft."""
    d = draft(rng)
    files: dict[str, str | bytes] = {}
    if d.module is not None:
        files["lib/ext.ra"] = d.module.render(rng)
        if rng.random() < 0.6:  # the module's own deployer mapping, beside it
            from fuzz_mapping import mapping_for

            files["lib/ext.mapping.yml"] = mapping_for(rng, [c for c in d.comps.values() if c.origin == "user"])
    include: tuple[str, ...] = ()
    if "import trove" in d.main.headers:
        files["mods/trove.ra"] = (TROVE / "trove.ra").read_text(encoding="utf-8")
        files["mods/trove.mapping.yml"] = (TROVE / "trove.mapping.yml").read_text(encoding="utf-8")
        include = ("mods",)
    if rng.random() < 0.25:
        from fuzz_overlay import site_overlay

        files["base.ra"] = d.main.render(rng)
        files["main.ra"] = site_overlay(d).render(rng)
        return Case("overlay", files, include=include), d
    files["main.ra"] = d.main.render(rng)
    return Case("valid", files, include=include), d
