"""The cache's parts: what identifies a version of a file, and a skill stored and read back."""

from __future__ import annotations

import marshal
import os
from dataclasses import fields
from pathlib import Path

import pytest

from skillpath.framework.model import Cells, Expectation, Skill
from skillpath.loading import Catalog, cache, cachecodec
from tests.conftest import BUNDLED


def test_every_bundled_skill_reads_back_equal_from_its_stored_form() -> None:
    for skill in Catalog(BUNDLED).skills():
        assert cachecodec.decode_parts(*cachecodec.encode_parts(skill)) == skill


def test_the_stored_form_keeps_every_field_of_the_model() -> None:
    stored = {*cachecodec.HEAD, "expectations"}
    assert stored == {field.name for field in fields(Skill)}
    assert {"skill", "role", "level", "required", *cachecodec.TEXTS} == {
        field.name for field in fields(Expectation)
    }
    skill = Catalog(BUNDLED).skill("rag")
    back = cachecodec.decode_parts(*cachecodec.encode_parts(skill))
    for name in cachecodec.HEAD:
        assert type(getattr(back, name)) is type(getattr(skill, name)), name
    for cell, stored_cell in zip(skill.expectations, back.expectations, strict=True):
        for name in (field.name for field in fields(Expectation)):
            assert type(getattr(stored_cell, name)) is type(getattr(cell, name)), name


def test_a_stored_skill_makes_a_cell_only_when_it_is_asked_for() -> None:
    skill = Catalog(BUNDLED).skill("rag")
    back = cachecodec.decode_parts(*cachecodec.encode_parts(skill))
    assert isinstance(back.expectations, Cells)
    assert back.outline == skill.outline and back.role_ids == skill.role_ids
    assert back.expectations._made == {}  # the outline answers without making cells
    role, level, _ = skill.outline[3]
    assert back.expectation(role, level) == skill.expectation(role, level)
    assert set(back.expectations._made) == {3}
    assert back.expectation(role, "no-such-level") is None
    assert back.expectations[-1] == skill.expectations[-1]
    assert back.expectations[1:3] == skill.expectations[1:3]
    with pytest.raises(IndexError):
        back.expectations[len(skill.expectations)]
    assert back == skill and hash(back) == hash(skill)
    for cell, stored_cell in zip(skill.expectations, back.expectations, strict=True):
        assert "items" not in vars(stored_cell)  # made from the texts when asked for
        assert stored_cell.items == cell.items
    assert list(back.expectations) == list(skill.expectations)


def test_only_the_last_skills_read_hold_their_texts_and_one_let_go_reads_them_again() -> None:
    skill = Catalog(BUNDLED).skill("rag")
    head, texts = cachecodec.encode_parts(skill)
    reads: list[int] = []

    def texts_of(number: int) -> bytes:
        reads.append(number)
        return texts

    stored = [
        cachecodec.decode_head(head, lambda n=n: texts_of(n))
        for n in range(cachecodec._HELD_MOST + 1)
    ]
    for back in stored:
        assert back.expectations[0] == skill.expectations[0]
    assert reads == list(range(len(stored)))
    assert len(cachecodec._held) <= cachecodec._HELD_MOST  # the first skill's let go
    assert stored[0].expectations[0] == skill.expectations[0]  # made already: no read
    assert list(stored[0].expectations) == list(skill.expectations)
    assert reads[-1] == 0  # read again for the cells not made yet


def test_a_stored_form_missing_a_cell_s_texts_is_refused() -> None:
    skill = Catalog(BUNDLED).skill("rag")
    head, texts = cachecodec.encode_parts(skill)
    with pytest.raises(ValueError):
        cachecodec.decode_parts(head, texts[:-1]).expectations[0]
    fields, outline, ends = marshal.loads(head)
    with pytest.raises(ValueError):
        cachecodec.decode_parts(marshal.dumps((fields, outline, ends[:-1])), texts)


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


def test_skills_read_back_with_one_outline_share_it_and_its_places() -> None:
    skill = Catalog(BUNDLED).skill("rag")
    parts = cachecodec.encode_parts(skill)
    first, second = cachecodec.decode_parts(*parts), cachecodec.decode_parts(*parts)
    assert first.outline == skill.outline
    assert first.outline is second.outline  # one copy for thousands of skills
    assert first._places is second._places and first.role_ids is second.role_ids
    role, level, _ = skill.outline[0]
    assert second.expectation(role, level) == skill.expectation(role, level)
    assert first.has_cell(role, level) and not first.has_cell(role, "no-such-level")


def test_the_shared_outlines_are_bounded_and_start_again_when_full(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(cachecodec, "_SHARED_MOST", 2)
    monkeypatch.setattr(cachecodec, "_outlines", {})
    monkeypatch.setattr(cachecodec, "_places", {})
    skills = Catalog(BUNDLED).skills()[:4]
    for skill in skills:
        back = cachecodec.decode_parts(*cachecodec.encode_parts(skill))
        assert back == skill
        assert back.outline in cachecodec._outlines  # kept, and shared with the next
        assert len(cachecodec._outlines) <= 2 and len(cachecodec._places) <= 2 + len(skill.outline)
