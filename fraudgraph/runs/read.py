"""Reading published runs.

Readers never open the ingest store: everything they show comes from an
immutable run snapshot, opened read-only, so any number of readers work while
ingest writes the store and a rebuild publishes the next run. A run id given
by a person is validated against ``R-000123`` before it becomes a file name,
so ``--run ../../etc/passwd`` names nothing.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from fraudgraph.errors import InputError, NoRunError
from fraudgraph.pii import mask_email_expr, mask_ip_expr, mask_phone_expr
from fraudgraph.queries import relation
from fraudgraph.workspace import Workspace

__all__ = [
    "list_runs",
    "latest_run_id",
    "run_path",
    "open_run",
    "list_clusters",
    "run_info",
    "normalise_run_id",
]

_RUN = re.compile(r"^R-(\d{6,})$")


def normalise_run_id(run_id: str | None) -> str | None:
    """``"R-000012"``, ``"12"`` -> ``"R-000012"``; None/``"latest"`` -> None; else InputError."""
    if run_id is None:
        return None
    text = str(run_id).strip()
    if text.lower() in ("", "latest"):
        return None
    if text.isdigit():
        return f"R-{int(text):06d}"
    if _RUN.match(text):
        return text
    raise InputError(f"{run_id!r} is not a run id (expected e.g. R-000012)")


def list_runs(ws: Workspace) -> list[str]:
    """Published (kept) run ids, oldest first."""
    if not ws.runs_dir.is_dir():
        return []
    found = [p.stem for p in ws.runs_dir.glob("R-*.duckdb") if _RUN.match(p.stem)]
    return sorted(found, key=lambda r: int(r[2:]))


def latest_run_id(ws: Workspace) -> str | None:
    """The run named by ``LATEST``, or None when nothing is published."""
    try:
        text = (ws.runs_dir / "LATEST").read_text(encoding="utf-8").strip()
    except (FileNotFoundError, NotADirectoryError):
        return None
    return text if _RUN.match(text) else None


def run_path(ws: Workspace, run_id: str | None = None) -> Path:
    """Snapshot file of ``run_id`` (default latest). Raises NoRunError."""
    wanted = normalise_run_id(run_id)
    if wanted is None:
        wanted = latest_run_id(ws)
        if wanted is None:
            raise NoRunError(f"no published run for {ws.db}: run `fraudgraph rebuild` first")
    path = ws.runs_dir / f"{wanted}.duckdb"
    if not path.is_file():
        kept = ", ".join(list_runs(ws)[-5:]) or "none"
        raise NoRunError(f"run {wanted} is not kept in {ws.runs_dir} (recent runs: {kept})")
    return path


def open_run(ws: Workspace, run_id: str | None = None) -> duckdb.DuckDBPyConnection:
    """A read-only DuckDB connection to a run snapshot. Raises NoRunError.

    Retention may delete the file ``LATEST`` named a moment ago (a new run was
    published in between); resolving again then finds the new one.
    """
    for attempt in range(3):
        path = run_path(ws, run_id)
        try:
            return duckdb.connect(str(path), read_only=True)
        except duckdb.IOException:
            if attempt == 2 or path.exists():
                raise
    raise AssertionError("unreachable")


def run_info(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """The ``run_info`` row of an open snapshot, JSON columns decoded."""
    row = con.sql("SELECT * FROM run_info").pl().to_dicts()[0]
    for key, value in list(row.items()):
        if isinstance(value, str) and value[:1] in "[{":
            try:
                row[key] = json.loads(value)
            except json.JSONDecodeError:
                pass
    return row


def _central_details(con, cluster_ids: list[str], reveal: bool) -> dict[str, list[dict]]:
    details = relation(con, "runs/central_member_details", cluster_ids=cluster_ids).pl()
    if not reveal:
        details = details.with_columns(
            mask_email_expr(pl.col("email")).alias("email"),
            mask_phone_expr(pl.col("phone")).alias("phone"),
            mask_ip_expr(pl.col("signup_ip")).alias("signup_ip"),
        )
    grouped: dict[str, list[dict]] = {}
    for cluster_id, frame in details.partition_by("cluster_id", as_dict=True).items():
        grouped[cluster_id[0]] = frame.drop("cluster_id", "rank").to_dicts()
    return grouped


def list_clusters(
    ws: Workspace,
    *,
    top: int = 20,
    run: str | None = None,
    reveal: bool = False,
    actor: str = "unknown",
) -> list[dict]:
    """Clusters riskiest first: cluster_id, campaign_id, size, score, reasons, ... (PII masked).

    Each row also carries ``run_id`` and ``central_member_details`` (e-mail,
    phone, country and signup IP of the central members), masked unless
    ``reveal`` is set; a reveal is written to the audit log first.
    """
    if top < 1:
        raise InputError("--top must be at least 1")
    con = open_run(ws, run)
    try:
        run_id = con.execute("SELECT run_id FROM run_info").fetchall()[0][0]
        rows = relation(con, "runs/clusters_top", top=top).pl()
        if "features" in rows.columns:
            rows = rows.drop("features")
        ids = rows["cluster_id"].to_list()
        if reveal:
            from fraudgraph.ops import record_audit

            record_audit(
                ws, actor, "reveal", {"what": "clusters", "run_id": run_id, "cluster_ids": ids}
            )
        details = _central_details(con, ids, reveal) if ids else {}
    finally:
        con.close()
    out = []
    for row in rows.to_dicts():
        row["run_id"] = run_id
        row["central_member_details"] = details.get(row["cluster_id"], [])
        out.append(row)
    return out
