"""Link, detect, score: the account graph and its clusters (fraudgraph.graph)."""

from __future__ import annotations

__all__ = ["build_snapshot"]


def __getattr__(name: str):
    if name == "build_snapshot":
        from fraudgraph.graph.pipeline import build_snapshot

        return build_snapshot
    raise AttributeError(name)
