"""The openstack-ansible flavour: ``openstack_user_config.yml`` and ``user_variables.yml``.

OSA's own inventory generator turns ``openstack_user_config.yml`` into the real inventory (it
picks container names and container addresses), so only this input file is emitted, never the
generated inventory JSON. Hosts are listed by their address on the management network: the
network every node role shares, preferring the purposes internal, management, admin, provisioning.
"""

from __future__ import annotations

import copy
import ipaddress
from typing import Any

from racompiler.diagnostics import DiagnosticSink, Span, codes
from racompiler.graph.plan import Plan
from racompiler.semantic.model import (FLOATING_IP_PURPOSES, MANAGEMENT_PURPOSES, OUT_OF_BAND_PURPOSES,
                                       PUBLIC_API_PURPOSES)
from racompiler.targets import Artifact
from racompiler.targets.ledger import Ledger
from racompiler.targets.ansible.deployers import network_for, secrets_note
from racompiler.targets.ansible.layout import Layout
from racompiler.targets.ansible.yamlout import dump, unsafe_from_ra
from racompiler.targets.mapping import load_deployer_mapping
from racompiler.targets.realise import JINJA_MARKERS, FromRA, Realised, deployable, realise

# OSA's utility container (where Tempest runs) lives on every shared-infra host already: an
# operator host that is also a shared-infra host would get a second one.
UTILITY_GROUPS = ("shared_infra_hosts", "operator_hosts")
WHERE = {"placement": "ansible/openstack_user_config.yml", "var": "ansible/user_variables.yml",
         "override": "ansible/user_variables.yml", "user_config": "ansible/openstack_user_config.yml",
         "host_vars": "ansible/openstack_user_config.yml", "inherent": "openstack-ansible"}


def management_network(plan: Plan) -> str | None:
    """The network every node role is on, by purpose preference, else the first shared one; never
    an out-of-band (bmc) network: hosts get no address there."""
    roles = list(plan.model.roles.values())
    shared = [n for n, net in plan.model.networks.items() if all(n in r.networks for r in roles) and net.cidr
              and net.purpose not in OUT_OF_BAND_PURPOSES]
    return network_for(plan, tuple(shared), MANAGEMENT_PURPOSES) or (shared[0] if shared else None)


def _placement(realised: Realised) -> dict[str, list[str]]:
    groups = {g: list(r) for g, r in realised.placement.items()}
    infra, operator = UTILITY_GROUPS
    if operator in groups:
        groups[operator] = [r for r in groups[operator] if r not in set(groups.get(infra, []))]
        if not groups[operator]:
            del groups[operator]
    return groups


def _used_ips(plan: Plan, layout: Layout) -> list[str]:
    """Per network: the block of host addresses (from the network start), then the VIP."""
    out = []
    for name, net in plan.model.networks.items():
        addrs = sorted(ipaddress.ip_address(h.ips[name]) for h in layout.all_hosts() if name in h.ips)
        if net.cidr and addrs:
            first = ipaddress.ip_network(net.cidr, strict=False).network_address + 1
            out.append(f"{first},{addrs[-1]}")
        if name in layout.vips:
            out.append(layout.vips[name])
    return out


