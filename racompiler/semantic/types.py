"""The RA type system: type expressions, value checking and constraints.

Types: ``string``, ``int``, ``float``, ``bool``, ``cidr``, ``ip``, ``size`` (bytes, written with a
unit), ``enum(a, b, ...)`` and ``list(T)``. Checking turns an AST expression into a plain Python
value (``str``, ``int``, ``float``, ``bool``, ``list``) or reports why it cannot.
"""

from __future__ import annotations

import ipaddress
import re
from typing import Any, Callable

from racompiler.diagnostics import DiagnosticSink, Span, codes
from racompiler.semantic.suggest import did_you_mean
from racompiler.syntax import ast
from racompiler.records import record

SCALARS = ("string", "int", "float", "bool", "cidr", "ip", "size")

BYTE_UNITS = {
    "KB": 10**3, "MB": 10**6, "GB": 10**9, "TB": 10**12, "PB": 10**15,
    "KiB": 2**10, "MiB": 2**20, "GiB": 2**30, "TiB": 2**40, "PiB": 2**50,
}
SPEED_UNITS = {"Mbps": 1, "Gbps": 1000, "Tbps": 1000_000}  # in Mbit/s
MAX_SIZE_BYTES = 2**53  # 8 PiB: past this a byte count is no longer exact in JSON consumers


@record
class Type:
    kind: str  # one of SCALARS, "enum" or "list"
    choices: tuple[str, ...] = ()
    element: "Type | None" = None

    def __str__(self) -> str:
        if self.kind == "enum":
            return "enum(" + ", ".join(self.choices) + ")"
        if self.kind == "list":
            return f"list({self.element})"
        return self.kind

    def to_json(self) -> Any:
        if self.kind == "enum":
            return {"enum": list(self.choices)}
        if self.kind == "list":
            return {"list": self.element.to_json() if self.element else None}
        return self.kind


def parse_type(expr: ast.Expr, sink: DiagnosticSink) -> Type | None:
    """A :class:`Type` from ``int``, ``enum(a, b)``, ``list(string)``...; RA311 when invalid."""
    if isinstance(expr, ast.Ref) and len(expr.parts) == 1 and expr.parts[0] in SCALARS:
        return Type(expr.parts[0])
    if isinstance(expr, ast.Call) and expr.name == "enum":
        choices = []
        for a in expr.args:
            if isinstance(a, ast.String):
                choices.append(a.value)
            elif isinstance(a, ast.Ref) and len(a.parts) == 1:
                choices.append(a.parts[0])
            else:
                sink.report(codes.RA311, f"enum choices are names or strings, not {ast.describe(a)}", a.span)
                return None
        if not choices:
            sink.report(codes.RA311, "enum() needs at least one choice", expr.span)
            return None
        return Type("enum", tuple(choices))
    if isinstance(expr, ast.Call) and expr.name == "list" and len(expr.args) == 1:
        inner = parse_type(expr.args[0], sink)
        return Type("list", element=inner) if inner else None
    written = expr.dotted if isinstance(expr, ast.Ref) else (expr.name if isinstance(expr, ast.Call) else "")
    sink.report(codes.RA311, f"'{written or ast.describe(expr)}' is not a type", expr.span,
                hint=did_you_mean(written, SCALARS + ("enum", "list")) if written else
                "types: " + ", ".join(SCALARS) + ", enum(...), list(T)")
    return None


# A resolver of bare names in value position (parameters); returns (value, type, span) or None.
@record
class NotAParameter:
    """What a name lookup returns for a bare name that binds no usable parameter.

    ``poisoned``: the parameter exists but its own default was wrong (already reported), so a use
    is not "undefined" and gets no second diagnostic. ``candidates``: parameter names for a
    did-you-mean, computed only when a diagnostic is written.
    """

    poisoned: bool = False
    candidates: tuple[str, ...] = ()


NameLookup = Callable[[ast.Ref], "tuple[Any, Type, Span] | NotAParameter | None"]


