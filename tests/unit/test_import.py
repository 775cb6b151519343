"""skillpath.authoring.importer: a saved skill-profile page, or a --format csv export, read back into a
skill file that the catalogue loads as it was."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from skillpath.authoring.importer.cells_csv import import_cells_csv
from skillpath.authoring.importer.page import import_profile_page
from skillpath.authoring.importer.parts import Cell, ImportedSkill
from skillpath.authoring.importer.writer import skill_yaml
from skillpath.errors import DataError
from skillpath.framework.model import Framework, Skill
from skillpath.loading import Catalog
from tests.conftest import BUNDLED, Invoke

SEED = Path(__file__).resolve().parent.parent / "seed" / "deep-learning-profile.txt"
PAGE = "saved/deep-learning-profile.txt"  # the origin, as a user would name the page
LEVELS = ("junior", "middle", "senior", "lead", "principal")
ROLES = ("data-scientist", "llm-engineer")

_CATALOG = Catalog(BUNDLED)
FRAMEWORK: Framework = _CATALOG.framework
DEEP_LEARNING: Skill = _CATALOG.skill("deep-learning")
RAG: Skill = _CATALOG.skill("rag")


def seed() -> str:
    return SEED.read_text(encoding="utf-8")


def page_lines() -> list[str]:
    return seed().split("\n")


def replace_line(number: int, text: str | None, page: str | None = None) -> str:
    """The page with its line ``number`` (1-based) replaced, or removed when text is None."""
    lines = (page if page is not None else seed()).split("\n")
    if text is None:
        del lines[number - 1]
    else:
        lines[number - 1] = text
    return "\n".join(lines)


def line_of(fragment: str, occurrence: int = 1, page: str | None = None) -> int:
    """The number of the line where ``fragment`` appears for the ``occurrence``-th time."""
    hits = [n for n, line in enumerate((page or seed()).split("\n"), start=1) if fragment in line]
    return hits[occurrence - 1]


def four(skill: ImportedSkill) -> ImportedSkill:
    """The skill with each cell as (role, level, required, description): what a page has."""
    return dataclasses.replace(skill, cells=tuple(Cell(*cell[:4]) for cell in skill.cells))


def importing(text: str) -> ImportedSkill:
    return four(import_profile_page(text, FRAMEWORK, PAGE))


def failure(text: str) -> DataError:
    with pytest.raises(DataError) as caught:
        importing(text)
    return caught.value


def bundled_cells(skill: Skill) -> tuple[Cell, ...]:
    return tuple(Cell(e.role, e.level, e.required, e.description) for e in skill.expectations)


# -- the seed page -------------------------------------------------------------------------


def without_review_aids(data: dict) -> dict:
    """A skill file's data without what a page or a CSV does not carry: the evidence and
    questions of each cell, and the skill's notes."""
    aids = {"evidence", "questions"}
    expectations = {
        role: {
            level: {k: v for k, v in cell.items() if k not in aids} for level, cell in by.items()
        }
        for role, by in data["expectations"].items()
    }
    return {**{k: v for k, v in data.items() if k != "notes"}, "expectations": expectations}


def page_facts(skill: Skill) -> Skill:
    cells = tuple(dataclasses.replace(c, evidence=(), questions=()) for c in skill.expectations)
    return dataclasses.replace(skill, expectations=cells, notes="")


def test_seed_page_gives_the_bundled_deep_learning_file() -> None:
    bundled_text = (BUNDLED / "skills" / "deep-learning.yaml").read_text(encoding="utf-8")

    text = skill_yaml(importing(seed()))

    assert yaml.safe_load(text) == without_review_aids(yaml.safe_load(bundled_text))


def test_seed_page_values() -> None:
    skill = importing(seed())

    assert (skill.id, skill.name, skill.domain) == (
        "deep-learning",
        "Deep Learning",
        "Machine Learning & AI",
    )
    assert skill.updated == date(2026, 2, 22)
    assert skill.source == 'skill-profile page "Deep Learning" (Machine Learning & AI), 2/22/2026'
    assert skill.cells == bundled_cells(DEEP_LEARNING)
    assert [(role, level) for role, level, _, _ in (c[:4] for c in skill.cells)] == [
        (role, level) for role in ROLES for level in LEVELS
    ]


