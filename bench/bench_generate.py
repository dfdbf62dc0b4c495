"""Benchmark: generate a population and print seconds, rows and peak RSS.

Run by hand (not in the test suite)::

    .venv/bin/python bench/bench_generate.py                      # 1M accounts, ~10M requests
    .venv/bin/python bench/bench_generate.py --accounts 2000000 --fake-accounts 25000 \\
        --requests-per-fake 1150                                  # seed scale

Output format (stable, one ``key: value`` per line) so runs can be compared.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

from fraudgraph.synth import generate


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--accounts", type=int, default=1_000_000)
    p.add_argument("--fake-accounts", type=int, default=25_000)
    p.add_argument("--requests-per-fake", type=float, default=60.0)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--format", default="csv", choices=["csv", "parquet"])
    p.add_argument(
        "--out", type=Path, default=None, help="keep the files here (default: temp, removed)"
    )
    args = p.parse_args(argv)
    out = args.out or Path(tempfile.mkdtemp(prefix="fg-bench-gen-"))
    start = time.perf_counter()
    summary = generate(
        out,
        accounts=args.accounts,
        fake_accounts=args.fake_accounts,
        requests_per_fake=args.requests_per_fake,
        seed=args.seed,
        fmt=args.format,
    )
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    size_mb = sum(f.stat().st_size for f in out.rglob("*") if f.is_file()) / 2**20
    print(f"accounts: {args.accounts}")
    print(f"fake_accounts: {args.fake_accounts}")
    print(f"requests_per_fake: {args.requests_per_fake}")
    print(f"format: {args.format}")
    for table, rows in summary["rows"].items():
        print(f"rows_{table}: {rows}")
    print(f"rows_total: {sum(summary['rows'].values())}")
    print(f"output_mb: {size_mb:.0f}")
    print(f"seconds: {seconds:.1f}")
    print(f"peak_rss_mb: {peak_mb:.0f}")
    if args.out is None:
        shutil.rmtree(out, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
