"""Interview questions with signal: a cell's question may carry its kind and what a strong
answer mentions. The data reads them, every output carries them, the CSV round trip keeps
them, and a file that gets them wrong is told where (docs/data-format.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from tests.conftest import Invoke

LEVELS = ("junior", "middle", "senior", "lead", "principal")

GUIDED = """\
      questions:
        - ask: Tell me about a test you wrote that found a real bug?
          kind: behavioral
          strong-answer: the bug, the input that showed it, and why no other test had caught it.
        - ask: A flaky test blocks the release, so what do you do first?
          kind: scenario
          strong-answer: >-
            rerunning it to measure how flaky it is, quarantining it with an owner, and never
            deleting it [bold]silently[/bold].
        - What is the difference between a fake and a mock?
"""


def write_skill(folder: Path, questions: str = GUIDED) -> Path:
    """A one-skill framework folder whose senior cell carries ``questions``."""
    (folder / "skills").mkdir(parents=True, exist_ok=True)
    cells = "".join(
        f"    {level}:\n      required: {str(level == 'senior').lower()}\n"
        f"      description: Writes the {level} tests. Reviews the {level} pipelines.\n"
        + (questions if level == "senior" else "")
        for level in LEVELS
    )
    path = folder / "skills" / "testing.yaml"
    path.write_text(
        f"id: testing\nname: Testing\ndomain: Engineering\nexpectations:\n  data-scientist:\n{cells}",
        encoding="utf-8",
    )
    return folder


def test_show_json_gives_each_question_with_its_kind_and_strong_answer(
    tmp_path: Path, invoke_json
) -> None:
    folder = write_skill(tmp_path / "team")
    shown = invoke_json("show", "testing", "-d", str(folder), "-r", "ds", "-l", "senior")
    [cell] = [cell for cell in shown["cells"] if cell["level"] == "senior"]
    assert cell["questions"] == [
        {
            "text": "Tell me about a test you wrote that found a real bug?",
            "kind": "behavioral",
            "strong_answer": "the bug, the input that showed it, and why no other test had "
            "caught it.",
        },
        {
            "text": "A flaky test blocks the release, so what do you do first?",
            "kind": "scenario",
            "strong_answer": "rerunning it to measure how flaky it is, quarantining it with an "
            "owner, and never deleting it [bold]silently[/bold].",
        },
        {"text": "What is the difference between a fake and a mock?", "kind": None,
         "strong_answer": None},
    ]  # fmt: skip


def test_the_interview_kit_shows_kinds_and_strong_answers_in_every_format(
    tmp_path: Path, invoke: Invoke
) -> None:
    folder = str(write_skill(tmp_path / "team"))
    table = invoke(
        "interview", "-r", "ds", "-l", "senior", "-d", folder, "-f", "table", columns=200
    )
    assert table.exit_code == 0, table.stderr
    lines = [line.strip() for line in table.stdout.splitlines()]
    assert "1. Behavioral: Tell me about a test you wrote that found a real bug?" in lines
    assert (
        "A strong answer mentions the bug, the input that showed it, and why no other test had "
        "caught it." in lines
    )
    # Text from the data is shown as written, never read as Rich markup.
    assert "never deleting it [bold]silently[/bold]." in table.stdout
    assert "3. What is the difference between a fake and a mock?" in lines

    markdown = invoke(
        "interview", "-r", "ds", "-l", "senior", "-d", folder, "-f", "markdown"
    ).stdout
    assert "1. *Behavioral:* Tell me about a test you wrote that found a real bug?\n" in markdown
    assert "   - A strong answer mentions the bug, the input that showed it" in markdown
    assert r"never deleting it \[bold\]silently\[/bold\]." in markdown

    kit = json.loads(
        invoke("interview", "testing", "-r", "ds", "-l", "senior", "-d", folder, "--json").stdout
    )
    [section] = kit["skills"]
    assert [(q["kind"], q["prompt"]) for q in section["questions"]] == [
        ("behavioral", False),
        ("scenario", False),
        (None, False),
    ]

    rows = invoke(
        "interview", "testing", "-r", "ds", "-l", "senior", "-d", folder, "-f", "csv"
    ).stdout
    header, first = rows.splitlines()[:2]
    assert header == "skill,required,kind,text,question_kind,strong_answer"
    assert first.startswith("testing,true,question,Tell me about a test you wrote")
    assert first.endswith(",behavioral,"
                          "\"the bug, the input that showed it, and why no other test had caught it.\"")  # fmt: skip


def test_show_detail_lists_the_strong_answer_under_its_question(
    tmp_path: Path, invoke: Invoke
) -> None:
    folder = str(write_skill(tmp_path / "team"))
    shown = invoke("show", "testing", "-d", folder, "-l", "senior", "--detail", columns=200)
    assert shown.exit_code == 0, shown.stderr
    text = " ".join(shown.stdout.split())
    assert "- Behavioral: Tell me about a test you wrote that found a real bug?" in text
    assert "A strong answer mentions the bug, the input that showed it" in text


def test_a_csv_export_imports_back_to_the_same_questions(tmp_path: Path, invoke: Invoke) -> None:
    folder = write_skill(tmp_path / "team")
    exported = invoke("show", "testing", "-d", str(folder), "-f", "csv")
    assert exported.exit_code == 0, exported.stderr
    sheet = tmp_path / "testing.csv"
    sheet.write_text(exported.stdout, encoding="utf-8")
    into = tmp_path / "copy"
    imported = invoke("import", str(sheet), "--into", str(into))
    assert imported.exit_code == 0, imported.stderr
    written = (into / "skills" / "testing.yaml").read_text(encoding="utf-8")
    given = yaml.safe_load((folder / "skills" / "testing.yaml").read_text(encoding="utf-8"))
    again = yaml.safe_load(written)
    senior = ("expectations", "data-scientist", "senior", "questions")
    assert dig(again, senior) == dig(given, senior)
    assert "        - ask: Tell me about a test you wrote that found a real bug?\n" in written
    assert "          kind: behavioral\n" in written
    # and the written file exports to the same rows (the first names its new source)
    twice = invoke("show", "testing", "-d", str(into), "-f", "csv")
    assert twice.stdout.splitlines()[2:] == exported.stdout.splitlines()[2:]


def dig(data: dict, keys: tuple[str, ...]) -> object:
    for key in keys:
        data = data[key]
    return data


@pytest.mark.parametrize(
    ("questions", "message"),
    [
        (
            "      questions:\n        - ask: Why?\n          kind: behaviour\n",
            "questions[0].kind: unknown kind 'behaviour'",
        ),
        (
            "      questions:\n        - kind: depth\n          strong-answer: the why.\n",
            "questions[0]: missing key 'ask'",
        ),
        (
            "      questions:\n        - ask: Why?\n          strong_answer: the why.\n",
            "questions[0].strong_answer: unknown key 'strong_answer'",
        ),
        (
            "      questions:\n        - ask: Why?\n        - ask: why?\n",
            "questions[1]: repeats entry 1",
        ),
        (
            "      questions: []\n",
            "questions: must not be empty; leave it out to have interview prompts made",
        ),
    ],
)
def test_a_question_written_wrong_is_named_with_its_place(
    tmp_path: Path, invoke: Invoke, questions: str, message: str
) -> None:
    folder = write_skill(tmp_path / "team", questions)
    result = invoke("validate", "-d", str(folder))
    assert result.exit_code == 1
    assert message in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("columns", "message"),
    [
        (("", "depth", "the why."), "question_kind belongs to the question on its row"),
        (("Why?", "behaviour", ""), "question_kind is 'behaviour'; expected behavioral"),
    ],
)
def test_a_csv_question_kind_is_checked_on_its_row(
    tmp_path: Path, invoke: Invoke, columns: tuple[str, str, str], message: str
) -> None:
    question, kind, strong = columns
    header = "skill,role,level,required,description,question,question_kind,strong_answer\n"
    rows = "".join(
        f"testing,ds,{level},no,Writes tests. Reviews pipelines.,"
        + (f"{question},{kind},{strong}\n" if level == "senior" else ",,\n")
        for level in LEVELS
    )
    sheet = tmp_path / "testing.csv"
    sheet.write_text(header + rows, encoding="utf-8")
    result = invoke("import", str(sheet), "--into", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert message in result.stderr
    assert "testing.csv:4: " in result.stderr
    assert not (tmp_path / "out").exists()


def test_the_site_shows_each_question_with_its_kind_and_strong_answer(
    tmp_path: Path, invoke: Invoke
) -> None:
    folder = write_skill(tmp_path / "team", GUIDED.replace("found a real bug", "found a <b>bug"))
    out = tmp_path / "site"
    result = invoke("site", str(out), "-d", str(folder))
    assert result.exit_code == 0, result.stderr
    page = (out / "skills" / "testing.html").read_text(encoding="utf-8")
    assert (
        '<li><span class="kind">Behavioral:</span> Tell me about a test you wrote that found a '
        "&lt;b&gt;bug?"
        '<p class="strong">A strong answer mentions the bug, the input that showed it'
    ) in page
    assert "<li>What is the difference between a fake and a mock?</li>" in page
    assert "1 role, 5 levels, 1 required and 4 optional cells." in page


@pytest.mark.parametrize("written", ["Depth", "DEPTH", "behavioural", "Behavioral"])
def test_a_kind_is_read_whatever_its_case_and_in_british_spelling(
    tmp_path: Path, invoke_json, written: str
) -> None:
    questions = f"      questions:\n        - ask: Why?\n          kind: {written}\n"
    folder = write_skill(tmp_path / "team", questions)
    shown = invoke_json("show", "testing", "-d", str(folder), "-l", "senior")
    expected = "depth" if written.casefold() == "depth" else "behavioral"
    assert shown["cells"][0]["questions"][0]["kind"] == expected


def test_the_kit_counts_its_prompts_only_when_it_has_some(tmp_path: Path, invoke: Invoke) -> None:
    folder = str(write_skill(tmp_path / "team"))
    guided = invoke("interview", "testing", "-r", "ds", "-l", "senior", "-d", folder).stdout
    assert "\n1 skill, 3 questions.\n" in guided
    prompted = invoke("interview", "testing", "-r", "ds", "-l", "junior", "-d", folder).stdout
    assert (
        "1 skill, 2 questions (2 written from descriptions where the data has no questions)."
        in prompted
    )


def test_an_import_too_large_to_read_back_is_told_of_the_rows_read(
    tmp_path: Path, invoke: Invoke
) -> None:
    header = "skill,role,level,required,description,question,question_kind,strong_answer\n"
    rows = "".join(
        f"testing,ds,{level},no,Writes tests. Reviews pipelines.,,,\n" for level in LEVELS
    )
    rows += "".join(f"testing,ds,junior,,,Why {n}?,depth,the reason {n}.\n" for n in range(1500))
    sheet = tmp_path / "big.csv"
    sheet.write_text(header + rows, encoding="utf-8")
    result = invoke("import", str(sheet), "--into", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {sheet}: skill 'testing': ")
    assert "has more than 5000 YAML nodes" in result.stderr
    assert "testing.yaml" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_show_detail_hangs_wrapped_lines_under_their_bullet(tmp_path: Path, invoke: Invoke) -> None:
    folder = str(write_skill(tmp_path / "team"))
    lines = invoke("show", "testing", "-d", folder, "-l", "senior", "--detail", columns=60).stdout
    lines = lines.splitlines()
    [at] = [n for n, line in enumerate(lines) if "- Behavioral: Tell me" in line]
    bullet = lines[at].index("- Behavioral")
    following = lines[at + 1]
    assert following[: bullet + 2].strip() == "" and following[bullet + 2] != " ", following
    strong = next(line for line in lines[at:] if "A strong answer mentions" in line)
    assert strong.index("A strong answer") == bullet + 2
