"""Build the component dependency graph and check it (RA401-RA404).

Nodes are deployed components. An edge ``provider -> consumer`` means the provider must be
deployed first; it records the interface, why it exists and the span that caused it.
"""

from __future__ import annotations

from racompiler.diagnostics import DiagnosticSink, Related, codes
from racompiler.graph.depgraph import DepGraph
from racompiler.semantic.model import Model, RunIndex


def build_graph(model: Model, sink: DiagnosticSink) -> DepGraph:
    """The graph of deployed components; unresolvable requirements are reported, not added."""
    g = DepGraph()
    idx = model.run_index()
    deployed = idx.deployed
    for name in deployed:
        comp = model.components[name]
        roles = idx.roles_running(name)
        g.add_node(name, kind="component", span=comp.span,
                   component_roles=[r for r in comp.roles if idx.roles_running(name, r)],
                   node_roles=[r.name for r in roles])
    for name in deployed:
        comp = model.components[name]
        first_run = idx.first_run[name]
        for req in model.requirements(name):
            conn = model.connections.get((name, req.interface))
            candidates = [c for c in idx.providers.get(req.interface, ()) if c != name]
            if conn is not None:
                if conn.provider not in deployed:
                    sink.report(codes.RA401, f"{name} is connected to {conn.provider} for '{req.interface}', but no "
                                             f"role runs {conn.provider}", conn.span,
                                hint=f"add a {conn.provider} role to a node role")
                    continue
                chosen = [conn.provider]
            elif not candidates:
                if req.cardinality == "optional":
                    continue
                catalog = [c for c in model.providers_of(req.interface, among=sorted(model.components)) if c != name]
                hint = ("deploy one of: " + ", ".join(catalog)) if catalog else \
                    f"no known component provides '{req.interface}'"
                if req.because:
                    # Implied by a setting: the user's line is the place to fix.
                    sink.report(codes.RA401, f"{name} requires '{req.interface}' because {req.because}, but nothing "
                                             "deployed provides it", req.span,
                                related=[Related(req.declared or comp.span,
                                                 f"{name} declares that {req.because} requires {req.interface}")],
                                hint=f"{hint}, or set {req.because.partition(' = ')[0]} to another value")
                    continue
                related = [Related(req.span, f"{name} requires {req.interface} here")]
                # Point at an overlay removal that took the provider away, if that is what happened.
                related += [Related(rm.span, f"role {rm.name}, which ran {', '.join(sorted(set(rm.runs) & set(catalog)))},"
                                             " was removed here")
                            for rm in model.removals if rm.kind == "role" and set(rm.runs) & set(catalog)]
                sink.report(codes.RA401, f"{name} requires '{req.interface}' but nothing deployed provides it",
                            first_run.span, related=related, hint=hint)
                continue
            elif len(candidates) > 1 and req.cardinality != "many":
                sink.report(codes.RA403, f"{name} requires one '{req.interface}' but several deployed components "
                                         f"provide it: {', '.join(candidates)}", first_run.span,
                            related=[Related(req.span, f"{name} requires {req.interface} here")],
                            hint=f"choose one: connect {name} {{ {req.interface} = {candidates[0]} }}")
                continue
            else:
                chosen = candidates
            for provider in chosen:
                g.add_edge(provider, name, interface=req.interface, cardinality=req.cardinality,
                           reason=f"{name} requires {req.interface}" + (f" ({req.because})" if req.because else ""),
                           span=req.span,
                           connect_span=conn.span if conn else None)
    _check_networks(model, idx, g, sink)
    return g


def _check_networks(model: Model, idx: RunIndex, g: DepGraph, sink: DiagnosticSink) -> None:
    """RA404: every node role running a consumer must reach a node role running its provider."""
    if not model.networks:
        return  # an RA without networks (a laptop sketch) makes no reachability claims
    for (provider, consumer), data in sorted(g.edges.items()):
        provider_roles = idx.roles_running(provider)
        for role in idx.roles_running(consumer):
            if role in provider_roles:
                continue  # co-located: talks over loopback
            if any(set(role.networks) & set(p.networks) for p in provider_roles):
                continue
            sink.report(
                codes.RA404,
                f"role {role.name} runs {consumer}, which needs {data['interface']} from {provider}, but shares no "
                f"network with {', '.join(p.name for p in provider_roles)}",
                role.networks_span or role.span,
                related=[Related(p.span, f"{provider} runs on role {p.name} "
                                         f"(networks: {', '.join(p.networks) or 'none'})") for p in provider_roles],
                hint="add a common network to both roles",
            )
