"""Rebuild orchestration: publish, stable ids, lineage, diff, retention, --if-changed, anomaly hold.

Runs use the test-double pipeline of tests/runs_double.py (clusters = accounts sharing a
signup device), so these tests exercise the orchestrator against real snapshot files.
"""

from __future__ import annotations

import duckdb
import pytest

from fraudgraph.errors import InputError, NoRunError
from fraudgraph.runs.diff import diff_runs
from fraudgraph.runs.publish import restore_run
from fraudgraph.runs.read import latest_run_id, list_clusters, list_runs, open_run, run_path
from fraudgraph.runs.rebuild import rebuild
from tests.runs_double import add_accounts, add_labels, device_pipeline, remove_accounts


def _rebuild(ws, **kw):
    return rebuild(ws, pipeline=device_pipeline, actor="tester", quiet=True, **kw)


def _ring(prefix: str, device: str, n: int, country: str = "US") -> list[tuple]:
    return [(f"{prefix}{i}", device, country) for i in range(1, n + 1)]


def _cluster_of(ws, account_id: str, run=None) -> str:
    con = open_run(ws, run)
    try:
        return con.execute(
            "SELECT cluster_id FROM memberships WHERE account_id = $a", {"a": account_id}
        ).fetchall()[0][0]
    finally:
        con.close()


def test_first_rebuild_publishes_run_with_formatted_ids(workspace):
    add_accounts(workspace, _ring("a", "d1", 4) + _ring("b", "d2", 2, "FR"))
    summary = _rebuild(workspace)
    assert summary["run_id"] == "R-000001" and summary["published"]
    assert latest_run_id(workspace) == "R-000001"
    con = open_run(workspace)
    ids = sorted(r[0] for r in con.execute("SELECT cluster_id FROM clusters").fetchall())
    campaigns = sorted(r[0] for r in con.execute("SELECT campaign_id FROM campaigns").fetchall())
    info = con.execute("SELECT run_id, previous_run_id, held FROM run_info").fetchall()[0]
    con.close()
    # The riskier (larger) cluster gets the first number.
    assert ids == ["C-000001", "C-000002"]
    assert _cluster_of(workspace, "a1") == "C-000001"
    assert campaigns == ["K-0001", "K-0002"]
    assert info == ("R-000001", None, False)
    assert summary["counts"]["flagged_accounts"] == 4
    assert set(summary["timings"]) >= {"lock", "labels", "pipeline", "ids", "publish", "total"}


def test_ids_persist_while_a_cluster_grows_and_new_ones_continue_the_sequence(workspace):
    add_accounts(workspace, _ring("a", "d1", 4) + _ring("b", "d2", 3))
    _rebuild(workspace)
    first_a, first_b = _cluster_of(workspace, "a1"), _cluster_of(workspace, "b1")
    add_accounts(workspace, [("a5", "d1", "US")] + _ring("c", "d3", 3))
    summary = _rebuild(workspace)
    assert _cluster_of(workspace, "a1") == first_a
    assert _cluster_of(workspace, "b1") == first_b
    assert _cluster_of(workspace, "c1") == "C-000003"
    assert summary["diff"]["grown"] == 1 and summary["diff"]["new"] == 1
    assert summary["diff"]["newly_joined_flagged"] == 1


def test_merge_and_split_are_recorded_in_lineage_and_diff(workspace):
    # Run 1: X = x1..x4 on d1, Y = y1..y4 on d2, Z = z1..z6 on d3.
    add_accounts(workspace, _ring("x", "d1", 4) + _ring("y", "d2", 4) + _ring("z", "d3", 6))
    _rebuild(workspace)
    x, y, z = (_cluster_of(workspace, a) for a in ("x1", "y1", "z1"))
    # Run 2: X and Y merge (their accounts move to one new device), Z splits in two.
    remove_accounts(
        workspace, [f"{p}{i}" for p in "xy" for i in range(1, 5)] + [f"z{i}" for i in range(1, 7)]
    )
    add_accounts(
        workspace,
        [(f"{p}{i}", "m", "US") for p in "xy" for i in range(1, 5)]
        + [(f"z{i}", "s1", "US") for i in (1, 2, 3)]
        + [(f"z{i}", "s2", "US") for i in (4, 5, 6)],
    )
    summary = _rebuild(workspace)
    merged_id = _cluster_of(workspace, "x1")
    assert merged_id not in (x, y)  # Jaccard 0.5 with each: neither id survives
    con = open_run(workspace)
    lineage = {r[0]: (r[1], r[2]) for r in con.execute("SELECT * FROM lineage").fetchall()}
    con.close()
    assert lineage[merged_id] == ("merged", sorted([x, y]))
    parts = {_cluster_of(workspace, "z1"), _cluster_of(workspace, "z4")}
    assert all(lineage[p] == ("split", [z]) for p in parts)
    d = diff_runs(workspace)
    assert d["run_a"] == "R-000001" and d["run_b"] == "R-000002"
    assert [m["cluster_id"] for m in d["merged"]] == [merged_id]
    assert d["split"][0]["cluster_id"] == z and sorted(d["split"][0]["into_ids"]) == sorted(parts)
    assert d["new"] == [] and d["dissolved"] == []
    assert summary["diff"]["merged"] == 1 and summary["diff"]["split"] == 1


