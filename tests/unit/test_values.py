"""``@frozen`` classes behave as ``@dataclass(frozen=True)`` classes do, for less start-up."""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import pytest

from skillpath.values import frozen


def sample(decorate: Callable[[type], type]) -> Any:
    """One class, declared anew for each decorator to be compared."""

    @decorate
    class Sample:
        name: str
        rank: int = 0
        tags: tuple[str, ...] = ()
        marks: dict[str, str] = field(default_factory=dict, compare=False)
        note: str = field(default="", repr=False)

    return Sample


Standard = sample(dataclass(frozen=True))
Cheap = sample(frozen)


@frozen
class Single:
    """One field: compared and hashed as a tuple of one, as dataclass does."""

    only: int


@frozen
class Written:
    """A method the class writes itself is kept."""

    name: str

    def __repr__(self) -> str:
        return f"<{self.name}>"

    @cached_property
    def shout(self) -> str:
        return self.name.upper()


ARGUMENTS = [("a",), ("a", 2), ("a", 2, ("x", "y")), ("a", 2, (), {"k": "v"}, "n")]


@pytest.mark.parametrize("arguments", ARGUMENTS)
def test_repr_equality_and_hash_match_a_frozen_dataclass(arguments: tuple[object, ...]) -> None:
    standard, cheap = Standard(*arguments), Cheap(*arguments)
    assert repr(cheap) == repr(standard)
    assert cheap == Cheap(*arguments)
    assert cheap != standard  # another class is never equal, as with dataclass
    assert cheap != Cheap("other")
    assert Cheap("a", marks={"k": "v"}) == Cheap("a")  # compare=False is not compared
    if not any(isinstance(argument, dict) for argument in arguments):
        assert hash(cheap) == hash(standard)


def test_one_field_is_a_tuple_of_one() -> None:
    assert hash(Single(3)) == hash((3,))
    assert Single(3) == Single(3) != Single(4)


def test_signature_doc_fields_and_replace_match() -> None:
    standard = str(inspect.signature(Standard))
    assert str(inspect.signature(Cheap)) == standard
    assert Cheap.__doc__ == Standard.__doc__
    assert Single.__doc__ is not None and Single.__doc__.startswith("One field")
    names = [spec.name for spec in dataclasses.fields(Cheap)]
    assert names == [spec.name for spec in dataclasses.fields(Standard)]
    changed = dataclasses.replace(Cheap("a", 1), rank=5)
    assert changed == Cheap("a", 5)
    assert dataclasses.asdict(changed)["rank"] == 5


def test_a_default_factory_makes_a_new_value_each_time() -> None:
    first, second = Cheap("a"), Cheap("b")
    assert first.marks == {} and first.marks is not second.marks


def test_assignment_and_deletion_are_refused() -> None:
    cheap = Cheap("a")
    with pytest.raises(dataclasses.FrozenInstanceError, match="cannot assign to field 'name'"):
        cheap.name = "b"
    with pytest.raises(dataclasses.FrozenInstanceError, match="cannot assign to field 'other'"):
        cheap.other = 1
    with pytest.raises(dataclasses.FrozenInstanceError, match="cannot delete field 'name'"):
        del cheap.name
    assert cheap.name == "a"


def test_the_class_s_own_methods_and_cached_properties_are_kept() -> None:
    written = Written("a")
    assert repr(written) == "<a>"
    assert written.shout == "A" and written.shout == "A"
    assert written == Written("a")
