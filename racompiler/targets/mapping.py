"""The realisation seam: mapping files that say where an RA lands in a deployer's inputs.

One declared format, validated by ``targets/mapping.schema.json``, serves the kolla-ansible and
openstack-ansible flavours. The package ships one file per deployer
(``targets/ansible/<folder>/mapping.yml``); a user module ``<name>.ra`` may ship
``<name>.mapping.yml`` beside it, found through the module search path exactly like the module
itself. Both load the same way; a component mapped by a user file replaces the package's entry.
A file that breaks the format is an RA691 error at its ``file:line:col``.

Target code reads the resulting :class:`DeployerMapping` and never names a catalog component.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from yaml.reader import ReaderError

from racompiler.assets import asset_dir, catalog_dir, display_path
from racompiler.diagnostics import DiagnosticSink, Span, codes
from racompiler.readfile import read_or_say
from racompiler.records import record
from racompiler.semantic.model import Model

SCHEMA_PATH = asset_dir("targets") / "mapping.schema.json"
SUFFIX = ".mapping.yml"
MAX_BYTES = 1 << 20  # a mapping is a small table; anything bigger is a mistake (or an attack)


@record
class Landing:
    """One place an attribute value lands: ``kind`` is var, ini, override, user_config, host_vars,
    inherent or unsupported; ``spec`` is the entry as written; ``span`` where it was written."""

    kind: str
    spec: dict[str, Any]
    span: Span

    @property
    def when(self) -> dict[str, Any]:
        return self.spec.get("when") or {}


@record
class ComponentMapping:
    name: str
    roles: dict[str, Any]  # component role -> groups, or {by_attribute, values}
    attributes: dict[str, tuple[Landing, ...]]  # in file order: later entries may refine earlier ones
    outside: str | None
    enable: tuple[str, ...]
    fixed: tuple[dict[str, Any], ...]
    span: Span
    absent: tuple[dict[str, Any], ...] = ()  # values written when the RA does not deploy it


@record
class DeployerMapping:
    """Every component a deployer knows, from the package's mapping and the user modules' ones."""

    deployer: str  # the top-level key: "kolla", "openstack-ansible"
    components: dict[str, ComponentMapping]

    def get(self, component: str) -> ComponentMapping | None:
        return self.components.get(component)


KINDS = ("var", "ini", "override", "user_config", "host_vars", "inherent", "unsupported")


@lru_cache(maxsize=1)
def _validator() -> Any:
    import jsonschema

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def _node_at(node: yaml.Node | None, path: list[Any]) -> yaml.Node | None:
    """The YAML node at ``path`` (keys and indexes), or the deepest one found on the way."""
    for part in path:
        if isinstance(node, yaml.MappingNode):
            nxt = next((v for k, v in node.value if k.value == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            nxt = node.value[part]
        else:
            nxt = None
        if nxt is None:
            return node
        node = nxt
    return node


def _span(display: str, node: yaml.Node | None) -> Span:
    if node is None:
        return Span.point(display)
    m = node.start_mark
    end = node.end_mark if node.end_mark.line == m.line else None
    return Span(display, m.line + 1, m.column + 1, m.line + 1, (end.column + 1) if end else m.column + 2)


def read_mapping_file(path: Path, sink: DiagnosticSink, sources: dict[str, str] | None = None
                      ) -> tuple[dict[str, Any], yaml.Node | None, str] | None:
    """Parse and validate one mapping file: (data, YAML node tree, display name), or None (RA691)."""
    display = display_path(path)
    # A FIFO or a device must not hang the build.
    raw = read_or_say(str(path), MAX_BYTES, f"mapping file {display}",
                      lambda why: sink.report(codes.RA691, why, Span.point(display)))
    if raw is None:
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        sink.report(codes.RA691, f"mapping file {display} is not UTF-8 text", Span.point(display))
        return None
    if sources is not None:
        sources[display] = text
    loader = None
    try:
        # PyYAML's reader refuses control characters (and U+FFFE/U+FFFF) as the loader is built.
        loader = yaml.SafeLoader(text)
        # One parse: the node tree gives line numbers, the document built from it the data.
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        sink.report(codes.RA691, f"mapping file {display} is not valid YAML: {_yaml_problem(exc)}",
                    _yaml_error_span(display, text, exc))
        return None
    finally:
        if loader is not None:
            loader.dispose()
    alias = _first_alias(node)
    if alias is not None:
        # A mapping is a small table: aliases could only make it large (a few hundred bytes of
        # nested aliases expand to billions of values for the schema check to walk).
        sink.report(codes.RA691, f"mapping file {display}: YAML aliases are not allowed in a mapping file",
                    _span(display, alias), hint="write each entry out; a mapping file has no anchors")
        return None
    if data is None:
        data = {}
    errors = sorted(_validator().iter_errors(data), key=lambda e: (list(map(str, e.absolute_path)), e.message))
    for err in errors:
        where = "/".join(str(p) for p in err.absolute_path) or "(top level)"
        sink.report(codes.RA691, f"mapping file {display}: at {where}: {_short(err)}",
                    _span(display, _node_at(node, list(err.absolute_path))),
                    hint="see docs/mappings.md and `targets/mapping.schema.json` for the format")
    if errors:
        return None
    return data, node, display


def _yaml_problem(exc: yaml.YAMLError) -> str:
    """The parser's one-line complaint (a reader error has no ``problem``, only its reason)."""
    if isinstance(exc, ReaderError):
        return f"unacceptable character #x{exc.character:04x}: {exc.reason}" if isinstance(exc.character, int) \
            else str(exc.reason)
    return str(getattr(exc, "problem", None) or str(exc).splitlines()[0])


