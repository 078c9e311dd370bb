"""The kolla flavour: kolla-ansible's ``multinode.yml`` inventory, ``globals.yml`` and config overrides.

Where each component and attribute lands comes from the realisation mapping
(``targets/ansible/kolla/mapping.yml`` plus any user module's ``<name>.mapping.yml``): this
module only writes files. Attribute values land as ``globals.yml`` variables or as options of
kolla config overrides (``config/<file>``, which kolla merges into the service's config).

The inventory keeps every group of kolla's upstream ``multinode`` skeleton (its playbooks expect
them all, even for disabled services) and fills only the role groups (``control``, ``network``,
``compute``, ``storage``, ``monitoring``, ``deployment``) from the RA's node roles. ``globals.yml``
is passed by kolla-ansible as extra vars, so per-host values (interface names) stay in the
inventory.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from racompiler.diagnostics import DiagnosticSink, codes
from racompiler.graph.plan import Plan
from racompiler.semantic.model import FLOATING_IP_PURPOSES, MANAGEMENT_PURPOSES, PUBLIC_API_PURPOSES
from racompiler.targets import Artifact
from racompiler.targets.ledger import Ledger
from racompiler.targets.ansible.deployers import network_for, secrets_note
from racompiler.targets.ansible.layout import Host, Layout
from racompiler.targets.ansible.render import assets_dir
from racompiler.targets.ansible.yamlout import dump, unsafe_from_ra, untrusted
from racompiler.targets.mapping import load_deployer_mapping
from racompiler.targets.realise import JINJA_MARKERS, Realised, deployable, realise

ROLE_GROUPS = ("control", "network", "compute", "storage", "monitoring")

# kolla's per-host interface variables and the network purposes that feed them.
INTERFACES = (
    ("api_interface", MANAGEMENT_PURPOSES),
    ("tunnel_interface", ("tenant",)),
    ("storage_interface", ("storage",)),
    ("neutron_external_interface", FLOATING_IP_PURPOSES),
    # kolla defaults it to network_interface; keepalived puts the external VIP on it.
    ("kolla_external_vip_interface", PUBLIC_API_PURPOSES),
)
# kolla's group of the HAProxy/keepalived/ProxySQL hosts: its prechecks refuse it empty whenever
# enable_loadbalancer is true (HAProxy, keepalived or ProxySQL, which follows MariaDB).
LOADBALANCER = "loadbalancer"
# kolla's prechecks of an active-active service: with more than one host in the group, the service
# needs a cluster name and a coordination backend (valkey, whose groups are children of control).
# (group, its enable flag, the cluster-name variable)
ACTIVE_ACTIVE = (("cinder-volume", "enable_cinder", "cinder_cluster_name"),)
COORDINATION = "enable_valkey"


@lru_cache(maxsize=1)
def skeleton() -> dict[str, list[str]]:
    """kolla's ``multinode`` groups in file order: group -> children (role groups: [])."""
    groups: dict[str, list[str]] = {}
    current = None
    for raw in (assets_dir() / "kolla" / "multinode").read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            name, _, kind = line[1:-1].partition(":")
            current = name if kind == "children" else None
            groups.setdefault(name, [])
        elif current is not None:
            groups[current].append(line.split()[0])
    return groups


def _host_vars(plan: Plan, layout: Layout, host: Host, vip_roles: list[str]) -> dict[str, Any]:
    role = plan.model.roles[host.role]
    out: dict[str, Any] = {}
    if host.connect_ip:
        out["ansible_host"] = host.connect_ip
    nics = layout.interfaces[role.name]  # host interfaces: out-of-band networks have none
    if nics:
        out["network_interface"] = next(iter(nics.values()))
    for var, purposes in INTERFACES:
        net = network_for(plan, list(nics), purposes)
        if net is not None:
            out[var] = nics[net]
    floating = floating_ip_nic(plan, layout, role.name) if role.name in vip_roles else None
    if floating is not None:
        out["neutron_external_interface"] = floating
    if host.facts is not None:
        out["racompiler_node"] = untrusted(host.facts)
    return out


def floating_ip_nic(plan: Plan, layout: Layout, role: str) -> str | None:
    """The NIC of its own that kolla's floating IPs need on ``role`` (a role of the control group,
    whose hosts hold the external VIP), when the RA puts the public API and the floating IPs on
    one network (a role whose ``network_for`` picks the same network
    for ``kolla_external_vip_interface`` and ``neutron_external_interface``).

    kolla plugs ``neutron_external_interface`` into the OVS bridge br-ex, where it must carry no
    address: the external VIP on that same NIC would be lost. The next free ``eth<n>`` stands
    for a second NIC cabled to the same network, without an address (RA646 says so).
    """
    nics = list(layout.interfaces[role])
    floating = network_for(plan, nics, FLOATING_IP_PURPOSES)
    if floating is None or floating != network_for(plan, nics, PUBLIC_API_PURPOSES):
        return None
    return f"eth{len(nics)}"


