"""RA parameters, and the parameters the Heat target adds (image, key, flavors...), as HOT."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from racompiler.semantic.model import EXTERNAL_PURPOSES

if TYPE_CHECKING:
    from racompiler.semantic.model import AttributeSpec
    from racompiler.semantic.types import Type
    from racompiler.targets.heat.context import HotBuild

# An RA int (or size, in bytes) is a HOT number that must also be whole: modulo 1 says so.
_WHOLE = {"modulo": {"step": 1, "offset": 0}, "description": "a whole number"}
# admin_cidr and api_cidr admit no outside address until the operator sets them.
CLOSED_CIDR = "127.0.0.1/32"


def hot_type(t: "Type") -> tuple[str, list[dict]]:
    """The HOT parameter type for an RA type, and the constraints the type itself implies."""
    if t.kind in ("int", "size"):
        return "number", [dict(_WHOLE)]
    if t.kind == "float":
        return "number", []
    if t.kind == "bool":
        return "boolean", []
    if t.kind == "enum":
        return "string", [{"allowed_values": list(t.choices)}]
    if t.kind == "cidr":
        return "string", [{"custom_constraint": "net_cidr"}]
    if t.kind == "ip":
        return "string", [{"custom_constraint": "ip_addr"}]
    if t.kind == "list":
        # Heat's comma_delimited_list holds strings; any other element type travels as JSON.
        elem = t.element.kind if t.element else "string"
        return ("comma_delimited_list" if elem == "string" else "json"), []
    return "string", []


def spec_constraints(spec: "AttributeSpec") -> list[dict]:
    """Range, allowed values and pattern of an RA parameter or attribute, as HOT constraints."""
    out: list[dict] = []
    if spec.range is not None:
        out.append({"range": {"min": spec.range[0], "max": spec.range[1]}})
    if spec.allowed is not None:
        out.append({"allowed_values": list(spec.allowed)})
    if spec.pattern is not None:
        out.append({"allowed_pattern": spec.pattern})
    return out


def hot_default(t: "Type", value: Any) -> Any:
    """An RA value as a HOT parameter default of the type :func:`hot_type` chose."""
    if t.kind == "list" and (t.element is None or t.element.kind == "string"):
        return ",".join(str(v) for v in value)
    return value


def map_parameters(b: "HotBuild") -> None:
    """Every RA parameter becomes a HOT parameter with its type, value, doc and constraints."""
    for name, p in b.model.parameters.items():
        if name in b.model.structural_parameters:
            continue  # decides what the template contains: fixed when it was built (see language.md)
        htype, implied = hot_type(p.spec.type)
        constraints = spec_constraints(p.spec)
        if not (p.spec.type.kind == "enum" and p.spec.allowed is not None):  # one list of choices
            constraints = implied + constraints
        body: dict[str, Any] = {"type": htype, "default": hot_default(p.spec.type, p.value.value),
                                "label": name}
        body["description"] = p.spec.doc or f"RA parameter {name}"
        if constraints:
            body["constraints"] = constraints
        b.add_parameter(name, body, f"parameter {name}", p.spec.name_span or p.spec.span)


def generated_parameters(b: "HotBuild") -> None:
    """The launch-time choices an RA does not make: image, key pair, external network, SSH source."""
    span = b.model.root_span
    b.add_parameter("image", {
        "type": "string", "default": "ubuntu-22.04",
        "description": "Glance image (name or ID) for every server; it must run os-collect-config "
                       "so that the software deployments reach the servers",
        "constraints": [{"custom_constraint": "glance.image"}]}, "the generated parameter image", span)
    b.add_parameter("key_name", {
        "type": "string", "default": "",
        "description": "Nova key pair injected into every server (empty: none)"},
        "the generated parameter key_name", span)
    # Closed by default: the operator opens SSH and the APIs to the networks that need them.
    b.add_parameter("admin_cidr", {
        "type": "string", "default": CLOSED_CIDR,
        "description": "Addresses allowed to reach every server by SSH and ping (the default admits "
                       "no outside address: set it to the operators' network)",
        "constraints": [{"custom_constraint": "net_cidr"}]}, "the generated parameter admin_cidr", span)
    if any(n.purpose in EXTERNAL_PURPOSES for n in b.model.networks.values()):
        b.add_parameter("external_network", {
            "type": "string", "default": "public",
            "description": "Existing provider network that routers of external/public networks use as gateway",
            "constraints": [{"custom_constraint": "neutron.network"}]},
            "the generated parameter external_network", span)
        b.add_parameter("api_cidr", {
            "type": "string", "default": CLOSED_CIDR,
            "description": "Addresses allowed to reach the service ports of the servers on a public network "
                           "(the default admits no outside address: set it to the API users' network)",
            "constraints": [{"custom_constraint": "net_cidr"}]}, "the generated parameter api_cidr", span)

