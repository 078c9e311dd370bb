"""Site overlays: a site RA ``extends`` a base RA and changes it with explicit operations.

Overlays are applied to the AST, before decoding, so that the merged architecture is checked by
exactly the same decoder, resolver and rules as a hand-written one, and every merged value keeps
the span of the layer that wrote it. The operations:

- ``modify KIND NAME { key = v }`` replaces a key; ``key += [..]`` appends to a list;
  ``key -= [..]`` removes items from a list; a nested block (``disk data { .. }``) merges into
  the base's nested block of the same name. KIND is role, network, hardware, parameter or output.
- ``remove KIND NAME {}`` drops an entity.
- a plain block (``role storage2 { .. }``) adds an entity; adding one the base already has is an
  error (use modify). ``configure`` blocks set attributes over the base's (last layer wins),
  ``architecture`` renames (keeping the base's ``release`` unless it sets one), ``interop`` replaces.

Touching something the base lacks is an error with a did-you-mean (RA210); a base marks an
entity or some of its keys ``sealed = true`` / ``sealed = [count]`` to forbid changes (RA211).
Every change is recorded in a history (path -> provenance list) so ``explain`` shows each layer.
"""

from __future__ import annotations


from racompiler.diagnostics import DiagnosticSink, Related, Span, codes
from racompiler.records import field, record, replace
from racompiler.semantic.model import Provenance
from racompiler.semantic.suggest import did_you_mean
from racompiler.syntax import ast

# Entity kinds an overlay may modify or remove, and their path prefix (as in `explain` paths).
MODIFIABLE = {"role": "roles", "network": "networks", "hardware": "hardware", "parameter": "params",
              "output": "outputs"}
REPLACED_WHOLE = ("architecture", "interop")
# Keys a replacing block keeps from the block it replaces unless it sets them: a site of a 2024.1
# base is a 2024.1 cloud, whatever it renames.
INHERITED = {"architecture": ("release",)}


def _inherit(new: ast.Block, old: ast.Block, keys: tuple[str, ...]) -> ast.Block:
    """``new`` plus the attributes of ``old`` named in ``keys`` that ``new`` does not set."""
    have = {a.name for a in new.attributes}
    kept = tuple(a for a in old.attributes if a.name in keys and a.name not in have)
    return replace(new, body=new.body + kept) if kept else new


@record
class Removal:
    kind: str
    name: str
    span: Span
    runs: tuple[str, ...]  # for roles: the components the removed role ran


@record(frozen=False)
class OverlayLog:
    """What the overlays did: per-path provenance history and the entities removed."""

    history: dict[str, list[Provenance]] = field(default_factory=dict)
    removals: list[Removal] = field(default_factory=list)
    layers: list[str] = field(default_factory=list)

    def record(self, path: str, base: ast.Attribute | None, prov: Provenance) -> None:
        entries = self.history.get(path)
        if entries is None:
            entries = self.history[path] = []
            if base is not None:
                entries.append(Provenance(base.span, "declared", f"{base.name} = {ast.expr_text(base.value)}"))
        entries.append(prov)


def _item_key(e: ast.Expr) -> str:
    """How list items are matched for ``-=``: by their text (a name or a string)."""
    if isinstance(e, ast.Ref):
        return e.dotted
    if isinstance(e, ast.String):
        return e.value
    return ast.expr_text(e)


def _entity_key(b: ast.Block) -> tuple[str, str] | None:
    if b.kind in MODIFIABLE and b.labels:
        return (b.kind, b.labels[0].value)
    return None


def _sealed(block: ast.Block) -> tuple[bool, set[str], ast.Attribute | None]:
    """(whole entity sealed, sealed keys, the sealed attribute) of a base block."""
    attr = next((a for a in block.attributes if a.name == "sealed"), None)
    if attr is None:
        return False, set(), None
    if isinstance(attr.value, ast.Bool):
        return attr.value.value, set(), attr
    if isinstance(attr.value, ast.ListExpr):
        return False, {_item_key(x) for x in attr.value.items}, attr
    return False, set(), attr


