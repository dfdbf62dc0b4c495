"""Small SQL helpers shared by tests: the group_stats inputs, the hour-mask check."""

from __future__ import annotations

import duckdb


def group_stats_inputs(con: duckdb.DuckDBPyConnection) -> None:
    """Create the empty temp tables queries/score/group_stats.sql reads and writes."""
    con.execute("CREATE TEMP TABLE accounts (account_id VARCHAR, created_at TIMESTAMP)")
    con.execute(
        "CREATE TEMP TABLE score_groups (cluster_id VARCHAR, rep INTEGER, account_id VARCHAR)"
    )
    con.execute("CREATE TEMP TABLE raw_clusters (cluster_id VARCHAR, account_id VARCHAR)")
    con.execute(
        "CREATE TEMP TABLE u_template_specific (account_id VARCHAR, template VARCHAR, "
        "global_share DOUBLE, specific BOOLEAN)"
    )
    con.execute("CREATE TEMP TABLE u_hour_settled (account_id VARCHAR, hour TIMESTAMP)")
    con.execute(
        "CREATE TEMP TABLE group_stats (cluster_id VARCHAR, rep INTEGER, n BIGINT, "
        "signup DOUBLE, template DOUBLE, sync DOUBLE)"
    )
    con.execute("CREATE TEMP TABLE group_lockstep (cluster_id VARCHAR, template VARCHAR)")


def add_signup_prefix(con: duckdb.DuckDBPyConnection) -> None:
    """Give a hand-made ``accounts`` table the ingest's ``signup_ip_prefix`` (/24, /48)."""
    from fraudgraph.ingest.normalise import normalise_ip

    con.execute("ALTER TABLE accounts ADD COLUMN signup_ip_prefix VARCHAR")
    ips = [r[0] for r in con.execute("SELECT DISTINCT signup_ip_norm FROM accounts").fetchall()]
    prefixes = [(normalise_ip(ip).prefix, ip) for ip in ips if ip is not None]
    if prefixes:
        con.executemany(
            "UPDATE accounts SET signup_ip_prefix = ? WHERE signup_ip_norm = ?", prefixes
        )


def masked_and_active_hours(con: duckdb.DuckDBPyConnection) -> tuple[int, int]:
    """(hours set in the store's day masks, ORed over models; distinct (account, hour)
    pairs of its api_requests): equal when the masks are right."""
    masked = con.execute(
        "SELECT sum(bit_count(mask)) FROM (SELECT account_id, day,"
        " bit_or(active_hours) AS mask FROM usage_account_day GROUP BY ALL)"
    ).fetchall()[0][0]
    active = con.execute(
        "SELECT count(*) FROM (SELECT DISTINCT account_id, date_trunc('hour', ts)"
        " FROM api_requests)"
    ).fetchall()[0][0]
    return masked, active
