"""The community null model (queries/score/community_nulls.sql, cluster_coordination.sql).

A group that agrees on templates is also compared with the other users of its
templates. Users of one agent framework agree no more than any handful of the
framework's users; a ring running its own prompts does.
"""

from __future__ import annotations

import duckdb
import pytest
from fraudgraph.graph.score import score_params

from fraudgraph import queries
from fraudgraph.config import ScoreConfig

FRAMEWORK = [f"fw{i:02d}" for i in range(20)]
RING = [f"ring{i:02d}" for i in range(20)]


def _con(config: ScoreConfig | None = None) -> duckdb.DuckDBPyConnection:
    """Two target groups that fired templates in a first pass, and the accounts around them.

    - ``fw``: 10 framework users, each on its default agent's 12 prompts; 40 more
      framework users outside it (the community), 20 of them in a coordinated group.
    - ``ring``: 10 fakes, each on 12 of the ring's own 20 prompts; 40 outsiders who
      each touched two of them.
    """
    config = config or ScoreConfig()
    con = duckdb.connect()
    uses: list[tuple[str, str]] = []
    clusters: list[tuple[str, str]] = []
    for i in range(50):
        account = f"f{i}"
        uses += [(account, t) for t in FRAMEWORK[:12]]  # the framework's default agent
        if i < 10:
            clusters.append(("fw", account))
        elif i < 30:
            clusters.append(("busy", account))  # a coordinated group of framework users
    for i in range(10):
        uses += [(f"r{i}", t) for t in RING[i % 8 : i % 8 + 12]]
        clusters.append(("ring", f"r{i}"))
    for i in range(40):
        uses += [(f"o{i}", RING[i % 20]), (f"o{i}", RING[(i + 1) % 20])]
    con.execute("CREATE TEMP TABLE u_template_specific (account_id VARCHAR, template VARCHAR,"
                " specific BOOLEAN, global_share DOUBLE)")  # fmt: skip
    con.executemany("INSERT INTO u_template_specific VALUES (?, ?, true, 0.0001)", uses)
    con.execute("CREATE TEMP TABLE raw_clusters (cluster_id VARCHAR, account_id VARCHAR)")
    con.executemany("INSERT INTO raw_clusters VALUES (?, ?)", clusters)
    con.execute(
        "CREATE TEMP TABLE score_samples AS SELECT cluster_id, account_id, 'US|active' AS stratum"
        " FROM raw_clusters"
    )
    con.execute(  # the country null groups of the first pass (one replicate will do)
        "CREATE TEMP TABLE score_groups AS SELECT cluster_id, 1 AS rep, account_id"
        " FROM raw_clusters"
    )
    # the templates each group uses in lockstep (group_stats.sql keeps them)
    con.execute("CREATE TEMP TABLE group_lockstep (cluster_id VARCHAR, template VARCHAR)")
    lockstep = [("fw", t) for t in FRAMEWORK[:12]] + [("ring", t) for t in RING]
    con.executemany("INSERT INTO group_lockstep VALUES (?, ?)", lockstep)
    con.execute(
        "CREATE TEMP TABLE cluster_coordination AS SELECT * FROM (VALUES"
        " ('fw', 10, 1.0, 0.9), ('ring', 10, 1.0, 0.9), ('busy', 20, 0.0, 0.9))"
        " AS t(cluster_id, sample_n, e_template, coordination)"
    )
    queries.execute(con, "score/community_nulls", **score_params(config))
    return con


def _pool(con, cluster_id: str) -> set[str]:
    rows = con.execute(
        "SELECT account_id FROM community_pool WHERE cluster_id = ?", [cluster_id]
    ).fetchall()
    return {r[0] for r in rows}


def test_framework_users_are_compared_with_the_frameworks_other_users():
    con = _con()
    # the framework's users outside the group and outside every coordinated group
    assert _pool(con, "fw") == {f"f{i}" for i in range(30, 50)}
    groups = con.execute(
        "SELECT rep, count(*), count(DISTINCT account_id) FROM score_groups"
        " WHERE cluster_id = 'fw' GROUP BY rep"
    ).fetchall()
    replicates = ScoreConfig().null_replicates
    assert sorted(r[0] for r in groups) == list(range(1001, 1001 + replicates))
    assert all(n == distinct == 10 for _, n, distinct in groups)
    drawn = {r[0] for r in con.execute("SELECT account_id FROM score_groups").fetchall()}
    assert drawn <= _pool(con, "fw")
    # the country null groups were set aside, and come back
    queries.execute(con, "score/community_done")
    assert con.execute("SELECT DISTINCT rep FROM score_groups").fetchall() == [(1,)]


def test_a_ring_is_not_compared_with_accounts_that_touched_two_of_its_prompts():
    """Its members run 12 of its prompts each; outsiders who touched two are not
    users of the same templates, so the ring gets no community null at all."""
    con = _con()
    assert _pool(con, "ring") == set()
    drawn = con.execute("SELECT count(*) FROM score_groups WHERE cluster_id = 'ring'").fetchall()
    assert drawn == [(0,)]


def test_community_min_templates_zero_turns_it_off():
    con = _con(ScoreConfig(community_min_templates=0))
    assert con.execute("SELECT count(*) FROM score_groups").fetchall()[0][0] == 0


def _coordination(community: float | None) -> dict:
    """cluster_coordination for one group observed at template 0.8 and sync ln 6,
    against a country null near 0 and, when given, a community null at
    ``community`` template agreement (same sync)."""
    config = ScoreConfig()
    con = duckdb.connect()
    rows = [("g", 0, 150, 0.0, 0.8, 1.8)]
    rows += [("g", r, 150, 0.0, 0.01 * (r % 3), 0.1 + 0.01 * (r % 5)) for r in range(1, 31)]
    if community is not None:
        rows += [
            ("g", 1000 + r, 150, 0.0, community + 0.01 * (r % 3), 0.1 + 0.01 * (r % 5))
            for r in range(1, 31)
        ]
    con.execute("CREATE TEMP TABLE group_stats (cluster_id VARCHAR, rep INTEGER, n BIGINT,"
                " signup DOUBLE, template DOUBLE, sync DOUBLE)")  # fmt: skip
    con.executemany("INSERT INTO group_stats VALUES (?, ?, ?, ?, ?, ?)", rows)
    con.execute("CREATE TEMP TABLE group_formation (cluster_id VARCHAR, formed_signup DOUBLE,"
                " formed_template DOUBLE, formed_sync DOUBLE)")  # fmt: skip
    queries.execute(con, "score/cluster_coordination", **score_params(config))
    names = ["e_template", "e_sync", "coordination"]
    values = con.execute(f"SELECT {', '.join(names)} FROM cluster_coordination").fetchall()[0]
    return dict(zip(names, values, strict=True))


@pytest.mark.parametrize(
    ("community", "fires"),
    [
        (None, True),  # no other users of its templates: the country null alone
        (0.1, True),  # its templates' other users barely agree: a ring
        (0.75, False),  # they agree as much as the group: a framework
    ],
)
def test_each_statistic_keeps_the_smaller_evidence_of_the_two_nulls(community, fires):
    got = _coordination(community)
    assert got["e_sync"] > 0.4  # the same against both nulls
    assert (got["e_template"] > 0.4) is fires
    threshold = ScoreConfig().threshold
    assert (got["coordination"] >= threshold) is fires
