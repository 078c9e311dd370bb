"""RA507-RA509: what the real deployers rely on about particular services.

These rules name catalog components on purpose: they encode operational facts about those
services (an ML2 cloud without L3/DHCP agents gives instances no addresses; a file image store
is local to each glance node; swift places one replica per zone), which every deployer assumes
and the catalog's count rules cannot say. A rule stays silent when its component is not
deployed, so user catalogs without these components are unaffected.
"""

from __future__ import annotations

from racompiler.diagnostics import DiagnosticSink, Related, codes
from racompiler.semantic.model import Model, Value


def _setting(model: Model, component: str, attribute: str) -> Value | None:
    return model.config.get(component, {}).get(attribute)


def _where(model: Model, value: Value | None, component: str, role: str | None = None):
    """The user's line for a setting, else where the RA places the component role."""
    if value is not None and value.chain and value.chain[-1].action != "default":
        return value.chain[-1].span
    return model.run_span(component, role)


def check_neutron_agents(model: Model, sink: DiagnosticSink) -> None:
    """RA507: neutron.server with an agent-based ML2 driver and no L3/DHCP agent anywhere.

    The L2 agent is implied: every deployer puts it on each node running nova.compute (and on
    the network nodes), so the RA does not list it. L3 and DHCP agents run on ``neutron.l3``;
    OVN has its own distributed routing and DHCP and needs none.
    """
    if not model.roles_running("neutron", "server") or model.roles_running("neutron", "l3"):
        return
    plugin = _setting(model, "neutron", "networking_plugin")
    if plugin is not None and plugin.value == "ovn":
        return
    driver = plugin.value if plugin is not None else "the ML2 driver"
    sink.report(codes.RA507, f"neutron.server runs but no role runs neutron.l3: with {driver}, instances get "
                             "no DHCP addresses and no routers", model.run_span("neutron", "server"),
                related=[Related(plugin.chain[-1].span, f"networking_plugin = {plugin.value}")]
                if plugin is not None and plugin.chain and plugin.chain[-1].action != "default" else [],
                hint="add neutron.l3 to a node role (network nodes, or the controllers), "
                     "or use networking_plugin = ovn")


def check_glance_file_store(model: Model, sink: DiagnosticSink) -> None:
    """RA508: the file store keeps each image on the glance node that received it."""
    store = _setting(model, "glance", "default_store")
    if store is None or store.value != "file":
        return
    nodes = model.component_role_count("glance", "server")
    if nodes <= 1:
        return
    sink.report(codes.RA508, f"glance stores images in local files but runs on {nodes} nodes: an image uploaded "
                             "through one is missing on the others", _where(model, store, "glance", "server"),
                hint="use default_store = swift or rbd (a shared back end), or run glance.server on one node")


def check_swift_layout(model: Model, sink: DiagnosticSink) -> None:
    """RA509: swift's rings place one replica per zone, each zone on storage nodes of its own."""
    if not model.roles_running("swift", "storage"):
        return
    replicas = _setting(model, "swift", "replicas")
    zones = _setting(model, "swift", "zones")
    if replicas is None or zones is None:
        return
    nodes = model.component_role_count("swift", "storage")
    r, z = int(replicas.value), int(zones.value)
    notes = [Related(v.chain[-1].span, f"{name} = {v.value}") for name, v in (("replicas", replicas),
                                                                                ("zones", zones)) if v.chain]
    if z > nodes:
        sink.report(codes.RA509, f"swift has {z} zones but {nodes} storage node(s): a zone without a node holds "
                                 "nothing", _where(model, zones, "swift", "storage"), related=notes,
                    hint=f"use at most {nodes} zones, or add storage nodes")
    elif r > z:
        sink.report(codes.RA509, f"swift keeps {r} replicas in {z} zones: losing one zone loses more than one copy "
                                 "of some objects", _where(model, zones, "swift", "storage"), related=notes,
                    hint=f"use at least {r} zones (and as many storage nodes), or {z} replicas")


def check_telemetry_publisher(model: Model, sink: DiagnosticSink) -> None:
    """RA510: ceilometer's agents with nowhere to publish.

    Before Queens ceilometer kept samples itself (its own API and collector: the catalog's
    ``ceilometer.server``); since then it only polls and publishes, to Gnocchi (a component
    providing ``metric_store``). kolla-ansible's prechecks refuse ceilometer without a publisher.
    """
    if not model.roles_running("ceilometer") or model.roles_running("ceilometer", "server"):
        return
    if model.providers_of("metric_store"):
        return
    sink.report(codes.RA510, "ceilometer runs without its own store (ceilometer.server) and without a metric "
                             "store to publish to: its samples go nowhere", model.run_span("ceilometer"),
                hint="deploy gnocchi (gnocchi.server), or ceilometer.server on releases before queens")
