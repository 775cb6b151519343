"""JSON Schemas (draft 2020-12) of every JSON answer, shipped with the package."""

from __future__ import annotations

from pathlib import Path

FOLDER = Path(__file__).resolve().parent


def names() -> tuple[str, ...]:
    return tuple(sorted(path.stem for path in FOLDER.glob("*.json")))


def text(name: str) -> str:
    """The schema's JSON text, as shipped."""
    from skillpath.framework.names import resolve_name

    found = resolve_name("schema", name, [(known, (), known) for known in names()])
    return (FOLDER / f"{found}.json").read_text(encoding="utf-8")
