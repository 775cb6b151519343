"""A framework brought in the way a team lead would: `init`, one CSV of every skill with
bullet criteria and examples, `import --into`, then `validate`, `show`, `next` and the
round trip back out and in again."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from tests.conftest import BUNDLED, Invoke

LEVELS = [f"Level {n}" for n in range(1, 7)]
TRACKS = ["Backend", "Frontend", "Data", "Platform", "Support"]  # Support: three levels

HEADER = ["skill", "name", "domain", "summary", "role", "level", "item", "example"]


def criteria_rows() -> list[list[str]]:
    """Our own text: bullet criteria without full stops, examples beside some of them."""
    rows: list[list[str]] = []
    for track in TRACKS:
        levels = LEVELS[:3] if track == "Support" else LEVELS
        for number, level in enumerate(levels, start=1):
            rows.append(
                ["craft", "Craft", "Engineering", "Builds things that work and last", track, level,
                 f"Ships level {number} work in {track.lower()} with tests", ""]
            )  # fmt: skip
            rows.append(
                ["craft", "", "", "", track, level,
                 f"Reviews level {number} changes; explains trade-offs",
                 f"A review that caught a {track.lower()} regression"]
            )  # fmt: skip
        for level in levels[2:]:  # leadership starts at level 3, for every track
            rows.append(
                ["leadership", "Leadership", "People", "Helps others do their best work",
                 track, level, "Runs the team's planning", "Ran the Q3 planning"]
            )  # fmt: skip
    return rows


def as_csv(rows: list[list[str]], header: list[str] = HEADER, delimiter: str = ",") -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def start(invoke: Invoke, folder: Path) -> None:
    levels = [arg for level in LEVELS for arg in ("--level", level)]
    roles = [arg for track in TRACKS for arg in ("--role", track)]
    result = invoke("init", str(folder), "--name", "Product Engineering", *levels, *roles)
    assert result.exit_code == 0, result.stderr
    framework = folder / "framework.yaml"
    text = framework.read_text(encoding="utf-8")
    framework.write_text(
        text.replace(
            "{id: support, name: Support}",
            "{id: support, name: Support, levels: [level-1, level-2, level-3]}",
        ),
        encoding="utf-8",
    )


def files_of(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted((folder / "skills").iterdir())}


def test_a_framework_of_that_shape_comes_in_from_one_csv(invoke: Invoke, tmp_path: Path) -> None:
    folder = tmp_path / "career"
    start(invoke, folder)
    page = tmp_path / "framework.csv"
    page.write_text(as_csv(criteria_rows()), encoding="utf-8")
    result = invoke("import", str(page), "--into", str(folder))
    assert result.exit_code == 0, result.stderr
    assert sorted(files_of(folder)) == ["craft.yaml", "leadership.yaml"]

    checked = invoke("validate", str(folder), "--json")
    assert checked.exit_code == 0, checked.stdout
    assert json.loads(checked.stdout)["summary"]["problems"] == 0

    shown = json.loads(invoke("show", "leadership", "-d", str(folder), "--json").stdout)
    assert [level["id"] for level in shown["levels"]] == [
        "level-3",
        "level-4",
        "level-5",
        "level-6",
    ]
    assert shown["skill"]["definition"] == "Helps others do their best work"
    backend = [c for c in shown["cells"] if c["role"] == "backend"]
    assert [item["text"] for item in backend[0]["items"]] == ["Runs the team's planning"]
    assert backend[0]["examples"] == ["Ran the Q3 planning"]
    craft = json.loads(invoke("show", "craft", "-d", str(folder), "--json").stdout)
    first = craft["cells"][0]
    assert [item["text"] for item in first["items"]] == [
        "Ships level 1 work in backend with tests",
        "Reviews level 1 changes; explains trade-offs",
    ]  # kept as written: never joined, never split at the semicolon
    table = invoke("show", "leadership", "-d", str(folder), columns=120).stdout
    assert "5 roles · 4 levels" in table and "Level 1" not in table

    top = invoke("next", "-d", str(folder), "--role", "support", "--level", "level-3")
    assert top.exit_code == 0
    assert "Level 3 is the top of the Support ladder" in " ".join(top.stdout.split())
    step = json.loads(
        invoke("next", "-d", str(folder), "-r", "backend", "-l", "level-2", "--json").stdout
    )
    lead = next(s for s in step["skills"] if s["id"] == "leadership")
    assert lead["current"] is None and lead["next"]["level"] == "level-3"

    # the round trip: the whole framework out as CSV and into a second folder, same bytes
    exported = invoke("list", "-d", str(folder), "--format", "csv").stdout
    again = tmp_path / "again"
    start(invoke, again)
    (tmp_path / "export.csv").write_text(exported, encoding="utf-8")
    assert invoke("import", str(tmp_path / "export.csv"), "--into", str(again)).exit_code == 0
    assert files_of(again) == files_of(folder)
    assert invoke("list", "-d", str(again), "--format", "csv").stdout == exported


def test_every_bundled_skill_comes_back_byte_for_byte(invoke: Invoke, tmp_path: Path) -> None:
    for path in sorted((BUNDLED / "skills").glob("*.yaml")):
        exported = invoke("show", path.stem, "--format", "csv").stdout
        (tmp_path / "x.csv").write_text(exported, encoding="utf-8")
        result = invoke("import", str(tmp_path / "x.csv"))
        assert result.exit_code == 0, result.stderr
        text = path.read_text(encoding="utf-8")
        body = "".join(line for line in text.splitlines(True) if not line.startswith("#"))
        assert result.stdout == body, path.name  # comments are no part of a CSV


def test_every_bad_row_is_reported_and_nothing_is_written(invoke: Invoke, tmp_path: Path) -> None:
    folder = tmp_path / "career"
    start(invoke, folder)
    rows = criteria_rows()
    rows[1][5] = "Level 9"
    rows[4][4] = "Sales"
    rows.append(["craft", "", "", "", "support", "level-4", "Runs on-call", ""])
    page = tmp_path / "bad.csv"
    page.write_text(as_csv(rows), encoding="utf-8")
    result = invoke("import", str(page), "--into", str(folder))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert f"error: {page}:3: 'Level 9' is not a level; known levels:" in lines[0]
    assert any(f"{page}:6: 'Sales' is not a role" in line for line in lines)
    assert any(
        f"{page}:{len(rows) + 1}: 'level-4' is not a level of support" in line for line in lines
    )
    assert list((folder / "skills").iterdir()) == []


def test_a_semicolon_separated_csv_reads_the_same(invoke: Invoke, tmp_path: Path) -> None:
    comma, semicolon = tmp_path / "comma", tmp_path / "semicolon"
    for folder, mark in ((comma, ","), (semicolon, ";")):
        start(invoke, folder)
        page = tmp_path / f"from-{folder.name}" / "framework.csv"  # the same source: its name
        page.parent.mkdir()
        page.write_text(as_csv(criteria_rows(), delimiter=mark), encoding="utf-8")
        result = invoke("import", str(page), "--into", str(folder))
        assert result.exit_code == 0, result.stderr
    assert files_of(semicolon) == files_of(comma)


def test_into_never_replaces_a_skill_file_without_force(invoke: Invoke, tmp_path: Path) -> None:
    folder = tmp_path / "career"
    start(invoke, folder)
    page = tmp_path / "framework.csv"
    page.write_text(as_csv(criteria_rows()), encoding="utf-8")
    assert invoke("import", str(page), "--into", str(folder)).exit_code == 0
    mine = folder / "skills" / "craft.yaml"
    mine.write_text("# mine\n" + mine.read_text(encoding="utf-8"), encoding="utf-8")
    again = invoke("import", str(page), "--into", str(folder))
    assert again.exit_code == 1 and "pass --force to replace them" in again.stderr
    assert mine.read_text(encoding="utf-8").startswith("# mine\n")
    assert invoke("import", str(page), "--into", str(folder), "--force").exit_code == 0
    assert not mine.read_text(encoding="utf-8").startswith("# mine\n")


def test_evidence_and_questions_go_out_and_come_back_through_csv(
    invoke: Invoke, tmp_path: Path
) -> None:
    exported = invoke("show", "rag", "--format", "csv").stdout
    old = "A working RAG prototype with notes on the questions it answered wrongly and why."
    assert old in exported
    edited = exported.replace(old, "A prototype and its failure notes.")
    edited = edited.replace(
        "The answer is wrong but the right document is in the index, so where do you look?",
        "Where do you look first when retrieval misses?",
    )
    (tmp_path / "rag.csv").write_text(edited, encoding="utf-8")
    result = invoke("import", str(tmp_path / "rag.csv"))
    assert result.exit_code == 0, result.stderr
    import yaml

    junior = yaml.safe_load(result.stdout)["expectations"]["llm-engineer"]["junior"]
    assert junior["evidence"][0] == "A prototype and its failure notes."
    asked = [question["ask"] for question in junior["questions"]]
    assert asked[1] == "Where do you look first when retrieval misses?"
    assert [question["kind"] for question in junior["questions"]] == [
        "behavioral",
        "scenario",
        "depth",
    ]


def test_a_description_written_as_bullet_lines_is_the_items(invoke: Invoke, tmp_path: Path) -> None:
    folder = tmp_path / "career"
    start(invoke, folder)
    rows = [["craft", "Craft", "Engineering", "Backend", "Level 1", "- Ships work\n- Writes tests"]]
    page = tmp_path / "bullets.csv"
    header = ["skill", "name", "domain", "role", "level", "description"]
    page.write_text(as_csv(rows, header), encoding="utf-8")
    assert invoke("import", str(page), "--into", str(folder)).exit_code == 0
    shown = json.loads(invoke("show", "craft", "-d", str(folder), "--json").stdout)
    [cell] = shown["cells"]
    assert cell["description"] == ""
    assert [item["text"] for item in cell["items"]] == ["Ships work", "Writes tests"]


def test_into_a_new_empty_folder_writes_skills_checked_against_the_framework_in_effect(
    invoke: Invoke, tmp_path: Path
) -> None:
    exported = tmp_path / "rag.csv"
    exported.write_text(invoke("show", "rag", "--format", "csv").stdout, encoding="utf-8")
    team = tmp_path / "team"  # not there yet: no framework.yaml, no skills/
    result = invoke("import", str(exported), "--into", str(team))
    assert result.exit_code == 0, result.stderr
    bundled = Path(__file__).parents[2] / "data" / "skills" / "rag.yaml"
    assert (team / "skills" / "rag.yaml").read_text(encoding="utf-8") == bundled.read_text(
        encoding="utf-8"
    )
    assert invoke("show", "rag", "-d", str(team)).exit_code == 0


def test_a_csv_without_name_and_domain_names_skills_from_their_ids(
    invoke: Invoke, tmp_path: Path
) -> None:
    """A real framework's spreadsheet: skill, role, level, item, example, and nothing else."""
    folder = tmp_path / "career"
    start(invoke, folder)
    header = ["skill", "role", "level", "item", "example"]
    rows = [
        [skill, track, level, f"{skill} criterion at {level}", ""]
        for skill in ("system-design", "communication", "sql")
        for track in ("Backend",)
        for level in LEVELS
    ]
    page = tmp_path / "framework.csv"
    page.write_text(as_csv(rows, header), encoding="utf-8")
    result = invoke("import", str(page), "--into", str(folder))
    assert result.exit_code == 0, result.stderr
    [told] = result.stderr.splitlines()
    assert told.startswith("note: the CSV has no name or domain for some skills")
    assert "system-design as 'System design'" in told and "sql as 'sql'" in told
    assert "'Product Engineering'" in told
    listed = json.loads(invoke("list", "-d", str(folder), "--json").stdout)["skills"]
    assert [(s["id"], s["name"], s["domain"]) for s in listed] == [
        ("communication", "Communication", "Product Engineering"),
        ("sql", "sql", "Product Engineering"),
        ("system-design", "System design", "Product Engineering"),
    ]
    checked = json.loads(invoke("validate", str(folder), "--json").stdout)
    assert checked["summary"]["problems"] == 0
    # The round trip: out as CSV (which has the columns now) and in again, the same bytes.
    exported = invoke("list", "-d", str(folder), "--format", "csv").stdout
    again = tmp_path / "again"
    start(invoke, again)
    (tmp_path / "export.csv").write_text(exported, encoding="utf-8")
    back = invoke("import", str(tmp_path / "export.csv"), "--into", str(again))
    assert back.exit_code == 0 and back.stderr == ""
    assert files_of(again) == files_of(folder)


