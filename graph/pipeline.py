"""Rebuild's analytic core: evidence -> edges -> clusters -> scores -> campaigns.

Interface used by :mod:`fraudgraph.runs.rebuild` (the orchestrator owns locks,
stable ids and publishing; this module owns the analysis):

``build_snapshot(con, config, release_store, progress) -> {"counts": {...}, "timings": {...}}``

- ``con`` is a read-write connection to the new snapshot file, with the ingest
  store ATTACHed read-only as ``store``, and a table ``labels`` (effective labels:
  account_id, label, source, actor, ts, note) already created in the snapshot.
- The function copies what it needs from ``store`` first, then calls
  ``release_store()`` (the orchestrator DETACHes it so ingest is not blocked).
- For an incremental rebuild the previous run is ATTACHed read-only as ``base``:
  its evidence and fine partition are reused (:mod:`fraudgraph.graph.incremental`)
  and it is DETACHed before detection returns.
- It creates the snapshot tables of docs/architecture.md: accounts, evidence,
  value_stats, edges, clusters, campaigns, memberships, usage_daily, with
  provisional ids (cluster_id ``c<n>``, campaign_id ``k<n>``) that the
  orchestrator then maps to stable ``C-000123`` / ``K-0007`` ids.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import contextmanager

from fraudgraph.graph import (
    analysis,
    campaigns,
    detect,
    edges,
    evidence,
    incremental,
    profile,
    score,
)

from fraudgraph import queries
from fraudgraph.config import Config

__all__ = ["build_snapshot", "STAGES"]

STAGES = ("extract", "evidence", "edges", "detect", "score", "campaigns", "analysis", "finish")


def _noop(_message: str) -> None:
    return None


def build_snapshot(
    con,
    config: Config,
    release_store: Callable[[], None] | None = None,
    progress: Callable[[str], None] | None = None,
) -> dict:
    """Run every analytic stage into the snapshot behind ``con``; return counts and timings."""
    say = progress or _noop
    # DuckDB would otherwise take 80% of the machine's memory before spilling.
    con.execute(f"SET memory_limit = '{config.detect.memory_limit_mb}MB'")
    con.execute("SET preserve_insertion_order = false")
    timings: dict[str, float] = {}
    counts: dict[str, int | float] = {}

    @contextmanager
    def stage(name: str):
        say(f"{name} ...")
        start = time.perf_counter()
        yield
        timings[name] = round(time.perf_counter() - start, 3)
        say(f"{name} done in {timings[name]:.1f}s")

    with stage("extract"):
        evidence.load_kind_params(con, config.graph)
        since = incremental.base_since(con)
        in_scope = evidence.extract_from_store(con, since)
        if release_store is not None:
            release_store()
    with stage("evidence"):
        evidence.derive_usage_evidence(con, config.graph, all_accounts=since is None)
        if since is not None:
            counts["incremental_accounts_derived"] = in_scope or 0
            counts["incremental_evidence_reused"] = incremental.reuse_evidence(con)
        evidence.value_stats(con)
        counts["accounts"] = queries.scalar(con, "SELECT count(*) FROM accounts")
        counts["evidence_rows"] = queries.scalar(con, "SELECT count(*) FROM evidence")
    with stage("edges"):
        counts["edges"] = edges.build_edges(con, config.graph)
    with stage("detect"):
        if since is not None:
            queries.execute(con, "graph/warm_start")
        incremental.detach_base(con)
        counts.update(detect.detect_clusters(con, config.detect, warm=since is not None))
    with stage("score"):
        counts.update(score.score_clusters(con, config.score, config.detect))
    with stage("campaigns"):
        counts.update(campaigns.group_campaigns(con, config.score))
        counts["profiled_campaigns"] = profile.profile_campaigns(con)
    with stage("analysis"):
        counts["analysed_clusters"] = analysis.analyse_clusters(con, config.detect)
    with stage("finish"):
        queries.execute(con, "score/usage_daily")
        queries.execute(con, "score/group_values")
        queries.execute(con, "score/value_samples")
        # Small tables the app's detail page reads instead of scanning accounts and evidence
        # (120: the values the app draws per group, app/data.py PRECOMPUTED_GRAPH_VALUES).
        queries.execute(con, "score/app_member_accounts")
        queries.execute(con, "score/app_member_values", max_values=120)
        con.execute("DROP TABLE IF EXISTS raw_clusters")
    return {"counts": counts, "timings": timings}
