"""Every write lands where it says: a site, a team's skill files and a new skill are written
only inside their folder, never through a link planted there, never onto a FIFO, a device
or a folder, and a site's manifest can make the tool remove nothing outside its own pages.
An interrupted or failed build leaves the previous site whole, and the next one recovers."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

import pytest

from skillpath.loading import open_catalog
from skillpath.site import build
from skillpath.site.build import MANIFEST, build_site
from tests.cli.test_site import own_framework
from tests.conftest import Invoke


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return own_framework(tmp_path / "own", "Answers pages.")


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    """A file outside every folder the tool is given, which must never change."""
    path = tmp_path / "elsewhere" / "victim.txt"
    path.parent.mkdir()
    path.write_text("precious\n", encoding="utf-8")
    return path


def site(invoke: Invoke, out: Path, data: Path):  # type: ignore[no-untyped-def]
    return invoke("site", str(out), "-d", str(data))


def built_site(invoke: Invoke, tmp_path: Path, data: Path) -> Path:
    out = tmp_path / "public"
    assert site(invoke, out, data).exit_code == 0
    return out


def tree(folder: Path) -> dict[str, tuple[str, bytes]]:
    """Every entry under ``folder``: its kind and, for a file, its bytes (links unread)."""
    found = {}
    for path in sorted(folder.rglob("*")):
        kind = "link" if path.is_symlink() else "folder" if path.is_dir() else "file"
        found[path.relative_to(folder).as_posix()] = (
            kind,
            path.read_bytes() if kind == "file" else b"",
        )
    return found


def assert_refused(result, path: Path, words: str) -> None:  # type: ignore[no-untyped-def]
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"error: {path}: ")
    assert words in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 1


# -- links, FIFOs and folders where the site writes ----------------------------------------


def test_a_link_at_a_page_is_not_written_through(
    invoke: Invoke, tmp_path: Path, data: Path, victim: Path
) -> None:
    out = tmp_path / "public"
    out.mkdir()
    (out / MANIFEST).write_text("", encoding="utf-8")
    (out / "index.html").symlink_to(victim)
    assert_refused(site(invoke, out, data), out / "index.html", "is a symbolic link")
    assert victim.read_text(encoding="utf-8") == "precious\n"


def test_a_linked_manifest_is_neither_read_nor_written(
    invoke: Invoke, tmp_path: Path, data: Path, victim: Path
) -> None:
    out = tmp_path / "public"
    out.mkdir()
    (out / MANIFEST).symlink_to(victim)
    assert_refused(site(invoke, out, data), out / MANIFEST, "is a symbolic link")
    assert victim.read_text(encoding="utf-8") == "precious\n"


def test_a_linked_folder_in_the_site_gets_no_pages(
    invoke: Invoke, tmp_path: Path, data: Path, victim: Path
) -> None:
    out = built_site(invoke, tmp_path, data)
    for page in (out / "skills").iterdir():
        page.unlink()
    (out / "skills").rmdir()
    (out / "skills").symlink_to(victim.parent, target_is_directory=True)
    assert_refused(site(invoke, out, data), out / "skills", "is a symbolic link")
    assert sorted(p.name for p in victim.parent.iterdir()) == ["victim.txt"]


@pytest.mark.parametrize("kind", ["folder", "fifo"])
def test_a_folder_or_fifo_at_a_page_is_refused_without_waiting(
    invoke: Invoke, tmp_path: Path, data: Path, kind: str
) -> None:
    out = built_site(invoke, tmp_path, data)
    (out / "index.html").unlink()
    if kind == "folder":
        (out / "index.html").mkdir()
    else:
        os.mkfifo(out / "index.html")
    words = "is a folder" if kind == "folder" else "is not a regular file"
    assert_refused(site(invoke, out, data), out / "index.html", words)


# -- the manifest names only files inside the site ------------------------------------------


SHA = hashlib.sha256(b"precious\n").hexdigest()


@pytest.mark.parametrize(
    "line",
    [
        "{victim}",  # an absolute path elsewhere
        "{sha}  {victim}",  # the same, with the checksum of what it holds
        "../elsewhere/victim.txt",
        "l/victim.txt",  # through a link to a folder elsewhere
        "sub",  # a folder
        "x" * 5000,  # longer than any file name
        "/" + "y" * 199,  # 200 characters: quoted whole
        "/" + "y" * 200,  # 201: cut
        "a\\..\\..\\elsewhere\\victim.txt",
    ],
)
def test_a_manifest_line_outside_the_sites_own_files_is_left_alone_with_a_warning(
    invoke: Invoke, tmp_path: Path, data: Path, victim: Path, line: str
) -> None:
    out = built_site(invoke, tmp_path, data)
    (out / "l").symlink_to(victim.parent, target_is_directory=True)
    (out / "sub").mkdir()
    (out / "sub" / "mine.txt").write_text("mine", encoding="utf-8")
    with (out / MANIFEST).open("a", encoding="utf-8") as manifest:
        manifest.write(line.format(victim=victim, sha=SHA) + "\n")
    result = site(invoke, out, data)
    assert result.exit_code == 0, result.stderr
    assert victim.read_text(encoding="utf-8") == "precious\n"
    assert (out / "sub" / "mine.txt").read_text(encoding="utf-8") == "mine"
    [warning] = result.stderr.splitlines()
    assert warning.startswith(f"warning: {out / MANIFEST}: left alone 1 line that named no page")
    # The line as written, whole unless very long, so that the reader can find it.
    written = line.format(victim=victim, sha="").strip()  # the path, not its checksum
    quoted = written if len(written) <= 200 else f"{written[:199]}…"
    assert f"{quoted}: is not a" in warning
    assert SHA not in warning
    assert "Traceback" not in result.stderr
    # The next manifest lists the site's own pages only: the line is not carried on.
    assert line.format(victim=victim, sha=SHA) not in (out / MANIFEST).read_text(encoding="utf-8")


def test_a_manifest_that_is_not_text_is_refused_in_one_line(
    invoke: Invoke, tmp_path: Path, data: Path
) -> None:
    out = built_site(invoke, tmp_path, data)
    (out / MANIFEST).write_bytes(b"index.html\n\xff\xfe\n")
    before = tree(out)
    assert_refused(site(invoke, out, data), out / MANIFEST, "is not UTF-8 text")
    assert tree(out) == before


def test_a_huge_manifest_is_refused_without_reading_it_whole(
    invoke: Invoke, tmp_path: Path, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(build, "MAX_MANIFEST_BYTES", 64)
    out = built_site(invoke, tmp_path, data)
    (out / MANIFEST).write_text("index.html\n" * 10, encoding="utf-8")
    assert_refused(site(invoke, out, data), out / MANIFEST, "bytes; site manifests are limited")


# -- an interrupted or failed build ---------------------------------------------------------


def test_a_failed_build_leaves_the_site_as_it_was(
    invoke: Invoke, tmp_path: Path, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = built_site(invoke, tmp_path, data)
    before = tree(out)

    def broken(*args: object) -> dict[str, str]:
        raise build.DataError.single(out, "a template failed")

    monkeypatch.setattr(build, "site_files", broken)
    assert site(invoke, out, data).exit_code == 1
    assert tree(out) == before


def renamed_skill(data: Path) -> None:
    """The framework's one skill under a new id: a rebuild makes skills/pager.html, and
    skills/oncall.html of the last build is stale."""
    (data / "skills" / "oncall.yaml").rename(data / "skills" / "pager.yaml")
    text = (data / "skills" / "pager.yaml").read_text(encoding="utf-8")
    (data / "skills" / "pager.yaml").write_text(text.replace("id: oncall", "id: pager"))


def test_a_rebuild_interrupted_while_making_its_files_leaves_the_site_as_it_was(
    tmp_path: Path, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "public"
    build_site(open_catalog([data]), out)
    before = tree(out)
    renamed_skill(data)
    written: list[str] = []
    real = build.write_inside

    def interrupted(root: Path, relative: str, text: object, **kw: bool) -> Path:
        if len(written) == 3:
            raise KeyboardInterrupt
        written.append(relative)
        return real(root, relative, text, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(build, "write_inside", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build_site(open_catalog([data]), out)
    assert all(path.startswith(f"{build.SCRATCH}/") for path in written)
    assert tree(out) == before  # the scratch folder gone too


def test_a_rebuild_interrupted_while_moving_keeps_every_page_and_the_next_one_recovers(
    tmp_path: Path, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "public"
    build_site(open_catalog([data]), out)
    old_pages = {path for path, (kind, _) in tree(out).items() if kind == "file"}
    renamed_skill(data)
    moved: list[str] = []
    real = build.move_inside

    def interrupted(root: Path, source: str, target: str) -> None:
        if len(moved) == 3:
            raise KeyboardInterrupt
        moved.append(target)
        real(root, source, target)

    monkeypatch.setattr(build, "move_inside", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build_site(open_catalog([data]), out)
    left = {path for path, (kind, _) in tree(out).items() if kind == "file"}
    assert old_pages <= left  # nothing of the previous site is gone
    listed = listed_paths(out)
    assert "skills/oncall.html" in listed and "skills/pager.html" in listed
    monkeypatch.setattr(build, "move_inside", real)
    rebuilt = build_site(open_catalog([data]), out)
    assert rebuilt.left_alone == ()
    assert not (out / "skills" / "oncall.html").exists()
    assert (out / "skills" / "pager.html").is_file()
    assert not (out / build.SCRATCH).exists()
    assert listed_paths(out) == set(rebuilt.files)


def test_what_a_killed_build_left_is_cleared_and_no_link_in_it_is_followed(
    invoke: Invoke, tmp_path: Path, data: Path, victim: Path
) -> None:
    out = built_site(invoke, tmp_path, data)
    scratch = out / build.SCRATCH  # as kill -9 leaves it: files made, temporary files
    (scratch / "skills").mkdir(parents=True)
    (scratch / "skills" / "oncall.html").write_text("half a page", encoding="utf-8")
    (scratch / "skills" / ".oncall.html.x1y2.tmp").write_text("half", encoding="utf-8")
    (scratch / "victim.txt").symlink_to(victim)
    (scratch / "elsewhere").symlink_to(victim.parent, target_is_directory=True)
    result = site(invoke, out, data)
    assert result.exit_code == 0, result.stderr
    assert not scratch.exists()
    assert victim.read_text(encoding="utf-8") == "precious\n"
    assert "half" not in (out / "skills" / "oncall.html").read_text(encoding="utf-8")


def test_a_first_build_killed_half_way_can_be_built_again(
    invoke: Invoke, tmp_path: Path, data: Path
) -> None:
    out = tmp_path / "public"
    (out / build.SCRATCH / "skills").mkdir(parents=True)  # no manifest yet: killed early
    assert site(invoke, out, data).exit_code == 0
    assert (out / "index.html").is_file() and not (out / build.SCRATCH).exists()


def test_a_scratch_folder_holding_a_fifo_is_refused_and_left(
    invoke: Invoke, tmp_path: Path, data: Path
) -> None:
    out = built_site(invoke, tmp_path, data)
    before = tree(out)
    (out / build.SCRATCH).mkdir()
    os.mkfifo(out / build.SCRATCH / "pipe")
    result = site(invoke, out, data)
    assert_refused(result, out / build.SCRATCH, "cannot remove")
    (out / build.SCRATCH / "pipe").unlink()  # left as it was, never opened
    (out / build.SCRATCH).rmdir()
    assert tree(out) == before


def test_a_failed_first_build_leaves_no_folder(
    invoke: Invoke, tmp_path: Path, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "public"

    def broken(*args: object) -> object:
        raise build.DataError.single(out, "a template failed")

    monkeypatch.setattr(build, "site_files", broken)
    assert site(invoke, out, data).exit_code == 1
    assert not out.exists()


def listed_paths(out: Path) -> set[str]:
    """The paths the manifest lists, each after the checksum of what was written."""
    lines = (out / MANIFEST).read_text(encoding="utf-8").splitlines()
    assert all(re.fullmatch(r"[0-9a-f]{64}  \S.*", line) for line in lines), lines
    return {line.split("  ", 1)[1] for line in lines}


@pytest.mark.parametrize("name", ["CNAME", ".git/config", "notes.txt", "skills/custom.html"])
def test_a_manifest_line_naming_a_file_skillpath_did_not_write_leaves_it_alone(
    invoke: Invoke, tmp_path: Path, data: Path, name: str
) -> None:
    out = built_site(invoke, tmp_path, data)
    (out / name).parent.mkdir(parents=True, exist_ok=True)
    (out / name).write_text("the team's own\n", encoding="utf-8")
    with (out / MANIFEST).open("a", encoding="utf-8") as manifest:  # a teammate's line
        manifest.write(f"{name}\n{'0' * 64}  {name}\n")
    result = site(invoke, out, data)
    assert result.exit_code == 0, result.stderr
    assert (out / name).read_text(encoding="utf-8") == "the team's own\n"
    [warning] = result.stderr.splitlines()
    assert warning.startswith(f"warning: {out / MANIFEST}: left alone 1 line"), warning
    assert name not in listed_paths(out)


@pytest.mark.parametrize("name", ["CNAME", ".git/config", "README.md", "assets/../CNAME"])
def test_a_line_naming_a_file_by_its_own_checksum_still_leaves_it_alone(
    invoke: Invoke, tmp_path: Path, data: Path, name: str
) -> None:
    """The checksum is no proof: a teammate can list any committed file with the SHA-256
    of its bytes. Only the places a build writes are ever removed."""
    out = built_site(invoke, tmp_path, data)
    kept = out / name.replace("assets/../", "")
    kept.parent.mkdir(parents=True, exist_ok=True)
    kept.write_bytes(b"[core]\n")
    sha = hashlib.sha256(b"[core]\n").hexdigest()
    with (out / MANIFEST).open("a", encoding="utf-8") as manifest:
        manifest.write(f"{sha}  {name}\n")
    result = site(invoke, out, data)
    assert result.exit_code == 0, result.stderr
    assert kept.read_bytes() == b"[core]\n"
    [warning] = result.stderr.splitlines()
    assert warning.startswith(f"warning: {out / MANIFEST}: left alone 1 line"), warning


def test_a_page_edited_by_hand_since_the_build_is_not_removed_with_the_skill(
    invoke: Invoke, tmp_path: Path, data: Path
) -> None:
    out = built_site(invoke, tmp_path, data)
    [page] = sorted((out / "skills").glob("*.html"))[:1]
    page.write_text(page.read_text(encoding="utf-8") + "<!-- edited -->\n", encoding="utf-8")
    (data / "skills" / f"{page.stem}.yaml").unlink()
    result = site(invoke, out, data)
    assert result.exit_code == 0, result.stderr
    assert page.is_file(), "an edited page is the editor's now"
    assert "holds other bytes than skillpath wrote" in result.stderr


# -- a team's skill files -------------------------------------------------------------------

CSV = "skill,name,domain,role,level,required,description\n"
ROW = "team-x,Team X,Ops,llm-engineer,{level},false,Does the {level} thing.\n"
LEVELS = ("junior", "middle", "senior", "lead", "principal")


def team_csv(tmp_path: Path) -> Path:
    path = tmp_path / "team.csv"
    path.write_text(CSV + "".join(ROW.format(level=level) for level in LEVELS), "utf-8")
    return path


def test_import_into_a_folder_whose_skills_folder_is_a_link_writes_nothing(
    invoke: Invoke, tmp_path: Path, victim: Path
) -> None:
    team = tmp_path / "team"
    team.mkdir()
    (team / "skills").symlink_to(victim.parent, target_is_directory=True)
    result = invoke("import", str(team_csv(tmp_path)), "--into", str(team))
    assert_refused(result, team / "skills", "is a symbolic link")
    assert sorted(p.name for p in victim.parent.iterdir()) == ["victim.txt"]


def test_import_force_does_not_replace_a_linked_skill_file(
    invoke: Invoke, tmp_path: Path, victim: Path
) -> None:
    team = tmp_path / "team"
    (team / "skills").mkdir(parents=True)
    (team / "skills" / "team-x.yaml").symlink_to(victim)
    result = invoke("import", str(team_csv(tmp_path)), "--into", str(team), "--force")
    assert_refused(result, team / "skills" / "team-x.yaml", "is a symbolic link")
    assert victim.read_text(encoding="utf-8") == "precious\n"


def test_new_in_a_team_folder_does_not_write_through_a_linked_skills_folder(
    invoke: Invoke, tmp_path: Path, victim: Path
) -> None:
    team = tmp_path / "team"
    team.mkdir()
    (team / "skills").symlink_to(victim.parent, target_is_directory=True)
    result = invoke("new", "team-y", "-d", str(team))
    assert_refused(result, team / "skills", "is a symbolic link")
    assert sorted(p.name for p in victim.parent.iterdir()) == ["victim.txt"]


def test_import_output_force_refuses_a_fifo(invoke: Invoke, tmp_path: Path) -> None:
    fifo = tmp_path / "out.yaml"
    os.mkfifo(fifo)
    rows = CSV + "".join(ROW.format(level=level) for level in LEVELS)
    one = tmp_path / "one.csv"
    one.write_text(rows.replace("team-x", "deep-learning-2"), encoding="utf-8")
    result = invoke("import", str(one), "--output", str(fifo), "--force")
    assert_refused(result, fifo, "is not a regular file")