def test_the_written_file_loads_as_the_bundled_skill(tmp_path: Path) -> None:
    (tmp_path / "skills").mkdir()
    (tmp_path / "skills" / "deep-learning.yaml").write_text(skill_yaml(importing(seed())))

    loaded = Catalog(BUNDLED, tmp_path).skill("deep-learning")

    assert loaded == page_facts(DEEP_LEARNING)


def test_windows_line_endings_and_a_byte_order_mark_read_the_same() -> None:
    assert importing("\ufeff" + seed().replace("\n", "\r\n")) == importing(seed())


def test_roles_by_alias_and_in_any_case() -> None:
    page = (
        seed()
        .replace("| Data Scientist |", "| ds |")
        .replace("| LLM Engineer |", "| llm engineer |")
    )

    assert importing(page).cells == bundled_cells(DEEP_LEARNING)


# -- the same page with its columns in their proper places -----------------------------------

ROW = re.compile(r"^\| (?P<role>[^|]+?) \| (?P<text>[^|]+?) \|( \|)?$")


def proper_columns(flag: Callable[[int, str], str] = lambda table, role: "No") -> str:
    """The seed with each row as ``| Role | FLAG | description |``; table counts from 1."""
    out, table = [], 0
    for line in page_lines():
        if line.startswith("| Role |"):
            table += 1
        found = ROW.match(line)
        if found and not line.startswith("| Role |"):
            role = found["role"]
            line = f"| {role} | {flag(table, role)} | {found['text']} |"
        out.append(line)
    return "\n".join(out)


def test_proper_columns_read_like_the_seed() -> None:
    page = proper_columns()
    assert "| Data Scientist | No | Understands basic" in page
    assert "| LLM Engineer | No | Knows main" in page

    assert importing(page).cells == bundled_cells(DEEP_LEARNING)


def test_a_yes_in_the_required_column_makes_that_cell_required() -> None:
    page = proper_columns(
        lambda table, role: "Yes" if (table, role) == (3, "LLM Engineer") else "No"
    )

    required = {
        (role, level) for role, level, flag, _ in (c[:4] for c in importing(page).cells) if flag
    }

    assert required == {("llm-engineer", "senior")}


def test_marks_only_on_required_rows_leave_the_others_optional() -> None:
    page = proper_columns(lambda table, role: "✓" if role == "Data Scientist" else "")

    cells = importing(page).cells

    assert {(cell.role, cell.required) for cell in cells} == {
        ("data-scientist", True),
        ("llm-engineer", False),
    }
    assert [cell.description for cell in cells] == [
        e.description for e in DEEP_LEARNING.expectations
    ]


@pytest.mark.parametrize("word", ["yes", "TRUE", "Required", "mandatory", "x", "✔"])
def test_flag_words_that_mean_required(word: str) -> None:
    page = proper_columns(lambda table, role: word)

    assert all(flag for _, _, flag, _ in (c[:4] for c in importing(page).cells))


@pytest.mark.parametrize("word", ["no", "False", "OPTIONAL", "✗", "-"])
def test_flag_words_that_mean_optional(word: str) -> None:
    page = proper_columns(lambda table, role: word)

    assert not any(flag for _, _, flag, _ in (c[:4] for c in importing(page).cells))


def test_a_flag_after_the_description_is_still_the_flag() -> None:
    page = seed().replace(
        "and regression tasks. | |", "and regression tasks. | yes |"
    )  # the first Data Scientist row, its text shifted into Required

    cells = importing(page).cells

    assert cells[0] == Cell(
        "data-scientist", "junior", True, DEEP_LEARNING.expectations[0].description
    )
    assert not any(flag for _, _, flag, *_ in cells[1:])


