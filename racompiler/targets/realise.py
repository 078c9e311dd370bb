"""Apply a :class:`~racompiler.targets.mapping.DeployerMapping` to a Plan: placement and attributes.

Generic over deployers: it knows landing kinds (var, ini, override, user_config, host_vars), never
a catalog component. A flavour then writes what landed into its own files.

Rules (the same for every deployer):

- a component the mapping does not know cannot be deployed (RA640); one it marks ``outside`` is
  left to other tools (RA641); a component role without a placement is RA640;
- every configured value, the architect's or the catalog's default, lands through each of its
  attribute's landings whose ``when`` holds and whose ``values`` table (if any) has the value;
- no landing fits: an architect's value is an RA642 error (the deployer would do something else);
  a catalog default is an RA692 warning naming the value (the deployer's own default applies);
- an ``unsupported`` landing is an RA642 at the value's span, with the mapping's reason;
- an attribute without landings is left to the ledger (RA690 for an architect's value).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from racompiler.diagnostics import DiagnosticSink, Related, Severity, codes
from racompiler.graph.plan import Plan
from racompiler.semantic.model import Value
from racompiler.targets.ledger import Ledger, explicit
from racompiler.targets.mapping import ComponentMapping, DeployerMapping, Landing

MIB = 2**20


class FromRA(str):
    """A string that came from the RA (not from a mapping table): flavours write it so that the
    deployer never evaluates it (Ansible ``!unsafe``, a Jinja raw block), or refuse it."""

    __slots__ = ()


JINJA_MARKERS = ("{{", "{%", "{#")


@dataclass
class Realised:
    """What landed, per landing kind, ready for a flavour to write."""

    vars: dict[str, Any] = field(default_factory=dict)
    ini: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)  # file -> section -> key
    overrides: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)  # var -> section -> key
    user_config: dict[str, Any] = field(default_factory=dict)  # nested
    host_vars: dict[str, dict[str, Any]] = field(default_factory=dict)  # group -> nested
    placement: dict[str, list[str]] = field(default_factory=dict)  # host group -> node roles


def deployable(plan: Plan, mapping: DeployerMapping, label: str, sink: DiagnosticSink, ledger: Ledger) -> list[str]:
    """Deployed components the deployer handles itself, in plan order; RA640/RA641 for the others."""
    ok = []
    for comp in plan.order:
        entry = mapping.get(comp)
        if entry is not None and entry.outside:
            sink.report(codes.RA641, f"{label} does not deploy '{comp}': {entry.outside}", plan.model.run_span(comp),
                        related=[Related(entry.span, "mapped here")])
            ledger.reported_runs(comp)
        elif entry is None:
            sink.report(codes.RA640, f"{label} cannot deploy component '{comp}'", plan.model.run_span(comp),
                        hint=f"map it in a '{comp}.mapping.yml' beside its module (docs/mappings.md), or use "
                             "the generic flavour (--ansible-flavor generic)")
        else:
            ok.append(comp)
    return ok


def _groups(plan: Plan, entry: ComponentMapping, role: str) -> list[str] | None:
    spec = entry.roles.get(role)
    if spec is None or isinstance(spec, list):
        return spec
    value = plan.model.config.get(entry.name, {}).get(spec["by_attribute"])
    key = value.value if value is not None else None
    return spec["values"][key] if _in_table(spec["values"], key) else None


def place(plan: Plan, mapping: DeployerMapping, comps: list[str], label: str, sink: DiagnosticSink,
          ledger: Ledger, where: str) -> dict[str, list[str]]:
    """Host group -> the node roles that join it, in declaration order; RA640 for unplaceable roles."""
    groups: dict[str, list[str]] = {}
    for role in plan.model.roles.values():
        for run in role.runs:
            entry = mapping.get(run.component)
            if run.component not in comps or entry is None:
                continue
            found = _groups(plan, entry, run.role)
            if found is None:
                sink.report(codes.RA640, f"{label} cannot place component role '{run.qualified}'", run.span,
                            related=[Related(entry.span, f"{run.component} mapped here")])
                ledger.reported(f"run:{role.name}.{run.qualified}")
                continue
            for g in found:
                members = groups.setdefault(g, [])
                if role.name not in members:
                    members.append(role.name)
            ledger.realised(f"run:{role.name}.{run.qualified}", f"{where}: " + (", ".join(found) or
                                                                                 "no group of its own"))
    return groups


class ConversionError(ValueError):
    """A mapping's ``convert`` that does not fit the value (``int`` of a list, ``float`` of a name)."""


