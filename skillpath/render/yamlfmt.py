"""Results as YAML: the JSON objects, in the same key order, for people who read YAML."""

from __future__ import annotations

from typing import Any


def dumps(payload: dict[str, Any]) -> str:
    import yaml

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return str(yaml.dump(payload, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100))
