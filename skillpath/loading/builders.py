"""framework.yaml and skills/<id>.yaml into the model's values, every problem collected."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from skillpath.framework.model import (
    EVERY_ROLE,
    QUESTION_KIND_NAMES,
    QUESTION_KINDS,
    Expectation,
    Framework,
    Level,
    Question,
    Role,
    Skill,
    bullet_lines,
    normal_name,
)
from skillpath.loading.checks import Checker, id_key, kind_of
from skillpath.loading.document import Document, KeyPath
from skillpath.text import first_forbidden

_FRAMEWORK_KEYS = ("name", "levels", "roles", "bundled")
_ENTRY_KEYS = ("id", "name", "aliases", "summary")
_ROLE_KEYS = (*_ENTRY_KEYS, "levels")  # a role may take only part of the ladder


def replaces_bundled(document: Document) -> bool:
    """Whether a user's framework.yaml brings its own ladder and roles (``bundled: false``)."""
    return isinstance(document.data, dict) and document.data.get("bundled") is False


def build_framework(document: Document, base: Framework | None = None) -> Framework:
    """The framework a framework.yaml describes, alone or on top of ``base``.

    On top of a base, a file may add roles and add aliases (or a new name or summary) to
    the base's levels and roles; with ``bundled: false`` it stands alone instead.
    """
    check = Checker(document)
    alone = base is None or replaces_bundled(document)
    top = check.mapping(document.data, (), ("levels", "roles") if alone else (), _FRAMEWORK_KEYS)
    if top is None:
        check.raise_any()
        raise AssertionError("unreachable")  # pragma: no cover
    if "bundled" in top:
        check.flag(top["bundled"], ("bundled",))
    name = check.text(top["name"], ("name",)) if "name" in top else None
    start_levels = () if alone or base is None else tuple(_entry_of(lv) for lv in base.levels)
    start_roles = () if alone or base is None else tuple(_entry_of(r) for r in base.roles)
    levels = _merge_entries(check, start_levels, top.get("levels"), "levels", may_add=alone)
    roles = _merge_entries(check, start_roles, top.get("roles"), "roles", may_add=True)
    if alone and "levels" in top and not levels and not check.problems:
        check.fail(("levels",), "must list at least one level")
    ladder = tuple(entry["id"] for entry in levels)
    for index, entry in enumerate(roles):
        entry["levels"] = _role_levels(check, entry, ladder, top.get("roles"), index)
    check.raise_any()
    return Framework(
        name or (base.name if base and not alone else ""),
        tuple(
            Level(e["id"], e["name"], rank, e["aliases"], e["summary"])
            for rank, e in enumerate(levels)
        ),
        tuple(Role(e["id"], e["name"], e["aliases"], e["summary"], e["levels"]) for e in roles),
    )


def _role_levels(
    check: Checker, entry: dict[str, Any], ladder: tuple[str, ...], raw: Any, index: int
) -> tuple[str, ...]:
    """A role's own part of the ladder: known level ids, lowest first, each once."""
    given = entry.get("given_levels")
    if given is None:
        return tuple(entry.get("levels", ()))
    keys: KeyPath = ("roles", _position_of(raw, entry["id"], index), "levels")
    texts = check.texts(given, keys, at_least=1)
    for at, level_id in enumerate(texts):
        if level_id not in ladder:
            check.fail((*keys, at), check.unknown("level", level_id, ladder))
            return ()
    if list(texts) != sorted(dict.fromkeys(texts), key=ladder.index):
        check.fail(keys, "must list each level once, lowest first, as the ladder does")
        return ()
    return tuple(texts) if len(texts) < len(ladder) else ()


def _position_of(raw: Any, role_id: str, fallback: int) -> int:
    """Where a role is in the file's roles list, to point a problem at it."""
    for at, item in enumerate(raw if isinstance(raw, list) else ()):
        if isinstance(item, dict) and item.get("id") == role_id:
            return at
    return fallback


def _entry_of(entry: Level | Role) -> dict[str, Any]:
    found = {"id": entry.id, "name": entry.name, "aliases": entry.aliases, "summary": entry.summary}
    return found | ({"levels": entry.levels} if isinstance(entry, Role) else {})


