"""Workbooks, as a team lead keeps a framework: `list --format xlsx` writes one that
`import` reads back into the same files, a sheet of the CSV's columns comes in by the
CSV's rules with problems named by sheet, row and column, and a hostile workbook (a zip
bomb, a huge sheet, formulas, macros, a FIFO, not a zip at all) is refused in one line."""

from __future__ import annotations

import io
import os
import sys
import zipfile
from datetime import datetime
from pathlib import Path

import pytest

openpyxl = pytest.importorskip("openpyxl")

from skillpath.authoring.importer import workbook  # noqa: E402 - after the skip
from tests.conftest import BUNDLED, Invoke  # noqa: E402

LEVELS = ("junior", "middle", "senior", "lead", "principal")
HEADER = ["skill", "role", "level", "required", "description", "name", "domain"]


def cells(skill: str = "team-x") -> list[list[object]]:
    return [
        [skill, "llm-engineer", level, level == "senior", f"Does {level} work well.", "X", "Y"]
        for level in LEVELS
    ]


def book(path: Path, rows: list[list[object]], header: list[str] = HEADER, title: str = "Sheet1"):  # type: ignore[no-untyped-def]
    """A workbook as a spreadsheet program saves it: typed cells, one sheet named ``title``."""
    made = openpyxl.Workbook()
    sheet = made.active
    sheet.title = title
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    made.save(path)
    return made


def assert_refused(result, path: Path, words: str, code: int = 1) -> None:  # type: ignore[no-untyped-def]
    assert result.exit_code == code, result.stderr
    assert result.stdout == ""
    assert result.stderr.startswith(f"error: {path}: "), result.stderr
    assert words in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 1, result.stderr


# -- the round trip --------------------------------------------------------------------------


