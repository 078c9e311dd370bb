"""The kolla flavour: kolla-ansible's ``multinode.yml`` inventory and ``globals.yml``.

The inventory keeps every group of kolla's upstream ``multinode`` skeleton (its playbooks expect
them all, even for disabled services) and fills only the role groups (``control``, ``network``,
``compute``, ``storage``, ``monitoring``, ``deployment``) from the RA's node roles. ``globals.yml``
is passed by kolla-ansible as extra vars, so per-host values (interface names) stay in the
inventory.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from racompiler.diagnostics import DiagnosticSink
from racompiler.graph.plan import Plan
from racompiler.targets import Artifact
from racompiler.targets.ledger import Ledger
from racompiler.targets.ansible.deployers import (Mapping, check_components, config, load_mapping, network_for,
                                                  unsupported_value)
from racompiler.targets.ansible.layout import Host, Layout
from racompiler.targets.ansible.render import assets_dir
from racompiler.targets.ansible.yamlout import Unsafe, dump, untrusted

ROLE_GROUPS = ("control", "network", "compute", "storage", "monitoring")
API_PURPOSES = ("internal", "management", "admin", "provisioning")
EXTERNAL_PURPOSES = ("external", "public")

# kolla's per-host interface variables and the network purposes that feed them.
INTERFACES = (
    ("api_interface", API_PURPOSES),
    ("tunnel_interface", ("tenant",)),
    ("storage_interface", ("storage",)),
    ("neutron_external_interface", EXTERNAL_PURPOSES),
)


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


def _host_vars(plan: Plan, layout: Layout, host: Host) -> dict[str, Any]:
    role = plan.model.roles[host.role]
    out: dict[str, Any] = {}
    if host.connect_ip:
        out["ansible_host"] = host.connect_ip
    if role.networks:
        out["network_interface"] = layout.interfaces[role.name][role.networks[0]]
    for var, purposes in INTERFACES:
        net = network_for(plan, role.networks, purposes)
        if net is not None:
            out[var] = layout.interfaces[role.name][net]
    if host.facts is not None:
        out["racompiler_node"] = untrusted(host.facts)
    return out


def _role_groups(plan: Plan, mapping: Mapping, deployable: list[str]) -> dict[str, list[str]]:
    """kolla role group -> RA node roles that join it."""
    out: dict[str, list[str]] = {g: [] for g in ROLE_GROUPS}
    for role in plan.model.roles.values():
        for run in role.runs:
            if run.component not in deployable:
                continue
            for group in mapping.placement.get(run.qualified, []):
                if role.name not in out[group]:
                    out[group].append(role.name)
    # The RA has no monitoring role: the control hosts take it, as in kolla's all-in-one.
    out["monitoring"] = list(out["control"])
    return out


def inventory(plan: Plan, layout: Layout, mapping: Mapping, deployable: list[str]) -> dict[str, Any]:
    """``multinode.yml`` as data: filled role groups, then the skeleton's groups unchanged."""
    placed = _role_groups(plan, mapping, deployable)
    children: dict[str, Any] = {}
    described: set[str] = set()
    for group in ROLE_GROUPS:
        hosts: dict[str, Any] = {}
        for role in placed[group]:
            for host in layout.hosts[role]:
                hosts[host.name] = None if host.name in described else _host_vars(plan, layout, host)
                described.add(host.name)
        children[group] = {"hosts": hosts} if hosts else None
    children["deployment"] = {"hosts": {"localhost": {"ansible_connection": "local"}}}
    for group, kids in skeleton().items():
        if group not in children:
            children[group] = {"children": {k: None for k in kids}} if kids else None
    return {"all": {"children": children}}