def _yaml_error_span(display: str, text: str, exc: yaml.YAMLError) -> Span:
    """Where PyYAML stopped: its mark, or for a reader error the offending character's position."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if mark is not None:
        return Span.point(display, mark.line + 1, mark.column + 1)
    position = getattr(exc, "position", None)
    if isinstance(position, int) and 0 <= position <= len(text):
        line = text.count("\n", 0, position) + 1
        return Span.point(display, line, position - (text.rfind("\n", 0, position) + 1) + 1)
    return Span.point(display)


def _first_alias(root: yaml.Node | None) -> yaml.Node | None:
    """The first node the tree reaches twice (an alias of an anchored node), or None."""
    seen: set[int] = set()
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if id(node) in seen:
            return node
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            stack.extend(v for pair in reversed(node.value) for v in reversed(pair))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
    return None


def _short(err: Any) -> str:
    """A one-line message for a schema error (oneOf failures name the closest alternative)."""
    if err.validator == "oneOf" and isinstance(err.instance, dict):
        kinds = [k for k in err.instance if k in KINDS]
        if len(kinds) != 1:
            keys = ", ".join(map(str, err.instance)) or "none"
            return f"a landing needs exactly one kind key ({', '.join(KINDS)}); found keys: {keys}"
        deepest = max(err.context, key=lambda e: len(list(e.absolute_path)), default=None)
        if deepest is not None:
            return f"{kinds[0]} landing: {deepest.message}"
    message = err.message
    return message if len(message) < 200 else message[:197] + "..."


def _components(section: dict[str, Any], node: yaml.Node | None, key: str, display: str
                ) -> dict[str, ComponentMapping]:
    out: dict[str, ComponentMapping] = {}
    for name, entry in (section.get("components") or {}).items():
        base = [key, "components", name]
        attrs: dict[str, tuple[Landing, ...]] = {}
        for attr, landings in (entry.get("attributes") or {}).items():
            items = []
            for i, spec in enumerate(landings):
                kind = next(k for k in KINDS if k in spec)
                span = _span(display, _node_at(node, base + ["attributes", attr, i]))
                items.append(Landing(kind, spec, span))
            attrs[attr] = tuple(items)
        out[name] = ComponentMapping(
            name, dict(entry.get("roles") or {}), attrs, entry.get("outside"), tuple(entry.get("enable") or ()),
            tuple(entry.get("fixed") or ()), _span(display, _node_at(node, base)), tuple(entry.get("absent") or ()))
    return out


@lru_cache(maxsize=None)
def _package_mapping(folder: str, key: str) -> dict[str, ComponentMapping]:
    sink = DiagnosticSink()
    read = read_mapping_file(asset_dir("targets") / "ansible" / folder / "mapping.yml", sink)
    if read is None:  # a broken shipped file is a packaging bug
        raise RuntimeError("; ".join(f"{d.span}: {d.message}" for d in sink.items))
    data, node, display = read
    return _components(data.get(key) or {}, node, key, display)


def user_mapping_files(model: Model) -> list[Path]:
    """``<module>.mapping.yml`` beside every user module the RA loaded (catalog excluded), in load order."""
    cat = catalog_dir().resolve()
    out = []
    for f in model.module_files:
        p = Path(f)
        if p.is_relative_to(cat):
            continue
        candidate = p.with_name(p.name.removesuffix(".ra") + SUFFIX)
        if candidate.is_file():
            out.append(candidate)
    return out


def load_deployer_mapping(folder: str, key: str, model: Model, sink: DiagnosticSink) -> DeployerMapping | None:
    """The package's mapping for deployer ``key`` plus every user module's; None after RA691."""
    components = dict(_package_mapping(folder, key))
    failed = False
    for path in user_mapping_files(model):
        read = read_mapping_file(path, sink)
        if read is None:
            failed = True
            continue
        data, node, display = read
        components.update(_components(data.get(key) or {}, node, key, display))
    return None if failed else DeployerMapping(key, components)


__all__ = ["ComponentMapping", "DeployerMapping", "Landing", "load_deployer_mapping", "read_mapping_file",
           "user_mapping_files"]
