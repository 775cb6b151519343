"""The pre-commit snippet of docs/own-framework.md is a whole .pre-commit-config.yaml that
names this repository's hook and pins the release of the version in pyproject.toml."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent.parent


def page_snippet() -> dict:
    page = (REPO / "docs" / "own-framework.md").read_text(encoding="utf-8")
    found = re.search(r"```yaml\n(# \.pre-commit-config\.yaml.*?)```", page, re.S)
    assert found, "docs/own-framework.md shows a .pre-commit-config.yaml"
    return yaml.safe_load(found.group(1))


def test_the_page_snippet_is_a_complete_pre_commit_config() -> None:
    config = page_snippet()
    assert list(config) == ["repos"]
    (repo,) = config["repos"]
    assert set(repo) == {"repo", "rev", "hooks"}
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert {hook["id"] for hook in repo["hooks"]} <= {hook["id"] for hook in hooks}


def test_the_snippet_pins_the_tag_of_the_version_in_pyproject() -> None:
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    version = re.search(r'^version = "([^"]+)"', pyproject, re.M).group(1)  # type: ignore[union-attr]
    assert page_snippet()["repos"][0]["rev"] == f"v{version}"
    hooks_comment = (REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert f"rev: v{version}" in hooks_comment
