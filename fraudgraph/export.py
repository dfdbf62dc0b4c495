"""Ban export (interface fixed here; owned by the runs/ops engineer)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fraudgraph.workspace import Workspace

__all__ = ["export_rows", "export"]

EXPORT_COLUMNS = ["account_id", "cluster_id", "cluster_size", "cluster_score", "reasons", "run_id"]


def export_rows(ws: Workspace, *, run: str | None = None, min_score: float | None = None,
                min_size: int = 1):
    """polars DataFrame with EXPORT_COLUMNS first (then campaign_id, strength): the accounts a
    ban would take. Legit-labelled accounts (labels as of now) are never included."""
    raise NotImplementedError


def export(ws: Workspace, out: Path, *, fmt: str = "csv", min_score: float | None = None,
           min_size: int = 1, run: str | None = None, mode: int = 0o600,
           actor: str = "unknown") -> dict[str, Any]:
    """Write atomically + FILE.manifest.json; audit it; return the manifest dict."""
    raise NotImplementedError
