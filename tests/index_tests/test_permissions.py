"""A library holds what the user reads: every file and folder in it is the user's alone (issue 9)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from index.ingest.document import Document
from index.library import open_library


def group_or_other_access(folder: Path) -> list[str]:
    """Every path under `folder` (itself included) that its group or other users may read, write or enter."""
    found = []
    for path in [folder, *folder.rglob("*")]:
        mode = path.lstat().st_mode
        if stat.S_IMODE(mode) & 0o077:
            found.append(f"{path.relative_to(folder.parent)} {stat.filemode(mode)}")
    return found


def test_every_file_and_folder_of_a_library_is_user_only(tmp_path: Path) -> None:
    old_umask = os.umask(0o022)  # the usual umask: what a user who has not thought about it runs with
    try:
        library_path = tmp_path / "library"
        library = open_library(library_path)
        try:
            text = b"Ferry service doubles\n\nThe ferry will run twice as often from March, the council said.\n"
            library.add_documents([("note", Document(text, "text", str(tmp_path / "note.txt")))])
            library.mark_read(library.articles()[0].id)
            assert library.search("ferry").total == 1
        finally:
            library.close()
    finally:
        os.umask(old_umask)
    assert not group_or_other_access(library_path), group_or_other_access(library_path)


def test_the_library_folder_itself_is_user_only(tmp_path: Path) -> None:
    """What is already true, kept true: the folders are created 0700, so other users cannot enter them."""
    old_umask = os.umask(0o022)
    try:
        library = open_library(tmp_path / "library")
        library.close()
    finally:
        os.umask(old_umask)
    for folder in (tmp_path / "library", tmp_path / "library" / "whoosh"):
        assert stat.S_IMODE(folder.stat().st_mode) & 0o077 == 0, folder
