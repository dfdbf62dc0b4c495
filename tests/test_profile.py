"""Campaign profile: numbers, headline, shared infrastructure and model pivots on a
hand-built snapshot whose right answers can be counted by hand.

The population: campaign k1 (flagged) is six accounts a1..a6 in one flagged cluster,
five of them exportable (a6 is a weak member and must not be counted). They share a
proxy IP (a1..a5), a device farm (a1..a3), a device on only two members (a4, a5: not
a farm), and one card BIN. They use model old-1 from 22 Apr 2026 and pivot to new-2
on 20 May 2026 at 18:00: on 21 May 90% of their traffic is on new-2. Campaign k2 is
an unflagged cluster (no profile). An outsider o1 shares the proxy IP.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import duckdb
import polars as pl
import pytest
from fraudgraph.graph.profile import profile_campaigns

MEMBERS = ["a1", "a2", "a3", "a4", "a5"]


def _usage_rows() -> list[tuple]:
    """(account_id, day, model, requests, input, output, first_ts, last_ts)."""
    rows = []
    start = date(2026, 4, 22)
    for i in range(45):  # 22 Apr .. 5 Jun 2026, both included
        day = start + timedelta(days=i)
        first = datetime(day.year, day.month, day.day, 1, 0)
        for account in [*MEMBERS, "a6"]:
            if day < date(2026, 5, 20):
                rows.append(
                    (account, day, "old-1", 20, 2000, 4000, first, first + timedelta(hours=20))
                )
            elif day == date(2026, 5, 20):
                rows.append(
                    (account, day, "old-1", 18, 1800, 3600, first, first + timedelta(hours=16))
                )
                pivot = datetime(2026, 5, 20, 18, 0) + timedelta(
                    minutes=MEMBERS.index(account) if account in MEMBERS else 30
                )
                rows.append((account, day, "new-2", 2, 200, 400, pivot, pivot + timedelta(hours=1)))
            else:
                rows.append((account, day, "old-1", 2, 200, 400, first, first + timedelta(hours=2)))
                rows.append(
                    (account, day, "new-2", 18, 1800, 3600, first, first + timedelta(hours=20))
                )
    rows.append(
        (
            "b1",
            date(2026, 5, 1),
            "old-1",
            5,
            50,
            50,
            datetime(2026, 5, 1, 9),
            datetime(2026, 5, 1, 10),
        )
    )
    return rows


@pytest.fixture()
def snapshot():
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE accounts (account_id VARCHAR, created_at TIMESTAMP, email_domain VARCHAR)"
    )
    con.executemany(
        "INSERT INTO accounts VALUES (?, ?, ?)",
        [
            ("a1", datetime(2026, 4, 21, 10, 0), "mail.tm"),
            ("a2", datetime(2026, 4, 21, 10, 1), "mail.tm"),
            ("a3", datetime(2026, 4, 21, 10, 2), "mail.tm"),
            ("a4", datetime(2026, 4, 21, 10, 3), "gmail.com"),
            ("a5", datetime(2026, 4, 21, 10, 4), "gmail.com"),
            ("a6", datetime(2026, 4, 21, 10, 5), "gmail.com"),
            ("b1", datetime(2025, 1, 1), "gmail.com"),
            ("o1", datetime(2025, 1, 1), "gmail.com"),
        ],
    )
    evidence = (
        [(a, "ip", "203.0.113.9") for a in [*MEMBERS, "o1"]]
        + [(a, "ip_prefix", "203.0.113.0/24") for a in [*MEMBERS, "o1"]]
        + [(a, "device", "farm-1") for a in ["a1", "a2", "a3"]]
        + [(a, "device", "pair-1") for a in ["a4", "a5"]]
        + [("a1", "ip", "198.51.100.1")]  # on one member only: not shared
        + [(a, "device", "farm-1") for a in ["a6"]]  # weak member: not counted
    )
    con.execute(
        "CREATE TABLE evidence (account_id VARCHAR, kind VARCHAR, value VARCHAR, t TIMESTAMP)"
    )
    con.executemany("INSERT INTO evidence VALUES (?, ?, ?, NULL)", evidence)
    con.execute(
        "CREATE TABLE value_stats AS SELECT kind, value, count(DISTINCT account_id) AS n_accounts"
        " FROM evidence GROUP BY ALL"
    )
    con.execute(
        "CREATE TABLE clusters (cluster_id VARCHAR, campaign_id VARCHAR, size BIGINT,"
        " score DOUBLE, flagged BOOLEAN)"
    )
    con.execute(
        "INSERT INTO clusters VALUES ('c1', 'k1', 6, 0.93, true), ('c2', 'k2', 1, 0.1, false)"
    )
    con.execute(
        "CREATE TABLE memberships (account_id VARCHAR, cluster_id VARCHAR, campaign_id VARCHAR,"
        " strength DOUBLE, exportable BOOLEAN)"
    )
    con.executemany(
        "INSERT INTO memberships VALUES (?, ?, ?, ?, ?)",
        [
            *[(a, "c1", "k1", 0.9, True) for a in MEMBERS],
            ("a6", "c1", "k1", 0.1, False),
            ("b1", "c2", "k2", 0.5, True),
        ],
    )
    con.execute("CREATE TABLE campaigns (campaign_id VARCHAR, flagged BOOLEAN)")
    con.execute("INSERT INTO campaigns VALUES ('k1', true), ('k2', false)")
    con.execute(
        "CREATE TEMP TABLE u_day (account_id VARCHAR, day DATE, model VARCHAR, requests BIGINT,"
        " input_tokens BIGINT, output_tokens BIGINT, first_ts TIMESTAMP, last_ts TIMESTAMP)"
    )
    con.executemany("INSERT INTO u_day VALUES (?, ?, ?, ?, ?, ?, ?, ?)", _usage_rows())
    con.execute(
        "CREATE TEMP TABLE u_template (account_id VARCHAR, template VARCHAR, requests BIGINT,"
        " output_tokens BIGINT, first_ts TIMESTAMP)"
    )
    # Each member: 800 requests on shared templates t0..t9 (80 each), 100 on a private one.
    con.executemany(
        "INSERT INTO u_template VALUES (?, ?, ?, 0, NULL)",
        [
            *[(a, f"t{i}", 80) for a in MEMBERS for i in range(10)],
            *[(a, f"own-{a}", 100) for a in MEMBERS],
        ],
    )
    con.execute(
        "CREATE TEMP TABLE u_card (account_id VARCHAR, card_fingerprint VARCHAR, card_bin VARCHAR)"
    )
    con.executemany(
        "INSERT INTO u_card VALUES (?, ?, ?)",
        [
            ("a1", "fp1", "411111"),
            ("a2", "fp1", "411111"),
            ("a3", "fp2", "411111"),
            ("o1", "fp9", "411111"),
            ("b1", "fp8", "555555"),
        ],
    )
    yield con
    con.close()


def _profile(con) -> dict:
    assert profile_campaigns(con) == 1
    rows = con.sql("SELECT * FROM campaign_profile").pl().to_dicts()
    assert [r["campaign_id"] for r in rows] == ["k1"], "one row per flagged campaign"
    return rows[0]


def test_numbers_count_exportable_members_only(snapshot):
    p = _profile(snapshot)
    assert p["accounts"] == 5
    assert p["clusters"] == 1
    # 5 members x 45 days x 20 requests
    assert p["requests"] == 5 * 45 * 20
    assert p["input_tokens"] == 5 * 45 * 2000
    assert p["output_tokens"] == 5 * 45 * 4000
    assert p["first_activity"] == datetime(2026, 4, 22, 1, 0)
    assert p["span_days"] == 45
    assert p["req_per_account_day"] == pytest.approx(20.0)


def test_headline_reads_like_the_escalation(snapshot):
    p = _profile(snapshot)
    assert p["headline"] == (
        "5 accounts, 4,500 requests, 22 Apr to 5 Jun 2026, 20 requests per account per day"
    )


def test_top_template_shares(snapshot):
    p = _profile(snapshot)
    # top 10 templates carry 5 x 800 of 5 x 900 requests; top 50 is everything
    assert p["top10_template_share"] == pytest.approx(4000 / 4500, abs=1e-4)
    assert p["top50_template_share"] == pytest.approx(1.0)
    assert p["templates"] == 15


def test_shared_infrastructure(snapshot):
    p = _profile(snapshot)
    assert p["proxy_ips"] == [
        {"value": "203.0.113.9", "accounts": 5, "all_accounts": 6, "cards": None}
    ], "IPs on a single member are not shared infrastructure"
    assert p["n_proxy_ips"] == 1
    assert p["ip_prefixes"][0]["value"] == "203.0.113.0/24"
    farms = pl.DataFrame(p["device_farms"])
    assert farms["value"].to_list() == ["farm-1"], "a device on two members is not a farm"
    assert farms["accounts"].to_list() == [3]
    assert p["card_bins"] == [{"value": "411111", "accounts": 3, "all_accounts": 4, "cards": 2}]
    domains = {d["value"]: d["accounts"] for d in p["email_domains"]}
    assert domains == {"mail.tm": 3, "gmail.com": 2}


def test_model_pivot_share_within_24_hours(snapshot):
    p = _profile(snapshot)
    pivots = p["model_pivots"]
    assert [v["model"] for v in pivots] == ["new-2"], "the starting model is not a pivot"
    pivot = pivots[0]
    assert pivot["first_use"] == datetime(2026, 5, 20, 18, 0)
    assert pivot["measured_day"] == date(2026, 5, 21)
    assert pivot["share_24h"] == pytest.approx(0.9)
    assert pivot["from_model"] == "old-1"
    assert pivot["from_share"] == pytest.approx(1.0)


def test_no_flagged_campaign_gives_an_empty_profile(snapshot):
    snapshot.execute("UPDATE campaigns SET flagged = false")
    snapshot.execute("UPDATE clusters SET flagged = false")
    assert profile_campaigns(snapshot) == 0
    assert snapshot.sql("SELECT count(*) FROM campaign_profile").fetchall()[0][0] == 0


def test_profile_leaves_no_working_tables(snapshot):
    profile_campaigns(snapshot)
    names = {r[0] for r in snapshot.sql("SELECT table_name FROM duckdb_tables()").fetchall()}
    assert not {n for n in names if n.startswith("profile_")}


def test_a_straggler_moves_first_activity_but_not_the_reported_window(snapshot):
    snapshot.execute(
        "INSERT INTO u_day VALUES ('a1', DATE '2026-03-01', 'old-1', 1, 10, 10,"
        " TIMESTAMP '2026-03-01 12:00', TIMESTAMP '2026-03-01 12:00')"
    )
    p = _profile(snapshot)
    assert p["first_activity"] == datetime(2026, 3, 1, 12, 0)
    assert (p["core_from"], p["core_to"]) == (date(2026, 4, 22), date(2026, 6, 5))
    assert p["span_days"] == 45
    assert p["headline"] == (
        "5 accounts, 4,501 requests, 22 Apr to 5 Jun 2026, 20 requests per account per day"
    )
