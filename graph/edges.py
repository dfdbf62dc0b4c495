"""Edges: weighted account-account links under an explicit edge budget.

Within each shared value, accounts are ordered by when they showed it and each
links only to its next few neighbours in time, so a value shared by ``k``
accounts emits at most ``k * max_links`` links instead of ``k^2``; a value
shared by 100,000 accounts is a hub and emits none. Per pair, kinds add up;
links explained by a shared ``org_id`` are dropped. Every edge keeps the
values behind it (``evidence``: kind, value, accounts sharing it).
"""

from __future__ import annotations

from fraudgraph import queries
from fraudgraph.config import GraphConfig

__all__ = ["build_edges"]


def build_edges(con, graph: GraphConfig) -> int:
    """Create the ``edges`` table; return its row count."""
    queries.execute(
        con,
        "graph/edges",
        min_edge_weight=graph.min_edge_weight,
        max_values_per_kind=graph.max_values_per_kind,
    )
    return queries.scalar(con, "SELECT count(*) FROM edges")
