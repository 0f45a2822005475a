"""A library holds what its user reads, so its files are the user's alone (0600, folders 0700), whatever the umask.

SQLite gives its -wal and -shm files the database file's permissions, so creating the database file user-only is
enough for those; Whoosh creates its segment files with the umask's, so its folder is tightened after each commit.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from index.errors import NewsdeskError

FILE_MODE, FOLDER_MODE = 0o600, 0o700


def private_file(path: Path) -> Path:
    """`path`, created empty and user-only when missing, made user-only when not."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT, FILE_MODE)
    os.close(descriptor)
    _restrict(path, FILE_MODE)
    return path


def restrict_tree(folder: Path) -> None:
    """Take group and other permissions off `folder` and everything in it (symbolic links are left alone)."""
    for path in [folder, *folder.rglob("*")]:
        if not path.is_symlink():
            _restrict(path, FOLDER_MODE if path.is_dir() else FILE_MODE)


def _restrict(path: Path, mode: int) -> None:
    try:
        if stat.S_IMODE(path.lstat().st_mode) & 0o077:
            path.chmod(mode)
    except FileNotFoundError:  # a Whoosh temporary file that was renamed or merged away meanwhile
        pass


def write_private_file(path: Path, text: str, force: bool = False) -> None:
    """Write `text` (UTF-8) to `path`, readable by the user only (0600), atomically: into a temporary file beside
    it, then moved into place, so a reader never sees half a file. An existing file is replaced only with `force`."""
    folder = path.parent
    if not folder.is_dir():
        raise NewsdeskError(f"cannot write {path}: no such folder {folder}")
    if path.is_dir():
        raise NewsdeskError(f"cannot write {path}: it is a folder")
    if not force and (path.exists() or path.is_symlink()):
        raise NewsdeskError(f"{path} already exists (--force replaces it)")
    descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")  # created 0600
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if force:
            os.replace(temporary, path)
            return
        try:
            os.link(temporary, path)  # unlike a rename, never replaces a file that appeared since the check
        except FileExistsError:
            raise NewsdeskError(f"{path} already exists (--force replaces it)") from None
        except OSError:  # a file system without hard links
            os.replace(temporary, path)
    finally:
        if os.path.lexists(temporary):
            os.unlink(temporary)