def _merge_entries(
    check: Checker, existing: tuple[dict[str, Any], ...], value: Any, section: str, *, may_add: bool
) -> list[dict[str, Any]]:
    """``existing`` levels or roles with a file's entries merged in, every name unique."""
    merged = {entry["id"]: dict(entry) for entry in existing}
    taken = {normal_name(label): entry["id"] for entry in existing for label in _labels(entry)}
    if value is None:
        return list(merged.values())
    if not isinstance(value, list):
        check.fail((section,), f"must be a list, not {kind_of(value)}")
        return list(merged.values())
    kind = section[:-1]
    in_this_file: set[str] = set()
    for index, raw in enumerate(value):
        keys: KeyPath = (section, index)
        entry = check.mapping(raw, keys, ("id",), _ROLE_KEYS if kind == "role" else _ENTRY_KEYS)
        if entry is None or "id" not in entry:
            continue
        entry_id = check.ident(entry["id"], (*keys, "id"))
        if entry_id in in_this_file:
            check.fail((*keys, "id"), f"the {kind} {entry_id!r} is listed twice; keep one")
            continue
        in_this_file.add(entry_id or "")
        name = check.text(entry["name"], (*keys, "name")) if "name" in entry else None
        aliases = check.texts(entry["aliases"], (*keys, "aliases")) if "aliases" in entry else ()
        summary = check.text(entry["summary"], (*keys, "summary")) if "summary" in entry else None
        if entry_id is None:
            continue
        if entry_id not in merged and not may_add:
            check.fail(
                (*keys, "id"),
                f"adds the {kind} {entry_id!r}: a folder on top of the bundled "
                "framework may add roles and aliases, not levels; say 'bundled: false' to bring "
                "your own ladder",
            )
            continue
        if entry_id not in merged and name is None:
            check.fail(keys, "missing key 'name'")
            continue
        labels = [((*keys, "id"), entry_id), ((*keys, "name"), name or "")]
        labels += [((*keys, "aliases", n), alias) for n, alias in enumerate(aliases)]
        clashes = False
        for where, label in labels:
            owner = taken.setdefault(normal_name(label), entry_id) if label else entry_id
            if owner != entry_id:
                check.fail(where, f"{label!r} already names the {kind} {owner!r}")
                clashes = True
        if clashes:
            continue
        old = merged.get(entry_id, {"id": entry_id, "name": name, "aliases": (), "summary": ""})
        merged[entry_id] = {
            **old,
            "id": entry_id,
            "name": name or old["name"],
            "aliases": tuple(dict.fromkeys((*old["aliases"], *aliases))),
            "summary": summary if summary is not None else old["summary"],
        }
        if "levels" in entry:  # checked against the ladder once every level is known
            merged[entry_id]["given_levels"] = entry["levels"]
    return list(merged.values())


def _labels(entry: dict[str, Any]) -> tuple[str, ...]:
    return (entry["id"], entry["name"], *entry["aliases"])


# -- skills/<id>.yaml ----------------------------------------------------------------------

_SKILL_KEYS = ("id", "name", "domain")
_SKILL_OPTIONAL = (
    "updated", "source", "notes", "summary", "roles", EVERY_ROLE, "expectations"
)  # fmt: skip
_CELL_OPTIONAL = ("required", "description", "items", "evidence", "questions", "examples", "draft")
_CELL_LISTS = ("evidence", "examples")


def build_skill(document: Document, framework: Framework) -> Skill:
    check = Checker(document)
    top = check.mapping(document.data, (), _SKILL_KEYS, _SKILL_OPTIONAL)
    if top is None:
        check.raise_any()
        raise AssertionError("unreachable")  # pragma: no cover
    skill_id = check.ident(top["id"], ("id",)) if "id" in top else None
    expected_id = document.path.stem
    if skill_id is not None and skill_id != expected_id:
        check.fail(
            ("id",),
            f"is {skill_id!r} but the file is named {document.path.name!r}; they must match",
        )
    text = {
        key: check.text(top[key], (key,)) if key in top else None
        for key in ("name", "domain", "source", "notes", "summary")
    }
    updated = check.day(top["updated"], ("updated",)) if "updated" in top else None
    if "expectations" not in top and EVERY_ROLE not in top:
        check.fail((), f"missing key 'expectations' (or {EVERY_ROLE!r})")
    cells, drafts = _cells(check, top, skill_id or expected_id, framework)
    check.raise_any()
    assert skill_id is not None and text["name"] is not None and text["domain"] is not None
    return Skill(
        skill_id,
        text["name"],
        text["domain"],
        updated,
        text["source"] or "",
        cells,
        " ".join((text["notes"] or "").split()),
        " ".join((text["summary"] or "").split()),
        drafts,
    )


