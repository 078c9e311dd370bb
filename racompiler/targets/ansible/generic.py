"""The generic flavour: a plain Ansible project (inventory, vars, site.yml, playbooks, roles).

Inventory shape: node-role groups (``compute_nodes``) hold the hosts; one group per component role
(``nova_compute``) has the node roles that run it as children; one group per component
(``nova``) has its component-role groups as children. Plays target component-role groups, so
moving a component to another node role changes only the inventory.
"""

from __future__ import annotations

from typing import Any

from racompiler.diagnostics import DiagnosticSink
from racompiler.graph.plan import Plan
from racompiler.targets import Artifact
from racompiler.targets.ansible.layout import Layout, component_group, role_group
from racompiler.targets.ansible.render import render_text
from racompiler.targets.ansible.roles import PREFLIGHT_ROLE, attribute_var, component_role, preflight_role
from racompiler.targets.ansible.yamlout import Unsafe, dump, untrusted
from racompiler.targets.ledger import Ledger

MIB = 2**20
GB = 10**9


def used_roles(plan: Plan, component: str) -> list[str]:
    """The roles of ``component`` this architecture runs, in deployment order."""
    return [r for wave in plan.role_waves.get(component, []) for r in wave]


def inventory(plan: Plan, layout: Layout) -> dict[str, Any]:
    """``inventory/hosts.yml`` as data."""
    model = plan.model
    children: dict[str, Any] = {}
    for role, hosts in layout.hosts.items():
        children[role_group(role)] = {"hosts": {h.name: None for h in hosts}}
    for comp in plan.order:
        roles = used_roles(plan, comp)
        children[comp] = {"children": {component_group(comp, r): None for r in roles}}
        for r in roles:
            children[component_group(comp, r)] = {
                "children": {role_group(nr.name): None for nr in model.roles_running(comp, r)}}
    return {"all": {"children": children}}


def _network(net) -> dict[str, Any]:
    out: dict[str, Any] = {"description": Unsafe(net.doc)}
    for key in ("cidr", "vlan", "mtu", "purpose", "gateway"):
        value = getattr(net, key)
        if value is not None:
            out[key] = untrusted(value)
    return out


def all_vars(plan: Plan, layout: Layout) -> dict[str, Any]:
    """``group_vars/all/main.yml``: the architecture-level data every play can read."""
    model = plan.model
    data: dict[str, Any] = {
        "ra_name": model.name,
        "ra_description": Unsafe(model.doc),
        "ra_version": untrusted(model.version),
        # Prefix of every path the roles write: "" on real hosts, a scratch folder in a smoke run.
        "ra_root": "",
        "ra_manage_packages": True,
        "ra_manage_services": True,
        "ra_hw_enforce": True,
        "ra_ha": layout.ha,
        "ra_networks": {n: _network(net) for n, net in model.networks.items()},
        "ra_vips": dict(layout.vips),
        "ra_waves": [list(w) for w in plan.waves],
        "ra_component_deps": {c: sorted(plan.deps.predecessors(c)) for c in plan.order},
        "ra_components": {c: {"description": Unsafe(model.components[c].doc),
                              "groups": [component_group(c, r) for r in used_roles(plan, c)]}
                          for c in plan.order},
        "ra_roles": {r.name: {"count": int(r.count.value or 0), "description": Unsafe(r.doc),
                              "hosts": [h.name for h in layout.hosts[r.name]]}
                     for r in model.roles.values()},
    }
    if model.interop is not None:
        data["ra_interop"] = untrusted({"guideline": model.interop.guideline, "program": model.interop.program,
                                        "addons": list(model.interop.addons or ())})
    if model.outputs:
        data["ra_outputs"] = {o.name: {"description": Unsafe(o.doc), "value": untrusted(o.value)}
                              for o in model.outputs.values()}
    return data


def component_vars(plan: Plan, component: str) -> dict[str, Any]:
    """``group_vars/all/component_<c>.yml``: every attribute value after injection."""
    values = plan.model.config.get(component, {})
    return {attribute_var(component, a): untrusted(v.value) for a, v in values.items()}


