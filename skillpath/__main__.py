"""``python -m skillpath`` and the ``skillpath`` console script."""

# _signal, the C half of signal: importing `signal` builds enums, long enough to be cut short.
import _signal  # type: ignore[import-not-found]  # no stub; CPython's own module

# Until skillpath is ready to unwind, a Ctrl-C ends the process the way the shell expects
# (status 130, no message) instead of as Python's traceback of whatever import it cut
# short; `run` restores the usual KeyboardInterrupt once the command line is built. Done at
# import, so that the import of the command line itself is covered; only a program imports
# this module. A SIGINT that was ignored (nohup, a background job) stays ignored.
if _signal.getsignal(_signal.SIGINT) is _signal.default_int_handler:
    _signal.signal(_signal.SIGINT, _signal.SIG_DFL)


def main() -> None:
    import gc

    # A run lasts a fraction of a second and builds large trees of answers and data that
    # hold no cycles; the collector's default pass every 700 allocations walks them again
    # and again (a tenth of a run over thousands of skills). Every 50,000 still frees what
    # cycles there are long before they could matter.
    gc.set_threshold(50_000)
    from skillpath.cli.app import run

    run()


if __name__ == "__main__":
    main()
