"""The ops database: manual labels and the append-only audit log.

``<db>.ops.duckdb`` is its own file so that labelling in the app never waits
for an ingest or a rebuild. It is opened briefly read-write (another process
may hold it for milliseconds: we retry) and closed at once.

An account's effective label is the newest by time across the store's
ingested ``labels`` and ``labels_manual``; a manual ``clear`` withdraws the
manual label (see ``queries/runs/effective_labels.sql``). Every label change
is audited with the label before and after.
"""

from __future__ import annotations

import getpass
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import duckdb
import polars as pl

from fraudgraph.errors import InputError, StoreBusyError
from fraudgraph.queries import execute, has_table, relation, sql
from fraudgraph.runs.durable import retry_busy, sql_path
from fraudgraph.workspace import Workspace

__all__ = [
    "os_user",
    "record_audit",
    "read_audit",
    "set_label",
    "effective_labels",
    "label_history",
    "manual_labels",
    "ingested_labels",
    "bind_label_sources",
]


def os_user(fallback: str = "unknown") -> str:
    """The operating-system user, for the audit log's actor when nobody is named."""
    try:
        return getpass.getuser()
    except Exception:  # no passwd entry in some containers
        return os.environ.get("USER", fallback)


VERDICTS = ("fraud", "legit", "clear")
SCOPES = ("account", "cluster", "campaign")
AUDIT_ACCOUNT_LIST = 1000  # label audits list at most this many accounts (labels_manual has all)

_MANUAL_SCHEMA = {
    "label_id": pl.Int64,
    "ts": pl.Datetime("us"),
    "actor": pl.String,
    "account_id": pl.String,
    "label": pl.String,
    "note": pl.String,
}
_INGESTED_SCHEMA = {
    "account_id": pl.String,
    "label": pl.String,
    "source": pl.String,
    "ts": pl.Datetime("us"),
}


@contextmanager
def _ops(ws: Workspace, *, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection | None]:
    """A short-lived ops connection (None for a reader when the ops file does not exist yet)."""
    if read_only and not ws.ops_path.exists():
        yield None
        return
    con = retry_busy(
        lambda: duckdb.connect(str(ws.ops_path), read_only=read_only),
        what=f"ops database {ws.ops_path}",
        timeout=30,
    )
    try:
        if not read_only:
            execute(con, "runs/ops_schema")
        yield con
    finally:
        con.close()


def record_audit(ws: Workspace, actor: str, action: str, details: dict[str, Any]) -> None:
    """Append one audit entry (ts now, UTC)."""
    with _ops(ws) as con:
        execute(
            con,
            "runs/audit_append",
            actor=actor,
            action=action,
            details=json.dumps(details, default=str),
        )


def read_audit(ws: Workspace, *, limit: int = 200) -> list[dict[str, Any]]:
    """Newest first: {ts, actor, action, details}."""
    with _ops(ws, read_only=True) as con:
        if con is None or not has_table(con, "audit"):
            return []
        rows = relation(con, "runs/audit_recent", limit=limit).pl().to_dicts()
    for row in rows:
        row["details"] = json.loads(row["details"]) if row["details"] else {}
    return rows


def label_history(ws: Workspace, *, limit: int = 500) -> pl.DataFrame:
    """Manual label changes, newest first (who labelled what, when)."""
    with _ops(ws, read_only=True) as con:
        if con is not None and has_table(con, "labels_manual"):
            return relation(con, "runs/label_history", limit=limit).pl()
    return pl.DataFrame(
        schema={
            "label_id": pl.Int64,
            "ts": pl.Datetime("us"),
            "actor": pl.String,
            "account_id": pl.String,
            "label": pl.String,
            "previous_label": pl.String,
            "note": pl.String,
            "scope": pl.String,
            "scope_id": pl.String,
            "run_id": pl.String,
        }
    )


def manual_labels(ws: Workspace) -> pl.DataFrame:
    """Every row of ``labels_manual`` (columns of :data:`_MANUAL_SCHEMA`)."""
    with _ops(ws, read_only=True) as con:
        if con is not None and has_table(con, "labels_manual"):
            return con.sql(
                "SELECT label_id, ts, actor, account_id, label, note FROM labels_manual"
            ).pl()
    return pl.DataFrame(schema=_MANUAL_SCHEMA)


def ingested_labels(ws: Workspace, *, timeout: float = 60.0) -> pl.DataFrame | None:
    """The store's ingested ``labels`` (account_id, label, source, ts); None if there is no store.

    Raises StoreBusyError when an ingest holds the store for more than ``timeout`` seconds.
    """
    if not ws.store_path.exists():
        return None

    def read() -> pl.DataFrame:
        con = duckdb.connect()
        try:
            con.execute(f"ATTACH {sql_path(ws.store_path)} AS store (READ_ONLY)")
            if not has_table(con, "labels", "store"):
                return pl.DataFrame(schema=_INGESTED_SCHEMA)
            return con.sql(
                "SELECT CAST(account_id AS VARCHAR) AS account_id, CAST(label AS VARCHAR) AS label,"
                " CAST(source AS VARCHAR) AS source, CAST(ts AS TIMESTAMP) AS ts FROM store.labels"
            ).pl()
        finally:
            con.close()

    return retry_busy(read, what=f"store {ws.store_path}", timeout=timeout)


