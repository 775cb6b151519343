"""One listing of each skills/ folder and one stat of each skill file per command: the
kept answer's fingerprint, the skill cache and the search index share what the catalogue
took (cache.FileKeys, Catalog.listed). The memo is the catalogue's, and a catalogue lives
for one command or one MCP call: a file changed or added between two is seen."""

from __future__ import annotations

import os
import shutil
from collections import Counter
from pathlib import Path

import pytest
from mcp import ClientSession

from skillpath.framework.search import search_for
from skillpath.loading import answers, cache, paths
from skillpath.loading.catalog import open_catalog
from tests.cli.conftest import write
from tests.cli.test_mcp import serve
from tests.conftest import Invoke

NEW_WORD = "zeugmatic"  # in no bundled skill


def new_skill(folder: Path, skill_id: str, *, age: int) -> Path:
    """A copy of a team skill under a new id, whose summary holds NEW_WORD."""
    text = (folder / "skills" / "team-rag.yaml").read_text(encoding="utf-8")
    text = text.replace("id: team-rag\n", f"id: {skill_id}\n", 1)
    text = text.replace("\nname: ", f"\nname: {NEW_WORD.title()} ", 1)
    path = folder / "skills" / f"{skill_id}.yaml"
    write(path, text, age=age)
    return path


@pytest.fixture
def stats(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """The files cache.file_key() was asked about, and how often."""
    counted: Counter[str] = Counter()
    real = cache.file_key

    def counting(path: str | os.PathLike[str], now_ns: int | None = None) -> str | None:
        counted[os.fspath(path)] += 1
        return real(path, now_ns)

    monkeypatch.setattr(cache, "file_key", counting)
    return counted


@pytest.fixture
def listings(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """The skills/ folders listed, and how often."""
    counted: Counter[str] = Counter()
    real = paths.skill_names

    def counting(folder: str | Path) -> list[str]:
        counted[os.fspath(folder)] += 1
        return real(folder)

    monkeypatch.setattr(paths, "skill_names", counting)
    return counted


def test_a_new_question_stats_each_skill_file_once_and_lists_each_folder_once(
    team: Path, invoke: Invoke, stats: Counter[str], listings: Counter[str]
) -> None:
    question = ("search", "retrieval", "--json", "--data-dir", str(team))
    first = invoke(*question)
    assert first.exit_code == 0, first.stderr
    shutil.rmtree(Path(os.environ[cache.CACHE_VARIABLE]) / answers.FOLDER)  # a new question
    stats.clear()
    listings.clear()
    again = invoke(*question)
    assert again.exit_code == 0, again.stderr
    assert again.stdout == first.stdout
    skill_files = {str(path) for path in (team / "skills").glob("*.yaml")}
    assert {path: stats[path] for path in skill_files} == dict.fromkeys(skill_files, 1)
    assert max(stats.values()) == 1  # nor any other file twice (framework.yaml, ...)
    assert listings[str(team / "skills")] == 1
    assert max(listings.values()) == 1


def test_a_second_catalogue_sees_a_file_changed_and_one_added_after_the_first(
    team: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two openings in one process, as two MCP calls are: nothing the first took is kept."""
    question = ["search", NEW_WORD, "json"]
    before = open_catalog([team])
    key_before = answers.fingerprint(question, before)
    assert key_before is not None
    assert search_for(before, [NEW_WORD], (), ()).hits == ()
    changed = team / "skills" / "team-nlp.yaml"
    text = changed.read_text(encoding="utf-8")
    write(changed, text.replace("\nname: ", f"\nname: {NEW_WORD} ", 1), age=50)
    new_skill(team, "team-new", age=51)

    after = open_catalog([team])
    assert after.file_keys(changed) != before.file_keys(changed)
    assert answers.fingerprint(question, after) != key_before
    assert "team-new" in after.skill_files
    found = {hit.skill.id for hit in search_for(after, [NEW_WORD], (), ()).hits}
    assert found == {"team-nlp", "team-new"}


def test_an_mcp_server_sees_a_skill_added_between_two_calls(tmp_path: Path, team: Path) -> None:
    async def before_and_after(client: ClientSession) -> tuple[list[str], list[str], list[str]]:
        async def searched() -> list[str]:
            found = await client.call_tool("search", {"text": NEW_WORD})
            return [hit["skill"] for hit in found.structured_content["hits"]]

        before = await searched()
        new_skill(team, "team-added", age=60)
        after = await searched()
        listed = await client.call_tool("list_skills", {})
        return before, after, [skill["id"] for skill in listed.structured_content["skills"]]

    before, after, listed = serve(tmp_path, before_and_after, "--data-dir", str(team))
    assert before == []
    assert set(after) == {"team-added"}
    assert "team-added" in listed
