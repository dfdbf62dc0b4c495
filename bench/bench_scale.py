"""Side by side on the same generated data: scan floor, fraudgraph, the notebook reference.

Run by hand (not in the test suite)::

    .venv/bin/python bench/bench_scale.py --accounts 200000 --fake-accounts 20000
    .venv/bin/python bench/bench_scale.py --accounts 2000000 --fake-accounts 25000 \\
        --requests-per-fake 1150 --skip-reference          # the reference population

Every measured part runs in its own child process; its wall seconds and peak
resident memory (``os.wait4``'s rusage of that child) are printed as one
``name: value unit`` line each, so runs can be compared across commits:

- ``scan_floor``: one DuckDB pass over all input files grouped by account (per
  table count, first/last time and token sums per account, then one more group by
  account): the physical floor under anything that reads every input row.
- ``duckdb_read_api_requests``: DuckDB reading every value of every column of the
  api_requests file (timestamps parsed, string lengths summed).
- ``ingest_api_requests``: ``fraudgraph ingest`` of that file alone into a fresh store;
  ``ingest_rest``: the rest of the folder; ``ingest`` is their sum.
- ``rebuild``: ``fraudgraph rebuild`` (extract, evidence, edges, Leiden, scoring,
  campaigns and profiles, publish). ``export``: ``fraudgraph export`` at the default
  threshold.
- ``reference``: what an analyst would otherwise write in a notebook: pandas reads the
  input tables, projects shared attributes (card, device, IP, e-mail, phone; values on
  2..500 accounts) into an account-account edge list, and networkx runs
  ``louvain_communities``. It is killed at ``--reference-cap`` seconds and then reported
  as ``> cap`` with how far it got.
- ``app.*``: ``bench/bench_app.py`` against the rebuilt database, when that script exists.

Ratios: ``rebuild_to_scan_floor``, ``ingest_to_duckdb_read`` (api_requests),
``reference_to_rebuild`` and ``reference_to_ingest_plus_rebuild``. The load average
before and after is printed because other processes on the machine change every figure.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
FRAUDGRAPH = str(Path(PY).with_name("fraudgraph"))

SCAN_FLOOR = r"""
import sys, duckdb
fmt, folder = sys.argv[1], sys.argv[2]
read = "read_parquet" if fmt == "parquet" else "read_csv"
def src(t): return f"{read}('{folder}/{t}.{fmt}')"
con = duckdb.connect()
con.execute("SET enable_progress_bar = false")
con.execute(f'''
CREATE TABLE per_account AS
SELECT account_id, sum(n) AS rows, min(t0) AS first_t, max(t1) AS last_t,
       sum(tin) AS input_tokens, sum(tout) AS output_tokens
FROM (
  SELECT account_id, count(*) n, min(created_at::TIMESTAMP) t0, max(created_at::TIMESTAMP) t1,
         0 tin, 0 tout FROM {src("accounts")} GROUP BY account_id
  UNION ALL SELECT account_id, count(*), min(ts::TIMESTAMP), max(ts::TIMESTAMP), 0, 0
         FROM {src("payments")} GROUP BY account_id
  UNION ALL SELECT account_id, count(*), min(ts::TIMESTAMP), max(ts::TIMESTAMP), 0, 0
         FROM {src("ip_events")} GROUP BY account_id
  UNION ALL SELECT account_id, count(*), min(ts::TIMESTAMP), max(ts::TIMESTAMP), 0, 0
         FROM {src("devices")} GROUP BY account_id
  UNION ALL SELECT account_id, count(*), min(ts::TIMESTAMP), max(ts::TIMESTAMP),
         sum(input_tokens), sum(output_tokens) FROM {src("api_requests")} GROUP BY account_id
) GROUP BY account_id''')
print("accounts_seen:", con.execute("SELECT count(*) FROM per_account").fetchone()[0])
"""

DUCKDB_READ = r"""
import sys, duckdb
path, fmt = sys.argv[1], sys.argv[2]
read = "read_parquet" if fmt == "parquet" else "read_csv"
duckdb.execute("SET enable_progress_bar = false")
# Touch every value (length sums, not counts: counts can come from Parquet statistics).
row = duckdb.sql(f'''SELECT count(*), sum(length(account_id)), max(ts::TIMESTAMP),
    sum(length(model)), sum(input_tokens), sum(output_tokens),
    sum(length(prompt_fingerprint)), sum(length(ip))
    FROM {read}('{path}')''').fetchall()[0]