def test_text_in_both_columns_takes_the_description_column() -> None:
    page = seed().replace("and regression tasks. | |", "and regression tasks. | Short text. |")

    assert importing(page).cells[0][3] == "Short text."


def test_escaped_pipes_stay_in_the_description() -> None:
    page = seed().replace("RNN/LSTM and", r"RNN\|LSTM and")

    assert "RNN|LSTM and" in importing(page).cells[0][3]


def test_description_white_space_is_collapsed_and_the_words_kept() -> None:
    page = seed().replace("Understands basic neural", "Understands   basic\tneural")

    assert importing(page).cells[0][3] == DEEP_LEARNING.expectations[0].description


# -- which cells are required, from the header's count --------------------------------------

COUNT_LINE = 12  # "Mandatory requirements" is line 11 of the seed, its count line 12


def with_count(required: int, optional: int | None) -> str:
    page = replace_line(COUNT_LINE, str(required))
    other = "" if optional is None else f"the other {optional} optional"
    return replace_line(COUNT_LINE + 1, other, page)


def test_the_seed_count_line_is_where_the_tests_expect_it() -> None:
    assert page_lines()[COUNT_LINE - 2 : COUNT_LINE + 1] == [
        "Mandatory requirements",
        "0",
        "the other 10 optional",
    ]


def test_a_count_of_none_makes_every_cell_optional() -> None:
    assert not any(flag for _, _, flag, _ in (c[:4] for c in importing(with_count(0, 10)).cells))


@pytest.mark.parametrize("optional", [0, None])
def test_a_count_of_all_makes_every_cell_required(optional: int | None) -> None:
    cells = importing(with_count(10, optional)).cells

    assert len(cells) == 10
    assert all(flag for _, _, flag, *_ in cells)


def test_a_count_of_some_without_marks_is_an_error() -> None:
    error = failure(with_count(3, 7))

    assert (
        "the page says 3 of 10 cells are required but does not mark which"
        in error.problems[0].message
    )
    assert error.problems[0].line == COUNT_LINE


def test_a_count_of_some_with_marks_takes_the_marks() -> None:
    page = proper_columns(
        lambda table, role: "yes" if table <= 3 and role == "LLM Engineer" else "no"
    )
    page = replace_line(COUNT_LINE + 1, "the other 7 optional", replace_line(COUNT_LINE, "3", page))

    required = [
        (role, level) for role, level, flag, _ in (c[:4] for c in importing(page).cells) if flag
    ]

    assert required == [
        ("llm-engineer", "junior"),
        ("llm-engineer", "middle"),
        ("llm-engineer", "senior"),
    ]


def test_a_count_that_does_not_add_up_to_the_cells_is_an_error() -> None:
    error = failure(with_count(0, 12))

    assert (
        "counts 0 required and 12 optional cells, 12 in all, but the tables hold 10"
        in error.problems[0].message
    )
    assert error.problems[0].line == COUNT_LINE


def test_no_count_and_no_marks_is_an_error() -> None:
    page = "\n".join(line for n, line in enumerate(page_lines(), 1) if not 11 <= n <= 13)

    assert "'Mandatory requirements'" in failure(page).problems[0].message


def test_a_count_that_is_not_a_number_is_an_error() -> None:
    error = failure(replace_line(COUNT_LINE, "none"))

    assert "expected the number of mandatory requirements" in error.problems[0].message
    assert error.problems[0].line == COUNT_LINE


# -- a page that does not read -------------------------------------------------------------


def test_four_tables_instead_of_five() -> None:
    page = "\n".join(page_lines()[:-4])  # the Principal table is four lines

    error = failure(page)

    assert error.problems[0].message.startswith(
        "expected 5 tables, one per level (junior, middle, senior, lead, principal), found 4"
    )
    assert str(error).startswith(f"{Path(PAGE)}:")


def test_six_tables_points_at_the_extra_one() -> None:
    lines = page_lines()
    page = "\n".join([*lines, *lines[-4:]])

    error = failure(page)

    assert "expected 5 tables" in error.problems[0].message
    assert "found 6" in error.problems[0].message
    assert error.problems[0].line == len(lines) + 1


