"""Publishing a run: an immutable snapshot file and one atomic pointer.

A rebuild writes ``runs_dir/.building-R-000012-<pid>.duckdb``. Publishing
checkpoints and closes it, fsyncs it, renames it to ``R-000012.duckdb`` (a
rename within one folder is atomic) and then replaces ``LATEST`` (temp file +
fsync + ``os.replace``). A ``kill -9`` before the rename leaves only a
``.building-*`` file that the next rebuild deletes; a kill after it leaves a
complete run file. Readers that opened the previous file keep reading it: a
published file is never written again, only deleted by retention, and an open
file outlives its directory entry on POSIX.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from fraudgraph.errors import InputError, NoRunError
from fraudgraph.runs.durable import atomic_write_bytes, fsync_dir, fsync_file
from fraudgraph.workspace import Workspace

__all__ = [
    "RUN_ID",
    "format_run_id",
    "next_run_id",
    "building_path",
    "clean_leftovers",
    "publish_file",
    "point_latest",
    "apply_retention",
    "restore_run",
]

RUN_ID = re.compile(r"^R-(\d{6,})$")


def format_run_id(n: int) -> str:
    return f"R-{n:06d}"


def _run_numbers(ws: Workspace) -> list[int]:
    if not ws.runs_dir.is_dir():
        return []
    out = []
    for p in ws.runs_dir.glob("R-*.duckdb"):
        m = RUN_ID.match(p.stem)
        if m:
            out.append(int(m.group(1)))
    return sorted(out)


def next_run_id(ws: Workspace) -> str:
    """The id after the highest run file present (kept, held or orphaned)."""
    numbers = _run_numbers(ws)
    return format_run_id((numbers[-1] + 1) if numbers else 1)


def building_path(ws: Workspace, run_id: str) -> Path:
    return ws.runs_dir / f".building-{run_id}-{os.getpid()}.duckdb"


def clean_leftovers(ws: Workspace) -> list[str]:
    """Delete files a killed rebuild left behind (call only while holding the rebuild lock)."""
    removed = []
    if not ws.runs_dir.is_dir():
        return removed
    for p in ws.runs_dir.iterdir():
        if p.name.startswith(".building-") or (p.name.startswith(".LATEST.") and ".tmp-" in p.name):
            p.unlink(missing_ok=True)
            removed.append(p.name)
    if removed:
        print(
            f"fraudgraph: removed {len(removed)} leftover file(s) of an interrupted rebuild",
            file=sys.stderr,
        )
    return removed


def publish_file(ws: Workspace, building: Path, run_id: str) -> Path:
    """fsync the closed snapshot and rename it to its run file; return the run file."""
    wal = building.with_name(building.name + ".wal")
    if wal.exists():
        raise RuntimeError(f"{building} still has a write-ahead log; it was not checkpointed")
    final = ws.runs_dir / f"{run_id}.duckdb"
    if final.exists():
        raise RuntimeError(f"{final} already exists; a published run is never overwritten")
    fsync_file(building)
    os.rename(building, final)
    fsync_dir(ws.runs_dir)
    return final


def point_latest(ws: Workspace, run_id: str) -> None:
    """Make ``LATEST`` name ``run_id`` in one atomic step."""
    atomic_write_bytes(ws.runs_dir / "LATEST", (run_id + "\n").encode(), mode=0o644)


def _latest(ws: Workspace) -> str | None:
    try:
        text = (ws.runs_dir / "LATEST").read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    return text or None


def apply_retention(ws: Workspace, keep: int) -> list[str]:
    """Delete all but the newest ``keep`` run files; never the one ``LATEST`` names."""
    latest = _latest(ws)
    numbers = _run_numbers(ws)
    doomed = [format_run_id(n) for n in numbers[: max(0, len(numbers) - keep)]]
    doomed = [r for r in doomed if r != latest]
    for run_id in doomed:
        (ws.runs_dir / f"{run_id}.duckdb").unlink(missing_ok=True)
    if doomed:
        fsync_dir(ws.runs_dir)
    return doomed


def restore_run(ws: Workspace, run_id: str, *, actor: str = "unknown") -> dict:
    """Point ``LATEST`` back at a kept run (under the rebuild lock); audited."""
    from fraudgraph.ops import record_audit
    from fraudgraph.runs.lock import rebuild_lock
    from fraudgraph.runs.read import normalise_run_id

    run_id = normalise_run_id(run_id)
    if run_id is None:
        raise InputError("restore needs a run id, e.g. R-000012")
    if not (ws.runs_dir / f"{run_id}.duckdb").exists():
        raise NoRunError(f"run {run_id} is not kept in {ws.runs_dir}")
    with rebuild_lock(ws):
        before = _latest(ws)
        point_latest(ws, run_id)
    record_audit(ws, actor, "restore", {"run_id": run_id, "previous_latest": before})
    return {"run_id": run_id, "previous_latest": before}