print("rows:", row[0])
"""

REFERENCE = r"""
import sys, time
import pandas as pd, networkx as nx
fmt, folder, max_share = sys.argv[1], sys.argv[2], int(sys.argv[3])
def load(t, cols):
    p = f"{folder}/{t}.{fmt}"
    if fmt == "parquet":
        return pd.read_parquet(p, columns=cols)
    return pd.read_csv(p, usecols=cols, dtype=str)
t0 = time.perf_counter()
acc = load("accounts", ["account_id", "email", "phone", "signup_ip", "signup_device_id"])
pay = load("payments", ["account_id", "card_fingerprint"])
ips = load("ip_events", ["account_id", "ip"])
dev = load("devices", ["account_id", "device_id"])
parts = [
    pay.rename(columns={"card_fingerprint": "value"}).assign(kind="card"),
    dev.rename(columns={"device_id": "value"}).assign(kind="device"),
    acc[["account_id", "signup_device_id"]]
    .rename(columns={"signup_device_id": "value"}).assign(kind="device"),
    ips.rename(columns={"ip": "value"}).assign(kind="ip"),
    acc[["account_id", "signup_ip"]].rename(columns={"signup_ip": "value"}).assign(kind="ip"),
    acc[["account_id", "email"]].rename(columns={"email": "value"}).assign(kind="email"),
    acc[["account_id", "phone"]].rename(columns={"phone": "value"}).assign(kind="phone"),
]
inc = pd.concat(parts, ignore_index=True).dropna().drop_duplicates()
inc = inc[inc["value"] != ""]
sizes = inc.groupby(["kind", "value"])["account_id"].transform("size")
inc = inc[(sizes >= 2) & (sizes <= max_share)]
print("load_seconds:", round(time.perf_counter() - t0, 2), flush=True)
t1 = time.perf_counter()
pairs = inc.merge(inc, on=["kind", "value"])
pairs = pairs[pairs["account_id_x"] < pairs["account_id_y"]]
edges = pairs.groupby(["account_id_x", "account_id_y"]).size().reset_index(name="weight")
print("projection_seconds:", round(time.perf_counter() - t1, 2), flush=True)
print("reference_edges:", len(edges), flush=True)
t2 = time.perf_counter()
g = nx.Graph()
g.add_weighted_edges_from(edges.itertuples(index=False, name=None))
print("graph_seconds:", round(time.perf_counter() - t2, 2), flush=True)
t3 = time.perf_counter()
communities = nx.community.louvain_communities(g, weight="weight", seed=1)
print("louvain_seconds:", round(time.perf_counter() - t3, 2), flush=True)
print("communities:", sum(1 for c in communities if len(c) >= 3), flush=True)
"""


COUNTS = (
    "clusters",
    "flagged_clusters",
    "flagged_accounts",
    "edges",
    "campaigns",
    "profiled_campaigns",
)

# fraudgraph rebuild with every DuckDB connection limited to argv[1] memory, spilling to
# argv[2]/spill (measures what a memory limit in the rebuild would cost; the rebuild
# itself sets none).
LIMITED_REBUILD = r"""
import sys, duckdb
limit, work = sys.argv[1], sys.argv[2]
_connect = duckdb.connect
def connect(*a, **k):
    con = _connect(*a, **k)
    con.execute(f"SET memory_limit = '{limit}'")
    con.execute(f"SET temp_directory = '{work}/spill'")
    return con
