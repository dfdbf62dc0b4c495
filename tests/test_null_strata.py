"""The null model's strata (queries/score/strata.sql): random groups come from the
same country and the same signup cohort, with fallbacks for thin strata.

Accounts that sign up together (a launch day, a term start) are active together
afterwards; measured against strangers from other weeks, their co-activity and
batches look like coordination. Measured against their own cohort, they do not.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import duckdb

from fraudgraph import queries

WEEK_A = datetime(2026, 5, 4, 12)  # a Monday; 7-day cohorts count from the epoch (Thursdays)
WEEK_B = WEEK_A + timedelta(days=21)


def _strata(rows: list[tuple[str, str, datetime, int, bool]], **params) -> dict[str, str]:
    """rows: (account_id, country, created_at, requests, clustered) -> account -> stratum."""
    con = duckdb.connect()
    con.execute(
        "CREATE TEMP TABLE accounts (account_id VARCHAR, country VARCHAR, created_at TIMESTAMP)"
    )
    con.execute("CREATE TEMP TABLE u_account (account_id VARCHAR, requests BIGINT)")
    con.execute("CREATE TEMP TABLE raw_clusters (cluster_id VARCHAR, account_id VARCHAR)")
    con.executemany("INSERT INTO accounts VALUES (?, ?, ?)", [r[:3] for r in rows])
    con.executemany("INSERT INTO u_account VALUES (?, ?)", [(r[0], r[3]) for r in rows])
    clustered = [(r[0],) for r in rows if r[4]]
    if clustered:
        con.executemany("INSERT INTO raw_clusters VALUES ('C-1', ?)", clustered)
    queries.execute(con, "score/strata", **{"min_stratum": 200, "cohort_days": 7, **params})
    return dict(con.execute("SELECT account_id, stratum FROM account_strata").fetchall())


def _cohort(at: datetime, days: int = 7) -> int:
    return int(at.timestamp() // (86400 * days))


def _population() -> list[tuple[str, str, datetime, int, bool]]:
    rows = []
    rows += [(f"us-a{i}", "US", WEEK_A + timedelta(minutes=i), 5, False) for i in range(250)]
    rows += [(f"us-b{i}", "US", WEEK_B + timedelta(minutes=i), 5, False) for i in range(30)]
    rows += [(f"de-a{i}", "DE", WEEK_A + timedelta(minutes=i), 5, False) for i in range(60)]
    rows += [(f"fr-b{i}", "FR", WEEK_B + timedelta(minutes=i), 5, False) for i in range(10)]
    rows += [(f"us-idle{i}", "US", WEEK_A, 0, False) for i in range(5)]
    # a ring of 300 in week A: clustered, so never its own null model
    rows += [(f"ring{i}", "US", WEEK_A + timedelta(seconds=i), 50, True) for i in range(300)]
    return rows


def test_a_full_cohort_stratum_is_country_activity_and_cohort():
    strata = _strata(_population())
    assert strata["us-a0"] == f"US|active|{_cohort(WEEK_A)}"
    # clustered accounts are measured in their own stratum but never fill it:
    # 300 ring members in week A do not make US week B (30 pool accounts) full
    assert strata["ring0"] == f"US|active|{_cohort(WEEK_A)}"


def test_thin_strata_fall_back_to_country_then_to_the_cohort_of_all_countries():
    strata = _strata(_population())
    # US week B has 30 pool accounts: the country (280 active) stands in
    assert strata["us-b0"] == "US|active"
    # DE has 60 pool accounts in all: week A of all countries (250 + 60) stands in
    assert strata["de-a0"] == f"*|active|{_cohort(WEEK_A)}"
    # FR week B: neither FR (10) nor week B (30 + 10) is full
    assert strata["fr-b0"] == "*|active"
    assert strata["us-idle0"] == "*|idle"


def test_cohorts_off_gives_country_and_activity_only():
    strata = _strata(_population(), cohort_days=0)
    assert strata["us-a0"] == "US|active" and strata["us-b0"] == "US|active"
    assert strata["de-a0"] == "*|active"


def test_a_missing_country_or_signup_time_still_gets_a_stratum():
    rows = _population() + [("nocountry", None, WEEK_A, 5, False), ("notime", "US", None, 5, False)]
    strata = _strata(rows)
    assert strata["nocountry"] == f"*|active|{_cohort(WEEK_A)}"
    assert strata["notime"] == "US|active"


def test_data_without_countries_is_stratified_by_cohort():
    rows = [(f"x{i}", None, WEEK_A + timedelta(minutes=i), 5, False) for i in range(250)]
    rows += [(f"y{i}", None, WEEK_B + timedelta(minutes=i), 5, False) for i in range(20)]
    strata = _strata(rows)
    assert strata["x0"] == f"*|active|{_cohort(WEEK_A)}"
    assert strata["y0"] == "*|active"
    assert None not in strata.values()