def convert(value: Any, how: str | None) -> Any:
    """``value`` as the deployer wants it; :class:`ConversionError` when ``how`` cannot apply to it."""
    if how is None:
        return value
    try:
        return _convert(value, how)
    except (TypeError, ValueError, OverflowError) as exc:
        raise ConversionError(f"convert '{how}' does not fit the value {value!r}") from exc


def _convert(value: Any, how: str) -> Any:
    if how == "int":
        return int(value)
    if how == "float":
        return float(value)
    if how == "bool":
        return bool(value)
    if how == "str":
        return str(value)
    if how == "bytes":
        return int(value)
    if how == "mib":
        return int(value) // MIB
    if how == "fqdn":  # a DNS domain as Neutron and kolla want it: absolute, with its final dot
        text = str(value)
        return text if text.endswith(".") else text + "."
    if how == "list":
        return ",".join(str(v) for v in value) if isinstance(value, (list, tuple)) else str(value)
    raise ValueError(f"unknown conversion {how!r}")


def _in_table(table: dict[Any, Any], value: Any) -> bool:
    """Whether a mapping's ``values`` table has ``value``; a list (unhashable) is never a key."""
    try:
        return value in table
    except TypeError:
        return False


def _set(tree: dict[str, Any], path: list[str], value: Any) -> None:
    for part in path[:-1]:
        nxt = tree.get(part)
        if not isinstance(nxt, dict):
            nxt = tree[part] = {}
        tree = nxt
    tree[path[-1]] = value


def _land(out: Realised, landing: Landing, value: Any) -> str:
    """Write one value; return where it landed (for the ledger)."""
    spec = landing.spec
    if landing.kind == "var":
        out.vars[spec["var"]] = value
        return spec["var"]
    if landing.kind == "ini":
        ini = spec["ini"]
        out.ini.setdefault(ini["file"], {}).setdefault(ini["section"], {})[ini["key"]] = value
        return f"config/{ini['file']} [{ini['section']}] {ini['key']}"
    if landing.kind == "override":
        o = spec["override"]
        out.overrides.setdefault(o["var"], {}).setdefault(o["section"], {})[o["key"]] = value
        return f"{o['var']}.{o['section']}.{o['key']}"
    if landing.kind == "user_config":
        _set(out.user_config, list(spec["user_config"]), value)
        return ".".join(spec["user_config"])
    h = spec["host_vars"]
    _set(out.host_vars.setdefault(h["group"], {}), list(h["path"]), value)
    return f"{h['group']}: " + ".".join(h["path"])


def _applies(plan: Plan, comp: str, landing: Landing) -> bool:
    config = plan.model.config.get(comp, {})
    for attr, wanted in landing.when.items():
        have = config.get(attr)
        if have is None or have.value != wanted:
            return False
    return True


