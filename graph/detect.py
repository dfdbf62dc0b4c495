"""Detection: Leiden communities on the weighted account graph.

We optimise the Constant Potts Model (CPM) rather than modularity [1]_. Modularity
has a resolution limit: on a graph of hundreds of thousands of accounts it
prefers communities far larger than a ring and merged about ten rings per
community in our measurements; CPM compares each community's internal weight
with ``resolution * n_pairs`` independently of graph size, so a community is
kept only if its members are on average linked with at least ``resolution``
weight per pair. The default resolution was chosen from measurements on
generated populations (see docs/scoring.md). Because each account links only to
its nearest neighbours in time within a shared value, a large ring is sparse and
CPM cuts it into tight fragments; two lower-resolution passes, each warm-started
from the fine clusters, give the "ring candidates" they nest in (a middle level
and a coarse one), which are scored too. Runs are deterministic: igraph
draws from Python's ``random``, seeded here, and the edge list is ordered.

References
----------
.. [1] V. A. Traag, L. Waltman, N. J. van Eck, "From Louvain to Leiden:
   guaranteeing well-connected communities", Scientific Reports 9, 2019.
"""

from __future__ import annotations

import random

import igraph as ig
import numpy as np
import polars as pl

from fraudgraph import queries
from fraudgraph.config import DetectConfig

__all__ = ["detect_clusters", "leiden"]


def leiden(
    n: int,
    sources: np.ndarray,
    targets: np.ndarray,
    weights: np.ndarray,
    config: DetectConfig,
    resolution: float | None = None,
    initial: np.ndarray | None = None,
) -> np.ndarray:
    """Leiden membership of ``n`` vertices given an edge list.

    Examples
    --------
    Two triangles joined by one weak edge come out as two communities:

    >>> import numpy as np
    >>> from fraudgraph.config import DetectConfig
    >>> s = np.array([0, 0, 1, 3, 3, 4, 2]); t = np.array([1, 2, 2, 4, 5, 5, 3])
    >>> w = np.array([1, 1, 1, 1, 1, 1, 0.05])
    >>> m = leiden(6, s, t, w, DetectConfig(resolution=0.3))
    >>> bool(m[0] == m[1] == m[2]) and bool(m[3] == m[4] == m[5]) and bool(m[0] != m[3])
    True
    """
    graph = ig.Graph(n=n, edges=np.column_stack([sources, targets]))
    rng = random.Random(config.seed)
    ig.set_random_number_generator(rng)
    try:
        parts = graph.community_leiden(
            objective_function=config.objective,
            weights=weights.tolist(),
            resolution=config.resolution if resolution is None else resolution,
            beta=config.beta,
            n_iterations=config.n_iterations,
            initial_membership=None if initial is None else initial.tolist(),
        )
    finally:
        ig.set_random_number_generator(random)
    return np.asarray(parts.membership, dtype=np.int64)


def _warm_start(con, n: int) -> np.ndarray:
    """The fine pass's starting partition from ``warm_membership`` (the base run's).

    Accounts the base run had in one community start together; accounts new to the
    graph start alone.
    """
    frame = queries.relation(con, "graph/warm_start_vertices").pl()
    start = frame["community"].to_numpy().copy()
    alone = np.flatnonzero(start < 0)
    start[alone] = (start.max(initial=-1) + 1) + np.arange(alone.size)
    if frame.height != n:  # pragma: no cover - graph_nodes and the frame come from one table
        raise AssertionError("warm start does not cover the graph")
    return start


def detect_clusters(con, config: DetectConfig, warm: bool = False) -> dict[str, int]:
    """Run Leiden at three levels on ``edges``; create ``raw_clusters`` and ``cluster_rings``.

    With ``warm``, the fine pass starts from ``warm_membership`` (an incremental
    rebuild: the base run's fine communities) instead of singletons.
    """
    queries.execute(con, "graph/graph_nodes")
    n = queries.scalar(con, "SELECT count(*) FROM graph_nodes")
    edge_list = queries.relation(con, "graph/graph_edge_list").arrow()
    if hasattr(edge_list, "read_all"):
        edge_list = edge_list.read_all()
    if n == 0:
        membership = mids = rings = np.zeros(0, dtype=np.int64)
    else:
        s, d, w = (edge_list.column(c).to_numpy() for c in ("s", "d", "weight"))
        membership = leiden(n, s, d, w, config, initial=_warm_start(con, n) if warm else None)
        # Coarser levels, each warm-started from the fine clusters so that their
        # groups are (mostly) unions of fine clusters.
        mids = leiden(n, s, d, w, config, resolution=config.mid_resolution, initial=membership)
        rings = leiden(n, s, d, w, config, resolution=config.ring_resolution, initial=membership)
    frame = pl.DataFrame(
        {"vid": np.arange(n, dtype=np.int64), "community": membership, "mid": mids, "ring": rings}
    )
    con.register("membership_frame", frame)
    con.execute(
        "CREATE OR REPLACE TABLE graph_membership AS "
        "SELECT g.account_id, f.community, f.mid, f.ring "
        "FROM graph_nodes g JOIN membership_frame f USING (vid)"
    )
    con.unregister("membership_frame")
    queries.execute(con, "graph/raw_clusters", min_cluster_size=config.min_cluster_size)
    queries.execute(con, "graph/cluster_rings")
    n_clusters, n_mids, n_rings = con.sql(
        "SELECT count(DISTINCT cluster_id) FILTER (WHERE starts_with(cluster_id, 'c')), "
        "count(DISTINCT cluster_id) FILTER (WHERE starts_with(cluster_id, 'm')), "
        "count(DISTINCT cluster_id) FILTER (WHERE starts_with(cluster_id, 'r')) FROM raw_clusters"
    ).fetchall()[0]
    return {
        "graph_nodes": int(n),
        "communities": int(membership.max() + 1) if n else 0,
        "clusters": int(n_clusters),
        "mid_candidates": int(n_mids),
        "ring_candidates": int(n_rings),
    }
