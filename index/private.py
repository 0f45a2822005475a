"""A library holds what its user reads, so its files are the user's alone (0600, folders 0700), whatever the umask.

SQLite gives its -wal and -shm files the database file's permissions, so creating the database file user-only is
enough for those; Whoosh creates its segment files with the umask's, so its folder is tightened after each commit.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

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
