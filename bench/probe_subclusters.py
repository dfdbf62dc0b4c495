"""Probe: how many missed fakes a finer cut of the unflagged clusters would isolate.

Not a feature: a measurement for the next step in docs/scoring.md ("mixed fine
clusters"). For one published run and its truth file, it re-runs Leiden (CPM)
at a higher resolution inside every unflagged fine cluster, on the run's own
edges, and counts the fakes and legit accounts that land in sub-clusters of at
least ``--min-size`` members that are at least ``--purity`` fake. That is an
upper bound on what scoring such sub-clusters could add; they would still have
to pass the null model and the member test.

Usage::

    .venv/bin/python bench/probe_subclusters.py STORE_DIR RUN_ID TRUTH_CSV --resolution 0.02 0.04
"""

from __future__ import annotations

import argparse
import collections
import random
from pathlib import Path

import duckdb
import igraph as ig


def probe(run_db: Path, truth: Path, resolution: float, min_size: int, purity: float) -> dict:
    con = duckdb.connect(str(run_db), read_only=True)
    con.execute(
        "CREATE TEMP TABLE t AS SELECT account_id, is_fake = '1' AS fake "
        "FROM read_csv($p, all_varchar = true)",
        {"p": str(truth)},
    )
    rows = con.execute(
        "SELECT m.account_id, m.cluster_id, t.fake FROM memberships m "
        "JOIN t USING (account_id) JOIN clusters c USING (cluster_id) WHERE NOT c.flagged"
    ).fetchall()
    members: dict[str, list[str]] = collections.defaultdict(list)
    fake: dict[str, bool] = {}
    for account, cluster, is_fake in rows:
        members[cluster].append(account)
        fake[account] = is_fake
    cluster_of = {a: c for c, ms in members.items() for a in ms}
    inside: dict[str, list[tuple[str, str, float]]] = collections.defaultdict(list)
    for src, dst, weight in con.execute("SELECT src, dst, weight FROM edges").fetchall():
        cluster = cluster_of.get(src)
        if cluster is not None and cluster == cluster_of.get(dst):
            inside[cluster].append((src, dst, weight))
    random.seed(1)  # igraph draws from Python's random
    out = {"clusters": len(members), "fakes": 0, "legit": 0, "isolated_fakes": 0,
           "isolated_legit": 0, "subclusters": 0}  # fmt: skip
    for cluster, accounts in members.items():
        out["fakes"] += sum(fake[a] for a in accounts)
        out["legit"] += sum(not fake[a] for a in accounts)
        edges = inside.get(cluster)
        if not edges:
            continue
        index = {a: i for i, a in enumerate(accounts)}
        graph = ig.Graph(n=len(accounts), edges=[(index[s], index[d]) for s, d, _ in edges])
        parts = graph.community_leiden(
            objective_function="CPM",
            resolution=resolution,
            weights=[w for *_, w in edges],
            n_iterations=2,
        )
        for part in parts:
            n_fake = sum(fake[accounts[i]] for i in part)
            if len(part) >= min_size and n_fake >= purity * len(part):
                out["subclusters"] += 1
                out["isolated_fakes"] += n_fake
                out["isolated_legit"] += len(part) - n_fake
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store_dir", type=Path, help="folder holding fg.runs/")
    parser.add_argument("run_id")
    parser.add_argument("truth", type=Path)
    parser.add_argument("--resolution", type=float, nargs="+", default=[0.02, 0.04])
    parser.add_argument("--min-size", type=int, default=5)
    parser.add_argument("--purity", type=float, default=0.8)
    args = parser.parse_args()
    runs = [p for p in args.store_dir.glob("*.runs") if p.is_dir()]
    if len(runs) != 1:
        parser.error(f"expected one *.runs folder in {args.store_dir}, found {len(runs)}")
    run_db = runs[0] / f"{args.run_id}.duckdb"
    for resolution in args.resolution:
        r = probe(run_db, args.truth, resolution, args.min_size, args.purity)
        print(
            f"subclusters resolution={resolution} unflagged_clusters={r['clusters']} "
            f"fakes={r['fakes']} legit={r['legit']} isolated_fakes={r['isolated_fakes']} "
            f"isolated_legit={r['isolated_legit']} subclusters={r['subclusters']}"
        )


if __name__ == "__main__":
    main()
