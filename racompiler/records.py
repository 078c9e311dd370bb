"""``@record``: slotted value classes that are cheap to define, frozen by default.

``@dataclass(frozen=True, slots=True)`` compiles each generated method separately (about ten
``exec`` calls per class), inspects a signature for the docstring and then builds the class a
second time for its slots: 0.3-1 ms per class, and importing :mod:`dataclasses` itself costs
~5 ms (it imports :mod:`inspect`), so the ~90 AST, declaration, model and result classes cost a
cold ``check`` more than 20 ms before it reads a byte. ``@record`` generates the same methods
(same ``__init__`` signature, ``repr``, equality, hash, ordering, immutability, pickling) from
one source string compiled once per shape, builds the slotted class once, and does not import
:mod:`dataclasses` at all until something asks for it (a ``FrozenInstanceError`` to raise, or
``dataclasses.fields``/``replace``/``asdict`` on a record, which keep working: the class's
``__dataclass_fields__`` are made on first use).

Supported: annotated fields; defaults given as values or with :func:`field` (``default``,
``default_factory``, ``repr``, ``compare``); ``frozen=False`` for mutable records (unhashable,
as a mutable dataclass); ``order=True``; ``__post_init__``; a base class that is a record (its
fields come first). Anything else (a ``dataclasses.field``, a dataclass base) falls back to
:func:`dataclasses.dataclass` with the same options. Every record is slotted: a field is the
only attribute an instance has.
"""

from __future__ import annotations

from operator import attrgetter
from typing import TYPE_CHECKING, Any, Callable, TypeVar, overload

if TYPE_CHECKING:
    # Tells mypy that a @record class is a dataclass (PEP 681), frozen unless frozen=False: its
    # __init__, fields and immutability are checked as for @dataclass. Type checkers only.
    from typing_extensions import dataclass_transform
else:
    def dataclass_transform(**_kwargs: Any) -> Callable[[Any], Any]:
        return lambda f: f

T = TypeVar("T", bound=type)


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


class _Factory:
    def __repr__(self) -> str:
        return "<factory>"  # what help() and inspect show for such a parameter, as with dataclasses


_USE_FACTORY: Any = _Factory()


class FieldSpec:
    """What :func:`field` returns: a field's default (or factory) and whether it is shown and compared."""

    __slots__ = ("default", "default_factory", "repr", "compare")

    def __init__(self, default: Any, default_factory: Any, repr: bool, compare: bool) -> None:
        if default is not MISSING and default_factory is not MISSING:
            raise ValueError("cannot specify both default and default_factory")
        self.default, self.default_factory, self.repr, self.compare = default, default_factory, repr, compare


def field(*, default: Any = MISSING, default_factory: Callable[[], Any] | Any = MISSING, repr: bool = True,
          compare: bool = True) -> Any:
    """A record field's options, as :func:`dataclasses.field` takes them."""
    return FieldSpec(default, default_factory, repr, compare)


@overload
def record(cls: T, /) -> T: ...


@overload
def record(*, order: bool = False, frozen: bool = True) -> Callable[[T], T]: ...


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def record(cls: T | None = None, /, *, order: bool = False, frozen: bool = True) -> Any:
    """Decorate a class as ``@dataclass(frozen=frozen, slots=True, order=order)`` would."""

    def wrap(c: T) -> T:
        return _build(c, order, frozen)

    return wrap if cls is None else wrap(cls)


def replace(obj: Any, /, **changes: Any) -> Any:
    """A copy of record ``obj`` with ``changes``, as :func:`dataclasses.replace` makes it."""
    values = {f.name: getattr(obj, f.name) for f in obj.__record_fields__}
    values.update(changes)
    return obj.__class__(**values)


class _Field:
    """One field as the generated methods see it."""

    __slots__ = ("name", "type", "spec")

    def __init__(self, name: str, type_: Any, spec: FieldSpec) -> None:
        self.name, self.type, self.spec = name, type_, spec

    @property
    def has_default(self) -> bool:
        return self.spec.default is not MISSING or self.spec.default_factory is not MISSING


def _fallback(cls: type, order: bool, frozen: bool) -> Any:
    import dataclasses

    return dataclasses.dataclass(frozen=frozen, slots=True, order=order)(cls)


def _is_dataclass_field(value: Any) -> bool:
    cls = type(value)
    return cls.__name__ == "Field" and cls.__module__ == "dataclasses"


