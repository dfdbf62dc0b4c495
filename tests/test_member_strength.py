"""A member's own agreement (queries/score/member_strength.sql) on a hand-made cluster.

A member's co-activity counts from the 99th percentile of what the cluster's random
accounts reach up to the cluster's own level. A large launch-day crowd can agree on
co-activity as a group (its average lift is far above the null groups') while its
level stays below that percentile: then no single member shows it, and a member that
happens to pass the percentile (1 in 100 innocents do) must not get full agreement.
"""

from __future__ import annotations

import math
from datetime import timedelta

import duckdb
import pytest

from fraudgraph import queries
from tests.tables import group_stats_inputs
from tests.test_signup_batches import PARAMS as GROUP_PARAMS
from tests.test_signup_batches import T0

PARAMS = {**GROUP_PARAMS, "min_effect": 0.4, "burst_local_hours": 12.0}
MEMBERS = [f"m{i}" for i in range(10)]
NULLS = [f"n{i}" for i in range(20)]
HOURS = [T0 + timedelta(hours=h) for h in range(10)]  # the members' shared hours
OTHER = [T0 + timedelta(days=3, hours=h) for h in range(90)]  # 100 window hours in all


def _strength(
    cluster_sync: float,
    templates: dict[str, list[str]] | None = None,
    others: list | None = None,
    params: dict | None = None,
) -> dict[str, dict]:
    """Member rows of a cluster whose signup and co-activity both agree, its co-activity
    level set to ``cluster_sync`` (ln of the lift). With ``templates`` (each member's
    specific templates) its templates agree too, at a share of 0.8 over a null of 0.
    ``others``: signup times of accounts outside the cluster and its null groups."""
    con = duckdb.connect()
    group_stats_inputs(con)
    con.execute("CREATE TEMP TABLE score_samples (cluster_id VARCHAR, account_id VARCHAR)")
    con.execute("CREATE TEMP TABLE edges (src VARCHAR, dst VARCHAR, weight DOUBLE)")
    con.execute(
        "CREATE TEMP TABLE cluster_coordination (cluster_id VARCHAR, e_signup DOUBLE, "
        "e_template DOUBLE, e_sync DOUBLE, agree_signup DOUBLE, agree_template DOUBLE, "
        "agree_sync DOUBLE, template DOUBLE, template_mu DOUBLE, sync DOUBLE, sync_mu DOUBLE)"
    )
    agree_template = 1.0 if templates else 0.0
    con.execute(
        "INSERT INTO cluster_coordination VALUES ('c', 1, ?, 1, 1, ?, 1, 0.8, 0, ?, 0)",
        [agree_template, agree_template, cluster_sync],
    )
    for account, used in (templates or {}).items():
        con.executemany(
            "INSERT INTO u_template_specific VALUES (?, ?, 0.001, true)",
            [(account, t) for t in used],
        )
    for i, account in enumerate(MEMBERS):  # one signup batch, all active in HOURS
        con.execute("INSERT INTO raw_clusters VALUES ('c', ?)", [account])
        con.execute("INSERT INTO score_samples VALUES ('c', ?)", [account])
        con.execute("INSERT INTO score_groups VALUES ('c', 0, ?)", [account])
        con.execute("INSERT INTO accounts VALUES (?, ?)", [account, T0 + timedelta(minutes=i)])
        con.executemany("INSERT INTO u_hour_settled VALUES (?, ?)", [(account, h) for h in HOURS])
        con.execute("INSERT INTO edges VALUES (?, ?, 1.0)", [account, MEMBERS[i - 1]])
    for i, account in enumerate(NULLS):  # random accounts: days apart, 9 of the 10 hours
        con.execute("INSERT INTO score_groups VALUES ('c', 1, ?)", [account])
        con.execute("INSERT INTO accounts VALUES (?, ?)", [account, T0 + timedelta(days=5 + i)])
        hours = HOURS[:9] + [OTHER[i]]
        con.executemany("INSERT INTO u_hour_settled VALUES (?, ?)", [(account, h) for h in hours])
    con.executemany(
        "INSERT INTO u_hour_settled VALUES ('filler', ?)", [(h,) for h in OTHER]
    )  # anyone active in an hour makes it a window hour
    for i, created in enumerate(others or []):
        con.execute("INSERT INTO accounts VALUES (?, ?)", [f"o{i}", created])
    queries.execute(con, "score/member_strength", **(params or PARAMS))
    rows = con.sql("SELECT * FROM member_strength").pl().to_dicts()
    return {row["account_id"]: row for row in rows}


# A member: co = 9 others x 10 hours, over (100 - 10) / 100 per hour, four pseudo-hours:
MEMBER_LIFT = (90 / 0.9 + 4) / 14
# A random account: 9 hours x 10 sample members, over 100 / 100 per hour:
NULL_LIFT = (90 / 1.0 + 4) / 14


