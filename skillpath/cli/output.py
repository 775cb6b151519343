"""What a command hands back: its answer in the format asked for, or an error on stderr."""

from __future__ import annotations

import contextlib
import gc
import io
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

import typer

from skillpath.errors import DataError, SkillpathError, UnknownNameError
from skillpath.render import emit, json_answer
from skillpath.render.base import Color, Format
from skillpath.render.encode import json_text, utf8_bytes_of, write_all
from skillpath.text import printable

if TYPE_CHECKING:
    from pathlib import Path
    from typing import BinaryIO

    from skillpath.cli.asked import Asked
    from skillpath.loading.answers import AnswerWriter, KeptAnswers
    from skillpath.loading.catalog import Catalog
    from skillpath.meter import Meter
    from skillpath.render.base import Result
    from skillpath.render.table.draw import ProgressBar


def answer(result: Result, asked: Asked, default: Format = Format.TABLE) -> None:
    """Write ``result`` in the format asked for; ``default`` where none is (a document
    such as a job description defaults to Markdown, everything else to a table)."""
    emit(result, asked.format(default), asked.color)


def say(message: str) -> None:
    """A line for the person at the terminal, after a change to their files."""
    typer.echo(printable(message, multiline=True))


def tell_written(result: Result, sentence: str, asked: Asked) -> None:
    """What a command wrote, or changed: as JSON (--json), or as a sentence."""
    if asked.as_json:
        emit(result, Format.JSON)
    else:
        say(sentence)


# Every note and warning given this run, in order: an answer kept whole keeps those given
# while it was worked out, to give them again with it.
_told: list[str] = []
_silenced: list[bool] = []  # not empty while tab completion runs


@contextlib.contextmanager
def silenced() -> Iterator[None]:
    """Nothing of what is told reaches stderr, nor does a progress bar: for tab completion,
    whose stderr is the line the user is typing on."""
    _silenced.append(True)
    try:
        yield
    finally:
        _silenced.pop()


@contextlib.contextmanager
def kept_aside() -> Iterator[list[str]]:
    """The notes and warnings told inside, kept in the list it gives (filled when it ends)
    instead of written to stderr: for the assistant's server, whose every answer carries
    its own. Forgotten here after, so a server that runs for days holds none of them."""
    start = len(_told)
    lines: list[str] = []
    try:
        with silenced():
            yield lines
    finally:
        lines += _told[start:]
        del _told[start:]


def note(message: str) -> None:
    _tell(f"note: {printable(message)}")


def warn(message: str) -> None:
    _tell(f"warning: {printable(message)}")


def _tell(line: str) -> None:
    _told.append(line)
    if not _silenced:
        typer.echo(line, err=True)


def answer_over_skills(
    question: Sequence[str] | None,
    data: Catalog,
    work_out: Callable[[], Result],
    asked: Asked,
    also_read: Sequence[Path] = (),
    *,
    keep_bundled: bool = False,
) -> None:
    """answer() for a command that reads every skill: in JSON, the answer it gave last
    time to the same question over the same files (loading/answers.py), else worked out
    and kept for the next time. ``also_read``: the user's files it reads besides the data;
    no ``question``: an answer not to keep; ``keep_bundled``: kept over the bundled data
    alone too, where ``also_read`` is what costs."""
    with _no_collection():
        _answer_over(question, data, work_out, asked.format(), asked.color, also_read, keep_bundled)


