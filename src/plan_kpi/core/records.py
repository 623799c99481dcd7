"""Records: classes of named fields with slots, frozen unless asked otherwise.

``@record`` reads a class's annotated fields as ``@dataclass`` does (and type
checkers take it for one: ``dataclass_transform``), and gives the class the
same ``__init__``, ``__eq__``, ``__hash__``, ``__repr__``, ordering and
immutability. It does so with methods written once, here, instead of source
code written and compiled for every class: ``@dataclass(slots=True)`` costs
about half a millisecond a class, and plan-kpi's records are some seventy
classes, defined at every start-up (which is measured). Only ``__init__`` is
written for its class, as a dataclass's is (a generic one is five times
slower, and a large plan makes millions of records), and only when the class
makes its first record: a run compiles the ``__init__`` of the classes it
uses, each setting every field through its slot.

    @record(kw_only=True)
    class Source:
        file: str
        line: int
        column: int = 1

Fields may have defaults, ``field(default_factory=...)``, and
``field(init=False, repr=False, compare=False)`` for a value computed
later (by ``__post_init__``, or on demand from its default). A method the
class defines itself is kept. ``replace(record, name=value)`` is a copy
with some fields changed.
"""

from __future__ import annotations

import inspect
import itertools
from collections.abc import Callable
from dataclasses import FrozenInstanceError
from operator import attrgetter
from typing import Any, TypeVar, dataclass_transform, overload

T = TypeVar("T")
R = TypeVar("R")

#: no default: the field must be given
_REQUIRED: Any = object()


class Field:
    """What ``field()`` says of one field, beyond its annotation."""

    __slots__ = ("compare", "default", "default_factory", "init", "repr")

    def __init__(
        self,
        default: Any,
        default_factory: Callable[[], Any] | None,
        init: bool,
        repr: bool,
        compare: bool,
    ) -> None:
        self.default = default
        self.default_factory = default_factory
        self.init = init
        self.repr = repr
        self.compare = compare


@overload
def field(*, default: T, init: bool = True, repr: bool = True, compare: bool = True) -> T: ...
@overload
def field(
    *, default_factory: Callable[[], T], init: bool = True, repr: bool = True, compare: bool = True
) -> T: ...
@overload
def field(*, init: bool = True, repr: bool = True, compare: bool = True) -> Any: ...
def field(
    *,
    default: Any = _REQUIRED,
    default_factory: Callable[[], Any] | None = None,
    init: bool = True,
    repr: bool = True,
    compare: bool = True,
) -> Any:
    """A field's default, or the function that makes it, and what it takes part in."""
    return Field(default, default_factory, init, repr, compare)


@overload
def record(
    cls: type[R],
    /,
    *,
    frozen: bool = True,
    kw_only: bool = False,
    order: bool = False,
    slots: bool = True,
    eq: bool = True,
) -> type[R]: ...
@overload
def record(
    *,
    frozen: bool = True,
    kw_only: bool = False,
    order: bool = False,
    slots: bool = True,
    eq: bool = True,
) -> Callable[[type[R]], type[R]]: ...
@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def record(
    cls: type[R] | None = None,
    /,
    *,
    frozen: bool = True,
    kw_only: bool = False,
    order: bool = False,
    slots: bool = True,
    eq: bool = True,
) -> type[R] | Callable[[type[R]], type[R]]:
    """The class as a record: its annotated fields, slots (unless ``slots=False``, for a
    ``cached_property``), frozen (unless ``frozen=False``), keyword-only arguments with
    ``kw_only``, ordered by its compared fields with ``order``, compared and hashed by
    identity with ``eq=False``."""

    def make(cls: type[R]) -> type[R]:
        return _make(cls, frozen=frozen, kw_only=kw_only, order=order, slots=slots, eq=eq)

    return make if cls is None else make(cls)


def replace(obj: R, /, **changes: Any) -> R:
    """A copy of a record with the fields ``changes`` names set to its values."""
    for name in type(obj).__record_init__:  # type: ignore[attr-defined]
        if name not in changes:
            changes[name] = getattr(obj, name)
    return type(obj)(**changes)


def _make(
    cls: type[R], *, frozen: bool, kw_only: bool, order: bool, slots: bool, eq: bool
) -> type[R]:
    inherited: dict[str, Field] = {}
    for base in reversed(cls.__mro__[1:]):
        inherited.update(getattr(base, "__record_fields__", {}))
    own: dict[str, Field] = {}
    for name, annotation in inspect.get_annotations(cls).items():
        if str(annotation).startswith(("ClassVar", "typing.ClassVar")):
            continue
        given = cls.__dict__.get(name, _REQUIRED)
        own[name] = given if isinstance(given, Field) else Field(given, None, True, True, True)
    fields = {**inherited, **own}
    if slots:  # a class's slots are made with it: the class is made again, with them
        namespace = {k: v for k, v in cls.__dict__.items() if k not in own}
        namespace.pop("__dict__", None)
        namespace.pop("__weakref__", None)
        namespace["__slots__"] = tuple(name for name in own if name not in inherited)
        qualname = cls.__qualname__
        metaclass: Any = type(cls)
        cls = metaclass(cls.__name__, cls.__bases__, namespace)
        cls.__qualname__ = qualname
    else:
        for name in own:
            if name in cls.__dict__:
                delattr(cls, name)  # a default lives in __init__, not on the class
    methods: dict[str, Any] = {
        "__record_fields__": fields,
        "__record_init__": tuple(name for name, f in fields.items() if f.init),
        "__init__": _init(cls, fields, kw_only, slots),
        "__repr__": _repr(tuple(name for name, f in fields.items() if f.repr)),
    }
    methods["__match_args__"] = () if kw_only else methods["__record_init__"]
    if slots and frozen:  # copy and pickle set a frozen record's slots past __setattr__
        methods["__getstate__"] = _getstate
        methods["__setstate__"] = _setstate
    key = _key(tuple(name for name, f in fields.items() if f.compare))
    if eq:
        methods["__eq__"] = _eq(key)
        # mutable and compared by value: not hashable
        methods["__hash__"] = _hash(key) if frozen else None
    if frozen:
        methods["__setattr__"] = _frozen_setattr
        methods["__delattr__"] = _frozen_delattr
    if order:
        methods.update(_order(key))
    # a method of the class's own is kept; Python sets __hash__ to None in a class that
    # defines __eq__ alone, which is not one
    own_hash = cls.__dict__.get("__hash__") is not None or "__eq__" not in cls.__dict__
    for name, method in methods.items():
        if name not in cls.__dict__ or (name == "__hash__" and not own_hash):
            setattr(cls, name, method)
    return cls