def test_an_unknown_role_names_its_line() -> None:
    number = line_of("| LLM Engineer |", occurrence=2)
    page = replace_line(number, page_lines()[number - 1].replace("LLM Engineer", "Data Engineer"))

    error = failure(page)

    assert error.problems[0].message == (
        "'Data Engineer' is not a role; did you mean 'ml-engineer' or 'llm-engineer'?"
    )
    assert error.problems[0].line == number == 26
    assert str(error) == f"{Path(PAGE)}:26: {error.problems[0].message}"


def test_a_row_without_a_description() -> None:
    number = line_of("| Data Scientist |", occurrence=4)

    error = failure(replace_line(number, "| Data Scientist | | |"))

    assert "the Data Scientist row has no description" in error.problems[0].message
    assert error.problems[0].line == number


def test_a_row_with_only_a_flag_has_no_description() -> None:
    number = line_of("| LLM Engineer |")

    error = failure(replace_line(number, "| LLM Engineer | yes |"))

    assert "no description" in error.problems[0].message
    assert error.problems[0].line == number


def test_no_date_line() -> None:
    error = failure(replace_line(line_of("2/22/2026"), None))

    assert "found no date line (M/D/YYYY) in the page's header" in error.problems[0].message
    assert "before the first table on line 18" in error.problems[0].message


def test_a_date_that_is_no_day() -> None:
    number = line_of("2/22/2026")

    error = failure(replace_line(number, "2/30/2026"))

    assert "'2/30/2026' is not a date" in error.problems[0].message
    assert error.problems[0].line == number


@pytest.mark.parametrize(
    "text",
    [
        "Dear team,\nplease find attached the minutes of Tuesday's meeting.\n",
        "",
        "id: deep-learning\nname: Deep Learning\n",
        "skill,role,level,required,description\n",
    ],
)
def test_not_a_profile_page_at_all(text: str) -> None:
    error = failure(text)

    assert error.problems[0].message.startswith("expected a skill-profile page")
    assert (
        "5 tables, one per level (junior, middle, senior, lead, principal)"
        in error.problems[0].message
    )
    assert "| Role | Required | Description |" in error.problems[0].message


def test_a_table_header_without_its_separator_row() -> None:
    number = line_of("|---|---|---|", occurrence=2)

    error = failure(replace_line(number, None))

    assert (
        "expected the separator row |---|---|---| under the table header on line"
        in error.problems[0].message
    )
    assert error.problems[0].line == number


def test_the_same_role_twice_in_a_table() -> None:
    first = line_of("| Data Scientist |")
    page = replace_line(first + 1, page_lines()[first - 1])

    error = failure(page)

    assert (
        f"a second Data Scientist row in the Junior table (the first is on line {first})"
        in error.problems[0].message
    )
    assert error.problems[0].line == first + 1


def test_an_empty_table() -> None:
    lines = page_lines()
    number = line_of("| Role |", occurrence=2)
    page = "\n".join([*lines[: number + 1], *lines[number + 3 :]])  # drop its two rows

    error = failure(page)

    assert "the table for Middle has no rows" in error.problems[0].message
    assert error.problems[0].line == number


def test_a_stray_row_between_tables() -> None:
    lines = page_lines()
    number = line_of("| Role |", occurrence=3)
    page = "\n".join([*lines[: number - 1], "", "| LLM Engineer | extra |", *lines[number - 1 :]])

    error = failure(page)

    assert "a table row outside any table" in error.problems[0].message
    assert error.problems[0].line == number + 1


def test_no_name_above_the_date() -> None:
    page = "2/22/2026\n" + "\n".join(page_lines()[17:])

    error = failure(page)

    assert "expected the skill's name on the line above the date" in error.problems[0].message
    assert error.problems[0].line == 1


