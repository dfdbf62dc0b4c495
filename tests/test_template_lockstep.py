"""The template statistic of queries/score/group_stats.sql on hand-made groups.

CopyCatch's lockstep is a set of users on a set of items, each user on many of
them. A launch day's crowd tries three viral prompts each and leaves: the crowd
covers a dozen templates in lockstep, but no member shows lockstep of its own.
A member needs ``min_member_templates`` specific templates to agree on templates.
"""

from __future__ import annotations

import duckdb
import pytest

from fraudgraph import queries
from tests.tables import group_stats_inputs
from tests.test_signup_batches import PARAMS


def _run(groups: dict[str, list[list[str]]], reps=(0,), **over) -> duckdb.DuckDBPyConnection:
    """groups: cluster_id -> each member's specific templates (all rare: 0.1% of
    accounts), measured as the observed group (rep 0) and as each of ``reps``."""
    con = duckdb.connect()
    group_stats_inputs(con)
    for cid, members in groups.items():
        for i, templates in enumerate(members):
            account = f"{cid}-{i}"
            con.execute("INSERT INTO raw_clusters VALUES (?, ?)", [cid, account])
            con.executemany(
                "INSERT INTO score_groups VALUES (?, ?, ?)", [(cid, rep, account) for rep in reps]
            )
            con.executemany(
                "INSERT INTO u_template_specific VALUES (?, ?, 0.001, true)",
                [(account, t) for t in templates],
            )
    queries.execute(con, "score/group_stats", **{**PARAMS, **over})
    return con


def _template(groups: dict[str, list[list[str]]], **over) -> dict[str, float]:
    con = _run(groups, **over)
    return dict(con.execute("SELECT cluster_id, template FROM group_stats").fetchall())


VIRAL = [f"viral_{i}" for i in range(12)]
RING = [f"ring_{i}" for i in range(12)]
# twelve members, each on three of the twelve viral templates (each template on 3)
CROWD = [[VIRAL[(i + k) % 12] for k in range(3)] for i in range(12)]
# twelve members, each on eight of the ring's twelve templates
OPERATORS = [[RING[(i + k) % 12] for k in range(8)] for i in range(12)]


def test_a_crowd_of_three_template_members_shows_no_lockstep():
    got = _template({"crowd": CROWD, "ring": OPERATORS})
    assert got["crowd"] == 0.0
    assert got["ring"] == pytest.approx(1.0)


def test_without_the_member_minimum_the_crowd_would_agree():
    got = _template({"crowd": CROWD}, min_member_templates=1)
    assert got["crowd"] == pytest.approx(1.0)


def test_an_observed_groups_lockstep_templates_are_kept_for_the_community_null():
    """group_lockstep holds each observed group's (rep 0) lockstep templates, which
    community_nulls.sql reads: the ring's twelve, none of the crowd's."""
    con = _run({"crowd": CROWD, "ring": OPERATORS}, reps=(0, 1))  # rep 1: a null group
    kept = con.execute("SELECT cluster_id, template FROM group_lockstep").fetchall()
    assert sorted(kept) == sorted(("ring", t) for t in RING)