def _key(compared: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """The tuple of a record's compared fields, as a dataclass compares and hashes them."""
    if len(compared) > 1:
        return attrgetter(*compared)
    if compared:
        (name,) = compared
        return lambda obj: (getattr(obj, name),)
    return lambda _: ()


def _getstate(self: Any) -> tuple[Any, ...]:
    return tuple(getattr(self, name) for name in type(self).__record_fields__)


def _setstate(self: Any, state: tuple[Any, ...]) -> None:
    for name, value in zip(type(self).__record_fields__, state, strict=True):
        object.__setattr__(self, name, value)


def _init(cls: type, fields: dict[str, Field], kw_only: bool, slots: bool) -> Callable[..., None]:
    """An ``__init__`` that, at the class's first record, writes the class its own (as a
    dataclass's, but only for the classes a run makes records of), then makes that one."""

    taken = [f for f in fields.values() if f.init]
    if not kw_only and any(
        first.default is not _REQUIRED or first.default_factory is not None
        for first, then in itertools.pairwise(taken)
        if then.default is _REQUIRED and then.default_factory is None
    ):
        raise TypeError(f"{cls.__qualname__}: a field without a default follows one with")

    def __init__(self: Any, /, *args: Any, **kwargs: Any) -> None:
        own = _own_init(cls, fields, kw_only, slots)
        cls.__init__ = own  # type: ignore[misc]
        own(self, *args, **kwargs)

    return __init__


def _own_init(cls: type, fields: dict[str, Field], kw_only: bool, slots: bool) -> Any:
    """The class's ``__init__``, written and compiled: each field set through its slot
    (bypassing a frozen ``__setattr__``), then ``__post_init__`` if the class has one."""
    scope: dict[str, Any] = {"_MISSING": _REQUIRED, "_set": object.__setattr__}
    params: list[str] = []
    body: list[str] = []
    for name, f in fields.items():
        slot = next(
            (k.__dict__[name] for k in cls.__mro__ if name in k.__dict__.get("__slots__", ())),
            None,
        )
        if slots and slot is not None:
            scope[f"_s_{name}"] = slot.__set__
            set_ = f"_s_{name}(self, {{}})"
        else:
            set_ = f"_set(self, {name!r}, {{}})"
        scope[f"_d_{name}"], scope[f"_f_{name}"] = f.default, f.default_factory
        if f.init and f.default_factory is not None:
            params.append(f"{name}=_MISSING")
            given = f"_f_{name}() if {name} is _MISSING else {name}"  # not words: code
            body.append(set_.format(given))
        elif f.init:
            params.append(name if f.default is _REQUIRED else f"{name}=_d_{name}")
            body.append(set_.format(name))
        elif f.default_factory is not None:
            body.append(set_.format(f"_f_{name}()"))
        elif f.default is not _REQUIRED:
            body.append(set_.format(f"_d_{name}"))
    if getattr(cls, "__post_init__", None) is not None:
        body.append("self.__post_init__()")
    signature = ", ".join(["self", *(["*"] if kw_only and params else []), *params])
    lines = "".join(f"\n    {line}" for line in body or ["pass"])
    exec(f"def __init__({signature}):{lines}", scope)  # code of the class's own field names
    made = scope["__init__"]
    made.__qualname__ = f"{cls.__qualname__}.__init__"
    return made


def _repr(shown: tuple[str, ...]) -> Callable[[Any], str]:
    def __repr__(self: Any) -> str:
        values = ", ".join(f"{name}={getattr(self, name)!r}" for name in shown)
        return f"{type(self).__qualname__}({values})"

    return __repr__


def _eq(key: Callable[[Any], Any]) -> Callable[[Any, Any], Any]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return key(self) == key(other)
        return NotImplemented

    return __eq__


def _hash(key: Callable[[Any], Any]) -> Callable[[Any], int]:
    def __hash__(self: Any) -> int:
        return hash(key(self))

    return __hash__


def _order(key: Callable[[Any], Any]) -> dict[str, Callable[[Any, Any], Any]]:
    def __lt__(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return key(self) < key(other)
        return NotImplemented

    def __le__(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return key(self) <= key(other)
        return NotImplemented

    def __gt__(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return key(self) > key(other)
        return NotImplemented

    def __ge__(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return key(self) >= key(other)
        return NotImplemented

    return {"__lt__": __lt__, "__le__": __le__, "__gt__": __gt__, "__ge__": __ge__}


def _frozen_setattr(self: Any, name: str, value: Any) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")  # not words: a bug


def _frozen_delattr(self: Any, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")  # not words: a bug
