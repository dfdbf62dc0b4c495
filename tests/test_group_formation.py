"""Selection: an agreement on the kind of evidence whose links formed a group.

Leiden groups the users of one agent framework *because* they share its
templates, so their template lockstep against random groups is there by
construction; likewise a launch day's users are linked *because* they signed up
minutes apart with the same e-mail shape. queries/score/group_formation.sql
measures which kinds carry a group's internal link weight, and
cluster_coordination.sql does not count an agreement whose own kind carries at
least ``max_formed_share`` of it. A member may still agree on it once the group
is coordinated on two other kinds (``agree_*``).
"""

from __future__ import annotations

import math

import duckdb
import pytest
from fraudgraph.graph.score import score_params

from fraudgraph import queries
from fraudgraph.config import ScoreConfig


def _formation(edges: list[tuple[str, str, list[str], list[float]]], groups: dict) -> dict:
    con = duckdb.connect()
    con.execute(
        "CREATE TEMP TABLE edges (src VARCHAR, dst VARCHAR, kinds VARCHAR[], kind_weights DOUBLE[])"
    )
    con.executemany("INSERT INTO edges VALUES (?, ?, ?, ?)", edges)
    con.execute("CREATE TEMP TABLE raw_clusters (cluster_id VARCHAR, account_id VARCHAR)")
    con.executemany(
        "INSERT INTO raw_clusters VALUES (?, ?)",
        [(cid, a) for cid, members in groups.items() for a in members],
    )
    queries.execute(con, "score/group_formation")
    rows = con.execute(
        "SELECT cluster_id, formed_signup, formed_template, formed_sync FROM group_formation"
    ).fetchall()
    return {r[0]: r[1:] for r in rows}


def test_shares_count_only_links_inside_the_group():
    edges = [
        ("a", "b", ["template", "email_pattern"], [0.6, 0.2]),
        ("b", "c", ["sync"], [0.2]),
        ("c", "x", ["template"], [5.0]),  # leaves the group: not its formation
    ]
    got = _formation(edges, {"c1": ["a", "b", "c"], "r1": ["a", "b", "c", "x"]})
    assert got["c1"] == pytest.approx((0.2, 0.6, 0.2))
    assert got["r1"] == pytest.approx((0.2 / 6, 5.6 / 6, 0.2 / 6))


def test_time_conditioned_kinds_count_as_signup_formation():
    edges = [
        ("a", "b", ["signup_burst", "email_pattern"], [0.3, 0.3]),
        ("b", "c", ["phone_block", "ip_prefix"], [0.2, 0.1]),
        ("a", "c", ["card"], [0.1]),
    ]
    got = _formation(edges, {"c1": ["a", "b", "c"]})
    assert got["c1"] == pytest.approx((0.9, 0.0, 0.0))


def _coordination(formed: tuple[float, float, float], **over) -> dict:
    """One group of 30 whose templates and co-activity are far beyond its null;
    its signup statistic is at the null's level."""
    con = duckdb.connect()
    con.execute(
        "CREATE TEMP TABLE group_stats (cluster_id VARCHAR, rep INTEGER, n BIGINT, "
        "signup DOUBLE, template DOUBLE, sync DOUBLE)"
    )
    rows = [("g", 0, 30, 0.02, 0.7, math.log(6))]
    rows += [
        ("g", rep, 30, 0.02 + 0.001 * (rep % 3), 0.0, 0.01 * (rep % 2)) for rep in range(1, 31)
    ]
    con.executemany("INSERT INTO group_stats VALUES (?, ?, ?, ?, ?, ?)", rows)
    con.execute(
        "CREATE TEMP TABLE group_formation AS SELECT 'g' AS cluster_id, ? AS formed_signup, "
        "? AS formed_template, ? AS formed_sync",
        list(formed),
    )
    queries.execute(con, "score/cluster_coordination", **score_params(ScoreConfig(**over)))
    names = ("e_template", "e_sync", "agree_template", "agree_sync", "coordination")
    values = con.execute(f"SELECT {', '.join(names)} FROM cluster_coordination").fetchall()[0]
    return dict(zip(names, values, strict=True))


def test_template_agreement_of_a_group_formed_by_template_links_does_not_count():
    """Framework users: templates and co-activity, the group formed by template links."""
    got = _coordination((0.0, 0.9, 0.05))
    assert got["e_template"] == 0.0
    assert got["agree_template"] == 1.0  # measured, kept for the members
    assert got["e_sync"] > 0.4
    assert got["coordination"] < ScoreConfig().threshold


def test_the_same_agreement_counts_when_other_links_formed_the_group():
    """A ring tied by cards and devices that also runs templates in lockstep."""
    got = _coordination((0.1, 0.3, 0.05))
    assert got["e_template"] == 1.0
    assert got["coordination"] > ScoreConfig().threshold


def test_share_one_turns_the_rule_off():
    got = _coordination((0.0, 1.0, 0.0), max_formed_share=1.0)
    assert got["e_template"] == 1.0
    assert got["coordination"] > ScoreConfig().threshold
