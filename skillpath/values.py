"""Frozen value classes: ``@frozen`` is ``@dataclass(frozen=True, slots=True)``.

A class that keeps a computed value (``once``, which is ``functools.cached_property``)
needs an instance ``__dict__`` to keep it in, so it is made without slots.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import field
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from typing_extensions import dataclass_transform
else:

    def dataclass_transform(**_: Any) -> Callable[[Any], Any]:
        return lambda decorator: decorator


T = TypeVar("T")
once = cached_property  # the name the model's classes use for a value worked out once


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def frozen(cls: type[T]) -> type[T]:
    """``cls`` as a frozen dataclass, with slots unless it keeps computed values."""
    keeps = any(isinstance(value, cached_property) for value in vars(cls).values())
    return dataclasses.dataclass(frozen=True, slots=not keeps)(cls)
