"""Resolve declarations into the :class:`~racompiler.semantic.model.Model`.

Binds every name (reporting RA201 with suggestions), types every value, fills defaults and
records provenance. Failed references are dropped from the Model rather than kept half-bound, so
later stages never pile follow-on errors on an already-reported mistake.
"""

from __future__ import annotations

from typing import Any

from racompiler.diagnostics import DiagnosticSink, Related, Span, codes
from racompiler.semantic import decl as d
from racompiler.semantic import model as m
from racompiler.semantic.infra import resolve_hardware, resolve_networks, resolve_roles
from racompiler.semantic.loader import Program
from racompiler.semantic.outputs import resolve_outputs
from racompiler.semantic.release_decls import architecture_release, release_range, value_ranges
from racompiler.semantic.suggest import did_you_mean, to_identifier
from racompiler.semantic.symbols import Symbols, collect
from racompiler.semantic.types import Checked, NotAParameter, Type, check_constraints, check_value, parse_type
from racompiler.syntax import ast

BOOL = Type("bool")
PROGRAMS = ("auto", "platform", "compute", "storage")
ADDONS = ("dns", "orchestration")


class Resolver:
    """Builds the Model from a loaded Program; all problems go to the sink."""

    def __init__(self, program: Program, sink: DiagnosticSink) -> None:
        self.program = program
        self.sink = sink
        self.sym: Symbols = collect(program.modules, sink)
        root = program.root
        arch = root.architecture
        stem = root.path.rsplit("/", 1)[-1].removesuffix(".ra")
        log = program.overlays
        release, release_span = architecture_release(arch.release if arch else None, sink)
        self.model = m.Model(
            name=arch.name.value if arch else to_identifier(stem, "ra"),
            doc=arch.doc if arch else "",
            version=arch.version if arch else None,
            root_file=root.path,
            release=release,
            release_span=release_span,
            layers=list(log.layers),
            provenance={k: list(v) for k, v in sorted(log.history.items())},
            removals=list(log.removals),
            module_files=tuple(program.files),
        )
        self.used_parameters: set[str] = set()
        self._not_a_parameter = NotAParameter()
        # (declaration index, name) of each parameter by the span that last set it: how value()
        # finds the parameters a value came through without scanning them all.
        self.param_at: dict[Span, tuple[int, str]] = {}

    def prior(self, path: str) -> tuple[m.Provenance, ...]:
        """Provenance from earlier overlay layers for ``path`` (all but the final write)."""
        return tuple(self.model.provenance.get(path, [])[:-1])
    # -- parameters as values ------------------------------------------------------------
    def lookup_parameter(self, ref: ast.Ref) -> tuple[Any, Type, Span] | NotAParameter:
        """Bind a bare name in value position to a parameter (marks it used)."""
        parts = ref.parts[1:] if len(ref.parts) == 2 and ref.parts[0] == "params" else ref.parts
        if len(parts) == 1 and parts[0] in self.model.parameters:
            p = self.model.parameters[parts[0]]
            self.used_parameters.add(p.name)
            # The span where the parameter's value was last set (its default, or an overlay).
            return p.value.value, p.spec.type, p.value.chain[-1].span
        if len(parts) == 1 and parts[0] in self.sym.parameters.items:
            # Declared, but its default was wrong (reported there): not an undefined name.
            return NotAParameter(poisoned=True)
        if len(self._not_a_parameter.candidates) != len(self.model.parameters):  # parameters are only added
            self._not_a_parameter = NotAParameter(candidates=tuple(self.model.parameters))
        return self._not_a_parameter

    def value(self, t: Type, expr: ast.Expr, what: str, set_span: Span, action: str = "set",
              prior: tuple[m.Provenance, ...] = (), key: str | None = None) -> m.Value | None:
        """Check ``expr`` as a ``t`` and wrap it with its provenance chain."""
        checked: Checked | None = check_value(t, expr, self.sink, what, self.lookup_parameter)
        if checked is None:
            return None
        params = [self.model.parameters[n] for _, n in sorted({self.param_at[s] for s in checked.via
                                                               if s in self.param_at})]
        self.model.structural_parameters.update(self.param_at[s][1] for s in checked.decided_by if s in self.param_at)
        # The parameter's own history (base default, overlay changes) comes before the use.
        chain = prior + tuple(m.Provenance(pv.span, f"parameter {p.name}: {pv.action}", pv.detail)
                              for p in params for pv in p.value.chain)
        chain += (m.Provenance(set_span, action, f"{key or what_key(what)} = {ast.expr_text(expr)}"),)
        # Targets that keep parameters (Heat's get_param) need to know a value *is* a parameter.
        direct = params[0].name if isinstance(expr, ast.Ref) and len(params) == 1 else None
        return m.Value(checked.value, t, chain, direct)

    # -- the catalog ---------------------------------------------------------------------
    def interfaces(self) -> None:
        for name, decl in self.sym.interfaces.items.items():
            extends = None
            if decl.extends is not None and self.sym.interfaces.lookup(decl.extends, self.sink,
                                                                       f"interface {name}"):
                extends = decl.extends.value
            self.model.interfaces[name] = m.Interface(name, decl.doc, extends, decl.span)

    def attribute_spec(self, decl: d.AttributeDecl, what: str) -> m.AttributeSpec | None:
        t = parse_type(decl.type_expr, self.sink)
        if t is None:
            return None
        rng = None
        if decl.range is not None:
            rng = (decl.range.low.value, decl.range.high.value)
            if rng[0] > rng[1]:
                self.sink.report(codes.RA304, f"empty range {rng[0]}..{rng[1]} on {what}", decl.range.span)
                rng = None
            elif t.kind not in ("int", "float"):
                self.sink.report(codes.RA303, f"a range applies to int or float, and {what} is {t}", decl.range.span)
                rng = None
        allowed = None
        if decl.allowed is not None:
            vals = [check_value(t, e, self.sink, f"an allowed value of {what}") for e in decl.allowed.items]
            allowed = tuple(v.value for v in vals if v is not None)
        pattern = None
        if decl.pattern is not None:
            import re

            try:
                re.compile(decl.pattern.value)
                pattern = decl.pattern.value
            except re.error as exc:
                self.sink.report(codes.RA304, f"invalid pattern on {what}: {exc}", decl.pattern.span)
        default = None
        if decl.default is not None:
            c = check_value(t, decl.default, self.sink, f"the default of {what}", self.lookup_parameter)
            if c is not None and check_constraints(c.value, t, decl.default.span, self.sink,
                                                   f"the default of {what}", rng, list(allowed) if allowed else None,
                                                   pattern):
                default = c.value
        return m.AttributeSpec(decl.name.value, decl.doc, t, default, rng, allowed, pattern, decl.span,
                               decl.name.span, self.conditional_requires(decl, t, what),
                               release_range(decl.releases, self.sink, what),
                               value_ranges(decl.value_releases, t, self.sink, what))

    def conditional_requires(self, decl: d.AttributeDecl, t: Type, what: str) -> tuple[tuple[Any, str, Span], ...]:
        """An attribute's ``requires = { value = interface }`` map, checked against its type."""
        if decl.requires is None:
            return ()
        out = []
        for entry in decl.requires.entries:
            if t.kind == "enum" and entry.key in t.choices:
                value: Any = entry.key
            elif t.kind == "bool" and entry.key in ("true", "false"):
                value = entry.key == "true"
            else:
                choices = t.choices if t.kind == "enum" else ("true", "false") if t.kind == "bool" else ()
                self.sink.report(codes.RA303, f"'{entry.key}' is not a value of {what} ({t})" if choices else
                                 f"conditional requirements apply to enum and bool attributes, and {what} is {t}",
                                 entry.key_span, hint=did_you_mean(entry.key, choices) if choices else None)
                continue
            iface = entry.value
            if not (isinstance(iface, ast.Ref) and len(iface.parts) == 1):
                self.sink.report(codes.RA303, f"'requires' of {what} maps a value to an interface name, not "
                                              f"{ast.describe(iface)}", iface.span)
                continue
            if self.sym.interfaces.lookup(d.Name(iface.dotted, iface.span), self.sink, what):
                out.append((value, iface.dotted, entry.key_span))
        return tuple(out)

    def components(self) -> None:
        for name, c in self.sym.components.items.items():
            provides = tuple(p.value for p in c.provides
                             if self.sym.interfaces.lookup(p, self.sink, f"component {name}"))
            requires = tuple(m.Requirement(r.interface.value, r.cardinality, r.span) for r in c.requires
                             if self.sym.interfaces.lookup(r.interface, self.sink, f"component {name}"))
            roles: dict[str, m.ComponentRole] = {}
            for r in c.roles:
                if r.name.value in roles:
                    self.sink.report(codes.RA202, f"role '{r.name.value}' of component {name} is defined more than once",
                                     r.name.span, related=[Related(roles[r.name.value].span, "first defined here")])
                    continue
                roles[r.name.value] = m.ComponentRole(name, r.name.value, r.doc, r.min, r.max, r.quorum, (), (),
                                                      r.ports, r.span,
                                                      release_range(r.releases, self.sink, f"{name}.{r.name.value}"))
            for r in c.roles:  # second pass: `after` and `conflicts` may name any role
                if r.name.value not in roles:
                    continue
                after = tuple(a.value for a in r.after if self._same_component_role(a, roles, name))
                conflicts = tuple(self._qualified_role(x, name) for x in r.conflicts)
                base = roles[r.name.value]
                roles[r.name.value] = m.ComponentRole(name, base.name, base.doc, base.min, base.max, base.quorum,
                                                      after, tuple(x for x in conflicts if x), base.ports, base.span,
                                                      base.releases)
            attrs: dict[str, m.AttributeSpec] = {}
            for a in c.attributes:
                if a.name.value in attrs:
                    self.sink.report(codes.RA202, f"attribute '{a.name.value}' of component {name} is defined more "
                                                  "than once", a.name.span,
                                     related=[Related(attrs[a.name.value].span, "first defined here")])
                    continue
                spec = self.attribute_spec(a, f"{name}.{a.name.value}")
                if spec is not None:
                    attrs[a.name.value] = spec
            self.model.components[name] = m.Component(name, c.doc, c.interop_project, provides, requires, roles,
                                                      attrs, c.span, release_range(c.releases, self.sink, name))

    def _same_component_role(self, n: d.Name, roles: dict[str, m.ComponentRole], component: str) -> bool:
        if n.value in roles:
            return True
        self.sink.report(codes.RA201, f"component {component} has no role '{n.value}'", n.span,
                         hint=did_you_mean(n.value, roles))
        return False

    def _qualified_role(self, n: d.Name, component: str) -> str | None:
        comp, _, role = n.value.rpartition(".")
        comp = comp or component
        decl = self.sym.components.items.get(comp)
        if decl is None:
            self.sink.report(codes.RA201, f"undefined component '{comp}' in conflicts of {component}", n.span,
                             hint=did_you_mean(comp, self.sym.components.items))
            return None
        names = [r.name.value for r in decl.roles]
        if role not in names:
            self.sink.report(codes.RA201, f"component {comp} has no role '{role}'", n.span, hint=did_you_mean(role, names))
            return None
        return f"{comp}.{role}"

    # -- parameters ----------------------------------------------------------------------
    def parameters(self) -> None:
        for name, p in self.sym.parameters.items.items():
            spec = self.attribute_spec(p, f"parameter {name}")
            if spec is None:
                continue
            if p.default is None:
                self.sink.report(codes.RA302, f"parameter '{name}' has no default", p.name.span,
                                 hint="give it one: default = ...")
                continue
            if spec.default is None:
                continue  # the default was wrong; already reported
            value = m.Value(spec.default, spec.type, self.prior(f"params.{name}.default") +
                            (m.Provenance(p.default.span, "default", f"{name} = {ast.expr_text(p.default)}"),))
            self.model.parameters[name] = m.Parameter(name, spec, value)
            self.param_at[value.chain[-1].span] = (len(self.param_at), name)

    # -- optional components --------------------------------------------------------------
    def switches(self) -> None:
        """Decide every ``optional`` block: a later layer's block replaces an earlier one."""
        for mod in self.program.modules:
            for o in mod.optionals:
                name = o.component.value
                v = self.value(BOOL, o.when, f"the condition of optional {name}", o.span, key="when") \
                    if o.when is not None else None
                if self.sym.components.lookup(o.component, self.sink, "optional") is None or v is None:
                    continue
                self.model.structural_parameters.update(p.action.partition(":")[0].removeprefix("parameter ")
                                                        for p in v.chain if p.action.startswith("parameter "))
                prev = self.model.switches.get(name)
                if prev is not None and prev.span.file == o.span.file:
                    self.sink.report(codes.RA202, f"optional {name} is declared more than once", o.component.span,
                                     related=[Related(prev.span, "first declared here")])
                    continue
                self.model.switches[name] = m.Switch(name, o.doc, v, o.span)

    # -- attribute injection -------------------------------------------------------------
    def configure(self) -> None:
        deployed = set(self.model.deployed)
        configured: dict[tuple[str, str], d.Setting] = {}
        sealed: dict[tuple[str, str], d.Name] = {}
        blocks = [c for mod in self.program.modules for c in mod.configures]
        for comp_name in deployed:
            comp = self.model.components[comp_name]
            values: dict[str, m.Value] = {}
            for a in comp.attributes.values():
                if a.default is not None:
                    values[a.name] = m.Value(a.default, a.type, (m.Provenance(a.span, "default",
                                                                              f"{a.name} = {_json(a.default)}"),))
            self.model.config[comp_name] = values
        for block in blocks:
            decl = self.sym.components.lookup(block.component, self.sink, "configure")
            if decl is None or block.component.value not in self.model.components:
                continue
            cname = block.component.value
            if cname not in deployed and cname not in self.model.switched_off:
                self.sink.report(codes.RA505, f"component '{cname}' is configured but no role runs it",
                                 block.component.span, hint=f"add {cname} roles to a node role, or drop this block")
            if cname not in deployed:
                # Still checked (keys, types, constraints), so a runs typo or a switch does not
                # hide a wrong value until the day the component is deployed; nothing reaches
                # the model.
                self.model.config.setdefault(cname, {})
            spec_map = self.model.components[cname].attributes
            for n in block.sealed:
                if n.value not in spec_map:
                    self.sink.report(codes.RA301, f"cannot seal unknown attribute '{n.value}' of {cname}", n.span,
                                     hint=did_you_mean(n.value, spec_map))
                else:
                    sealed.setdefault((cname, n.value), n)
            for s in block.settings:
                spec = spec_map.get(s.key.value)
                if spec is None:
                    self.sink.report(codes.RA301, f"component {cname} has no attribute '{s.key.value}'", s.key.span,
                                     hint=did_you_mean(s.key.value, spec_map) or
                                     f"see: racompiler catalog {cname}")
                    continue
                if s.op != "=":
                    self.sink.report(codes.RA313, f"'{s.op}' is not allowed on '{s.key.value}' here", s.key.span,
                                     hint="use '='; '+=' and '-=' belong in overlays")
                    continue
                first = configured.get((cname, s.key.value))
                seal = sealed.get((cname, s.key.value))
                if seal is not None and seal.span.file != s.span.file:
                    self.sink.report(codes.RA211, f"{cname}.{s.key.value} is sealed by the base", s.key.span,
                                     related=[Related(seal.span, "sealed here")])
                    continue
                if first is not None and first.span.file == s.span.file:
                    # Within one file a second setting is a mistake; across overlay layers the
                    # later layer wins and the chain keeps both.
                    self.sink.report(codes.RA310, f"{cname}.{s.key.value} is set twice", s.key.span,
                                     related=[Related(first.key.span, "first set here")])
                    continue
                configured[(cname, s.key.value)] = s
                prior = self.model.config[cname].get(s.key.value)
                v = self.value(spec.type, s.value, f"{cname}.{s.key.value}", s.span,
                               prior=prior.chain if prior else ())
                if v is not None and check_constraints(v.value, spec.type, s.value.span, self.sink,
                                                       f"{cname}.{s.key.value}", spec.range,
                                                       list(spec.allowed) if spec.allowed else None, spec.pattern):
                    self.model.config[cname][s.key.value] = v
        for cname in [c for c in self.model.config if c not in deployed]:
            del self.model.config[cname]  # checked above; an undeployed component has no settings
        for comp_name in sorted(deployed):
            for a in self.model.components[comp_name].attributes.values():
                if a.name not in self.model.config[comp_name] and (comp_name, a.name) not in configured:
                    self.sink.report(codes.RA302, f"attribute {comp_name}.{a.name} has no default and is not set",
                                     a.span, hint=f"set it: configure {comp_name} {{ {a.name} = ... }}")

    def connect(self) -> None:
        off = self.model.switched_off
        for block in (c for mod in self.program.modules for c in mod.connects):
            if block.consumer.value in off:
                continue  # an optional component switched off: its wiring goes with it
            consumer = self.model.components.get(block.consumer.value)
            if consumer is None:
                self.sym.components.lookup(block.consumer, self.sink, "connect")
                continue
            needed = {r.interface for r in self.model.requirements(consumer.name)}
            for iface, provider in block.links:
                if iface.value not in needed:
                    self.sink.report(codes.RA201, f"component {consumer.name} requires no interface '{iface.value}'",
                                     iface.span, hint=did_you_mean(iface.value, needed))
                    continue
                if provider.value in off:
                    continue
                prov = self.model.components.get(provider.value)
                if prov is None:
                    self.sym.components.lookup(provider, self.sink, "connect")
                    continue
                if iface.value not in {i for p in prov.provides for i in self.model.interface_closure(p)}:
                    self.sink.report(codes.RA405, f"component {provider.value} does not provide '{iface.value}'",
                                     provider.span,
                                     hint=_providers_hint(self.model, iface.value))
                    continue
                self.model.connections[(consumer.name, iface.value)] = m.Connection(
                    consumer.name, iface.value, provider.value, iface.span)

    def interop(self) -> None:
        decls = [mod.interop for mod in self.program.modules if mod.interop is not None]
        if not decls:
            return
        i = decls[-1]
        program = i.program.value if i.program else None
        if i.program is not None and program is not None and program not in PROGRAMS:
            self.sink.report(codes.RA304, f"unknown interop program '{program}'", i.program.span,
                             hint=did_you_mean(program, PROGRAMS) or "programs: " + ", ".join(PROGRAMS))
            program = None
        addons = []
        for a in i.addons or ():
            if a.value not in ADDONS:
                self.sink.report(codes.RA304, f"unknown interop add-on '{a.value}'", a.span,
                                 hint=did_you_mean(a.value, ADDONS) or "add-ons: " + ", ".join(ADDONS))
            else:
                addons.append(a.value)
        self.model.set_interop(m.Interop(i.guideline.value if i.guideline else None, program,
                                         None if i.addons is None else tuple(addons), i.span,
                                         i.guideline.span if i.guideline else None,
                                         i.program.span if i.program else None))

    def unused_parameters(self) -> None:
        for name, p in self.model.parameters.items():
            if name not in self.used_parameters:
                self.sink.report(codes.RA206, f"parameter '{name}' is never used", p.spec.name_span or p.spec.span,
                                 hint="use it (count = name, or in a configure block) or remove it")

    def run(self) -> m.Model:
        self.interfaces()
        self.components()
        self.parameters()
        self.switches()
        resolve_networks(self)
        resolve_hardware(self)
        resolve_roles(self)
        self.configure()
        self.connect()
        self.interop()
        resolve_outputs(self)
        self.unused_parameters()
        return self.model


def resolve(program: Program, sink: DiagnosticSink) -> m.Model:
    """The Model of ``program``; problems are reported to ``sink``."""
    return Resolver(program, sink).run()


def _providers_hint(model: m.Model, interface: str) -> str | None:
    cands = model.providers_of(interface, among=sorted(model.components))
    return ("components that provide it: " + ", ".join(cands)) if cands else None


def what_key(what: str) -> str:
    """The key part of a 'what' phrase, for provenance notes ("nova.x" -> "x")."""
    return what.rsplit(".", 1)[-1].rsplit(" ", 1)[-1]


def _json(v: Any) -> str:
    import json

    return json.dumps(v)
