"""``@record``: frozen, slotted value classes that are cheap to define.

``@dataclass(frozen=True, slots=True)`` compiles each generated method separately (about ten
``exec`` calls per class), inspects a signature for the docstring and then builds the class a
second time for its slots: 1-2 ms per class, so the ~70 AST, declaration and model classes cost a
cold ``check`` most of 100 ms before it reads a byte. ``@record`` generates the same methods (same
``__init__`` signature, ``repr``, equality, hash, ordering, immutability, pickling) from one
source string compiled once per class, and builds the slotted class once. It also fills in
``__dataclass_fields__``, so :func:`dataclasses.replace`, :func:`dataclasses.fields` and
:func:`dataclasses.asdict` keep working on records.

Supported: annotated fields with plain defaults (no ``field(...)``), no base class with fields.
Anything else falls back to :func:`dataclasses.dataclass` with the same options.
"""

from __future__ import annotations

import dataclasses
from operator import attrgetter
from typing import TYPE_CHECKING, Any, Callable, TypeVar, overload

if TYPE_CHECKING:
    # Tells mypy that a @record class is a frozen dataclass (PEP 681): its __init__, fields and
    # immutability are checked as for @dataclass(frozen=True). Type checkers only: no runtime cost.
    from typing_extensions import dataclass_transform
else:
    def dataclass_transform(**_kwargs: Any) -> Callable[[Any], Any]:
        return lambda f: f

T = TypeVar("T", bound=type)


@overload
def record(cls: T, /) -> T: ...


@overload
def record(*, order: bool = False) -> Callable[[T], T]: ...


@dataclass_transform(frozen_default=True)
def record(cls: T | None = None, /, *, order: bool = False) -> Any:
    """Decorate a class as ``@dataclass(frozen=True, slots=True[, order=True])`` would."""

    def wrap(c: T) -> T:
        return _build(c, order)

    return wrap if cls is None else wrap(cls)


def _fallback(cls: type, order: bool) -> Any:
    return dataclasses.dataclass(frozen=True, slots=True, order=order)(cls)


def _build(cls: type, order: bool) -> Any:
    ns = dict(cls.__dict__)
    annotations: dict[str, Any] = ns.get("__annotations__", {})
    names = [n for n, t in annotations.items() if not (isinstance(t, str) and "ClassVar" in t)]
    if len(names) != len(annotations) or any(hasattr(b, "__dataclass_fields__") for b in cls.__mro__[1:]):
        return _fallback(cls, order)
    defaults = {n: ns.pop(n) for n in names if n in ns}
    if any(isinstance(v, dataclasses.Field) for v in defaults.values()):
        return _fallback(cls, order)
    seen_default = False
    for n in names:  # the same rule (and error) as dataclasses
        if n in defaults:
            seen_default = True
        elif seen_default:
            raise TypeError(f"non-default argument {n!r} follows default argument")

    for meth, fn in _methods(cls, tuple(names), tuple(defaults[n] for n in names if n in defaults), order).items():
        if ns.get(meth) is None or meth in ("__setattr__", "__delattr__"):
            ns[meth] = fn  # a method the class writes itself wins (a bare __eq__ leaves __hash__ None)
    ns["__slots__"] = tuple(names)
    ns["__match_args__"] = tuple(names)
    ns.pop("__dict__", None)
    ns.pop("__weakref__", None)
    new = type(cls)(cls.__name__, cls.__bases__, ns)
    if ns.get("__init__") is None:  # made after the class: it needs the slots' descriptors
        init = _init(tuple(names), tuple(defaults[n] for n in names if n in defaults),
                     [new.__dict__[n].__set__ for n in names])
        init.__qualname__ = f"{cls.__qualname__}.__init__"
        init.__module__ = cls.__module__
        init.__annotations__ = {**{n: annotations[n] for n in names}, "return": None}  # for help()
        new.__init__ = init  # type: ignore[misc]
    new.__dataclass_fields__ = _fields(names, annotations, defaults)  # type: ignore[attr-defined]
    new.__dataclass_params__ = _params(order)  # type: ignore[attr-defined]
    return new


_INIT_CODE: dict[tuple[tuple[str, ...], int], Any] = {}


