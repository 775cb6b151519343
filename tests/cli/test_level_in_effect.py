"""One rule for the level in effect (the options, else the profile's level in a skill, else
the profile's level) in `next`, `done` and its notes, and `progress`; a mark that stops
counting after a profile change is kept, not counted, and shown."""

from __future__ import annotations

from tests.conftest import Invoke

MIDDLE = ("--role", "llm", "--level", "mid")
SENIOR_RAG = "b5677e35"  # rag's first item for LLM Engineer at Senior


def test_an_item_plain_progress_counts_gets_no_warning(invoke: Invoke, invoke_json) -> None:
    invoke("profile", "set", *MIDDLE)
    marked = invoke("done", SENIOR_RAG, "--level", "senior", "--note", "x")
    assert marked.exit_code == 0 and marked.stderr == ""
    assert invoke_json("progress", "rag")["summary"]["covered"] == 1


def test_a_numbered_item_of_another_level_says_where_it_counts(invoke: Invoke, invoke_json) -> None:
    invoke("profile", "set", *MIDDLE)
    marked = invoke("done", "rag:1", "--level", "senior", "--note", "x")
    assert marked.exit_code == 0
    assert marked.stdout.endswith("(rag, llm-engineer, lead)\n")
    assert marked.stderr == (
        "note: `skillpath progress` will not count this item of LLM Engineer at Lead: it "
        "counts Retrieval-Augmented Generation's items for LLM Engineer at Senior, the level "
        "above Middle; `skillpath progress --level senior` counts it\n"
    )
    assert invoke_json("progress", "--level", "senior", "rag")["summary"]["covered"] == 1
    plain = invoke_json("progress", "rag")
    assert plain["summary"]["covered"] == 0
    [kept] = plain["kept"]
    assert (kept["level"]["name"], kept["mark"]["evidence"][0]["note"]) == ("Lead", "x")


def test_next_with_a_per_skill_level_says_one_level_throughout(invoke: Invoke, invoke_json) -> None:
    invoke("profile", "set", *MIDDLE)
    invoke("profile", "set", "--skill", "deep-learning=senior")
    table = invoke("next", "deep-learning").stdout
    assert table.startswith("LLM Engineer · Senior → Lead\nTo reach Lead: ")
    assert "Now, at Senior:" in table and "To cover for Lead:" in table
    answer = invoke_json("next", "deep-learning")
    assert (answer["from"]["id"], answer["to"]["id"]) == ("senior", "lead")
    flagged = invoke_json("next", "--level", "mid", "deep-learning")  # the option wins
    assert (flagged["from"]["id"], flagged["to"]["id"]) == ("middle", "senior")
    report = invoke_json("progress", "deep-learning")
    assert (report["from"]["id"], report["to"]["id"]) == ("senior", "lead")
    first = answer["checklist"][0]["id"]
    marked = invoke("done", "deep-learning:1", "--note", "x")
    assert marked.stdout.startswith(f"Covered {first}: ") and marked.stderr == ""


def test_a_mark_that_stops_counting_after_a_profile_change_is_kept_and_shown(
    invoke: Invoke, invoke_json
) -> None:
    invoke("profile", "set", *MIDDLE)
    senior = invoke_json("done", "deep-learning:1", "--note", "ablation study")["item"]
    assert invoke_json("progress", "deep-learning")["summary"]["covered"] == 1
    invoke("profile", "set", "--skill", "deep-learning=senior")
    report = invoke_json("progress", "deep-learning")
    assert report["summary"]["covered"] == 0 and report["stale"] == []
    [kept] = report["kept"]
    assert (kept["id"], kept["level"]["id"]) == (senior, "senior")
    assert kept["mark"]["evidence"][0]["note"] == "ablation study"
    table = invoke("progress", "deep-learning").stdout
    assert "Of another level or role (kept, not counted):" in table
    assert "ablation study" in table
    packet = invoke("progress", "--format", "markdown").stdout
    assert "## Items of another level or role (kept, not counted)" in packet
    assert "ablation study" in packet