def test_dissolved_cluster_and_retired_ids_are_never_reused(workspace):
    add_accounts(workspace, _ring("a", "d1", 3) + _ring("b", "d2", 3))
    _rebuild(workspace)
    gone = _cluster_of(workspace, "b1")
    remove_accounts(workspace, ["b1", "b2", "b3"])
    add_accounts(workspace, _ring("c", "d3", 3))
    _rebuild(workspace)
    d = diff_runs(workspace)
    assert [r["cluster_id"] for r in d["dissolved"]] == [gone]
    assert _cluster_of(workspace, "c1") == "C-000003"


def test_bulk_ban_delta_lists_accounts_joining_a_flagged_cluster(workspace):
    add_accounts(workspace, _ring("a", "d1", 3))
    _rebuild(workspace)
    add_accounts(workspace, [("late1", "d1", "US"), ("late2", "d1", "US")])
    _rebuild(workspace)
    joined = diff_runs(workspace)["newly_joined_flagged"]
    assert sorted(j["account_id"] for j in joined) == ["late1", "late2"]
    assert {j["cluster_id"] for j in joined} == {"C-000001"}


def test_if_changed_skips_when_nothing_arrived_and_rebuilds_after_ingest(workspace, capsys):
    add_accounts(workspace, _ring("a", "d1", 3))
    _rebuild(workspace)
    skipped = _rebuild(workspace, if_changed=True)
    assert skipped["changed"] is False and skipped["run_id"] == "R-000001"
    assert "nothing changed" in capsys.readouterr().err
    assert list_runs(workspace) == ["R-000001"]
    add_accounts(workspace, [("a9", "d1", "US")])
    assert _rebuild(workspace, if_changed=True)["run_id"] == "R-000002"


def test_if_changed_notices_a_new_manual_label(workspace):
    from fraudgraph.ops import set_label

    add_accounts(workspace, _ring("a", "d1", 3))
    _rebuild(workspace)
    set_label(workspace, "a1", "legit", actor="analyst")
    summary = _rebuild(workspace, if_changed=True)
    assert summary["changed"] is True
    con = open_run(workspace)
    labels = con.execute("SELECT account_id, label, source FROM labels").fetchall()
    con.close()
    assert labels == [("a1", "legit", "manual")]


def test_effective_labels_table_newest_wins(workspace):
    from fraudgraph.ops import set_label

    add_accounts(workspace, _ring("a", "d1", 3))
    add_labels(workspace, [("a1", "fraud", "2026-05-01"), ("a2", "legit", None)])
    set_label(workspace, "a2", "fraud", actor="analyst")
    _rebuild(workspace)
    con = open_run(workspace)
    labels = dict(con.execute("SELECT account_id, label FROM labels").fetchall())
    con.close()
    assert labels == {"a1": "fraud", "a2": "fraud"}


def test_retention_keeps_the_last_n_runs(workspace, tmp_path):
    config = tmp_path / "fg.toml"
    config.write_text("[runs]\nkeep = 2\n")
    add_accounts(workspace, _ring("a", "d1", 3))
    for i in range(4):
        add_accounts(workspace, [(f"n{i}", "d1", "US")])
        summary = _rebuild(workspace)
    assert list_runs(workspace) == ["R-000003", "R-000004"]
    assert summary["removed_runs"] == ["R-000002"]
    with pytest.raises(NoRunError):
        run_path(workspace, "R-000001")


def test_anomaly_warns_or_holds(workspace):
    add_accounts(workspace, _ring("a", "d1", 3))
    _rebuild(workspace)
    add_accounts(workspace, [(f"f{d}{i}", f"farm{d}", "US") for d in range(12) for i in range(3)])
    held = _rebuild(workspace, hold_on_anomaly=True)
    assert held["held"] is True and not held["published"]
    assert "jumped from 3 to 39" in held["warnings"][0]
    assert latest_run_id(workspace) == "R-000001"
    assert "R-000002" in list_runs(workspace)  # kept for review, readable with --run
    con = open_run(workspace, "R-000002")
    assert con.execute("SELECT held FROM run_info").fetchall()[0][0] is True
    con.close()
    warned = _rebuild(workspace)
    assert warned["published"] and warned["warnings"]
    assert latest_run_id(workspace) == "R-000003"
    # Ids handed out in the held run are not reused by the next run.
    assert _cluster_of(workspace, "f01") != _cluster_of(workspace, "a1")


