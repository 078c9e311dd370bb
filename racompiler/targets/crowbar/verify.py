"""Check a built ``crowbar/`` folder with the real barclamp schemas and ordering metadata.

Each proposal is validated by pykwalify against its barclamp's kwalify schema (parsed as YAML
with unknown escapes doubled, and with ``fix_ruby_style_regex`` for the ``/.../`` patterns: the
two fixes pykwalify needs to read Crowbar's Ruby-style schemas). Then the rules Crowbar checks in
Ruby, restated as data in ``mapping.yaml`` (not Crowbar's code): the proposal name
``proposal create`` accepts, role names the barclamp knows, ``config.environment``, the role
counts and role conflicts (``validate_one_for_role``, ``validate_at_least_n_for_role``,
``validate_count_as_odd_for_role``, ``role_constraints``), and for every reference
(``*_instance`` or ``cluster:<name>``) a proposal in the folder that is committed earlier and
whose barclamp has a lower ``run_order``. The flavour is detected from the proposal ids.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from racompiler.diagnostics import DiagnosticSink, Span, codes
from racompiler.targets import record_checked, record_not_verified, record_verified
from racompiler.targets.crowbar import data
from racompiler.targets.crowbar.data import name_refusal

ORDER_FILE = "order.json"


def detect_flavour(docs: dict[str, dict[str, Any]]) -> str | None:
    """``dell-1.x`` when the ids carry the ``bc-`` prefix, ``suse`` when none does."""
    ids = [d.get("id", "") for d in docs.values() if isinstance(d.get("id"), str)]
    if not ids:
        return None
    dell = [i.startswith("bc-") for i in ids]
    return "dell-1.x" if all(dell) else "suse" if not any(dell) else None


def _barclamp_of(doc: dict[str, Any]) -> str | None:
    dep = doc.get("deployment")
    return next(iter(dep)) if isinstance(dep, dict) and len(dep) == 1 else None


def _load(directory: Path, sink: DiagnosticSink) -> tuple[dict[str, dict[str, Any]], dict[str, Any] | None]:
    docs: dict[str, dict[str, Any]] = {}
    order = None
    for path in sorted(directory.glob("*.json")):
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            sink.report(codes.RA636, f"cannot read {path.name}: {exc}", Span.point(str(path)))
            continue
        if not isinstance(doc, dict):
            sink.report(codes.RA636, f"{path.name} is not a JSON object", Span.point(str(path)))
        elif path.name == ORDER_FILE:
            order = doc
        else:
            docs[path.name] = doc
    if order is None:
        sink.report(codes.RA636, f"{ORDER_FILE} is missing or unreadable", Span.point(str(directory / ORDER_FILE)))
    return docs, order


def validate_schema(doc: dict[str, Any], schema: dict[str, Any]) -> list[str]:
    """pykwalify's error messages for ``doc`` against a Crowbar schema (empty when valid)."""
    from pykwalify.core import Core
    from pykwalify.errors import PyKwalifyException

    log = logging.getLogger("pykwalify")
    level = log.level
    log.setLevel(logging.CRITICAL)  # pykwalify logs every error itself; we report them once
    try:
        core = Core(source_data=doc, schema_data=schema, fix_ruby_style_regex=True)
        try:
            core.validate(raise_exception=True)
        except PyKwalifyException:
            return sorted(str(e) for e in core.validation_errors) or ["invalid"]
        return []
    finally:
        log.setLevel(level)


def stored_id(flavour: str, barclamp: str, name: str) -> str:
    """The id Crowbar stores proposal ``name`` of ``barclamp`` under (it adds the prefix)."""
    return data.flavour_spec(flavour)["proposal_id"].format(barclamp=barclamp, instance=name)


