"""--json with another --format is a usage error told before the command runs: nothing is
saved first, and it wins over an error the data would give."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from tests.conftest import Invoke

CLASH = "--json and --format csv ask for different formats; give one of them"


def told(result) -> str:
    return json.loads(result.stderr)["error"]["message"]


@pytest.mark.parametrize("order", [("--json", "-f", "csv"), ("-f", "csv", "--json")])
def test_profile_set_saves_nothing_when_its_formats_clash(
    invoke: Invoke, fresh_home: Path, order: tuple[str, ...]
) -> None:
    assert invoke("profile", "set", "-r", "llm", "-l", "mid").exit_code == 0
    before = (fresh_home / "profile.yaml").read_bytes()
    result = invoke("profile", "set", "-r", "ds", "-l", "senior", *order)
    assert result.exit_code == 2 and result.stdout == ""
    assert told(result) == CLASH
    assert (fresh_home / "profile.yaml").read_bytes() == before


def test_evidence_is_neither_edited_nor_removed_when_the_formats_clash(
    invoke: Invoke, fresh_home: Path
) -> None:
    level = ("-r", "llm", "-l", "mid")
    assert invoke("done", "rag:1", *level, "--note", "first").exit_code == 0
    before = (fresh_home / "progress.yaml").read_bytes()
    edited = invoke(
        "evidence", "rag:1", *level, "--edit", "1", "-n", "EDITED", "--json", "-f", "csv"
    )
    removed = invoke("evidence", "rag:1", *level, "--remove", "1", "--json", "-f", "csv")
    assert (edited.exit_code, removed.exit_code) == (2, 2)
    assert (fresh_home / "progress.yaml").read_bytes() == before
    [mark] = yaml.safe_load(before)["items"].values()
    assert mark["evidence"][0]["note"] == "first"


def test_the_clash_wins_over_a_missing_data_folder(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("show", "rag", "-d", str(tmp_path / "missing"), "--json", "-f", "csv")
    assert result.exit_code == 2
    assert told(result) == CLASH
