"""Pathological data: ingest + rebuild seconds and peak RSS per case.

Cases (sizes are the issue's; ``--scale`` shrinks them):

- ``shared_ip``: 1,000,000 accounts that all signed up from one IP and share
  nothing else (a carrier NAT or a big proxy). One IP shared by everyone is not
  a ring: no cluster may be flagged.
- ``heavy_account``: one account with 10,000,000 API requests among 2,000
  ordinary accounts.
- ``same_second``: 200,000 accounts all created in the same second (a batch
  import or a clock bug), nothing else shared: no cluster may be flagged.

Each case is built vectorised (DuckDB writing Parquet), then ``fraudgraph
ingest`` and ``fraudgraph rebuild`` run as child processes so their peak RSS is
measured alone (``os.wait4``). The target is 8 GB per step. Output, one line
per step, stable for comparison::

    case  step  rows  seconds  peak_rss_mb  clusters  flagged_clusters  flagged_accounts  hub

``hub`` is the size of what was planted as the rebuild saw it (accounts on the
shared IP, accounts in signup bursts, the heavy account's requests).

Usage: ``.venv/bin/python bench/bench_pathological.py [--scale 0.1] [--case shared_ip ...]``
(run by hand, not in the test suite; ``tests/test_pathological.py`` runs the
small versions).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

FRAUDGRAPH = Path(sys.executable).with_name("fraudgraph")
RSS_LIMIT_MB = 8 * 1024
SIZES = {"shared_ip": 1_000_000, "heavy_account": 10_000_000, "same_second": 200_000}
UAS = (
    "'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/124.0 Safari/537.36',"
    "'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 Safari/605.1.15',"
    "'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0'"
)

# Ordinary accounts: spread over 90 days, own IP (public 11.x.y.z), own device, one of
# three browsers, no shared card/e-mail/phone. $n accounts, ids acct_<i>, $offset first i.
_ACCOUNTS = f"""
SELECT 'acct_' || lpad((i + $offset)::VARCHAR, 9, '0') AS account_id,
       strftime(TIMESTAMP '2026-03-01' + to_seconds((hash(i + $offset) % (90 * 86400))::BIGINT),
                '%Y-%m-%dT%H:%M:%SZ') AS created_at,
       'US' AS country,
       '11.' || ((i + $offset) // 65536 % 256) || '.' || ((i + $offset) // 256 % 256) || '.'
             || ((i + $offset) % 256) AS signup_ip,
       'dev-' || md5((i + $offset)::VARCHAR) AS signup_device_id,
       list_extract([{UAS}], (hash(i + $offset, 'ua') % 3)::INTEGER + 1) AS user_agent
FROM range($n) t(i)
"""


def _copy(con: duckdb.DuckDBPyConnection, select: str, path: Path, **params) -> None:
    con.execute(f"COPY ({select}) TO '{path}' (FORMAT parquet)", params)


def build_shared_ip(folder: Path, n: int) -> None:
    """n accounts, all behind one signup IP, nothing else shared."""
    with duckdb.connect() as con:
        _copy(con, f"SELECT * REPLACE ('198.51.100.7' AS signup_ip) FROM ({_ACCOUNTS})",
              folder / "accounts.parquet", n=n, offset=0)  # fmt: skip


def build_same_second(folder: Path, n: int) -> None:
    """n accounts created in the same second, nothing else shared."""
    with duckdb.connect() as con:
        _copy(con, f"SELECT * REPLACE ('2026-04-22T10:00:00Z' AS created_at) FROM ({_ACCOUNTS})",
              folder / "accounts.parquet", n=n, offset=0)  # fmt: skip


def build_heavy_account(folder: Path, n_requests: int, n_background: int = 2_000) -> None:
    """One account with n_requests API requests over 45 days among ordinary accounts
    (20 requests each on their own templates, human hours)."""
    with duckdb.connect() as con:
        _copy(con, _ACCOUNTS, folder / "accounts.parquet", n=n_background, offset=0)
        heavy = """
        SELECT 'acct_000000000' AS account_id,
               TIMESTAMP '2026-04-22'
                   + to_microseconds(i * (45::BIGINT * 86400 * 1000000 // $n)) AS ts,
               'model-' || (i % 3) AS model,
               (100 + hash(i) % 900)::BIGINT AS input_tokens,
               (200 + hash(i, 'o') % 1800)::BIGINT AS output_tokens,
               'tpl-' || (hash(i, 't') % 50) AS prompt_fingerprint,
               '11.0.0.0' AS ip
        FROM range($n) t(i)
        """
        _copy(con, heavy, folder / "api_requests-heavy.parquet", n=n_requests)
        background = """
        SELECT 'acct_' || lpad((1 + i // 20)::VARCHAR, 9, '0') AS account_id,
               TIMESTAMP '2026-04-22' + to_seconds((hash(i) % (45 * 86400))::BIGINT) AS ts,
               'model-0' AS model, 500::BIGINT AS input_tokens, 800::BIGINT AS output_tokens,
               'own-' || (1 + i // 20) || '-' || (i % 4) AS prompt_fingerprint,
               NULL::VARCHAR AS ip
        FROM range($n) t(i)
        """
        _copy(con, background, folder / "api_requests-rest.parquet", n=(n_background - 1) * 20)


BUILDERS = {
    "shared_ip": build_shared_ip,
    "heavy_account": build_heavy_account,
    "same_second": build_same_second,
}


def run_measured(args: list[str], cwd: Path) -> tuple[float, float, int, str]:
    """Run the console script; return (seconds, peak RSS MB, exit status, stderr tail)."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(
            [str(FRAUDGRAPH), *args], cwd=cwd, stdout=subprocess.DEVNULL, stderr=err
        )
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        tail = err.read().decode("utf-8", "replace").strip().splitlines()[-1:]
    return time.perf_counter() - start, usage.ru_maxrss / 1024, proc.returncode, " ".join(tail)


def flagged(db: Path) -> tuple[int, int, int]:
    """(clusters, flagged clusters, flagged accounts) of the latest run."""
    runs = db.with_suffix("").with_name(db.stem + ".runs")
    run_id = (runs / "LATEST").read_text().strip()
    with duckdb.connect(str(runs / f"{run_id}.duckdb"), read_only=True) as con:
        return con.execute(
            "SELECT count(*), count(*) FILTER (flagged),"
            " coalesce(sum(size) FILTER (flagged), 0) FROM clusters"
        ).fetchall()[0]


# How big the hub the data planted turned out in the store/run: proof the rebuild saw it.
_HUB = {
    "shared_ip": (
        "run",
        "SELECT max(n_accounts) FROM value_stats WHERE kind = 'ip' AND value = '198.51.100.7'",
    ),
    "same_second": ("run", "SELECT sum(n_accounts) FROM value_stats WHERE kind = 'signup_burst'"),
    "heavy_account": (
        "store",
        "SELECT sum(requests) FROM usage_account_day WHERE account_id = 'acct_000000000'",
    ),
}


def hub_size(db: Path, case: str) -> int:
    """Accounts on the hub value (shared_ip, same_second) or the heavy account's requests."""
    where, sql = _HUB[case]
    if where == "store":
        path = db
    else:
        runs = db.with_suffix("").with_name(db.stem + ".runs")
        path = runs / f"{(runs / 'LATEST').read_text().strip()}.duckdb"
    with duckdb.connect(str(path), read_only=True) as con:
        return int(con.execute(sql).fetchall()[0][0] or 0)


def run_case(case: str, size: int, folder: Path) -> list[dict]:
    """Build, ingest, rebuild one case in ``folder``; return one record per step."""
    folder = folder.resolve()
    data = folder / "in"
    data.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    BUILDERS[case](data, size)
    records = [{"case": case, "step": "build", "rows": size, "seconds": time.perf_counter() - start,
                "peak_rss_mb": float("nan"), "status": 0, "tail": ""}]  # fmt: skip
    db = folder / "fg.duckdb"
    for step, args in (("ingest", ["ingest", str(data), "--db", str(db)]),
                       ("rebuild", ["rebuild", "--db", str(db)])):  # fmt: skip
        seconds, rss, status, tail = run_measured(args, folder)
        records.append({"case": case, "step": step, "rows": size, "seconds": seconds,
                        "peak_rss_mb": rss, "status": status, "tail": tail})  # fmt: skip
        if status != 0:
            break
    else:
        (
            records[-1]["clusters"],
            records[-1]["flagged_clusters"],
            records[-1]["flagged_accounts"],
        ) = flagged(db)
        records[-1]["hub"] = hub_size(db, case)
    return records


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--case", action="append", choices=list(BUILDERS))
    parser.add_argument("--scale", type=float, default=1.0, help="multiply the case sizes")
    parser.add_argument("--keep", type=Path, help="work in this folder instead of a temp one")
    args = parser.parse_args()
    header = (
        f"{'case':14s} {'step':8s} {'rows':>11s} {'seconds':>8s} {'peak_rss_mb':>12s} "
        f"{'clusters':>9s} {'flagged_clusters':>17s} {'flagged_accounts':>17s} {'hub':>11s}"
    )
    print(header, flush=True)
    for case in args.case or list(BUILDERS):
        size = max(int(SIZES[case] * args.scale), 10)
        with tempfile.TemporaryDirectory(prefix=f"fg-{case}-", dir=args.keep) as tmp:
            for r in run_case(case, size, Path(tmp)):
                line = (f"{r['case']:14s} {r['step']:8s} {r['rows']:>11,} {r['seconds']:>8.1f} "
                        f"{r['peak_rss_mb']:>12.0f}")  # fmt: skip
                if "flagged_clusters" in r:
                    line += (
                        f" {r['clusters']:>9,} {r['flagged_clusters']:>17,} "
                        f"{r['flagged_accounts']:>17,} {r['hub']:>11,}"
                    )
                if r["status"]:
                    line += f"  FAILED (exit {r['status']}): {r['tail']}"
                elif r["peak_rss_mb"] > RSS_LIMIT_MB:
                    line += "  OVER 8 GB"
                print(line, flush=True)


if __name__ == "__main__":
    main()
