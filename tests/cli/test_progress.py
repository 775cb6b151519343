"""Long work draws a progress bar on stderr, only on a terminal and never for JSON."""

from __future__ import annotations

import sys

import pytest

from skillpath.cli import output
from skillpath.cli.app import build_command
from skillpath.cli.asked import Asked
from skillpath.meter import silent


class Terminal:
    def isatty(self) -> bool:
        return True


def at_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    # In the test itself: pytest puts its own stderr back between a fixture and the test.
    monkeypatch.setattr(sys, "stderr", Terminal())
    monkeypatch.setattr(output, "PROGRESS_DELAY", 0.0)


def parsed(name: str, *args: str) -> Asked:
    """What the command line asks of the output, as the command's options record it."""
    asked = Asked()
    build_command(name).make_context(name, list(args), obj=asked)
    return asked


def test_no_bar_on_a_pipe() -> None:
    assert output.progress_meter(for_json=False) is silent  # pytest's stderr is no terminal


@pytest.mark.parametrize(
    "args", [["list", "--json"], ["list", "--format", "json"], ["validate", "-f", "JSON"]]
)
def test_no_bar_when_the_answer_is_json(monkeypatch: pytest.MonkeyPatch, args: list[str]) -> None:
    at_a_terminal(monkeypatch)
    asked = parsed(*args)
    assert asked.json
    assert output.progress_meter(for_json=asked.json) is silent


def test_a_bar_once_work_takes_long_and_gone_when_it_ends(monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[tuple[str, int, int]] = []

    class Bar:
        def __init__(self, what: str, total: int) -> None:
            shown.append((what, 0, total))

        def update(self, done: int) -> None:
            shown.append(("update", done, 0))

        def stop(self) -> None:
            shown.append(("stop", 0, 0))

    from skillpath.render.table import draw

    monkeypatch.setattr(draw, "ProgressBar", Bar)
    at_a_terminal(monkeypatch)
    meter = output.progress_meter(for_json=parsed("list").json)
    for done in range(3):
        meter("reading skill files", done, 3)
    meter("reading skill files", 3, 3)
    assert shown == [
        ("reading skill files", 0, 3),
        ("update", 0, 0),
        ("update", 1, 0),
        ("update", 2, 0),
        ("stop", 0, 0),
    ]


def test_short_work_shows_no_bar(monkeypatch: pytest.MonkeyPatch) -> None:
    at_a_terminal(monkeypatch)
    monkeypatch.setattr(output, "PROGRESS_DELAY", 60.0)
    meter = output.progress_meter(for_json=False)
    for done in range(4):
        meter("reading skill files", done, 3)
    assert output._bars == []


def test_the_rich_bar_draws_on_stderr_and_clears_itself(capsys: pytest.CaptureFixture[str]) -> None:
    from skillpath.render.table.draw import ProgressBar

    bar = ProgressBar("reading [bold]files[/bold]", 10)
    bar.update(5)
    bar.stop()
    captured = capsys.readouterr()
    assert captured.out == ""


def test_validation_and_loading_say_how_far_they_have_got() -> None:
    from skillpath.authoring.validation import validate
    from skillpath.loading import Catalog
    from tests.conftest import BUNDLED

    files = len(list((BUNDLED / "skills").glob("*.yaml")))
    for work, run in (
        ("checking skill files", lambda meter: validate([BUNDLED], meter=meter)),
        ("reading skill files", lambda meter: Catalog(BUNDLED, meter=meter).skills()),
    ):
        heard: list[tuple[str, int, int]] = []
        run(lambda what, done, total, heard=heard: heard.append((what, done, total)))
        assert heard[0] == (work, 0, files)
        assert heard[-1] == (work, files, files)
        assert [done for _, done, _ in heard] == list(range(files + 1))
