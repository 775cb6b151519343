"""The item that replaced a reworded one is the one in the same place of the same cell, and
`progress` says when that is a guess, before `done NEW --from OLD` moves evidence to it."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Invoke

MIDDLE = ("--role", "llm", "--level", "mid")
FIRST = (
    "Designs production RAG architectures with query rewriting, metadata filtering, multi-hop\n"
    "        retrieval and source citations."
)


def reword(data_dir: Path, new: str) -> None:
    path = data_dir / "skills" / "rag.yaml"
    text = path.read_text(encoding="utf-8")
    assert FIRST in text
    path.write_text(text.replace(FIRST, new), encoding="utf-8")


def test_a_heavy_rewording_points_at_the_same_place_and_says_it_is_a_guess(
    invoke: Invoke, invoke_json, data_dir: Path
) -> None:
    old = invoke_json("done", "rag:1", *MIDDLE, "--note", "PR 412")["item"]
    # The new first item reads more like the second one than like the old first one.
    reword(data_dir, "Chooses RAG designs such as pgvector or Qdrant, based on scale and cost.")
    checklist = invoke_json("next", *MIDDLE, "rag")["checklist"]
    [stale] = invoke_json("progress", *MIDDLE, "rag")["stale"]
    assert stale["id"] == old
    assert stale["closest"] == {
        "id": checklist[0]["id"],
        "text": checklist[0]["text"],
        "guess": True,
    }
    table = invoke("progress", *MIDDLE, "rag", columns=160).stdout
    assert f"perhaps (a guess: check its words) {checklist[0]['id']}" in table
    assert f"skillpath done {checklist[0]['id']} --from {old}" in table
    assert checklist[1]["id"] not in table


def test_a_light_rewording_in_the_same_place_is_no_guess(
    invoke: Invoke, invoke_json, data_dir: Path
) -> None:
    invoke("done", "rag:1", *MIDDLE, "--note", "PR 412")
    reword(data_dir, FIRST.replace("query rewriting", "query expansion"))
    new = invoke_json("next", *MIDDLE, "rag")["checklist"][0]
    [stale] = invoke_json("progress", *MIDDLE, "rag")["stale"]
    assert stale["closest"] == {"id": new["id"], "text": new["text"], "guess": False}
    assert f"now likely {new['id']}" in invoke("progress", *MIDDLE, "rag", columns=160).stdout


def test_a_mark_saved_without_its_place_falls_back_to_the_words_as_a_guess(
    invoke: Invoke, invoke_json, data_dir: Path, fresh_home: Path
) -> None:
    invoke("done", "rag:1", *MIDDLE, "--note", "PR 412")
    progress = fresh_home / "progress.yaml"
    text = progress.read_text(encoding="utf-8")
    assert '"number": 1' in text  # the place is kept with the mark
    progress.write_text(text.replace('      "number": 1,\n', ""), encoding="utf-8")
    reword(data_dir, FIRST.replace("query rewriting", "query expansion"))
    new = invoke_json("next", *MIDDLE, "rag")["checklist"][0]
    [stale] = invoke_json("progress", *MIDDLE, "rag")["stale"]
    assert stale["closest"] == {"id": new["id"], "text": new["text"], "guess": True}
