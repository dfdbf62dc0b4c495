"""Campaigns: clusters run by one operator, grouped by what they share.

Leiden keeps clusters tight, so a 25,000-account campaign arrives as dozens of
clusters. Flagged clusters that share campaign-specific values (values most of
whose accounts are flagged: proxy IPs, prepaid cards, device farms,
distillation templates, phone blocks) are joined; the connected components of
those links are campaigns. Unflagged clusters each stand alone.
"""

from __future__ import annotations

import igraph as ig
import numpy as np
import polars as pl

from fraudgraph import queries
from fraudgraph.config import ScoreConfig

__all__ = ["group_campaigns"]


def group_campaigns(con, config: ScoreConfig) -> dict[str, int]:
    """Fill ``campaign_id`` in clusters/memberships and create ``campaigns``."""
    queries.execute(con, "score/campaign_links", min_similarity=config.campaign_min_similarity)
    cluster_ids = [
        r[0]
        for r in con.sql(
            "SELECT cluster_id FROM clusters "
            "ORDER BY flagged DESC, score DESC, size DESC, cluster_id"
        ).fetchall()
    ]
    index = {cid: i for i, cid in enumerate(cluster_ids)}
    links = con.sql("SELECT a, b FROM campaign_links ORDER BY a, b").fetchall()
    graph = ig.Graph(n=len(cluster_ids), edges=[(index[a], index[b]) for a, b in links])
    membership = np.asarray(graph.connected_components().membership, dtype=np.int64)
    # Number campaigns in the order of their riskiest cluster.
    first_seen: dict[int, int] = {}
    for comp in membership.tolist():
        first_seen.setdefault(comp, len(first_seen) + 1)
    frame = pl.DataFrame(
        {
            "cluster_id": cluster_ids,
            "campaign_id": [f"k{first_seen[c]}" for c in membership.tolist()],
        }
    )
    con.register("campaign_frame", frame)
    con.execute(
        "UPDATE clusters SET campaign_id = f.campaign_id FROM campaign_frame f "
        "WHERE clusters.cluster_id = f.cluster_id"
    )
    con.execute(
        "UPDATE memberships SET campaign_id = c.campaign_id FROM clusters c "
        "WHERE memberships.cluster_id = c.cluster_id"
    )
    con.unregister("campaign_frame")
    queries.execute(con, "score/campaigns")
    flagged = queries.scalar(con, "SELECT count(*) FROM campaigns WHERE flagged")
    return {"campaigns": len(first_seen), "flagged_campaigns": int(flagged)}
