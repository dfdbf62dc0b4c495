"""The detail page reads the rebuild's small per-member tables when a run has them:
``app_member_accounts`` (account facts of cluster members) for the member table and the
signup span and timeline, and ``app_member_values`` (which of its group's ranked shared
values each member holds) for the graph. Both replace scans of every account and of the
whole evidence table (a second per page at 2M accounts). Each must show exactly what the
scans show, so every test compares a run with the tables against the same run without
them (what an older run looks like)."""

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
from tests.test_app_group_values import _groups, _tables
from tests.test_app_snapshot import build_runs

MEMBER_TABLES = ("app_member_accounts", "app_member_values")


def _precompute(path, *, group_values: bool = True) -> None:
    """What the rebuild's finish stage adds, run on a hand-built snapshot."""
    con = duckdb.connect(str(path))
    try:
        if group_values:
            queries.execute(con, "score/group_values")
        queries.execute(con, "score/app_member_accounts")
        queries.execute(con, "score/app_member_values", max_values=data.PRECOMPUTED_GRAPH_VALUES)
    finally:
        con.close()


def _hand_built_pair(tmp_path) -> tuple[Workspace, Workspace, str]:
    """A hand-built run with group_values only (``plain``) and a copy with the member tables;
    one member of the card ring carries a label at rebuild time."""
    plain = Workspace.at(tmp_path / "plain" / "fg.duckdb")
    plain.db.parent.mkdir()
    run = build_runs(plain)[-1]
    con = duckdb.connect(str(plain.runs_dir / f"{run}.duckdb"))
    queries.execute(con, "score/group_values")
    con.execute(
        "INSERT INTO labels VALUES ('A-0003', 'fraud', 'analyst', 'tester',"
        " TIMESTAMP '2026-05-01 10:00', 'ring')"
    )
    con.close()
    pre = Workspace.at(tmp_path / "pre" / "fg.duckdb")
    shutil.copytree(plain.runs_dir, pre.runs_dir)
    _precompute(pre.runs_dir / f"{run}.duckdb", group_values=False)
    assert not set(MEMBER_TABLES) & _tables(plain, run)
    assert set(MEMBER_TABLES) <= _tables(pre, run)
    return plain, pre, run


def _graph(ws: Workspace, run: str, scope: str, target: str, **caps) -> dict:
    view = data.graph_view.__wrapped__(str(ws.db), run, scope, target, **caps)
    view["incidence"] = view["incidence"].sort(pl.all())
    return view


def _same_graph(a: dict, b: dict) -> None:
    assert a["mode"] == b["mode"]
    assert a["total_members"] == b["total_members"]
    assert a["members"].equals(b["members"])
    assert a["incidence"].equals(b["incidence"])
    # link order matters: the strongest are drawn first and the rest cut off
    assert a["value_links"].equals(b["value_links"])


def _detail(ws: Workspace, run: str, scope: str, target: str, search: str = "") -> tuple:
    db = str(ws.db)
    return (
        data.members.__wrapped__(db, run, scope, target, search=search, limit=5, offset=0),
        data.members.__wrapped__(db, run, scope, target, search=search, limit=500, offset=2),
        data._signup_span.__wrapped__(db, run, scope, target),
        data.signup_timeline.__wrapped__(db, run, scope, target)[0],
    )


def test_member_tables_show_what_the_scans_show_for_every_group(tmp_path):
    plain, pre, run = _hand_built_pair(tmp_path)
    groups = _groups(plain, run)
    # K-0001 spans two clusters (its own campaign rows), K-0002 one (its cluster's rows)
    assert ("campaign", "K-0001") in groups and ("campaign", "K-0002") in groups
    drawn = 0
    for scope, target in groups:
        whole = _graph(plain, run, scope, target)
        _same_graph(whole, _graph(pre, run, scope, target))
        assert whole["mode"] == "whole"
        drawn += whole["incidence"].height
        # small caps draw the group as its infrastructure: value links counted over members
        caps = {"max_members": 3, "max_values": 4}
        infra = _graph(plain, run, scope, target, **caps)
        _same_graph(infra, _graph(pre, run, scope, target, **caps))
        assert infra["mode"] == "infrastructure"
        drawn += infra["value_links"].height
        for search in ("", "a-000", "gmail", "nobody"):
            for scanned, read in zip(
                _detail(plain, run, scope, target, search),
                _detail(pre, run, scope, target, search),
                strict=True,
            ):
                assert read == scanned if isinstance(read, dict) else read.equals(scanned)
    assert drawn > 0
    ring = data.members.__wrapped__(str(pre.db), run, "cluster", "C-000001")
    assert ring.filter(pl.col("account_id") == "A-0003")["label_at_run"].to_list() == ["fraud"]


