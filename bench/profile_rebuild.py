"""Seconds per SQL file of one rebuild's analytic pipeline, slowest first.

Runs :func:`fraudgraph.graph.pipeline.build_snapshot` into a scratch snapshot
against an existing store (nothing is published) and prints one
``query <name> <seconds>`` line per SQL file plus ``stage <name> <seconds>``.

Usage::

    .venv/bin/python bench/profile_rebuild.py --db /tmp/fg.duckdb [--config x.toml]
    .venv/bin/python bench/profile_rebuild.py --db /tmp/fg.duckdb --plans /tmp/plans

With ``--plans DIR`` every ``CREATE ... AS`` and ``INSERT`` statement runs under
``EXPLAIN ANALYZE`` (which executes it, so the pipeline goes on) and the plan of
each statement slower than ``--plan-min-seconds`` is written to
``DIR/<file>_<call>_<statement>.txt``; one ``statement <name> <seconds>`` line is
printed per statement. Operator timings in the plans show what a statement's
time goes to (a HUGEINT cast, a join the optimizer ordered badly).
"""

from __future__ import annotations

import argparse
import re
import resource
import tempfile
import time
from pathlib import Path

import duckdb
from fraudgraph.graph.pipeline import build_snapshot

from fraudgraph import queries
from fraudgraph.config import load_config


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--config", type=Path, default=None)
    parser.add_argument("--plans", type=Path, default=None, help="write slow plans here")
    parser.add_argument("--plan-min-seconds", type=float, default=1.0)
    args = parser.parse_args()
    if args.plans is not None:
        _explain_statements(args.plans, args.plan_min_seconds)
    with tempfile.TemporaryDirectory() as scratch:
        con = duckdb.connect(str(Path(scratch) / "snapshot.duckdb"))
        con.execute("ATTACH ? AS store (READ_ONLY)", [str(args.db)])
        con.execute(
            "CREATE TABLE labels AS SELECT account_id, label, source, NULL::VARCHAR AS actor, "
            "ts, NULL::VARCHAR AS note FROM store.labels"
        )
        result = build_snapshot(
            con, load_config(args.config), release_store=lambda: con.execute("DETACH store")
        )
        con.close()
    for name, seconds in sorted(result["timings"].items(), key=lambda kv: -kv[1]):
        print(f"stage {name} {seconds:.2f}")
    for name, seconds in sorted(queries.timed().items(), key=lambda kv: -kv[1]):
        print(f"query {name} {seconds:.2f}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak_rss_mb {peak:.0f}")


_PLANNED = re.compile(r"^\s*(--[^\n]*\n\s*)*(CREATE OR REPLACE (TEMP )?TABLE \w+ AS|INSERT INTO)")


def _explain_statements(out: Path, min_seconds: float) -> None:
    """Make ``queries.execute`` run each statement under EXPLAIN ANALYZE and keep slow plans."""
    out.mkdir(parents=True, exist_ok=True)
    real_timed = queries._timings
    calls: dict[str, int] = {}

    def execute(con, name, **params):
        call = calls.get(name, 0)
        calls[name] = call + 1
        start_all = time.perf_counter()
        statements = [s for s in queries._split(queries.sql(name)) if s.strip()]
        for k, statement in enumerate(statements):
            used = queries._used_params(statement, params)
            start = time.perf_counter()
            plan = None
            if _PLANNED.match(statement):
                con.execute("EXPLAIN ANALYZE " + statement, used)
                plan = con.fetchall()[0][1]
            else:
                con.execute(statement, used)
            seconds = time.perf_counter() - start
            tag = f"{name.replace('/', '_')}_{call}_{k}"
            print(f"statement {tag} {seconds:.2f}", flush=True)
            if plan is not None and seconds >= min_seconds:
                (out / f"{tag}.txt").write_text(plan)
        real_timed[name] = real_timed.get(name, 0.0) + time.perf_counter() - start_all

    queries.execute = execute


if __name__ == "__main__":
    main()