def role_problems(doc: dict[str, Any], barclamp: str, flavour: str) -> list[str]:
    """Crowbar's role rules (restated in mapping.yaml ``constraints`` and ``exclusive_roles``)
    that ``doc``, a schema-valid proposal of ``barclamp``, breaks. A ``cluster:<name>`` element
    counts as one node, as in Crowbar."""
    table = data.mapping()
    rules = table["constraints"][flavour]
    elements = doc["deployment"][barclamp].get("elements") or {}
    attrs = doc["attributes"][barclamp]
    known = set(data.barclamp(flavour, barclamp).template["deployment"][barclamp].get("element_states", {}))
    problems = []
    for role in sorted(known):
        rule = rules.get(role, {})
        items = elements.get(role) or []
        n = len(items)
        if n < int(rule.get("min", 0)):
            problems.append(f"role '{role}' needs at least {rule['min']} node(s), has {n}")
        if rule.get("max") is not None and n > int(rule["max"]):
            problems.append(f"role '{role}' takes at most {rule['max']} node(s), has {n}")
        if rule.get("odd") and n and n % 2 == 0:
            problems.append(f"role '{role}' needs an odd number of nodes, has {n}")
        attr = rule.get("min_attribute")
        need = attrs.get(attr) if attr else None
        if isinstance(need, int) and n < need:
            problems.append(f"role '{role}' needs at least {attr} = {need} node(s), has {n}")
        clusters = [i for i in items if isinstance(i, str) and i.startswith("cluster:")]
        if clusters and not rule.get("cluster"):
            problems.append(f"role '{role}' does not accept a pacemaker cluster ({clusters[0]})")
    for node, first, other in data.exclusive_clashes(elements, table.get("exclusive_roles", {}).get(flavour, [])):
        problems.append(f"node {node} holds both '{first}' and '{other}': Crowbar gives a node one of them")
    return problems


def _crowbar_rules(name: str, doc: dict[str, Any], bc: data.Barclamp, flavour: str) -> list[str]:
    """Crowbar's checks outside the schema: the proposal name, known role names, environment and
    id agree, and the role rules."""
    problems = []
    dep = doc["deployment"][bc.name]
    known = set(bc.template["deployment"][bc.name].get("element_states", {}))
    for role in sorted(dep.get("elements", {})):
        if role not in known:
            problems.append(f"role '{role}' is not a role of barclamp {bc.name}")
    instance = _instance_of(doc["id"], bc.name, flavour)
    if not instance:
        problems.append(f"id '{doc['id']}' is not {stored_id(flavour, bc.name, '<name>')}")
    elif name_refusal(instance):
        problems.append(f"Crowbar refuses the proposal name: {name_refusal(instance)}")
    if dep.get("config", {}).get("environment") != f"{bc.name}-config-{instance}":
        problems.append(f"config.environment must be '{bc.name}-config-{instance}'")
    return problems + role_problems(doc, bc.name, flavour)


def _instance_of(proposal_id: str, barclamp: str, flavour: str) -> str:
    prefix = data.flavour_spec(flavour)["proposal_id"].format(barclamp=barclamp, instance="")
    return proposal_id[len(prefix):] if proposal_id.startswith(prefix) else ""


def references(doc: dict[str, Any], barclamp: str) -> list[tuple[str, str]]:
    """(barclamp, instance) pairs a proposal needs: its ``*_instance`` values and clusters."""
    out = []
    for key, value in sorted(doc["attributes"][barclamp].items()):
        if key.endswith("_instance") and isinstance(value, str) and value:
            out.append((key[: -len("_instance")], value))
    for items in doc["deployment"][barclamp].get("elements", {}).values():
        for item in items if isinstance(items, list) else []:
            if isinstance(item, str) and item.startswith("cluster:"):
                out.append(("pacemaker", item[len("cluster:"):]))
    return sorted(set(out))


