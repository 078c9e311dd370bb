"""Node roles: a ResourceGroup per role over a nested one-server template (ports + server)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from racompiler.diagnostics import codes
from racompiler.targets.heat.context import BMC, HOT_VERSION, hostname_part, sanitise
from racompiler.semantic.model import EXTERNAL_PURPOSES
from racompiler.targets.heat.network import MEMBERS_SG, net_res, role_sg_res, subnet_res

if TYPE_CHECKING:
    from racompiler.semantic.model import Role
    from racompiler.targets.heat.context import HotBuild

# Nova has no rack or zone spreading a tenant can ask for; soft anti-affinity spreads a role's
# servers over hypervisors as far as the cloud allows without failing the launch.
SPREAD_POLICY = "soft-anti-affinity"


def group_res(role: str) -> str:
    return f"role-{role}-group"


def role_template_path(role: str) -> str:
    """Where the nested template of ``role`` lives, relative to the top template."""
    return f"roles/{sanitise(role)}.yaml"


def ip_output(network: str) -> str:
    """The nested template's output holding a server's address on ``network``."""
    return f"{network}_ip"


def floating_ip_output(network: str) -> str:
    """The nested template's output holding a server's floating IP for ``network``."""
    return f"{network}_floating_ip"


def public_networks(b: "HotBuild", nets: list[str]) -> list[str]:
    """The role's networks routed to the outside (purpose public/external): their ports get a
    floating IP so that the servers' public services can be reached."""
    return [n for n in nets if b.model.networks[n].purpose in EXTERNAL_PURPOSES]


def map_roles(b: "HotBuild", flavors: dict[str, dict]) -> None:
    """Per node role: its nested server template, a server group when spread, and the group."""
    for role in b.model.roles.values():
        nets = b.role_networks(role)
        if not role.networks:
            b.sink.report(codes.RA609, f"role {role.name} has no networks; a Heat server needs at least one port",
                          role.span, hint="add networks = [...] to the role")
            continue
        if all(b.model.networks[n].purpose == BMC for n in role.networks):
            b.sink.report(codes.RA609, f"role {role.name} has only bmc networks, which Heat leaves out (RA611); a "
                                       "Heat server needs at least one port", role.span,
                          hint="add a network of another purpose to the role")
            continue
        props: dict[str, Any] = {
            "name": f"{hostname_part(b.ra)}-{hostname_part(role.name)}-%index%",
            "image": {"get_param": "image"}, "flavor": flavors[role.name],
            "key_name": {"get_param": "key_name"},
            "security_groups": [{"get_resource": MEMBERS_SG}, {"get_resource": role_sg_res(role.name)}],
        }
        for n in nets:
            props[f"{n}_network"] = {"get_resource": net_res(n)}
            props[f"{n}_subnet"] = {"get_resource": subnet_res(n)}
        if public_networks(b, nets):
            props["external_network"] = {"get_param": "external_network"}
        if role.spread == "none":
            b.realised(f"role:{role.name}.spread", f"{group_res(role.name)} without a server group")
        elif role.spread is not None:
            b.sink.report(codes.RA606, f"role {role.name}: spread = {role.spread} cannot be expressed; its servers "
                                       f"get a {SPREAD_POLICY} server group (different hypervisors when possible)",
                          role.span)
            b.ledger.reported(f"role:{role.name}.spread")
            sg = f"role-{role.name}-servergroup"
            b.resources[sg] = {"type": "OS::Nova::ServerGroup",
                               "properties": {"name": f"{b.ra}-{role.name}", "policies": [SPREAD_POLICY]}}
            props["server_group"] = {"get_resource": sg}
        b.nested[role_template_path(role.name)] = _server_template(b, role, nets, "server_group" in props)
        count = b.value_expr(role.count)
        group: dict[str, Any] = {
            "type": "OS::Heat::ResourceGroup",
            "properties": {"count": count,
                           "resource_def": {"type": role_template_path(role.name), "properties": props}}}
        # A floating IP can be associated only once its subnet is routed to the outside.
        routed = [f"router-{n}-interface" for n in public_networks(b, nets)]
        if routed:
            group["depends_on"] = routed
        b.resources[group_res(role.name)] = group


def _server_template(b: "HotBuild", role: "Role", nets: list[str], grouped: bool) -> dict:
    """The template of one server of ``role``: a port per network, the server, its addresses."""
    params: dict[str, dict] = {
        "name": {"type": "string", "description": "Server name"},
        "image": {"type": "string", "description": "Glance image"},
        "flavor": {"type": "string", "description": "Nova flavor"},
        "key_name": {"type": "string", "default": "", "description": "Nova key pair (empty: none)"},
        "security_groups": {"type": "comma_delimited_list", "description": "Security groups of every port"},
    }
    resources: dict[str, dict] = {}
    outputs: dict[str, dict] = {"OS::stack_id": {"description": "The server, so the group's refs are server IDs",
                                                 "value": {"get_resource": "server"}}}
    for n in nets:
        params[f"{n}_network"] = {"type": "string", "description": f"Neutron network {n}"}
        params[f"{n}_subnet"] = {"type": "string", "description": f"Neutron subnet of {n}"}
        resources[f"port-{n}"] = {"type": "OS::Neutron::Port", "properties": {
            "network": {"get_param": f"{n}_network"},
            "fixed_ips": [{"subnet": {"get_param": f"{n}_subnet"}}],
            "security_groups": {"get_param": "security_groups"}}}
        outputs[ip_output(n)] = {"description": f"Address on network {n}",
                                 "value": {"get_attr": [f"port-{n}", "fixed_ips", 0, "ip_address"]}}
    for n in public_networks(b, nets):
        params["external_network"] = {"type": "string",
                                      "description": "Provider network the floating IPs come from"}
        resources[f"floating-ip-{n}"] = {"type": "OS::Neutron::FloatingIP", "properties": {
            "floating_network": {"get_param": "external_network"}, "port_id": {"get_resource": f"port-{n}"}}}
        outputs[floating_ip_output(n)] = {"description": f"Floating IP of the server's port on network {n}",
                                          "value": {"get_attr": [f"floating-ip-{n}", "floating_ip_address"]}}
    server: dict[str, Any] = {
        "name": {"get_param": "name"}, "image": {"get_param": "image"}, "flavor": {"get_param": "flavor"},
        "key_name": {"get_param": "key_name"},
        "networks": [{"port": {"get_resource": f"port-{n}"}} for n in nets],
        # os-collect-config on the server fetches the software deployments from Heat
        "user_data_format": "SOFTWARE_CONFIG",
        "metadata": {"racompiler_architecture": b.model.name, "racompiler_role": role.name},
    }
    if grouped:
        params["server_group"] = {"type": "string", "description": "Nova server group (spread)"}
        server["scheduler_hints"] = {"group": {"get_param": "server_group"}}
    resources["server"] = {"type": "OS::Nova::Server", "properties": server}
    outputs["name"] = {"description": "Server name", "value": {"get_attr": ["server", "name"]}}
    return {"heat_template_version": HOT_VERSION,
            "description": f"One server of role {role.name} of {b.model.name} (generated by racompiler)",
            "parameters": params, "resources": resources, "outputs": outputs}
