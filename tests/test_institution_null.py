"""Two ways one cause gave a legitimate cohort two agreements.

- **Institutions** (queries/score/null_groups.sql): students share course
  templates, term-start signups and class hours institution wide, so a group of
  them beats random strangers of its country on all three. A group mostly on one
  institutional e-mail domain (.edu, .ac.uk, ...) is instead compared with its
  institution's other accounts, clustered or not: does it agree beyond them?
- **Activation** (queries/score/settled_hours.sql): people use a service right
  after they sign up, so a signup batch is active together in its first hour
  whoever they are. The sync statistic leaves out each account's first
  ``activation_hours``.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import duckdb
from fraudgraph.graph.score import _load_lists, score_params

from fraudgraph import queries
from fraudgraph.config import ScoreConfig
from tests.tables import add_signup_prefix

T0 = datetime(2026, 4, 6, 9, 0)


def _store(
    groups: dict[str, list[str]],
    domains: dict[str, str],
    config: ScoreConfig,
    ips: dict[str, str] | None = None,
):
    """Temp tables null_groups.sql reads: every group can fire (observed stats high),
    the null pool the accounts outside every group. ``ips``: signup addresses."""
    con = duckdb.connect()
    _load_lists(con, config)
    accounts = sorted(domains)
    ips = ips or {}
    con.execute(
        "CREATE TEMP TABLE accounts (account_id VARCHAR, email_domain VARCHAR,"
        " signup_ip_norm VARCHAR, org_id VARCHAR, created_at TIMESTAMP)"
    )
    con.executemany(
        "INSERT INTO accounts VALUES (?, ?, ?, NULL, NULL)",
        [(a, domains[a], ips.get(a)) for a in accounts],
    )
    add_signup_prefix(con)
    con.execute("CREATE TEMP TABLE evidence (account_id VARCHAR, kind VARCHAR, value VARCHAR)")
    con.execute("CREATE TEMP TABLE u_card (account_id VARCHAR, card_fingerprint VARCHAR)")
    con.execute("CREATE TEMP TABLE raw_clusters (cluster_id VARCHAR, account_id VARCHAR)")
    con.executemany(
        "INSERT INTO raw_clusters VALUES (?, ?)",
        [(g, a) for g, members in groups.items() for a in members],
    )
    clustered = {a for members in groups.values() for a in members}
    con.execute(
        "CREATE TEMP TABLE account_strata (account_id VARCHAR, clustered BOOLEAN, stratum VARCHAR)"
    )
    con.executemany(  # students from GB, the others from the US
        "INSERT INTO account_strata VALUES (?, ?, ?)",
        [
            (a, a in clustered, "US|active" if "gmail" in domains[a] else "GB|active")
            for a in accounts
        ],
    )
    con.execute(
        "CREATE TEMP TABLE score_samples AS SELECT r.cluster_id, r.account_id, s.stratum "
        "FROM raw_clusters r JOIN account_strata s USING (account_id)"
    )
    con.execute(
        "CREATE TEMP TABLE group_stats AS SELECT cluster_id, 0 AS rep, count(*) AS n, "
        "1.0 AS signup, 1.0 AS template, 3.0 AS sync FROM raw_clusters GROUP BY cluster_id"
    )
    queries.execute(con, "score/orgs", **score_params(config))
    queries.execute(con, "score/null_groups", **score_params(config))
    return con


def _drawn(con, group: str) -> set[str]:
    rows = con.execute(
        "SELECT DISTINCT account_id FROM score_groups WHERE cluster_id = ? AND rep > 0", [group]
    ).fetchall()
    return {r[0] for r in rows}


def _population():
    """A university of 40 on stu.northbridge.edu, 40 strangers on gmail; group 'campus'
    holds 10 students and 2 gmail users, group 'other' 10 gmail users."""
    domains = {f"s{i:02d}": "stu.northbridge.edu" for i in range(40)}
    domains |= {f"g{i:02d}": "gmail.com" for i in range(40)}
    groups = {
        "campus": [f"s{i:02d}" for i in range(10)] + ["g00", "g01"],
        "other": [f"g{i:02d}" for i in range(10, 20)],
    }
    return groups, domains


def test_a_group_of_students_is_compared_with_its_institution():
    groups, domains = _population()
    con = _store(groups, domains, ScoreConfig())
    students = {a for a, d in domains.items() if d.endswith(".edu")}
    for rep in range(1, 31):
        drawn = [
            r[0]
            for r in con.execute(
                "SELECT account_id FROM score_groups WHERE cluster_id = 'campus' AND rep = ?",
                [rep],
            ).fetchall()
        ]
        # as many as the group, all from its institution outside the group (its
        # two members on gmail count as the institution's people too)
        assert len(drawn) == len(set(drawn)) == 12
        assert set(drawn) <= students - set(groups["campus"])
    assert con.execute("SELECT domain FROM group_institution").fetchall() == [
        ("stu.northbridge.edu",)
    ]


def test_a_group_with_a_few_students_keeps_strangers():
    groups, domains = _population()
    clustered = {a for members in groups.values() for a in members}
    # 10 of 12 on the domain: institutional at share 0.8, not at 0.9
    con = _store(groups, domains, ScoreConfig(institution_min_share=0.9))
    assert not con.execute("SELECT count(*) FROM group_institution").fetchall()[0][0]
    assert _drawn(con, "campus") and not _drawn(con, "campus") & clustered


def test_other_groups_keep_random_strangers_outside_every_cluster():
    groups, domains = _population()
    con = _store(groups, domains, ScoreConfig())
    clustered = {a for members in groups.values() for a in members}
    drawn = _drawn(con, "other")
    assert drawn and not drawn & clustered
    assert {domains[a] for a in drawn} == {"gmail.com"}


def test_a_group_that_is_most_of_its_institution_is_compared_with_all_of_it():
    domains = {f"s{i:02d}": "cs.kingsbridge.ac.uk" for i in range(14)}
    domains |= {f"g{i:02d}": "gmail.com" for i in range(40)}
    groups = {"campus": [f"s{i:02d}" for i in range(10)]}
    con = _store(groups, domains, ScoreConfig())
    drawn = _drawn(con, "campus")
    # 4 other students are fewer than the group: the whole institution is the pool
    assert drawn <= set(f"s{i:02d}" for i in range(14))
    assert drawn & set(groups["campus"])


def test_a_group_that_is_nearly_all_of_a_school_keeps_strangers():
    """Student addresses are sold: 12 fakes on a college where 2 real accounts are
    would otherwise be their own null model."""
    domains = {f"s{i:02d}": "mail.smallcollege.edu" for i in range(14)}
    domains |= {f"g{i:02d}": "gmail.com" for i in range(40)}
    groups = {"bought": [f"s{i:02d}" for i in range(12)]}
    con = _store(groups, domains, ScoreConfig())
    assert not con.execute("SELECT count(*) FROM group_institution").fetchall()[0][0]
    drawn = _drawn(con, "bought")
    assert drawn and not drawn & set(groups["bought"])
    # with the guard off it would be compared with itself
    con = _store(groups, domains, ScoreConfig(institution_max_cover=1.0))
    assert _drawn(con, "bought") & set(groups["bought"])


def _campus_network():
    """40 students, 20 of them signed up from the campus NAT 128.210.44.1 with 8 people
    on gmail; 20 strangers on gmail; 6 students and 10 strangers share a proxy exit.
    Group 'mixed': 5 students and the 7 gmail users from the campus NAT."""
    domains = {f"s{i:02d}": "stu.northbridge.edu" for i in range(40)}
    domains |= {f"c{i:02d}": "gmail.com" for i in range(8)}
    domains |= {f"g{i:02d}": "gmail.com" for i in range(20)}
    ips = {f"s{i:02d}": "128.210.44.1" for i in range(20)} | {
        f"c{i:02d}": "128.210.44.1" for i in range(8)
    }
    ips |= {f"s{i:02d}": "203.0.113.9" for i in range(30, 36)}
    ips |= {f"g{i:02d}": "203.0.113.9" for i in range(10)}
    groups = {"mixed": [f"s{i:02d}" for i in range(5)] + [f"c{i:02d}" for i in range(7)]}
    return groups, domains, ips


def test_people_on_personal_addresses_at_the_campus_network_are_the_institutions():
    groups, domains, ips = _campus_network()
    con = _store(groups, domains, ScoreConfig(), ips)
    # 5 of 12 on the domain, 12 of 12 with the campus NAT's people
    assert con.execute("SELECT domain FROM group_institution").fetchall() == [
        ("stu.northbridge.edu",)
    ]
    affiliated = {
        r[0] for r in con.execute("SELECT account_id FROM institution_accounts").fetchall()
    }
    # the proxy exit has 6 students among 16 accounts: not a campus, its gmail users strangers
    assert affiliated == {a for a in domains if a.startswith("s")} | {f"c{i:02d}" for i in range(8)}
    drawn = _drawn(con, "mixed")
    assert drawn and drawn <= affiliated - set(groups["mixed"])


def test_the_campus_network_needs_enough_students():
    groups, domains, ips = _campus_network()
    # 20 students at the NAT: a campus at network_min 20, not at 21 (and 0 turns it off)
    for network_min, institutional in ((20, True), (21, False), (0, False)):
        con = _store(groups, domains, ScoreConfig(institution_network_min=network_min), ips)
        found = con.execute("SELECT count(*) FROM group_institution").fetchall()[0][0]
        assert bool(found) == institutional, network_min
        strangers = {a for a in domains if a.startswith("g")}
        # country strata draw strangers; the institution never does
        assert bool(_drawn(con, "mixed") & strangers) != institutional, network_min


def test_the_list_decides_which_domains_are_institutions():
    groups, domains = _population()
    clustered = {a for members in groups.values() for a in members}
    con = _store(groups, domains, ScoreConfig(institution_domains=[]))
    assert not con.execute("SELECT count(*) FROM group_institution").fetchall()[0][0]
    assert _drawn(con, "campus") and not _drawn(con, "campus") & clustered  # country strata
    # a domain that merely ends in the letters of a suffix is not under it
    domains = {a: ("mystu.northbridgeedu" if d.endswith(".edu") else d) for a, d in domains.items()}
    con = _store(groups, domains, ScoreConfig())
    assert not con.execute("SELECT count(*) FROM group_institution").fetchall()[0][0]
    # a listed domain itself and any subdomain of it are
    domains = {a: ("northbridge.edu" if d.endswith("edu") else d) for a, d in domains.items()}
    con = _store(groups, domains, ScoreConfig(institution_domains=["northbridge.edu"]))
    assert con.execute("SELECT domain FROM group_institution").fetchall() == [("northbridge.edu",)]


def _settled(rows: list[tuple[str, datetime | None, list[datetime]]], hours: int) -> dict:
    con = duckdb.connect()
    con.execute("CREATE TEMP TABLE accounts (account_id VARCHAR, created_at TIMESTAMP)")
    con.executemany("INSERT INTO accounts VALUES (?, ?)", [(a, c) for a, c, _ in rows])
    con.execute("CREATE TEMP TABLE u_hour (account_id VARCHAR, hour TIMESTAMP, requests BIGINT)")
    con.executemany(
        "INSERT INTO u_hour VALUES (?, ?, 1)", [(a, h) for a, _, hs in rows for h in hs]
    )
    queries.execute(con, "score/settled_hours", activation_hours=hours)
    out: dict[str, list[datetime]] = {}
    for a, h in con.execute("SELECT account_id, hour FROM u_hour_settled ORDER BY ALL").fetchall():
        out.setdefault(a, []).append(h)
    return out


def test_activation_hours_are_left_out_of_the_sync_statistic():
    created = T0 + timedelta(minutes=20)  # 09:20
    hours = [T0, T0 + timedelta(hours=1), T0 + timedelta(hours=2), T0 + timedelta(days=3)]
    rows = [("a", created, hours), ("b", None, hours)]
    got = _settled(rows, 2)
    # 09:00 and 10:00 fall in the first two hours after 09:20; 11:00 ends after 11:20
    assert got["a"] == hours[2:]
    assert got["b"] == hours  # no signup time: every hour stays
    assert _settled(rows, 0)["a"] == hours  # 0: the signup hour itself stays too
