"""skillpath: what is expected of you at your level, and what to cover to reach the next one."""

# Nothing is imported here: this runs before skillpath can catch a Ctrl-C (__main__.py).


def __getattr__(name: str) -> str:
    # The version is read from the installed metadata (pyproject.toml is its one source),
    # and only when asked for, so that importing skillpath stays cheap.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("skillpath")
        except PackageNotFoundError:  # running from a checkout that was never installed
            return "0+unknown"
    raise AttributeError(f"module 'skillpath' has no attribute {name!r}")
