"""The rebuild lock: a second rebuild exits 3 naming the holder; dead holders are taken over;
readers keep their snapshot while a new run is published."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import pytest

from fraudgraph.errors import RebuildLockedError
from fraudgraph.runs.lock import acquire, read_lock, release
from fraudgraph.runs.read import latest_run_id, open_run, run_path
from fraudgraph.runs.rebuild import rebuild
from tests.conftest import wait_for
from tests.runs_double import add_accounts, device_pipeline

TESTS = Path(__file__).resolve().parent
FRAUDGRAPH = Path(sys.executable).with_name("fraudgraph")


def _start_rebuild(ws, *, sleep: float) -> subprocess.Popen:
    """A real rebuild in another process, slowed down by the test-double pipeline."""
    code = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(TESTS.parent)!r})
        from tests.runs_double import device_pipeline
        from fraudgraph.runs.rebuild import rebuild
        from fraudgraph.workspace import Workspace
        rebuild(Workspace.at({str(ws.db)!r}), pipeline=device_pipeline, actor="child")
    """)
    return subprocess.Popen(
        [sys.executable, "-c", code],
        env={**os.environ, "FG_DOUBLE_SLEEP": str(sleep)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_second_rebuild_exits_3_naming_the_holder(workspace):
    add_accounts(workspace, [("a1", "d1", "US"), ("a2", "d1", "US"), ("a3", "d1", "US")])
    child = _start_rebuild(workspace, sleep=6)
    try:
        wait_for(lambda: (read_lock(workspace) or {}).get("pid") == child.pid)
        started = read_lock(workspace)["started_at"]
        proc = subprocess.run(
            [str(FRAUDGRAPH), "rebuild", "--db", str(workspace.db)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert proc.returncode == 3, proc.stderr
        assert f"pid {child.pid}" in proc.stderr and started in proc.stderr
        assert len(proc.stderr.strip().splitlines()) == 1
    finally:
        out, err = child.communicate(timeout=120)
    assert child.returncode == 0, err
    assert latest_run_id(workspace) == "R-000001"
    assert not workspace.lock_path.exists()


def test_stale_lock_of_a_dead_process_is_taken_over_with_a_warning(workspace, capsys):
    add_accounts(workspace, [("a1", "d1", "US"), ("a2", "d1", "US")])
    dead = _dead_pid()
    workspace.lock_path.write_text(
        json.dumps(
            {"pid": dead, "started_at": "2026-06-01T03:00:00+00:00", "host": os.uname().nodename}
        )
    )
    summary = rebuild(workspace, pipeline=device_pipeline, quiet=True)
    assert summary["run_id"] == "R-000001"
    err = capsys.readouterr().err
    assert "stale" in err and f"pid {dead}" in err
    assert not workspace.lock_path.exists()


def test_a_reused_pid_does_not_keep_a_stale_lock_alive(workspace):
    # Our own PID is alive, but it was recorded for a process that started at another tick.
    workspace.lock_path.write_text(
        json.dumps(
            {
                "pid": os.getpid(),
                "started_at": "2026-06-01T03:00:00+00:00",
                "host": os.uname().nodename,
                "proc_start": "1",
            }
        )
    )
    info = acquire(workspace)
    assert read_lock(workspace)["started_at"] == info["started_at"]
    release(workspace, info)
    assert not workspace.lock_path.exists()


def test_live_holder_refuses_and_keeps_its_lock(workspace):
    info = acquire(workspace)
    try:
        with pytest.raises(RebuildLockedError, match=f"pid {os.getpid()}") as excinfo:
            acquire(workspace)
        assert excinfo.value.exit_code == 3
        assert read_lock(workspace) == info
    finally:
        release(workspace, info)


def test_only_one_of_several_newcomers_takes_over_a_stale_lock(workspace):
    workspace.lock_path.write_text(
        json.dumps({"pid": _dead_pid(), "started_at": "x", "host": os.uname().nodename})
    )
    code = textwrap.dedent(f"""
        import time
        from fraudgraph.errors import RebuildLockedError
        from fraudgraph.runs.lock import acquire
        from fraudgraph.workspace import Workspace
        time.sleep(max(0.0, {time.time() + 1.5} - time.time()))
        try:
            acquire(Workspace.at({str(workspace.db)!r}))
            print("won"); time.sleep(2)
        except RebuildLockedError:
            print("locked")
    """)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", code],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        for _ in range(4)
    ]
    results = [p.communicate(timeout=60)[0].strip() for p in procs]
    assert sorted(results) == ["locked", "locked", "locked", "won"]


def test_readers_keep_their_snapshot_while_a_new_run_is_published(workspace, tmp_path):
    (tmp_path / "fg.toml").write_text("[runs]\nkeep = 1\n")
    add_accounts(workspace, [("a1", "d1", "US"), ("a2", "d1", "US"), ("a3", "d1", "US")])
    rebuild(workspace, pipeline=device_pipeline, quiet=True)
    old_path = run_path(workspace)
    reader = open_run(workspace)
    assert reader.execute("SELECT count(*) FROM memberships").fetchall()[0][0] == 3
    add_accounts(workspace, [("a4", "d1", "US"), ("b1", "d2", "US"), ("b2", "d2", "US")])
    rebuild(workspace, pipeline=device_pipeline, quiet=True)
    assert not old_path.exists()  # retention removed it, yet the open reader still reads it
    assert reader.execute("SELECT count(*) FROM memberships").fetchall()[0][0] == 3
    assert reader.execute("SELECT run_id FROM run_info").fetchall()[0][0] == "R-000001"
    reader.close()
    fresh = open_run(workspace)
    assert fresh.execute("SELECT count(*) FROM memberships").fetchall()[0][0] == 6
    fresh.close()


def test_rebuild_does_not_block_readers_of_the_published_run(workspace):
    add_accounts(workspace, [("a1", "d1", "US"), ("a2", "d1", "US"), ("a3", "d1", "US")])
    rebuild(workspace, pipeline=device_pipeline, quiet=True)
    add_accounts(workspace, [("a4", "d1", "US")])
    child = _start_rebuild(workspace, sleep=3)
    try:
        wait_for(lambda: any(workspace.runs_dir.glob(".building-*")))
        con = duckdb.connect(str(run_path(workspace)), read_only=True)
        assert con.execute("SELECT count(*) FROM clusters").fetchall()[0][0] == 1
        con.close()
    finally:
        _, err = child.communicate(timeout=120)
    assert child.returncode == 0, err
    assert latest_run_id(workspace) == "R-000002"