def inventory(plan: Plan, layout: Layout, placed: dict[str, list[str]]) -> dict[str, Any]:
    """``multinode.yml`` as data: filled role groups, then the skeleton's groups unchanged."""
    children: dict[str, Any] = {}
    described: set[str] = set()
    for group in ROLE_GROUPS:
        hosts: dict[str, Any] = {}
        for role in placed.get(group, []):
            for host in layout.hosts[role]:
                hosts[host.name] = None if host.name in described else _host_vars(plan, layout, host, placed["control"])
                described.add(host.name)
        children[group] = {"hosts": hosts} if hosts else None
    children["deployment"] = {"hosts": {"localhost": {"ansible_connection": "local"}}}
    for group, kids in skeleton().items():
        if group not in children:
            children[group] = {"children": {k: None for k in kids}} if kids else None
    lb = children.get(LOADBALANCER)
    if lb is not None and (layout.ha or not group_hosts(LOADBALANCER, placed, layout)):
        # The VIPs sit on the control hosts' networks (globals_yml), so the control hosts carry them;
        # the skeleton's children (the network hosts) stay.
        lb["hosts"] = {h.name: None for role in placed.get("control", []) for h in layout.hosts[role]}
    return {"all": {"children": children}}


def role_groups(realised: Realised) -> dict[str, list[str]]:
    """kolla role group -> RA node roles that join it (monitoring: the control hosts, as in
    kolla's all-in-one, since an RA has no monitoring role)."""
    placed = {g: list(realised.placement.get(g, [])) for g in ROLE_GROUPS}
    placed["monitoring"] = list(placed["control"])
    return placed


def _vip(plan: Plan, layout: Layout, control_roles: list[str], purposes: tuple[str, ...]) -> str | None:
    """The VIP (HA) or the first control host's address on a network of that purpose."""
    net = _vip_network(plan, control_roles, purposes)
    if net is None:
        return None
    if layout.ha and net in layout.vips:
        return layout.vips[net]
    for role_name in control_roles:
        hosts = layout.hosts[role_name]
        if hosts and net in hosts[0].ips:
            return hosts[0].ips[net]
    return None


def _vip_network(plan: Plan, control_roles: list[str], purposes: tuple[str, ...]) -> str | None:
    for role_name in control_roles:
        net = network_for(plan, plan.model.roles[role_name].networks, purposes)
        if net is not None:
            return net
    return None


def globals_yml(plan: Plan, layout: Layout, realised: Realised, ledger: Ledger) -> dict[str, Any]:
    """``globals.yml`` as data: VIPs, enable_* flags and the variables the mapping landed."""
    control = role_groups(realised)["control"]
    data: dict[str, Any] = {}
    for var, purposes in (("kolla_internal_vip_address", MANAGEMENT_PURPOSES),
                          ("kolla_external_vip_address", PUBLIC_API_PURPOSES)):
        address = _vip(plan, layout, control, purposes)
        if address is not None:
            data[var] = address
            net = _vip_network(plan, control, purposes)
            ledger.realised(f"network:{net}.cidr", f"ansible/globals.yml: {var}")
    data["enable_haproxy"] = layout.ha
    # Without this, kolla enables keystone, glance, nova, neutron, heat and horizon implicitly.
    data["enable_openstack_core"] = False
    data.update(unsafe_from_ra(realised.vars))
    placed = role_groups(realised)
    for group, flag, cluster in ACTIVE_ACTIVE:
        if data.get(flag) is True and len(group_hosts(group, placed, layout)) > 1:
            data[cluster] = f"{group.split('-')[0]}-cluster"
            data.setdefault(COORDINATION, True)
    return data


def group_hosts(group: str, placed: dict[str, list[str]], layout: Layout, seen: frozenset[str] = frozenset()
                ) -> set[str]:
    """The hosts of a kolla group: role groups from ``placed``, others through the skeleton's children."""
    if group in placed:
        return {h.name for role in placed[group] for h in layout.hosts[role]}
    return {h for kid in skeleton().get(group, []) if kid not in seen
            for h in group_hosts(kid, placed, layout, seen | {group})}


