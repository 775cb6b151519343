"""What the core asks of a catalogue of skills, as a protocol: the answers take one as an
argument and never know where its skills come from (``loading.Catalog`` reads them from
folders, a test may hand in a few values), so that nothing here imports the loader."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from skillpath.framework.model import Framework, Skill
    from skillpath.framework.search import Group, TextIndex


class SkillSource(Protocol):
    """A framework and its skills, each read when first asked for."""

    @property
    def framework(self) -> Framework: ...

    @property
    def skill_ids(self) -> tuple[str, ...]: ...

    def skill(self, skill_id: str) -> Skill:
        """One skill; a command that names it reads its file alone."""
        ...

    def skills(self) -> tuple[Skill, ...]:
        """Every skill, in the catalogue's order."""
        ...

    def preload(self, skill_ids: Sequence[str]) -> tuple[Skill, ...]:
        """These skills, without telling of their drafts (for an index of them all)."""
        ...

    def origin_label(self, skill_id: str) -> str:
        """Where a skill comes from, for showing: ``bundled`` or its folder's name."""
        ...

    def text_index(self, groups: Callable[[Skill], list[Group]]) -> TextIndex | None:
        """A full-text index of ``groups`` of every skill, or None where there is none."""
        ...
