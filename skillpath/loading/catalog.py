"""The catalogue: folders of framework data read lazily, a skill file only when asked."""

from __future__ import annotations

import gc
from collections.abc import Callable, Generator, Iterator, Sequence
from contextlib import closing, contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from skillpath.errors import DataError
from skillpath.framework.model import Framework, Skill
from skillpath.loading import paths
from skillpath.loading.builders import build_framework, build_skill, replaces_bundled
from skillpath.loading.document import read_document
from skillpath.meter import Meter, silent

if TYPE_CHECKING:
    from skillpath.loading.cache import FileKeys, SkillCache
    from skillpath.loading.cachecodec import Parts
    from skillpath.loading.textindex import FtsIndex, Groups

# Skills read before their stored forms are written to the cache, rather than held until
# the end: a few MB of texts.
_SAVE_EVERY = 500

# Called with a skill file and its skill when the file has draft cells, which are left out.
DraftsSeen = Callable[[Path, Skill], None]
T = TypeVar("T")


def nothing(skill: Skill) -> None:
    """What a read that wants only the skills asks the workers to make of each besides."""


class Catalog:
    """Folders of framework data, lowest first, read lazily: a skill file only when asked.

    The first folder is the base (normally the bundled data). Each later folder may add
    roles and aliases in its framework.yaml and adds skills; a skill with the same id as an
    earlier one replaces it whole. A folder whose framework.yaml says ``bundled: false``
    starts afresh: its ladder and roles replace everything before it, skills included.

    With ``cached``, skills of folders other than the bundled one are read from the cache
    while their files are unchanged (``cache.py``, opened only then); ``meter`` hears how
    the reading of files goes.
    """

    def __init__(
        self,
        *roots: Path,
        on_drafts: DraftsSeen | None = None,
        cached: bool = False,
        meter: Meter = silent,
    ) -> None:
        self.roots = roots
        self.on_drafts = on_drafts  # told once per skill asked for that has draft cells
        self.cached = cached
        self.cache: SkillCache | None = None
        self.meter = meter
        self._skills: dict[str, Skill] = {}
        self._origins: dict[str, Path] = {}  # skill id -> the folder its file is in
        self._own: set[str] = set()  # the skills whose files are not the bundled data's
        self._labels: dict[str, str] = {}  # skill id -> origin_label()
        self._told: set[str] = set()
        self._listed: dict[Path, list[str]] = {}  # listed(): each folder's, listed once

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
    def file_keys(self) -> FileKeys:
        """Each file's key, stat'ed once for all who ask (the kept answer's fingerprint, the
        skill cache, the search index): this catalogue's alone, so never kept past the one
        command or MCP call that opened it (cache.FileKeys)."""
        from skillpath.loading.cache import FileKeys  # deferred: the cache's own imports

        return FileKeys()

    def listed(self, root: Path) -> list[str]:
        """The names of the skill files in a data folder's skills/, sorted, listed once for
        all who ask in this command or MCP call (the kept answer's fingerprint, then
        skill_files): this catalogue's alone, like file_keys. Raises what os.scandir
        raises, each time it is asked (a failed listing is not kept)."""
        found = self._listed.get(root)
        if found is None:
            found = self._listed[root] = paths.skill_names(root / paths.SKILLS_FOLDER)
        return found

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
            found = paths.folder_skill_files(root, self.listed)
            if not found and users and not starts_framework(root):
                raise DataError.single(
                    root, "holds no skills: expected YAML files in its skills/ folder"
                )
            files.update(found)
            self._origins.update(dict.fromkeys(found, root))
            bundled = root == paths.bundled_root()
            self._labels.update(dict.fromkeys(found, "bundled" if bundled else str(root)))
            if bundled:
                self._own.difference_update(found)
            else:
                self._own.update(found)
        alike = paths.alike_ids(files)
        if alike:
            raise DataError(alike)
        return dict(sorted(files.items()))

    def bundled_only(self) -> bool:
        """Whether the bundled data is all there is to read (no folder of a team's)."""
        bundled = paths.bundled_root()
        return all(root == bundled for root in self.roots)

    @property
    def skill_ids(self) -> tuple[str, ...]:
        return tuple(self.skill_files)

    def origin(self, skill_id: str) -> Path:
        """The data folder a skill comes from."""
        self.skill_files  # noqa: B018 - lists the folders, which fills _origins
        return self._origins[skill_id]

    def origin_label(self, skill_id: str) -> str:
        """``bundled``, or the folder a team's skill comes from, as it was named."""
        self.skill_files  # noqa: B018 - lists the folders, which fills _labels
        return self._labels[skill_id]

    def skill(self, skill_id: str) -> Skill:
        (skill,) = self.preload([skill_id])
        self._tell_drafts([skill_id])
        return skill

    def skills(self) -> tuple[Skill, ...]:
        try:
            return self.preload(self.skill_ids)
        finally:  # of the skills read before a broken file too, as they were read
            self._tell_drafts(self.skill_ids)

    def preload(self, skill_ids: Sequence[str]) -> tuple[Skill, ...]:
        """These skills, read without telling of their drafts: for an index that holds
        them all, where the command tells only of those it shows."""
        self._load({i: self._path_of(i) for i in skill_ids if i not in self._skills})
        return tuple(self._skills[skill_id] for skill_id in skill_ids)

    def each_with(
        self,
        skill_ids: Sequence[str],
        also: Callable[[Skill], T],
        what: str = "reading skill files",
        meter: Meter = silent,
    ) -> Iterator[tuple[Skill, T]]:
        """These skills one at a time, in order, each with ``also(skill)``, and not kept:
        for work that reads every skill once (the search index), so that thousands are
        never held at once. While the caller works on one, the files of those after it are
        being read on the other cores, and ``also`` (a module's own function) is run there.
        Drafts are not told of; ``meter`` hears how much of ``what`` is done."""
        wanted = {skill_id: self._path_of(skill_id) for skill_id in skill_ids}
        cached, keys = self._cached(wanted, self.framework)
        files = [(i, path) for i, path in wanted.items() if i not in cached]
        read = self._read(files, keys, also)
        try:
            for done, skill_id in enumerate(wanted):
                meter(what, done, len(wanted))
                skill = cached.pop(skill_id, None)  # let go once given
                if skill is None:
                    with collector_paused():
                        _, skill, made = next(read)
                    yield skill, made
                else:
                    yield skill, also(skill)
            meter(what, len(wanted), len(wanted))
        finally:
            read.close()  # the first broken file, or the caller stopped: no worker is left
            if self.cache is not None:
                self.cache.save()

    def _path_of(self, skill_id: str) -> Path:
        found = self.skill_files.get(skill_id)
        return found or self.folders[-1] / paths.SKILLS_FOLDER / f"{skill_id}.yaml"

    def tell_drafts_of(self, skill: Skill) -> None:
        """Tell of a skill's drafts, once: for a skill given by ``each_with``, which does not."""
        if skill.id not in self._told and skill.drafts and self.on_drafts is not None:
            self.on_drafts(self._path_of(skill.id), skill)
        self._told.add(skill.id)

    def _tell_drafts(self, skill_ids: Sequence[str]) -> None:
        """Tell of each skill's drafts once, in order, up to the first skill not read."""
        for skill_id in skill_ids:
            skill = self._skills.get(skill_id)
            if skill is None:
                return
            if skill_id not in self._told and skill.drafts and self.on_drafts is not None:
                self.on_drafts(self._path_of(skill_id), skill)
            self._told.add(skill_id)

    def _load(self, wanted: dict[str, Path]) -> None:
        """Read these skills, from the cache where it holds them, else from their files in
        order, so the first broken file is the one reported, as without a cache."""
        framework = self.framework
        cached, keys = self._cached(wanted, framework)
        missing = [(skill_id, path) for skill_id, path in wanted.items() if skill_id not in cached]
        self._skills.update(cached)
        try:
            with collector_paused():
                for done, (skill_id, skill, _) in enumerate(self._read(missing, keys, nothing)):
                    self.meter("reading skill files", done, len(missing))
                    self._skills[skill_id] = skill
        finally:
            if missing:
                self.meter("reading skill files", len(missing), len(missing))
            if self.cache is not None:
                self.cache.save()

    def _read(
        self, files: list[tuple[str, Path]], keys: dict[str, str], also: Callable[[Skill], T]
    ) -> Generator[tuple[str, Skill, T], None, None]:
        """Each file's skill and ``also(skill)``, in order, read on every core when there are
        many; each skill given to the cache to keep where it has the file's key, and saved
        every few hundred."""
        for skill_id, path, made, extra in self._made(files, also):
            yield skill_id, self._kept(path, keys.get(skill_id), made), extra

    def _made(
        self, files: list[tuple[str, Path]], also: Callable[[Skill], T]
    ) -> Generator[tuple[str, Path, Skill | Parts, T], None, None]:
        """Each file's skill, or its stored form where the workers read it; and ``also`` of
        it, made where it was read."""
        if not files:  # all from the cache
            return
        from skillpath.loading import parallel  # deferred: only runs that read files need it

        framework = self.framework
        workers = parallel.workers_for(len(files))
        if not workers:
            for skill_id, path in files:
                skill = build_skill(read_document(path), framework)
                yield skill_id, path, skill, also(skill)
            return
        outcomes = parallel.read_many([path for _, path in files], framework, workers, also)
        with closing(outcomes):  # the first broken file stops the workers
            for (skill_id, path), (parts, problems, extra) in zip(files, outcomes, strict=True):
                if problems:
                    raise DataError(problems)
                assert parts is not None
                yield skill_id, path, parts, extra

    def _kept(self, path: Path, key: str | None, made: Skill | Parts) -> Skill:
        """The skill read, kept for the cache where it may be. A skill the workers read
        holds its texts only until the cache has them (SkillCache.adopt): a cold `list`
        of thousands of skills would otherwise hold every text it never shows."""
        cache = self.cache
        if cache is None or key is None:
            if isinstance(made, Skill):
                return made
            from skillpath.loading.cachecodec import decode_parts

            return decode_parts(*made)
        if isinstance(made, Skill):
            cache.keep(path, key, self.framework, made, None)
            skill = made
        else:
            skill = cache.adopt(path, key, self.framework, made)
        cache.save_every(_SAVE_EVERY)
        return skill

    def _cached(
        self, wanted: dict[str, Path], framework: Framework
    ) -> tuple[dict[str, Skill], dict[str, str]]:
        """The skills the cache holds of these (by id), and the key of each file it can."""
        own = {skill_id: path for skill_id, path in wanted.items() if skill_id in self._own}
        if not self.cached or not own:
            return {}, {}
        if self.cache is None:
            from skillpath.loading.cache import SkillCache

            self.cache = SkillCache()
        return self.cache.skills(own, framework, self.file_keys)

    def text_index(self, groups: Groups) -> FtsIndex | None:
        """The search index of these skills' ``groups`` (FTS5), or None where SQLite has no
        FTS5; kept in the cache folder when the catalogue is cached, else in memory."""
        from skillpath.loading.textindex import open_index

        return open_index(self, groups, persistent=self.cached, meter=self.meter)

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


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection meanwhile. Reading a file makes thousands of nodes,
    dicts and lists and no cycles, yet each few hundred of them start a collection that
    walks every object still alive, the skills read so far included: on thousands of files,
    a fifth of the time. What the reading leaves behind is freed by reference counting."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def starts_framework(root: Path) -> bool:
    """Whether a folder has a framework.yaml: then it may hold no skills yet."""
    return (root / paths.FRAMEWORK_FILE).is_file()


def open_catalog(
    data_dirs: Sequence[Path] = (), on_drafts: DraftsSeen | None = None, meter: Meter = silent
) -> Catalog:
    """The data a command reads: bundled, $SKILLPATH_PATH, then ``data_dirs``, cached."""
    return Catalog(*paths.data_path(data_dirs), on_drafts=on_drafts, cached=True, meter=meter)