@record
class Checked:
    value: Any
    via: tuple[Span, ...] = ()  # parameter declarations the value came through
    decided_by: tuple[Span, ...] = ()  # parameter declarations an if() condition read


def assignable(src: Type, dst: Type) -> bool:
    if src == dst:
        return True
    if src.kind == "int" and dst.kind == "float":
        return True
    if src.kind == "enum" and dst.kind == "enum":
        return set(src.choices) <= set(dst.choices)
    if src.kind == "enum" and dst.kind == "string":
        return True
    if src.kind == "list" and dst.kind == "list" and src.element and dst.element:
        return assignable(src.element, dst.element)
    return False


def _check_if(t: Type, expr: ast.Call, sink: DiagnosticSink, what: str,
              lookup: NameLookup | None) -> Checked | None:
    """``if(condition, value when true, value when false)``: both branches are checked, so the
    branch not taken today cannot hide a mistake; the condition is a bool (usually a parameter)."""
    if len(expr.args) != 3:
        sink.report(codes.RA303, f"{what}: if() takes three values, found {len(expr.args)}", expr.span,
                    hint="if(condition, value when true, value when false)")
        return None
    cond = check_value(Type("bool"), expr.args[0], sink, f"the condition in {what}", lookup)
    yes = check_value(t, expr.args[1], sink, what, lookup)
    no = check_value(t, expr.args[2], sink, what, lookup)
    if cond is None or yes is None or no is None:
        return None
    chosen = yes if cond.value else no
    return Checked(chosen.value, cond.via + chosen.via, cond.via + cond.decided_by + chosen.decided_by)


def check_value(t: Type, expr: ast.Expr, sink: DiagnosticSink, what: str,
                lookup: NameLookup | None = None) -> Checked | None:
    """Check ``expr`` against ``t``; the Python value, or None after reporting why not."""
    if isinstance(expr, ast.Call) and expr.name == "if":
        return _check_if(t, expr, sink, what, lookup)
    candidates: tuple[str, ...] = ()
    if isinstance(expr, ast.Ref) and lookup is not None:
        found = lookup(expr)
        if isinstance(found, NotAParameter):
            if found.poisoned:
                return None
            candidates = found.candidates
        elif found is not None:
            value, src_type, decl_span = found
            if not assignable(src_type, t):
                sink.report(codes.RA303, f"{what} must be {t}, but parameter '{expr.dotted}' is {src_type}", expr.span)
                return None
            if t.kind == "float" and isinstance(value, int) and not isinstance(value, bool):
                value = float(value)
            return Checked(value, (decl_span,))
    if t.kind == "enum":
        name = expr.value if isinstance(expr, ast.String) else (
            expr.dotted if isinstance(expr, ast.Ref) and len(expr.parts) == 1 else None)
        if name is None:
            return _mismatch(t, expr, sink, what)
        if name not in t.choices:
            sink.report(codes.RA304, f"{what}: '{name}' is not one of {', '.join(t.choices)}", expr.span,
                        hint=did_you_mean(name, t.choices))
            return None
        return Checked(name)
    if isinstance(expr, ast.Ref):
        sink.report(codes.RA201, f"undefined name '{expr.dotted}' in {what}", expr.span,
                    hint=did_you_mean(expr.dotted, candidates) or "a bare name here must be a parameter")
        return None
    if t.kind == "list":
        if not isinstance(expr, ast.ListExpr):
            return _mismatch(t, expr, sink, what)
        out: list[Any] = []
        via: list[Span] = []
        for item in expr.items:
            c = check_value(t.element, item, sink, f"an item of {what}", lookup)  # type: ignore[arg-type]
            if c is None:
                return None
            out.append(c.value)
            via.extend(c.via)
        return Checked(out, tuple(via))
    checker = _SCALAR_CHECKS[t.kind]
    return checker(t, expr, sink, what)


