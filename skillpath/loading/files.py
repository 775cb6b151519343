"""Reading a user's files within bounds, and writing them without ever losing what was
there."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from skillpath.errors import DataError


def write_new(path: Path, text: str) -> None:
    """Create ``path`` with ``text``; refuse if anything is there already, a link included.

    The text is encoded before the file is made, and a write that fails half-way (a full
    disk) removes what it made: no empty or partial file is left behind. The folders of a
    relative path (those in the folder the command runs in, a checkout of other people's
    files) are never symbolic links.
    """
    write_file(path, encoded(path, text))


def write_file(path: Path, data: bytes, *, replace: bool = False) -> None:
    """Create ``path`` with ``data`` (a file a user named with --output); with ``replace``,
    replace a regular file of the user's there, whole or not at all. A symbolic link,
    folder, FIFO or device at ``path`` is refused, never followed or opened, and so is a
    link among the folders of a relative path."""
    _no_link_on_the_way(path)
    _write(path.parent, path.name, (data,), replace=replace)


def _no_link_on_the_way(path: Path) -> None:
    """Refuse a relative path one of whose folders is a symbolic link. An absolute path's
    folders are the system's and the user's own layout (/tmp may be a link), followed."""
    if path.is_absolute():
        return
    folder = Path()
    for part in path.parent.parts:
        folder = folder / part
        try:
            info = folder.lstat()
        except OSError:
            return  # missing: made by the write, or its error said there
        if stat.S_ISLNK(info.st_mode):
            raise DataError.single(folder, LINK_ON_THE_WAY)


LINK_ON_THE_WAY = (
    "is a symbolic link; skillpath does not write through links in the folder it writes, "
    "so nothing was written there"
)


def write_replacing(path: Path, text: str) -> None:
    """Replace ``path`` whole or not at all: write a temporary file beside it, then rename.
    A symlink (a dotfiles checkout of the user's own state folder) is written through: its
    target is replaced, the link kept. Anything but a regular file there is refused."""
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    _write(path.parent, path.name, (encoded(path, text),), replace=True)


def write_inside(
    root: Path, relative: str, text: str | Iterable[str], *, replace: bool = True
) -> Path:
    """Write ``root/relative`` whole or not at all, for a folder of files that other people
    may have written (a site, a team's data): ``relative`` stays inside ``root``, and no
    symlink is followed on the way or at the file, which must be a regular file if there.
    ``text`` may come in pieces (a search index of 80 MB), written as they come."""
    folder, name = _place_inside(root, relative)
    target = folder / name
    chunks = (encoded(target, text),) if isinstance(text, str) else _encoded_chunks(target, text)
    _write(folder, name, chunks, replace=replace)
    return target


def move_inside(root: Path, source: str, target: str) -> None:
    """Rename the regular file ``root/source`` to ``root/target``, replacing a regular file
    there: both inside ``root``, no symlink followed on the way to either or at either."""
    from_folder, from_name = _place_inside(root, source, make=False)
    to_folder, to_name = _place_inside(root, target)
    moved = from_folder / from_name
    if not stat.S_ISREG(_looked_at(moved).st_mode):
        raise DataError.single(moved, "is not a regular file; it was not moved")
    destination = to_folder / to_name
    _replaceable(destination, True)
    try:
        os.replace(moved, destination)
    except OSError as error:
        raise DataError.single(destination, f"cannot be written: {error.strerror}") from None


def clear_inside(root: Path, relative: str) -> list[str]:
    """Remove the folder ``root/relative`` and what it holds, as one of skillpath's own
    scratch folders: files and links (never what a link points to) and the folders under
    it. What could not be removed (a FIFO, a file in use), each as "PATH: why"."""
    parts = inside_parts(relative)
    folder = root.joinpath(*parts) if parts else root / relative
    try:
        info = folder.lstat()
    except FileNotFoundError:
        return []
    except OSError as error:
        return [f"{folder}: cannot be looked at: {error.strerror}"]
    if parts is None or not stat.S_ISDIR(info.st_mode):
        return [f"{folder}: is not a folder skillpath made"]
    return _cleared(folder)


def _cleared(folder: Path) -> list[str]:
    left: list[str] = []
    with os.scandir(folder) as entries:
        for entry in entries:
            path = Path(entry.path)
            if entry.is_dir(follow_symlinks=False):
                left += _cleared(path)
            elif entry.is_file(follow_symlinks=False) or entry.is_symlink():
                try:
                    path.unlink()
                except OSError as error:
                    left.append(f"{path}: cannot be removed: {error.strerror}")
            else:
                left.append(f"{path}: is not a regular file; left alone")
    if not left:
        try:
            folder.rmdir()
        except OSError as error:
            left.append(f"{folder}: cannot be removed: {error.strerror}")
    return left


def _place_inside(root: Path, relative: str, *, make: bool = True) -> tuple[Path, str]:
    """The folder and name of ``root/relative``, each folder on the way checked (made when
    ``make``): a path that leaves ``root`` or goes through a link is refused."""
    parts = _parts_inside(root, relative)
    folder = root
    for part in parts[:-1]:
        folder = folder / part
        if not _folder_on_the_way(folder):
            if not make:
                raise DataError.single(folder, "is missing; nothing was moved")
            make_folder(folder)
    return folder, parts[-1]


def _looked_at(path: Path) -> os.stat_result:
    try:
        info = path.lstat()
    except OSError as error:
        raise DataError.single(path, f"cannot be looked at: {error.strerror}") from None
    if stat.S_ISLNK(info.st_mode):
        raise DataError.single(path, "is a symbolic link; it was not followed")
    return info


def check_inside(root: Path, relative: str, *, replace: bool = True) -> None:
    """Refuse, as :func:`write_inside` would, before anything is written: a path outside
    ``root``, a link or a file on the way, anything at the target that it would not replace."""
    parts = _parts_inside(root, relative)
    folder = root
    for part in parts[:-1]:
        folder = folder / part
        if not _folder_on_the_way(folder):
            return  # missing: so is everything under it
    _replaceable(folder / parts[-1], replace)


def _parts_inside(root: Path, relative: str) -> tuple[str, ...]:
    parts = inside_parts(relative)
    if parts is None:
        raise DataError.single(root / relative, "is not a path inside the folder; not written")
    return parts


def remove_inside(root: Path, relative: str) -> str | None:
    """Remove the regular file ``root/relative``; None when it is gone, else why it was
    left alone (a path outside the folder, a link on the way or at it, not a file)."""
    parts = inside_parts(relative)
    if parts is None:
        return "is not a path inside the folder"
    path = root
    for part in parts:
        path = path / part
        try:
            info = path.lstat()
        except FileNotFoundError:
            return None
        except OSError as error:
            return f"cannot be looked at: {error.strerror}"
        if stat.S_ISLNK(info.st_mode):
            return "is a symbolic link, or lies behind one"
    if not stat.S_ISREG(info.st_mode):
        return "is not a regular file"
    try:
        path.unlink()
    except OSError as error:
        return f"cannot be removed: {error.strerror}"
    return None


MAX_NAME_BYTES = 255  # one name in a path, as most file systems allow
MAX_PATH_BYTES = 1024  # a whole relative path: far beyond any page or skill file's


def inside_parts(relative: str) -> tuple[str, ...] | None:
    """The names of a relative path that stays inside its folder, or None: no absolute
    path, drive, ``..``, ``.``, empty name, backslash, control character or overlong name."""
    if not relative or len(relative.encode("utf-8", "surrogatepass")) > MAX_PATH_BYTES:
        return None
    if "\\" in relative or any(ord(char) < 32 or ord(char) == 127 for char in relative):
        return None
    parts = tuple(relative.split("/"))
    if any(part in ("", ".", "..") or ":" in part for part in parts):
        return None
    if any(len(part.encode("utf-8", "surrogatepass")) > MAX_NAME_BYTES for part in parts):
        return None
    return parts


def _folder_on_the_way(folder: Path) -> bool:
    """Whether ``folder`` is there (False: missing); a link or a file in its place is refused."""
    try:
        info = folder.lstat()
    except FileNotFoundError:
        return False
    except OSError as error:
        raise DataError.single(folder, f"cannot be looked at: {error.strerror}") from None
    if stat.S_ISLNK(info.st_mode):
        raise DataError.single(folder, LINK_ON_THE_WAY)
    if not stat.S_ISDIR(info.st_mode):
        raise DataError.single(folder, "is in the way: a file where a folder should be")
    return True


def _write(folder: Path, name: str, data: Iterable[bytes], *, replace: bool) -> None:
    """The one writer of a file: what is at ``folder/name`` must be a regular file, and is
    refused without ``replace``; a FIFO, device, folder or link there is refused, never
    opened. A write that fails half-way leaves what was there, and no partial file."""
    path = folder / name
    _replaceable(path, replace)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if replace:
            _replace_whole(folder, path, data)
        else:
            _create(path, data)
    except FileExistsError:
        raise DataError.single(path, "already exists; nothing was written") from None
    except OSError as error:
        raise DataError.single(path, f"cannot be written: {error.strerror}") from None


def _create(path: Path, data: Iterable[bytes]) -> None:
    # O_EXCL fails on anything there, a link included, rather than overwrite or follow it.
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    with os.fdopen(os.open(path, flags, 0o666), "wb") as file:
        try:
            file.writelines(data)
            file.flush()
        except BaseException:
            path.unlink(missing_ok=True)
            raise


def _replace_whole(folder: Path, path: Path, data: Iterable[bytes]) -> None:
    """A temporary file beside ``path``, renamed over it once all of it is on disk."""
    import tempfile  # deferred: only a write needs it

    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.writelines(data)
            file.flush()
            os.fsync(file.fileno())  # on disk before it takes the old file's place
        os.chmod(temporary, _mode_for(path))  # mkstemp makes it private; keep the old mode
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _replaceable(path: Path, replace: bool) -> None:
    try:
        info = path.lstat()
    except FileNotFoundError:
        return
    except OSError as error:
        raise DataError.single(path, f"cannot be written: {error.strerror}") from None
    if not replace:
        raise DataError.single(path, "already exists; nothing was written")
    if stat.S_ISLNK(info.st_mode):
        raise DataError.single(path, "is a symbolic link; it was not written through")
    if not stat.S_ISREG(info.st_mode):
        what = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
        raise DataError.single(path, f"is {what}; it was not replaced")
    if not owned(info):
        raise DataError.single(path, "belongs to another user; it was not replaced")


def owned(info: os.stat_result) -> bool:
    """Whether the file is the user's own (where the system has owners: not Windows)."""
    getuid = getattr(os, "getuid", None)
    return getuid is None or info.st_uid == getuid()


def encoded(path: Path, text: str) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as error:  # a surrogate: bytes of an argument that were not UTF-8
        raise DataError.single(
            path, f"cannot be written: the text holds bytes that are not UTF-8 ({error.start})"
        ) from None


def _encoded_chunks(path: Path, pieces: Iterable[str]) -> Iterator[bytes]:
    for piece in pieces:
        yield encoded(path, piece)


def make_folder(path: Path) -> None:
    """Create the folder ``path`` (and its parents) unless it is there already."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise DataError.single(path, "is a file, not a folder") from None
    except OSError as error:
        raise DataError.single(path, f"cannot be created: {error.strerror}") from None


def _mode_for(path: Path) -> int:
    """The replaced file's permissions, or what a new file would get under the umask."""
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def read_bounded(path: Path, limit: int, kind: str = "data files") -> bytes:
    """The bytes of the regular file ``path``, refused when longer than ``limit``; ``kind``
    names such files in the refusal.

    Never reads more than ``limit`` plus one byte, whatever the file claims to be, and
    never waits: a FIFO, a device such as /dev/zero or a folder is refused before a read.
    """
    # O_NONBLOCK: opening a FIFO that no one writes to would otherwise wait for ever.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        handle = os.open(path, flags)
    except FileNotFoundError:
        raise DataError.single(path, "file not found") from None
    except IsADirectoryError:
        raise DataError.single(path, "is a folder, not a file") from None
    except OSError as error:
        raise DataError.single(path, f"cannot be read: {error.strerror}") from None
    info = os.fstat(handle)
    refusal = _not_a_small_file(info, limit, kind)
    if refusal is not None:
        os.close(handle)
        raise DataError.single(path, refusal)
    with os.fdopen(handle, "rb") as file:
        try:
            # Asked for its size and a byte, not the limit: a read of n bytes first makes
            # room for n, and megabytes for each of thousands of small files add up.
            raw = file.read(min(info.st_size, limit) + 1)
            if len(raw) > info.st_size:  # it grew since it was looked at: on to the limit
                raw += file.read(limit + 1 - len(raw))
        except OSError as error:
            raise DataError.single(path, f"cannot be read: {error.strerror}") from None
    if len(raw) > limit:  # it grew since it was looked at
        raise DataError.single(path, too_long(len(raw), limit, kind))
    return raw


def _not_a_small_file(info: os.stat_result, limit: int, kind: str) -> str | None:
    if stat.S_ISDIR(info.st_mode):
        return "is a folder, not a file"
    if not stat.S_ISREG(info.st_mode):
        return "is not a regular file (a pipe, device or socket)"
    if info.st_size > limit:
        return too_long(info.st_size, limit, kind)
    return None


def too_long(size: int, limit: int, kind: str = "data files") -> str:
    return f"is {size} bytes; {limited_to(limit, kind)}"


def limited_to(limit: int, kind: str) -> str:
    """The limit on such files, in the words every refusal of one over it uses."""
    return f"{kind} are limited to {limit // 1024 // 1024} MiB"
