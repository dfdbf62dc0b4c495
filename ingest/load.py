"""Loading input files into the store: one transaction per file.

For each file (``ingest_paths``):

1. Every file of the call is found and checked first (readable, not empty,
   required columns present): a structural error stops the call before
   anything is written.
2. A file whose content (sha256) was already ingested as the same table is
   skipped.
3. Within one transaction: the file is parsed once into the temp table
   ``stage`` (``queries/ingest/stage_<table>.sql``: typed columns, the first
   reason a row is bad, the row's key); Python normalisers run over the
   distinct values (:mod:`fraudgraph.ingest.lookups`); bad rows go to
   ``quarantine``; repeated keys within the file are dropped (the first wins);
   good rows whose key is not stored yet are inserted. For api_requests a
   file of up to ``_CLUSTER_MAX_ROWS`` good rows is inserted sorted by account
   and its repeats are found after the insert (``_repeats_in_file``); the raw
   IPs of the new rows are looked up, and the usage aggregates are merged with
   the new rows' partial totals. Then the ``ingest_log`` row is written; COMMIT.
   Any failure rolls the file back whole, and a killed process leaves no
   trace of the file (DuckDB's WAL).

Files of one call commit one by one: if a later file fails while loading (a
bad row under ``--strict``, a malformed CSV line deep in the file), the files
before it stay loaded and re-running the same call skips them by content hash.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
from fraudgraph.ingest.lookups import build_ip_lookup, build_lookups
from fraudgraph.ingest.sources import SourceFile, check_source, discover, open_source, warn

from fraudgraph import queries
from fraudgraph.errors import IngestError
from fraudgraph.store import connect_store
from fraudgraph.workspace import Workspace

__all__ = ["ingest_paths", "file_sha256"]

# Files larger than this get a progress display on stderr.
PROGRESS_MIN_BYTES = 32 * 2**20
# Tables written clustered by account (insert_<table>_clustered.sql) when a
# file's good rows are at most _CLUSTER_MAX_ROWS; their repeated rows are then
# found after the insert, from the stored order (_repeats_in_file), not by
# grouping the stage beforehand. Measured: a 10M-row file gains ~1 s from
# clustering, the 46M-row file of the 2M-account population loses ~10 s (the
# sort outgrows the store's memory).
_CLUSTERED = frozenset({"api_requests"})
_CLUSTER_MAX_ROWS = 16_000_000
_KEY_BATCH_ROWS = 1 << 20
_USAGE_QUERIES = (
    "ingest/usage_account_day",
    "ingest/usage_account_template",
    "ingest/usage_account_ip",
)


def file_sha256(path: Path) -> str:
    """Hex sha256 of a file's bytes, read in 4 MiB blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(4 * 2**20):
            digest.update(block)
    return digest.hexdigest()


def ingest_paths(
    ws: Workspace,
    paths: list[Path],
    *,
    table: str | None = None,
    strict: bool = False,
    progress: bool = True,
) -> dict[str, Any]:
    """Ingest files and folders into the store of ``ws``.

    Parameters
    ----------
    ws : Workspace
        The database family; only its store is written.
    paths : list of Path
        Files and folders (a folder: the files directly in it).
    table : str, optional
        The table of a single file whose name does not say it.
    strict : bool
        Any bad row fails its file (IngestError naming the row).
    progress : bool
        Progress for large files and a summary line per file on stderr.

    Returns
    -------
    dict
        ``{"files": [{"path", "table", "rows_read", "rows_loaded",
        "rows_duplicate", "rows_quarantined", "skipped", "invalid_optional"}]}``
        where rows_read = rows_loaded + rows_duplicate + rows_quarantined.

    Raises
    ------
    IngestError
        A file that cannot be ingested (exit 2 in the CLI).
    """
    sources = discover([Path(p) for p in paths], table)
    for source in sources:
        check_source(source)
    for source in sources:
        for message in source.warnings:
            warn(f"{source.path}: {message}")
    reports = []
    for source in sources:
        report = _ingest_file(ws, source, strict=strict, progress=progress)
        reports.append(report)
        if progress:
            _summarise(report)
    return {"files": reports}


def _summarise(report: dict[str, Any]) -> None:
    if report["skipped"]:
        line = "already ingested, skipped"
    else:
        line = (
            f"{report['rows_read']:,} read, {report['rows_loaded']:,} loaded, "
            f"{report['rows_duplicate']:,} duplicate, {report['rows_quarantined']:,} quarantined"
        )
        if report["invalid_optional"]:
            bad = ", ".join(f"{k} {v:,}" for k, v in report["invalid_optional"].items())
            line += f" (invalid optional values set NULL: {bad})"
    print(f"fraudgraph: {report['path']} -> {report['table']}: {line}", file=sys.stderr)