def test_the_hand_made_lifts_are_what_the_sql_measures():
    got = _strength(cluster_sync=math.log(MEMBER_LIFT))
    assert got["m0"]["sync_lift"] == pytest.approx(MEMBER_LIFT)
    assert got["m0"]["sync_base"] == pytest.approx(math.log(NULL_LIFT))
    assert got["m0"]["rel_signup"] == pytest.approx(1.0)


def test_a_member_agrees_on_co_activity_up_to_the_clusters_level():
    got = _strength(cluster_sync=math.log(MEMBER_LIFT))
    assert all(row["rel_sync"] == pytest.approx(1.0) for row in got.values())
    assert all(row["lock"] == pytest.approx(1.0) for row in got.values())


def test_no_member_agrees_on_co_activity_when_the_cluster_is_below_the_null_percentile():
    """The cluster agrees on co-activity as a group (lift 3 over a null mean of 1) but its
    level is below the 99th percentile of its random accounts; its members pass that
    percentile, and used to get full co-activity agreement (a 1e-9 denominator)."""
    got = _strength(cluster_sync=math.log(3.0))
    assert all(row["sync_lift"] > NULL_LIFT for row in got.values())
    assert all(row["rel_sync"] == 0.0 for row in got.values())
    # signup alone is one kind of evidence: no lock, strength from attachment only
    assert all(row["lock"] == 0.0 for row in got.values())
    assert all(row["strength"] == pytest.approx(0.3 * row["attach"]) for row in got.values())


def test_a_member_on_too_few_specific_templates_shows_no_template_lockstep():
    """Lockstep is a block of users on items, at least three of each. A launch-day user
    who tried two of a ring's rare templates, both in the ring's lockstep, is not in
    lockstep with it; a member on three of them is."""
    ring = [f"T{k}" for k in range(6)]
    templates = {m: ring for m in MEMBERS[:8]} | {MEMBERS[8]: ring[:3], MEMBERS[9]: ring[:2]}
    got = _strength(cluster_sync=math.log(3.0), templates=templates)
    # six of six in lockstep, with two pseudo-templates: 6 / 8, from 0.05 up to 0.8
    assert got["m0"]["template_shared"] == pytest.approx(0.75)
    assert got["m0"]["rel_template"] == pytest.approx((0.75 - 0.05) / 0.75)
    assert got["m0"]["lock"] > 0.9
    # three of three: 3 / 5
    assert got["m8"]["rel_template"] == pytest.approx((0.6 - 0.05) / 0.75)
    assert got["m8"]["lock"] > 0.8
    # two of two would be 2 / 4 = 0.5, a relative agreement of 0.6 (above min_effect)
    assert got["m9"]["template_shared"] == 0.0
    assert got["m9"]["rel_template"] == 0.0
    assert got["m9"]["lock"] == 0.0


def test_a_signup_batch_counts_against_the_accounts_that_signed_up_around_it():
    """The members sign up in one batch (T0 to T0 + 9 min, one 30-minute slot). A signup
    counts as far as the batch stands out from the accounts that signed up within 12
    hours of it: the smaller of the share of those others next to a member (its slot and
    the two beside) and the share of others among everyone next to a member.

    A quiet day, others one per slot around the clock: 3 of 49 are next to the batch
    (the ten members are 10 of the 13 next to it), worth 1 - 3/49. A launch day, 40
    others in the batch's hour: all of them are next to it and the members are 10 of
    50, worth 0.2, below min_effect: signup no longer makes a second kind of evidence
    beside timing. A ring that signs up all day but outnumbers the others around it
    (10 members, 5 others) still stands out: 10/15."""
    sync = math.log(MEMBER_LIFT)
    quiet = [T0 + timedelta(minutes=30 * k + 15) for k in range(-24, 25)]
    got = _strength(cluster_sync=sync, others=quiet)
    assert all(row["rel_signup"] == pytest.approx(1 - 3 / 49) for row in got.values())
    assert all(row["lock"] > 0.9 for row in got.values())
    launch = [T0 + timedelta(minutes=10 + k) for k in range(40)]
    got = _strength(cluster_sync=sync, others=launch)
    assert all(row["in_burst"] for row in got.values())
    assert all(row["rel_signup"] == pytest.approx(0.2) for row in got.values())
    assert all(row["lock"] == 0.0 for row in got.values())
    few = [T0 + timedelta(minutes=10 + k) for k in range(5)]
    got = _strength(cluster_sync=sync, others=few)
    assert all(row["rel_signup"] == pytest.approx(10 / 15) for row in got.values())
    assert all(row["lock"] == pytest.approx(math.sqrt(10 / 15)) for row in got.values())
    # burst_local_hours = 0: only the null groups' random accounts, days away
    got = _strength(cluster_sync=sync, others=launch, params={**PARAMS, "burst_local_hours": 0})
    assert all(row["rel_signup"] == pytest.approx(1.0) for row in got.values())