@contextlib.contextmanager
def _no_collection() -> Iterator[None]:
    """No cyclic garbage collection while an answer is worked out and written, nor of what
    it made after: a `next` over 10,000 skills makes millions of objects and no cycles to
    speak of (478 freed), and the collector's passes over them were a tenth of its time.
    Paused alone, the first pass after walks them all at once; frozen, they are passed
    over, as at exit (app.leave_objects_to_the_system)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_on:
            gc.enable()


def _answer_over(
    question: Sequence[str] | None,
    data: Catalog,
    work_out: Callable[[], Result],
    chosen: Format,
    color: Color,
    also_read: Sequence[Path],
    keep_bundled: bool,
) -> None:
    raw = utf8_bytes_of(sys.stdout) if chosen is Format.JSON else None
    place = None
    if raw is not None and question is not None:
        place = _place_of_answer([*question, chosen.value], data, also_read, keep_bundled)
    if raw is None or place is None:
        emit(work_out(), chosen, color)
        return
    kept, key = place
    found = kept.find(key)
    if found is not None:
        if found.stderr:
            typer.echo(found.stderr, err=True, nl=False)
        sys.stdout.flush()
        write_all(raw, found.stdout)
        return
    told = len(_told)
    result = work_out()
    writer = kept.writer(key, "".join(f"{line}\n" for line in _told[told:]))
    if writer is None:
        emit(result, chosen, color)
    else:
        _write_and_keep(result, raw, writer)


def _write_and_keep(result: Result, raw: BinaryIO, writer: AnswerWriter) -> None:
    """Write a JSON answer and keep it as it goes; a write cut short keeps nothing."""
    try:
        sys.stdout.flush()  # whatever the text layer holds goes first
        for chunk in json_answer(result):
            write_all(raw, chunk)
            writer.write(chunk)
    except BaseException:
        writer.drop()
        raise
    writer.keep()


def _place_of_answer(
    question: Sequence[str], data: Catalog, also_read: Sequence[Path], keep_bundled: bool
) -> tuple[KeptAnswers, bytes] | None:
    """Where the answer to ``question`` is kept, and its key; None where none can be."""
    if data.bundled_only() and not keep_bundled:  # quick as it is: no cache at all
        return None
    from skillpath.loading import answers

    kept = answers.KeptAnswers()
    if kept.folder is None:  # the cache turned off: no need to look at every file
        return None
    key = answers.fingerprint(question, data, also_read, bundled_too=keep_bundled)
    return None if key is None else (kept, key)


def report(error: SkillpathError, *, as_json: bool) -> None:
    """The error on stderr: a line per problem, each escaped, since messages quote keys,
    file names and arguments as they were given."""
    problems = error.problems if isinstance(error, DataError) else ()
    if not as_json:
        for line in [str(problem) for problem in problems] or [error.message]:
            typer.echo(f"error: {printable(line)}", err=True)
        return
    from skillpath.render import jsonfmt

    suggestions = list(error.suggestions) if isinstance(error, UnknownNameError) else []
    write_json_error(
        error.code,
        error.message,
        error.exit_code,
        suggestions=suggestions,
        problems=[jsonfmt.problem_entry(problem) for problem in problems],
    )


def show_usage_error(show: Callable[..., None]) -> None:
    """Click's usage message, whose last line quotes the word it did not understand."""
    buffer = io.StringIO()
    show(file=buffer)
    typer.echo(printable(buffer.getvalue(), multiline=True), err=True, nl=False)


def write_json_error(
    code: str,
    message: str,
    exit_code: int,
    suggestions: list[str] | None = None,
    problems: list[dict[str, Any]] | None = None,
) -> None:
    """The error object of the JSON contract; every key always present."""
    payload = {
        "error": {
            "code": code,
            "message": message,
            "exit_code": exit_code,
            "suggestions": suggestions or [],
            "problems": problems or [],
        }
    }
    if sys.stderr is not None:  # started with stderr closed: the exit code says it all
        sys.stderr.write(json_text(payload) + "\n")


def to_terminal() -> bool:
    """Whether stdout is a terminal, where bytes that are not text (a workbook) are refused."""
    return sys.stdout is not None and sys.stdout.isatty()


def interactive() -> bool:
    """Whether a person can answer a question: stdin is open and is a terminal."""
    return sys.stdin is not None and sys.stdin.isatty()


# Work that ends sooner than this shows no bar at all: a flash of one is noise.
PROGRESS_DELAY = 1.0
_bars: list[ProgressBar] = []


def progress_meter(*, for_json: bool) -> Meter:
    """A meter that draws a progress bar on stderr once work has taken PROGRESS_DELAY
    seconds: only when stderr is a terminal, never when the answer is JSON (whose errors
    go to stderr too)."""
    from skillpath.meter import silent

    if _silenced or for_json or sys.stderr is None or not sys.stderr.isatty():
        return silent
    started: list[float] = []

    def meter(what: str, done: int, total: int) -> None:
        now = time.monotonic()
        started[:] = started or [now]
        if done >= total:
            stop_progress()
            started.clear()
        elif _bars:
            _bars[-1].update(done)
        elif now - started[0] >= PROGRESS_DELAY:
            from skillpath.render.table.draw import ProgressBar

            _bars.append(ProgressBar(what, total))
            _bars[-1].update(done)

    return meter


def stop_progress() -> None:
    """Take any bar off the screen: the work is done, or an error is about to be told."""
    while _bars:
        _bars.pop().stop()


@contextlib.contextmanager
def progress_cleared() -> Iterator[None]:
    """Run a command; whatever happens, no bar is left on the screen after it."""
    try:
        yield
    finally:
        stop_progress()
