"""The rebuild lock: one rebuild at a time, and a crashed one never blocks the next.

The lock is a small JSON file (pid, start time, host, the process's kernel
start tick) created atomically with its content: written to a private temp
file, then ``os.link``-ed to the lock path, which fails when the path exists
(the same guarantee as ``O_CREAT | O_EXCL``, but a reader never sees a
half-written lock). A lock whose process is gone (or whose PID now belongs to
a younger process) is stale: it is taken over, with a warning, under a short
``flock`` so two newcomers cannot both take over the same stale lock.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from fraudgraph.errors import RebuildLockedError
from fraudgraph.workspace import Workspace

__all__ = ["rebuild_lock", "acquire", "release", "read_lock", "LockInfo"]

LockInfo = dict


def _proc_start_tick(pid: int) -> str | None:
    """Kernel start time of ``pid`` (field 22 of /proc/PID/stat), to detect PID reuse."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat[stat.rfind(")") + 2 :].split()
    return fields[19] if len(fields) > 19 else None


def _proc_state(pid: int) -> str | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return stat[stat.rfind(")") + 2 :].split()[0]


def _alive(info: LockInfo) -> bool:
    """Whether the lock holder still runs (a holder on another host is assumed alive)."""
    if info.get("host") not in (None, socket.gethostname()):
        return True
    pid = info.get("pid")
    if not isinstance(pid, int) or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    if _proc_state(pid) in ("Z", "X"):
        return False
    recorded, current = info.get("proc_start"), _proc_start_tick(pid)
    if recorded is not None and current is not None and recorded != current:
        return False  # the PID was reused by a younger process
    return True


def read_lock(ws: Workspace) -> LockInfo | None:
    """The current lock's content, ``{}`` for an unreadable lock, None when unlocked."""
    try:
        text = ws.lock_path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    try:
        info = json.loads(text)
        return info if isinstance(info, dict) else {}
    except json.JSONDecodeError:
        return {}


def _describe(info: LockInfo) -> str:
    return (
        f"pid {info.get('pid', '?')}, started {info.get('started_at', '?')}"
        f" on {info.get('host', '?')}"
    )


def _try_create(path: Path, info: LockInfo) -> bool:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(info), encoding="utf-8")
    try:
        os.link(tmp, path)
        return True
    except FileExistsError:
        return False
    finally:
        tmp.unlink(missing_ok=True)


def acquire(ws: Workspace) -> LockInfo:
    """Take the rebuild lock or raise :class:`RebuildLockedError` naming the holder."""
    path = ws.lock_path
    path.parent.mkdir(parents=True, exist_ok=True)
    info: LockInfo = {
        "pid": os.getpid(),
        "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "host": socket.gethostname(),
        "proc_start": _proc_start_tick(os.getpid()),
    }
    if _try_create(path, info):
        return info
    guard = path.with_name(path.name + ".guard")
    with open(guard, "a") as guard_file:
        fcntl.flock(guard_file, fcntl.LOCK_EX)
        try:
            holder = read_lock(ws)
            if holder is None:
                if _try_create(path, info):
                    return info
                holder = read_lock(ws) or {}
            if _alive(holder):
                raise RebuildLockedError(
                    f"another rebuild is running ({_describe(holder)}); lock file {path}"
                )
            print(
                f"fraudgraph: warning: taking over a stale rebuild lock ({_describe(holder)}:"
                " that process is gone)",
                file=sys.stderr,
            )
            path.unlink(missing_ok=True)
            if not _try_create(path, info):
                holder = read_lock(ws) or {}
                raise RebuildLockedError(
                    f"another rebuild is running ({_describe(holder)}); lock file {path}"
                )
            return info
        finally:
            fcntl.flock(guard_file, fcntl.LOCK_UN)


def release(ws: Workspace, info: LockInfo) -> None:
    """Remove the lock if it is still ours."""
    holder = read_lock(ws)
    if (
        holder
        and holder.get("pid") == info.get("pid")
        and holder.get("started_at") == info.get("started_at")
    ):
        ws.lock_path.unlink(missing_ok=True)


@contextmanager
def rebuild_lock(ws: Workspace) -> Iterator[LockInfo]:
    """``with rebuild_lock(ws):`` hold the lock for the block, release it even on error."""
    info = acquire(ws)
    try:
        yield info
    finally:
        release(ws, info)
