"""Durable file steps and waiting for a busy database.

A published file must survive a power cut or a ``kill -9`` at any instant:
write a temporary file in the same folder, ``fsync`` it, ``os.replace`` it over
the target (atomic on POSIX within one file system) and ``fsync`` the folder so
the rename itself is on disk. DuckDB lets one process hold a file read-write
and then nobody else in; :func:`retry_busy` waits for such a holder to finish.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import duckdb

from fraudgraph.errors import StoreBusyError

__all__ = [
    "fsync_file",
    "fsync_dir",
    "atomic_write_bytes",
    "retry_busy",
    "is_busy_error",
    "sql_path",
]

T = TypeVar("T")


def fsync_file(path: Path) -> None:
    """Flush a file's content to disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(path: Path) -> None:
    """Flush a folder's entries (renames, creations, deletions) to disk."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write_bytes(path: Path, content: bytes, *, mode: int = 0o644) -> None:
    """Replace ``path`` by ``content`` atomically (temp file + fsync + os.replace + dir fsync)."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}-{random.getrandbits(32):08x}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        try:
            os.write(fd, content)
            os.fchmod(fd, mode)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def is_busy_error(exc: BaseException) -> bool:
    """True for DuckDB's "another process holds this file" error."""
    text = str(exc)
    return isinstance(exc, duckdb.Error) and (
        "Could not set lock" in text or "Conflicting lock" in text
    )


def retry_busy(action: Callable[[], T], *, what: str, timeout: float = 60.0) -> T:
    """Run ``action`` until it stops failing with a DuckDB file-lock error, for up to ``timeout`` s.

    Raises
    ------
    StoreBusyError
        When the file is still held by another process after ``timeout`` seconds.
    """
    deadline = time.monotonic() + timeout
    delay = 0.02
    while True:
        try:
            return action()
        except duckdb.Error as exc:
            if not is_busy_error(exc):
                raise
            if time.monotonic() >= deadline:
                raise StoreBusyError(
                    f"{what} is held by another process for more than {timeout:.0f}s: {exc}"
                ) from None
            time.sleep(delay + random.random() * delay)
            delay = min(delay * 2, 1.0)


def sql_path(path: Path) -> str:
    """A file path as a SQL string literal (ATTACH takes no bound parameters)."""
    return "'" + str(path).replace("'", "''") + "'"
