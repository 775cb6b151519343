"""progress --format svg: a standalone radar chart of the plan, and the promotion packet
that shows it."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from tests.conftest import Invoke

SVG = "{http://www.w3.org/2000/svg}"


def labels(root: ET.Element) -> list[str]:
    """Each spoke's label, its wrapped lines joined."""
    return [
        " ".join(span.text or "" for span in text.iter(f"{SVG}tspan"))
        for text in root.iter(f"{SVG}text")
        if list(text.iter(f"{SVG}tspan"))
    ]


def test_progress_svg_has_an_axis_per_skill_with_its_coverage(invoke: Invoke, invoke_json) -> None:
    listing = invoke_json("next", "--role", "llm", "--level", "mid", "rag", "deep-learning")
    rag = [entry["id"] for entry in listing["checklist"] if entry["skill"] == "rag"]
    deep = [entry["id"] for entry in listing["checklist"] if entry["skill"] == "deep-learning"]
    assert invoke("done", rag[0], "--role", "llm", "--level", "mid").exit_code == 0
    result = invoke("progress", "-r", "llm", "-l", "mid", "rag", "deep-learning", "-f", "svg")
    assert result.exit_code == 0 and result.stderr == ""
    root = ET.fromstring(result.stdout)  # well-formed, standalone XML
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    title = root.find(f"{SVG}title")
    assert title is not None
    assert (
        title.text
        == f"LLM Engineer, Middle to Senior: 1 of {len(listing['checklist'])} items covered"
    )
    assert labels(root) == [
        f"Retrieval-Augmented Generation 1/{len(rag)}",
        f"Deep Learning 0/{len(deep)}",
    ]
    points = [c for c in root.iter(f"{SVG}circle") if c.get("r") == "5"][:-2]  # less the key
    assert [c.get("class") for c in points] == ["required", "optional"]
    assert "href" not in result.stdout and "url(" not in result.stdout  # nothing to fetch


def test_the_same_plan_draws_the_same_bytes(invoke: Invoke) -> None:
    first = invoke("progress", "-r", "ds", "-l", "junior", "--format", "SVG").stdout
    assert first == invoke("progress", "-r", "ds", "-l", "junior", "--format", "svg").stdout
    assert len(labels(ET.fromstring(first))) == len(
        json.loads(invoke("progress", "-r", "ds", "-l", "junior", "--json").stdout)["skills"]
    )


def test_at_the_top_the_chart_says_there_is_nothing_to_cover(invoke: Invoke) -> None:
    result = invoke("progress", "-r", "ds", "-l", "principal", "-f", "svg")
    assert result.exit_code == 0
    root = ET.fromstring(result.stdout)
    assert labels(root) == []
    assert "There is no next level to cover." in result.stdout


def test_svg_and_json_together_are_a_usage_error(invoke: Invoke) -> None:
    result = invoke("progress", "-r", "ds", "-l", "junior", "-f", "svg", "--json")
    assert result.exit_code == 2 and result.stdout == ""
    assert json.loads(result.stderr)["error"]["message"].startswith("--json and --format svg")


def test_names_from_the_data_are_escaped_in_the_chart(invoke: Invoke, tmp_path: Path) -> None:
    folder = tmp_path / "own"
    (folder / "skills").mkdir(parents=True)
    (folder / "framework.yaml").write_text(
        "name: Ops\nbundled: false\nlevels:\n  - {id: l1, name: L1}\n  - {id: l2, name: L2}\n"
        "roles:\n  - {id: sre, name: S&R <E>}\n",
        encoding="utf-8",
    )
    cells = "".join(
        f"    {lv}:\n      required: true\n      description: Answers pages. Fixes <things>.\n"
        for lv in ("l1", "l2")
    )
    (folder / "skills" / "oncall.yaml").write_text(
        f"id: oncall\nname: 'On<call> & Co'\ndomain: Ops\nexpectations:\n  sre:\n{cells}",
        encoding="utf-8",
    )
    result = invoke("progress", "-d", str(folder), "-r", "sre", "-l", "l1", "-f", "svg")
    assert result.exit_code == 0, result.stderr
    root = ET.fromstring(result.stdout)
    assert labels(root) == ["On<call> & Co 0/2"]
    assert "<call>" not in result.stdout and "<E>" not in result.stdout


def test_the_promotion_packet_shows_the_chart(invoke: Invoke) -> None:
    out = invoke("progress", "-r", "llm", "-l", "mid", "rag", "--format", "markdown").stdout
    assert "![Coverage of Senior by skill: a radar chart](progress.svg)" in out
    assert "`skillpath progress --format svg > progress.svg`" in out