def test_clusters_listing_masks_pii_and_reveal_is_audited(workspace):
    from fraudgraph.ops import read_audit

    add_accounts(workspace, _ring("a", "d1", 3), email_domain="gmail.com")
    _rebuild(workspace)
    rows = list_clusters(workspace, top=5)
    assert rows[0]["cluster_id"] == "C-000001" and rows[0]["run_id"] == "R-000001"
    member = rows[0]["central_member_details"][0]
    assert member["email"] == "a***@gmail.com"
    assert member["phone"].endswith("01**") and member["signup_ip"] == "203.0.113.*"
    assert not [a for a in read_audit(workspace) if a["action"] == "reveal"]
    revealed = list_clusters(workspace, top=5, reveal=True, actor="alice")
    assert revealed[0]["central_member_details"][0]["email"] == "a1@gmail.com"
    reveal = [a for a in read_audit(workspace) if a["action"] == "reveal"]
    assert reveal[0]["actor"] == "alice" and reveal[0]["details"]["cluster_ids"] == ["C-000001"]


def test_run_ids_from_people_are_validated(workspace):
    add_accounts(workspace, _ring("a", "d1", 3))
    _rebuild(workspace)
    assert run_path(workspace, "1").name == "R-000001.duckdb"
    for bad in ("../../etc/passwd", "R-1; DROP TABLE clusters", "R-00001x"):
        with pytest.raises(InputError):
            run_path(workspace, bad)


def test_no_store_is_a_clear_input_error(workspace):
    with pytest.raises(InputError, match="ingest"):
        _rebuild(workspace)


def test_failed_pipeline_leaves_no_building_file_and_previous_run(workspace):
    add_accounts(workspace, _ring("a", "d1", 3))
    _rebuild(workspace)

    def broken(con, config, release_store, progress):
        con.execute("CREATE TABLE accounts AS SELECT * FROM store.accounts")
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        rebuild(workspace, pipeline=broken, quiet=True)
    assert sorted(p.name for p in workspace.runs_dir.iterdir()) == ["LATEST", "R-000001.duckdb"]
    assert not workspace.lock_path.exists()
    assert _rebuild(workspace)["run_id"] == "R-000002"


def test_restore_points_latest_back_at_a_kept_run(workspace):
    from fraudgraph.ops import read_audit

    add_accounts(workspace, _ring("a", "d1", 3))
    _rebuild(workspace)
    add_accounts(workspace, [("a4", "d1", "US")])
    _rebuild(workspace)
    restore_run(workspace, "R-000001", actor="oncall")
    assert latest_run_id(workspace) == "R-000001"
    assert read_audit(workspace)[0]["action"] == "restore"
    with pytest.raises(NoRunError):
        restore_run(workspace, "R-000009")
    # The next rebuild compares with the restored run and continues the run numbering.
    summary = _rebuild(workspace)
    assert summary["run_id"] == "R-000003" and summary["previous_run_id"] == "R-000001"


def test_snapshot_is_a_readonly_duckdb_file(workspace):
    add_accounts(workspace, _ring("a", "d1", 3))
    _rebuild(workspace)
    con = duckdb.connect(str(run_path(workspace)), read_only=True)
    tables = {r[0] for r in con.execute("SHOW TABLES").fetchall()}
    con.close()
    assert {"run_info", "clusters", "campaigns", "memberships", "lineage", "labels"} <= tables


def test_cli_runs_list_and_restore(workspace):
    import json
    import subprocess
    import sys
    from pathlib import Path

    fraudgraph = Path(sys.executable).with_name("fraudgraph")
    add_accounts(workspace, _ring("a", "d1", 3))
    _rebuild(workspace)
    add_accounts(workspace, [("a4", "d1", "US")])
    _rebuild(workspace)

    def run(*args):
        return subprocess.run(
            [str(fraudgraph), "runs", *args, "--db", str(workspace.db)],
            capture_output=True,
            text=True,
            timeout=120,
        )

    assert json.loads(run("list", "--json").stdout) == {
        "runs": ["R-000001", "R-000002"],
        "latest": "R-000002",
    }
    restored = run("restore", "R-000001")
    assert restored.returncode == 0 and "R-000001" in restored.stderr
    assert latest_run_id(workspace) == "R-000001"
    assert run("restore", "R-000042").returncode == 2
