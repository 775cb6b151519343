"""The wheel's JSON snapshot of its bundled data (made by hatch_build.py), so that reading
the bundled skills needs no PyYAML while their bytes are unchanged."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from skillpath.loading import paths

SNAPSHOT_FILE = ".snapshot.json"


def snapshot_entry(path: Path, raw: bytes) -> Any:
    """The data of a bundled file as the wheel's build read it, while its bytes are unchanged.

    A wheel carries a JSON snapshot of its data (hatch_build.py), made from the same files
    the tests check; reading it skips PyYAML. Anything else is read as YAML.
    """
    root = paths.bundled_root()
    snapshot = _snapshot(root)
    if not snapshot:  # a checkout: no snapshot, and no path to resolve
        return None
    try:
        # The catalogue names bundled files from bundled_root() itself; a bundled file
        # named another way (through a link) is read as YAML, which is slower, not wrong.
        name = path.relative_to(root).as_posix()
    except ValueError:  # not a bundled file
        return None
    entry = snapshot.get(name)
    if not isinstance(entry, dict):
        return None
    from hashlib import sha256

    if entry.get("sha256") != sha256(raw).hexdigest():
        return None
    return entry.get("data")


_snapshots: dict[Path, dict[str, Any]] = {}


def _snapshot(root: Path) -> dict[str, Any]:
    """The bundled folder's snapshot, read once; empty where there is none (a checkout)."""
    if root not in _snapshots:
        import json

        try:
            loaded = json.loads((root / SNAPSHOT_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            loaded = {}
        _snapshots[root] = loaded if isinstance(loaded, dict) else {}
    return _snapshots[root]