def _ini_value(value: Any) -> str:
    """An INI value as kolla writes it. kolla renders override files through Jinja before merging
    them, so text that Jinja would evaluate is wrapped in a raw block."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, (list, tuple)):
        text = ",".join(str(v) for v in value)
    else:
        text = str(value)
    if any(m in text for m in JINJA_MARKERS):
        text = "{% raw %}" + text + "{% endraw %}"
    return text


def ini_files(realised: Realised, sink: DiagnosticSink, span: Any) -> list[Artifact]:
    """``config/<file>``: one INI override per service config file the mapping landed options in."""
    out = []
    for file, sections in sorted(realised.ini.items()):
        lines = [f"# kolla-ansible config override, merged into the service's {file.rsplit('/', 1)[-1]}",
                 "# (node_custom_config, /etc/kolla/config by default). Generated by racompiler.", ""]
        for section, options in sorted(sections.items()):
            lines.append(f"[{section}]")
            for key, value in sorted(options.items()):
                text = _ini_value(value)
                if "\n" in text or "\r" in text:
                    sink.report(codes.RA642, f"kolla-ansible cannot write a line break into {file} [{section}] {key}",
                                span)
                    continue
                lines.append(f"{key} = {text}")
            lines.append("")
        out.append(Artifact(f"config/{file}", "\n".join(lines).rstrip("\n") + "\n"))
    return out


def _mark_networks(plan: Plan, layout: Layout, ledger: Ledger, sink: DiagnosticSink,
                   vip_roles: list[str]) -> None:
    """kolla consumes a network's purpose through the per-host interface variables it feeds;
    RA646 for each role whose floating IPs need a NIC of their own."""
    for role in plan.model.roles.values():
        floating = floating_ip_nic(plan, layout, role.name) if role.name in vip_roles else None
        if floating is not None:
            net = network_for(plan, list(layout.interfaces[role.name]), FLOATING_IP_PURPOSES)
            sink.report(codes.RA646, f"kolla-ansible: network {net} carries both the public API VIP and the floating IPs "
                                     f"of role {role.name}; neutron_external_interface must be a NIC without an address, "
                                     f"so its hosts use {floating} for it", role.networks_span or role.span,
                        hint=f"cable a second NIC of each {role.name} host to {net} (no address), or declare a "
                             "separate network with purpose = external for the floating IPs")
        nics = list(layout.interfaces[role.name])
        for var, purposes in INTERFACES:
            net = network_for(plan, nics, purposes)
            if net is not None:
                ledger.realised(f"network:{net}.purpose", f"ansible/multinode.yml: {var}")
        if nics:
            ledger.realised(f"network:{nics[0]}.purpose", "ansible/multinode.yml: network_interface")


def emit_kolla(plan: Plan, layout: Layout, sink: DiagnosticSink, ledger: Ledger) -> list[Artifact]:
    """``multinode.yml``, ``globals.yml`` and ``config/*`` overrides (RA640-RA642 for what kolla
    cannot deploy; the ledger for what it leaves out)."""
    mapping = load_deployer_mapping("kolla", "kolla", plan.model, sink)
    if mapping is None:
        return []
    unaddressed = [r for r in plan.model.roles.values() if not layout.interfaces[r.name]]
    for role in unaddressed:  # kolla reaches each host, and binds its services, on a host network
        sink.report(codes.RA645, f"kolla-ansible needs a network with host addresses on node role {role.name}; "
                    "it has none (a bmc network gives hosts no address)", role.networks_span or role.span,
                    hint=f"add a management or internal network to the networks of {role.name}")
    if unaddressed:
        return []
    label = ledger.label
    comps = deployable(plan, mapping, label, sink, ledger)
    realised = realise(plan, mapping, comps, label, sink, ledger,
                       {"placement": "ansible/multinode.yml", "var": "ansible/globals.yml", "ini": "ansible/config",
                        "inherent": "kolla-ansible"})
    placed = role_groups(realised)
    _mark_networks(plan, layout, ledger, sink, placed["control"])
    ledger.realised_by_binding(plan.binding)
    arts = [
        Artifact("multinode.yml", dump(inventory(plan, layout, placed),
                                       "kolla-ansible inventory: role groups filled from the RA's node roles; every\n"
                                       "other group copied from kolla-ansible's multinode skeleton (Apache-2.0).")),
        Artifact("globals.yml", dump(globals_yml(plan, layout, realised, ledger),
                                     "kolla-ansible passes this file as extra vars (-e @globals.yml):\n"
                                     "per-host values live in multinode.yml.")),
    ]
    arts += ini_files(realised, sink, plan.model.root_span)
    arts.append(Artifact("SECRETS.md", secrets_note("kolla")))
    return arts
