"""The catalogue: folders of framework data read lazily, a skill file only when asked."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cached_property
from pathlib import Path

from skillpath.errors import DataError
from skillpath.loading import paths
from skillpath.loading.builders import build_framework, build_skill, replaces_bundled
from skillpath.loading.document import read_document
from skillpath.model import Framework, Skill

# Called with a skill file and its skill when the file has draft cells, which are left out.
DraftsSeen = Callable[[Path, Skill], None]


class Catalog:
    """Folders of framework data, lowest first, read lazily: a skill file only when asked.

    The first folder is the base (normally the bundled data). Each later folder may add
    roles and aliases in its framework.yaml and adds skills; a skill with the same id as an
    earlier one replaces it whole. A folder whose framework.yaml says ``bundled: false``
    starts afresh: its ladder and roles replace everything before it, skills included.
    """

    def __init__(self, *roots: Path, on_drafts: DraftsSeen | None = None) -> None:
        self.roots = roots
        self._skills: dict[str, Skill] = {}
        self.on_drafts = on_drafts  # told once per skill read that has draft cells

    @cached_property
    def _stack(self) -> tuple[Framework, tuple[Path, ...]]:
        """The merged framework, and the folders whose skills count (after the last restart)."""
        framework: Framework | None = None
        active: list[Path] = []
        for position, root in enumerate(self.roots):
            path = self._require_folder(root) / paths.FRAMEWORK_FILE
            if position == 0 or paths.kind_of_path(path) is not None:
                document = read_document(path)
                restart = framework is None or replaces_bundled(document)
                framework = build_framework(document, None if restart else framework)
                active = [] if restart else active
            active.append(root)
        assert framework is not None, "a catalogue needs at least one folder"
        return framework, tuple(active)

    @property
    def framework(self) -> Framework:
        return self._stack[0]

    @property
    def folders(self) -> tuple[Path, ...]:
        """The folders whose skills are on offer, lowest first."""
        return self._stack[1]

    @cached_property
    def skill_files(self) -> dict[str, Path]:
        """The skills on offer, id to file, from the file names alone; later folders win."""
        files: dict[str, Path] = {}
        for position, root in enumerate(self.folders):
            # A folder with a framework of its own may have no skills yet (`skillpath init`);
            # one without is more likely a wrong path than an empty framework.
            users = position > 0 or root != self.roots[0]  # not the bundled data
            if users and starts_framework(root) and not (root / paths.SKILLS_FOLDER).exists():
                continue
            found = paths.folder_skill_files(root)
            if not found and users and not starts_framework(root):
                raise DataError.single(
                    root, "holds no skills: expected YAML files in its skills/ folder"
                )
            files.update(found)
        alike = paths.alike_ids(files)
        if alike:
            raise DataError(alike)
        return dict(sorted(files.items()))

    @property
    def skill_ids(self) -> tuple[str, ...]:
        return tuple(self.skill_files)

    def origin(self, skill_id: str) -> Path:
        """The data folder a skill comes from."""
        return self.skill_files[skill_id].parent.parent

    def origin_label(self, skill_id: str) -> str:
        """``bundled``, or the folder a team's skill comes from, as it was named."""
        folder = self.origin(skill_id)
        return "bundled" if folder == paths.bundled_root() else str(folder)

    def skill(self, skill_id: str) -> Skill:
        if skill_id not in self._skills:
            path = self.skill_files.get(
                skill_id, self.folders[-1] / paths.SKILLS_FOLDER / f"{skill_id}.yaml"
            )
            skill = build_skill(read_document(path), self.framework)
            if skill.drafts and self.on_drafts is not None:
                self.on_drafts(path, skill)
            self._skills[skill_id] = skill
        return self._skills[skill_id]

    def skills(self) -> tuple[Skill, ...]:
        return tuple(self.skill(skill_id) for skill_id in self.skill_ids)

    @staticmethod
    def _require_folder(root: Path) -> Path:
        kind = paths.kind_of_path(root)
        if kind is None:
            raise DataError.single(root, "data folder not found")
        if kind != "folder":
            raise DataError.single(
                root, "is a file; a data folder holds framework.yaml and skills/"
            )
        return root


def starts_framework(root: Path) -> bool:
    """Whether a folder has a framework.yaml: then it may hold no skills yet."""
    return (root / paths.FRAMEWORK_FILE).is_file()


def open_catalog(data_dirs: Sequence[Path] = (), on_drafts: DraftsSeen | None = None) -> Catalog:
    return Catalog(*paths.data_path(data_dirs), on_drafts=on_drafts)
