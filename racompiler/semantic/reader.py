"""A schema-checking reader over one AST block.

Decoders ask a :class:`BlockReader` for the keys they understand (``reader.int("count")``); when
they are done, :meth:`BlockReader.finish` reports every key and nested block nobody asked for,
with a did-you-mean hint drawn from the keys that *were* asked for. This is how unknown keys are
caught without a hand-kept list per block kind (the pattern of HCL's schema decoding).
"""

from __future__ import annotations

import builtins  # the reader has a method named bool: annotations after it say builtins.bool
import difflib

from racompiler.diagnostics import DiagnosticSink, Related, Span, codes
from racompiler.semantic.decl import Name
from racompiler.semantic.suggest import did_you_mean, to_identifier
from racompiler.syntax import ast


class BlockReader:
    """Typed access to a block's attributes and sub-blocks, recording what was read."""

    def __init__(self, block: ast.Block, sink: DiagnosticSink, context: str,
                 allowed_ops: frozenset[str] = frozenset({"="})) -> None:
        self.block = block
        self.sink = sink
        self.context = context
        self._attrs: dict[str, ast.Attribute] = {}
        self._blocks: dict[str, list[ast.Block]] = {}
        self._known: set[str] = set()
        self._suggested: set[str] = set()
        for item in block.body:
            if isinstance(item, ast.Attribute):
                if item.op not in allowed_ops:
                    # The operator is the mistake; reporting "set twice" for `runs += [..]` after
                    # `runs = [..]` would point the architect at the wrong fix.
                    sink.report(
                        codes.RA313,
                        f"'{item.op}' is not allowed on '{item.name}' in {context}",
                        item.name_span,
                        hint="use '=' here; '+=' and '-=' belong in overlays (modify blocks)",
                    )
                    if item.name in self._attrs:
                        continue  # an append to a key already set: RA313 says it all
                    # Otherwise keep it as if written with '=', so a required key is not also
                    # reported missing.
                    item = ast.Attribute(item.name, item.name_span, "=", item.value, item.span)
                first = self._attrs.get(item.name)
                if first is not None:
                    sink.report(
                        codes.RA310,
                        f"'{item.name}' is set twice in {context}",
                        item.name_span,
                        related=[Related(first.name_span, "first set here")],
                        hint="remove one of them",
                    )
                    continue
                self._attrs[item.name] = item
            else:
                self._blocks.setdefault(item.kind, []).append(item)

    # -- labels --------------------------------------------------------------------------
    def labels(self, minimum: int, maximum: int, what: str) -> list[ast.Label]:
        """The block's labels, reporting RA312 when there are too few or too many."""
        labels = list(self.block.labels)
        if not (minimum <= len(labels) <= maximum):
            expect = f"{minimum}" if minimum == maximum else f"{minimum} to {maximum}"
            self.sink.report(
                codes.RA312,
                f"'{self.block.kind}' takes {expect} label(s) ({what}), found {len(labels)}",
                self.block.kind_span,
                hint=f"write it as: {self.block.kind} {what} {{ ... }}",
            )
        return labels

    def name_label(self, what: str = "NAME") -> Name | None:
        """The first label as an identifier name plus an optional quoted doc label."""
        labels = self.labels(1, 2, f'{what} ["description"]')
        if not labels:
            return None
        first = labels[0]
        if first.quoted:
            self.sink.report(codes.RA303, f"the name of a {self.block.kind} must be a bare identifier, not a string",
                             first.span, hint=f"write {self.block.kind} {to_identifier(first.value)} ...")
            return None
        if len(labels) == 2 and not labels[1].quoted:
            self.sink.report(codes.RA303, f"the second label of a {self.block.kind} is its description and must be a string",
                             labels[1].span)
        return Name(first.value, first.span)

    def doc(self) -> str:
        """The description: a quoted second label, or a ``description`` attribute."""
        labels = self.block.labels
        label_doc = labels[1].value if len(labels) >= 2 and labels[1].quoted else ""
        attr_doc = self.string("description")
        return attr_doc if attr_doc is not None else label_doc

    # -- attributes ----------------------------------------------------------------------
    def attr(self, key: str) -> ast.Attribute | None:
        self._known.add(key)
        return self._attrs.get(key)

    def expr(self, key: str) -> ast.Expr | None:
        a = self.attr(key)
        return a.value if a else None

    def _mismatch(self, key: str, expr: ast.Expr, wanted: str) -> None:
        self.sink.report(
            codes.RA303,
            f"'{key}' in {self.context} must be {wanted}, not {ast.describe(expr)}",
            expr.span,
        )

    def string(self, key: str) -> str | None:
        e = self.expr(key)
        if e is None:
            return None
        if not isinstance(e, ast.String):
            self._mismatch(key, e, "a string")
            return None
        return e.value

    def string_expr(self, key: str) -> ast.String | None:
        e = self.expr(key)
        if e is not None and not isinstance(e, ast.String):
            self._mismatch(key, e, "a string")
            return None
        return e

    def int(self, key: str, minimum: int | None = None) -> int | None:
        e = self.expr(key)
        if e is None:
            return None
        if not isinstance(e, ast.Number) or not isinstance(e.value, int):
            self._mismatch(key, e, "a whole number")
            return None
        if minimum is not None and e.value < minimum:
            self.sink.report(codes.RA304, f"'{key}' in {self.context} must be at least {minimum}, got {e.value}", e.span)
            return None
        return e.value

    def bool(self, key: str) -> bool | None:
        e = self.expr(key)
        if e is None:
            return None
        if not isinstance(e, ast.Bool):
            self._mismatch(key, e, "true or false")
            return None
        return e.value

    def name(self, key: str, dotted: builtins.bool = False) -> Name | None:
        """A reference written as a bare (or, with ``dotted``, dotted) name."""
        e = self.expr(key)
        if e is None:
            return None
        return self._as_name(key, e, dotted)

    def names(self, key: str, dotted: builtins.bool = False) -> tuple[Name, ...]:
        """A list of names; a single name is accepted as a one-element list."""
        e = self.expr(key)
        if e is None:
            return ()
        items = e.items if isinstance(e, ast.ListExpr) else (e,)
        out = []
        for item in items:
            n = self._as_name(key, item, dotted)
            if n is not None:
                out.append(n)
        return tuple(out)

    def _as_name(self, key: str, e: ast.Expr, dotted: builtins.bool) -> Name | None:
        if isinstance(e, ast.Ref) and (dotted or len(e.parts) == 1):
            return Name(e.dotted, e.span)
        if isinstance(e, ast.String):
            # A quoted name is accepted: some names (versions, ids) read better quoted.
            return Name(e.value, e.span)
        self._mismatch(key, e, "a dotted name" if dotted else "a name")
        return None

    def sealed(self) -> None:
        """Accept ``sealed = true`` or ``sealed = [keys]`` (read by the overlay stage)."""
        e = self.expr("sealed")
        if e is None or isinstance(e, ast.Bool):
            return
        keys = [x for x in e.items if isinstance(x, ast.Ref) and len(x.parts) == 1] \
            if isinstance(e, ast.ListExpr) else None
        if keys is not None and isinstance(e, ast.ListExpr) and len(keys) == len(e.items):
            known = self._known | set(self._attrs) | set(self._blocks)
            for x in keys:
                if x.dotted not in known:
                    self.sink.report(codes.RA301, f"cannot seal unknown key '{x.dotted}' in {self.context}", x.span,
                                     hint=did_you_mean(x.dotted, known))
            return
        self._mismatch("sealed", e, "true, false or a list of keys")

    # -- nested blocks -------------------------------------------------------------------
    def blocks(self, kind: str) -> list[ast.Block]:
        self._known.add(kind)
        return self._blocks.get(kind, [])

    def finish(self) -> None:
        """Report every attribute or block that no decoder asked for (RA301)."""
        for name, attr in self._attrs.items():
            if name not in self._known:
                self._unknown(name, attr.name_span, "key")
        for kind, blocks in self._blocks.items():
            if kind not in self._known:
                for b in blocks:
                    self._unknown(kind, b.kind_span, "block")

    def mentioned(self, key: str) -> builtins.bool:
        """True when an unknown key was reported with ``key`` as its suggestion.

        Decoders use it to skip a "missing key" error that would only repeat the typo's report.
        """
        return key in self._suggested

    def _unknown(self, name: str, span: Span, what: str) -> None:
        known = sorted(self._known)
        hint = did_you_mean(name, known) or (f"known here: {', '.join(known)}" if known else None)
        self._suggested.update(difflib.get_close_matches(name, known, n=2, cutoff=0.6))
        self.sink.report(codes.RA301, f"unknown {what} '{name}' in {self.context}", span, hint=hint)