def verify_folder(directory: Path, sink: DiagnosticSink) -> None:
    """Report RA636-RA639 for everything wrong in ``directory``; silent when all is valid."""
    try:
        import pykwalify  # noqa: F401
    except ImportError:
        sink.report(codes.RA637, "cannot verify Crowbar proposals: pykwalify is not installed",
                    Span.point(str(directory)), hint="pip install 'racompiler[verify]'")
        record_not_verified("pykwalify is not installed (pip install 'racompiler[verify]'), so no proposal was "
                            "validated against its barclamp's kwalify schema")
        return
    docs, order = _load(directory, sink)
    flavour = detect_flavour(docs)
    if flavour is None or (order and order.get("flavor", flavour) != flavour):
        sink.report(codes.RA636, "cannot tell the Crowbar flavour: proposal ids mix or lack the 'bc-' prefix, "
                    "or disagree with order.json", Span.point(str(directory)))
        record_not_verified("the Crowbar flavour cannot be told, so no schema applies")
        return
    known = set(data.shipped_barclamps(flavour))
    by_key: dict[tuple[str, str], tuple[str, data.Barclamp]] = {}
    valid: set[str] = set()
    for name, doc in sorted(docs.items()):
        where = Span.point(str(directory / name))
        bc_name = _barclamp_of(doc)
        if bc_name not in known:
            sink.report(codes.RA639, f"{name}: not a proposal of a known {flavour} barclamp", where)
            continue
        bc = data.barclamp(flavour, bc_name)
        errors = validate_schema(doc, bc.schema())
        for msg in errors:
            sink.report(codes.RA639, f"{name}: schema {bc.schema_path.name}: {msg}", where)
        if isinstance(doc.get("id"), str):
            by_key[(bc_name, _instance_of(doc["id"], bc_name, flavour))] = (name, bc)
        if errors:
            continue  # its references cannot be read safely: checked once the schema passes
        valid.add(name)
        for msg in _crowbar_rules(name, doc, bc, flavour):
            sink.report(codes.RA639, f"{name}: {msg}", where)
    if order is not None:
        _check_order(directory, order, docs, by_key, valid, flavour, sink)
    from importlib.metadata import version

    record_verified(f"pykwalify {version('pykwalify')}",
                    f"{len(docs)} proposal(s) against the {flavour} barclamps' own kwalify schemas")
    record_checked("racompiler's restatement of Crowbar's Ruby rules (mapping.yaml; not Crowbar's code)",
                   "proposal names, role names, role counts and conflicts, references and the commit order")


def _check_order(directory: Path, order: dict[str, Any], docs: dict[str, dict[str, Any]],
                 by_key: dict[tuple[str, str], tuple[str, data.Barclamp]], valid: set[str],
                 flavour: str, sink: DiagnosticSink) -> None:
    where = Span.point(str(directory / ORDER_FILE))
    position: dict[str, int] = {}
    network = data.mapping()["network"]["barclamp"][flavour]
    for i, wave in enumerate(order.get("waves") or []):
        for entry in wave:
            position[entry.get("id", "")] = i
            bc_name, inst = entry.get("barclamp", ""), entry.get("instance")
            # The loop sends `instance` to `proposal create`; Crowbar stores it under the prefixed id.
            if name_refusal(inst) or entry.get("id") != stored_id(flavour, bc_name, inst):
                sink.report(codes.RA638, f"order.json: entry {entry.get('id')}: Crowbar would store proposal name "
                            f"{inst!r} of {bc_name} as {stored_id(flavour, bc_name, str(inst))}"
                            + (f" ({name_refusal(inst)})" if name_refusal(inst) else ""), where)
            if entry.get("install_time") is not (bc_name == network):
                sink.report(codes.RA638, f"order.json: entry {entry.get('id')}: install_time must be "
                            f"{'true' if bc_name == network else 'false'} (only the network proposal belongs "
                            "to the admin server's install)", where)
    commit = order.get("commit") or []
    if commit != [e.get("id") for wave in order.get("waves") or [] for e in wave]:
        sink.report(codes.RA638, "order.json: 'commit' is not the waves flattened", where)
    ids = {doc.get("id"): name for name, doc in docs.items()}
    for pid in sorted(set(ids) - set(position), key=str):  # an id may be missing (None) from a broken file
        sink.report(codes.RA638, f"order.json does not list proposal {pid} ({ids[pid]})", where)
    for pid in sorted(set(position) - set(ids)):
        sink.report(codes.RA638, f"order.json lists {pid}, which has no proposal file", where)
    for (bc_name, _inst), (name, bc) in sorted(by_key.items()):
        if name not in valid:
            continue
        doc = docs[name]
        for dep_bc, dep_inst in references(doc, bc_name):
            target = by_key.get((dep_bc, dep_inst))
            if target is None:
                sink.report(codes.RA638, f"{name}: needs proposal '{dep_inst}' of barclamp {dep_bc}, "
                            "which is not in this folder", Span.point(str(directory / name)))
                continue
            dep_id = docs[target[0]]["id"]
            if position.get(dep_id, -1) >= position.get(doc["id"], -1):
                sink.report(codes.RA638, f"{name}: committed in the same wave as, or before, {dep_id} that it "
                            "needs", where)
            if target[1].run_order >= bc.run_order:
                sink.report(codes.RA638, f"{name}: needs {dep_id}, but {dep_bc}'s run_order "
                            f"({target[1].run_order}) is not below {bc_name}'s ({bc.run_order})", where)
