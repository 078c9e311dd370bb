"""Component roles as software configs, deployed to node roles in the plan's dependency order.

Per component role run by some node role: one ``OS::Heat::SoftwareConfig`` (a script whose
inputs are the component's attributes plus the addresses of the providers it requires) and, per
node role running it, one ``OS::Heat::SoftwareDeploymentGroup`` over that role's servers.
``depends_on`` follows the plan: a component's first role wave waits for the last role wave of
every provider (edges of ``plan.graph``), and each later role wave for the one before it.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from racompiler.diagnostics import codes
from racompiler.targets.heat.servers import group_res, ip_output

if TYPE_CHECKING:
    from string import Template

    from racompiler.semantic.model import AttributeSpec
    from racompiler.targets.heat.context import HotBuild

_INPUT_TYPES = {"int": "Number", "size": "Number", "float": "Number", "bool": "Boolean",
                "list": "Json"}


@lru_cache(maxsize=1)
def _script() -> "Template":
    """The script of every software config (a string.Template: no logic, values computed here)."""
    from string import Template

    from racompiler.assets import asset_dir

    return Template((asset_dir("targets") / "heat" / "deploy.sh.tmpl").read_text(encoding="utf-8"))


def config_res(component: str, role: str) -> str:
    return f"config-{component}-{role}"


def deploy_res(component: str, role: str, node_role: str) -> str:
    return f"deploy-{component}-{role}-on-{node_role}"


def _input(spec: "AttributeSpec") -> dict:
    out = {"name": spec.name, "type": _INPUT_TYPES.get(spec.type.kind, "String")}
    if spec.doc:
        out["description"] = spec.doc
    return out


def _hosts(b: "HotBuild", provider: str, consumers: list[str]) -> list[dict]:
    """Addresses of the servers running ``provider``'s first role wave, each on the first of its
    networks that a consumer node role shares (else its first network): one list per node role."""
    first = b.plan.role_waves.get(provider, [[]])[0]
    shared = {n for c in consumers for n in b.role_networks(b.model.roles[c])}
    parts = []
    for node_role in b.model.roles.values():
        if group_res(node_role.name) not in b.resources:
            continue
        if not any(r.component == provider and r.role in first for r in node_role.runs):
            continue
        nets = b.role_networks(node_role)
        if not nets:
            continue
        net = next((n for n in nets if n in shared), nets[0])
        parts.append({"get_attr": [group_res(node_role.name), ip_output(net)]})
    return parts


def _host_inputs(b: "HotBuild", component: str, providers: list[str], consumers: list[str]) -> dict[str, Any]:
    """``<interface>_hosts`` per required interface: the providers' addresses (several
    providers of one interface are concatenated)."""
    by_interface: dict[str, list[dict]] = {}
    for p in providers:
        interface = b.plan.deps.edges[p, component]["interface"]
        by_interface.setdefault(f"{interface}_hosts", []).extend(_hosts(b, p, consumers))
    return {name: parts[0] if len(parts) == 1 else ({"list_concat": parts} if parts else [])
            for name, parts in sorted(by_interface.items())}


def map_software(b: "HotBuild") -> None:
    """Software configs and deployments for every component role the architecture runs."""
    graph = b.plan.deps  # the plan's edges (provider -> consumer), without importing networkx
    last_wave: dict[str, list[str]] = {}
    for component in b.plan.order:
        comp = b.model.components[component]
        values = b.model.config.get(component, {})
        attrs = [comp.attributes[a] for a in comp.attributes if a in values]
        providers = sorted(graph.predecessors(component)) if component in graph else []
        previous: list[str] = sorted({d for p in providers for d in last_wave.get(p, [])})
        for wave in b.plan.role_waves.get(component, []):
            current: list[str] = []
            for crole in wave:
                node_roles = [r.name for r in b.model.roles_running(component, crole)
                              if group_res(r.name) in b.resources]
                host_inputs = _host_inputs(b, component, providers, node_roles)
                for clash in sorted(host_inputs.keys() & values.keys()):
                    b.sink.report(codes.RA608, f"attribute {component}.{clash} has the name of the generated "
                                               "software config input for the addresses of a provider",
                                  comp.attributes[clash].name_span or comp.attributes[clash].span)
                _config(b, component, crole, attrs, sorted(host_inputs))
                for node_role in node_roles:
                    name = deploy_res(component, crole, node_role)
                    inputs = {a.name: b.value_expr(values[a.name]) for a in attrs}
                    inputs.update(host_inputs)
                    body: dict[str, Any] = {"type": "OS::Heat::SoftwareDeploymentGroup", "properties": {
                        "config": {"get_resource": config_res(component, crole)},
                        "servers": {"get_attr": [group_res(node_role), "refs_map"]},
                        "input_values": inputs}}
                    if previous:
                        body["depends_on"] = previous
                    b.resources[name] = body
                    b.realised(f"run:{node_role}.{component}.{crole}", name)
                    for a in attrs:
                        b.realised(f"config:{component}.{a.name}", f"{name} input_values.{a.name}")
                    current.append(name)
            if current:
                previous = sorted(current)
        last_wave[component] = previous


def _config(b: "HotBuild", component: str, crole: str, attrs: list["AttributeSpec"], hosts: list[str]) -> None:
    inputs = [_input(a) for a in attrs] + [
        {"name": h, "type": "CommaDelimitedList", "description": "Addresses of the servers providing "
                                                                 + h.removesuffix("_hosts")} for h in hosts]
    names = [i["name"] for i in inputs]
    conf = f"/etc/racompiler/{component}-{crole}.env"
    # Input names are RA identifiers, so they are valid shell variable names; the template's put
    # quotes each value for sh and refuses line breaks (no value can forge a line of the file).
    assignments = "\n".join(f"  put {n} \"${n}\"" for n in names) or "  :"  # { } needs a command
    script = _script().substitute(qualified=f"{component}.{crole}", architecture=b.model.name,
                                  assignments=assignments, conf=conf,
                                  hook=f"/etc/racompiler/hooks/{component}-{crole}")
    b.resources[config_res(component, crole)] = {"type": "OS::Heat::SoftwareConfig", "properties": {
        "group": "script", "config": script, "inputs": inputs}}
