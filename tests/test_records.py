"""``@record`` behaves as ``@dataclass(frozen=True, slots=True)`` does, where anyone can tell."""

from __future__ import annotations

import dataclasses
import inspect
import pickle

import pytest

from racompiler.diagnostics import Span
from racompiler.records import record


def _pair(order: bool = False):
    body = {"__annotations__": {"name": "str", "count": "int", "tags": "tuple", "note": "str"},
            "note": "", "label": property(lambda self: f"{self.name}:{self.count}")}
    made = record(order=order)(type("Thing", (), dict(body)))
    reference = dataclasses.dataclass(frozen=True, slots=True, order=order)(type("Thing", (), dict(body)))
    return made, reference


@pytest.mark.parametrize("order", [False, True])
def test_same_behaviour_as_dataclass(order):
    made, ref = _pair(order)
    a, b = made("x", 1, (1, 2)), made("x", 2, (), note="n")
    ra, rb = ref("x", 1, (1, 2)), ref("x", 2, (), note="n")
    assert repr(a) == repr(ra) and repr(b) == repr(rb)
    assert (a == made("x", 1, (1, 2)), a == b, a != b) == (ra == ref("x", 1, (1, 2)), ra == rb, ra != rb)
    assert hash(a) == hash(ra)  # set and dict orders of records stay what they were
    assert a != ra  # another class, as two dataclasses would be
    assert str(inspect.signature(made)) == str(inspect.signature(ref))
    assert made.__slots__ == ref.__slots__ and made.__match_args__ == ref.__match_args__
    assert not hasattr(a, "__dict__")
    assert a.label == "x:1"
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.count = 3
    with pytest.raises(dataclasses.FrozenInstanceError):
        del a.count
    assert dataclasses.replace(a, count=5) == made("x", 5, (1, 2))
    assert [f.name for f in dataclasses.fields(a)] == [f.name for f in dataclasses.fields(ra)]
    assert dataclasses.asdict(a) == dataclasses.asdict(ra)
    span = Span("f.ra", 1, 2, 3, 4)  # a module-level record, so pickle can find its class
    assert pickle.loads(pickle.dumps(span)) == span
    if order:
        assert sorted([b, a]) == [a, b] and (a < b) == (ra < rb) and (a >= b) == (ra >= rb)
    else:
        with pytest.raises(TypeError):
            _ = a < b


def test_field_order_rule():
    with pytest.raises(TypeError, match="non-default argument 'b' follows default argument"):
        record(type("Bad", (), {"__annotations__": {"a": "int", "b": "int"}, "a": 1}))


def test_unsupported_shapes_fall_back_to_dataclass():
    made = record(type("WithField", (), {"__annotations__": {"a": "list"},
                                          "a": dataclasses.field(default_factory=list)}))
    assert made().a == [] and made.__dataclass_params__.frozen


def _mutable_pair():
    """The same class as a mutable record and a mutable slotted dataclass, with every field option."""
    def body(field):
        return {"__annotations__": {"name": "str", "items": "list", "seen": "set", "cache": "object",
                                    "note": "str"},
                "items": field(default_factory=list), "seen": field(default_factory=set),
                "cache": field(default=None, repr=False, compare=False), "note": "n"}
    from racompiler.records import field as record_field

    made = record(frozen=False)(type("Bag", (), body(record_field)))
    reference = dataclasses.dataclass(slots=True)(type("Bag", (), body(dataclasses.field)))
    return made, reference


def test_mutable_record_behaves_as_a_mutable_dataclass():
    made, ref = _mutable_pair()
    a, ra = made("x"), ref("x")
    assert repr(a) == repr(ra) == "Bag(name='x', items=[], seen=set(), note='n')"
    assert a.items is not made("y").items  # a fresh list per instance, from the factory
    a.items.append(1)
    a.name = "z"  # mutable
    ra.items.append(1)
    ra.name = "z"
    assert repr(a) == repr(ra)
    assert made("z", [1], set(), cache=1) == made("z", [1], set(), cache=2)  # cache is not compared
    assert made.__hash__ is None and ref.__hash__ is None  # unhashable, as a mutable dataclass
    assert str(inspect.signature(made)) == str(inspect.signature(ref))
    assert [(f.name, f.repr, f.compare) for f in dataclasses.fields(a)] == [
        (f.name, f.repr, f.compare) for f in dataclasses.fields(ra)]
    assert dataclasses.replace(a, note="m").note == "m"
    assert not hasattr(a, "__dict__")


def test_post_init_and_inheritance_follow_dataclasses():
    base = record(frozen=False)(type("Base", (), {"__annotations__": {"path": "str", "tags": "list"},
                                                  "tags": ()}))
    calls = []
    child = record(frozen=False)(type("Child", (base,), {
        "__annotations__": {"extra": "int", "tags": "list"}, "extra": 0, "tags": ("t",),
        "__post_init__": lambda self: calls.append(self.path)}))
    c = child("p")
    assert c.tags == ("t",) and c.extra == 0 and calls == ["p"]
    assert child.__match_args__ == ("path", "tags", "extra")  # a redefined field keeps its place
    assert isinstance(c, base) and repr(c) == "Child(path='p', tags=('t',), extra=0)"
    assert [f.name for f in dataclasses.fields(c)] == ["path", "tags", "extra"]


def test_pickle_and_copy_go_through_init():
    import copy

    span = Span("f.ra", 1, 2, 3, 4)
    assert copy.copy(span) == span and copy.deepcopy(span) == span
    assert pickle.loads(pickle.dumps(span, protocol=5)) == span


def test_records_do_not_import_dataclasses():
    """dataclasses (and inspect, which it imports) cost a cold `check` ~5 ms: records define,
    build, compare and pickle without them, and import them only when asked."""
    import subprocess
    import sys

    code = ("import sys, pickle\nfrom racompiler.records import record, field\n"
            "@record(order=True)\nclass A:\n    x: int\n    y: list = field(default_factory=list)\n"
            "a = A(1); assert a == A(1) and A(1) < A(2) and pickle.loads(pickle.dumps(a)) == a and repr(a)\n"
            "assert 'dataclasses' not in sys.modules, 'imported too early'\n"
            "import dataclasses\nassert dataclasses.is_dataclass(a) and dataclasses.asdict(a) == {'x': 1, 'y': []}\n"
            "try:\n    a.x = 2\nexcept dataclasses.FrozenInstanceError:\n    print('ok')\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.stdout == "ok\n", proc.stderr