def test_a_skill_the_data_has_keeps_its_name_when_the_csv_gives_none(
    invoke: Invoke, tmp_path: Path
) -> None:
    folder = tmp_path / "career"
    folder.mkdir()
    header = ["skill", "role", "level", "description"]
    levels = ("junior", "middle", "senior", "lead", "principal")
    rows = [["rag", "llm-engineer", level, f"Does RAG at {level}."] for level in levels]
    page = tmp_path / "rag.csv"
    page.write_text(as_csv(rows, header), encoding="utf-8")
    result = invoke("import", str(page), "--into", str(folder))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""  # nothing was made up: the bundled skill named it
    text = (folder / "skills" / "rag.yaml").read_text(encoding="utf-8")
    assert "name: Retrieval-Augmented Generation\n" in text


def test_a_skill_that_would_be_a_file_too_large_to_read_is_not_written(
    invoke: Invoke, tmp_path: Path
) -> None:
    """A CSV under the 1 MiB limit whose skill's YAML is over it (quoting and indents add
    bytes): every command would refuse that file, so import refuses to write it."""
    folder = tmp_path / "career"
    start(invoke, folder)
    words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"]
    item = " ".join(words[n % len(words)] for n in range(4000))[:25_000]
    rows = [["sql", "SQL", "Data", "", "Backend", LEVELS[0], f"{item} {n}", ""] for n in range(40)]
    page = tmp_path / "wide.csv"
    page.write_text(as_csv(rows), encoding="utf-8")
    assert page.stat().st_size < 1024 * 1024
    before = files_of(folder) if (folder / "skills").exists() else {}
    result = invoke("import", str(page), "--into", str(folder))
    assert result.exit_code == 1
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith(f"error: {page}: skill 'sql': would be a file of ")
    assert "skill files are limited to 1 MiB, so nothing was written" in line
    assert (files_of(folder) if (folder / "skills").exists() else {}) == before
