"""Seconds per SQL file of one rebuild's analytic pipeline, slowest first.

Runs :func:`fraudgraph.graph.pipeline.build_snapshot` into a scratch snapshot
against an existing store (nothing is published) and prints one
``query <name> <seconds>`` line per SQL file plus ``stage <name> <seconds>``.

Usage::

    .venv/bin/python bench/profile_rebuild.py --db /tmp/fg.duckdb [--config x.toml]
"""

from __future__ import annotations

import argparse
import resource
import tempfile
from pathlib import Path

import duckdb
from fraudgraph.graph.pipeline import build_snapshot

from fraudgraph import queries
from fraudgraph.config import load_config


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--config", type=Path, default=None)
    args = parser.parse_args()
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


if __name__ == "__main__":
    main()