class _Steps:
    """A rich status line on stderr for a large file; silent otherwise."""

    def __init__(self, source: SourceFile, enabled: bool):
        self.label = f"{source.path.name} -> {source.table}"
        self.status = None
        if enabled:
            from rich.console import Console

            self.status = Console(stderr=True).status(f"{self.label}: hashing")

    def __enter__(self):
        if self.status is not None:
            self.status.__enter__()
        return self

    def __exit__(self, *exc):
        if self.status is not None:
            self.status.__exit__(*exc)

    def step(self, text: str) -> None:
        if self.status is not None:
            self.status.update(f"{self.label}: {text}")


def _ingest_file(ws: Workspace, source: SourceFile, *, strict: bool, progress: bool) -> dict:
    started = time.perf_counter()
    path = str(source.path)
    big = progress and source.path.stat().st_size >= PROGRESS_MIN_BYTES
    report: dict[str, Any] = {
        "path": path,
        "table": source.table,
        "rows_read": 0,
        "rows_loaded": 0,
        "rows_duplicate": 0,
        "rows_quarantined": 0,
        "skipped": False,
        "invalid_optional": {},
    }
    with _Steps(source, big) as steps:
        # Hash the file on a second thread while DuckDB parses it (both release
        # the GIL); a file seen before is then skipped without being loaded.
        pool = ThreadPoolExecutor(max_workers=1)
        sha_future = pool.submit(file_sha256, source.path)
        try:
            con = connect_store(ws)
        except BaseException:
            pool.shutdown()
            raise
        try:
            if source.path.stat().st_size < PROGRESS_MIN_BYTES:
                sha = sha_future.result()  # small file: check first, skip cheaply
                if _one(con, "ingest/already_ingested", sha256=sha, table_name=source.table)[0]:
                    report["skipped"] = True
                    return report
            steps.step("reading")
            _stage(con, source, report, strict=strict, steps=steps)
            sha = sha_future.result()
            if _one(con, "ingest/already_ingested", sha256=sha, table_name=source.table)[0]:
                report.update(rows_read=0, rows_quarantined=0, skipped=True)
                for key in [k for k in report if k.startswith("_")]:
                    report.pop(key)
                return report
            con.execute("BEGIN TRANSACTION")
            try:
                _load(con, source, sha, report, steps=steps)
                queries.execute(
                    con,
                    "ingest/ingest_log_entry",
                    file_id=report.pop("_file_id"),
                    path=path,
                    sha256=sha,
                    table_name=source.table,
                    file_format=source.fmt,
                    rows_read=report["rows_read"],
                    rows_loaded=report["rows_loaded"],
                    rows_duplicate=report["rows_duplicate"],
                    rows_quarantined=report["rows_quarantined"],
                    invalid_optional=json.dumps(report["invalid_optional"]),
                    now=_now(),
                    seconds=time.perf_counter() - started,
                )
                steps.step("committing")
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
        except duckdb.Error as exc:
            text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise IngestError(path, f"cannot load: {text}") from None
        finally:
            con.close()
            pool.shutdown()
    return report


