"""framework.yaml and skills/<id>.yaml into the model's values, every problem collected."""

from __future__ import annotations

from typing import Any

from skillpath.loading.checks import Checker, kind_of
from skillpath.loading.document import Document, KeyPath
from skillpath.model import Expectation, Framework, Level, Role, Skill, normal_name

_FRAMEWORK_KEYS = ("name", "levels", "roles", "bundled")
_ENTRY_KEYS = ("id", "name", "aliases", "summary")


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
    check.raise_any()
    return Framework(
        name or (base.name if base and not alone else ""),
        tuple(
            Level(e["id"], e["name"], rank, e["aliases"], e["summary"])
            for rank, e in enumerate(levels)
        ),
        tuple(Role(e["id"], e["name"], e["aliases"], e["summary"]) for e in roles),
    )


def _entry_of(entry: Level | Role) -> dict[str, Any]:
    return {"id": entry.id, "name": entry.name, "aliases": entry.aliases, "summary": entry.summary}


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
        entry = check.mapping(raw, keys, ("id",), _ENTRY_KEYS)
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
            "id": entry_id,
            "name": name or old["name"],
            "aliases": tuple(dict.fromkeys((*old["aliases"], *aliases))),
            "summary": summary if summary is not None else old["summary"],
        }
    return list(merged.values())


def _labels(entry: dict[str, Any]) -> tuple[str, ...]:
    return (entry["id"], entry["name"], *entry["aliases"])


# -- skills/<id>.yaml ----------------------------------------------------------------------

_SKILL_KEYS = ("id", "name", "domain", "expectations")
_SKILL_OPTIONAL = ("updated", "source", "notes")
_CELL_KEYS = ("description",)
_CELL_OPTIONAL = ("required", "items", "evidence", "questions")


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
    name = check.text(top["name"], ("name",)) if "name" in top else None
    domain = check.text(top["domain"], ("domain",)) if "domain" in top else None
    updated = check.day(top["updated"], ("updated",)) if "updated" in top else None
    source = check.text(top["source"], ("source",)) if "source" in top else None
    notes = check.text(top["notes"], ("notes",)) if "notes" in top else None
    cells = _expectations(check, top.get("expectations"), skill_id or expected_id, framework)
    check.raise_any()
    assert skill_id is not None and name is not None and domain is not None
    return Skill(
        skill_id, name, domain, updated, source or "", cells, " ".join((notes or "").split())
    )


def _expectations(
    check: Checker, value: Any, skill_id: str, framework: Framework
) -> tuple[Expectation, ...]:
    if value is None:
        return ()
    roles = check.any_mapping(value, ("expectations",))
    if roles is None:
        return ()
    role_ids = tuple(role.id for role in framework.roles)
    level_ids = tuple(level.id for level in framework.levels)
    known_roles = set(role_ids)  # a framework may have thousands of roles
    cells: list[Expectation] = []
    for role_id, by_level in roles.items():
        keys: KeyPath = ("expectations", str(role_id))
        if role_id not in known_roles:
            check.fail(keys, check.unknown("role", str(role_id), role_ids))
            continue
        levels = check.any_mapping(by_level, keys)
        for level_id in levels or {}:
            if level_id not in level_ids:
                check.fail((*keys, str(level_id)), check.unknown("level", str(level_id), level_ids))
        for level_id in level_ids:
            if levels and level_id in levels:
                cell = _expectation(check, levels[level_id], (*keys, level_id), skill_id)
                if cell is not None:
                    cells.append(cell)
    return tuple(cells)


def _expectation(check: Checker, value: Any, keys: KeyPath, skill_id: str) -> Expectation | None:
    cell = check.mapping(value, keys, _CELL_KEYS, _CELL_OPTIONAL)
    if cell is None:
        return None
    description = (
        check.text(cell["description"], (*keys, "description")) if "description" in cell else None
    )
    required = check.flag(cell["required"], (*keys, "required")) if "required" in cell else False
    given = check.texts(cell["items"], (*keys, "items"), at_least=1) if "items" in cell else ()
    evidence, questions = (
        tuple(" ".join(text.split()) for text in check.texts(cell[key], (*keys, key), at_least=1))
        if key in cell
        else ()
        for key in ("evidence", "questions")
    )
    if description is None:
        return None
    role_id, level_id = str(keys[1]), str(keys[2])
    text = " ".join(description.split())
    return Expectation(
        skill_id, role_id, level_id, required, text, given, tuple(evidence), tuple(questions)
    )
