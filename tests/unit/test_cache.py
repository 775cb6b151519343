"""The cache's parts: what identifies a version of a file, and a skill stored and read back."""

from __future__ import annotations

import os
from dataclasses import fields
from pathlib import Path

import pytest

from skillpath.loading import Catalog, cache
from skillpath.model import Expectation, Skill
from tests.conftest import BUNDLED


def test_every_bundled_skill_reads_back_equal_from_its_stored_form() -> None:
    for skill in Catalog(BUNDLED).skills():
        assert cache.decode(cache.encode(skill)) == skill


def test_the_stored_form_follows_the_model_s_fields() -> None:
    skill = Catalog(BUNDLED).skill("rag")
    back = cache.decode(cache.encode(skill))
    for name in (field.name for field in fields(Skill)):
        assert type(getattr(back, name)) is type(getattr(skill, name)), name
    for cell, stored in zip(skill.expectations, back.expectations, strict=True):
        for name in (field.name for field in fields(Expectation)):
            assert type(getattr(stored, name)) is type(getattr(cell, name)), name


def test_a_file_changed_within_the_last_seconds_has_no_key(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("id: a\n")
    changed = max(os.stat(path).st_mtime_ns, os.stat(path).st_ctime_ns)
    assert cache.file_key(path, now_ns=changed) is None
    assert cache.file_key(path, now_ns=changed + cache.RECENT_NS - 1) is None
    later = cache.file_key(path, now_ns=changed + cache.RECENT_NS + 1)
    assert later is not None
    path.write_text("id: b\n")  # the same size; its times move on
    os.utime(path, ns=(1, 1))
    assert cache.file_key(path, now_ns=changed + 10 * cache.RECENT_NS) != later


def test_no_key_for_what_is_not_a_regular_file(tmp_path: Path) -> None:
    assert cache.file_key(tmp_path / "missing.yaml") is None
    assert cache.file_key(tmp_path) is None


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"SKILLPATH_CACHE_DIR": "/somewhere"}, Path("/somewhere")),
        ({"SKILLPATH_CACHE_DIR": "/somewhere", "SKILLPATH_NO_CACHE": "1"}, None),
        ({"SKILLPATH_CACHE_DIR": "/somewhere", "SKILLPATH_NO_CACHE": "0"}, Path("/somewhere")),
    ],
)
def test_where_the_cache_lives(environ: dict[str, str], expected: Path | None) -> None:
    assert cache.cache_folder(environ) == expected


def test_by_default_the_cache_is_in_the_user_s_cache_folder() -> None:
    import platformdirs

    expected = Path(platformdirs.user_cache_dir("skillpath", appauthor=False))
    assert cache.cache_folder({}) == expected
