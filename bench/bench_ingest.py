"""Ingest throughput: write an N-row ``api_requests`` CSV and ingest it into a fresh store.

Run by hand (not in the test suite)::

    .venv/bin/python bench/bench_ingest.py            # 10M rows
    .venv/bin/python bench/bench_ingest.py --rows 1000000
    .venv/bin/python bench/bench_ingest.py --repeat 5 --keep /tmp/fg-bench
    .venv/bin/python bench/bench_ingest.py --repeat 3 --floors

Prints one ``name: value unit`` line per figure so results can be compared
across commits: the time DuckDB needs just to read the file (``count(*)`` over
``read_csv``), the full ingest time (validation, normalisation, dedupe, usage
aggregates, commit), rows/s, the CPU seconds the ingest used (all threads: a
figure that other processes on the cores disturb far less than wall time), the
ingest/read ratio and the peak RSS of this process. ``--floors`` adds what
DuckDB alone needs to parse the file, store its rows and total them once
(:func:`measure_floors`), a floor for the ingest. With ``--repeat N`` the
file is ingested N times into fresh stores and the times are the median (each
run's seconds are printed too): wall time on a shared 2-core machine varies by
20% from run to run. The data is synthetic: 50k accounts, each using 4 of
200k IPs (5% IPv6) and 30 of 20k prompt templates, 4 models, timestamps over
45 days.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import numpy as np
import polars as pl
from fraudgraph.ingest import ingest_paths

from fraudgraph.workspace import Workspace


def write_api_requests_csv(path: Path, rows: int, seed: int = 1) -> None:
    """Write ``rows`` synthetic api_requests rows to ``path`` (vectorised with numpy/polars)."""
    rng = np.random.default_rng(seed)
    n_ips = 200_000
    n_v6 = n_ips // 20
    octets = pl.DataFrame({"v4": rng.integers(0x0B000000, 0xDF000000, n_ips - n_v6)})
    v4 = octets.select(
        pl.format(
            "{}.{}.{}.{}",
            pl.col("v4") // 16_777_216 % 256,
            pl.col("v4") // 65_536 % 256,
            pl.col("v4") // 256 % 256,
            pl.col("v4") % 256,
        ).alias("ip")
    )
    v6 = pl.DataFrame(
        {"net": rng.integers(0, 9_999, n_v6), "host": rng.integers(1, 9_999, n_v6)}
    ).select(pl.format("2001:db8:{}::{}", "net", "host").alias("ip"))
    ip_pool = pl.concat([v4, v6])["ip"]
    start = np.datetime64("2026-04-22T00:00:00", "us").astype(np.int64)
    span = 45 * 86_400 * 1_000_000
    # Each account keeps to a few IPs and a few dozen prompt templates, as real
    # accounts do; the (account, ip) and (account, template) aggregates stay
    # much smaller than the request table.
    account = rng.integers(0, 50_000, rows)
    frame = pl.DataFrame(
        {
            "account_id": account,
            "ts": np.sort(start + rng.integers(0, span, rows)),
            "model": rng.integers(0, 4, rows),
            "input_tokens": rng.integers(10, 4_000, rows),
            "output_tokens": rng.integers(1, 8_000, rows),
            "prompt_fingerprint": (account * 7 + rng.integers(0, 30, rows)) % 20_000,
        }
    ).with_columns(
        pl.format("acct-{}", pl.col("account_id").cast(pl.Utf8).str.zfill(7)).alias("account_id"),
        pl.col("ts").cast(pl.Datetime("us")).dt.strftime("%Y-%m-%dT%H:%M:%S%.3fZ"),
        pl.col("model").replace_strict(
            {0: "claude-opus", 1: "claude-sonnet", 2: "claude-haiku", 3: "other-model"},
            return_dtype=pl.Utf8,
        ),
        pl.format("tpl{}", pl.col("prompt_fingerprint").cast(pl.Utf8).str.zfill(12)).alias(
            "prompt_fingerprint"
        ),
        ip_pool.gather(pl.Series((account * 4 + rng.integers(0, 4, rows)) % n_ips)).alias("ip"),
    )
    frame.write_csv(path)


def cpu_seconds() -> float:
    """User + system CPU time of this process so far, all threads (DuckDB's included)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def peak_rss_mib() -> float:
    """Peak resident set size of this process in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--keep", type=Path, default=None, help="work in this folder and keep it")
    parser.add_argument(
        "--repeat", type=int, default=1, help="ingest N times into fresh stores; report the median"
    )
    parser.add_argument(
        "--floors", action="store_true", help="also time what DuckDB alone needs for the same work"
    )
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="fg-bench-") as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        csv = work / "api_requests.csv"
        t0 = time.perf_counter()
        if not csv.exists():
            write_api_requests_csv(csv, args.rows)
        write_s = time.perf_counter() - t0
        size_mib = csv.stat().st_size / 2**20

        t0 = time.perf_counter()
        with duckdb.connect() as con:
            (n_read,) = con.execute("SELECT count(*) FROM read_csv($p)", {"p": str(csv)}).fetchone()
        read_s = time.perf_counter() - t0

        db = work / "bench.duckdb"
        runs = []  # (seconds, cpu seconds) per ingest into a fresh store
        for _ in range(args.repeat):
            remove_database(db)
            t0, c0 = time.perf_counter(), cpu_seconds()
            report = ingest_paths(Workspace.at(db), [csv], progress=False)
            runs.append((time.perf_counter() - t0, cpu_seconds() - c0))
        ingest_s = statistics.median(s for s, _ in runs)
        ingest_cpu_s = statistics.median(c for _, c in runs)
        loaded = report["files"][0]["rows_loaded"]
        floors = measure_floors(csv, work / "floor.duckdb") if args.floors else {}

    print(f"rows: {n_read}")
    print(f"file_size: {size_mib:.1f} MiB")
    print(f"write_csv_seconds: {write_s:.2f}")
    print(f"duckdb_read_seconds: {read_s:.2f}")
    if len(runs) > 1:
        print(f"ingest_runs_seconds: {', '.join(f'{s:.2f}' for s, _ in runs)}")
    print(f"ingest_seconds: {ingest_s:.2f}")
    print(f"rows_loaded: {loaded}")
    print(f"ingest_rows_per_second: {n_read / ingest_s:,.0f}")
    print(f"ingest_cpu_seconds: {ingest_cpu_s:.2f}")
    print(f"ingest_to_read_ratio: {ingest_s / read_s:.2f}")
    print(f"peak_rss: {peak_rss_mib():.0f} MiB")
    for name, seconds in floors.items():
        print(f"floor_{name}_seconds: {seconds:.2f}")
    if floors:
        total = sum(floors.values())
        print(f"floor_total_seconds: {total:.2f}")
        print(f"floor_rows_per_second: {n_read / total:,.0f}")
    return 0


def measure_floors(csv: Path, db: Path) -> dict[str, float]:
    """Seconds DuckDB alone needs for the work an ingest cannot skip.

    ``parse``: the CSV into an in-memory table with the sniffed types (no
    validation, no row key); ``store``: that table written to a fresh database
    file, compressed as DuckDB chooses, and checkpointed; ``day_totals``: one of
    the three usage aggregates, (account, day, model) totals, from the stored
    rows into a stored table. An ingest does all three and more (validation,
    row keys, dedupe, two more aggregates, the IP lookups), so their sum is a
    floor for its time on this machine.
    """
    remove_database(db)
    steps = [
        ("parse", "CREATE TEMP TABLE parsed AS SELECT * FROM read_csv($p)", {"p": str(csv)}),
        ("store", "CREATE TABLE stored AS SELECT * FROM parsed; CHECKPOINT", None),
        (
            "day_totals",
            "CREATE TABLE day_totals AS SELECT account_id, CAST(ts AS DATE) AS day, model, "
            "count(*) AS requests, sum(input_tokens) AS input_tokens, "
            "sum(output_tokens) AS output_tokens, min(ts) AS first_ts, max(ts) AS last_ts "
            "FROM stored GROUP BY ALL; CHECKPOINT",
            None,
        ),
    ]
    seconds = {}
    with duckdb.connect(str(db)) as con:
        for name, sql, params in steps:
            t0 = time.perf_counter()
            con.execute(sql, params)
            seconds[name] = time.perf_counter() - t0
    remove_database(db)
    return seconds


def remove_database(db: Path) -> None:
    """Delete a DuckDB file and its write-ahead log, if they exist."""
    for suffix in ("", ".wal"):
        Path(str(db) + suffix).unlink(missing_ok=True)


if __name__ == "__main__":
    sys.exit(main())
