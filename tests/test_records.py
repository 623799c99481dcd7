"""``@record`` behaves as ``@dataclass(frozen=True, slots=True)``: each test builds the
same class both ways and holds the record to what the dataclass does."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from decimal import Decimal
from typing import ClassVar

import pytest

from plan_kpi.core.records import field, record, replace


@record
class Point:
    """Two coordinates."""

    x: int
    y: int = 0


@dataclasses.dataclass(frozen=True, slots=True)
class DataPoint:
    """The same, as a dataclass."""

    x: int
    y: int = 0


@record
class One:
    """A single field: compared and hashed as a 1-tuple, as a dataclass does."""

    value: Decimal


@dataclasses.dataclass(frozen=True, slots=True)
class DataOne:
    """The same, as a dataclass."""

    value: Decimal


@record(order=True)
class Span:
    """Ordered by end, then start; the note is neither compared nor shown."""

    end: int
    start: int
    note: str = field(default="", compare=False, repr=False)


@dataclasses.dataclass(frozen=True, slots=True, order=True)
class DataSpan:
    """The same, as a dataclass."""

    end: int
    start: int
    note: str = dataclasses.field(default="", compare=False, repr=False)


@record(kw_only=True)
class Bag:
    """Keyword-only, with fresh lists, a computed field and a class constant."""

    name: str
    items: list[int] = field(default_factory=list)
    seen: list[str] = field(init=False, repr=False, compare=False, default_factory=list)
    size: int = field(init=False, repr=False, compare=False)
    LIMIT: ClassVar[int] = 3

    def __post_init__(self) -> None:
        object.__setattr__(self, "size", len(self.items))


@record
class Base:
    """A record to inherit from."""

    a: int
    b: int = 2


@record
class Child(Base):
    """Inherits a and b, then adds c: fields in that order."""

    c: int = 3


@record(frozen=False)
class Tally:
    """A mutable record: settable, compared by value, so not hashable."""

    count: int = 0


def test_equality_hash_and_repr_are_a_dataclass_s() -> None:
    assert Point(1, 2) == Point(x=1, y=2)
    assert Point(1) != Point(1, 1)
    assert Point(1, 2) != DataPoint(1, 2)  # type: ignore[comparison-overlap]  # another class
    # a dataclass hashes the tuple of its compared fields: hash((1, 2))
    assert hash(Point(1, 2)) == hash((1, 2)) == hash(DataPoint(1, 2))
    assert repr(Point(1, 2)) == "Point(x=1, y=2)"
    assert repr(DataPoint(1, 2)) == "DataPoint(x=1, y=2)"


def test_a_single_field_is_hashed_as_a_one_tuple() -> None:
    # hash((Decimal("1.5"),)), not hash(Decimal("1.5")): sets iterate as with dataclasses
    assert hash(One(Decimal("1.5"))) == hash((Decimal("1.5"),)) == hash(DataOne(Decimal("1.5")))
    assert hash(One(Decimal("1.5"))) != hash(Decimal("1.5"))
    # 1.50 and 1.5 are the same number: equal, as in a tuple
    assert One(Decimal("1.50")) == One(Decimal("1.5"))


def test_ordering_follows_the_compared_fields_only() -> None:
    spans = [Span(3, 1, "c"), Span(2, 9, "a"), Span(3, 0, "b")]
    data = [DataSpan(s.end, s.start, s.note) for s in spans]
    # by (end, start): (2, 9) < (3, 0) < (3, 1)
    assert [(s.end, s.start) for s in sorted(spans)] == [(2, 9), (3, 0), (3, 1)]
    assert [(s.end, s.start) for s in sorted(spans)] == [(s.end, s.start) for s in sorted(data)]
    assert Span(1, 1, "x") == Span(1, 1, "y")  # the note is not compared
    assert Span(1, 1) <= Span(1, 1) and Span(2, 0) > Span(1, 5) and Span(1, 5) >= Span(1, 5)
    assert repr(Span(1, 2, "x")) == "Span(end=1, start=2)"
    with pytest.raises(TypeError):
        _ = Span(1, 2) < Point(1, 2)  # type: ignore[operator]


def test_frozen_fields_cannot_be_set_or_deleted() -> None:
    point = Point(1, 2)
    with pytest.raises(dataclasses.FrozenInstanceError):
        point.x = 5  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del point.x
    with pytest.raises(AttributeError):
        point.z = 1  # type: ignore[attr-defined]
    assert not hasattr(point, "__dict__")  # slots
    assert point.x == 1


def test_mutable_records_are_settable_and_unhashable() -> None:
    tally = Tally()
    tally.count += 2
    assert tally == Tally(2)
    with pytest.raises(TypeError):
        hash(tally)


def test_defaults_factories_and_post_init() -> None:
    first, second = Bag(name="a"), Bag(name="b")
    first.items.append(1)
    first.seen.append("x")
    assert second.items == [] and second.seen == []  # each record its own list
    assert Bag(name="c", items=[1, 2]).size == 2  # __post_init__ ran: len([1, 2])
    assert Bag(name="c", items=[1, 2]) == Bag(name="c", items=[1, 2])
    assert repr(Bag(name="c")) == "Bag(name='c', items=[])"
    assert Bag(name="c").LIMIT == 3  # a class constant, not a field
    assert "LIMIT" not in Bag.__record_fields__  # type: ignore[attr-defined]


def test_wrong_arguments_are_refused() -> None:
    with pytest.raises(TypeError):
        Bag("a")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Bag()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Bag(name="a", size=3)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Point(1, 2, 3)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Point(1, x=1)  # type: ignore[misc]


def test_inherited_fields_come_first() -> None:
    child = Child(1)
    assert (child.a, child.b, child.c) == (1, 2, 3)
    assert Child(1, 5, 6) == Child(a=1, b=5, c=6)
    assert repr(Child(1)) == "Child(a=1, b=2, c=3)"
    assert Child(1, 2, 3) != Base(1, 2)
    assert Child.__match_args__ == ("a", "b", "c")
    match Child(7, 8, 9):
        case Child(a, b, c):
            assert (a, b, c) == (7, 8, 9)


def test_replace_copies_with_changes_and_runs_post_init() -> None:
    bag = Bag(name="a", items=[1])
    other = replace(bag, items=[1, 2, 3])
    assert (other.name, other.items, other.size) == ("a", [1, 2, 3], 3)  # len([1, 2, 3])
    assert replace(Span(1, 2, "x"), start=0) == Span(1, 0)
    assert replace(Span(1, 2, "x"), start=0).note == "x"
    assert replace(Point(1, 2)) == Point(1, 2)


def test_copy_and_pickle_keep_every_field() -> None:
    bag = Bag(name="a", items=[4])
    for again in (copy.copy(bag), copy.deepcopy(bag), pickle.loads(pickle.dumps(bag))):
        assert again == bag and again.size == 1 and again is not bag
    assert pickle.loads(pickle.dumps(Child(1))) == Child(1)


def test_a_method_of_the_class_s_own_is_kept() -> None:
    @record
    class Named:
        """Says its own repr and hash."""

        name: str

        def __repr__(self) -> str:
            return f"<{self.name}>"

        def __hash__(self) -> int:
            return 7

    assert repr(Named("a")) == "<a>"
    assert hash(Named("a")) == 7
    assert Named("a") == Named("a")


def test_eq_false_compares_and_hashes_by_identity() -> None:
    @record(eq=False)
    class Equation:
        """Two equations of the same terms are still two equations."""

        terms: tuple[str, ...]

    first, second = Equation(("a", "b")), Equation(("a", "b"))
    assert first != second
    assert first in [second, first]  # found by identity
    assert len({first, second}) == 2
    assert hash(first) == object.__hash__(first)


def test_a_field_without_a_default_after_one_with_is_refused() -> None:
    with pytest.raises(TypeError):

        @record
        class Backwards:
            """first has a default, then does not: no positional __init__ can take them."""

            first: int = 0
            then: int  # type: ignore[misc]

    @record(kw_only=True)
    class ByName:
        """By keyword, any order is fine."""

        first: int = 0
        then: int

    assert (ByName(then=2).first, ByName(then=2).then) == (0, 2)
