"""Networks, subnets, routers and security groups."""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING

from racompiler.diagnostics import codes
from racompiler.semantic.model import EXTERNAL_PURPOSES
from racompiler.targets.heat.context import BMC

if TYPE_CHECKING:
    from racompiler.semantic.model import Network, Role
    from racompiler.targets.heat.context import HotBuild

MEMBERS_SG = "ra-secgroup"


def net_res(name: str) -> str:
    return f"net-{name}"


def subnet_res(name: str) -> str:
    return f"subnet-{name}"


def role_sg_res(role: str) -> str:
    return f"role-{role}-secgroup"


def map_networks(b: "HotBuild") -> None:
    """Each RA network: a Neutron net and subnet; a router to the outside when external/public.

    A ``bmc`` network is left out (RA611): cloud servers have no baseboard management controller,
    and Nova's API is their out-of-band management."""
    for name, net in b.model.networks.items():
        if net.purpose == BMC:
            b.sink.report(codes.RA611, f"network {name}: purpose = bmc has no counterpart for cloud servers; "
                                       "no Neutron network and no server ports are made for it", net.span,
                          hint="Nova's API powers and consoles the servers; the network matters on bare "
                               "metal only")
            b.ledger.reported_prefix(f"network:{name}.")
            continue
        if net.cidr is None:
            b.sink.report(codes.RA607, f"network {name} has no cidr; OS::Neutron::Subnet needs one", net.span,
                          hint='give it one: cidr = "10.0.0.0/24"')
            continue
        if net.vlan is not None:
            b.sink.report(codes.RA605, f"network {name}: VLAN {net.vlan} cannot be set on a Neutron tenant "
                                       "network; the cloud chooses the segmentation", net.span,
                          hint="VLAN ids need an admin-created provider network (OS::Neutron::ProviderNet)")
            b.ledger.reported(f"network:{name}.vlan")
        _network(b, net)


def _network(b: "HotBuild", net: "Network") -> None:
    key = f"network:{net.name}"
    props: dict = {"name": f"{b.ra}-{net.name}"}
    if net.mtu is not None:
        # Neutron's net-mtu-writable extension takes the MTU at creation; Heat passes value_specs on
        props["value_specs"] = {"mtu": net.mtu}
        b.realised(f"{key}.mtu", f"{net_res(net.name)} value_specs.mtu")
    b.resources[net_res(net.name)] = {"type": "OS::Neutron::Net", "properties": props}
    assert net.cidr is not None  # the caller reported a network without one (RA607) and skipped it
    cidr = ipaddress.ip_network(net.cidr)
    sub: dict = {"name": f"{b.ra}-{net.name}", "network": {"get_resource": net_res(net.name)},
                 "cidr": str(cidr), "ip_version": cidr.version, "enable_dhcp": True}
    b.realised(f"{key}.cidr", f"{subnet_res(net.name)} cidr")
    if net.gateway is not None:
        sub["gateway_ip"] = net.gateway
        b.realised(f"{key}.gateway", f"{subnet_res(net.name)} gateway_ip")
    b.resources[subnet_res(net.name)] = {"type": "OS::Neutron::Subnet", "properties": sub}
    if net.purpose in EXTERNAL_PURPOSES:
        b.resources[f"router-{net.name}"] = {
            "type": "OS::Neutron::Router",
            "properties": {"name": f"{b.ra}-{net.name}",
                           "external_gateway_info": {"network": {"get_param": "external_network"}}}}
        b.resources[f"router-{net.name}-interface"] = {
            "type": "OS::Neutron::RouterInterface",
            "properties": {"router": {"get_resource": f"router-{net.name}"},
                           "subnet": {"get_resource": subnet_res(net.name)}}}
        b.realised(f"{key}.purpose", f"router-{net.name} (routed to parameter external_network)")
    else:
        # every other purpose is a network of the stack's own servers: isolated, no router
        b.realised(f"{key}.purpose", f"{net_res(net.name)} without a router (reachable by the stack's "
                                     "servers only)")


def map_security_groups(b: "HotBuild") -> None:
    """One group every server joins (SSH and ping from ``admin_cidr``, ping between members),
    and one per node role opening the TCP ports of the component roles it runs to the members."""
    rules = [{"direction": "ingress", "protocol": "tcp", "port_range_min": 22, "port_range_max": 22,
              "remote_ip_prefix": {"get_param": "admin_cidr"}},
             {"direction": "ingress", "protocol": "icmp", "remote_ip_prefix": {"get_param": "admin_cidr"}},
             {"direction": "ingress", "protocol": "icmp", "remote_mode": "remote_group_id"}]
    b.resources[MEMBERS_SG] = {"type": "OS::Neutron::SecurityGroup", "properties": {
        "name": f"{b.ra}-members", "description": f"Every server of {b.model.name}", "rules": rules}}
    for role in b.model.roles.values():
        _role_group(b, role)


def _role_group(b: "HotBuild", role: "Role") -> None:
    ports = sorted({p for run in role.runs
                    for p in b.model.components[run.component].roles[run.role].ports})
    rules = [{"direction": "ingress", "protocol": "tcp", "port_range_min": p, "port_range_max": p,
              "remote_mode": "remote_group_id", "remote_group_id": {"get_resource": MEMBERS_SG}}
             for p in ports]
    if any(b.model.networks[n].purpose in EXTERNAL_PURPOSES for n in role.networks):
        # A role on a public network serves its public APIs to the API users too (parameter
        # api_cidr): the ports of components with an interop project, the APIs the interop
        # guidelines test from outside. Databases and brokers stay open to the members only.
        public = sorted({p for run in role.runs if b.model.components[run.component].interop_project
                         for p in b.model.components[run.component].roles[run.role].ports})
        rules += [{"direction": "ingress", "protocol": "tcp", "port_range_min": p, "port_range_max": p,
                   "remote_ip_prefix": {"get_param": "api_cidr"}} for p in public]
    props: dict = {"name": f"{b.ra}-{role.name}",
                   "description": "Service ports of " + (", ".join(r.qualified for r in role.runs) or "nothing")}
    if rules:
        props["rules"] = rules
    b.resources[role_sg_res(role.name)] = {"type": "OS::Neutron::SecurityGroup", "properties": props}
