"""``@frozen`` is a frozen dataclass with slots, but for classes that keep computed values."""

from __future__ import annotations

import dataclasses
from functools import cached_property

import pytest

from skillpath.values import frozen, once


@frozen
class Plain:
    name: str


@frozen
class Keeps:
    name: str

    @once
    def loud(self) -> str:
        return self.name.upper()

    @cached_property
    def quiet(self) -> str:
        return self.name.lower()


def test_a_frozen_class_is_a_frozen_dataclass_with_slots() -> None:
    assert dataclasses.is_dataclass(Plain) and hasattr(Plain, "__slots__")
    with pytest.raises(dataclasses.FrozenInstanceError):
        Plain("a").name = "b"  # type: ignore[misc]


def test_a_class_that_keeps_computed_values_has_somewhere_to_keep_them() -> None:
    kept = Keeps("Ab")
    assert kept.loud == "AB" and kept.quiet == "ab"
    assert vars(kept) == {"name": "Ab", "loud": "AB", "quiet": "ab"}
    assert kept == Keeps("Ab") and hash(kept) == hash(Keeps("Ab"))