def role_vars(plan: Plan, layout: Layout, role_name: str) -> dict[str, Any]:
    """``group_vars/<node role>_nodes.yml``: hardware minimums and interface names of a node role."""
    model = plan.model
    role = model.roles[role_name]
    data: dict[str, Any] = {"ra_node_role": role.name, "ra_hw_min": {}}
    hw = model.hardware.get(role.hardware) if role.hardware else None
    if hw is not None:
        minimum: dict[str, Any] = {"profile": hw.name}
        if hw.cores is not None:
            minimum["cores"] = hw.cores
        if hw.memory_bytes is not None:
            minimum["memory_mb"] = hw.memory_bytes // MIB
        if hw.raid is not None:
            minimum["raid"] = Unsafe(hw.raid)
        if hw.disks:
            minimum["disks"] = [untrusted({"name": d.name, "count": d.count, "size_gb": (d.size_bytes or 0) // GB,
                                           "type": d.type}) for d in hw.disks]
        if hw.nics:
            minimum["nics"] = [untrusted({"name": n.name, "count": n.count, "speed_mbps": n.speed_mbps})
                               for n in hw.nics]
        if hw.bios:
            minimum["bios"] = untrusted(dict(hw.bios))
        data["ra_hw_min"] = minimum
    data["ra_interfaces"] = dict(layout.interfaces[role.name])
    # The networks the hosts' operating systems have an address on (an out-of-band one has none).
    data["ra_role_networks_with_cidr"] = [n for n in role.networks
                                          if model.networks[n].cidr and n in layout.interfaces[role.name]]
    return data


def _play(plan: Plan, comp: str, role: str) -> dict[str, Any]:
    wave = plan.wave_of(comp)
    play: dict[str, Any] = {
        "name": f"Wave {wave}: deploy {comp} {role}",
        "hosts": component_group(comp, role),
        "gather_facts": False,
        "become": True,
        "tags": [comp, component_group(comp, role), f"wave_{wave}"],
        "roles": [{"role": comp, "vars": {f"{comp}_component_role": role}}],
    }
    return play


def site(plan: Plan) -> list[dict[str, Any]]:
    """``site.yml``: the preflight playbook, then one playbook per component in plan order."""
    entries = [{"name": "Preflight: facts and hardware of every node",
                "ansible.builtin.import_playbook": "playbooks/preflight.yml"}]
    for i, wave in enumerate(plan.waves):
        for comp in wave:
            entries.append({"name": f"Wave {i}: {comp}", "ansible.builtin.import_playbook": f"playbooks/{comp}.yml"})
    return entries


def preflight_playbook() -> list[dict[str, Any]]:
    return [{"name": "Preflight: gather facts and check the hardware of every node", "hosts": "all",
             "gather_facts": True, "become": False, "tags": ["always", "preflight"],
             "roles": [{"role": PREFLIGHT_ROLE}]}]


SMOKE_VARS = {
    "ansible_connection": "local",
    "ansible_python_interpreter": "{{ ansible_playbook_python }}",
    "ansible_become": False,
    "ra_root": "/tmp/ra-smoke/{{ inventory_hostname }}",
    "ra_manage_packages": False,
    "ra_manage_services": False,
    "ra_hw_enforce": False,
}
SMOKE_COMMENT = ("Extra vars (-e @smoke-vars.yml) that run every inventory host on\n"
                 "this machine, writing only under /tmp/ra-smoke/<host>/. Packages,\n"
                 "services and the preflight's hardware assertion are off: this\n"
                 "machine is not the node the architecture describes.")


def smoke_limit(layout: Layout) -> str:
    """The ``--limit`` of the documented smoke run: the first host of every node role.

    Every play targets a component-role group whose children are node-role groups, so one host
    per node role runs every play and role at least once, however many hosts the architecture has.
    """
    return ",".join(f"{role_group(role)}[0]" for role, hosts in layout.hosts.items() if hosts)


