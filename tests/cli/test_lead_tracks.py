"""Lead on two tracks (docs/levels.md): a Staff engineer skips the manager's sentence of
technical-leadership's Lead cell, a manager the Staff engineer's, and neither is held back
by the other track's sentence."""

from __future__ import annotations

from tests.conftest import Invoke

SENIOR = ("--role", "llm", "--level", "senior")


def lead_items(invoke_json) -> dict[str, str]:
    """The Lead cell's items by their first words."""
    shown = invoke_json("show", "technical-leadership", "-r", "llm", "-l", "lead")
    return {item["text"]: item["id"] for item in shown["cells"][0]["items"]}


def test_a_staff_engineer_skips_the_managers_sentence_and_is_not_held_back(
    invoke: Invoke, invoke_json
) -> None:
    items = lead_items(invoke_json)
    [manager] = [item for text, item in items.items() if text.startswith("As a manager,")]
    [staff] = [item for text, item in items.items() if text.startswith("As a Staff engineer,")]
    skipped = invoke("skip", manager, *SENIOR, "--reason", "Staff engineer track")
    assert skipped.exit_code == 0, skipped.stderr
    for item in items.values():
        if item != manager:
            assert invoke("done", item, *SENIOR, "--note", "design review").exit_code == 0
    summary = invoke_json("progress", *SENIOR, "technical-leadership")["summary"]
    total = len(items)
    assert (summary["covered"], summary["applicable"], summary["total"]) == (
        total - 1,
        total - 1,
        total,
    )
    assert (summary["required_covered"], summary["required_total"]) == (total - 1, total - 1)
    packet = invoke("progress", *SENIOR, "technical-leadership", "--format", "markdown").stdout
    assert f"Covered {total - 1} of {total - 1} items; required: {total - 1} of {total - 1}." in (
        " ".join(packet.split())
    )
    assert staff in items.values()
