"""Walking a folder whole: its files in order, and a line for each entry that cannot be read, by its path."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from entramado.models import ReadFailure

# What entries that are neither files nor folders are, for the line that says why they were not read.
_SPECIAL = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def files_under(folder: Path) -> Iterator[Path | ReadFailure]:
    """Files under ``folder`` in sorted order, depth first, leaving out hidden files and folders.

    An entry that cannot be read (a locked folder, a broken link, a link loop, a pipe) becomes a
    ReadFailure naming that entry, and the walk goes on with the next one. Linked folders are
    followed, except back into a folder the walk is inside (that would never end).
    """
    yield from _walk(folder, frozenset({_identity(os.stat(folder))}))


def _walk(folder: Path, inside: frozenset[tuple[int, int]]) -> Iterator[Path | ReadFailure]:
    try:
        with os.scandir(folder) as scan:
            names = sorted(entry.name for entry in scan)
    except OSError as exc:
        yield ReadFailure(
            str(folder), f"cannot read this folder: {exc.strerror or exc}; its files were not read"
        )
        return
    for name in names:
        if not name.startswith("."):
            yield from _entry(folder / name, inside)


def _entry(path: Path, inside: frozenset[tuple[int, int]]) -> Iterator[Path | ReadFailure]:
    try:
        info = os.stat(path)  # through links: a linked file or folder is read as what it points to
    except OSError as exc:
        yield ReadFailure(str(path), why_unreachable(path, exc))
        return
    if stat.S_ISDIR(info.st_mode):
        if _identity(info) in inside:
            yield ReadFailure(
                str(path),
                f"a symbolic link back to {os.path.realpath(path)}, a folder it is in; not followed",
            )
        else:
            yield from _walk(path, inside | {_identity(info)})
    elif stat.S_ISREG(info.st_mode):
        yield path
    else:
        yield ReadFailure(
            str(path),
            f"{special_kind(info.st_mode)}, not a file; not read in a folder (name it alone to read it)",
        )


def why_unreachable(path: Path, exc: OSError) -> str:
    """Why ``path`` cannot be reached, saying what it is when it is a link ("no such file" misleads)."""
    if exc.errno == errno.ELOOP:
        return "a symbolic link loop: following it never reaches a file or folder"
    if exc.errno == errno.ENOENT and path.is_symlink():
        return f"a broken symbolic link: it points to {os.readlink(path)}, which does not exist"
    if exc.errno == errno.ENOENT:
        return "no such file or directory"
    return f"cannot read: {exc.strerror or exc}"


def special_kind(mode: int) -> str:
    """What a path that is neither a file nor a folder is ("a named pipe (FIFO)", "a socket", …)."""
    return next((name for test, name in _SPECIAL if test(mode)), "not a regular file")


def _identity(info: os.stat_result) -> tuple[int, int]:
    return (info.st_dev, info.st_ino)