class _Applier:
    def __init__(self, sink: DiagnosticSink, log: OverlayLog) -> None:
        self.sink = sink
        self.log = log

    def apply(self, base: ast.Module, overlay: ast.Module) -> ast.Module:
        items: list[ast.Item] = [i for i in base.items if not isinstance(i, ast.ExtendsDecl)]
        index = {k: i for i, it in enumerate(items) if isinstance(it, ast.Block) and (k := _entity_key(it))}
        removed: set[int] = set()
        for item in overlay.items:
            if isinstance(item, ast.ExtendsDecl):
                continue
            if not isinstance(item, ast.Block):
                items.append(item)
                continue
            if item.kind == "remove" and len(item.labels) == 2 and item.labels[0].value == "configure":
                self._remove_configure(item, items, removed)
                continue
            if item.kind in ("modify", "remove"):
                target = self._target(item, index, items, removed)
                if target is None:
                    continue
                pos, base_block = target
                if item.kind == "remove":
                    self._remove(item, base_block)
                    removed.add(pos)
                else:
                    items[pos] = self._merge(base_block, item, f"{MODIFIABLE[base_block.kind]}.{base_block.labels[0].value}")
                continue
            key = _entity_key(item)
            if key is not None and key in index and index[key] not in removed:
                first = items[index[key]]
                self.sink.report(codes.RA202, f"{key[0]} '{key[1]}' is already defined by the base", item.labels[0].span,
                                 related=[Related(first.span, "defined here")],
                                 hint=f"change it with: modify {key[0]} {key[1]} {{ ... }}")
                continue
            if item.kind in REPLACED_WHOLE:
                for i, it in enumerate(items):
                    if isinstance(it, ast.Block) and it.kind == item.kind:
                        removed.add(i)
                        item = _inherit(item, it, INHERITED.get(item.kind, ()))
            if key is not None:
                index[key] = len(items)
            items.append(item)
        merged = tuple(it for i, it in enumerate(items) if i not in removed)
        return ast.Module(overlay.path, merged, overlay.span)

    def _target(self, op: ast.Block, index, items, removed) -> tuple[int, ast.Block] | None:
        if len(op.labels) != 2 or any(lb.quoted for lb in op.labels):
            self.sink.report(codes.RA312, f"'{op.kind}' takes two labels: {op.kind} KIND NAME", op.kind_span,
                             hint=f"for example: {op.kind} role compute {{ ... }}")
            return None
        kind, name = op.labels[0].value, op.labels[1].value
        if kind not in MODIFIABLE:
            self.sink.report(codes.RA301, f"cannot {op.kind} a '{kind}'", op.labels[0].span,
                             hint=did_you_mean(kind, MODIFIABLE) or "kinds: " + ", ".join(MODIFIABLE))
            return None
        pos = index.get((kind, name))
        if pos is None or pos in removed:
            names = [k[1] for k, i in index.items() if k[0] == kind and i not in removed]
            self.sink.report(codes.RA210, f"the base defines no {kind} '{name}'", op.labels[1].span,
                             hint=did_you_mean(name, names) or (f"the base's {kind}s: " + ", ".join(sorted(names))
                                                                 if names else None))
            return None
        base_block = items[pos]
        whole, _keys, seal = _sealed(base_block)
        if whole:
            self.sink.report(codes.RA211, f"{kind} '{name}' is sealed by the base and cannot be changed",
                             op.kind_span, related=[Related(seal.span, "sealed here")] if seal else [])
            return None
        return pos, base_block

    def _remove_configure(self, op: ast.Block, items: list, removed: set[int]) -> None:
        """``remove configure nova {}``: drop the base's attribute settings for a component."""
        name = op.labels[1].value
        hits = [i for i, it in enumerate(items) if isinstance(it, ast.Block) and it.kind == "configure"
                and it.labels and it.labels[0].value == name and i not in removed]
        if not hits:
            configured = sorted({it.labels[0].value for it in items if isinstance(it, ast.Block)
                                 and it.kind == "configure" and it.labels})
            self.sink.report(codes.RA210, f"the base has no configure block for '{name}'", op.labels[1].span,
                             hint=did_you_mean(name, configured))
            return
        for i in hits:
            whole, _keys, seal = _sealed(items[i])
            if seal is not None:
                self.sink.report(codes.RA211, f"configure {name} has sealed settings and cannot be removed",
                                 op.kind_span, related=[Related(seal.span, "sealed here")])
                return
        removed.update(hits)
        self.log.removals.append(Removal("configure", name, op.span, ()))

    def _remove(self, op: ast.Block, base_block: ast.Block) -> None:
        if op.body:
            self.sink.report(codes.RA301, "a remove block must be empty", op.body[0].span,
                             hint=f"write: remove {op.labels[0].value} {op.labels[1].value} {{}}")
        runs: tuple[str, ...] = ()
        runs_attr = next((a for a in base_block.attributes if a.name == "runs"), None)
        if runs_attr is not None and isinstance(runs_attr.value, ast.ListExpr):
            runs = tuple(_item_key(x).split(".")[0] for x in runs_attr.value.items)
        path = f"{MODIFIABLE[base_block.kind]}.{base_block.labels[0].value}"
        self.log.removals.append(Removal(base_block.kind, base_block.labels[0].value, op.span, runs))
        self.log.record(path, None, Provenance(op.span, "removed", ""))

    def _merge(self, base: ast.Block, mod: ast.Block, path: str) -> ast.Block:
        """``base`` with the attributes and nested blocks of ``mod`` applied."""
        _whole, sealed_keys, seal = _sealed(base)
        body = list(base.body)
        for item in mod.body:
            if isinstance(item, ast.Block):
                self._merge_nested(body, item, path)
                continue
            if item.name in sealed_keys:
                self.sink.report(codes.RA211, f"'{item.name}' of {path} is sealed by the base", item.name_span,
                                 related=[Related(seal.span, "sealed here")] if seal else [])
                continue
            found = next(((i, b) for i, b in enumerate(body) if isinstance(b, ast.Attribute) and b.name == item.name),
                         None)
            pos, base_attr = found if found is not None else (None, None)
            new = self._apply_op(base_attr, item, path)
            if new is None:
                continue
            if pos is None:
                body.append(new)
            else:
                body[pos] = new
        return replace(base, body=tuple(body))

    def _merge_nested(self, body: list, item: ast.Block, path: str) -> None:
        label = item.labels[0].value if item.labels else None
        pos = next((i for i, b in enumerate(body) if isinstance(b, ast.Block) and b.kind == item.kind
                    and (b.labels[0].value if b.labels else None) == label), None)
        if pos is None:
            names = [b.labels[0].value for b in body if isinstance(b, ast.Block) and b.kind == item.kind and b.labels]
            self.sink.report(codes.RA210, f"{path} has no {item.kind} {label or '(unnamed)'} to modify", item.kind_span,
                             hint=did_you_mean(label or "", names) if label else None)
            return
        body[pos] = self._merge(body[pos], item, f"{path}.{item.kind}" + (f".{label}" if label else ""))

    def _apply_op(self, base_attr: ast.Attribute | None, mod: ast.Attribute, path: str) -> ast.Attribute | None:
        key_path = f"{path}.{mod.name}"
        if mod.op == "=":
            self.log.record(key_path, base_attr, Provenance(mod.span, "set", f"{mod.name} = {ast.expr_text(mod.value)}"))
            return replace(mod, op="=")
        if not isinstance(mod.value, ast.ListExpr):
            self.sink.report(codes.RA303, f"'{mod.op}' takes a list, not {ast.describe(mod.value)}", mod.value.span,
                             hint=f"write: {mod.name} {mod.op} [item]")
            return None
        if base_attr is None or not isinstance(base_attr.value, ast.ListExpr):
            if mod.op == "+=" and base_attr is None:
                self.log.record(key_path, None, Provenance(mod.span, "append", f"{mod.name} += {ast.expr_text(mod.value)}"))
                return replace(mod, op="=")
            self.sink.report(codes.RA214, f"{key_path} is not a list in the base", mod.name_span)
            return None
        items = list(base_attr.value.items)
        if mod.op == "+=":
            items.extend(mod.value.items)
            verb = "append"
        else:
            verb = "remove"
            present = [_item_key(x) for x in items]
            for gone in mod.value.items:
                k = _item_key(gone)
                if k not in present:
                    self.sink.report(codes.RA214, f"{key_path} does not contain '{k}'", gone.span,
                                     hint=did_you_mean(k, present) or "it holds: " + ", ".join(present))
                    continue
                idx = present.index(k)
                del items[idx]
                del present[idx]
        self.log.record(key_path, base_attr, Provenance(mod.span, verb, f"{mod.name} {mod.op} {ast.expr_text(mod.value)}"))
        new_list = ast.ListExpr(tuple(items), mod.value.span)
        return ast.Attribute(mod.name, mod.name_span, "=", new_list, mod.span)


def apply_overlay(base: ast.Module, overlay: ast.Module, sink: DiagnosticSink, log: OverlayLog) -> ast.Module:
    """The module that results from applying ``overlay`` on top of the (effective) ``base``."""
    log.layers.append(overlay.path)
    return _Applier(sink, log).apply(base, overlay)


def reject_overlay_ops(module: ast.Module, sink: DiagnosticSink) -> ast.Module:
    """In a file that extends nothing, modify/remove make no sense: report and drop them."""
    kept = []
    for item in module.items:
        if isinstance(item, ast.Block) and item.kind in ("modify", "remove"):
            sink.report(codes.RA213, f"'{item.kind}' only makes sense in an overlay", item.kind_span,
                        hint="add 'extends BASE' at the top of this file, or edit the declaration directly")
            continue
        kept.append(item)
    return ast.Module(module.path, tuple(kept), module.span)
