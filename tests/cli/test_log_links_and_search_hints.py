"""What reads as the framework's and the person's own: `log` keeps links whole at 80
columns, `search` suggests close words of the framework when nothing matches, the site's
search box offers one of the framework's own names, and evidence is listed by date."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from tests.conftest import Invoke

MIDDLE = ("--role", "llm", "--level", "mid")
LINK = "https://git.example.com/team/support-bot/pull/412/files#diff-0123456789abcdef"


def test_log_keeps_a_long_link_whole_at_80_columns(invoke: Invoke) -> None:
    note = "Query rewriting for the support bot, with tests and a benchmark"
    assert invoke("done", "rag:1", *MIDDLE, "--note", note, "--link", LINK).exit_code == 0
    assert invoke("done", "rag:2", *MIDDLE, "--note", "no link here").exit_code == 0
    result = invoke("log", columns=80)
    assert result.exit_code == 0 and result.stderr == ""
    lines = result.stdout.splitlines()
    assert f"[1] {LINK}" in lines  # on a line of its own, whole
    assert sum(LINK in line for line in lines) == 1
    assert any(line.rstrip().endswith("link [1]") for line in lines)
    assert "[2]" not in result.stdout  # only the pieces with a link are numbered
    narrow = invoke("log", columns=40).stdout.splitlines()
    assert f"[1] {LINK}" in narrow


def test_log_json_and_csv_keep_the_link_as_given(invoke: Invoke, invoke_json) -> None:
    invoke("done", "rag:1", *MIDDLE, "--note", "n", "--link", LINK)
    assert invoke_json("log")["changes"][0]["link"] == LINK
    rows = list(csv.DictReader(io.StringIO(invoke("log", "--format", "csv").stdout)))
    assert rows[0]["link"] == LINK


def test_search_suggests_close_words_when_nothing_matches(invoke: Invoke, invoke_json) -> None:
    result = invoke("search", "atention")
    assert result.exit_code == 0
    assert result.stdout.startswith("Nothing matches 'atention'. Did you mean \"attention\"")
    answer = invoke_json("search", "atention")
    assert answer["hits"] == [] and answer["suggestions"][0] == "attention"
    markdown = invoke("search", "atention", "--format", "markdown").stdout
    assert 'Did you mean "attention"' in markdown


def test_search_suggests_nothing_when_it_finds_or_nothing_is_close(invoke_json) -> None:
    assert invoke_json("search", "attention")["suggestions"] == []
    assert invoke_json("search", "qqqqqq")["suggestions"] == []
    # a word that starts words of the framework is no typo: the other word is the miss
    assert invoke_json("search", "attention", "retreival")["suggestions"] == ["retrieval"]


def own_framework(folder: Path) -> Path:
    (folder / "skills").mkdir(parents=True)
    (folder / "framework.yaml").write_text(
        "name: Platform\nbundled: false\nlevels:\n  - {id: l1, name: L1}\n"
        "roles:\n  - {id: sre, name: SRE}\n",
        encoding="utf-8",
    )
    (folder / "skills" / "oncall.yaml").write_text(
        "id: oncall\nname: On-call <Duty>\ndomain: Ops\nexpectations:\n  sre:\n"
        "    l1: {required: true, description: Carries the pager.}\n",
        encoding="utf-8",
    )
    return folder


def test_the_sites_search_box_offers_the_frameworks_own_words(
    invoke: Invoke, tmp_path: Path
) -> None:
    folder = own_framework(tmp_path / "platform")
    out = tmp_path / "site"
    result = invoke("site", str(out), "-d", str(folder))
    assert result.exit_code == 0, result.stderr
    page = (out / "index.html").read_text(encoding="utf-8")
    assert 'placeholder="e.g. On-call &lt;Duty&gt;"' in page
    assert "mixture of experts" not in page
    bundled = tmp_path / "bundled"
    assert invoke("site", str(bundled)).exit_code == 0
    first = json.loads(invoke("list", "--json").stdout)["skills"][0]["name"]
    shown = first.replace("&", "&amp;")
    assert f'placeholder="e.g. {shown}"' in (bundled / "search.html").read_text(encoding="utf-8")


def backdated(invoke: Invoke) -> None:
    for note, day in (("second", "2026-11-20"), ("first", "2026-10-01"), ("third", "2026-11-20")):
        result = invoke("done", "rag:1", *MIDDLE, "--note", note, "--date", day)
        assert result.exit_code == 0, result.stderr


def test_evidence_is_listed_by_date_in_every_format(invoke: Invoke, invoke_json) -> None:
    backdated(invoke)
    order = ["first", "second", "third"]
    mark = invoke_json("progress", *MIDDLE, "rag")["skills"][0]["items"][0]["mark"]
    assert [piece["note"] for piece in mark["evidence"]] == order
    table = invoke("progress", *MIDDLE, "rag", columns=120).stdout
    assert [line.split(": ")[-1] for line in table.splitlines() if ": " in line and "- 20" in line][
        :3
    ] == order
    markdown = invoke("progress", *MIDDLE, "rag", "--format", "markdown").stdout
    assert [
        line.split(": ")[-1] for line in markdown.splitlines() if line.startswith("  - 20")
    ] == (order)
    rows = list(csv.DictReader(io.StringIO(invoke("progress", *MIDDLE, "--format", "csv").stdout)))
    evidence = next(
        row["evidence"] for row in rows if row["number"] == "1" and row["skill"] == "rag"
    )
    assert [line.split(": ")[-1] for line in evidence.splitlines()] == order