def mark_realised(plan: Plan, ledger: Ledger) -> None:
    """Record in ``ledger`` the facts the project acts on, with the file and variable holding each.

    - a configured value: its variable in ``group_vars/all/component_<c>.yml``, which the
      component's role validates (argument specs) and writes into its settings;
    - a network's fields: ``ra_networks`` in ``group_vars/all/main.yml`` (the addresses in
      ``host_vars`` come from its cidr; the preflight checks every node has one);
    - cores and memory of a hardware profile: ``ra_hw_min`` of each node role running it, which
      the preflight role asserts on every node;
    - a component role placed on a node role: the component-role group's child in the inventory.
    """
    model = plan.model
    main = "inventory/group_vars/all/main.yml"
    for comp in plan.order:
        for attr in plan.model.config.get(comp, {}):
            ledger.realised(f"config:{comp}.{attr}", f"inventory/group_vars/all/component_{comp}.yml: "
                                                     f"{attribute_var(comp, attr)}")
    for name, net in model.networks.items():
        for key in ("cidr", "vlan", "mtu", "purpose", "gateway"):
            if getattr(net, key) is not None:
                ledger.realised(f"network:{name}.{key}", f"{main}: ra_networks.{name}.{key}")
    for role in model.roles.values():
        group = role_group(role.name)
        hw = model.hardware.get(role.hardware) if role.hardware else None
        if hw is not None:
            where = f"inventory/group_vars/{group}.yml: ra_hw_min.%s (asserted by roles/{PREFLIGHT_ROLE})"
            if hw.cores is not None:
                ledger.realised(f"hardware:{hw.name}.cores", where % "cores")
            if hw.memory_bytes is not None:
                ledger.realised(f"hardware:{hw.name}.memory", where % "memory_mb")
        for run in role.runs:
            ledger.realised(f"run:{role.name}.{run.qualified}",
                            f"inventory/hosts.yml: {component_group(run.component, run.role)} has child {group}")


def emit_generic(plan: Plan, layout: Layout, sink: DiagnosticSink, ledger: Ledger) -> list[Artifact]:
    """Every file of the generic project (paths relative to the target folder).

    ``sink`` is part of the flavour interface; the generic flavour can write every valid RA, so it
    reports nothing itself. ``ledger`` is told where each fact lands (:func:`mark_realised`); what
    the project only carries as data and never acts on (RAID level, disks, NICs, BIOS settings,
    spread) is left to the ledger's RA690.
    """
    model = plan.model
    mark_realised(plan, ledger)
    arts = [
        Artifact("ansible.cfg", render_text("ansible.cfg.j2", architecture=model.name)),
        Artifact(".ansible-lint", dump({"profile": "production", "offline": True})),
        Artifact("README.md", render_text("README.md.j2", architecture=model.name,
                                          waves="\n".join(f"- wave {i}: {', '.join(w)}"
                                                          for i, w in enumerate(plan.waves)),
                                          hosts=len(layout.all_hosts()), smoke_limit=smoke_limit(layout))),
        Artifact("inventory/hosts.yml", dump(inventory(plan, layout),
                                             "Node-role groups hold the hosts; component-role groups have node roles\n"
                                             "as children; component groups have component roles as children.")),
        Artifact("inventory/group_vars/all/main.yml", dump(all_vars(plan, layout))),
        Artifact("site.yml", dump(site(plan), "One playbook per component, in the order of the plan's waves.")),
        Artifact("smoke-vars.yml", dump(SMOKE_VARS, SMOKE_COMMENT)),
        Artifact("playbooks/preflight.yml", dump(preflight_playbook())),
    ]
    for comp in plan.order:
        arts.append(Artifact(f"inventory/group_vars/all/component_{comp}.yml", dump(component_vars(plan, comp))))
        plays = [_play(plan, comp, r) for r in used_roles(plan, comp)]
        arts.append(Artifact(f"playbooks/{comp}.yml", dump(plays)))
        arts.extend(component_role(model.components[comp], used_roles(plan, comp)))
    for role in model.roles:
        arts.append(Artifact(f"inventory/group_vars/{role_group(role)}.yml", dump(role_vars(plan, layout, role))))
    for host in layout.all_hosts():
        hv: dict[str, Any] = {}
        if host.connect_ip:
            hv["ansible_host"] = host.connect_ip
        hv["ra_ips"] = dict(host.ips)
        hv["ra_node_index"] = host.index
        if host.facts is not None:
            hv["racompiler_node"] = untrusted(host.facts)
        arts.append(Artifact(f"inventory/host_vars/{host.name}.yml", dump(hv)))
    arts.extend(preflight_role())
    return arts