def test_detail_reads_no_evidence_and_no_non_member_account(tmp_path):
    """With the member tables present, emptying evidence and deleting every account leaves
    the graph, members and timelines unchanged: the page no longer scans them."""
    plain, pre, run = _hand_built_pair(tmp_path)
    con = duckdb.connect(str(pre.runs_dir / f"{run}.duckdb"))
    con.execute("DELETE FROM evidence")
    con.execute("DELETE FROM accounts")
    con.close()
    for scope, target in (("campaign", "K-0001"), ("cluster", "C-000001")):
        before = _graph(plain, run, scope, target, max_members=3, max_values=4)
        assert before["incidence"].height and before["value_links"].height
        _same_graph(before, _graph(pre, run, scope, target, max_members=3, max_values=4))
        for scanned, read in zip(
            _detail(plain, run, scope, target), _detail(pre, run, scope, target), strict=True
        ):
            assert read == scanned if isinstance(read, dict) else read.equals(scanned)


def test_more_values_than_precomputed_falls_back_to_the_evidence_scan(tmp_path):
    plain, pre, run = _hand_built_pair(tmp_path)
    con = duckdb.connect(str(pre.runs_dir / f"{run}.duckdb"))
    con.execute("DELETE FROM app_member_values")  # would draw an empty graph if it were read
    con.close()
    cap = {"max_values": data.PRECOMPUTED_GRAPH_VALUES + 1}
    scanned = _graph(plain, run, "cluster", "C-000001", **cap)
    assert scanned["incidence"].height
    _same_graph(scanned, _graph(pre, run, "cluster", "C-000001", **cap))
    assert _graph(pre, run, "cluster", "C-000001")["incidence"].height == 0


@pytest.mark.slow
def test_rebuild_publishes_member_tables_that_match_the_scans(tmp_path):
    pop = Population(seed=11)
    pop.background(300)
    pop.household()
    pop.card_ring()
    pop.device_farm()
    db = tmp_path / "fg.duckdb"
    api.ingest([pop.write(tmp_path / "data")], db=db, progress=False)
    api.rebuild(db=db, actor="tester")
    ws = Workspace.at(db)
    run = latest_run_id(ws)
    assert set(MEMBER_TABLES) <= _tables(ws, run)
    plain = Workspace.at(tmp_path / "plain" / "fg.duckdb")
    plain.db.parent.mkdir()
    shutil.copytree(ws.runs_dir, plain.runs_dir)
    con = duckdb.connect(str(plain.runs_dir / f"{run}.duckdb"))
    for table in MEMBER_TABLES:
        con.execute(f"DROP TABLE {table}")
    con.close()
    groups = _groups(ws, run)
    assert groups and all(t.startswith(("C-", "K-")) for _, t in groups)
    drawn = 0
    for scope, target in groups:
        for caps in ({}, {"max_members": 3, "max_values": 5}):
            scanned = _graph(plain, run, scope, target, **caps)
            _same_graph(scanned, _graph(ws, run, scope, target, **caps))
            drawn += scanned["incidence"].height
        for scanned, read in zip(
            _detail(plain, run, scope, target), _detail(ws, run, scope, target), strict=True
        ):
            assert read == scanned if isinstance(read, dict) else read.equals(scanned)
    assert drawn > 0


def test_why_here_lists_each_accounts_strongest_edges_at_either_end(tmp_path):
    plain, _, run = _hand_built_pair(tmp_path)
    con = duckdb.connect(str(plain.runs_dir / f"{run}.duckdb"), read_only=True)
    edges = con.sql("SELECT src, dst, weight FROM edges").pl()
    members = con.sql("SELECT account_id FROM memberships ORDER BY ALL").pl()["account_id"]
    con.close()
    both_ends = pl.concat(
        [
            edges.select(
                pl.col("src").alias("account_id"), pl.col("dst").alias("neighbour"), "weight"
            ),
            edges.select(
                pl.col("dst").alias("account_id"), pl.col("src").alias("neighbour"), "weight"
            ),
        ]
    )
    accounts = tuple(members.to_list()[:15])
    expected = (
        both_ends.filter(pl.col("account_id").is_in(accounts))
        .sort(["account_id", "weight", "neighbour"], descending=[False, True, False])
        .group_by("account_id", maintain_order=True)
        .head(2)
    )
    assert expected.height > len(accounts)  # some accounts have edges at both ends
    shown = (
        data.why_here.__wrapped__(str(plain.db), run, accounts, per_account=2)
        .unique(["account_id", "rank"], maintain_order=True)
        .select("account_id", "neighbour", "weight")
    )
    assert shown.equals(expected)