def bind_label_sources(con: duckdb.DuckDBPyConnection, ingested: str, manual: pl.DataFrame) -> None:
    """Create the temp views ``queries/runs/effective_labels.sql`` reads: ``ingested`` is a SQL
    table name (e.g. ``store.labels``) with account_id, label, source, ts; ``manual`` is
    :func:`manual_labels`."""
    con.register("label_frame_manual", manual)
    con.execute(
        "CREATE OR REPLACE TEMP VIEW label_source_manual AS SELECT * FROM label_frame_manual"
    )
    con.execute(
        "CREATE OR REPLACE TEMP VIEW label_source_ingested AS SELECT account_id, label, source,"
        f" ts FROM {ingested}"
    )


def effective_labels(
    ws: Workspace, *, ingested: pl.DataFrame | None = None, store_timeout: float = 10.0
) -> pl.DataFrame:
    """account_id, label, source, actor, ts, note: the newest label per account
    across the store's ingested ``labels`` table and ``labels_manual``.

    ``ingested`` replaces the store's labels (e.g. when the store is busy). Raises
    StoreBusyError when an ingest holds the store for more than ``store_timeout`` seconds.
    """
    if ingested is None:
        ingested = ingested_labels(ws, timeout=store_timeout)
    if ingested is None:
        ingested = pl.DataFrame(schema=_INGESTED_SCHEMA)
    con = duckdb.connect()
    try:
        con.register("label_frame_ingested", ingested)
        bind_label_sources(con, "label_frame_ingested", manual_labels(ws))
        return con.sql(sql("runs/effective_labels")).pl()
    finally:
        con.close()


def _scope_accounts(
    ws: Workspace, target: str, scope: str, run: str | None
) -> tuple[list[str], str | None]:
    if scope == "account":
        if not target.strip():
            raise InputError("label needs an account id")
        return [target], None
    from fraudgraph.runs.read import open_run

    con = open_run(ws, run)
    try:
        run_id = con.execute("SELECT run_id FROM run_info").fetchall()[0][0]
        members = relation(con, "runs/scope_members", scope=scope, scope_id=target).pl()
    finally:
        con.close()
    if members.height == 0:
        raise InputError(f"{scope} {target!r} has no members in run {run_id}")
    return members["account_id"].to_list(), run_id


def set_label(
    ws: Workspace,
    target: str,
    verdict: str,
    *,
    scope: str = "account",
    note: str = "",
    run: str | None = None,
    actor: str = "unknown",
) -> dict[str, Any]:
    """Label an account, or every member of a cluster/campaign of ``run``.

    ``verdict`` is fraud, legit or clear (withdraw the manual label).

    Audited with before/after. Returns {"accounts": n, "verdict", "scope", "target",
    "run_id", "before": {label: count}}.
    """
    verdict = verdict.strip().lower()
    if verdict not in VERDICTS:
        raise InputError(f"verdict must be one of {', '.join(VERDICTS)}, not {verdict!r}")
    if scope not in SCOPES:
        raise InputError(f"--scope must be one of {', '.join(SCOPES)}, not {scope!r}")
    accounts, run_id = _scope_accounts(ws, target, scope, run)
    targets = pl.DataFrame({"account_id": accounts}, schema={"account_id": pl.String})
    try:
        labels_now = effective_labels(ws, store_timeout=5.0)
        before_source = "store+manual"
    except StoreBusyError:  # an ingest holds the store: labelling must not wait for it
        labels_now = effective_labels(ws, ingested=pl.DataFrame(schema=_INGESTED_SCHEMA))
        before_source = "manual only (store busy)"
    current = labels_now.select("account_id", pl.col("label").alias("previous_label"))
    targets = targets.join(current, on="account_id", how="left")
    before = (
        targets.group_by(pl.col("previous_label").fill_null("none"))
        .len()
        .sort("previous_label")
        .rows()
    )
    after = None if verdict == "clear" else verdict
    changes = targets.head(AUDIT_ACCOUNT_LIST).rename({"previous_label": "before"})
    details = {
        "scope": scope,
        "target": target,
        "run_id": run_id,
        "verdict": verdict,
        "note": note,
        "accounts": targets.height,
        "before": dict(before),
        "before_source": before_source,
        "after": after,
        "changes": changes.with_columns(pl.lit(after).alias("after")).to_dicts(),
        "changes_truncated": targets.height > AUDIT_ACCOUNT_LIST,
    }
    with _ops(ws) as con:
        con.execute("BEGIN")
        try:
            con.register("label_targets", targets)
            execute(
                con,
                "runs/labels_manual_insert",
                actor=actor,
                label=after,
                note=note,
                scope=scope,
                scope_id=target,
                run_id=run_id,
            )
            execute(
                con,
                "runs/audit_append",
                actor=actor,
                action="label",
                details=json.dumps(details, default=str),
            )
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    return {
        "accounts": targets.height,
        "verdict": verdict,
        "scope": scope,
        "target": target,
        "run_id": run_id,
        "before": dict(before),
    }
