"""``python -m skillpath`` and the ``skillpath`` console script."""

from __future__ import annotations

import sys

from skillpath.errors import EXIT_INTERRUPTED


def main() -> None:
    # Ctrl-C while Python is still importing the command line is Ctrl-C all the same.
    try:
        from skillpath.cli.app import run
    except KeyboardInterrupt:
        sys.exit(EXIT_INTERRUPTED)
    except RuntimeError as error:  # an interrupt inside a class body arrives wrapped
        if isinstance(error.__cause__, KeyboardInterrupt):
            sys.exit(EXIT_INTERRUPTED)
        raise
    run()


if __name__ == "__main__":
    main()
