"""The infrastructure proposals (network, BIOS) and what Crowbar does with hardware requirements.

``network.json``: the network barclamp's template with the RA's networks laid on the Crowbar
networks their purpose names (the ``network`` table of ``mapping.yaml``). The template's ranges
(admin, dhcp, host, switch, router) keep their relative place when the RA's cidr differs from the
template's: an address at offset ``o`` of a template network of ``T`` addresses moves to offset
``floor(o * S / T)`` of one of ``S`` addresses, a range ``[a, b]`` to
``[floor(a*S/T), floor((b+1)*S/T) - 1]`` (so disjoint ranges stay disjoint), inside the usable
addresses. Template networks the RA does not define keep the template's values.

``dell_bios.json`` (dell-1.x): BIOS setup on the nodes whose hardware profile states BIOS
settings. The proposal cannot carry a setting's value (Crowbar picks a per-product BIOS set per
node), so each setting is reported (RA628) unless the nodes are bound (``build --inventory``):
binding only takes nodes whose inventory reports the setting, so the bound names realise it.
Cores, memory, disks and NICs are realised the same way, by binding; RAID never is (no RAID
barclamp ships). A role's spread is honoured by binding too.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from racompiler.diagnostics import DiagnosticSink, codes
from racompiler.graph.plan import Plan
from racompiler.semantic.model import Network
from racompiler.targets.crowbar import data
from racompiler.targets.crowbar.proposals import DEFAULT_INSTANCE, Proposal, drop_nulls, node_names
from racompiler.targets.ledger import Ledger


def _fresh(plan: Plan, flavour: str, bc_name: str) -> Proposal:
    bc = data.barclamp(flavour, bc_name)
    fmt = data.flavour_spec(flavour)
    doc = drop_nulls(bc.fresh_template())
    doc["id"] = fmt["proposal_id"].format(barclamp=bc_name, instance=DEFAULT_INSTANCE)
    model = plan.model
    doc["description"] = f"{model.name}: {model.doc}" if model.doc else model.name
    prop = Proposal("", bc_name, DEFAULT_INSTANCE, doc, bc.run_order)
    prop.deployment["config"]["environment"] = f"{bc_name}-config-{DEFAULT_INSTANCE}"
    return prop


# -- network ------------------------------------------------------------------------------------
def _template_net(net: dict[str, Any]) -> ipaddress.IPv4Network:
    return ipaddress.IPv4Network(f"{net['subnet']}/{net['netmask']}", strict=False)


def _scale_range(a: int, b: int, size: int, tsize: int) -> tuple[int, int]:
    """Offsets ``[a, b]`` of a template network of ``tsize`` addresses in one of ``size``."""
    start = max(a * size // tsize, 1)
    end = min((b + 1) * size // tsize - 1, size - 2)
    return start, end


def _place(cb: dict[str, Any], template: dict[str, Any], parent_t: ipaddress.IPv4Network | None,
           cidr: ipaddress.IPv4Network) -> ipaddress.IPv4Network | None:
    """Set subnet/netmask/broadcast/ranges of Crowbar network ``cb`` inside ``cidr``.

    ``parent_t``: the template subnet of the network ``cb`` is carved from (None: ``cb`` is the
    network proper). Returns the new subnet, or None when ``cidr`` is too small for the ranges."""
    own_t = _template_net(template)
    if parent_t is None:
        new = cidr
    else:
        ratio_num, ratio_den = cidr.num_addresses, parent_t.num_addresses
        offset = (int(own_t.network_address) - int(parent_t.network_address)) * ratio_num // ratio_den
        prefix = cidr.prefixlen + (own_t.prefixlen - parent_t.prefixlen)
        if prefix > 30:
            return None
        new = ipaddress.IPv4Network((int(cidr.network_address) + offset, prefix), strict=False)
    cb["subnet"], cb["netmask"], cb["broadcast"] = (str(new.network_address), str(new.netmask),
                                                   str(new.broadcast_address))
    base, tbase = int(new.network_address), int(own_t.network_address)
    size, tsize = new.num_addresses, own_t.num_addresses
    ranges = {}
    for name, rng in sorted((template.get("ranges") or {}).items()):
        a = int(ipaddress.IPv4Address(rng["start"])) - tbase
        b = int(ipaddress.IPv4Address(rng["end"])) - tbase
        start, end = _scale_range(a, b, size, tsize)
        if start > end:
            return None
        ranges[name] = {"start": str(ipaddress.IPv4Address(base + start)),
                        "end": str(ipaddress.IPv4Address(base + end))}
    cb["ranges"] = ranges
    if "router" in template:
        off = int(ipaddress.IPv4Address(template["router"])) - tbase
        cb["router"] = str(ipaddress.IPv4Address(base + min(max(off * size // tsize, 1), size - 2)))
    return new


class NetworkBuilder:
    """Builds ``network.json`` for one flavour, marking the ledger."""

    def __init__(self, plan: Plan, flavour: str, sink: DiagnosticSink, ledger: Ledger) -> None:
        self.plan, self.model, self.flavour, self.sink, self.ledger = plan, plan.model, flavour, sink, ledger
        self.table = data.mapping()["network"]

    def used(self) -> list[Network]:
        names = {n for r in self.model.roles.values() for n in r.networks}
        return [net for name, net in self.model.networks.items() if name in names]

    def build(self) -> Proposal | None:
        bc_name = (self.table["barclamp"] or {}).get(self.flavour)
        nets = self.used()
        if not bc_name or not nets:
            return None
        prop = _fresh(self.plan, self.flavour, bc_name)
        settable = set((self.table.get("optional_settings") or {}).get(self.flavour) or ())
        template = data.barclamp(self.flavour, bc_name).template["attributes"][bc_name]["networks"]
        networks = prop.attributes["networks"]
        taken: dict[str, str] = {}  # Crowbar network -> the RA network that took it
        where = f"crowbar/{prop.filename} attributes.{bc_name}.networks"
        for net in nets:
            self._one(net, networks, template, taken, settable, bc_name, where)
        return prop

    def _report(self, net: Network, message: str, hint: str | None = None, fields: tuple[str, ...] = ()) -> None:
        self.sink.report(codes.RA627, f"crowbar ({self.flavour}): network {net.name}: {message}", net.span, hint=hint)
        for f in fields or ("cidr", "vlan", "mtu", "gateway", "purpose"):
            self.ledger.reported(f"network:{net.name}.{f}")

    def _one(self, net: Network, networks: dict[str, Any], template: dict[str, Any], taken: dict[str, str],
             settable: set[str], bc_name: str, where: str) -> None:
        purposes = self.table["purposes"]
        # A network without a purpose lands where its name would as a purpose (`network admin`).
        targets = purposes.get(net.purpose or net.name)
        if not targets:
            self._report(net, f"purpose {net.purpose or '(none)'} has no network in the Crowbar network barclamp; "
                         "the network is not part of the proposal",
                         hint="Crowbar's networks carry these purposes: " + ", ".join(sorted(purposes)))
            return
        main = targets[0]["network"]
        if main in taken:
            self._report(net, f"Crowbar has one '{main}' network, already given to network {taken[main]}; "
                         "this one is not part of the proposal",
                         hint="merge the two networks, or give this one another purpose")
            return
        cidr = ipaddress.ip_network(net.cidr, strict=False) if net.cidr else None
        if cidr is not None and cidr.version != 4:
            self._report(net, f"cidr = {net.cidr}: the Crowbar network barclamp addresses IPv4 networks only; "
                         "the network is not part of the proposal")
            return
        taken[main] = net.name
        placed: dict[str, ipaddress.IPv4Network] = {}
        for entry in targets:
            name = entry["network"]
            cb, tmpl = networks.get(name), template.get(name)
            if cb is None or tmpl is None:
                continue
            if cidr is not None:
                parent = entry.get("within")
                new = _place(cb, tmpl, _template_net(template[parent]) if parent else None, cidr)
                if new is None:
                    self.sink.report(codes.RA633, f"crowbar ({self.flavour}): network {net.name} ({net.cidr}) is too "
                                     f"small for the address ranges of Crowbar's '{name}' network",
                                     net.span, hint="give the network a larger cidr (a /26 or larger)")
                    return
                placed[name] = new
            if net.vlan is not None:
                cb["vlan"] = int(net.vlan)
                cb["use_vlan"] = True
            elif not entry.get("tagged"):
                cb["use_vlan"] = False
        self.ledger.realised(f"network:{net.name}.purpose", f"{where}.{main}")
        if cidr is not None:
            self.ledger.realised(f"network:{net.name}.cidr", f"{where}.{main}.subnet")
        if net.vlan is not None:
            self.ledger.realised(f"network:{net.name}.vlan", f"{where}.{main}.vlan")
        if net.gateway is not None:
            networks[main]["router"] = str(net.gateway)
            self.ledger.realised(f"network:{net.name}.gateway", f"{where}.{main}.router")
        if net.mtu is not None:
            if "mtu" not in settable:
                self._report(net, f"mtu = {net.mtu}: the {self.flavour} network barclamp has no mtu setting",
                             fields=("mtu",))
            else:
                for entry in targets:
                    if entry["network"] in networks:
                        networks[entry["network"]]["mtu"] = int(net.mtu)
                self.ledger.realised(f"network:{net.name}.mtu", f"{where}.{main}.mtu")


# -- hardware -----------------------------------------------------------------------------------
class HardwareBuilder:
    """``dell_bios.json`` where the flavour has a BIOS barclamp; RA628 and the ledger for the rest."""

    def __init__(self, plan: Plan, flavour: str, sink: DiagnosticSink, ledger: Ledger) -> None:
        self.plan, self.model, self.flavour, self.sink, self.ledger = plan, plan.model, flavour, sink, ledger
        self.bios = (data.mapping().get("hardware") or {}).get("bios", {}).get(flavour)
        self.bound = plan.binding is not None

    def profiles(self) -> list[tuple[str, list[str]]]:
        """(hardware profile, the node roles using it) for every profile a node role uses."""
        out: dict[str, list[str]] = {}
        for role in self.model.roles.values():
            if role.hardware and role.hardware in self.model.hardware:
                out.setdefault(role.hardware, []).append(role.name)
        return sorted(out.items())

    def _warn(self, name: str, message: str, keys: list[str], hint: str) -> None:
        hw = self.model.hardware[name]
        self.sink.report(codes.RA628, f"crowbar ({self.flavour}): hardware {name}: {message}", hw.span, hint=hint)
        for key in keys:
            self.ledger.reported(key)

    def build(self) -> Proposal | None:
        prop = None
        bios_roles: list[str] = []
        # Bound nodes meet every hardware requirement and their role's spread; RAID is reported
        # below all the same, since no proposal configures it.
        self.ledger.realised_by_binding(self.plan.binding)
        for name, roles in self.profiles():
            hw = self.model.hardware[name]
            sizing = [(f, label) for f, label, present in (
                ("cores", f"cores = {hw.cores}", hw.cores is not None),
                ("memory", "memory", hw.memory_bytes is not None),
                ("disks", "disks", bool(hw.disks)),
                ("nics", "nics", bool(hw.nics))) if present]
            if sizing and not self.bound:
                keys = [f"hardware:{name}.{f}" for f, _ in sizing]
                self._warn(name, ", ".join(label for _, label in sizing) + ": Crowbar proposals have no "
                           "hardware requirement; any discovered node can be given these roles", keys,
                           hint="bind the RA to a node inventory (build --inventory): the proposals then name "
                                "only nodes that meet the profile")
            if hw.raid == "none":
                self.ledger.realised(f"hardware:{name}.raid", "nothing to configure")
            elif hw.raid is not None:
                why = ((data.mapping().get("hardware") or {}).get("raid") or {}).get(self.flavour, "")
                self._warn(name, f"raid = {hw.raid}: no proposal configures RAID in {self.flavour}"
                           + (f" ({why})" if why else "") + "; Crowbar leaves the disks as they are",
                           [f"hardware:{name}.raid"], hint="configure the RAID volumes before discovery")
            if hw.bios:
                keys = [f"hardware:{name}.bios.{s}" for s in sorted(hw.bios)]
                if self.bios:
                    bios_roles.extend(roles)
                if self.bound:
                    continue  # the bound nodes report these settings (realised by binding above)
                settings = ", ".join(f"{s} = {v}" for s, v in sorted(hw.bios.items()))
                if self.bios:
                    sets = sorted({self.bios["sets"][s] for s in hw.bios if s in (self.bios.get("sets") or {})})
                    hint = ("give these nodes the Crowbar BIOS set " + " / ".join(repr(s) for s in sets)
                            if sets else "define a Crowbar BIOS set (bios-set data bag) for these settings")
                    self._warn(name, f"BIOS {settings}: the {self.bios['barclamp']} proposal turns BIOS setup on for "
                               "these nodes, but it cannot carry a setting's value (Crowbar applies the BIOS set "
                               "chosen per node)", keys, hint=hint + ", or bind the RA to an inventory that "
                               "reports the settings (build --inventory)")
                else:
                    self._warn(name, f"BIOS {settings}: the {self.flavour} flavour has no BIOS barclamp", keys,
                               hint="set the BIOS before discovery, or bind the RA to an inventory that reports "
                                    "the settings (build --inventory)")
        if self.bios and bios_roles:
            prop = _fresh(self.plan, self.flavour, self.bios["barclamp"])
            prop.attributes[self.bios["enable"]] = True
            items: list[str] = []
            for role in sorted(set(bios_roles), key=list(self.model.roles).index):
                items.extend(node_names(self.model.roles[role], self.plan.binding))
            prop.deployment["elements"][self.bios["role"]] = list(dict.fromkeys(items))
        self._spread()
        return prop

    def _spread(self) -> None:
        for role in self.model.roles.values():
            if role.spread is None:
                continue
            key = f"role:{role.name}.spread"
            if self.bound or role.spread == "none":
                self.ledger.realised(key, "nothing to do")  # bound: already realised by binding
                continue
            self.sink.report(codes.RA628, f"crowbar ({self.flavour}): role {role.name}: spread = {role.spread}: Crowbar "
                             "proposals do not place nodes by " + role.spread, role.span,
                             hint="bind the RA to a node inventory (build --inventory): binding spreads the role's "
                                  f"nodes over {role.spread}s")
            self.ledger.reported(key)
