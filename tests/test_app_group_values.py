"""The detail page's shared values come from the rebuild's precomputed ``group_values``
when a run has it (a scan of evidence costs a second on a 25,000-account campaign), and
from evidence otherwise: both paths must show the same rows in the same order, under the
stable cluster and campaign ids."""

from __future__ import annotations

import shutil

import duckdb
import polars as pl
import pytest
from fraudgraph.app import data

from fraudgraph import api, queries
from fraudgraph.runs.read import latest_run_id
from fraudgraph.workspace import Workspace
from tests.populations import Population
from tests.test_app_snapshot import build_runs


def _shared(ws: Workspace, run: str, scope: str, target: str) -> pl.DataFrame:
    return data.shared_values.__wrapped__(str(ws.db), run, scope, target, limit=1000)


def _groups(ws: Workspace, run: str) -> list[tuple[str, str]]:
    con = duckdb.connect(str(ws.runs_dir / f"{run}.duckdb"), read_only=True)
    try:
        rows = con.sql(
            "SELECT DISTINCT 'cluster', cluster_id FROM memberships UNION ALL "
            "SELECT DISTINCT 'campaign', campaign_id FROM memberships "
            "WHERE campaign_id IS NOT NULL ORDER BY ALL"
        ).fetchall()
    finally:
        con.close()
    return [(scope, target) for scope, target in rows]


def _tables(ws: Workspace, run: str) -> set[str]:
    con = duckdb.connect(str(ws.runs_dir / f"{run}.duckdb"), read_only=True)
    try:
        return {r[0] for r in con.sql("SELECT table_name FROM duckdb_tables()").fetchall()}
    finally:
        con.close()


def _rebuilt_with_and_without(
    tmp_path, pop: Population, table: str
) -> tuple[Workspace, Workspace, str]:
    """Ingest and rebuild ``pop``; return the workspace, a copy of its runs whose latest
    run lacks the precomputed ``table`` (what an older run looks like), and the run id."""
    db = tmp_path / "fg.duckdb"
    api.ingest([pop.write(tmp_path / "data")], db=db, progress=False)
    api.rebuild(db=db, actor="tester")
    ws = Workspace.at(db)
    run = latest_run_id(ws)
    assert table in _tables(ws, run)
    plain = Workspace.at(tmp_path / "plain" / "fg.duckdb")
    plain.db.parent.mkdir()
    shutil.copytree(ws.runs_dir, plain.runs_dir)
    con = duckdb.connect(str(plain.runs_dir / f"{run}.duckdb"))
    con.execute(f"DROP TABLE {table}")
    con.close()
    return ws, plain, run


def test_precomputed_values_equal_the_evidence_count_on_a_hand_built_run(tmp_path):
    old = Workspace.at(tmp_path / "old" / "fg.duckdb")
    old.db.parent.mkdir()
    run = build_runs(old)[-1]
    new = Workspace.at(tmp_path / "new" / "fg.duckdb")
    shutil.copytree(old.runs_dir, new.runs_dir)
    con = duckdb.connect(str(new.runs_dir / f"{run}.duckdb"))
    queries.execute(con, "score/group_values")
    con.close()
    assert "group_values" not in _tables(old, run)
    groups = _groups(old, run)
    assert {scope for scope, _ in groups} == {"cluster", "campaign"}
    shown = 0
    for scope, target in groups:
        counted, precomputed = _shared(old, run, scope, target), _shared(new, run, scope, target)
        assert precomputed.equals(counted), (scope, target)
        assert (precomputed["members"] >= 2).all()
        shown += precomputed.height
    assert shown > 0


@pytest.mark.slow
def test_rebuild_publishes_group_values_under_stable_ids(tmp_path):
    pop = Population(seed=5)
    pop.background(300)
    pop.household()
    pop.card_ring()
    pop.device_farm()
    # The same rows as counting evidence: a copy without the table is compared.
    ws, plain, run = _rebuilt_with_and_without(tmp_path, pop, "group_values")
    groups = _groups(ws, run)
    assert groups and all(t.startswith(("C-", "K-")) for _, t in groups)
    for scope, target in groups:
        assert _shared(ws, run, scope, target).equals(_shared(plain, run, scope, target))
    assert any(_shared(ws, run, "cluster", t).height for s, t in groups if s == "cluster")


def test_shared_values_read_group_values_not_evidence(tmp_path):
    """With group_values present, listing a group's shared values does not touch evidence:
    emptying evidence leaves what the page lists unchanged."""
    plain = Workspace.at(tmp_path / "plain" / "fg.duckdb")
    plain.db.parent.mkdir()
    run = build_runs(plain)[-1]
    ws = Workspace.at(tmp_path / "pre" / "fg.duckdb")
    shutil.copytree(plain.runs_dir, ws.runs_dir)
    con = duckdb.connect(str(ws.runs_dir / f"{run}.duckdb"))
    queries.execute(con, "score/group_values")
    con.execute("DELETE FROM evidence")
    con.close()
    scope, target = next(g for g in _groups(plain, run) if g[0] == "cluster")
    before = _shared(plain, run, scope, target)
    assert before.height > 0
    assert _shared(ws, run, scope, target).equals(before)


@pytest.mark.slow
def test_account_values_from_value_samples_equal_the_evidence_scan(tmp_path):
    """The account view's "who else has this value" comes from the rebuild's
    value_samples when the run has it: the same rows, counts, weights and sample
    accounts as scanning evidence (a run without the table)."""
    pop = Population(seed=7)
    pop.background(200)
    pop.household()
    pop.university(40)
    pop.card_ring()
    ws, plain, run = _rebuilt_with_and_without(tmp_path, pop, "value_samples")
    con = duckdb.connect(str(plain.runs_dir / f"{run}.duckdb"), read_only=True)
    accounts = [r[0] for r in con.sql("SELECT DISTINCT account_id FROM evidence").fetchall()]
    con.close()
    shared = 0
    for account in accounts[:150]:
        for sample in (8, 2):
            scanned = data.account_values.__wrapped__(str(plain.db), run, account, sample)
            sampled = data.account_values.__wrapped__(str(ws.db), run, account, sample)
            assert sampled.equals(scanned), account
            shared += scanned.filter(pl.col("accounts_sharing") >= 2).height
    assert len(accounts) > 100 and shared > 0