def _one(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> tuple:
    """The first result row of a single-statement query file (an INSERT gives its count)."""
    text = queries.sql(name)
    used = {k: v for k, v in params.items() if f"${k}" in text}
    return con.execute(text, used or None).fetchall()[0]


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _stage(
    con: duckdb.DuckDBPyConnection,
    source: SourceFile,
    report: dict[str, Any],
    *,
    strict: bool,
    steps: _Steps,
) -> None:
    """Parse the file into the temp table ``stage``, build lookups, flag bad rows.

    Runs outside the file's transaction: it touches only connection-local temp
    tables. A temp table filled in file order numbers its rows 0..n-1, so
    ``rowid + 1`` is the data row number of a bad row.

    A table whose key is the whole row (``TableSpec.key == "row"``) is first
    staged without keeping file order, which lets DuckDB fill the stage on both
    cores without re-sequencing their chunks (0.6 s of 3.7 on a 10M-row
    api_requests file): its rows are only ever looked at as a set, and rows that
    repeat a key are identical, so which copy the dedupe keeps cannot matter.
    Only bad rows need their row numbers; a file that has any is staged again in
    file order.
    """
    table = source.table
    relation = open_source(con, source)
    queries.execute(con, "ingest/macros")
    relation.create_view("src", replace=True)
    try:
        in_order = source.spec.key != "row"
        _fill_stage(con, table, in_order=in_order)
        steps.step("normalising")
        build_lookups(con, table)
        rows_read, rows_bad, rows_good = _flag_and_count(con, table)
        if rows_bad and not in_order:
            steps.step("reading again in file order (bad rows)")
            # the same values again: the lookups built above still hold
            _fill_stage(con, table, in_order=True)
            rows_read, rows_bad, rows_good = _flag_and_count(con, table)
    finally:
        con.execute("DROP VIEW IF EXISTS src")
    if strict and rows_bad:
        row, column, reason = _one(con, "ingest/first_bad_row")
        raise IngestError(str(source.path), f"bad row ({reason}; --strict)", row=row, column=column)
    if table in _CLUSTERED and 1 < rows_good <= _CLUSTER_MAX_ROWS:
        repeated = None  # clustered insert: found after it
    elif rows_good <= 1:
        repeated = False
    else:
        repeated = _one(con, "ingest/stage_repeated")[0]
    report.update(rows_read=rows_read, rows_quarantined=rows_bad, _repeated_in_file=repeated)


def _fill_stage(con: duckdb.DuckDBPyConnection, table: str, *, in_order: bool) -> None:
    """Parse ``src`` into the temp table ``stage`` (``stage_<table>.sql``)."""
    if in_order:
        queries.execute(con, f"ingest/stage_{table}")
        return
    con.execute("SET preserve_insertion_order = false")
    try:
        queries.execute(con, f"ingest/stage_{table}")
    finally:
        con.execute("RESET preserve_insertion_order")


def _flag_and_count(con: duckdb.DuckDBPyConnection, table: str) -> tuple[int, int, int]:
    """Flag the rows the lookups find bad; return rows read, bad rows and good rows."""
    if table in ("payments", "ip_events"):
        queries.execute(con, f"ingest/flag_{table}")
    return _one(con, "ingest/stage_counts")


def _repeats_in_file(con: duckdb.DuckDBPyConnection, table: str, file_id: int) -> bool:
    """Whether the rows a file just inserted repeat a row key (the first of a pair stays).

    ``insert_<table>_clustered.sql`` writes the file's rows sorted on (hash of the account,
    row key), so equal keys are neighbours: one vectorised comparison per batch
    instead of grouping 10M keys, in memory bounded by the batch. The sort order
    is checked, not assumed; if it does not hold, the staged keys are grouped
    (``stage_repeated.sql``).
    """
    relation = queries.relation(con, f"ingest/file_row_keys_{table}", file_id=file_id)
    last = None  # (account hash, row key) of the previous batch's last row
    with relation.to_arrow_reader(batch_size=_KEY_BATCH_ROWS) as reader:
        for batch in reader:
            account = batch.column("account_hash").to_numpy()
            row = batch.column("row_hash").to_numpy()
            if len(row) == 0:
                continue
            if last is not None:
                account = np.concatenate(([last[0]], account))
                row = np.concatenate(([last[1]], row))
            last = (account[-1], row[-1])
            same_account = account[1:] == account[:-1]
            if not ((account[1:] > account[:-1]) | (same_account & (row[1:] >= row[:-1]))).all():
                break  # not in the insert's order
            if (same_account & (row[1:] == row[:-1])).any():
                return True
        else:
            return False
    return bool(_one(con, "ingest/stage_repeated")[0])


def _load(
    con: duckdb.DuckDBPyConnection,
    source: SourceFile,
    sha: str,
    report: dict[str, Any],
    *,
    steps: _Steps,
) -> None:
    """Inside the file's transaction: quarantine, dedupe, insert, aggregates."""
    table = source.table
    file_id = _one(con, "ingest/next_file_id")[0]
    report["_file_id"] = file_id
    params = {"file_id": file_id, "path": str(source.path), "sha256": sha, "now": _now()}
    steps.step("loading")
    if report["rows_quarantined"]:
        queries.execute(con, f"ingest/quarantine_{table}", **params)
    repeated = report.pop("_repeated_in_file")
    if repeated:
        queries.execute(con, "ingest/stage_dedupe")
    if table == "api_requests":
        queries.execute(con, "ingest/new_requests")
    insert = f"ingest/insert_{table}" + ("_clustered" if repeated is None else "")
    loaded = _one(con, insert, file_id=file_id)[0]
    if repeated is None and _repeats_in_file(con, table, file_id):
        # Rare: the file repeats rows. Take them out of the stage and insert again.
        queries.execute(con, f"ingest/unload_{table}", file_id=file_id)
        queries.execute(con, "ingest/stage_dedupe")
        loaded = _one(con, insert, file_id=file_id)[0]
    if table == "api_requests":
        # The stored requests keep the raw ip; the addresses are looked up for
        # the rows just loaded, from their (account, raw ip) totals.
        queries.execute(con, "ingest/file_ip_rows", file_id=file_id)
        build_ip_lookup(con, "file_ip_rows", "ip")
    invalid = queries.relation(con, f"ingest/invalid_{table}").pl().to_dicts()[0]
    if table == "api_requests" and loaded:
        steps.step("updating usage aggregates")
        queries.execute(con, "ingest/usage_macros")
        if _one(con, "ingest/usage_empty")[0]:
            queries.execute(con, "ingest/usage_first", file_id=file_id)
        else:
            for name in _USAGE_QUERIES:
                queries.execute(con, name, file_id=file_id)
    report.update(
        rows_loaded=loaded,
        rows_duplicate=report["rows_read"] - report["rows_quarantined"] - loaded,
        invalid_optional={k: v for k, v in invalid.items() if v and k != "none_checked"},
    )
