"""Rebuild orchestration: lock, build a snapshot, give it stable ids, check it, publish it.

The analysis itself is :func:`fraudgraph.graph.pipeline.build_snapshot`; this
module owns everything around it that makes a rebuild safe to run from cron
while analysts read and ingest writes:

1. take the rebuild lock (a second rebuild exits 3; a dead holder's lock is taken over);
2. delete what an interrupted rebuild left (``.building-*`` files);
3. with ``--if-changed``, stop when no file was ingested and no label or config changed;
4. build ``runs_dir/.building-R-000012-<pid>.duckdb`` with the store ATTACHed read-only
   only while the pipeline copies from it, and the effective labels as a table;
5. match clusters and campaigns to the previous run (stable ids, lineage) and diff;
6. sanity-check the flagged-account count against the previous run (warn, or hold);
7. checkpoint, close, fsync, rename to ``R-000012.duckdb``, point ``LATEST`` at it,
   apply retention, audit.

A ``kill -9`` anywhere leaves the last published run intact: nothing published
is ever written, and the new run appears only through atomic renames.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
from rich.console import Console

from fraudgraph import ops
from fraudgraph.config import Config, load_config
from fraudgraph.errors import InputError
from fraudgraph.graph.incremental import BASE, PIPELINE_VERSION
from fraudgraph.queries import execute, has_table, relation, sql
from fraudgraph.runs import diff as run_diff
from fraudgraph.runs.durable import retry_busy, sql_path
from fraudgraph.runs.ids import CAMPAIGNS, CLUSTERS, assign_stable_ids, max_sequence
from fraudgraph.runs.lock import rebuild_lock
from fraudgraph.runs.publish import (
    apply_retention,
    building_path,
    clean_leftovers,
    next_run_id,
    point_latest,
    publish_file,
)
from fraudgraph.runs.read import latest_run_id, list_runs, run_path
from fraudgraph.store import SCHEMA_VERSION, connect_store, schema_version
from fraudgraph.workspace import Workspace

__all__ = ["rebuild", "Pipeline", "Progress", "STORE_WAIT_SECONDS"]

Pipeline = Callable[[duckdb.DuckDBPyConnection, Config, Callable[[], None], "Progress"], dict]
STORE_WAIT_SECONDS = 600.0


class Progress:
    """Progress lines on stderr: ``progress("edges", "1.2M edges")`` or ``progress(k=v)``."""

    def __init__(self, run_id: str = "", *, quiet: bool = False):
        self.run_id = run_id
        self.quiet = quiet
        self.console = Console(stderr=True, highlight=False, soft_wrap=True)
        self.start = time.perf_counter()

    def __call__(self, *parts: Any, **info: Any) -> None:
        if self.quiet:
            return
        text = " ".join(str(p) for p in parts)
        if info:
            text += " " + " ".join(f"{k}={v}" for k, v in info.items())
        elapsed = time.perf_counter() - self.start
        self.console.print(f"[dim]{elapsed:7.1f}s[/dim] [bold]rebuild {self.run_id}[/bold] {text}")

    def warn(self, message: str) -> None:
        self.console.print(f"[bold red]fraudgraph: WARNING:[/bold red] {message}")


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


@contextmanager
def _stage(timings: dict[str, float], name: str) -> Iterator[None]:
    start = time.perf_counter()
    try:
        yield
    finally:
        timings[name] = round(time.perf_counter() - start, 3)


def _load(ws: Workspace, config_path: str | Path | None) -> tuple[Config, str | None]:
    if config_path is not None:
        return load_config(config_path), str(config_path)
    if ws.config_path.exists():
        return load_config(ws.config_path), str(ws.config_path)
    return load_config(None), None


def _default_pipeline() -> Pipeline:
    from fraudgraph.graph.pipeline import build_snapshot

    return build_snapshot


def _has_database(con, name: str) -> bool:
    rows = con.execute(
        "SELECT count(*) FROM duckdb_databases() WHERE database_name = $n", {"n": name}
    ).fetchall()
    return rows[0][0] > 0


def _attach_store(con, ws: Workspace) -> None:
    """ATTACH the store read-only as ``store``, first upgrading a store whose
    schema is older than this fraudgraph's (a rebuild right after an upgrade,
    before any ingest has opened the store read-write and migrated it)."""

    def attach() -> None:
        con.execute(f"ATTACH {sql_path(ws.store_path)} AS store (READ_ONLY)")

    retry_busy(attach, what=f"store {ws.store_path}", timeout=STORE_WAIT_SECONDS)
    if schema_version(con, "store") >= SCHEMA_VERSION:
        return
    con.execute("DETACH store")
    connect_store(ws, wait_seconds=STORE_WAIT_SECONDS).close()  # read-write: migrates
    retry_busy(attach, what=f"store {ws.store_path}", timeout=STORE_WAIT_SECONDS)


def _store_marks(con) -> dict[str, Any]:
    if not has_table(con, "ingest_log", "store"):
        return {"ingest_files": None}
    row = relation(con, "runs/input_marks").pl().to_dicts()[0]
    return row


def _input_marks(store_marks: dict, manual, config: Config) -> dict[str, Any]:
    config_hash = hashlib.sha256(config.model_dump_json().encode()).hexdigest()
    return {
        **store_marks,
        "pipeline_version": PIPELINE_VERSION,
        "manual_labels": manual.height,
        "last_manual_label_id": int(manual["label_id"].max()) if manual.height else None,
        "config_sha256": config_hash,
    }


def _run_info(path: Path) -> dict[str, Any]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        row = con.sql("SELECT * FROM run_info").pl().to_dicts()[0]
    finally:
        con.close()
    for key in ("inputs", "params", "counts"):
        if isinstance(row.get(key), str):
            row[key] = json.loads(row[key])
    return row


def _incremental_base(
    ws: Workspace, previous: str | None, marks: dict[str, Any], full: bool
) -> tuple[str | None, str]:
    """The run to build on incrementally (or ``None``) and why."""
    if full:
        return None, "--full"
    if previous is None:
        return None, "no previous run"
    recorded = _run_info(ws.runs_dir / f"{previous}.duckdb").get("inputs") or {}
    if recorded.get("pipeline_version") != PIPELINE_VERSION:
        return None, f"{previous} was built by another pipeline version"
    if recorded.get("config_sha256") != marks.get("config_sha256"):
        return None, f"the config changed since {previous}"
    before, now = recorded.get("max_file_id"), marks.get("max_file_id")
    if before is None or now is None or int(before) > int(now):
        return None, f"the store does not extend the one {previous} was built from"
    return previous, f"builds on {previous}"


def _unchanged(ws: Workspace, config: Config, newest: str | None) -> dict | None:
    """The skip summary when nothing changed since the newest run, else None."""
    if newest is None:
        return None
    recorded = _run_info(ws.runs_dir / f"{newest}.duckdb").get("inputs")
    manual = ops.manual_labels(ws)
    con = duckdb.connect()
    try:
        _attach_store(con, ws)
        marks = _input_marks(_store_marks(con), manual, config)
    finally:
        con.close()
    if recorded != json.loads(json.dumps(marks, default=str)) or marks.get("ingest_files") is None:
        return None
    return {"changed": False, "run_id": newest, "latest_run_id": latest_run_id(ws), "inputs": marks}


def rebuild(
    ws: Workspace,
    *,
    config_path: str | Path | None = None,
    if_changed: bool = False,
    hold_on_anomaly: bool = False,
    full: bool = False,
    actor: str = "unknown",
    pipeline: Pipeline | None = None,
    quiet: bool = False,
) -> dict[str, Any]:
    """Build, check and publish a new run; return its summary.

    Parameters
    ----------
    ws
        The database family.
    config_path
        TOML config (default: ``<db>.toml`` beside the store if present).
    if_changed
        Do nothing (``{"changed": False, ...}``) when no data, label or config changed
        since the newest run.
    hold_on_anomaly
        Keep an anomalous run (flagged accounts jumped ``runs.anomaly_factor`` times) out of
        ``LATEST`` (``held: true``) instead of publishing it with a warning.
    full
        Derive everything from scratch. Otherwise, when the previous run was built with
        the same config and pipeline version from a store this one extends, its
        evidence and fine partition are reused (:mod:`fraudgraph.graph.incremental`).
    actor
        Who runs it, for the audit log.
    pipeline
        The analysis (default :func:`fraudgraph.graph.pipeline.build_snapshot`).

    Returns
    -------
    dict
        run_id, previous_run_id, build (mode "full" or "incremental", base_run_id, reason),
        published, held, timings (seconds per stage), counts,
        diff (summary counts), ids, warnings, removed_runs, path.

    Raises
    ------
    RebuildLockedError
        Another rebuild holds the lock (exit 3).
    InputError
        No store yet, or a bad config.
    """
    if not ws.store_path.exists():
        raise InputError(f"no store at {ws.store_path}: run `fraudgraph ingest` first")
    config, config_file = _load(ws, config_path)
    started_at = _now()
    timings: dict[str, Any] = {}
    total = time.perf_counter()
    with rebuild_lock(ws) as lock_info:
        timings["lock"] = round(time.perf_counter() - total, 3)
        ws.runs_dir.mkdir(parents=True, exist_ok=True)
        clean_leftovers(ws)
        kept = list_runs(ws)
        newest = kept[-1] if kept else None
        if if_changed:
            skip = _unchanged(ws, config, newest)
            if skip is not None:
                print(
                    f"fraudgraph: nothing changed since {newest} (no new ingest, labels or config);"
                    " not rebuilding",
                    file=sys.stderr,
                )
                return skip
        pipeline = pipeline or _default_pipeline()
        run_id = next_run_id(ws)
        progress = Progress(run_id, quiet=quiet)
        previous = latest_run_id(ws)
        if previous is not None and not (ws.runs_dir / f"{previous}.duckdb").exists():
            progress.warn(f"LATEST names {previous}, which is not kept; building without it")
            previous = None
        try:
            summary = _build_and_publish(
                ws,
                config,
                config_file,
                pipeline,
                progress,
                run_id=run_id,
                previous=previous,
                newest=newest,
                hold_on_anomaly=hold_on_anomaly,
                full=full,
                actor=actor,
                timings=timings,
                started_at=started_at,
                lock_info=lock_info,
            )
        except BaseException as exc:
            for leftover in ws.runs_dir.glob(f".building-{run_id}-*"):
                leftover.unlink(missing_ok=True)
            if isinstance(exc, Exception):
                _audit_quietly(ws, actor, "rebuild-failed", {"run_id": run_id, "error": str(exc)})
            raise
    summary["timings"]["total"] = round(time.perf_counter() - total, 3)
    _audit_quietly(ws, actor, "rebuild", _audit_details(summary))
    return summary


def _audit_details(summary: dict) -> dict:
    keep = (
        "run_id",
        "previous_run_id",
        "published",
        "held",
        "counts",
        "diff",
        "warnings",
        "timings",
    )
    return {k: summary.get(k) for k in keep}


def _audit_quietly(ws: Workspace, actor: str, action: str, details: dict) -> None:
    try:
        ops.record_audit(ws, actor, action, details)
    except Exception as exc:  # the run is published; a busy ops file must not undo that
        print(f"fraudgraph: warning: could not write the audit log: {exc}", file=sys.stderr)


def _build_and_publish(
    ws: Workspace,
    config: Config,
    config_file: str | None,
    pipeline: Pipeline,
    progress: Progress,
    *,
    run_id: str,
    previous: str | None,
    newest: str | None,
    hold_on_anomaly: bool,
    full: bool,
    actor: str,
    timings: dict[str, Any],
    started_at: datetime,
    lock_info: dict,
) -> dict[str, Any]:
    warnings: list[str] = []
    next_seq = {"cluster": 1, "campaign": 1}
    if newest is not None:
        info = _run_info(ws.runs_dir / f"{newest}.duckdb")
        next_seq["cluster"] = int(info.get("next_cluster_seq") or 1)
        next_seq["campaign"] = int(info.get("next_campaign_seq") or 1)

    building = building_path(ws, run_id)
    progress("building", str(building.name), previous=previous or "none")
    con = duckdb.connect(str(building))
    attached = {"store": False}

    def release_store() -> None:
        if attached["store"]:
            con.execute("DROP VIEW IF EXISTS label_source_ingested")
            con.execute("DETACH store")
            attached["store"] = False

    try:
        with _stage(timings, "labels"):
            _attach_store(con, ws)
            attached["store"] = True
            manual = ops.manual_labels(ws)
            marks = _input_marks(_store_marks(con), manual, config)
            if has_table(con, "labels", "store"):
                ops.bind_label_sources(con, "store.labels", manual)
            else:
                con.register("no_ingested_labels", _empty_ingested())
                ops.bind_label_sources(con, "no_ingested_labels", manual)
            con.execute("CREATE TABLE labels AS " + sql("runs/effective_labels"))
        base, why = _incremental_base(ws, previous, marks, full)
        mode = {"mode": "incremental" if base else "full", "base_run_id": base, "reason": why}
        if base is not None:
            con.execute(f"ATTACH {sql_path(run_path(ws, base))} AS {BASE} (READ_ONLY)")
        progress("pipeline", mode["mode"], why)
        with _stage(timings, "pipeline"):
            result = pipeline(con, config, release_store, progress) or {}
        release_store()
        if base is not None and _has_database(con, BASE):
            con.execute(f"DETACH {BASE}")
        if base is not None and "incremental_evidence_reused" not in result.get("counts", {}):
            mode = {"mode": "full", "base_run_id": None, "reason": f"{base} has nothing to reuse"}
        timings["pipeline_stages"] = result.get("timings", {})

        with _stage(timings, "ids"):
            catalog = con.execute("SELECT current_database()").fetchall()[0][0]
            if previous is not None:
                con.execute(f"ATTACH {sql_path(run_path(ws, previous))} AS prev (READ_ONLY)")
                next_seq["cluster"] = max(
                    next_seq["cluster"], max_sequence(con, "prev", CLUSTERS) + 1
                )
                next_seq["campaign"] = max(
                    next_seq["campaign"], max_sequence(con, "prev", CAMPAIGNS) + 1
                )
            ids = assign_stable_ids(
                con,
                previous_catalog="prev" if previous else None,
                next_cluster_seq=next_seq["cluster"],
                next_campaign_seq=next_seq["campaign"],
            )
        progress("stable ids", **{k: f"{v['kept']} kept/{v['new']} new" for k, v in ids.items()})

        diff_summary: dict[str, Any] | None = None
        with _stage(timings, "diff"):
            if previous is not None:
                full_diff = run_diff.diff_catalogs(con, "prev", catalog)
                diff_summary = run_diff.summarise(full_diff)
                run_diff.store_diff(con, previous, full_diff)
        counts = {**result.get("counts", {}), **relation(con, "runs/run_counts").pl().to_dicts()[0]}

        held = _sanity_check(config, counts, diff_summary, hold_on_anomaly, warnings, progress)
        if previous is not None:
            con.execute("DETACH prev")
        params = {
            "build": mode,
            "config": json.loads(config.model_dump_json()),
            "config_file": config_file,
            "db": str(ws.store_path),
            "actor": actor,
            "hold_on_anomaly": hold_on_anomaly,
            "lock": lock_info,
        }
        finished_at = _now()
        execute(
            con,
            "runs/run_info",
            run_id=run_id,
            previous_run_id=previous,
            started_at=started_at,
            finished_at=finished_at,
            params=json.dumps(params, default=str),
            timings=json.dumps(timings, default=str),
            counts=json.dumps(counts, default=str),
            warnings=json.dumps(warnings),
            diff_summary=json.dumps(diff_summary, default=str),
            held=held,
            next_cluster_seq=ids["clusters"]["next_seq"],
            next_campaign_seq=ids["campaigns"]["next_seq"],
            inputs=json.dumps(marks, default=str),
        )
        with _stage(timings, "publish"):
            con.execute("CHECKPOINT")
            con.close()
            final = publish_file(ws, building, run_id)
            if not held:
                point_latest(ws, run_id)
    finally:
        try:
            con.close()
        except Exception:
            pass
    with _stage(timings, "retention"):
        removed = apply_retention(ws, config.runs.keep)
    if held:
        progress.warn(f"run {run_id} is HELD for review: LATEST still names {previous}")
    progress(
        "published" if not held else "held",
        f"{counts.get('clusters', 0)} clusters, {counts.get('flagged_clusters', 0)} flagged,"
        f" {counts.get('flagged_accounts', 0)} accounts flagged",
    )
    return {
        "changed": True,
        "run_id": run_id,
        "previous_run_id": previous,
        "build": mode,
        "published": not held,
        "held": held,
        "path": str(final),
        "timings": timings,
        "counts": counts,
        "diff": diff_summary,
        "ids": ids,
        "warnings": warnings,
        "removed_runs": removed,
    }


def _empty_ingested():
    import polars as pl

    return pl.DataFrame(
        schema={
            "account_id": pl.String,
            "label": pl.String,
            "source": pl.String,
            "ts": pl.Datetime("us"),
        }
    )


def _sanity_check(
    config: Config,
    counts: dict[str, Any],
    diff_summary: dict[str, Any] | None,
    hold_on_anomaly: bool,
    warnings: list[str],
    progress: Progress,
) -> bool:
    """Warn (or hold) when the flagged-account count jumps or collapses; return held."""
    if diff_summary is None:
        return False
    factor = config.runs.anomaly_factor
    before = int(diff_summary["flagged_accounts_before"])
    after = int(diff_summary["flagged_accounts_after"])
    message = None
    if after > factor * max(before, 1):
        message = (
            f"flagged accounts jumped from {before} to {after} (more than {factor:g}x the"
            " previous run)"
        )
    elif before >= 100 and after * factor < before:
        message = f"flagged accounts collapsed from {before} to {after} (less than 1/{factor:g})"
    if message is None:
        return False
    message += "; held for review (not published)" if hold_on_anomaly else "; check before banning"
    warnings.append(message)
    progress.warn(message)
    return hold_on_anomaly