def _vip(plan: Plan, layout: Layout, control_roles: list[str], purposes: tuple[str, ...]) -> str | None:
    """The VIP (HA) or the first control host's address on a network of that purpose."""
    for role_name in control_roles:
        role = plan.model.roles[role_name]
        net = network_for(plan, role.networks, purposes)
        if net is None:
            continue
        if layout.ha and net in layout.vips:
            return layout.vips[net]
        hosts = layout.hosts[role_name]
        if hosts and net in hosts[0].ips:
            return hosts[0].ips[net]
    return None


def globals_yml(plan: Plan, layout: Layout, mapping: Mapping, deployable: list[str],
                sink: DiagnosticSink) -> dict[str, Any]:
    """``globals.yml`` as data: VIPs, enable_* flags and the attributes kolla has settings for."""
    control = _role_groups(plan, mapping, deployable)["control"]
    data: dict[str, Any] = {}
    internal = _vip(plan, layout, control, API_PURPOSES)
    if internal is not None:
        data["kolla_internal_vip_address"] = internal
    external = _vip(plan, layout, control, EXTERNAL_PURPOSES)
    if external is not None:
        data["kolla_external_vip_address"] = external
    data["enable_haproxy"] = layout.ha
    # Without this, kolla enables keystone, glance, nova, neutron, heat and horizon implicitly.
    data["enable_openstack_core"] = False
    for comp, flags in mapping.extra["enable"].items():
        for flag in flags:
            data[flag] = comp in deployable
    data.update(_attributes(plan, mapping, deployable, sink))
    return data


def _attributes(plan: Plan, mapping: Mapping, deployable: list[str], sink: DiagnosticSink) -> dict[str, Any]:
    out: dict[str, Any] = {}
    choices = {
        ("database", "engine"): {"mysql": {}},
        ("neutron", "networking_plugin"): {"openvswitch": {"neutron_plugin_agent": "openvswitch"},
                                           "ovn": {"neutron_plugin_agent": "ovn"}},
        ("nova", "libvirt_type"): {"kvm": {"nova_compute_virt_type": "kvm"},
                                   "qemu": {"nova_compute_virt_type": "qemu"}},
        ("glance", "default_store"): {"file": {"glance_backend_file": True},
                                      "rbd": {"glance_backend_ceph": True},
                                      "swift": {"glance_backend_swift": True}},
        ("cinder", "volume_driver"): {"lvm": {"enable_cinder_backend_lvm": True},
                                      "rbd": {"cinder_backend_ceph": True},
                                      "nfs": {"enable_cinder_backend_nfs": True}},
    }
    for (comp, attr), table in choices.items():
        value = config(plan, comp, attr)
        if comp not in deployable or value is None:
            continue
        if value.value not in table:
            unsupported_value(sink, mapping, comp, attr, value, sorted(table))
            continue
        out.update(table[value.value])
    volume_group = config(plan, "cinder", "volume_group")
    if "cinder" in deployable and out.get("enable_cinder_backend_lvm") and volume_group is not None:
        out["cinder_volume_group"] = Unsafe(volume_group.value)
    region = config(plan, "keystone", "region")
    if "keystone" in deployable and region is not None:
        out["openstack_region_name"] = Unsafe(region.value)
    return out


def emit_kolla(plan: Plan, layout: Layout, sink: DiagnosticSink, ledger: Ledger) -> list[Artifact]:
    """``multinode.yml`` and ``globals.yml`` (RA640-RA642 for what kolla cannot deploy)."""
    mapping = load_mapping("kolla", "kolla-ansible")
    deployable = check_components(plan, mapping, sink)
    return [
        Artifact("multinode.yml", dump(inventory(plan, layout, mapping, deployable),
                                       "kolla-ansible inventory: role groups filled from the RA's node roles; every\n"
                                       "other group copied from kolla-ansible's multinode skeleton (Apache-2.0).")),
        Artifact("globals.yml", dump(globals_yml(plan, layout, mapping, deployable, sink),
                                     "kolla-ansible passes this file as extra vars (-e @globals.yml):\n"
                                     "per-host values live in multinode.yml.")),
    ]