duckdb.connect = connect
sys.argv = ["fraudgraph", *sys.argv[3:]]
from fraudgraph.cli import main
sys.exit(main())
"""


def measure(name: str, argv: list[str], *, cap: float | None = None, echo: bool = False) -> dict:
    """Run ``argv`` as a child; print and return its seconds, peak RSS and stdout lines.

    The child is reaped with ``os.wait4``, whose rusage is that child's alone (its
    ``ru_maxrss`` is its own peak, grandchildren excluded; fraudgraph does not fork).
    """
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=err, text=True)
        timed_out = over_memory = False
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if cap is not None and time.perf_counter() - start > cap:
                proc.kill()
                timed_out = True
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            if MAX_RSS_MIB and _rss_mib(proc.pid) > MAX_RSS_MIB:
                proc.kill()
                over_memory = True
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.05)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    rss = usage.ru_maxrss / 1024
    state = (
        "timeout"
        if timed_out
        else f"killed above {MAX_RSS_MIB} MiB RSS"
        if over_memory
        else ("ok" if proc.returncode == 0 else f"rc={proc.returncode}")
    )
    shown = f"> {cap:.0f}" if timed_out else f"{seconds:.2f}"
    print(f"{name}_seconds: {shown} s", flush=True)
    print(f"{name}_peak_rss: {rss:.0f} MiB", flush=True)
    if state != "ok":
        print(f"{name}_status: {state}", flush=True)
        for line in stderr.strip().splitlines()[-3:]:
            print(f"{name}_stderr: {line}", flush=True)
    lines = [ln for ln in stdout.splitlines() if ln.strip()]
    if echo:
        for line in lines:
            print(f"{name}.{line}" if ":" in line else f"{name}: {line}", flush=True)
    return {
        "seconds": seconds,
        "rss": rss,
        "ok": state == "ok",
        "timeout": timed_out,
        "lines": lines,
    }


MAX_RSS_MIB = 0  # set from --max-rss-gib: a child above it is killed (the machine is shared)


def _rss_mib(pid: int) -> float:
    """Current resident memory of ``pid`` in MiB (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=200_000)
    parser.add_argument("--fake-accounts", type=int, default=20_000)
    parser.add_argument("--requests-per-fake", type=float, default=60.0)
    parser.add_argument("--format", choices=("csv", "parquet"), default="parquet")
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/fg-bench-scale"))
    parser.add_argument("--skip-reference", action="store_true")
    parser.add_argument("--reference-cap", type=float, default=600.0, help="seconds")
    parser.add_argument(
        "--reference-max-share",
        type=int,
        default=500,
        help="the notebook drops values on more accounts than this",
    )
    parser.add_argument("--skip-app", action="store_true")
    parser.add_argument("--skip-export", action="store_true")
    parser.add_argument(
        "--max-rss-gib",
        type=float,
        default=16.0,
        help="kill a measured child whose RSS passes this (0: no limit)",
    )
    parser.add_argument(
        "--rebuild-only",
        action="store_true",
        help="reuse the store of a previous run in --workdir: rebuild (+ export)",
    )
    parser.add_argument(
        "--duckdb-memory-limit",
        default="",
        help="run rebuild with SET memory_limit (e.g. 8GB) and a spill folder:"
        " what a memory limit in the rebuild would do",
    )
    args = parser.parse_args()
    global MAX_RSS_MIB
    MAX_RSS_MIB = int(args.max_rss_gib * 1024)

    work = args.workdir
    work.mkdir(parents=True, exist_ok=True)
    data = (
        work / f"data-{args.accounts}-{args.fake_accounts}-{args.requests_per_fake:g}-{args.seed}"
    )
    data = data.with_name(data.name + f"-{args.format}")
    db = work / "bench.duckdb"
    fmt = args.format
    print(
        f"config: accounts={args.accounts} fake_accounts={args.fake_accounts} "
        f"requests_per_fake={args.requests_per_fake:g} format={fmt} seed={args.seed}"
    )
    print(f"load_average_start: {_load_average()}", flush=True)

    # Generation is not measured against anything; the data is reused when present.
    if not (data / "truth" / "truth.csv").exists():
        if data.exists():
            shutil.rmtree(data)
        measure(
            "generate",
            [
                FRAUDGRAPH,
                "generate",
                str(data),
                "--accounts",
                str(args.accounts),
                "--fake-accounts",
                str(args.fake_accounts),
                "--requests-per-fake",
                str(args.requests_per_fake),
                "--seed",
                str(args.seed),
                "--format",
                fmt,
            ],
        )
    requests_file = data / f"api_requests.{fmt}"
    sizes = {p.name: p.stat().st_size for p in data.iterdir() if p.is_file()}
    print(f"input_bytes: {sum(sizes.values())} B")
    print(f"api_requests_bytes: {sizes.get(requests_file.name, 0)} B", flush=True)

    rebuild_cmd = [FRAUDGRAPH, "rebuild", "--db", str(db), "--json"]
    if args.duckdb_memory_limit:
        rebuild_cmd = [
            PY,
            "-c",
            LIMITED_REBUILD,
            args.duckdb_memory_limit,
            str(work),
            *rebuild_cmd[1:],
        ]
    if args.rebuild_only:
        if not db.exists():
            print(f"--rebuild-only: no store at {db}; run once without it", file=sys.stderr)
            return 2
        read = floor = ing_req = None
        ingest_seconds = 0.0
    else:
        for family in work.glob("bench.*"):
            if family.is_dir():
                shutil.rmtree(family)
            else:
                family.unlink()
        read = measure(
            "duckdb_read_api_requests", [PY, "-c", DUCKDB_READ, str(requests_file), fmt], echo=True
        )
        floor = measure("scan_floor", [PY, "-c", SCAN_FLOOR, fmt, str(data)], echo=True)
        ing_req = measure(
            "ingest_api_requests",
            [FRAUDGRAPH, "ingest", str(requests_file), "--db", str(db), "--json"],
        )
        ing_rest = measure(
            "ingest_rest", [FRAUDGRAPH, "ingest", str(data), "--db", str(db), "--json"]
        )
        ingest_seconds = ing_req["seconds"] + ing_rest["seconds"]
        print(f"ingest_seconds: {ingest_seconds:.2f} s")
        print(f"ratio.ingest_to_duckdb_read: {ing_req['seconds'] / read['seconds']:.2f}")
    rebuild = measure("rebuild", rebuild_cmd)
    if rebuild["ok"] and rebuild["lines"]:
        summary = json.loads(rebuild["lines"][-1])
        timings = summary.get("timings", {}).get("pipeline_stages") or summary.get("timings", {})
        for stage, secs in (timings or {}).items():
            if isinstance(secs, int | float):
                print(f"rebuild.stage.{stage}: {secs:.2f} s")
        for key in COUNTS:
            value = (summary.get("counts") or {}).get(key)
            if value is not None:
                print(f"rebuild.count.{key}: {value}")
    if not rebuild["ok"]:
        print("ratio.rebuild_to_scan_floor: n/a (rebuild did not finish)", flush=True)
        return 1
    if not args.skip_export:
        measure(
            "export",
            [FRAUDGRAPH, "export", "--out", str(work / "bench-export.csv"), "--db", str(db)],
        )
    if floor is not None:
        print(f"ratio.rebuild_to_scan_floor: {rebuild['seconds'] / floor['seconds']:.2f}")
        print(
            f"ratio.ingest_plus_rebuild_to_scan_floor: "
            f"{(ingest_seconds + rebuild['seconds']) / floor['seconds']:.2f}",
            flush=True,
        )

    if not args.skip_reference:
        ref = measure(
            "reference",
            [PY, "-c", REFERENCE, fmt, str(data), str(args.reference_max_share)],
            cap=args.reference_cap,
            echo=True,
        )
        bound = ">= " if ref["timeout"] else ""
        print(f"ratio.reference_to_rebuild: {bound}{ref['seconds'] / rebuild['seconds']:.1f}")
        if ingest_seconds:
            print(
                f"ratio.reference_to_ingest_plus_rebuild: {bound}"
                f"{ref['seconds'] / (ingest_seconds + rebuild['seconds']):.1f}",
                flush=True,
            )

    bench_app = ROOT / "bench" / "bench_app.py"
    if not args.skip_app and bench_app.exists() and rebuild["ok"]:
        measure("app", [PY, str(bench_app), "--db", str(db)], echo=True)
    print(f"load_average_end: {_load_average()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
