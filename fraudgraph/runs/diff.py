"""What changed between two runs: new, grown, shrunk, merged, split and dissolved clusters,
and the accounts that joined an already-flagged cluster (the bulk-ban delta).

Cluster ids are stable across runs (see :mod:`fraudgraph.runs.ids`), so the
same id in both runs is the same cluster; merges and splits are read from the
member overlap of the two runs' memberships, exactly as the id matching does,
so ``diff`` also works between runs that are not consecutive.
"""

from __future__ import annotations

import json
from typing import Any

import duckdb

from fraudgraph.errors import NoRunError
from fraudgraph.queries import execute, has_table, relation
from fraudgraph.runs.durable import sql_path
from fraudgraph.runs.read import latest_run_id, list_runs, normalise_run_id, run_path
from fraudgraph.workspace import Workspace

__all__ = ["diff_runs", "diff_catalogs", "store_diff", "summarise", "flagged_accounts"]

_CATEGORIES = ("new", "grown", "shrunk", "merged", "split", "dissolved")


def _q(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _bind(con, old_catalog: str, new_catalog: str) -> None:
    for side, catalog in (("old", old_catalog), ("new", new_catalog)):
        for table in ("clusters", "memberships"):
            con.execute(
                f"CREATE OR REPLACE TEMP VIEW {side}_{table} AS"
                f" SELECT * FROM {_q(catalog)}.main.{table}"
            )
        con.execute(
            f"CREATE OR REPLACE TEMP VIEW {side}_groups AS SELECT account_id,"
            f" cluster_id AS group_id FROM {_q(catalog)}.main.memberships"
        )


def flagged_accounts(con, old_catalog: str, new_catalog: str) -> tuple[int, int]:
    """Accounts a ban would take in the old and the new run."""
    _bind(con, old_catalog, new_catalog)
    a, b = relation(con, "runs/flagged_accounts").fetchall()[0]
    return int(a), int(b)


def diff_catalogs(con, old_catalog: str, new_catalog: str) -> dict[str, Any]:
    """The full diff between two snapshots ATTACHed (or open) in ``con``."""
    _bind(con, old_catalog, new_catalog)
    execute(con, "runs/group_overlap")
    execute(con, "runs/diff_clusters")
    persisted = con.sql("SELECT * FROM diff_persisted ORDER BY cluster_id").pl()
    out: dict[str, Any] = {
        "new": con.sql("SELECT * FROM diff_new ORDER BY score DESC, cluster_id").pl().to_dicts(),
        "grown": persisted.filter(persisted["change"] == "grown").drop("change").to_dicts(),
        "shrunk": persisted.filter(persisted["change"] == "shrunk").drop("change").to_dicts(),
        "merged": con.sql("SELECT * FROM diff_merged ORDER BY cluster_id").pl().to_dicts(),
        "split": con.sql("SELECT * FROM diff_split ORDER BY cluster_id").pl().to_dicts(),
        "dissolved": con.sql("SELECT * FROM diff_dissolved ORDER BY cluster_id").pl().to_dicts(),
        "unchanged": int((persisted["change"] == "unchanged").sum()),
    }
    joined = relation(con, "runs/diff_joined_flagged").pl()
    out["newly_joined_flagged"] = joined.to_dicts()
    flagged_a, flagged_b = relation(con, "runs/flagged_accounts").fetchall()[0]
    out["flagged_accounts"] = {"a": int(flagged_a), "b": int(flagged_b)}
    return out


def store_diff(con, run_a: str, diff: dict[str, Any]) -> bool:
    """Store ``diff`` (from ``run_a``) in the snapshot open in ``con``; False if it is not
    plain JSON (then readers compute it again)."""
    try:
        text = json.dumps(diff, allow_nan=False)
    except (TypeError, ValueError):
        return False
    execute(con, "runs/run_diff_store", run_a=run_a, diff=text)
    return True


def _stored_diff(ws: Workspace, run_a: str, run_b: str) -> dict[str, Any] | None:
    """The diff ``run_b``'s rebuild stored from ``run_a``, if it stored that one."""
    con = duckdb.connect(str(run_path(ws, run_b)), read_only=True)
    try:
        has = has_table(con, "run_diff")
        rows = relation(con, "runs/run_diff_read", run_a=run_a).fetchall() if has else []
    finally:
        con.close()
    return json.loads(rows[0][0]) if rows else None


def summarise(diff: dict[str, Any]) -> dict[str, Any]:
    """Counts only: what ``rebuild --json`` carries and cron alerts on."""
    summary = {name: len(diff[name]) for name in _CATEGORIES}
    summary["unchanged"] = diff["unchanged"]
    joined = diff["newly_joined_flagged"]
    summary["newly_joined_flagged"] = len(joined)
    summary["newly_joined_flagged_exportable"] = sum(1 for j in joined if j.get("exportable"))
    summary["flagged_accounts_before"] = diff["flagged_accounts"]["a"]
    summary["flagged_accounts_after"] = diff["flagged_accounts"]["b"]
    return summary


def _default_pair(ws: Workspace, run_a: str | None, run_b: str | None) -> tuple[str, str]:
    runs = list_runs(ws)
    b = normalise_run_id(run_b) or latest_run_id(ws) or (runs[-1] if runs else None)
    if b is None:
        raise NoRunError(f"no published run for {ws.db}: run `fraudgraph rebuild` first")
    run_path(ws, b)
    a = normalise_run_id(run_a)
    if a is None:
        con = duckdb.connect(str(run_path(ws, b)), read_only=True)
        try:
            previous = con.execute("SELECT previous_run_id FROM run_info").fetchall()[0][0]
        finally:
            con.close()
        if previous in runs:
            a = previous
        else:
            older = [r for r in runs if int(r[2:]) < int(b[2:])]
            if not older:
                raise NoRunError(f"run {b} has no earlier kept run to compare with")
            a = older[-1]
    return a, b


def diff_runs(ws: Workspace, run_a: str | None = None, run_b: str | None = None) -> dict[str, Any]:
    """Changes from ``run_a`` to ``run_b`` (default: the latest run and the one before it).

    Returns
    -------
    dict
        ``run_a``, ``run_b``, ``summary`` (counts), and the lists ``new``, ``grown``,
        ``shrunk``, ``merged`` (cluster_id, previous_ids), ``split`` (cluster_id,
        into_ids), ``dissolved`` and ``newly_joined_flagged`` (account_id, cluster_id,
        strength, exportable, previous_cluster_id).
    """
    a, b = _default_pair(ws, run_a, run_b)
    stored = _stored_diff(ws, a, b)
    if stored is not None:
        return {"run_a": a, "run_b": b, "summary": summarise(stored), **stored}
    con = duckdb.connect()
    try:
        con.execute(f"ATTACH {sql_path(run_path(ws, a))} AS run_a (READ_ONLY)")
        con.execute(f"ATTACH {sql_path(run_path(ws, b))} AS run_b (READ_ONLY)")
        diff = diff_catalogs(con, "run_a", "run_b")
    finally:
        con.close()
    return {"run_a": a, "run_b": b, "summary": summarise(diff), **diff}