def _init(names: tuple[str, ...], defaults: tuple[Any, ...], setters: list[Any]) -> Callable[..., None]:
    """``__init__(self, a, b, c=default)`` setting each slot: the one method compiled, once per
    shape (many records share ``(value, span)``), because its signature must be the fields'.

    It stores through the slots' own descriptors (``setters``), which is what
    ``object.__setattr__`` ends up calling, minus the attribute lookup: a third faster, and a
    1,000-role compile makes half a million records.
    """
    key = (names, len(defaults))
    code = _INIT_CODE.get(key)
    if code is None:
        first_default = len(names) - len(defaults)
        params = ", ".join(n if i < first_default else f"{n}=_d[{i - first_default}]" for i, n in enumerate(names))
        body = "".join(f"\n        _s{i}(self, {n})" for i, n in enumerate(names)) or "\n        pass"
        setter_args = "".join(f", _s{i}" for i in range(len(names)))
        src = f"def make(_d{setter_args}):\n    def __init__(self, {params}):{body}\n    return __init__"
        env: dict[str, Any] = {}
        exec(src, env)
        code = _INIT_CODE[key] = env["make"]
    return code(defaults, *setters)


def _methods(cls: type, names: tuple[str, ...], defaults: tuple[Any, ...], order: bool) -> dict[str, Any]:
    """The generated methods; all but ``__init__`` are closures over the field names (no compile).

    Equality, hash and ordering compare the same tuples as dataclasses' (so hashes, and with them
    set and dict orders, are unchanged); the tuple is built by a C-level attrgetter.
    """
    getter = attrgetter(*names) if names else (lambda self: ())
    key: Callable[[Any], tuple] = getter if len(names) > 1 else (lambda self: (getter(self),)) if names else getter
    qualname = cls.__qualname__

    def __repr__(self: Any) -> str:
        return f"{self.__class__.__qualname__}(" + ", ".join(f"{n}={getattr(self, n)!r}" for n in names) + ")"

    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return key(self) == key(other)
        return NotImplemented

    def __hash__(self: Any) -> int:
        return hash(key(self))

    def __setattr__(self: Any, name: str, value: Any) -> None:
        raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self: Any, name: str) -> None:
        raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")

    def __getstate__(self: Any) -> list:
        return list(key(self))

    def __setstate__(self: Any, state: list) -> None:
        for name, value in zip(names, state):
            object.__setattr__(self, name, value)

    out: dict[str, Any] = {"__repr__": __repr__, "__eq__": __eq__,
                           "__hash__": __hash__, "__setattr__": __setattr__, "__delattr__": __delattr__,
                           "__getstate__": __getstate__, "__setstate__": __setstate__}
    if order:
        def __lt__(self: Any, other: Any) -> Any:
            return key(self) < key(other) if other.__class__ is self.__class__ else NotImplemented

        def __le__(self: Any, other: Any) -> Any:
            return key(self) <= key(other) if other.__class__ is self.__class__ else NotImplemented

        def __gt__(self: Any, other: Any) -> Any:
            return key(self) > key(other) if other.__class__ is self.__class__ else NotImplemented

        def __ge__(self: Any, other: Any) -> Any:
            return key(self) >= key(other) if other.__class__ is self.__class__ else NotImplemented

        out.update(__lt__=__lt__, __le__=__le__, __gt__=__gt__, __ge__=__ge__)
    for meth, fn in out.items():
        fn.__qualname__ = f"{qualname}.{meth}"
        fn.__module__ = cls.__module__
    return out


def _fields(names: list[str], annotations: dict[str, Any], defaults: dict[str, Any]) -> dict[str, dataclasses.Field]:
    """``dataclasses.Field`` objects, as the dataclasses helpers (replace, fields, asdict) read them."""
    out = {}
    for n in names:
        f = dataclasses.field(default=defaults.get(n, dataclasses.MISSING))
        f.name = n
        f.type = annotations[n]
        f._field_type = dataclasses._FIELD  # type: ignore[attr-defined]
        out[n] = f
    return out


def _params(order: bool) -> Any:
    params = dataclasses._DataclassParams  # type: ignore[attr-defined]
    try:
        return params(True, True, True, order, False, True)
    except TypeError:  # newer Pythons take more flags
        return None
