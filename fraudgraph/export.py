"""The ban export: cluster membership a bulk-ban job reads (CONTRACT.md "Export").

One row per exportable member of a cluster scoring at least ``min_score``
(default: the documented ``score.threshold``) with at least ``min_size``
accounts. An account whose label *now* is ``legit`` is never exported, even
when the label was set after the run was built: labels are re-read from the
store and the ops database at export time.

The file is written atomically (temporary file in the same folder, fsync,
``os.replace``) with mode 0600 unless told otherwise, and a manifest
``FILE.manifest.json`` (run, rows, sha256, parameters, time, columns) is
written beside it the same way. Every export is audited.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import polars as pl

from fraudgraph import ops
from fraudgraph.config import load_config
from fraudgraph.errors import InputError, StoreBusyError
from fraudgraph.queries import relation
from fraudgraph.runs.durable import atomic_write_bytes, fsync_dir
from fraudgraph.runs.read import open_run
from fraudgraph.workspace import Workspace

__all__ = ["EXPORT_COLUMNS", "FORMATS", "export_rows", "export", "default_threshold"]

EXPORT_COLUMNS = ["account_id", "cluster_id", "cluster_size", "cluster_score", "reasons", "run_id"]
EXTRA_COLUMNS = ["campaign_id", "strength"]
FORMATS = ("csv", "parquet", "jsonl")
STORE_WAIT_SECONDS = 10.0


def default_threshold(ws: Workspace) -> float:
    """The documented default cluster-score threshold (``score.threshold`` of the config)."""
    return load_config(ws.config_path if ws.config_path.exists() else None).score.threshold


def _legit_now(ws: Workspace, con) -> tuple[pl.DataFrame, str]:
    """Accounts labelled legit now, and where the ingested labels came from."""
    seen_by_run = relation(con, "runs/snapshot_ingested_labels").pl()
    try:
        store = ops.ingested_labels(ws, timeout=STORE_WAIT_SECONDS)
        source = "store+manual" if store is not None else "run+manual"
    except StoreBusyError:
        store, source = None, "run+manual (store busy)"
    ingested = (
        seen_by_run
        if store is None
        else pl.concat([store.select(seen_by_run.columns).cast(seen_by_run.schema), seen_by_run])
    )
    labels = ops.effective_labels(ws, ingested=ingested)
    return labels.filter(pl.col("label") == "legit").select("account_id"), source


def _rows(ws: Workspace, run: str | None, min_score: float | None, min_size: int):
    if min_score is None:
        min_score = default_threshold(ws)
    if not 0 <= float(min_score) <= 1:
        raise InputError(f"--min-score must be between 0 and 1, not {min_score}")
    if min_size < 1:
        raise InputError(f"--min-size must be at least 1, not {min_size}")
    con = open_run(ws, run)
    try:
        run_id = con.execute("SELECT run_id FROM run_info").fetchall()[0][0]
        legit, label_source = _legit_now(ws, con)
        con.register("legit_now_frame", legit)
        con.execute("CREATE OR REPLACE TEMP VIEW legit_now AS SELECT * FROM legit_now_frame")
        rows = relation(
            con, "runs/export_rows", run_id=run_id, min_score=float(min_score), min_size=min_size
        ).pl()
        excluded = con.execute(
            "SELECT count(DISTINCT m.account_id) FROM memberships AS m"
            " JOIN clusters AS c ON c.cluster_id = m.cluster_id"
            " JOIN legit_now AS l ON l.account_id = m.account_id"
            " WHERE m.exportable AND c.score >= $s AND c.size >= $k",
            {"s": float(min_score), "k": min_size},
        ).fetchall()[0][0]
    finally:
        con.close()
    meta = {
        "run_id": run_id,
        "min_score": float(min_score),
        "min_size": min_size,
        "legit_excluded": int(excluded),
        "labels": label_source,
    }
    return rows, meta


def export_rows(
    ws: Workspace, *, run: str | None = None, min_score: float | None = None, min_size: int = 1
) -> pl.DataFrame:
    """polars DataFrame with EXPORT_COLUMNS first (then campaign_id, strength): the accounts a
    ban would take. Legit-labelled accounts (labels as of now) are never included."""
    return _rows(ws, run, min_score, min_size)[0]


def _check_out(out: Path, fmt: str) -> Path:
    if fmt not in FORMATS:
        raise InputError(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    text = str(out)
    if not text or "\x00" in text:
        raise InputError("--out is not a valid file name")
    out = Path(os.path.abspath(out))
    manifest = out.with_name(out.name + ".manifest.json")
    for path in (out, manifest):  # never replace a link someone planted (docs/security.md)
        if path.is_symlink():
            raise InputError(f"--out {path} is a symbolic link; refusing to replace it")
    if out.is_dir():
        raise InputError(f"--out {out} is a directory; give a file name")
    if not out.parent.is_dir():
        raise InputError(f"--out {out}: folder {out.parent} does not exist")
    return out


def _write_frame(frame: pl.DataFrame, out: Path, fmt: str, mode: int) -> str:
    """Write atomically with ``mode``; return the sha256 of the written file."""
    tmp = out.with_name(f".{out.name}.tmp-{os.getpid()}-{random.getrandbits(32):08x}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    os.close(fd)
    try:
        if fmt == "csv":
            frame.write_csv(tmp)
        elif fmt == "parquet":
            frame.write_parquet(tmp)
        else:
            frame.write_ndjson(tmp)
        os.chmod(tmp, mode)
        digest = hashlib.sha256()
        with open(tmp, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
            os.fsync(fh.fileno())
        os.replace(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(out.parent)
    return digest.hexdigest()


def export(
    ws: Workspace,
    out: Path,
    *,
    fmt: str = "csv",
    min_score: float | None = None,
    min_size: int = 1,
    run: str | None = None,
    mode: int = 0o600,
    actor: str = "unknown",
) -> dict[str, Any]:
    """Write atomically + FILE.manifest.json; audit it; return the manifest dict."""
    fmt = fmt.lower()
    out = _check_out(Path(out), fmt)
    if not 0 <= mode <= 0o777:
        raise InputError(f"--mode {oct(mode)} is not a file mode")
    rows, meta = _rows(ws, run, min_score, min_size)
    try:
        sha256 = _write_frame(rows, out, fmt, mode)
    except (PermissionError, FileNotFoundError, NotADirectoryError, IsADirectoryError) as exc:
        raise InputError(f"--out {out}: cannot write: {exc.strerror or exc}") from None
    manifest = {
        "file": str(out),
        "run_id": meta["run_id"],
        "rows": rows.height,
        "sha256": sha256,
        "format": fmt,
        "columns": rows.columns,
        "parameters": {
            "format": fmt,
            "min_score": meta["min_score"],
            "min_size": meta["min_size"],
            "run": run,
            "mode": oct(mode),
        },
        "legit_excluded": meta["legit_excluded"],
        "labels": meta["labels"],
        "clusters": rows["cluster_id"].n_unique(),
        "created_at": datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
        "actor": actor,
    }
    manifest_path = out.with_name(out.name + ".manifest.json")
    atomic_write_bytes(manifest_path, (json.dumps(manifest, indent=2) + "\n").encode(), mode=mode)
    ops.record_audit(
        ws,
        actor,
        "export",
        {k: manifest[k] for k in ("file", "run_id", "rows", "sha256", "parameters", "clusters")},
    )
    return manifest
