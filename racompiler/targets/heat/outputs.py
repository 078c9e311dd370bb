"""Stack outputs: every role's addresses per network, and the RA's declared outputs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from racompiler.targets.heat.network import subnet_res
from racompiler.targets.heat.servers import group_res, ip_output

if TYPE_CHECKING:
    from racompiler.semantic.model import Output
    from racompiler.targets.heat.context import HotBuild


def map_outputs(b: "HotBuild") -> None:
    """``<role>_addresses`` (network -> list of addresses) per role, then the RA's outputs."""
    for role in b.model.roles.values():
        if group_res(role.name) not in b.resources:
            continue
        name = f"{role.name}_addresses"
        if b.claim("output", name, f"the addresses of role {role.name}", role.span):
            nets = b.role_networks(role)
            b.outputs[name] = {"description": f"Addresses of the {role.name} servers, per network",
                               "value": {n: {"get_attr": [group_res(role.name), ip_output(n)]} for n in nets}}
    for out in b.model.outputs.values():
        if b.claim("output", out.name, f"output {out.name}", out.span):
            body: dict[str, Any] = {"value": _output_value(b, out)}
            body["description"] = out.doc or (f"{out.expression} in the architecture" if out.expression
                                              else f"RA output {out.name}")
            b.outputs[out.name] = body


def _output_value(b: "HotBuild", out: "Output") -> Any:
    """A live HOT expression where the path has one (counts set by parameters, parameters,
    subnet CIDRs); otherwise the value the compiler computed."""
    parts = out.expression.split(".") if out.expression else []
    m = b.model
    if len(parts) == 3 and parts[0] == "roles" and parts[2] == "count" and parts[1] in m.roles:
        return b.value_expr(m.roles[parts[1]].count)
    if len(parts) == 3 and parts[0] == "networks" and parts[2] == "cidr" and parts[1] in m.networks \
            and subnet_res(parts[1]) in b.resources:
        return {"get_attr": [subnet_res(parts[1]), "cidr"]}
    name = parts[-1] if len(parts) == 2 and parts[0] == "params" else (parts[0] if len(parts) == 1 else None)
    if name is not None and name in m.parameters and name in b.parameters:
        return {"get_param": name}
    if len(parts) == 3 and parts[0] in m.components and parts[2] == "count":
        counts = [b.value_expr(r.count) for r in m.roles_running(parts[0], parts[1])]
        if len(counts) == 1:
            return counts[0]
        if any(isinstance(c, dict) for c in counts):
            # a sum over parameter-driven counts stays live: yaql adds them at stack time
            return {"yaql": {"expression": "$.data.sum()", "data": counts}}
    return out.value