def test_a_domain_that_disagrees_with_the_header() -> None:
    number = line_of("Machine Learning & AI", occurrence=2)

    error = failure(replace_line(number, "Data Platform"))

    assert (
        "the header gives the domain as 'Machine Learning & AI' (line 2)"
        in error.problems[0].message
    )
    assert error.problems[0].line == number


def test_a_name_without_letters_or_digits() -> None:
    error = failure(replace_line(line_of("Deep Learning"), "* * *"))

    assert "gives no id" in error.problems[0].message


def test_the_id_is_the_name_slugged() -> None:
    page = replace_line(line_of("Deep Learning"), "Données & Deep  Learning (v2)")

    skill = importing(page)

    assert skill.id == "donnees-deep-learning-v2"
    assert skill.name == "Données & Deep Learning (v2)"


def mutations() -> st.SearchStrategy[str]:
    """The seed broken in the ways a saved page breaks: lines lost, cut short, cells lost."""
    text, lines = seed(), page_lines()
    pipes = [at for at, char in enumerate(text) if char == "|"]
    dropped = st.integers(0, len(lines) - 1).map(lambda n: "\n".join(lines[:n] + lines[n + 1 :]))
    cut = st.integers(0, len(text)).map(lambda n: text[:n])
    unpiped = st.sampled_from(pipes).map(lambda at: text[:at] + text[at + 1 :])
    return st.one_of(dropped, cut, unpiped, st.text(alphabet="|-\n aX0/", max_size=200))


@given(mutations())
def test_a_broken_page_is_a_data_error_or_a_skill_never_a_crash(page: str) -> None:
    try:
        skill = importing(page)
    except DataError as error:
        assert error.problems[0].message
    else:
        assert skill.cells
        assert yaml.safe_load(skill_yaml(skill))["id"] == skill.id


# -- the CSV that --format csv writes --------------------------------------------------------


OLD_COLUMNS = ["skill", "role", "level", "required", "description"]


@pytest.fixture
def rag_csv(invoke: Invoke) -> str:
    """RAG in the older shape that import still reads: one row per cell, five columns."""
    import csv
    import io

    result = invoke("show", "rag", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    out = io.StringIO()
    writer = csv.DictWriter(out, OLD_COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(
        row for row in csv.DictReader(io.StringIO(result.stdout)) if row["description"]
    )
    return out.getvalue()


def from_csv(
    text: str, known: Skill | None = RAG, name: str | None = None, domain: str | None = None
) -> ImportedSkill:
    return four(import_cells_csv(text, FRAMEWORK, "exports/rag.csv", known, name, domain))


def csv_failure(text: str, known: Skill | None = RAG) -> DataError:
    with pytest.raises(DataError) as caught:
        from_csv(text, known)
    return caught.value


def test_csv_round_trip(rag_csv: str, tmp_path: Path) -> None:
    skill = from_csv(rag_csv)

    assert skill.cells == bundled_cells(RAG)
    assert (skill.id, skill.name, skill.domain, skill.updated, skill.source) == (
        RAG.id,
        RAG.name,
        RAG.domain,
        RAG.updated,
        RAG.source,
    )
    (tmp_path / "skills").mkdir()
    (tmp_path / "skills" / "rag.yaml").write_text(skill_yaml(skill))
    assert Catalog(BUNDLED, tmp_path).skill("rag") == page_facts(RAG)


def test_an_edited_description_comes_through(rag_csv: str) -> None:
    old = "Builds a simple RAG prototype"
    assert rag_csv.count(old) == 1

    skill = from_csv(rag_csv.replace(old, "Builds a  first RAG prototype"))

    edited = [
        text for _, _, _, text in (c[:4] for c in skill.cells) if "first RAG prototype" in text
    ]
    assert len(edited) == 1
    assert "Builds a first RAG prototype" in edited[0]
    assert [c for c in skill.cells if c[3] not in edited] == [
        c for c in bundled_cells(RAG) if old not in c[3]
    ]


def test_csv_columns_in_another_order_and_names_for_ids(rag_csv: str) -> None:
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(rag_csv)))
    out = io.StringIO()
    writer = csv.DictWriter(out, ["description", "level", "required", "role", "skill"])
    writer.writeheader()
    for row in rows:
        row["role"] = FRAMEWORK.role(row["role"]).name
        row["level"] = FRAMEWORK.level(row["level"]).name.upper()
        writer.writerow(row)

    assert from_csv(out.getvalue()).cells == bundled_cells(RAG)


