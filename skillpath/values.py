"""Frozen value classes that cost little to define: ``@frozen`` is ``@dataclass(frozen=True)``.

A dataclass writes each of its methods as Python source and compiles it when its module is
imported: six compilations for a frozen class, about half a millisecond a class on CPython
3.11, and some 15 ms of every `next` (benchmarks/startup.py), which defines some thirty
such classes before it reads a file. ``@frozen`` has ``dataclass`` make the fields (so
``fields``, ``replace`` and ``asdict`` work as on any dataclass), compiles one
``__init__`` per class, and gives every class the same comparison, hash, repr and guard
against assignment, which read the fields in order. Instances behave as a frozen
dataclass's do: equal when of one class with equal fields, hashed as the tuple of their
fields, shown as ``Name(field=value, ...)``, and ``FrozenInstanceError`` on assignment.
"""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Callable
from dataclasses import MISSING, Field, FrozenInstanceError, field
from operator import attrgetter
from reprlib import recursive_repr
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

if TYPE_CHECKING:
    from typing_extensions import dataclass_transform
else:

    def dataclass_transform(**_: Any) -> Callable[[Any], Any]:
        return lambda decorator: decorator


T = TypeVar("T")
V = TypeVar("V")


class once(Generic[V]):  # a decorator, named in lower case as cached_property is
    """``functools.cached_property`` without its lock: up to Python 3.11 every first read of
    one takes a lock, a few microseconds that thousands of skills turn into milliseconds.
    The value is kept in the instance's ``__dict__``, which later reads find first."""

    def __init__(self, compute: Callable[[Any], V]) -> None:
        self.compute = compute
        self.name = compute.__name__
        self.__doc__ = compute.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> once[V]: ...
    @overload
    def __get__(self, instance: object, owner: type | None = None) -> V: ...
    def __get__(self, instance: object | None, owner: type | None = None) -> V | once[V]:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.compute(instance)
        return value


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def frozen(cls: type[T]) -> type[T]:
    """``cls`` as a frozen dataclass: every field in ``__init__``, compared, hashed and
    shown in order (``field(default=..., default_factory=...)`` as with ``dataclass``)."""
    undocumented = cls.__doc__ is None
    if undocumented:  # else dataclass describes it by a signature before it has its __init__
        cls.__doc__ = cls.__name__
    made = dataclasses.dataclass(init=False, repr=False, eq=False)(cls)
    own = dataclasses.fields(made)  # type: ignore[arg-type]
    for name, method in (
        ("__init__", _init(own)),
        ("__eq__", _eq(own)),
        ("__hash__", _hash(own)),
        ("__repr__", _repr(own)),
        ("__setattr__", _refuse_setattr),
        ("__delattr__", _refuse_delattr),
    ):
        if name not in vars(cls):  # a method the class writes itself is kept, as dataclass does
            setattr(made, name, method)
    if undocumented:  # as dataclass describes it: "Counts(roles: 'int', ...)"
        signature = str(inspect.signature(made)).replace(" -> None", "")
        made.__doc__ = made.__name__ + signature
    return made


def _init(own: tuple[Field[Any], ...]) -> Callable[..., None]:
    """The one method compiled per class: arguments in field order, defaults as given.

    Fields are set with ``object.__setattr__``, as a frozen dataclass's ``__init__`` does.
    """
    names: dict[str, Any] = {"_set": object.__setattr__, "_none_given": _NONE_GIVEN}
    parameters, lines = ["self"], []
    for spec in own:
        argument = spec.name
        if spec.default is not MISSING:
            names[f"_default_{spec.name}"] = spec.default
            parameters.append(f"{spec.name}=_default_{spec.name}")
        elif spec.default_factory is not MISSING:
            names[f"_factory_{spec.name}"] = spec.default_factory
            parameters.append(f"{spec.name}=_none_given")
            argument = f"_factory_{spec.name}() if {spec.name} is _none_given else {spec.name}"
        else:
            parameters.append(spec.name)
        lines.append(f"    _set(self, {spec.name!r}, {argument})")
    source = f"def __init__({', '.join(parameters)}):\n" + ("\n".join(lines) or "    pass")
    exec(source, names)  # the source is made above from the field names alone
    init: Callable[..., None] = names["__init__"]
    init.__annotations__ = {spec.name: spec.type for spec in own} | {"return": None}
    return init


class _NoneGiven:
    """The default of a field with a default factory: no value was passed."""

    def __repr__(self) -> str:
        return "<factory>"  # as inspect.signature shows it for a dataclass


_NONE_GIVEN = _NoneGiven()


def _field_values(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """A function from an instance to the tuple of the named fields' values."""
    if len(names) == 1:  # attrgetter of one name returns the value itself, not a tuple
        (only,) = names
        return lambda instance: (getattr(instance, only),)
    if not names:
        return lambda instance: ()
    getter: Callable[[Any], tuple[Any, ...]] = attrgetter(*names)
    return getter


def _eq(own: tuple[Field[Any], ...]) -> Callable[[Any, object], Any]:
    compared = _field_values(tuple(spec.name for spec in own if spec.compare))

    def __eq__(self: Any, other: object) -> Any:
        if other.__class__ is self.__class__:
            return compared(self) == compared(other)
        return NotImplemented

    return __eq__


def _hash(own: tuple[Field[Any], ...]) -> Callable[[Any], int]:
    hashed = _field_values(tuple(s.name for s in own if (s.compare if s.hash is None else s.hash)))

    def __hash__(self: Any) -> int:
        return hash(hashed(self))

    return __hash__


def _repr(own: tuple[Field[Any], ...]) -> Callable[[Any], str]:
    shown = tuple(spec.name for spec in own if spec.repr)

    @recursive_repr()
    def __repr__(self: Any) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in shown)
        return f"{self.__class__.__qualname__}({fields})"

    return __repr__


def _refuse_setattr(self: Any, name: str, value: Any) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _refuse_delattr(self: Any, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")