def realise(plan: Plan, mapping: DeployerMapping, comps: list[str], label: str, sink: DiagnosticSink,
            ledger: Ledger, where: dict[str, str]) -> Realised:
    """Placement, ``enable`` flags, fixed and ``absent`` values and every attribute value, through
    the mapping.

    ``where`` names the file of each landing kind (for the ledger's records).
    """
    out = Realised()
    out.placement = place(plan, mapping, comps, label, sink, ledger, where.get("placement", "inventory"))
    for entry in sorted(mapping.components.values(), key=lambda e: e.name):
        for flag in entry.enable:
            # A flag several components list (enable_gnocchi: gnocchi, and ceilometer's store)
            # is true when any of them is deployed.
            out.vars[flag] = bool(out.vars.get(flag)) or entry.name in comps
        if entry.name not in comps:
            # What the deployer would otherwise deploy on its own (kolla's nova_console proxy):
            # the RA does not have it, so the output says so.
            for fixed in entry.absent:
                out.vars[fixed["var"]] = fixed["value"]
    for comp in comps:
        entry = mapping.components[comp]
        for fixed in entry.fixed:
            if "var" in fixed:
                out.vars[fixed["var"]] = fixed["value"]
            else:
                _set(out.user_config, list(fixed["user_config"]), fixed["value"])
        config = plan.model.config.get(comp, {})
        # Mapping order first: a later attribute may refine what an earlier one built.
        for attr in [a for a in entry.attributes if a in config]:
            _attribute(plan, out, comp, attr, config[attr], entry.attributes[attr], label, sink, ledger, where)
    return out


def _attribute(plan: Plan, out: Realised, comp: str, attr: str, value: Value, landings: tuple[Landing, ...],
               label: str, sink: DiagnosticSink, ledger: Ledger, where: dict[str, str]) -> None:
    key = f"config:{comp}.{attr}"
    span = value.chain[-1].span if value.chain else plan.model.components[comp].span
    active = [lnd for lnd in landings if _applies(plan, comp, lnd)]
    if not active:
        return  # e.g. an LVM-only setting with another driver: nothing to write, nothing wrong
    blocked = [lnd for lnd in active if lnd.kind == "unsupported"]
    if blocked:
        reason = blocked[0].spec["unsupported"]
        if explicit(value):
            sev = Severity(blocked[0].spec.get("severity", "warning"))
            sink.report(codes.RA642, f"{label} cannot express {comp}.{attr} = {value.value!r}: {reason}", span,
                        severity=sev, related=[Related(blocked[0].span, "mapped here")])
            ledger.reported(key)
        else:
            sink.report(codes.RA692, f"{label} does not realise the catalog default {comp}.{attr} = "
                                     f"{value.value!r}: {reason}", span, related=[Related(blocked[0].span, "mapped here")])
        return
    writable = [lnd for lnd in active if lnd.kind != "inherent"]
    if not writable:
        ledger.realised(key, f"{label}: " + active[0].spec["inherent"])
        return
    active = writable
    fits = [lnd for lnd in active if "values" not in lnd.spec or _in_table(lnd.spec["values"], value.value)]
    if not fits:
        choices = sorted({str(v) for lnd in active for v in lnd.spec.get("values", {})})
        if explicit(value):
            sink.report(codes.RA642, f"{label} cannot deploy {comp}.{attr} = {value.value!r}", span,
                        hint="supported here: " + ", ".join(choices),
                        related=[Related(active[0].span, "mapped here")])
            ledger.reported(key)
        else:
            sink.report(codes.RA692, f"{label} has no setting for the catalog default {comp}.{attr} = "
                                     f"{value.value!r}: the deployer's own default applies instead", span,
                        hint="set the attribute to one of: " + ", ".join(choices))
        return
    places = []
    for lnd in fits:
        if "values" in lnd.spec:
            landed = lnd.spec["values"][value.value]  # the mapping's own constant: trusted
        else:
            try:
                landed = convert(value.value, lnd.spec.get("convert"))
            except ConversionError as exc:
                # The mapping is wrong for this attribute's type (only a user mapping can be:
                # the shipped ones are tested); nothing lands rather than a made-up value.
                sink.report(codes.RA691, f"{label}: the mapping of {comp}.{attr}: {exc}", lnd.span,
                            related=[Related(span, "the value is set here")])
                if explicit(value):
                    ledger.reported(key)
                return
            if isinstance(landed, str):
                landed = FromRA(landed)
        places.append(_land(out, lnd, landed))
    file = where.get(fits[0].kind, "output")
    ledger.realised(key, f"{file}: " + ", ".join(places))


__all__ = ["ConversionError", "FromRA", "JINJA_MARKERS", "Realised", "convert", "deployable", "place", "realise"]
