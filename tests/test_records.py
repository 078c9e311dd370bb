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
