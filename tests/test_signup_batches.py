"""The signup statistic of queries/score/group_stats.sql on hand-made groups.

A member is in a signup batch when at least ``min_batch`` members (itself
included) were created within the window: two strangers minutes apart are the
chance pairs the signup_burst edges select into clusters. A group larger than
the sample is measured on a sample, which thins a batch; there two sampled
members in one window already count.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import duckdb
import pytest

from fraudgraph import queries
from tests.tables import group_stats_inputs

T0 = datetime(2026, 5, 1, 12)
PARAMS = {
    "window_minutes": 30,
    "min_batch": 3,
    "sample_size": 10,
    "template_lift": 10.0,
    "template_min_items": 10,
    "min_member_templates": 5,
}


def _signup(groups: dict[str, tuple[int, list[int]]], **over) -> dict[str, float]:
    """groups: cluster_id -> (full cluster size, signup minutes of the measured members)."""
    con = duckdb.connect()
    group_stats_inputs(con)
    for cid, (size, minutes) in groups.items():
        for i in range(size):
            account = f"{cid}-{i}"
            con.execute("INSERT INTO raw_clusters VALUES (?, ?)", [cid, account])
            if i < len(minutes):
                at = T0 + timedelta(minutes=minutes[i])
                con.execute("INSERT INTO accounts VALUES (?, ?)", [account, at])
                con.execute("INSERT INTO score_groups VALUES (?, 0, ?)", [cid, account])
    queries.execute(con, "score/group_stats", **{**PARAMS, **over})
    return dict(con.execute("SELECT cluster_id, signup FROM group_stats").fetchall())


# ten members: two pairs 9 minutes apart, the rest days apart
PAIRS = [0, 9, 5000, 5007] + [20000 + 3000 * i for i in range(6)]
# ten members: one batch of three inside 20 minutes, the rest days apart
TRIPLE = [0, 10, 20] + [20000 + 3000 * i for i in range(7)]


def test_chance_pairs_in_a_whole_group_are_no_batch():
    got = _signup({"pairs": (10, PAIRS), "triple": (10, TRIPLE)})
    assert got == {"pairs": 0.0, "triple": pytest.approx(0.3)}


def test_min_batch_two_counts_pairs():
    got = _signup({"pairs": (10, PAIRS)}, min_batch=2)
    assert got == {"pairs": pytest.approx(0.4)}


def test_a_sample_of_a_larger_cluster_counts_pairs():
    """The same ten members, measured as a sample of a 200-member cluster."""
    got = _signup({"sampled": (200, PAIRS), "whole": (10, PAIRS)})
    assert got == {"sampled": pytest.approx(0.4), "whole": 0.0}
