"""Reading an inventory file safely: what a hostile file cannot make racompiler do.

Regular files only, at most :data:`MAX_INVENTORY_BYTES`, no alias expansion beyond
:data:`MAX_ALIAS_VALUES`, no duplicate keys, YAML 1.2 numbers (``010`` and ``1:30`` stay text),
bounded nesting; every refusal a diagnostic at the file's line. :func:`read_document` returns the
document with the positions of its values (:class:`LocatedDocument`) for the schema and value checks of
:mod:`racompiler.binding.inventory`.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from typing import Any

from racompiler.binding.validate import json_path
from racompiler.diagnostics import DiagnosticSink, Related, Span, codes
from racompiler.readfile import FileTooLarge, NotRegularFile, read_regular

JsonPath = tuple[str | int, ...]


# -- reading ---------------------------------------------------------------------------------------
# Limits that keep a hostile inventory from costing more than its size (see docs/binding.md).
MAX_INVENTORY_BYTES = 32 * 2**20  # about 50,000 nodes; read at most this plus one byte
MAX_DEPTH = 32  # nesting of mappings and sequences (a valid inventory nests 5 deep)
MAX_ALIAS_VALUES = 1_000_000  # values that YAML aliases may add to what the file spells out
MAX_INT_DIGITS = 4000  # longer integers become infinities (Python refuses to parse past 4300)
_YAML11_NUMBER = re.compile(r"^[-+]?(?:0[0-7_]+|0[bBoOxX][0-9a-fA-F_]+|[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?"
                            r"|[0-9][0-9_]*_[0-9_]*(?:\.[0-9_]*)?|0[0-9]+\.[0-9]*)$")
_MERGE_TAG = "tag:yaml.org,2002:merge"


def yaml11_number(value: Any) -> bool:
    """Whether ``value`` is text that YAML 1.1 would have read as a number (octal ``010``, ``0x1f``,
    sexagesimal ``1:30``, ``1_000``) and this loader, like YAML 1.2, keeps as a string."""
    return isinstance(value, str) and _YAML11_NUMBER.match(value) is not None


def _int(text: str) -> int | float:
    """A decimal integer; past :data:`MAX_INT_DIGITS` digits an infinity (the schema rejects it)."""
    digits = text.lstrip("+-")
    if len(digits) > MAX_INT_DIGITS:
        return float(text)  # +-inf: float() has no digit limit
    return int(text)


def _loader_class() -> type:
    """A safe YAML loader with YAML 1.2-like scalars: decimal integers and floats only (no octal
    ``010``, no ``0x``, no sexagesimal ``1:30``, no ``1_000``, no timestamps: those stay strings);
    booleans, nulls and merge keys (``<<: *base``) as in YAML 1.1. Built once, on first use."""
    global _LOADER
    if _LOADER is not None:
        return _LOADER
    import yaml
    from yaml.constructor import ConstructorError

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    int_re = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
    float_re = re.compile(r"^(?:[-+]?(?:0|[1-9][0-9]*)(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?"
                          r"|[-+]?\.[0-9]+(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$")

    class InventoryLoader(base):  # type: ignore[misc, valid-type]
        pass

    resolvers: dict[str | None, list] = {}
    for first, entries in base.yaml_implicit_resolvers.items():
        kept = [(tag, rx) for tag, rx in entries if tag in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:null",
                                                            _MERGE_TAG)]
        if kept:
            resolvers[first] = kept
    InventoryLoader.yaml_implicit_resolvers = resolvers
    # floats need a dot or an exponent, so that integers (tried first) stay integers
    InventoryLoader.add_implicit_resolver("tag:yaml.org,2002:int", int_re, list("-+0123456789"))
    InventoryLoader.add_implicit_resolver(
        "tag:yaml.org,2002:float", re.compile(r"^(?:[-+]?(?:0|[1-9][0-9]*)(?:\.[0-9]*(?:[eE][-+]?[0-9]+)?"
                                              r"|[eE][-+]?[0-9]+)|[-+]?\.[0-9]+(?:[eE][-+]?[0-9]+)?"
                                              r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
        list("-+0123456789."))

    def construct_int(loader, node):  # also for an explicit !!int: decimal only
        value = loader.construct_scalar(node)
        if not int_re.match(value.strip()):
            raise ConstructorError(None, None, f"'{value}' is not a decimal integer", node.start_mark)
        return _int(value.strip())

    def construct_float(loader, node):
        value = loader.construct_scalar(node).strip()
        if not float_re.match(value):
            raise ConstructorError(None, None, f"'{value}' is not a decimal number", node.start_mark)
        lowered = value.lower()
        if lowered.endswith(".inf"):
            return float(lowered[:-4] + "inf")  # .inf, +.inf, -.inf
        return math.nan if lowered == ".nan" else float(lowered)

    InventoryLoader.add_constructor("tag:yaml.org,2002:int", construct_int)
    InventoryLoader.add_constructor("tag:yaml.org,2002:float", construct_float)
    _LOADER = InventoryLoader
    return _LOADER


_LOADER: type | None = None


def _positions(root: Any, out: dict[JsonPath, tuple[int, int, int, int]]) -> None:
    """Record the 1-based (line, column, end line, end column) of every value in a YAML node tree.

    A node reached again through an alias is recorded at its new path but not walked again: the
    paths below it fall back to the alias's own position (see :meth:`LocatedDocument.span`).
    """
    import yaml

    seen: set[int] = set()
    stack: list[tuple[Any, JsonPath]] = [(root, ())]
    while stack:
        node, path = stack.pop()
        s, e = node.start_mark, node.end_mark
        out.setdefault(path, (s.line + 1, s.column + 1, e.line + 1, e.column + 1))
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            stack.extend((value, path + (key.value,)) for key, value in reversed(node.value)
                         if isinstance(key, yaml.ScalarNode))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, path + (i,)) for i, item in reversed(list(enumerate(node.value))))


class LocatedDocument:
    """The parsed document and a span for any JSON path in it (the nearest recorded ancestor).

    Positions come from the composed YAML tree; a JSON inventory (parsed by :mod:`json`, a
    hundred times faster) is composed only when a diagnostic needs a position.
    """

    def __init__(self, path: str, text: str, data: Any, root: Any = None) -> None:
        self.path, self.text, self.data, self._root = path, text, data, root
        self._positions: dict[JsonPath, tuple[int, int, int, int]] | None = None

    def span(self, where: Iterable[str | int]) -> Span:
        if self._positions is None:
            self._positions = {}
            root = self._root
            if root is None:
                loader = _loader_class()(self.text)
                try:
                    root = loader.get_single_node()
                finally:
                    loader.dispose()
            if root is not None:
                _positions(root, self._positions)
        key = tuple(where)
        while key and key not in self._positions:
            key = key[:-1]
        line, col, end_line, end_col = self._positions.get(key, (1, 1, 1, 2))
        if end_line != line:  # a block value: point at its first line only
            end_line, end_col = line, col + 1
        return Span(self.path, line, col, end_line, max(end_col, col + 1))


class _DuplicateKey(ValueError):
    pass


def _unique_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        raise _DuplicateKey  # the YAML parser then says where
    return out


def _read_text(path: str, sink: DiagnosticSink) -> str | None:
    """The file's text: a regular file of at most :data:`MAX_INVENTORY_BYTES`, UTF-8 (RA520 else).

    Read with :func:`racompiler.readfile.read_regular`: a FIFO would block, /dev/zero never ends.
    """
    where = Span.point(path)
    hint = "give a YAML or JSON file listing the discovered nodes"
    try:
        data = read_regular(path, MAX_INVENTORY_BYTES)
    except NotRegularFile as exc:
        sink.report(codes.RA520, f"the inventory is {exc.kind}, not a regular file", where, hint=hint)
        return None
    except FileTooLarge:
        sink.report(codes.RA520, f"the inventory is larger than {MAX_INVENTORY_BYTES // 2**20} MiB", where,
                    hint="split the nodes over several inventories, or bind a part of the site at a time")
        return None
    except OSError as exc:
        sink.report(codes.RA520, f"cannot read the inventory: {exc.strerror or type(exc).__name__}", where, hint=hint)
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        sink.report(codes.RA520, f"the inventory is not valid UTF-8 (byte 0x{data[exc.start]:02x})",
                    Span.point(path, line, col), hint="save the file as UTF-8")
        return None


def _mark_span(path: str, node: Any) -> Span:
    s, e = node.start_mark, node.end_mark
    end_line, end_col = (e.line + 1, e.column + 1) if e.line == s.line else (s.line + 1, s.column + 2)
    return Span(path, s.line + 1, s.column + 1, end_line, max(end_col, s.column + 2))


def _check_tree(root: Any, loader: Any, path: str, sink: DiagnosticSink) -> bool:
    """RA520 for nesting past :data:`MAX_DEPTH` or an alias that contains itself, RA529 for aliases
    adding more than :data:`MAX_ALIAS_VALUES` values, RA528 for a key given twice in a mapping.

    One walk over the distinct mappings and sequences of the composed tree (an alias is the node
    it names, so a billion laughs is a few dozen nodes), never over the expansion. Scalars are
    counted where they appear (an aliased scalar adds one value per alias, as the text does).
    True when nothing was found.
    """
    import yaml

    scalar = yaml.ScalarNode
    mapping = yaml.MappingNode
    sizes: dict[int, int] = {}  # values at and below each collection, aliases expanded
    heights: dict[int, int] = {}
    reached: dict[int, int] = {}  # how often each collection is reached (more than once: aliased)
    nodes: dict[int, Any] = {}
    open_: set[int] = set()  # collections being walked: reaching one again is a cycle
    distinct = 0
    ok = True
    stack: list[tuple[Any, int, bool]] = [(root, 1, False)]
    while stack:
        node, depth, done = stack.pop()
        key = id(node)
        if done:
            size = height = 1
            for child in (x for pair in node.value for x in pair) if type(node) is mapping else node.value:
                if type(child) is scalar:
                    size += 1
                else:
                    size += sizes[id(child)]
                    height = max(height, heights[id(child)] + 1)
            sizes[key], heights[key] = size, height
            open_.discard(key)
            continue
        if type(node) is scalar:
            continue
        reached[key] = reached.get(key, 0) + 1
        if key in open_:
            sink.report(codes.RA520, f"{_short_path(_path_to(root, node))}: an alias refers to a value that contains it",
                        _mark_span(path, node), hint="YAML aliases may repeat a value, not nest it in itself")
            return False
        if key in sizes:  # reached again through an alias: its nesting counts from here
            if depth - 1 + heights[key] <= MAX_DEPTH:
                continue
        if depth > MAX_DEPTH or key in sizes:
            sink.report(codes.RA520, f"{_short_path(_path_to(root, node))}: the inventory nests deeper than "
                                     f"{MAX_DEPTH} levels", _mark_span(path, node))
            return False
        nodes[key] = node
        open_.add(key)
        stack.append((node, depth, True))
        if type(node) is mapping:
            distinct += 1 + 2 * len(node.value)
            if not _unique_keys(node, loader, root, path, sink):
                ok = False
            for k, v in node.value:
                if type(k) is not scalar:
                    stack.append((k, depth + 1, False))
                if type(v) is not scalar:
                    stack.append((v, depth + 1, False))
        else:
            distinct += 1 + len(node.value)
            stack.extend((item, depth + 1, False) for item in node.value if type(item) is not scalar)
    extra = sizes.get(id(root), 1) - max(distinct, 1)
    if extra > MAX_ALIAS_VALUES:
        worst = max((k for k, n in reached.items() if n > 1), key=lambda k: (reached[k] - 1) * sizes[k])
        sink.report(codes.RA529, f"YAML aliases expand the inventory by {_count(extra)} values, more than the "
                                 f"{MAX_ALIAS_VALUES:,} allowed: the value anchored here ({_count(sizes[worst])} values) "
                                 f"is used {reached[worst]:,} times", _mark_span(path, nodes[worst]),
                    hint="write the repeated values out, or share fewer of them")
        return False
    return ok


def _path_to(root: Any, target: Any) -> JsonPath:
    """The JSON path at which ``target`` is first reached from ``root`` (only for a diagnostic)."""
    import yaml

    seen: set[int] = set()
    stack: list[tuple[Any, JsonPath]] = [(root, ())]
    while stack:
        node, where = stack.pop()
        if node is target:
            return where
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for k, v in reversed(node.value):
                step = k.value if isinstance(k, yaml.ScalarNode) else "?"
                stack.extend([(v, where + (step,)), (k, where + (step,))])
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, where + (i,)) for i, item in reversed(list(enumerate(node.value))))
    return ()


def _short_path(where: JsonPath) -> str:
    return json_path(where) if len(where) <= 6 else json_path(where[:5]) + "..."


def _count(n: int) -> str:
    return f"{n:,}" if n < 10**15 else f"about 10^{len(str(n)) - 1}"


def _unique_keys(node: Any, loader: Any, root: Any, path: str, sink: DiagnosticSink) -> bool:
    """RA528 for each key of a mapping that an earlier key of it already names (compared as the
    values they construct to, as a dict would: ``1`` and ``1.0`` are one key). Merge keys
    (``<<: *base``) are not compared: the keys written beside one override what it brings."""
    import yaml

    str_tag = "tag:yaml.org,2002:str"
    keys = node.value
    if all(k.tag == str_tag for k, _v in keys) and len({k.value for k, _v in keys}) == len(keys):
        return True  # the common case: distinct text keys
    first: dict[Any, Any] = {}
    ok = True
    for key, _value in keys:
        if not isinstance(key, yaml.ScalarNode) or key.tag == _MERGE_TAG:
            continue
        try:
            name = key.value if key.tag == str_tag else loader.construct_object(key)
            hash(name)
        except (yaml.YAMLError, TypeError, ValueError):
            continue  # the construction reports it
        if name in first:
            where = _path_to(root, node) + (key.value,)
            sink.report(codes.RA528, f"{json_path(where)}: key '{key.value}' is given twice in this mapping",
                        _mark_span(path, key), related=[Related(_mark_span(path, first[name]), "first given here")],
                        hint="YAML would silently keep the last value; remove one of them")
            ok = False
        else:
            first[name] = key
    return ok


def read_document(path: str, sink: DiagnosticSink, sources: dict[str, str] | None) -> LocatedDocument | None:
    """Parse the file; RA520 (at the parser's position) when it cannot be read or parsed, RA528
    and RA529 for duplicate keys and alias expansion (see :func:`_check_tree`)."""
    import yaml

    text = _read_text(path, sink)
    if text is None:
        return None
    if sources is not None:
        sources[path] = text
    if text.lstrip().startswith("{"):  # JSON: parsed a hundred times faster than by PyYAML
        try:
            data = json.loads(text, object_pairs_hook=_unique_pairs, parse_int=_int)
            if _json_depth_ok(data):
                return LocatedDocument(path, text, data)
        except (ValueError, RecursionError):
            pass  # let the YAML parser say where (JSON is YAML's flow syntax)
    loader = _loader_class()(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return LocatedDocument(path, text, None)
        if not _check_tree(root, loader, path, sink):
            return None
        return LocatedDocument(path, text, loader.construct_document(root), root)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        sink.report(codes.RA520, f"the inventory is not valid YAML or JSON: {problem}", Span.point(path, line, col))
        return None
    finally:
        loader.dispose()


def _json_depth_ok(data: Any) -> bool:
    """Whether parsed JSON nests at most :data:`MAX_DEPTH` deep (else the YAML path reports where)."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            return False
        if isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values() if isinstance(v, (dict, list)))
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value if isinstance(v, (dict, list)))
    return True