def _build(cls: type, order: bool, frozen: bool) -> Any:
    ns = dict(cls.__dict__)
    annotations: dict[str, Any] = ns.get("__annotations__", {})
    names = [n for n, t in annotations.items() if not (isinstance(t, str) and "ClassVar" in t)]
    bases = [b for b in cls.__mro__[1:] if "__dataclass_fields__" in b.__dict__]
    if (len(names) != len(annotations) or any("__record_fields__" not in b.__dict__ for b in bases)
            or any(_is_dataclass_field(ns.get(n)) for n in names)):
        return _fallback(cls, order, frozen)
    own: dict[str, _Field] = {}
    for n in names:
        value = ns.pop(n, MISSING)
        spec = value if isinstance(value, FieldSpec) else FieldSpec(value, MISSING, True, True)
        own[n] = _Field(n, annotations[n], spec)
    # As with dataclasses: a base record's fields first, a redefined one keeping its place.
    inherited: tuple[_Field, ...] = bases[0].__record_fields__ if bases else ()  # type: ignore[attr-defined]
    inherited_names = {f.name for f in inherited}
    fields = tuple(own.get(f.name, f) for f in inherited) + tuple(f for f in own.values()
                                                                   if f.name not in inherited_names)
    seen_default = False
    for f in fields:  # the same rule (and error) as dataclasses
        if f.has_default:
            seen_default = True
        elif seen_default:
            raise TypeError(f"non-default argument {f.name!r} follows default argument")

    for meth, fn in _methods(cls, fields, order, frozen).items():
        if ns.get(meth) is None or meth in ("__setattr__", "__delattr__"):
            ns[meth] = fn  # a method the class writes itself wins (a bare __eq__ leaves __hash__ None)
    if not frozen and cls.__dict__.get("__hash__") is None:
        ns["__hash__"] = None  # mutable: unhashable, as a mutable dataclass
    ns["__slots__"] = tuple(n for n in own if n not in inherited_names)
    ns["__match_args__"] = tuple(f.name for f in fields)
    ns["__record_fields__"] = fields
    ns["__dataclass_fields__"] = _LazyDataclassInfo(fields, None)
    ns["__dataclass_params__"] = _LazyDataclassInfo(fields, (order, frozen))
    ns.pop("__dict__", None)
    ns.pop("__weakref__", None)
    new = type(cls)(cls.__name__, cls.__bases__, ns)
    if "__init__" not in ns:  # made after the class: it needs the slots' descriptors
        init = _init(fields, [_setter(new, f.name) for f in fields], hasattr(new, "__post_init__"))
        init.__qualname__ = f"{cls.__qualname__}.__init__"
        init.__module__ = cls.__module__
        init.__annotations__ = {**{f.name: f.type for f in fields}, "return": None}  # for help()
        new.__init__ = init  # type: ignore[misc]
    return new


def _setter(cls: type, name: str) -> Any:
    for klass in cls.__mro__:
        if name in klass.__dict__:
            return klass.__dict__[name].__set__
    raise AssertionError(name)


_INIT_CODE: dict[tuple[tuple[str, ...], tuple[int, ...], bool], Any] = {}

# How an __init__ parameter gets its default: none, a value, a factory called per instance.
_REQUIRED, _VALUE, _FACTORY = 0, 1, 2


def _init(fields: tuple[_Field, ...], setters: list[Any], post_init: bool) -> Callable[..., None]:
    """``__init__(self, a, b, c=default)`` setting each slot: the one method compiled, once per
    shape (many records share ``(value, span)``), because its signature must be the fields'.

    It stores through the slots' own descriptors (``setters``), which is what
    ``object.__setattr__`` ends up calling, minus the attribute lookup: a third faster, and a
    1,000-role compile makes half a million records. A field with a ``default_factory`` has a
    sentinel default and gets a fresh value per instance, as with dataclasses.
    """
    names = tuple(f.name for f in fields)
    kinds = tuple(_FACTORY if f.spec.default_factory is not MISSING else _VALUE if f.has_default else _REQUIRED
                  for f in fields)
    key = (names, kinds, post_init)
    code = _INIT_CODE.get(key)
    if code is None:
        params, body = [], []
        for i, (n, kind) in enumerate(zip(names, kinds)):
            if kind == _REQUIRED:
                params.append(n)
            elif kind == _VALUE:
                params.append(f"{n}=_d[{i}]")
            else:
                params.append(f"{n}=_F")
                body.append(f"\n        if {n} is _F:\n            {n} = _d[{i}]()")
            body.append(f"\n        _s{i}(self, {n})")
        if post_init:
            body.append("\n        self.__post_init__()")
        setter_args = "".join(f", _s{i}" for i in range(len(names)))
        src = (f"def make(_d, _F{setter_args}):\n    def __init__(self, {', '.join(params)}):"
               f"{''.join(body) or chr(10) + '        pass'}\n    return __init__")
        env: dict[str, Any] = {}
        exec(src, env)
        code = _INIT_CODE[key] = env["make"]
    defaults = [f.spec.default_factory if f.spec.default_factory is not MISSING else f.spec.default for f in fields]
    return code(defaults, _USE_FACTORY, *setters)


