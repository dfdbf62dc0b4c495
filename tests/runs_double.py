"""A small, real stand-in for the analytic pipeline, and a store builder, for the runs tests.

``device_pipeline`` writes genuine snapshot tables into the real snapshot file:
accounts that share a signup device form a cluster (score grows with size:
3+ accounts are flagged), and clusters of one country form a campaign. Tests
change the store between rebuilds to make clusters grow, split, merge or
dissolve, so locking, publishing, stable ids and diffs are tested without the
real analytics. ``FG_DOUBLE_SLEEP`` (seconds) slows it down for kill tests.
"""

from __future__ import annotations

import os
import time

from fraudgraph.store import connect_store
from fraudgraph.workspace import Workspace

__all__ = ["device_pipeline", "add_accounts", "add_labels", "remove_accounts"]


def add_accounts(ws: Workspace, rows: list[tuple], *, email_domain: str = "example.com") -> None:
    """Append accounts (account_id, device, country) to the store as one "ingested file"."""
    con = connect_store(ws)
    try:
        file_id = con.execute("SELECT nextval('ingest_file_id')").fetchall()[0][0]
        con.execute(
            "INSERT INTO ingest_log (file_id, path, sha256, table_name, rows_read, rows_loaded,"
            " rows_duplicate, rows_quarantined, invalid_optional, ingested_at)"
            " VALUES ($f, $p, $s, 'accounts', $n, $n, 0, 0, NULL, now()::TIMESTAMP)",
            {"f": file_id, "p": f"accounts-{file_id}.csv", "s": f"sha{file_id}", "n": len(rows)},
        )
        for account_id, device, country in rows:
            con.execute(
                "INSERT INTO accounts (account_id, created_at, email, phone, country, signup_ip,"
                " signup_device_id, file_id) VALUES ($a, TIMESTAMP '2026-04-22 10:00:00', $e,"
                " '+1 415-555-0123', $c, '203.0.113.77', $d, $f)",
                {
                    "a": account_id,
                    "e": f"{account_id}@{email_domain}",
                    "c": country,
                    "d": device,
                    "f": file_id,
                },
            )
    finally:
        con.close()


def remove_accounts(ws: Workspace, account_ids: list[str]) -> None:
    """Delete accounts (and log a pseudo file so ``--if-changed`` notices)."""
    con = connect_store(ws)
    try:
        con.execute(
            "DELETE FROM accounts WHERE list_contains($ids, account_id)", {"ids": account_ids}
        )
        file_id = con.execute("SELECT nextval('ingest_file_id')").fetchall()[0][0]
        con.execute(
            "INSERT INTO ingest_log (file_id, path, sha256, table_name, rows_read, rows_loaded,"
            " rows_duplicate, rows_quarantined, invalid_optional, ingested_at)"
            " VALUES ($f, 'delete', 'x', 'accounts', 0, 0, 0, 0, NULL, now()::TIMESTAMP)",
            {"f": file_id},
        )
    finally:
        con.close()


def add_labels(ws: Workspace, rows: list[tuple]) -> None:
    """Ingest labels (account_id, label, ts or None)."""
    con = connect_store(ws)
    try:
        for i, (account_id, label, ts) in enumerate(rows):
            con.execute(
                "INSERT INTO labels VALUES ($a, $l, 'upstream', CAST($t AS TIMESTAMP), $h, 0)",
                {"a": account_id, "l": label, "t": ts, "h": i},
            )
    finally:
        con.close()


def _nap(share: float) -> None:
    total = float(os.environ.get("FG_DOUBLE_SLEEP", "0") or 0)
    if total:
        time.sleep(total * share)


def device_pipeline(con, config, release_store, progress) -> dict:
    """Clusters = accounts sharing a signup device; campaigns = clusters of one country."""
    t0 = time.perf_counter()
    progress("double: copying accounts")
    con.execute("CREATE TABLE accounts AS SELECT * FROM store.accounts")
    _nap(0.3)
    release_store()
    _nap(0.3)
    con.execute(
        """
        CREATE TABLE memberships AS
        WITH groups AS (
            SELECT signup_device_id AS device, any_value(country) AS country, count(*) AS n
            FROM accounts GROUP BY ALL HAVING count(*) >= 2
        ),
        numbered AS (
            SELECT *, 'c' || row_number() OVER (ORDER BY device DESC) AS cluster_id,
                   'k' || dense_rank() OVER (ORDER BY country) AS campaign_id
            FROM groups
        )
        SELECT a.account_id, n.cluster_id, n.campaign_id, 1.0::DOUBLE AS strength,
               coalesce(l.label, '') <> 'legit' AS exportable, '{}'::JSON AS why
        FROM accounts AS a
        JOIN numbered AS n ON n.device = a.signup_device_id
        LEFT JOIN labels AS l USING (account_id)
        """
    )
    con.execute(
        """
        CREATE TABLE clusters AS
        SELECT cluster_id, any_value(campaign_id) AS campaign_id, count(*) AS size,
               least(1.0, count(*) / 5.0)::DOUBLE AS score, count(*) >= 3 AS flagged,
               'shared device x' || count(*) AS reasons,
               min(a.created_at) AS created_first, max(a.created_at) AS created_last,
               1.0::DOUBLE AS density, 0 AS n_bridges,
               list(account_id ORDER BY account_id)[1:2] AS central_members,
               '{}'::JSON AS features, count(*) FILTER (exportable) AS n_exportable,
               0 AS requests, 0 AS input_tokens, 0 AS output_tokens,
               NULL::TIMESTAMP AS first_activity, NULL::TIMESTAMP AS last_activity,
               0 AS fraud_labels, 0 AS legit_labels
        FROM memberships JOIN accounts AS a USING (account_id)
        GROUP BY cluster_id
        """
    )
    con.execute(
        """
        CREATE TABLE campaigns AS
        SELECT campaign_id, sum(size) AS size, count(*) AS n_clusters, max(score) AS score,
               bool_or(flagged) AS flagged, 'devices' AS reasons, 'headline' AS headline
        FROM clusters GROUP BY campaign_id
        """
    )
    for table in ("evidence", "value_stats", "edges", "usage_daily"):
        con.execute(f"CREATE TABLE {table} (account_id VARCHAR)")
    _nap(0.4)
    return {
        "counts": {"accounts": con.execute("SELECT count(*) FROM accounts").fetchall()[0][0]},
        "timings": {"double": round(time.perf_counter() - t0, 3)},
    }
