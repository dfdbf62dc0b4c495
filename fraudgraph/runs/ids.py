"""Stable, human-friendly ids for clusters (``C-000123``) and campaigns (``K-0007``).

Leiden's labels are arbitrary from one run to the next (on a 1% edge change
only about a quarter of raw labels survive), yet a ban system joins exports
on ``cluster_id`` day after day. So each new group is matched to the previous
run's groups by member overlap: a pair whose Jaccard index exceeds 0.5, each
the other's best match, keeps the old id (with disjoint groups a Jaccard above
0.5 makes the best match unique on both sides, so this is the greedy
best-first matching). Unmatched groups get the next numbers of a sequence that
never reuses an id. Merges (several old -> one new) and splits (one old ->
several new) are recorded in the snapshot's ``lineage`` table.

The pipeline writes provisional ids (``c17``, ``k3``); :func:`assign_stable_ids`
rewrites every snapshot table that has a ``cluster_id`` or ``campaign_id`` column.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from fraudgraph.queries import execute, sql

__all__ = ["MIN_JACCARD", "Level", "CLUSTERS", "CAMPAIGNS", "assign_stable_ids", "max_sequence"]

MIN_JACCARD = 0.5


@dataclass(frozen=True)
class Level:
    """One level of grouping: its table, id column and id format."""

    table: str
    column: str
    id_format: str
    prefix: str


CLUSTERS = Level("clusters", "cluster_id", "C-%06d", "C-")
CAMPAIGNS = Level("campaigns", "campaign_id", "K-%04d", "K-")


def _q(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _bind_level(con, level: Level, new_catalog: str, old_catalog: str | None) -> None:
    new = f"{_q(new_catalog)}.main"
    con.execute(
        f"CREATE OR REPLACE TEMP VIEW new_groups AS SELECT account_id, {level.column} AS group_id"
        f" FROM {new}.memberships WHERE {level.column} IS NOT NULL"
    )
    con.execute(
        f"CREATE OR REPLACE TEMP VIEW new_group_info AS SELECT {level.column} AS group_id,"
        f" score, size FROM {new}.{level.table}"
    )
    if old_catalog is None:
        con.execute(
            "CREATE OR REPLACE TEMP VIEW old_groups AS SELECT CAST(NULL AS VARCHAR) AS account_id,"
            " CAST(NULL AS VARCHAR) AS group_id WHERE FALSE"
        )
    else:
        con.execute(
            f"CREATE OR REPLACE TEMP VIEW old_groups AS SELECT account_id,"
            f" {level.column} AS group_id FROM {_q(old_catalog)}.main.memberships"
            f" WHERE {level.column} IS NOT NULL"
        )


def max_sequence(con, catalog: str, level: Level) -> int:
    """Highest id number used in ``catalog``'s table of ``level`` (0 when none)."""
    rows = con.execute(
        f"SELECT max(TRY_CAST(substr({level.column}, 3) AS BIGINT)) FROM"
        f" {_q(catalog)}.main.{level.table} WHERE starts_with({level.column}, $prefix)",
        {"prefix": level.prefix},
    ).fetchall()
    return int(rows[0][0] or 0)


def _map_level(con, level: Level, new_catalog: str, old_catalog: str | None, next_seq: int) -> dict:
    _bind_level(con, level, new_catalog, old_catalog)
    execute(con, "runs/group_overlap")
    con.execute(
        "CREATE OR REPLACE TEMP TABLE group_matches AS " + sql("runs/group_matches"),
        {"min_jaccard": MIN_JACCARD},
    )
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {level.table}_id_map AS " + sql("runs/group_ids"),
        {"id_format": level.id_format, "next_seq": next_seq},
    )
    con.execute(f"CREATE OR REPLACE TEMP VIEW group_ids AS SELECT * FROM {level.table}_id_map")
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {level.table}_lineage AS " + sql("runs/group_lineage")
    )
    kept, fresh = con.execute(
        f"SELECT count(*) FILTER (kept), count(*) FILTER (NOT kept) FROM {level.table}_id_map"
    ).fetchall()[0]
    return {"kept": int(kept), "new": int(fresh), "next_seq": next_seq + int(fresh)}


def _tables_with(con, catalog: str, column: str) -> list[str]:
    rows = con.execute(
        "SELECT DISTINCT c.table_name FROM duckdb_columns() AS c JOIN duckdb_tables() AS t"
        " ON t.database_name = c.database_name AND t.schema_name = c.schema_name"
        " AND t.table_name = c.table_name"
        " WHERE c.database_name = $db AND c.schema_name = 'main' AND c.column_name = $col"
        " ORDER BY 1",
        {"db": catalog, "col": column},
    ).fetchall()
    return [r[0] for r in rows]


def _rewrite(con, catalog: str, level: Level) -> None:
    target = f"{_q(catalog)}.main"
    for table in _tables_with(con, catalog, level.column):
        con.execute(
            f"CREATE OR REPLACE TABLE {target}.{_q(table)} AS"
            f" SELECT t.* REPLACE (coalesce(m.stable_id, t.{level.column}) AS {level.column})"
            f" FROM {target}.{_q(table)} AS t"
            f" LEFT JOIN {level.table}_id_map AS m ON m.provisional_id = t.{level.column}"
        )


def assign_stable_ids(
    con: duckdb.DuckDBPyConnection,
    *,
    previous_catalog: str | None,
    next_cluster_seq: int,
    next_campaign_seq: int,
) -> dict:
    """Give the new snapshot (``con``'s default database) stable cluster and campaign ids.

    Parameters
    ----------
    con
        Read-write connection to the new snapshot, with provisional ids.
    previous_catalog
        Name under which the previous published run is ATTACHed (None: first run).
    next_cluster_seq, next_campaign_seq
        First unused id numbers (ids are never reused, even for dissolved groups).

    Returns
    -------
    dict
        ``{"clusters": {"kept", "new", "next_seq"}, "campaigns": {...}}``; the snapshot gets
        a ``lineage`` table (cluster_id, event, previous_ids, jaccard).
    """
    catalog = con.execute("SELECT current_database()").fetchall()[0][0]
    summary = {}
    for level, next_seq in ((CLUSTERS, next_cluster_seq), (CAMPAIGNS, next_campaign_seq)):
        summary[level.table] = _map_level(con, level, catalog, previous_catalog, next_seq)
    for level in (CLUSTERS, CAMPAIGNS):
        _rewrite(con, catalog, level)
    con.execute(
        f"CREATE OR REPLACE TABLE {_q(catalog)}.main.lineage AS"
        " SELECT m.stable_id AS cluster_id, l.event, l.previous_ids, l.jaccard"
        " FROM clusters_lineage AS l JOIN clusters_id_map AS m ON m.provisional_id = l.group_id"
        " ORDER BY cluster_id"
    )
    return summary