def test_csv_unknown_level_names_its_line(rag_csv: str) -> None:
    lines = rag_csv.split("\n")
    lines[3] = lines[3].replace(",senior,", ",expert,")

    error = csv_failure("\n".join(lines))

    assert error.problems[0].message == (
        "'expert' is not a level; known levels: junior, middle, senior, lead, principal"
    )
    assert error.problems[0].line == 4


def test_csv_unknown_role_names_its_line(rag_csv: str) -> None:
    lines = rag_csv.split("\n")
    lines[2] = lines[2].replace("rag,llm-engineer,", "rag,prompt-whisperer,")

    error = csv_failure("\n".join(lines))

    assert "'prompt-whisperer' is not a role" in error.problems[0].message
    assert error.problems[0].line == 3


def test_csv_line_numbers_count_lines_inside_quoted_fields(rag_csv: str) -> None:
    lines = rag_csv.split("\n")
    lines[1] = lines[1].replace("Knows the RAG flow:", "Knows the RAG flow:\n")
    lines[2] = lines[2].replace(",middle,", ",expert,")

    error = csv_failure("\n".join(lines))

    assert error.problems[0].line == 4


def test_csv_of_an_unknown_skill_needs_name_and_domain(rag_csv: str) -> None:
    text = re.sub(r"^rag,", "rag-copy,", rag_csv, flags=re.MULTILINE)

    error = csv_failure(text, known=None)

    assert "pass --name and --domain" in error.problems[0].message
    assert "'rag-copy'" in error.problems[0].message

    skill = from_csv(text, None, "RAG copy", "Machine Learning & AI")
    assert (skill.id, skill.name, skill.domain) == ("rag-copy", "RAG copy", "Machine Learning & AI")
    assert skill.updated is None
    assert skill.source == "imported from rag.csv"
    assert skill.cells == bundled_cells(RAG)


def test_csv_name_and_domain_override_the_known_skill(rag_csv: str) -> None:
    skill = from_csv(rag_csv, RAG, "Retrieval", "Search")

    assert (skill.name, skill.domain, skill.updated) == ("Retrieval", "Search", RAG.updated)


def test_csv_rows_for_two_skills(rag_csv: str) -> None:
    lines = rag_csv.split("\n")
    lines[5] = lines[5].replace("rag,", "nlp,", 1)

    error = csv_failure("\n".join(lines))

    assert (
        "the row is for skill 'nlp' but the rows above are for 'rag'" in error.problems[0].message
    )
    assert error.problems[0].line == 6


@pytest.mark.parametrize(
    ("header", "fragment"),
    [
        ("skill,role,required,description", "no level"),
        ("skill,role,level,required,description,colour", "also 'colour'"),
        ("skill,role,role,level,required,description", "role twice"),
    ],
)
def test_csv_header_must_have_the_columns(rag_csv: str, header: str, fragment: str) -> None:
    text = header + "\n" + rag_csv.split("\n", 1)[1]

    error = csv_failure(text)

    assert error.problems[0].message.startswith(
        "expected the header row skill,role,level,required,description (in any order)"
    )
    assert fragment in error.problems[0].message
    assert error.problems[0].line == 1


@pytest.mark.parametrize(
    ("edit", "fragment"),
    [
        (
            lambda line: line.replace(",true,", ",maybe,"),
            "required is 'maybe'; expected yes, no, true or false",
        ),
        (lambda line: line.split(',"', 1)[0] + ',""', "has no description"),
        (lambda line: line.split(',"', 1)[0], "expected 5 fields like the header, found 4"),
    ],
)
def test_csv_bad_rows_name_their_line(
    rag_csv: str, edit: Callable[[str], str], fragment: str
) -> None:
    lines = rag_csv.split("\n")
    lines[2] = edit(lines[2])

    error = csv_failure("\n".join(lines))

    assert fragment in error.problems[0].message
    assert error.problems[0].line == 3


