"""Property: the template statistic of ``queries/score/group_stats.sql`` is its definition.

CopyCatch-style lockstep, as the SQL header states it: a group's specific
templates used by at least three members and ``template_lift`` times more often
than the population are in lockstep; each member with at least
``min_member_templates`` specific templates scores the share of them in lockstep
(the others score 0); the statistic is the members' mean, or 0 when the group has
fewer than ``template_min_items`` lockstep templates. A plain-Python reading of
that is compared with the SQL on random groups.
"""

from __future__ import annotations

from datetime import datetime

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fraudgraph import queries

PARAMS = {
    "window_minutes": 30.0,
    "min_batch": 3,
    "sample_size": 150,
    "template_lift": 10.0,
    "template_min_items": 3,
    "min_member_templates": 2,
}
TEMPLATES = [f"t{i}" for i in range(12)]

_group = st.lists(
    st.frozensets(st.sampled_from(TEMPLATES), max_size=10),  # each member's templates
    min_size=3,
    max_size=12,
)
_case = st.fixed_dictionaries(
    {
        "groups": st.lists(_group, min_size=1, max_size=3),
        "specific": st.lists(st.booleans(), min_size=12, max_size=12),
        "share": st.lists(st.sampled_from([0.001, 0.01, 0.05, 0.2]), min_size=12, max_size=12),
    }
)


def _expected(group: list[frozenset], specific: dict, share: dict) -> float:
    n = len(group)
    mine = [{t for t in templates if specific[t]} for templates in group]
    counted = [m for m in mine if len(m) >= PARAMS["min_member_templates"]]
    users: dict[str, int] = {}
    for m in counted:
        for t in m:
            users[t] = users.get(t, 0) + 1
    lockstep = {
        t for t, c in users.items() if c >= 3 and c >= PARAMS["template_lift"] * share[t] * n
    }
    if len(lockstep) < PARAMS["template_min_items"]:
        return 0.0
    return sum(len(m & lockstep) / len(m) for m in counted) / n


@settings(max_examples=60, deadline=None)
@given(_case)
def test_template_statistic_is_its_definition(case):
    specific = dict(zip(TEMPLATES, case["specific"], strict=True))
    share = dict(zip(TEMPLATES, case["share"], strict=True))
    con = duckdb.connect()
    try:
        con.execute("CREATE TABLE raw_clusters (account_id VARCHAR, cluster_id VARCHAR)")
        con.execute("CREATE TABLE accounts (account_id VARCHAR, created_at TIMESTAMP)")
        con.execute(
            "CREATE TABLE score_groups (cluster_id VARCHAR, rep INTEGER, account_id VARCHAR)"
        )
        con.execute(
            "CREATE TABLE u_template_specific (account_id VARCHAR, template VARCHAR,"
            " requests BIGINT, specific BOOLEAN, global_share DOUBLE)"
        )
        con.execute("CREATE TABLE u_hour_settled (account_id VARCHAR, hour TIMESTAMP)")
        con.execute(
            "CREATE TABLE group_stats (cluster_id VARCHAR, rep INTEGER, n BIGINT,"
            " signup DOUBLE, template DOUBLE, sync DOUBLE)"
        )
        con.execute("CREATE TABLE group_lockstep (cluster_id VARCHAR, template VARCHAR)")
        members = [
            (f"c{g}", f"g{g}m{m}", templates)
            for g, group in enumerate(case["groups"])
            for m, templates in enumerate(group)
        ]
        con.executemany("INSERT INTO raw_clusters VALUES (?, ?)", [(a, c) for c, a, _ in members])
        con.executemany(
            "INSERT INTO score_groups VALUES (?, 0, ?)", [(c, a) for c, a, _ in members]
        )
        con.executemany(
            "INSERT INTO accounts VALUES (?, ?)", [(a, datetime(2026, 4, 1)) for _, a, _ in members]
        )
        con.executemany(
            "INSERT INTO u_hour_settled VALUES (?, ?)",
            [(a, datetime(2026, 4, 2)) for _, a, _ in members],
        )
        rows = [(a, t, specific[t], share[t]) for _, a, ts in members for t in sorted(ts)]
        if rows:
            con.executemany("INSERT INTO u_template_specific VALUES (?, ?, 1, ?, ?)", rows)
        queries.execute(con, "score/group_stats", **PARAMS)
        got = dict(con.sql("SELECT cluster_id, template FROM group_stats").fetchall())
    finally:
        con.close()
    for g, group in enumerate(case["groups"]):
        assert abs(got[f"c{g}"] - _expected(group, specific, share)) < 1e-12, g


def test_samples_gives_u_template_its_template_columns_again_and_again():
    """samples.sql adds `specific` and `global_share` to u_template in place and
    makes u_template_specific a view of it; scoring runs it a second time after
    splitting clusters, which must replace the columns, not fail or duplicate."""
    from fraudgraph.graph.score import score_params

    from fraudgraph.config import ScoreConfig

    con = duckdb.connect()
    con.execute("CREATE TEMP TABLE raw_clusters AS SELECT 'c1' AS cluster_id, 'a' AS account_id")
    con.execute("CREATE TEMP TABLE account_strata AS SELECT 'a' AS account_id, 'US|x' AS stratum")
    con.execute("CREATE TEMP TABLE org_accounts (account_id VARCHAR, org VARCHAR)")
    con.execute("CREATE TEMP TABLE institution_accounts (account_id VARCHAR, domain VARCHAR)")
    con.execute(
        "CREATE TEMP TABLE u_template AS SELECT * FROM (VALUES ('a', 't1', 5, 10, NULL),"
        " ('a', 't2', 1, 2, NULL), ('b', 't1', 3, 4, NULL), ('c', 't3', 1, 1, NULL))"
        " AS v(account_id, template, requests, output_tokens, first_ts)"
    )
    con.execute(
        "CREATE TEMP TABLE value_stats AS SELECT * FROM (VALUES ('template', 't1', 0.5, 2),"
        " ('template', 't2', 0.0, 1)) AS v(kind, value, weight, n_accounts)"
    )
    expected = [
        ("a", "t1", 5, True, 2 / 3),
        ("a", "t2", 1, False, 1 / 3),
        ("b", "t1", 3, True, 2 / 3),
        ("c", "t3", 1, False, 1 / 3),
    ]
    for _ in range(2):
        queries.execute(con, "score/samples", **score_params(ScoreConfig()))
        got = con.execute("SELECT * FROM u_template_specific ORDER BY ALL").fetchall()
        assert [(*r[:4], pytest.approx(r[4])) for r in got] == expected
        columns = [r[0] for r in con.execute("DESCRIBE u_template").fetchall()]
        assert columns == ["account_id", "template", "requests", "output_tokens", "first_ts",
                           "specific", "global_share"]  # fmt: skip