Drafts = tuple[tuple[str, str], ...]  # (role id, level id) of each draft cell


def _cells(
    check: Checker, top: Mapping[str, Any], skill_id: str, framework: Framework
) -> tuple[tuple[Expectation, ...], Drafts]:
    """Every cell of the skill: a role's own, else the one every role shares at that level;
    and the draft cells, left out."""
    own = _own_cells(check, top.get("expectations"), framework)
    shared = _shared_cells(check, top.get(EVERY_ROLE), framework)
    roles = _skill_roles(check, top, own, framework)
    cells: list[Expectation] = []
    drafts: list[tuple[str, str]] = []
    for role in roles:
        for level in framework.ladder(role):
            placed = own.get(role.id, {}).get(level.id) or shared.get(level.id)
            if placed is None:
                continue
            keys, raw = placed  # a cell left empty ("junior:") is refused, not skipped
            draft = is_draft(check, raw, keys)
            cell = _expectation(check, raw, keys, (skill_id, role.id, level.id), draft)
            if draft:
                drafts.append((role.id, level.id))
            elif cell is not None:
                cells.append(cell)
    return tuple(cells), tuple(drafts)


def is_draft(check: Checker, value: Any, keys: KeyPath) -> bool:
    """A cell that ``new`` wrote and nobody has filled in yet (``draft: true``): checked like
    any other except that its description may be empty, then left out, so the rest of the
    skill can be read; validate reports it."""
    if not isinstance(value, dict) or "draft" not in value:
        return False
    return check.flag(value["draft"], (*keys, "draft"))


Placed = tuple[KeyPath, Any]  # a cell's key path in the file, and its raw value


def _own_cells(check: Checker, value: Any, framework: Framework) -> dict[str, dict[str, Placed]]:
    """``expectations``: role id -> level id -> cell, each id checked against the framework."""
    if value is None:
        return {}
    roles = check.any_mapping(value, ("expectations",))
    found: dict[str, dict[str, Placed]] = {}
    by_id = {role.id: role for role in framework.roles}  # a framework may have thousands
    for raw_role, by_level in (roles or {}).items():
        keys: KeyPath = ("expectations", str(raw_role))
        role_id = id_key(check, raw_role, keys)
        if role_id is None:
            continue
        if role_id not in by_id:
            check.fail(keys, check.unknown("role", role_id, tuple(by_id)))
            continue
        ladder = tuple(level.id for level in framework.ladder(by_id[role_id]))
        found[role_id] = _level_cells(check, by_level, keys, ladder, framework, role_id)
    return found


def _shared_cells(check: Checker, value: Any, framework: Framework) -> dict[str, Placed]:
    """``every-role``: level id -> the cell every role of the skill has at that level."""
    if value is None:
        return {}
    ladder = tuple(level.id for level in framework.levels)
    return _level_cells(check, value, (EVERY_ROLE,), ladder, framework, None)


def _level_cells(
    check: Checker,
    value: Any,
    keys: KeyPath,
    ladder: tuple[str, ...],
    framework: Framework,
    role_id: str | None,
) -> dict[str, Placed]:
    levels = check.any_mapping(value, keys)
    found: dict[str, Placed] = {}
    for raw_level, cell in (levels or {}).items():
        at: KeyPath = (*keys, str(raw_level))
        level_id = id_key(check, raw_level, at)
        if level_id is None:
            continue
        if level_id in ladder:
            found[level_id] = (at, cell)
        elif role_id is not None and any(level.id == level_id for level in framework.levels):
            own = ", ".join(ladder)
            check.fail(at, f"the role {role_id!r} has no level {level_id!r}; its levels: {own}")
        else:
            check.fail(at, check.unknown("level", level_id, ladder))
    return found


def _skill_roles(
    check: Checker, top: Mapping[str, Any], own: Mapping[str, Any], framework: Framework
) -> list[Role]:
    """The skill's roles: ``roles`` where given (else every role, when cells are shared),
    then any other role with cells of its own."""
    by_id = {role.id: role for role in framework.roles}
    if "roles" in top:
        listed = [by_id[r] for r in _listed_roles(check, top["roles"], by_id)]
    elif EVERY_ROLE in top:
        listed = list(framework.roles)
    else:
        listed = []
    named = {role.id for role in listed}
    return listed + [by_id[r] for r in own if r not in named]


