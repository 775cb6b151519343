"""What a command that writes files did: the answer of `init`, `new`, `import` and
`site` under ``--json``, so that a script learns which files it wrote and for what."""

from __future__ import annotations

from pathlib import Path

from skillpath.values import frozen


@frozen
class Written:
    """The files one command wrote, in the order written, and what they hold: the skill
    ids of `new` and `import`, the ladder and roles of `init`, the page count of `site`."""

    action: str  # init, new, import or site
    folder: Path | None  # the folder written into; None for a file given alone
    files: tuple[Path, ...]
    skills: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    pages: int | None = None
