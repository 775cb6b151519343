"""``skillpath import`` as a user runs it: stdout by default, --output never overwrites
unless --force, and the seed page and a CSV export come back as skill files."""

from __future__ import annotations

from pathlib import Path

import yaml
from typer.testing import CliRunner

from skillpath.cli.app import app
from tests.conftest import BUNDLED, TERMINAL, Invoke
from tests.unit.test_import import without_review_aids

SEED = Path(__file__).parent.parent / "seed" / "deep-learning-profile.txt"


def test_importing_the_seed_page_gives_the_bundled_deep_learning_skill(invoke: Invoke) -> None:
    result = invoke("import", str(SEED))
    assert result.exit_code == 0 and result.stderr == ""
    bundled = (BUNDLED / "skills" / "deep-learning.yaml").read_text(encoding="utf-8")
    assert yaml.safe_load(result.stdout) == without_review_aids(yaml.safe_load(bundled))


def test_the_page_can_come_from_stdin() -> None:
    result = CliRunner(env=TERMINAL).invoke(
        app, ["import", "-"], input=SEED.read_text(encoding="utf-8")
    )
    assert result.exit_code == 0
    assert yaml.safe_load(result.stdout)["id"] == "deep-learning"


def test_output_is_written_and_never_overwritten_without_force(
    invoke: Invoke, tmp_path: Path
) -> None:
    target = tmp_path / "skills" / "deep-learning.yaml"
    assert invoke("import", str(SEED), "--output", str(target)).exit_code == 0
    written = target.read_text(encoding="utf-8")
    target.write_text("# mine\n" + written, encoding="utf-8")
    again = invoke("import", str(SEED), "--output", str(target))
    assert again.exit_code == 1
    assert again.stderr == f"error: {target}: already exists; nothing was written\n"
    assert target.read_text(encoding="utf-8").startswith("# mine\n")
    forced = invoke("import", str(SEED), "--output", str(target), "--force")
    assert forced.exit_code == 0
    assert target.read_text(encoding="utf-8") == written
    assert [p.name for p in target.parent.iterdir()] == ["deep-learning.yaml"]  # no temporary left


def test_a_csv_export_edited_in_a_spreadsheet_comes_back(
    invoke: Invoke, invoke_json, tmp_path: Path
) -> None:
    exported = invoke("show", "rag", "--format", "csv").stdout
    edited = exported.replace(
        "Checks answers against the retrieved sources by hand.", "Reads the sources."
    )
    page = tmp_path / "rag.csv"
    page.write_text(edited, encoding="utf-8")
    result = invoke("import", str(page))
    assert result.exit_code == 0, result.stderr
    imported = yaml.safe_load(result.stdout)
    assert imported["name"] == "Retrieval-Augmented Generation"
    junior = imported["expectations"]["llm-engineer"]["junior"]["description"]
    assert junior.endswith("Reads the sources.")
    shown = invoke_json("show", "rag")
    later = [c for c in shown["cells"] if c["level"] != "junior"]
    assert all(
        imported["expectations"]["llm-engineer"][c["level"]]["description"] == c["description"]
        for c in later
    )


def test_what_cannot_be_read_says_what_was_expected(invoke: Invoke, tmp_path: Path) -> None:
    page = tmp_path / "notes.txt"
    page.write_text("just some notes\n", encoding="utf-8")
    result = invoke("import", str(page))
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith(f"error: {page}: expected a skill-profile page")
    missing = invoke("import", str(tmp_path / "nope.txt"))
    assert missing.exit_code == 2
    assert "no such file" in missing.stderr


def test_a_forced_import_keeps_the_files_permissions(invoke: Invoke, tmp_path: Path) -> None:
    seed = Path(__file__).parent.parent / "seed" / "deep-learning-profile.txt"
    target = tmp_path / "dl.yaml"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o644)
    assert invoke("import", str(seed), "-o", str(target), "--force").exit_code == 0
    assert target.stat().st_mode & 0o777 == 0o644


def test_the_bundled_skills_exported_and_imported_are_a_folder_to_edit(
    invoke: Invoke, invoke_json, tmp_path: Path
) -> None:
    """The recipe of docs/own-framework.md: `list --format csv`, `import --into`, then `-d`
    reads every skill as bundled, and an edit there replaces the bundled skill."""
    export = tmp_path / "ml.csv"
    export.write_text(invoke("list", "--format", "csv").stdout, encoding="utf-8")
    mine = tmp_path / "mine"
    assert invoke("import", str(export), "--into", str(mine)).exit_code == 0
    bundled = invoke_json("list")["skills"]
    assert sorted(p.stem for p in (mine / "skills").iterdir()) == sorted(s["id"] for s in bundled)
    assert invoke_json("show", "rag", "-d", str(mine)) == invoke_json("show", "rag")
    rag = mine / "skills" / "rag.yaml"
    rag.write_text(
        rag.read_text(encoding="utf-8").replace("name: ", "name: My ", 1), encoding="utf-8"
    )
    assert invoke_json("show", "rag", "-d", str(mine))["skill"]["name"].startswith("My ")
