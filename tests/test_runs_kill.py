"""kill -9 at any point of a rebuild leaves the last published run intact and the next rebuild
working. Every orchestration step of the child is slowed down (sleeps wrapped around the
pipeline, the id matching, the publish rename, LATEST and retention), so kill times spread
over the whole rebuild hit each step."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from fraudgraph.runs.read import latest_run_id, list_runs, open_run
from fraudgraph.runs.rebuild import rebuild
from tests.runs_double import add_accounts, device_pipeline

REPO = Path(__file__).resolve().parents[1]

CHILD = textwrap.dedent("""
    import sys, time
    sys.path.insert(0, {repo!r})
    from tests.runs_double import device_pipeline
    import fraudgraph.runs.rebuild as rb
    from fraudgraph.workspace import Workspace

    STEP = {step}

    def slowed(fn):
        def wrapper(*args, **kwargs):
            time.sleep(STEP)
            result = fn(*args, **kwargs)
            time.sleep(STEP)
            return result
        return wrapper

    for name in ("clean_leftovers", "assign_stable_ids", "publish_file", "point_latest",
                 "apply_retention", "_audit_quietly"):
        setattr(rb, name, slowed(getattr(rb, name)))
    print("start", flush=True)
    rb.rebuild(Workspace.at({db!r}), pipeline=device_pipeline, actor="victim")
    print("done", flush=True)
""")


def _check_published(ws, expected_accounts: set[int]) -> str:
    latest = latest_run_id(ws)
    con = open_run(ws)
    try:
        assert con.execute("SELECT run_id FROM run_info").fetchall()[0][0] == latest
        members = con.execute("SELECT count(*) FROM memberships").fetchall()[0][0]
        clusters = con.execute("SELECT count(*) FROM clusters").fetchall()[0][0]
    finally:
        con.close()
    assert members in expected_accounts and clusters >= 1
    return latest


@pytest.mark.slow
def test_sigkill_at_random_points_never_breaks_the_published_run(workspace):
    rng = random.Random(20260605)
    add_accounts(workspace, [(f"a{i}", "d1", "US") for i in range(3)])
    rebuild(workspace, pipeline=device_pipeline, quiet=True)
    n = 3
    step = 0.15
    # ~0.5 s python start-up, 1.2 s of pipeline, 12 x step around the orchestration steps.
    kill_times = [0.3, 0.9] + sorted(rng.uniform(1.2, 3.6) for _ in range(4))
    outcomes = []
    for kill_after in kill_times:
        add_accounts(workspace, [(f"a{n}", "d1", "US")])
        n += 1
        runs_before = list_runs(workspace)
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD.format(repo=str(REPO), step=step, db=str(workspace.db))],
            env={**os.environ, "FG_DOUBLE_SLEEP": "1.2"},
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert child.stdout.readline().strip() == "start"
        time.sleep(kill_after)
        os.kill(child.pid, signal.SIGKILL)
        out = child.communicate(timeout=60)[0]
        building = any(workspace.runs_dir.glob(".building-*"))
        newest = list_runs(workspace)[-1]
        if building:
            stage = "building"
        elif newest in runs_before:
            stage = "not started"
        else:
            stage = "published" if latest_run_id(workspace) == newest else "renamed"
        outcomes.append((round(kill_after, 2), stage, "done" in out))
        # The published run (old, or new if the kill came after LATEST moved) is intact.
        _check_published(workspace, {n - 1, n})
        # The next rebuild takes over the dead lock, cleans leftovers and publishes.
        summary = rebuild(workspace, pipeline=device_pipeline, quiet=True)
        assert summary["published"]
        assert _check_published(workspace, {n}) == summary["run_id"]
        leftovers = [p.name for p in workspace.runs_dir.iterdir() if p.name.startswith(".")]
        assert leftovers == []
        assert not workspace.lock_path.exists()
    print(outcomes)
    # Kills landed while the snapshot was being built and after it was renamed into place.
    stages = {stage for _, stage, _ in outcomes}
    assert "building" in stages and stages & {"renamed", "published"}, outcomes
