"""What is read back from progress.yaml and history.jsonl is held to the writer's limits,
field by field: a field over the limit in progress.yaml is a data error naming the file,
line and key, in every format; a history line with one is a line that cannot be read,
skipped with the usual warning; and a field over the limit is refused by its length alone,
before anything looks at its characters (so hostile files cost time in their size)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from skillpath.loading import checks
from skillpath.plan import changes, statefiles, store
from tests.conftest import Invoke

MIDDLE = ("--role", "llm", "--level", "mid")
OVER = statefiles.MAX_FIELD + 1
CHANGE = {
    "time": "2026-11-01T10:00:00+00:00",
    "action": "done",
    "item": "6675ac29",
    "skill": "rag",
    "role": "llm-engineer",
    "level": "mid",
    "note": "PR 1",
}


def test_the_reader_s_limit_is_the_writer_s() -> None:
    assert statefiles.MAX_FIELD == changes.MAX_NOTE


def marked(invoke: Invoke, home: Path, *extra: str) -> dict[str, Any]:
    """A progress file with one covered item, as `done` writes it, as JSON."""
    result = invoke("done", "rag:1", *MIDDLE, "--note", "PR 1", "--link", "https://x/1", *extra)
    assert result.exit_code == 0, result.stderr
    progress: dict[str, Any] = json.loads((home / store.PROGRESS_FILE).read_text("utf-8"))
    return progress


def rewritten(home: Path, progress: dict[str, Any], change: Callable[[dict[str, Any]], None]):
    (item,) = progress["items"].values()
    change(item)
    text = json.dumps(progress, indent=2, ensure_ascii=False) + "\n"
    (home / store.PROGRESS_FILE).write_text(text, encoding="utf-8")
    return text


PROGRESS_FIELDS: dict[str, tuple[Callable[[dict[str, Any], str], None], str, int]] = {
    # field: (how to set it, its key path under the item, its limit)
    "note": (lambda item, text: item["evidence"][0].update(note=text), "evidence[0].note", 0),
    "link": (lambda item, text: item["evidence"][0].update(link=text), "evidence[0].link", 0),
    "reason": (lambda item, text: item.update(reason=text), "reason", 0),
    "skill": (lambda item, text: item.update(skill=text), "skill", 0),
    "state": (lambda item, text: item.update(state=text), "state", 0),
    "text": (lambda item, text: item.update(text=text), "text", statefiles.MAX_ITEM_TEXT),
}


@pytest.mark.parametrize("field", PROGRESS_FIELDS)
@pytest.mark.parametrize("size", ["just over", "a megabyte"])
def test_a_progress_field_over_the_limit_is_an_error_in_every_format(
    invoke: Invoke, fresh_home: Path, field: str, size: str
) -> None:
    setter, key, limit = PROGRESS_FIELDS[field]
    length = (limit or statefiles.MAX_FIELD) + 1 if size == "just over" else 1_000_000
    progress = marked(invoke, fresh_home)
    (item_id,) = progress["items"]
    text = rewritten(fresh_home, progress, lambda item: setter(item, "w" * length))
    line = next(n for n, at in enumerate(text.splitlines(), 1) if "w" * 100 in at)
    said = f"items.{item_id}.{key}: is {length:,} characters; the limit is "
    for fmt in ([], ["--format", "markdown"]):
        result = invoke("progress", *MIDDLE, *fmt)
        assert (result.exit_code, result.stdout) == (1, ""), result.stderr
        assert f"{store.PROGRESS_FILE}:{line}:" in result.stderr
        assert said in result.stderr
        assert len(result.stderr) < 1_000  # the field itself is never shown
    result = invoke("progress", *MIDDLE, "--json")
    assert (result.exit_code, result.stdout) == (1, "")
    (problem,) = json.loads(result.stderr)["error"]["problems"]
    assert problem["line"] == line
    assert problem["key_path"] == f"items.{item_id}.{key}"
    assert problem["message"].startswith(f"is {length:,} characters")


def test_a_field_at_the_limit_is_read_back_from_both_files(
    invoke: Invoke, invoke_json, fresh_home: Path
) -> None:
    note = "n" * statefiles.MAX_FIELD
    assert invoke("done", "rag:1", *MIDDLE, "--note", note).exit_code == 0
    assert f'"note": "{note}"' in json.dumps(invoke_json("progress", *MIDDLE))
    assert invoke_json("log")["changes"][0]["note"] == note
    assert invoke("done", "rag:2", *MIDDLE, "--note", note + "n").exit_code == 2  # the writer


def test_an_item_id_over_the_limit_is_refused_without_being_shown(
    invoke: Invoke, fresh_home: Path
) -> None:
    progress = marked(invoke, fresh_home)
    progress["items"] = {"i" * 300_000: next(iter(progress["items"].values()))}
    path = fresh_home / store.PROGRESS_FILE
    path.write_text(json.dumps(progress, indent=2), encoding="utf-8")
    for fmt in ([], ["--json"]):
        result = invoke("progress", *MIDDLE, *fmt)
        assert (result.exit_code, result.stdout) == (1, "")
        assert "has a key that is 300,000 characters; the limit is 2,000" in result.stderr
        assert "iiii" not in result.stderr and len(result.stderr) < 1_000
        assert "YAML" not in result.stderr  # which cannot read a key that long, to place it


def test_a_first_release_note_over_the_limit_is_an_error(invoke: Invoke, fresh_home: Path) -> None:
    fresh_home.mkdir()
    (fresh_home / store.PROGRESS_FILE).write_text(
        "done:\n"
        "  b5677e35:\n"
        "    skill: rag\n    role: llm-engineer\n    level: senior\n"
        "    text: Designs production RAG architectures.\n"
        "    done: 2026-01-05\n"
        f"    note: {'n' * OVER}\n",
        encoding="utf-8",
    )
    result = invoke("progress", *MIDDLE)
    assert result.exit_code == 1
    assert f"progress.yaml:8:5: done.b5677e35.note: is {OVER:,} characters" in result.stderr


def write_history(home: Path, *entries: dict[str, str] | bytes) -> None:
    home.mkdir(exist_ok=True)
    lines = [e if isinstance(e, bytes) else json.dumps(e).encode() for e in entries]
    (home / store.HISTORY_FILE).write_bytes(b"\n".join(lines) + b"\n")


@pytest.mark.parametrize(
    "field", ["note", "link", "reason", "from", "item", "skill", "role", "level", "time"]
)
def test_a_history_line_with_a_field_over_the_limit_is_skipped_with_a_warning(
    invoke: Invoke, fresh_home: Path, field: str
) -> None:
    long = {
        **CHANGE,
        field: "2026-11-01T10:00:00+00:00" + "0" * OVER if field == "time" else "w" * OVER,
    }
    write_history(fresh_home, CHANGE, long, {**CHANGE, "note": "PR 3"})
    result = invoke("log", "--json")
    assert result.exit_code == 0
    assert result.stderr == "warning: history.jsonl: skipped lines that could not be read: 2\n"
    shown = json.loads(result.stdout)
    assert [change["note"] for change in shown["changes"]] == ["PR 1", "PR 3"]
    assert shown["summary"]["unreadable_lines"] == [2]
    table = invoke("log", columns=120)
    assert table.exit_code == 0 and table.stderr == result.stderr
    assert "PR 3" in table.stdout and "www" not in table.stdout


@pytest.mark.parametrize("megabytes", [1, 4])
def test_a_history_line_with_a_note_of_megabytes_is_skipped_in_every_format(
    invoke: Invoke, fresh_home: Path, megabytes: int
) -> None:
    write_history(fresh_home, {**CHANGE, "note": "w " * (megabytes * 500_000)})
    for fmt in ([], ["--json"], ["--format", "markdown"], ["--format", "csv"]):
        result = invoke("log", *fmt)
        assert result.exit_code == 0
        assert "skipped lines that could not be read: 1" in result.stderr
        assert "w w" not in result.stdout


def test_a_history_line_holding_a_character_data_may_not_hold_is_skipped(
    invoke: Invoke, fresh_home: Path
) -> None:
    write_history(fresh_home, CHANGE, {**CHANGE, "note": "PR \x1b[2J"})
    result = invoke("log", "--json")
    assert json.loads(result.stdout)["summary"]["unreadable_lines"] == [2]


def test_a_history_over_its_size_limit_is_refused_in_every_format(
    invoke: Invoke, fresh_home: Path
) -> None:
    write_history(fresh_home, CHANGE)
    with (fresh_home / store.HISTORY_FILE).open("r+b") as file:
        file.truncate(store.MAX_HISTORY_BYTES + 1)  # sparse: no 64 MiB written
    for fmt in ([], ["--json"]):
        result = invoke("log", *fmt)
        assert (result.exit_code, result.stdout) == (1, "")
        assert f"is {store.MAX_HISTORY_BYTES + 1} bytes" in result.stderr
        assert "; history files are limited to 64 MiB" in result.stderr


# -- linear: a field over the limit is measured, never scanned ------------------------------


def test_a_history_line_too_long_for_any_change_is_not_decoded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    decoded: list[int] = []
    real = json.loads

    def loads(text: bytes | str, **options: Any) -> Any:
        decoded.append(len(text))
        return real(text, **options)

    monkeypatch.setattr(json, "loads", loads)
    short = json.dumps(CHANGE).encode()
    huge = json.dumps({**CHANGE, "note": "w" * 2_000_000}).encode()
    found, unreadable = statefiles.build_history(b"\n".join([short, huge, short]))
    assert len(found) == 2 and unreadable == (2,)
    assert decoded == [len(short), len(short)]


def test_a_field_over_the_limit_is_refused_before_its_characters_are_looked_at(
    monkeypatch: pytest.MonkeyPatch, invoke: Invoke, fresh_home: Path
) -> None:
    """The characters of a field are scanned (for control characters, and then to show
    it) only once it is known to be within the limit."""
    scanned: list[int] = []

    def spy(real: Callable[[str], str | None]) -> Callable[[str], str | None]:
        def scanning(text: str) -> str | None:
            scanned.append(len(text))
            return real(text)

        return scanning

    monkeypatch.setattr(checks, "first_forbidden", spy(checks.first_forbidden))
    monkeypatch.setattr(statefiles, "first_forbidden", spy(statefiles.first_forbidden))
    progress = marked(invoke, fresh_home)
    rewritten(fresh_home, progress, lambda item: item["evidence"][0].update(note="w" * 500_000))
    result = invoke("progress", *MIDDLE)
    assert result.exit_code == 1 and "is 500,000 characters" in result.stderr
    note = {**CHANGE, "note": "w" * (statefiles.MAX_FIELD + 10)}
    statefiles.build_history(json.dumps(note).encode())
    assert scanned and max(scanned) <= statefiles.MAX_ITEM_TEXT