def _provider_networks(plan: Plan, nets: dict[str, str | None], plugin: str,
                       ledger: Ledger) -> list[dict[str, Any]]:
    """The host bridges OSA wires into containers: management, tunnel and storage, and the
    provider network of the floating IPs."""
    agent = "neutron_ovn_controller" if plugin == "ml2.ovn" else "neutron_openvswitch_agent"
    kind = "geneve" if plugin == "ml2.ovn" else "vxlan"
    specs: dict[str, dict[str, Any]] = {
        "management": {"container_bridge": "br-mgmt", "container_type": "veth", "container_interface": "eth1",
                       "ip_from_q": "management", "type": "raw", "group_binds": ["all_containers", "hosts"],
                       "is_management_address": True},
        "tunnel": {"container_bridge": "br-vxlan", "container_type": "veth", "container_interface": "eth10",
                   "ip_from_q": "tunnel", "type": kind, "range": "1:1000", "net_name": kind, "group_binds": [agent]},
        "storage": {"container_bridge": "br-storage", "container_type": "veth", "container_interface": "eth2",
                    "ip_from_q": "storage", "type": "raw",
                    "group_binds": ["glance_api", "cinder_api", "cinder_volume", "nova_compute", "swift_proxy"]},
    }
    out = []
    for queue, spec in specs.items():
        name = nets.get(queue)
        if name is None:
            continue
        net = plan.model.networks[name]
        entry = dict(spec)
        if net.mtu is not None:
            entry["container_mtu"] = str(net.mtu)
            ledger.realised(f"network:{name}.mtu", "ansible/openstack_user_config.yml: container_mtu")
        ledger.realised(f"network:{name}.purpose", f"ansible/openstack_user_config.yml: provider network {queue}")
        out.append({"network": entry})
    floating = _first_with(plan, FLOATING_IP_PURPOSES)
    if floating is not None:
        # The instances' floating IPs and provider networks: a flat or VLAN provider network
        # (physnet1) on the br-provider bridge of the L2 agents; its subnet (cidr, gateway) is
        # created in Neutron after the deploy, so those facts stay unrealised (RA690).
        net = plan.model.networks[floating]
        entry = {"container_bridge": "br-provider", "container_type": "veth", "net_name": "physnet1",
                 "type": "vlan" if net.vlan is not None else "flat", "group_binds": [agent]}
        if net.vlan is not None:
            entry["range"] = f"{net.vlan}:{net.vlan}"
            ledger.realised(f"network:{floating}.vlan", "ansible/openstack_user_config.yml: provider network physnet1")
        if net.mtu is not None:
            entry["container_mtu"] = str(net.mtu)
            ledger.realised(f"network:{floating}.mtu", "ansible/openstack_user_config.yml: container_mtu")
        ledger.realised(f"network:{floating}.purpose", "ansible/openstack_user_config.yml: provider network physnet1")
        out.append({"network": entry})
    return out


def _first_with(plan: Plan, purposes: tuple[str, ...]) -> str | None:
    return next((n for p in purposes for n, net in plan.model.networks.items()
                 if net.purpose == p and net.cidr), None)


def _merge(tree: dict[str, Any], extra: dict[str, Any]) -> None:
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(tree.get(key), dict):
            _merge(tree[key], value)
        else:
            tree[key] = value


def _plain(tree: Any, sink: DiagnosticSink, span: Span) -> Any:
    """For openstack_user_config.yml: OSA's inventory generator reads it with ``yaml.safe_load``,
    which refuses the ``!unsafe`` tag, and copies its values into the inventory Ansible templates.
    So RA strings are written plain, and one that Jinja would evaluate is refused (RA642)."""
    if isinstance(tree, dict):
        return {k: _plain(v, sink, span) for k, v in tree.items()}
    if isinstance(tree, list):
        return [_plain(v, sink, span) for v in tree]
    if isinstance(tree, FromRA):
        if any(m in tree for m in JINJA_MARKERS):
            sink.report(codes.RA642, f"openstack-ansible would evaluate {str(tree)!r} as a Jinja template in "
                                     "openstack_user_config.yml", span,
                        hint="remove '{{', '{%' and '{#' from the value")
        return str(tree)
    return tree


def _external_vip(plan: Plan, layout: Layout, groups: dict[str, list[str]], internal: str | None) -> tuple[str | None, str | None]:
    """(address, network) of the external VIP: on the public network of the load balancers."""
    net = _first_with(plan, PUBLIC_API_PURPOSES)
    if net is None:
        return internal, None
    if net in layout.vips:
        return layout.vips[net], net
    lb_hosts = [h for r in groups.get("load_balancer_hosts", []) for h in layout.hosts[r]]
    address = next((h.ips[net] for h in lb_hosts if net in h.ips), None)
    return (address, net) if address else (internal, None)


