"""The finer cut of unflagged clusters (score.split_resolution; off by default).

queries/score/unfired_edges.sql picks the fine clusters that nothing flags and
queries/score/split_clusters.sql replaces them by the parts Leiden found inside;
graph/score.py runs the scoring again on the new clusters.
"""

from __future__ import annotations

import duckdb

from fraudgraph import queries
from fraudgraph.config import Config
from tests.populations import standard
from tests.test_graph import RINGS, _exported, build


def _con() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute("CREATE TABLE raw_clusters (account_id VARCHAR, cluster_id VARCHAR)")
    con.execute(
        "CREATE TEMP TABLE cluster_rings (cluster_id VARCHAR, level VARCHAR, ring_id VARCHAR)"
    )
    con.execute("CREATE TEMP TABLE cluster_coordination (cluster_id VARCHAR, coordination DOUBLE)")
    con.execute("CREATE TEMP TABLE labels (account_id VARCHAR, label VARCHAR)")
    con.execute("CREATE TEMP TABLE edges (src VARCHAR, dst VARCHAR, weight DOUBLE)")
    return con


def _cluster(con, cluster_id: str, accounts: list[str], ring: str | None = None) -> None:
    for a in accounts:
        con.execute("INSERT INTO raw_clusters VALUES (?, ?)", [a, cluster_id])
        if ring:
            con.execute("INSERT INTO raw_clusters VALUES (?, ?)", [a, ring])
    if ring:
        con.execute("INSERT INTO cluster_rings VALUES (?, 'r', ?)", [cluster_id, ring])


def test_only_clusters_nothing_flags_are_cut():
    con = _con()
    _cluster(con, "c1", ["a1", "a2", "a3"])  # fires on its own
    _cluster(con, "c2", ["b1", "b2", "b3"], ring="r1")  # its ring candidate fires
    _cluster(con, "c3", ["d1", "d2", "d3"])  # a third labelled fraud: 0 + 1 * min(1, 2/3)
    _cluster(con, "c4", ["e1", "e2", "e3"], ring="r2")  # nothing fires
    con.executemany(
        "INSERT INTO cluster_coordination VALUES (?, ?)",
        [("c1", 0.9), ("c2", 0.0), ("r1", 0.8), ("c3", 0.0), ("c4", 0.2), ("r2", 0.1)],
    )
    con.execute("INSERT INTO labels VALUES ('d1', 'fraud')")
    con.executemany(
        "INSERT INTO edges VALUES (?, ?, 1.0)",
        [("e1", "e2"), ("e2", "e3"), ("a1", "a2"), ("e3", "a1")],  # e3-a1 crosses clusters
    )
    queries.execute(con, "score/unfired_edges", threshold=0.5)
    members = con.execute("SELECT cluster_id, count(*) FROM unfired_members GROUP BY 1").fetchall()
    assert members == [("c4", 3)]
    assert con.execute("SELECT count(*) FROM unfired_edges").fetchall()[0][0] == 2


def test_parts_replace_the_cluster_and_small_parts_stay_together():
    con = _con()
    people = [f"x{i}" for i in range(9)]
    _cluster(con, "c7", people, ring="r1")
    con.execute("CREATE TEMP TABLE unfired_members AS SELECT * FROM (VALUES "
                + ", ".join(f"('{a}', 'c7', {i}, 0)" for i, a in enumerate(people))
                + ") AS t(account_id, cluster_id, vid, start)")  # fmt: skip
    # parts: {x0..x3} and {x4..x6} are big enough, x7 and x8 are alone
    con.execute(
        "CREATE TEMP TABLE split_parts AS SELECT * FROM (VALUES "
        "(0, 10), (1, 10), (2, 10), (3, 10), (4, 11), (5, 11), (6, 11), (7, 12), (8, 13)"
        ") AS t(vid, part)"
    )
    queries.execute(con, "score/split_clusters", min_cluster_size=3)
    queries.execute(con, "graph/cluster_rings")
    got = dict(
        con.execute(
            "SELECT cluster_id, list_sort(list(account_id)) FROM raw_clusters "
            "WHERE starts_with(cluster_id, 'c') GROUP BY 1"
        ).fetchall()
    )
    assert got == {"c7.1": ["x0", "x1", "x2", "x3"], "c7.2": ["x4", "x5", "x6"]}
    # x7, x8: two left over, fewer than min_cluster_size: out of the clusters
    rings = sorted(con.execute("SELECT cluster_id, ring_id FROM cluster_rings").fetchall())
    assert rings == [("c7.1", "r1"), ("c7.2", "r1")]
    assert (
        con.execute("SELECT count(*) FROM raw_clusters WHERE cluster_id = 'r1'").fetchall()[0][0]
        == 9
    )


def test_with_the_cut_rings_are_still_exported_and_nobody_else(tmp_path):
    """The legit groups (household, university, company, team, framework users)
    are clusters nothing flags: they are cut, scored again, and still not
    exported; the rings fire in the first pass and are left whole."""
    population = standard(framework=True)
    config = Config.model_validate({"score": {"split_resolution": 0.04}})
    con, result = build(tmp_path, population, config)
    try:
        exported = _exported(con)
    finally:
        con.close()
    assert result["counts"]["split_clusters"] >= 1
    assert exported == set().union(*(population.members(r) for r in RINGS))
