"""`fraudgraph diff`: defaults to the last two runs, explicit runs, and the human/JSON output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from fraudgraph.errors import NoRunError
from fraudgraph.runs.diff import diff_runs
from fraudgraph.runs.rebuild import rebuild
from tests.runs_double import add_accounts, device_pipeline, remove_accounts

FRAUDGRAPH = Path(sys.executable).with_name("fraudgraph")


def _rebuild(ws):
    return rebuild(ws, pipeline=device_pipeline, quiet=True)


def test_diff_needs_two_runs(workspace):
    with pytest.raises(NoRunError):
        diff_runs(workspace)
    add_accounts(workspace, [(f"a{i}", "d1", "US") for i in range(3)])
    _rebuild(workspace)
    with pytest.raises(NoRunError, match="earlier"):
        diff_runs(workspace)


def test_shrunk_cluster_and_non_consecutive_runs(workspace):
    add_accounts(workspace, [(f"a{i}", "d1", "US") for i in range(6)])
    _rebuild(workspace)
    remove_accounts(workspace, ["a0"])
    _rebuild(workspace)
    add_accounts(workspace, [(f"n{i}", "d7", "US") for i in range(3)])
    _rebuild(workspace)
    latest = diff_runs(workspace)
    assert (latest["run_a"], latest["run_b"]) == ("R-000002", "R-000003")
    assert latest["summary"]["new"] == 1 and latest["summary"]["unchanged"] == 1
    span = diff_runs(workspace, "R-000001", "3")
    assert span["shrunk"][0]["size_a"] == 6 and span["shrunk"][0]["size_b"] == 5
    assert span["shrunk"][0]["left_cluster"] == 1 and span["summary"]["new"] == 1


def test_cli_diff_json_and_table(workspace):
    add_accounts(workspace, [(f"a{i}", "d1", "US") for i in range(3)])
    _rebuild(workspace)
    add_accounts(workspace, [("a9", "d1", "US")])
    _rebuild(workspace)
    proc = subprocess.run(
        [str(FRAUDGRAPH), "diff", "--db", str(workspace.db), "--json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["summary"]["grown"] == 1
    assert result["newly_joined_flagged"][0]["account_id"] == "a9"
    human = subprocess.run(
        [str(FRAUDGRAPH), "diff", "--db", str(workspace.db)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert human.returncode == 0 and "R-000001 -> R-000002" in human.stdout
    bad = subprocess.run(
        [str(FRAUDGRAPH), "diff", "R-000001", "R-000007", "--db", str(workspace.db)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert bad.returncode == 2 and "R-000007" in bad.stderr


def test_the_diff_a_rebuild_stores_is_the_one_computed_from_the_run_files(workspace, monkeypatch):
    import duckdb

    from fraudgraph.runs import diff as diff_module
    from fraudgraph.runs.read import run_path

    add_accounts(workspace, [(f"a{i}", "d1", "US") for i in range(6)])
    add_accounts(workspace, [(f"b{i}", "d2", "US") for i in range(4)])
    _rebuild(workspace)
    remove_accounts(workspace, ["a0", "b0", "b1"])
    add_accounts(workspace, [(f"j{i}", "d1", "US") for i in range(2)])  # join a flagged one
    add_accounts(workspace, [(f"n{i}", "d7", "US") for i in range(3)])
    _rebuild(workspace)

    con = duckdb.connect(str(run_path(workspace, "R-000002")), read_only=True)
    assert con.execute("SELECT run_a FROM run_diff").fetchall() == [("R-000001",)]
    con.close()
    stored = diff_runs(workspace)
    monkeypatch.setattr(diff_module, "_stored_diff", lambda *args: None)
    computed = diff_runs(workspace)
    assert stored == computed
    assert stored["summary"]["newly_joined_flagged"] == 2
    assert stored["new"] and stored["grown"] and stored["dissolved"]
    # a pair the rebuild did not store is computed (the first run stores none)
    assert diff_module._stored_diff(workspace, "R-000002", "R-000001") is None
