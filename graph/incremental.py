"""Incremental rebuilds: what a new run takes from the run before it.

When the orchestrator ATTACHes the previous run as ``base`` (same config, same
pipeline version, see :func:`fraudgraph.runs.rebuild.rebuild`), two things are
reused instead of recomputed:

- **Evidence** (exact). Evidence is a function of one account's own store rows and
  the config, and store rows are append-only, so only accounts with rows loaded
  after the base run (or new to it) are derived again; every other account's
  evidence is copied. A test checks the result equals a full derivation.
- **The fine partition** (a warm start). Leiden starts from the base run's fine
  communities instead of singletons. This is not exact, by design: the result
  depends on the history of runs, and in exchange clusters that persist keep their
  shape, so a day of new data moves fewer accounts between clusters and fewer
  stable ids change. ``rebuild --full`` starts cold.

Value weights, edges, scores and everything after are recomputed: a new holder of
a value changes the weight of every link through it, and the soft kinds (e-mail
pattern, signup context, IP prefix) make one giant component of most of the
graph, so there is no exact smaller region to redo (docs/operations.md has the
measurements).
"""

from __future__ import annotations

from fraudgraph import queries

__all__ = [
    "BASE",
    "PIPELINE_VERSION",
    "base_since",
    "scope_evidence",
    "reuse_evidence",
    "detach_base",
]

BASE = "base"
# Bump when evidence derivation or the stored graph_membership change meaning: a run
# built by another version is then never used as a base.
PIPELINE_VERSION = 1


def _attached(con) -> bool:
    rows = con.execute(
        "SELECT count(*) FROM duckdb_databases() WHERE database_name = $name", {"name": BASE}
    ).fetchall()
    return rows[0][0] > 0


def base_since(con) -> int | None:
    """The base run's newest ingested file id, or ``None`` when there is no usable base.

    A base is usable when the orchestrator ATTACHed one and it holds the tables an
    incremental rebuild copies (a run built by another pipeline may not).
    """
    if not _attached(con):
        return None
    since, has_tables = queries.relation(con, "graph/base_since").fetchall()[0]
    return int(since) if has_tables and since is not None else None


def detach_base(con) -> None:
    """DETACH the base run (nothing after detection reads it)."""
    if _attached(con):
        con.execute(f"DETACH {BASE}")


def scope_evidence(con, since_file_id: int | None) -> int | None:
    """Create ``evidence_scope``: the accounts whose evidence is derived in this run.

    ``since_file_id`` is the base run's newest ingested file; ``None`` means a full
    derivation (the table is then empty and unused). Returns the number of accounts
    in scope, or ``None`` for a full derivation.
    """
    if since_file_id is None:
        con.execute("CREATE OR REPLACE TEMP TABLE evidence_scope (account_id VARCHAR)")
        return None
    queries.execute(con, "graph/evidence_scope", since_file_id=since_file_id)
    return queries.scalar(con, "SELECT count(*) FROM evidence_scope")


def reuse_evidence(con) -> int:
    """Copy the base run's evidence for accounts outside the scope; return rows copied."""
    before = queries.scalar(con, "SELECT count(*) FROM evidence")
    queries.execute(con, "graph/evidence_reuse")
    return queries.scalar(con, "SELECT count(*) FROM evidence") - before