def _listed_roles(check: Checker, value: Any, by_id: Mapping[str, Role]) -> tuple[str, ...]:
    found: dict[str, None] = {}
    for at, role_id in enumerate(check.texts(value, ("roles",), at_least=1)):
        if role_id not in by_id:
            check.fail(("roles", at), check.unknown("role", role_id, tuple(by_id)))
        else:
            found[role_id] = None
    return tuple(found)


def _expectation(
    check: Checker, value: Any, keys: KeyPath, where: tuple[str, str, str], draft: bool = False
) -> Expectation | None:
    cell = check.mapping(value, keys, (), _CELL_OPTIONAL)
    if cell is None:
        return None
    written = cell.get("description")
    # A draft's description may be missing or empty, as `new` wrote it.
    unwritten = draft and (written is None or (isinstance(written, str) and not written.strip()))
    description = (
        check.text(written, (*keys, "description"))
        if "description" in cell and not unwritten
        else None
    )
    required = check.flag(cell["required"], (*keys, "required")) if "required" in cell else False
    given = check.texts(cell["items"], (*keys, "items"), at_least=1) if "items" in cell else ()
    lists: dict[str, tuple[str, ...]] = dict.fromkeys(_CELL_LISTS, ())
    for key in _CELL_LISTS:
        if key in cell:
            given_list = check.texts(cell[key], (*keys, key), at_least=1)
            lists[key] = tuple(" ".join(text.split()) for text in given_list)
    questions = (
        _questions(check, cell["questions"], (*keys, "questions")) if "questions" in cell else ()
    )
    if "description" not in cell and "items" not in cell and not draft:
        check.fail(keys, "missing key 'description' (or 'items')")
    if description is None and not given:
        return None
    bullets = bullet_lines(description or "")
    text = "" if bullets else " ".join((description or "").split())
    asked = tuple(question.text for question in questions)
    for key, texts in (("items", given or bullets), *lists.items(), ("questions", asked)):
        if len(texts) > 1:
            _no_repeats(check, (*keys, key if key != "items" or given else "description"), texts)
    return Expectation(
        *where,
        required,
        text,
        given or bullets,
        lists["evidence"],
        questions,
        lists["examples"],
    )


_QUESTION_KEYS = ("kind", "strong-answer")


def _questions(check: Checker, value: Any, keys: KeyPath) -> tuple[Question, ...]:
    """A cell's interview questions: each a line of text, or a mapping with the question
    (``ask``), its ``kind`` and what a ``strong-answer`` mentions (docs/data-format.md)."""
    if isinstance(value, list) and not value:
        check.fail(keys, "must not be empty; leave it out to have interview prompts made")
        return ()
    if not isinstance(value, list):
        check.texts(value, keys)  # says what it is instead of a list
        return ()
    found: list[Question] = []
    for index, entry in enumerate(value):
        where = (*keys, index)
        if isinstance(entry, str) and (text := entry.strip()) and first_forbidden(entry) is None:
            found.append(Question(" ".join(text.split())))  # the usual line, quickly
            continue
        if not isinstance(entry, dict):
            if (checked := check.text(entry, where)) is not None:
                found.append(Question(" ".join(checked.split())))
            continue
        fields = check.mapping(entry, where, ("ask",), _QUESTION_KEYS)
        if fields is None:
            continue
        words = [
            (check.text(fields[key], (*where, key)) or "") if key in fields else ""
            for key in ("ask", *_QUESTION_KEYS)
        ]
        ask, kind, strong = (" ".join(text.split()) for text in words)
        kind = QUESTION_KIND_NAMES.get(kind.casefold(), kind)
        if kind and kind not in QUESTION_KINDS:
            check.fail((*where, "kind"), check.unknown("kind", kind, QUESTION_KINDS))
        if ask:
            found.append(Question(ask, kind, strong))
    return tuple(found)


def _no_repeats(check: Checker, keys: KeyPath, texts: tuple[str, ...]) -> None:
    """A list says each thing once: two items alike would share one id, and a mark on one
    would mark both."""
    seen: dict[str, int] = {}
    for at, text in enumerate(texts):
        first = seen.setdefault(" ".join(text.split()).casefold(), at)
        if first != at:
            check.fail((*keys, at), f"repeats entry {first + 1}: say each one once")
