"""Results as YAML: the JSON objects, in the same key order, for people who read YAML."""

from __future__ import annotations

from typing import Any


def dumps(payload: dict[str, Any], *, ascii_only: bool = False) -> str:
    """YAML that is safe to show on a terminal and reads back the same.

    With ``allow_unicode`` PyYAML writes bidi marks and line separators (and U+0085) raw;
    where the text has any, the document is written with escapes for everything beyond
    ASCII instead, as it is for a stream that cannot take every character.
    """
    import yaml

    from skillpath.text import FORBIDDEN

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    for allow_unicode in (not ascii_only, False):
        text = str(
            yaml.dump(
                payload, Dumper=dumper, sort_keys=False, allow_unicode=allow_unicode, width=100
            )
        )
        if not FORBIDDEN.search(text):
            break
    return text