def test_csv_the_same_cell_twice(rag_csv: str) -> None:
    lines = rag_csv.split("\n")
    lines.insert(3, lines[2])

    error = csv_failure("\n".join(lines))

    assert "a second llm-engineer middle row (the first is on line 3)" in error.problems[0].message
    assert error.problems[0].line == 4


@pytest.mark.parametrize("text", ["", "\n\n", "skill,role,level,required,description\n"])
def test_csv_without_cells(text: str) -> None:
    message = csv_failure(text).problems[0].message

    assert message.startswith("expected a header row") or message.startswith(
        "has a header but no cells"
    )


# -- the skill file's text -------------------------------------------------------------------

SENTENCE = st.from_regex(r"[A-Z][a-z]{1,8}( [a-z&/:,()-]{1,8}){0,8}\.", fullmatch=True)
DESCRIPTION = st.lists(SENTENCE, min_size=1, max_size=8).map(" ".join)


def one_cell(description: str, **values: str) -> ImportedSkill:
    fields = {"name": "Deep Learning", "domain": "Machine Learning & AI", "source": "", **values}
    return ImportedSkill(
        id="x",
        name=fields["name"],
        domain=fields["domain"],
        updated=None,
        source=fields["source"],
        cells=(Cell("data-scientist", "junior", False, description),),
    )


def loaded_description(text: str) -> str:
    description: str = yaml.safe_load(text)["expectations"]["data-scientist"]["junior"][
        "description"
    ]
    return description


@settings(deadline=None)  # each example writes and parses YAML: slow on a busy machine
@given(DESCRIPTION)
def test_sentences_come_back_from_the_yaml(description: str) -> None:
    text = skill_yaml(one_cell(description))

    assert loaded_description(text) == description
    assert "      description: >-\n" in text
    for line in text.splitlines():
        assert len(line) <= 96 or " " not in line.strip()  # the bundled files' width


@given(st.text(min_size=1).map(lambda text: " ".join(text.split())).filter(bool))
def test_any_collapsed_text_comes_back_from_the_yaml(description: str) -> None:
    assert loaded_description(skill_yaml(one_cell(description))) == description


@given(st.text(min_size=1).map(lambda text: " ".join(text.split())).filter(bool))
def test_names_domains_and_sources_come_back_from_the_yaml(value: str) -> None:
    loaded = yaml.safe_load(skill_yaml(one_cell("Text.", name=value, domain=value, source=value)))

    assert (loaded["name"], loaded["domain"], loaded["source"]) == (value, value, value)


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("Deep Learning", "Deep Learning"),
        ("Machine Learning & AI", "Machine Learning & AI"),
        ("C# #1", '"C# #1"'),
        ("Ops: the basics", '"Ops: the basics"'),
        ("2026", '"2026"'),
        ("yes", '"yes"'),
        ("- dash", '"- dash"'),
        ("*star", '"*star"'),
        ('say "hi"', 'say "hi"'),
        ("'quoted'", "\"'quoted'\""),
    ],
)
def test_names_are_quoted_only_when_yaml_needs_it(value: str, written: str) -> None:
    text = skill_yaml(one_cell("Text.", name=value))

    assert f"\nname: {written}\n" in text
    assert yaml.safe_load(text)["name"] == value


def test_a_hash_in_a_description_is_text_not_a_comment() -> None:
    description = "Writes C# and F# services. Tags issues #ml and #ops: all of them."

    assert loaded_description(skill_yaml(one_cell(description))) == description


def test_updated_and_source_are_left_out_when_unknown() -> None:
    text = skill_yaml(one_cell("Text."))

    assert "updated:" not in text
    assert "source:" not in text
    assert text.startswith(
        "id: x\nname: Deep Learning\ndomain: Machine Learning & AI\nexpectations:\n"
    )
