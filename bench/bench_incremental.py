"""Benchmark: a full rebuild versus appending one day of data (ingest + rebuild).

Generates a population, splits every input table at the start of its last
day of data (``base/`` = everything before, ``day/`` = the last day), then:

- full:   ingest base + day into an empty store, rebuild;
- append: ingest base, rebuild (the previous night's run), then time
          ingest of the day + rebuild, and ``rebuild --if-changed`` with
          nothing new (the hourly cron no-op).

Prints one ``name value unit`` line per figure (stable format, compare runs
by diffing outputs). Run by hand::

    .venv/bin/python bench/bench_incremental.py --accounts 200000 --fake-accounts 25000
"""

from __future__ import annotations

import argparse
import resource
import shutil
import tempfile
import time
from pathlib import Path

import polars as pl

from fraudgraph import api

TIME_COLUMN = {
    "accounts": "created_at",
    "payments": "ts",
    "ip_events": "ts",
    "devices": "ts",
    "api_requests": "ts",
}


def _split(src: Path, base: Path, day: Path) -> str:
    """Split each table of ``src`` at the last day of API traffic; return that day."""
    base.mkdir(parents=True)
    day.mkdir(parents=True)
    requests = src / "api_requests.parquet"
    last = pl.scan_parquet(requests).select(pl.col("ts").cast(pl.Datetime).max()).collect().item()
    cut = last.replace(hour=0, minute=0, second=0, microsecond=0)
    for path in sorted(src.glob("*.parquet")):
        table = path.stem
        column = TIME_COLUMN.get(table)
        frame = pl.read_parquet(path)
        if column is None or column not in frame.columns:
            frame.write_parquet(base / path.name)
            continue
        ts = pl.col(column).cast(pl.Datetime)
        frame.filter(ts < cut).write_parquet(base / path.name)
        frame.filter(ts >= cut).write_parquet(day / f"{table}-{cut:%Y-%m-%d}.parquet")
    return f"{cut:%Y-%m-%d}"


def _timed(label: str, fn):
    start = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - start
    print(f"{label} {seconds:.2f} s", flush=True)
    return result, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=50_000)
    parser.add_argument("--fake-accounts", type=int, default=2_500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="fg-bench-incr-"))
    try:
        src = work / "generated"
        api.generate(
            src,
            accounts=args.accounts,
            fake_accounts=args.fake_accounts,
            seed=args.seed,
            fmt="parquet",
        )
        day = _split(src, work / "base", work / "day")
        rows = {
            p.name: pl.scan_parquet(p).select(pl.len()).collect().item()
            for p in sorted((work / "day").glob("*.parquet"))
        }
        print(f"accounts {args.accounts} count")
        print(f"appended_day {day} date")
        print(f"appended_rows {sum(rows.values())} rows")

        full_db = work / "full" / "fg.duckdb"
        full_db.parent.mkdir()
        _, full_ingest = _timed(
            "full_ingest",
            lambda: api.ingest([work / "base", work / "day"], db=full_db, progress=False),
        )
        full_run, full_rebuild = _timed(
            "full_rebuild", lambda: api.rebuild(db=full_db, actor="bench")
        )
        print(f"full_total {full_ingest + full_rebuild:.2f} s")

        inc_db = work / "incr" / "fg.duckdb"
        inc_db.parent.mkdir()
        _timed("base_ingest", lambda: api.ingest([work / "base"], db=inc_db, progress=False))
        _timed("base_rebuild", lambda: api.rebuild(db=inc_db, actor="bench"))
        _, day_ingest = _timed(
            "append_ingest", lambda: api.ingest([work / "day"], db=inc_db, progress=False)
        )
        inc_run, day_rebuild = _timed(
            "append_rebuild", lambda: api.rebuild(db=inc_db, actor="bench")
        )
        print(f"append_total {day_ingest + day_rebuild:.2f} s")
        _timed(
            "noop_rebuild_if_changed",
            lambda: api.rebuild(db=inc_db, actor="bench", if_changed=True),
        )
        print(
            f"append_vs_full {(day_ingest + day_rebuild) / (full_ingest + full_rebuild):.3f} ratio"
        )
        for stage, seconds in (inc_run.get("timings") or {}).items():
            if isinstance(seconds, (int, float)):
                print(f"append_rebuild_stage_{stage} {seconds:.2f} s")
        for label, run in (("full", full_run), ("append", inc_run)):
            for stage, seconds in (run.get("timings") or {}).get("pipeline_stages", {}).items():
                print(f"{label}_pipeline_stage_{stage} {seconds:.2f} s")
        print(f"append_build_{inc_run['build']['mode']} 1 flag")
        for key in ("incremental_accounts_derived", "incremental_evidence_reused"):
            print(f"append_{key} {inc_run['counts'].get(key, 0)} rows")
        diff = inc_run.get("diff") or {}
        print(f"append_ids_kept {inc_run['ids']['clusters']['kept']} clusters")
        print(f"append_ids_new {inc_run['ids']['clusters']['new']} clusters")
        print(f"append_newly_joined_flagged {diff.get('newly_joined_flagged', 0)} accounts")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak_rss {peak:.0f} MiB")
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
