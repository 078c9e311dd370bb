"""RA317: what the architecture uses must exist in the OpenStack release it targets.

The catalog states the releases a component, a component role, an attribute or an enum value
exists in (``releases = "stein.."``, ``value_releases = { pki = "..ocata" }``). When the
architecture names its release (``architecture x { release = "2024.1" }``), every use outside
those ranges is reported where the user wrote it: the ``runs`` entry, the ``configure`` line.
A catalog default that does not exist in the release is reported at the component's ``runs``
entry, since the user never wrote it. Without a release nothing is checked.
"""

from __future__ import annotations

from racompiler.diagnostics import DiagnosticSink, Related, Span, codes
from racompiler.semantic.model import AttributeSpec, Model, Value
from racompiler.semantic.releases import Release, ReleaseRange


def _report(model: Model, sink: DiagnosticSink, what: str, rng: ReleaseRange, span: Span, declared: Span,
            hint: str) -> None:
    release: Release = model.release  # type: ignore[assignment]  # checked by the caller
    related = [Related(declared, f"the catalog declares its releases ({rng.text}) here")]
    if model.release_span is not None:
        related.insert(0, Related(model.release_span, f"the architecture targets {release} here"))
    sink.report(codes.RA317, f"{what} exists {rng.describe()}; this architecture targets {release}", span,
                related=related, hint=hint)


def _values_that_exist(model: Model, spec: AttributeSpec) -> list[str]:
    choices = spec.type.choices if spec.type.kind == "enum" else ()
    return [c for c in choices if model.exists((spec.value_range(c) or (None, None))[0])]


def _check_setting(model: Model, sink: DiagnosticSink, comp: str, spec: AttributeSpec, value: Value) -> None:
    user_set = bool(value.chain) and value.chain[-1].action != "default"
    if not model.exists(spec.releases):
        if user_set:  # a default of an attribute the release lacks is simply not used
            assert spec.releases is not None
            _report(model, sink, f"attribute {comp}.{spec.name}", spec.releases, value.chain[-1].span,
                    spec.name_span or spec.span, hint=f"remove this setting, or {spec.releases.advice()}")
        return
    found = spec.value_range(value.value)
    if found is None or model.exists(found[0]):
        return
    rng, declared = found
    text = "true" if value.value is True else "false" if value.value is False else str(value.value)
    others = [v for v in _values_that_exist(model, spec) if v != text]
    choose = (f"use {others[0]}" if len(others) == 1 else f"use one of {', '.join(others)}") if others \
        else "choose another value"
    if user_set:
        _report(model, sink, f"{comp}.{spec.name} = {text}", rng, value.chain[-1].span, declared,
                hint=f"{choose}, or {rng.advice()}")
    else:
        _report(model, sink, f"the catalog default {comp}.{spec.name} = {text}", rng, model.run_span(comp),
                declared, hint=f"set it: configure {comp} {{ {spec.name} = ... }} ({choose})")


def check_releases(model: Model, sink: DiagnosticSink) -> None:
    """Components, component roles, settings and values outside the architecture's release."""
    if model.release is None:
        return
    for comp_name in model.deployed:
        comp = model.components[comp_name]
        if not model.exists(comp.releases):
            assert comp.releases is not None
            _report(model, sink, f"component {comp_name}", comp.releases, model.run_span(comp_name), comp.span,
                    hint=f"remove it from the runs lists, or {comp.releases.advice()}")
            continue  # its roles and settings would only repeat the point
        for role in comp.roles.values():
            if model.roles_running(comp_name, role.name) and not model.exists(role.releases):
                assert role.releases is not None
                _report(model, sink, role.qualified, role.releases, model.run_span(comp_name, role.name), role.span,
                        hint=f"remove it from the runs lists, or {role.releases.advice()}")
        for name, value in sorted(model.config.get(comp_name, {}).items()):
            spec = comp.attributes.get(name)
            if spec is not None:
                _check_setting(model, sink, comp_name, spec, value)
