"""``python -m skillpath``: the same as the ``skillpath`` command."""

from skillpath.cli import run

if __name__ == "__main__":
    run()