def _frozen_error(message: str) -> Exception:
    from dataclasses import FrozenInstanceError  # only on this path: dataclasses costs ~5 ms to import

    return FrozenInstanceError(message)


def _tuple_getter(names: tuple[str, ...]) -> Callable[[Any], tuple]:
    """A C-level getter of these attributes as a tuple (also for none or one)."""
    if len(names) > 1:
        return attrgetter(*names)
    if names:
        one = attrgetter(names[0])
        return lambda self: (one(self),)
    return lambda self: ()


def _methods(cls: type, fields: tuple[_Field, ...], order: bool, frozen: bool) -> dict[str, Any]:
    """The generated methods; all but ``__init__`` are closures over the field names (no compile).

    Equality, hash and ordering compare the same tuples as dataclasses' (so hashes, and with them
    set and dict orders, are unchanged); the tuple is built by a C-level attrgetter.
    """
    key = _tuple_getter(tuple(f.name for f in fields if f.spec.compare))
    every = _tuple_getter(tuple(f.name for f in fields))
    shown = tuple(f.name for f in fields if f.spec.repr)
    qualname = cls.__qualname__

    def __repr__(self: Any) -> str:
        return f"{self.__class__.__qualname__}(" + ", ".join(f"{n}={getattr(self, n)!r}" for n in shown) + ")"

    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return key(self) == key(other)
        return NotImplemented

    def __hash__(self: Any) -> int:
        return hash(key(self))

    def __setattr__(self: Any, name: str, value: Any) -> None:
        raise _frozen_error(f"cannot assign to field {name!r}")

    def __delattr__(self: Any, name: str) -> None:
        raise _frozen_error(f"cannot delete field {name!r}")

    def __reduce__(self: Any) -> tuple:
        # Rebuilt through __init__ (its fast slot setters): pickles load 2-3x faster than
        # through copyreg and __setstate__, and copy.copy/deepcopy use this too.
        return (self.__class__, every(self))

    out: dict[str, Any] = {"__repr__": __repr__, "__eq__": __eq__, "__hash__": __hash__, "__reduce__": __reduce__}
    if frozen:
        out.update(__setattr__=__setattr__, __delattr__=__delattr__)
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


class _LazyDataclassInfo:
    """``__dataclass_fields__`` (``params`` None) or ``__dataclass_params__`` of a record, made
    on first use: they are :mod:`dataclasses` objects, and that module is not imported before."""

    def __init__(self, fields: tuple[_Field, ...], params: tuple[bool, bool] | None) -> None:
        self.fields, self.params = fields, params
        self.value: Any = None

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if self.value is None:
            self.value = _dataclass_fields(self.fields) if self.params is None else _dataclass_params(*self.params)
        return self.value


def _dataclass_fields(fields: tuple[_Field, ...]) -> dict[str, Any]:
    """``dataclasses.Field`` objects, as the dataclasses helpers (replace, fields, asdict) read them."""
    import dataclasses

    out = {}
    for f in fields:
        s = f.spec
        made: Any = dataclasses.field(
            default=dataclasses.MISSING if s.default is MISSING else s.default,
            default_factory=dataclasses.MISSING if s.default_factory is MISSING else s.default_factory,
            repr=s.repr, compare=s.compare)
        made.name = f.name
        made.type = f.type
        made._field_type = dataclasses._FIELD  # type: ignore[attr-defined]  # as dataclasses sets it
        out[f.name] = made
    return out


def _dataclass_params(order: bool, frozen: bool) -> Any:
    import dataclasses

    params = dataclasses._DataclassParams  # type: ignore[attr-defined]
    try:
        return params(True, True, True, order, False, frozen)
    except TypeError:  # newer Pythons take more flags
        return None
