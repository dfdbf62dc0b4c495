"""The audit log: rebuilds, exports, labels and reveals, newest first, via API and CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from fraudgraph.export import export
from fraudgraph.ops import read_audit, record_audit, set_label
from fraudgraph.runs.rebuild import rebuild
from tests.runs_double import add_accounts, device_pipeline

FRAUDGRAPH = Path(sys.executable).with_name("fraudgraph")


def test_empty_audit_log(workspace):
    assert read_audit(workspace) == []


def test_rebuild_export_and_label_are_recorded_newest_first(workspace, tmp_path):
    add_accounts(workspace, [(f"a{i}", "d1", "US") for i in range(3)])
    rebuild(workspace, pipeline=device_pipeline, actor="cron", quiet=True)
    export(workspace, tmp_path / "ban.csv", actor="banbot")
    set_label(workspace, "a1", "legit", actor="alice")
    entries = read_audit(workspace)
    assert [(e["action"], e["actor"]) for e in entries] == [
        ("label", "alice"),
        ("export", "banbot"),
        ("rebuild", "cron"),
    ]
    rebuild_entry = entries[2]["details"]
    assert rebuild_entry["run_id"] == "R-000001" and rebuild_entry["counts"]["clusters"] == 1
    assert entries[0]["ts"] >= entries[1]["ts"] >= entries[2]["ts"]


def test_limit_and_cli_json(workspace):
    for i in range(5):
        record_audit(workspace, "tester", "note", {"i": i})
    assert [e["details"]["i"] for e in read_audit(workspace, limit=2)] == [4, 3]
    proc = subprocess.run(
        [str(FRAUDGRAPH), "audit", "--db", str(workspace.db), "--json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)
    assert len(rows) == 5 and set(rows[0]) >= {"ts", "actor", "action", "details"}
    human = subprocess.run(
        [str(FRAUDGRAPH), "audit", "--db", str(workspace.db)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert human.returncode == 0 and "tester" in human.stdout
