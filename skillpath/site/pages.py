"""What the site's pages show, as plain values: no HTML, no I/O.

Every page is built from a result the commands render too (``ladder.matrix`` for a skill,
``ladder.next_step`` for a role at a level), so a field the model gains flows into the
site with the template that shows it. Personal progress is never read here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import field
from typing import TYPE_CHECKING, Any

from skillpath.framework import ladder
from skillpath.framework.ladder import Matrix, NextStep, SkillEntry
from skillpath.framework.model import Framework, Level, Role, Skill
from skillpath.site.radar import Axis, Radar, radar
from skillpath.values import frozen

if TYPE_CHECKING:
    from skillpath.loading import Catalog


@frozen
class Page:
    """One HTML file of the site: where it goes, which template draws it, and its values."""

    path: str  # relative to the site's root, "/"-separated
    template: str
    title: str
    values: dict[str, Any] = field(default_factory=dict)
    home: str = ""  # the root as an absolute URL, for a page served at any path (404)

    @property
    def root(self) -> str:
        """The relative way back to the site's root, so that links work from file:// too."""
        return self.home or "../" * self.path.count("/")


@frozen
class Mark:
    """One cell of the index's role x skill matrix."""

    skill: Skill
    role: Role
    present: bool  # whether the skill has expectations for the role at all
    required: tuple[Level, ...]  # the levels at which the role's cell is required


def skill_path(skill_id: str) -> str:
    return f"skills/{skill_id}.html"


def role_level_path(role_id: str, level_id: str) -> str:
    return f"roles/{role_id}/{level_id}.html"


def cell_anchor(role_id: str, level_id: str) -> str:
    return f"{role_id}-{level_id}"


def index_marks(framework: Framework, entries: tuple[SkillEntry, ...]) -> list[list[Mark]]:
    """Per skill (rows), per role (columns): whether the role has it, and where required;
    from each skill's outline, so that no cell's text is read for the index."""
    marks = []
    for entry in entries:
        required = {(role, level) for role, level, flag in entry.skill.outline if flag}
        marks.append(
            [
                Mark(
                    entry.skill,
                    role,
                    role in entry.roles,
                    tuple(level for level in framework.levels if (role.id, level.id) in required),
                )
                for role in framework.roles
            ]
        )
    return marks


def site_pages(catalog: Catalog, home: str = "") -> Iterator[Page]:
    """Every page of the site, in a fixed order: the index, search, skills, role-levels,
    and with ``home`` (the ``--base-url``) a 404 page. Each is made when asked for, so that
    a site of 10,000 skills never holds more than one page's values at a time."""
    framework = catalog.framework
    yield index_page(catalog)
    yield Page("search.html", "search.html", "Search")
    for skill in one_at_a_time(catalog, tell=True):
        yield skill_page(framework, skill)
    for role in framework.roles:
        for level in framework.levels:
            # The skills afresh for each page, let go after it: a page reads two cells of
            # each, and kept skills would end up holding every cell of every skill.
            yield role_level_page(framework, tuple(one_at_a_time(catalog)), role, level)
    if home:
        # GitHub Pages serves 404.html at whatever path was asked for: its links must be
        # absolute, which only --base-url can make them.
        yield Page("404.html", "404.html", "Page not found", home=home)


def index_page(catalog: Catalog) -> Page:
    """The start page: every skill's counts, from skills read for it alone and let go
    once it is drawn (the catalogue's own would keep 10,000 skills for the whole build)."""
    listed = ladder.list_skills(catalog, skills=one_at_a_time(catalog))
    marks = index_marks(catalog.framework, listed.skills)
    return Page(
        "index.html", "index.html", catalog.framework.name, {"listing": listed, "marks": marks}
    )


def one_at_a_time(catalog: Catalog, *, tell: bool = False) -> Iterator[Skill]:
    """Every skill in order, none kept once the next is asked for; with ``tell``, each
    skill's drafts are told of (once, as a command that reads them all does)."""
    for skill, _ in catalog.each_with(catalog.skill_ids, _nothing):
        if tell:
            catalog.tell_drafts_of(skill)
        yield skill


