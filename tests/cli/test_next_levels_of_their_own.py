"""`next` over skills at different levels (a per-skill level in the profile) names each
skill's own level in its heading and body, in every format; a skill that ends at your
level says it has no level above yours for the role, instead of "0 items to cover"."""

from __future__ import annotations

import textwrap
from pathlib import Path

from tests.conftest import Invoke

MIDDLE = ("--role", "llm", "--level", "mid")


def per_skill(invoke: Invoke) -> None:
    invoke("profile", "set", *MIDDLE)
    invoke("profile", "set", "--skill", "deep-learning=senior")


def test_the_table_heads_each_skill_by_its_own_level(invoke: Invoke) -> None:
    per_skill(invoke)
    result = invoke("next", "deep-learning", "rag", columns=120)
    assert result.exit_code == 0 and result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[:2] == [
        "LLM Engineer · Middle → Senior (Deep Learning: Senior → Lead)",
        "To reach Senior (Lead in Deep Learning): 6 items to cover in 2 skills "
        "(4 required, 2 optional).",
    ]
    rag, deep = result.stdout.index("Retrieval-Augmented"), result.stdout.index("Deep Learning ")
    assert "Now, at Middle:" in result.stdout[rag:deep]
    assert "To cover for Senior:" in result.stdout[rag:deep]
    assert (
        "Now, at Senior:" in result.stdout[deep:] and "To cover for Lead:" in result.stdout[deep:]
    )


def test_markdown_says_now_at_the_skills_own_level(invoke: Invoke) -> None:
    per_skill(invoke)
    document = invoke("next", "deep-learning", "rag", "--format", "markdown").stdout
    assert document.startswith(
        "# LLM Engineer: Middle to Senior (Deep Learning: Senior to Lead)\n\n"
        "6 items to cover in 2 skills (4 required, 2 optional).\n"
    )
    rag, deep = document.index("## Retrieval-Augmented"), document.index("## Deep Learning")
    assert "Now, at Middle: " in document[rag:deep] and "To cover for Senior:" in document[rag:deep]
    assert "Now, at Senior: " in document[deep:] and "To cover for Lead:" in document[deep:]
    assert "Now, at Middle" not in document[deep:]


def test_json_gives_each_skill_its_own_from_and_to(invoke_json, invoke: Invoke) -> None:
    per_skill(invoke)
    answer = invoke_json("next", "deep-learning", "rag")
    assert (answer["from"]["id"], answer["to"]["id"]) == ("middle", "senior")
    levels = {s["id"]: (s["from"]["id"], s["to"]["id"], s["ended"]) for s in answer["skills"]}
    assert levels == {
        "rag": ("middle", "senior", False),
        "deep-learning": ("senior", "lead", False),
    }
    deep = next(s for s in answer["skills"] if s["id"] == "deep-learning")
    assert (deep["current"]["level"], deep["next"]["level"]) == ("senior", "lead")


def test_a_skill_at_the_top_is_named_so_and_counts_nothing(invoke: Invoke) -> None:
    invoke("profile", "set", *MIDDLE)
    invoke("profile", "set", "--skill", "deep-learning=principal")
    lines = invoke("next", "deep-learning", "rag", columns=120).stdout.splitlines()
    assert lines[:2] == [
        "LLM Engineer · Middle → Senior (Deep Learning: Principal, the top)",
        "To reach Senior: 4 items to cover in 1 skill (4 required, 0 optional).",
    ]
    document = invoke("next", "deep-learning", "rag", "--format", "markdown").stdout
    assert "Principal is the top of the ladder: there is no level above it to reach." in document
    assert "To cover for Senior:" in document.split("## Deep Learning")[0]
    assert "To cover for" not in document.split("## Deep Learning")[1]


def test_with_no_per_skill_level_the_heading_is_as_it_was(invoke: Invoke) -> None:
    lines = invoke("next", *MIDDLE, "rag").stdout.splitlines()
    assert lines[0] == "LLM Engineer · Middle → Senior"
    assert lines[1].startswith("To reach Senior: 4 items to cover in 1 skill")


def ending_team(tmp_path: Path) -> Path:
    """A ladder of three levels, with a skill (ops) that ends at the second."""
    folder = tmp_path / "career"
    (folder / "skills").mkdir(parents=True)
    (folder / "framework.yaml").write_text(textwrap.dedent("""\
        name: Platform
        bundled: false
        levels: [{id: one, name: One}, {id: two, name: Two}, {id: three, name: Three}]
        roles: [{id: backend, name: Backend}]
        """), encoding="utf-8")  # fmt: skip
    cells = {"ops": ("Runs the service.", "Keeps the pager."), "api": ("Writes endpoints.",
             "Designs endpoints.", "Owns the API standards.")}  # fmt: skip
    for skill, texts in cells.items():
        rows = "".join(
            f"    {level}: {{required: true, description: {text}}}\n"
            for level, text in zip(("one", "two", "three"), texts, strict=False)
        )
        (folder / "skills" / f"{skill}.yaml").write_text(
            f"id: {skill}\nname: {skill.upper()}\ndomain: Platform\nexpectations:\n"
            f"  backend:\n{rows}",
            encoding="utf-8",
        )
    return folder


def test_a_skill_that_ends_at_your_level_says_so(invoke: Invoke, invoke_json, tmp_path) -> None:
    folder = str(ending_team(tmp_path))
    asked = ("-d", folder, "-r", "backend", "-l", "two")
    alone = invoke("next", *asked, "ops")
    assert alone.exit_code == 0 and alone.stderr == ""
    assert alone.stdout.splitlines()[:2] == [
        "Backend · Two → Three",
        "Nothing to cover: OPS has no level above Two for Backend.",
    ]
    assert "0 items" not in alone.stdout
    document = invoke("next", *asked, "ops", "--format", "markdown").stdout
    assert "Nothing to cover: OPS has no level above Two for Backend.\n" in document
    assert "## OPS (no level above)" in document and "0 items" not in document
    both = invoke("next", *asked, columns=120).stdout.splitlines()
    assert both[1] == (
        "To reach Three: 1 item to cover in 1 skill (1 required, 0 optional). "
        "OPS has no level above Two for Backend."
    )
    answer = invoke_json("next", *asked)
    ended = {skill["id"]: skill["ended"] for skill in answer["skills"]}
    assert ended == {"api": False, "ops": True}
