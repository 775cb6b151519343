"""Frozen value classes: ``@frozen`` is ``@dataclass(frozen=True, slots=True)``.

A class that keeps a computed value (``once``, ``functools.cached_property``) needs an
instance ``__dict__`` to keep it in, so it is made without slots.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import field
from functools import cached_property
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
    """``cls`` as a frozen dataclass, with slots unless it keeps computed values."""
    keeps = any(isinstance(value, (once, cached_property)) for value in vars(cls).values())
    return dataclasses.dataclass(frozen=True, slots=not keeps)(cls)