def _nothing(skill: Skill) -> None:
    """Nothing more to make of a skill as it is read (``each_with``'s ``also``)."""


def page_count(catalog: Catalog, home: str = "") -> int:
    """How many pages ``site_pages`` makes, without making them."""
    framework = catalog.framework
    return 2 + len(catalog.skill_ids) + len(framework.roles) * len(framework.levels) + bool(home)


def search_example(catalog: Catalog) -> str:
    """What the search box offers as an example: the name of this framework's first skill,
    else of its first role (never words another framework has); none when it has neither."""
    skills = catalog.skills()
    if skills:
        return skills[0].name
    return catalog.framework.roles[0].name if catalog.framework.roles else ""


def skill_page(framework: Framework, skill: Skill) -> Page:
    shown: Matrix = ladder.matrix(framework, skill)
    return Page(skill_path(skill.id), "skill.html", skill.name, {"matrix": shown})


def role_level_page(
    framework: Framework, skills: tuple[Skill, ...], role: Role, level: Level
) -> Page:
    step: NextStep = ladder.next_step(framework, skills, role, level)
    return Page(
        role_level_path(role.id, level.id),
        "role_level.html",
        f"{level.name} {role.name}",
        {
            "step": step,
            # A skill whose run of levels for the role neither reaches this level nor the
            # next has nothing to say here.
            "shown": tuple(s for s in step.steps if s.current or s.next),
            "radar": level_radar(step),
        },
    )


def level_radar(step: NextStep) -> Radar | None:
    """The shape of a level: per skill, its number of items at this level against the
    skill that asks the most, required skills marked. None where it would say nothing:
    fewer than three skills, or every skill asking as much as the others."""
    sizes = [
        (s.skill.name, len(s.current.items), s.current.required) for s in step.steps if s.current
    ]
    most = max((size for _, size, _ in sizes), default=0)
    if len(sizes) < 3 or len({size for _, size, _ in sizes}) == 1:
        return None
    role, level = step.role, step.current
    return radar(
        f"{level.name} {role.name}: the expectations by skill",
        f"A radar chart with one axis per skill of {role.name} at {level.name}; each axis is "
        "the number of items the skill asks at this level, against the skill that asks the "
        "most. Filled points and bold labels are required skills.",
        [Axis(name, size / most, required) for name, size, required in sizes],
    )


# -- the search index ----------------------------------------------------------------------


def folded(text: str) -> str:
    """Text as search compares it: no accents, no case, words apart (the page's script
    folds the query the same way)."""
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    return " ".join(re.split(r"[^0-9a-z]+", plain.casefold())).strip()


def search_entries(catalog: Catalog) -> Iterator[dict[str, str]]:
    """One entry per skill, per cell and per role at a level: title, link, text to match
    (folded), and a line to show."""
    framework = catalog.framework
    for skill in one_at_a_time(catalog):
        about = f"{skill.domain} {skill.summary} {skill.notes}"
        yield entry(skill.name, skill_path(skill.id), skill.summary or skill.domain, about)
        for cell in skill.expectations:
            role, level = framework.role(cell.role), framework.level(cell.level)
            yield entry(
                f"{skill.name} · {role.name} · {level.name}",
                f"{skill_path(skill.id)}#{cell_anchor(role.id, level.id)}",
                cell.wording,
                " ".join((cell.wording, *cell.examples)),
            )
    for role in framework.roles:
        for level in framework.levels:
            yield entry(
                f"{level.name} {role.name}",
                role_level_path(role.id, level.id),
                role.summary,
                f"{role.summary} {level.summary}",
            )


def entry(title: str, url: str, shown: str, text: str) -> dict[str, str]:
    return {"title": title, "url": url, "shown": shown, "words": folded(f"{title} {text}")}
