"""The openstack-ansible flavour: ``openstack_user_config.yml`` and ``user_variables.yml``.

OSA's own inventory generator turns ``openstack_user_config.yml`` into the real inventory (it
picks container names and container addresses), so only this input file is emitted, never the
generated inventory JSON. Hosts are listed by their address on the management network: the
network every node role shares, preferring the purposes internal, management, admin, provisioning.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from racompiler.diagnostics import DiagnosticSink
from racompiler.graph.plan import Plan
from racompiler.targets import Artifact
from racompiler.targets.ledger import Ledger
from racompiler.targets.ansible.deployers import (Mapping, check_components, config, load_mapping, network_for,
                                                  unsupported_value)
from racompiler.targets.ansible.layout import Layout
from racompiler.targets.ansible.yamlout import Unsafe, dump

MGMT_PURPOSES = ("internal", "management", "admin", "provisioning")
PLUGINS = {"openvswitch": "ml2.ovs", "ovn": "ml2.ovn"}
CINDER_BACKENDS = {
    "lvm": {"volume_driver": "cinder.volume.drivers.lvm.LVMVolumeDriver", "volume_backend_name": "LVM_iSCSI"},
    "rbd": {"volume_driver": "cinder.volume.drivers.rbd.RBDDriver", "volume_backend_name": "RBD",
            "rbd_pool": "volumes", "rbd_ceph_conf": "/etc/ceph/ceph.conf", "rbd_user": "cinder"},
    "nfs": {"volume_driver": "cinder.volume.drivers.nfs.NfsDriver", "volume_backend_name": "NFS",
            "nfs_shares_config": "/etc/cinder/nfs_shares"},
}


def management_network(plan: Plan) -> str | None:
    """The network every node role is on, by purpose preference, else the first shared one."""
    roles = list(plan.model.roles.values())
    shared = [n for n in plan.model.networks if all(n in r.networks for r in roles) and plan.model.networks[n].cidr]
    return network_for(plan, tuple(shared), MGMT_PURPOSES) or (shared[0] if shared else None)


def _placement(plan: Plan, mapping: Mapping, deployable: list[str]) -> dict[str, list[str]]:
    table = dict(mapping.placement)
    plugin = config(plan, "neutron", "networking_plugin")
    if plugin is not None and plugin.value == "ovn":
        table.update(mapping.extra["placement_ovn"])
    groups: dict[str, list[str]] = {}
    for role in plan.model.roles.values():
        for run in role.runs:
            if run.component in deployable:
                for g in table.get(run.qualified, []):
                    groups.setdefault(g, [])
                    if role.name not in groups[g]:
                        groups[g].append(role.name)
    # The utility container (where Tempest runs) already lives on every shared-infra host.
    shared = set(groups.get("shared_infra_hosts", []))
    if "operator_hosts" in groups:
        groups["operator_hosts"] = [r for r in groups["operator_hosts"] if r not in shared]
        if not groups["operator_hosts"]:
            del groups["operator_hosts"]
    return groups


def _cinder_backend(plan: Plan, mapping: Mapping, sink: DiagnosticSink) -> dict[str, Any] | None:
    driver = config(plan, "cinder", "volume_driver")
    if driver is None:
        return None
    if driver.value not in CINDER_BACKENDS:
        unsupported_value(sink, mapping, "cinder", "volume_driver", driver, sorted(CINDER_BACKENDS))
        return None
    backend: dict[str, Any] = dict(CINDER_BACKENDS[driver.value])
    group = config(plan, "cinder", "volume_group")
    if driver.value == "lvm" and group is not None:
        backend["volume_group"] = Unsafe(group.value)
    return {"limit_container_types": "cinder_volume", driver.value: backend}


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


def _provider_networks(plan: Plan, mgmt: str, tenant: str | None, storage: str | None,
                       plugin: str) -> list[dict[str, Any]]:
    agent = "neutron_ovn_controller" if plugin == "ml2.ovn" else "neutron_openvswitch_agent"
    nets = [{"network": {"container_bridge": "br-mgmt", "container_type": "veth", "container_interface": "eth1",
                         "ip_from_q": "management", "type": "raw", "group_binds": ["all_containers", "hosts"],
                         "is_management_address": True}}]
    if tenant is not None:
        kind = "geneve" if plugin == "ml2.ovn" else "vxlan"
        nets.append({"network": {"container_bridge": "br-vxlan", "container_type": "veth",
                                 "container_interface": "eth10", "ip_from_q": "tunnel", "type": kind,
                                 "range": "1:1000", "net_name": kind, "group_binds": [agent]}})
    if storage is not None:
        nets.append({"network": {"container_bridge": "br-storage", "container_type": "veth",
                                 "container_interface": "eth2", "ip_from_q": "storage", "type": "raw",
                                 "group_binds": ["glance_api", "cinder_api", "cinder_volume", "nova_compute"]}})
    return nets


def _first_with(plan: Plan, purposes: tuple[str, ...]) -> str | None:
    return next((n for p in purposes for n, net in plan.model.networks.items()
                 if net.purpose == p and net.cidr), None)


def user_config(plan: Plan, layout: Layout, mapping: Mapping, deployable: list[str], mgmt: str,
                sink: DiagnosticSink) -> dict[str, Any]:
    """``openstack_user_config.yml`` as data."""
    nets = plan.model.networks
    tenant, storage = _first_with(plan, ("tenant",)), _first_with(plan, ("storage",))
    cidrs = {"management": nets[mgmt].cidr}
    if tenant:
        cidrs["tunnel"] = nets[tenant].cidr
    if storage:
        cidrs["storage"] = nets[storage].cidr
    groups = _placement(plan, mapping, deployable)
    lb_hosts = [h for r in groups.get("load_balancer_hosts", []) for h in layout.hosts[r]]
    internal = layout.vips.get(mgmt) or (lb_hosts[0].ips.get(mgmt) if lb_hosts else None)
    external_net = _first_with(plan, ("external", "public"))
    external = layout.vips.get(external_net or "") or internal
    plugin = config(plan, "neutron", "networking_plugin")
    plugin_type = PLUGINS.get(plugin.value if plugin else "openvswitch", "ml2.ovs")
    overrides: dict[str, Any] = {}
    if internal:
        overrides["internal_lb_vip_address"] = internal
    if external:
        overrides["external_lb_vip_address"] = external
    overrides["management_bridge"] = "br-mgmt"
    overrides["provider_networks"] = _provider_networks(plan, mgmt, tenant, storage, plugin_type)
    data: dict[str, Any] = {"cidr_networks": cidrs, "used_ips": _used_ips(plan, layout),
                            "global_overrides": overrides}
    backend = _cinder_backend(plan, mapping, sink) if "cinder" in deployable else None
    for group in sorted(groups):
        entries: dict[str, Any] = {}
        for role in groups[group]:
            for host in layout.hosts[role]:
                entry: dict[str, Any] = {"ip": host.ips[mgmt]}
                if group == "storage_hosts" and backend is not None:
                    entry["container_vars"] = {"cinder_backends": backend}
                entries[host.name] = entry
        data[group] = entries
    return data


def user_variables(plan: Plan, mapping: Mapping, deployable: list[str], sink: DiagnosticSink) -> dict[str, Any]:
    """``user_variables.yml``: the attributes OSA has variables for."""
    out: dict[str, Any] = {}
    plugin = config(plan, "neutron", "networking_plugin")
    if "neutron" in deployable and plugin is not None:
        if plugin.value in PLUGINS:
            out["neutron_plugin_type"] = PLUGINS[plugin.value]
        else:
            unsupported_value(sink, mapping, "neutron", "networking_plugin", plugin, sorted(PLUGINS))
    simple = (("nova", "libvirt_type", "nova_virt_type"), ("nova", "cpu_allocation_ratio", "nova_cpu_allocation_ratio"),
              ("nova", "ram_allocation_ratio", "nova_ram_allocation_ratio"),
              ("glance", "default_store", "glance_default_store"), ("keystone", "region", "service_region"))
    for comp, attr, var in simple:
        value = config(plan, comp, attr)
        if comp in deployable and value is not None:
            out[var] = Unsafe(value.value) if isinstance(value.value, str) else value.value
    return out


def emit_osa(plan: Plan, layout: Layout, sink: DiagnosticSink, ledger: Ledger) -> list[Artifact]:
    """``openstack_user_config.yml`` and ``user_variables.yml`` (RA640-RA642, RA645)."""
    mapping = load_mapping("openstack-ansible", "openstack-ansible")
    deployable = check_components(plan, mapping, sink)
    mgmt = management_network(plan)
    if mgmt is None:
        first = next(iter(plan.model.roles.values()))
        sink.report("RA645", "openstack-ansible needs a management network (with a cidr) shared by every node role",
                    first.networks_span or first.span, hint="add one network to the networks of every role")
        return []
    return [
        Artifact("openstack_user_config.yml", dump(user_config(plan, layout, mapping, deployable, mgmt, sink),
                                                   "openstack-ansible input (/etc/openstack_deploy/). OSA's inventory\n"
                                                   "generator picks the container names and addresses.")),
        Artifact("user_variables.yml", dump(user_variables(plan, mapping, deployable, sink))),
    ]