def test_list_as_a_workbook_imports_back_into_the_same_files(
    invoke: Invoke, tmp_path: Path
) -> None:
    exported = tmp_path / "ml.xlsx"
    result = invoke("list", "--format", "xlsx", "-o", str(exported))
    assert result.exit_code == 0 and result.stdout == "" and result.stderr == ""
    assert openpyxl.load_workbook(exported).sheetnames == ["Skills"]
    mine = tmp_path / "mine"
    result = invoke("import", str(exported), "--into", str(mine))
    assert result.exit_code == 0, result.stderr
    for path in sorted((BUNDLED / "skills").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        body = "".join(line for line in text.splitlines(True) if not line.startswith("#"))
        assert (mine / "skills" / path.name).read_text(encoding="utf-8") == body, path.name
    assert invoke("validate", "-d", str(mine)).exit_code == 0
    again = invoke("list", "-d", str(mine), "--format", "csv").stdout
    assert again == invoke("list", "--format", "csv").stdout


def test_text_that_starts_like_a_formula_goes_out_and_back_as_text(
    invoke: Invoke, invoke_json, data_dir: Path, tmp_path: Path
) -> None:
    rag = data_dir / "skills" / "rag.yaml"
    text = rag.read_text(encoding="utf-8")
    name = "name: Retrieval-Augmented Generation\n"
    rag.write_text(text.replace(name, "name: '=HYPERLINK(\"x\") RAG'\n"), encoding="utf-8")
    exported = tmp_path / "ml.xlsx"
    assert invoke("list", "-f", "xlsx", "-o", str(exported)).exit_code == 0
    sheet = openpyxl.load_workbook(exported)["Skills"]
    named = [row for row in sheet.iter_rows(values_only=True) if row[0] == "rag"]
    assert named[0][1] == '=HYPERLINK("x") RAG'
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    back = tmp_path / "back"
    result = invoke("import", str(exported), "--into", str(back))
    assert result.exit_code == 0, result.stderr
    assert invoke_json("show", "rag", "-d", str(back))["skill"]["name"] == '=HYPERLINK("x") RAG'


def test_a_workbook_on_stdout_only_when_it_is_not_a_terminal(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    piped = invoke("list", "-f", "xlsx")
    assert piped.exit_code == 0
    assert zipfile.is_zipfile(io.BytesIO(piped.stdout_bytes))
    monkeypatch.setattr("skillpath.cli.framework.to_terminal", lambda: True)
    shown = invoke("list", "-f", "xlsx")
    assert shown.exit_code == 2 and shown.stdout == ""
    assert "a workbook is not text to show on a terminal: give --output FILE.xlsx" in shown.stderr


def test_list_output_is_never_replaced_without_force_nor_through_a_link(
    invoke: Invoke, tmp_path: Path
) -> None:
    target = tmp_path / "ml.xlsx"
    target.write_bytes(b"mine")
    kept = invoke("list", "-f", "xlsx", "-o", str(target))
    assert_refused(kept, target, "already exists; nothing was written")
    assert target.read_bytes() == b"mine"
    assert invoke("list", "-f", "xlsx", "-o", str(target), "--force").exit_code == 0
    assert zipfile.is_zipfile(target)
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    link = tmp_path / "link.xlsx"
    link.symlink_to(victim)
    linked = invoke("list", "-f", "xlsx", "-o", str(link), "--force")
    assert_refused(linked, link, "is a symbolic link")
    assert victim.read_text(encoding="utf-8") == "precious\n"
    csv_out = tmp_path / "ml.csv"
    assert invoke("list", "-f", "csv", "-o", str(csv_out)).exit_code == 0
    assert csv_out.read_text(encoding="utf-8") == invoke("list", "-f", "csv").stdout
    table = invoke("list", "-o", str(tmp_path / "t.txt"), "-f", "table")
    assert table.exit_code == 2 and "the table is for the terminal" in table.stderr


# -- a sheet by the CSV's rules ------------------------------------------------------------


def test_a_sheet_of_typed_cells_reads_as_its_csv_would(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "one.xlsx"
    rows = cells()
    rows[0] = [*rows[0], datetime(2026, 2, 22), 3]
    book(path, rows, [*HEADER, "updated", "source"])
    result = invoke("import", str(path))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(
        'id: team-x\nname: X\ndomain: Y\nupdated: 2026-02-22\nsource: "3"\n'
    )
    assert "      required: true\n" in result.stdout


def test_sheet_chooses_the_sheet_and_an_unknown_one_is_a_usage_error(
    invoke: Invoke, tmp_path: Path
) -> None:
    path = tmp_path / "two.xlsx"
    made = openpyxl.Workbook()
    made.active.title = "Notes"
    made.active.append(["not", "a", "framework"])
    sheet = made.create_sheet("Skills 2026")
    sheet.append(HEADER)
    for row in cells():
        sheet.append(row)
    made.save(path)
    first = invoke("import", str(path))
    assert first.exit_code == 1 and "Notes, row 1: expected the header row" in first.stderr
    chosen = invoke("import", str(path), "--sheet", "Skills 2026")
    assert chosen.exit_code == 0, chosen.stderr
    assert chosen.stdout.startswith("id: team-x\n")
    unknown = invoke("import", str(path), "--sheet", "skils 2026")
    assert unknown.exit_code == 2 and unknown.stdout == ""
    assert unknown.stderr == "error: no sheet 'skils 2026'; did you mean 'Skills 2026'?\n"
    nothing = invoke("import", str(path), "--sheet", "Budget")
    assert nothing.stderr == "error: no sheet 'Budget'; known sheets: Notes, Skills 2026\n"
    text = tmp_path / "x.csv"
    text.write_text("skill,role,level,description\n", encoding="utf-8")
    assert invoke("import", str(text), "--sheet", "Notes").exit_code == 2


def test_every_bad_cell_is_named_by_sheet_row_and_column(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "bad.xlsx"
    rows = cells()
    rows[2][2] = "seniour"  # row 4: the header is row 1
    rows[3][3] = "perhaps"
    book(path, rows, title="Framework")
    result = invoke("import", str(path), "--into", str(tmp_path / "out"))
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.splitlines() == [
        f"error: {path}: Framework, row 4, column C (level): 'seniour' is not a level; "
        "did you mean 'senior' or 'junior'?",
        f"error: {path}: Framework, row 5, column D (required): required is 'perhaps'; "
        "expected yes, no, true or false (or empty: optional)",
    ]
    assert not (tmp_path / "out").exists()


def test_a_formula_is_refused_where_it_is(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "formula.xlsx"
    rows = cells()
    rows[1][4] = '=CONCAT("Does ", "middle work")'
    book(path, rows)
    result = invoke("import", str(path))
    assert_refused(result, path, "Sheet1, row 3, column E (description): holds a formula")
    assert "paste them as values" in result.stderr


def test_a_formula_and_a_bad_row_are_told_in_one_run(invoke: Invoke, tmp_path: Path) -> None:
    """Every problem before anything is written: a bad cell does not hide the bad rows."""
    path = tmp_path / "both.xlsx"
    rows = cells()
    rows[1][4] = "=A1"  # row 3
    rows[2][2] = "seniour"  # row 4
    book(path, rows)
    result = invoke("import", str(path), "--into", str(tmp_path / "out"))
    assert result.exit_code == 1 and result.stdout == ""
    told = result.stderr.splitlines()
    assert [line.split(": ")[2] for line in told] == [
        "Sheet1, row 3, column E (description)",
        "Sheet1, row 4, column C (level)",
    ], told
    assert "holds a formula (=A1)" in told[0] and "'seniour' is not a level" in told[1]
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("also", "told_too"),
    [
        ("level", "row 2, column C (level): 'jnuior' is not a level"),  # the same row
        ("gap", "the llm-engineer rows give junior and principal but not senior"),
    ],
)
def test_a_bad_cell_hides_nothing_else_of_its_row_or_its_role(
    invoke: Invoke, tmp_path: Path, also: str, told_too: str
) -> None:
    """Only what the emptied cell itself would cause goes unsaid: another bad cell of the
    row, and a level the role skips (told at the role's first row), are told."""
    path = tmp_path / "same-row.xlsx"
    rows = cells()
    rows[0][4] = "=A1"  # row 2, the role's first
    if also == "level":
        rows[0][2] = "jnuior"
    else:
        del rows[2]  # no senior: the role skips a level
    book(path, rows)
    result = invoke("import", str(path), "--into", str(tmp_path / "out"))
    assert result.exit_code == 1 and result.stdout == ""
    assert "row 2, column E (description): holds a formula (=A1)" in result.stderr
    assert told_too in result.stderr, result.stderr
    assert len(result.stderr.splitlines()) == 2, result.stderr
    assert not (tmp_path / "out").exists()


def test_a_value_right_of_the_header_is_a_problem(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "wide.xlsx"
    rows = cells()
    rows[0] = [*rows[0], "stray note"]
    book(path, rows)
    result = invoke("import", str(path))
    assert_refused(result, path, "Sheet1, row 2, column H: holds a value right of the header")


def test_an_empty_sheet_says_so(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    openpyxl.Workbook().save(path)
    assert_refused(invoke("import", str(path)), path, "Sheet: the sheet is empty")


def test_a_workbook_can_come_from_stdin(invoke: Invoke, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from skillpath.cli.app import app

    path = tmp_path / "one.xlsx"
    book(path, cells())
    result = CliRunner().invoke(app, ["import", "-"], input=path.read_bytes())
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("id: team-x\n")


def test_a_workbook_on_stdin_over_the_limit_is_refused_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from skillpath.cli.app import app

    monkeypatch.setattr(workbook, "MAX_WORKBOOK_BYTES", 2 * 2**20)
    piped = b"PK\x03\x04" + b"\0" * (3 * 2**20)  # its size cannot be known: read no further
    result = CliRunner().invoke(app, ["import", "-"], input=piped)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"error: <stdin>: is over {2 * 2**20} bytes; workbooks are limited to 2 MiB\n"
    )


# -- hostile workbooks -----------------------------------------------------------------------


def zipped(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_a_zip_bomb_is_refused_before_it_is_unpacked(invoke: Invoke, tmp_path: Path) -> None:
    bomb = zipped(tmp_path / "bomb.xlsx", {"xl/worksheets/sheet1.xml": b"\0" * (65 * 2**20)})
    assert bomb.stat().st_size < 2**20
    assert_refused(invoke("import", str(bomb)), bomb, "was not opened")
    dense = zipped(tmp_path / "dense.xlsx", {"xl/sharedStrings.xml": b"a" * (2 * 2**20)})
    result = invoke("import", str(dense))
    assert_refused(result, dense, "more than 100 times, as a zip bomb is")


def test_a_member_that_lies_about_its_size_is_unpacked_no_further(
    invoke: Invoke, tmp_path: Path
) -> None:
    """A bomb that declares a small size to pass the check: zipfile stops at the size
    declared, and the truncated sheet is refused in one line."""
    import struct

    path = tmp_path / "liar.xlsx"
    book(path, cells())
    raw = bytearray(path.read_bytes())
    name = b"xl/worksheets/sheet1.xml"
    for signature, at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (start := raw.find(signature, start)) >= 0:
            offset = 30 if signature == b"PK\x03\x04" else 46
            if raw[start + offset : start + offset + len(name)] == name:
                raw[start + at : start + at + 4] = struct.pack("<I", 100)
            start += 4
    path.write_bytes(bytes(raw))
    result = invoke("import", str(path))
    assert_refused(result, path, "cannot be read as a workbook")


def test_a_huge_sheet_is_refused_not_read(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workbook, "MAX_ROWS", 20)
    long = tmp_path / "long.xlsx"
    book(long, [*cells(), *([["", "", "", "", ""]] * 5), *cells("team-y") * 3])
    assert_refused(invoke("import", str(long)), long, "Sheet1: has more than 20 rows")
    wide = tmp_path / "wide.xlsx"
    made = book(wide, cells())
    made.active.cell(row=2, column=workbook.MAX_COLUMNS + 1, value="x")
    made.save(wide)
    result = invoke("import", str(wide))
    assert_refused(result, wide, "Sheet1, row 2, column AG: holds a value; a sheet is read only")
    for column, letters in ((34, "AH"), (100, "CV"), (workbook.MAX_SCANNED_COLUMNS, "AMJ")):
        far = tmp_path / f"far-{letters}.xlsx"
        made = book(far, cells())
        made.active.cell(row=3, column=column, value="lost?")  # far past the header
        made.save(far)
        result = invoke("import", str(far))
        assert_refused(result, far, f"Sheet1, row 3, column {letters}: holds a value")
    wider = tmp_path / "wider.xlsx"
    made = book(wider, cells())
    made.active.cell(row=2, column=workbook.MAX_SCANNED_COLUMNS + 1, value="x")
    made.save(wider)
    assert_refused(invoke("import", str(wider)), wider, "Sheet1: is 1025 columns wide")
    monkeypatch.setattr(workbook, "MAX_CELL_CHARS", 100)  # Excel's 32,767 is openpyxl's too
    huge = tmp_path / "huge.xlsx"
    rows = cells()
    rows[0][4] = "x" * 101
    book(huge, rows)
    result = invoke("import", str(huge))
    assert_refused(result, huge, "Sheet1, row 2, column E (description): holds 101 characters")


def test_macros_are_refused(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "book.xlsm"
    book(path, cells())
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("xl/vbaProject.bin", b"\0" * 64)
    assert_refused(invoke("import", str(path)), path, "holds macros (a VBA project)")


def test_what_is_not_a_workbook_is_refused_in_one_line(invoke: Invoke, tmp_path: Path) -> None:
    text = tmp_path / "notes.xlsx"
    text.write_text("skill,role\n", encoding="utf-8")
    assert_refused(invoke("import", str(text)), text, "is not a workbook: an .xlsx file is a zip")
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    assert_refused(invoke("import", str(old)), old, "Excel 97-2003 workbook (.xls)")
    broken = zipped(tmp_path / "broken.xlsx", {"hello.txt": b"hi"})
    assert_refused(invoke("import", str(broken)), broken, "cannot be read as a workbook")


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and sparse files are POSIX")
def test_a_fifo_or_a_2_gib_workbook_is_refused_without_reading_it(
    invoke: Invoke, tmp_path: Path
) -> None:
    fifo = tmp_path / "pipe.xlsx"
    os.mkfifo(fifo)
    assert_refused(invoke("import", str(fifo)), fifo, "is not a regular file")
    big = tmp_path / "big.xlsx"
    with big.open("wb") as file:
        file.truncate(2 * 2**30)
    assert_refused(
        invoke("import", str(big)), big, f"is {2 * 2**30} bytes; workbooks are limited to 16 MiB"
    )


def test_without_the_extra_both_ways_say_how_to_install_it(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "one.xlsx"
    book(path, cells())
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # an import of it fails
    read = invoke("import", str(path))
    assert read.exit_code == 1 and read.stdout == ""
    assert read.stderr == (
        f"error: {path}: reading a workbook needs openpyxl, an extra that a plain install "
        'leaves out: pip install "skillpath[xlsx]", or save the sheet as CSV\n'
    )
    written = invoke("list", "-f", "xlsx", "-o", str(tmp_path / "out.xlsx"))
    assert written.exit_code == 1
    assert 'pip install "skillpath[xlsx]"' in written.stderr
    assert not (tmp_path / "out.xlsx").exists()


def test_a_sheet_and_its_csv_give_the_same_files(invoke: Invoke, tmp_path: Path) -> None:
    """The same rows, saved as a workbook and as CSV, by the same rules: names derived from
    the ids where the sheet has no name column, said once."""
    import csv

    header = ["skill", "role", "level", "item", "example"]
    rows = [
        [skill, "llm-engineer", level, f"Does {level} {skill} work", f"A {level} example"]
        for skill in ("system-design", "sql")
        for level in LEVELS
    ]
    sheet = tmp_path / "team.xlsx"
    book(sheet, rows, header)
    text = tmp_path / "team.csv"
    with text.open("w", encoding="utf-8", newline="") as file:
        csv.writer(file, lineterminator="\n").writerows([header, *rows])
    from_sheet = invoke("import", str(sheet), "--into", str(tmp_path / "a"))
    from_csv = invoke("import", str(text), "--into", str(tmp_path / "b"))
    assert from_sheet.exit_code == 0 and from_csv.exit_code == 0, from_sheet.stderr
    assert from_sheet.stderr.startswith("note: the sheet has no name or domain for some skills")
    assert from_sheet.stderr.replace("sheet", "CSV", 1) == from_csv.stderr
    for name in ("system-design.yaml", "sql.yaml"):
        a = (tmp_path / "a" / "skills" / name).read_text(encoding="utf-8")
        b = (tmp_path / "b" / "skills" / name).read_text(encoding="utf-8")
        assert "source: imported from team.xlsx\n" in a  # where it came from, as for a CSV
        assert a.replace("team.xlsx", "team.csv") == b
    assert (
        b"name: System design\n" in (tmp_path / "a" / "skills" / "system-design.yaml").read_bytes()
    )