def user_config(plan: Plan, layout: Layout, realised: Realised, mgmt: str, ledger: Ledger,
                sink: DiagnosticSink) -> dict[str, Any]:
    """``openstack_user_config.yml`` as data."""
    nets = plan.model.networks
    queues: dict[str, str | None] = {"management": mgmt, "tunnel": _first_with(plan, ("tenant",)),
                                     "storage": _first_with(plan, ("storage",))}
    cidrs = {q: nets[n].cidr for q, n in queues.items() if n is not None}
    for q, n in queues.items():
        if n is not None:
            ledger.realised(f"network:{n}.cidr", f"ansible/openstack_user_config.yml: cidr_networks.{q}")
    groups = _placement(realised)
    lb_hosts = [h for r in groups.get("load_balancer_hosts", []) for h in layout.hosts[r]]
    internal = layout.vips.get(mgmt) or (lb_hosts[0].ips.get(mgmt) if lb_hosts else None)
    external, external_net = _external_vip(plan, layout, groups, internal)
    if external_net is not None:
        ledger.realised(f"network:{external_net}.cidr", "ansible/openstack_user_config.yml: external_lb_vip_address")
        ledger.realised(f"network:{external_net}.purpose", "ansible/openstack_user_config.yml: external_lb_vip_address")
    plugin = str(realised.vars.get("neutron_plugin_type", "ml2.ovs"))
    overrides: dict[str, Any] = {}
    if internal:
        overrides["internal_lb_vip_address"] = internal
    if external:
        overrides["external_lb_vip_address"] = external
    overrides["management_bridge"] = "br-mgmt"
    overrides["provider_networks"] = _provider_networks(plan, queues, plugin, ledger)
    data: dict[str, Any] = {"cidr_networks": cidrs, "used_ips": _used_ips(plan, layout),
                            "global_overrides": overrides}
    _merge(data, _plain(realised.user_config, sink, plan.model.root_span))
    for group in sorted(groups):
        entries: dict[str, Any] = {}
        for role in groups[group]:
            for host in layout.hosts[role]:
                entry: dict[str, Any] = {"ip": host.ips[mgmt]}
                _merge(entry, _plain(copy.deepcopy(realised.host_vars.get(group, {})), sink, plan.model.root_span))
                entries[host.name] = entry
        data[group] = entries
    return data


def user_variables(realised: Realised) -> dict[str, Any]:
    """``user_variables.yml``: the variables and config overrides the mapping landed."""
    out: dict[str, Any] = unsafe_from_ra(realised.vars)
    for var, sections in sorted(realised.overrides.items()):
        out[var] = unsafe_from_ra(sections)
    return out


def emit_osa(plan: Plan, layout: Layout, sink: DiagnosticSink, ledger: Ledger) -> list[Artifact]:
    """``openstack_user_config.yml`` and ``user_variables.yml`` (RA640-RA642, RA645)."""
    mapping = load_deployer_mapping("openstack-ansible", "openstack-ansible", plan.model, sink)
    if mapping is None:
        return []
    mgmt = management_network(plan)
    if mgmt is None:
        roles = list(plan.model.roles.values())
        where = (roles[0].networks_span or roles[0].span) if roles else plan.model.root_span
        sink.report(codes.RA645, "openstack-ansible needs a management network (with a cidr) shared by every node role",
                    where, hint="add one network (not a bmc network: it gives hosts no address) to the networks of "
                                "every role")
        return []
    label = ledger.label
    comps = deployable(plan, mapping, label, sink, ledger)
    realised = realise(plan, mapping, comps, label, sink, ledger, WHERE)
    ledger.realised_by_binding(plan.binding)
    return [
        Artifact("openstack_user_config.yml", dump(user_config(plan, layout, realised, mgmt, ledger, sink),
                                                   "openstack-ansible input (/etc/openstack_deploy/). OSA's inventory\n"
                                                   "generator picks the container names and addresses.")),
        Artifact("user_variables.yml", dump(user_variables(realised))),
        Artifact("SECRETS.md", secrets_note("openstack-ansible")),
    ]
