"""Wheel build hook: a JSON snapshot of the bundled data, so that an installed skillpath
reading only its own data never needs to import and run PyYAML (the largest part of its
start-up). The loader uses an entry only when the file's bytes still hash the same, so an
edited file is always read from its YAML. Editable installs read the YAML directly."""

from __future__ import annotations

import datetime
import hashlib
import json
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hatchling.builders.hooks.plugin.interface import BuildHookInterface

SNAPSHOT = "skillpath/data/.snapshot.json"


def as_json(value: Any) -> Any:
    if isinstance(value, datetime.date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} has no JSON form")


def snapshot(data: Path) -> str:
    entries = {}
    for path in sorted(data.rglob("*.yaml")):
        raw = path.read_bytes()
        entries[path.relative_to(data).as_posix()] = {
            "sha256": hashlib.sha256(raw).hexdigest(),
            "data": yaml.safe_load(raw),
        }
    return json.dumps(entries, default=as_json, ensure_ascii=False, sort_keys=True)


class SnapshotHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if version == "editable":
            return
        folder = Path(tempfile.mkdtemp(prefix="skillpath-snapshot-"))
        target = folder / "snapshot.json"
        target.write_text(snapshot(Path(self.root) / "data"), encoding="utf-8")
        build_data["force_include"][str(target)] = SNAPSHOT