def _mismatch(t: Type, expr: ast.Expr, sink: DiagnosticSink, what: str) -> "Checked | None":
    """Report RA303 (``expr`` is not a ``t``); always None, the no-value result, so that a
    checker can ``return _mismatch(...)``."""
    sink.report(codes.RA303, f"{what} must be {t}, not {ast.describe(expr)}", expr.span)
    return None


def _check_string(t, expr, sink, what):
    return Checked(expr.value) if isinstance(expr, ast.String) else _mismatch(t, expr, sink, what)


def _check_int(t, expr, sink, what):
    if isinstance(expr, ast.Number) and isinstance(expr.value, int):
        return Checked(expr.value)
    return _mismatch(t, expr, sink, what)


def _check_float(t, expr, sink, what):
    if isinstance(expr, ast.Number):
        return Checked(float(expr.value))
    return _mismatch(t, expr, sink, what)


def _check_bool(t, expr, sink, what):
    return Checked(expr.value) if isinstance(expr, ast.Bool) else _mismatch(t, expr, sink, what)


def _check_cidr(t, expr, sink, what):
    if not isinstance(expr, ast.String):
        return _mismatch(t, expr, sink, what)
    try:
        net = ipaddress.ip_network(expr.value, strict=True)
    except ValueError as exc:
        hint = None
        try:
            hint = f"did you mean '{ipaddress.ip_network(expr.value, strict=False)}'?"
        except ValueError:
            pass
        sink.report(codes.RA305, f"{what}: '{expr.value}' is not a valid CIDR ({exc})", expr.span, hint=hint)
        return None
    return Checked(str(net))


def _check_ip(t, expr, sink, what):
    if not isinstance(expr, ast.String):
        return _mismatch(t, expr, sink, what)
    try:
        return Checked(str(ipaddress.ip_address(expr.value)))
    except ValueError:
        sink.report(codes.RA305, f"{what}: '{expr.value}' is not a valid IP address", expr.span)
        return None


def _check_size(t, expr, sink, what):
    if isinstance(expr, ast.Size) and expr.unit in BYTE_UNITS:
        value = int(expr.value * BYTE_UNITS[expr.unit])
        if value < 0:
            sink.report(codes.RA304, f"{what} cannot be negative", expr.span)
            return None
        if value > MAX_SIZE_BYTES:
            sink.report(codes.RA308, f"{what} = {expr.value} {expr.unit} is beyond the compiler's limit of 8 PiB",
                        expr.span)
            return None
        return Checked(value)
    if isinstance(expr, ast.Size):
        sink.report(codes.RA309, f"{what} is a size in bytes; '{expr.unit}' is not a size unit", expr.span,
                    hint="use GiB, GB, TiB, TB...")
        return None
    return _mismatch(t, expr, sink, what)


_SCALAR_CHECKS = {
    "string": _check_string, "int": _check_int, "float": _check_float, "bool": _check_bool,
    "cidr": _check_cidr, "ip": _check_ip, "size": _check_size,
}


def check_constraints(value: Any, t: Type, span: Span, sink: DiagnosticSink, what: str,
                      rng: tuple[float, float] | None, allowed: list | None, pattern: str | None) -> bool:
    """Range, allowed values and pattern; True when ``value`` satisfies all of them."""
    ok = True
    if rng is not None and isinstance(value, (int, float)) and not isinstance(value, bool):
        lo, hi = rng
        if not lo <= value <= hi:
            sink.report(codes.RA304, f"{what} = {value} is outside the range {_num(lo)}..{_num(hi)}", span)
            ok = False
    if allowed is not None and value not in allowed:
        sink.report(codes.RA304, f"{what} = {value!r} is not an allowed value", span,
                    hint="allowed: " + ", ".join(repr(a) for a in allowed))
        ok = False
    if pattern is not None and isinstance(value, str) and re.fullmatch(pattern, value) is None:
        sink.report(codes.RA304, f"{what} = {value!r} does not match the pattern {pattern!r}", span)
        ok = False
    return ok


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)
