"""Reading published runs (owned by the runs/ops engineer; interface fixed here).

Readers never open the ingest store: everything they show comes from an
immutable run snapshot, opened read-only.
"""

from __future__ import annotations

from pathlib import Path

from fraudgraph.workspace import Workspace

__all__ = ["list_runs", "latest_run_id", "run_path", "open_run", "list_clusters"]


def list_runs(ws: Workspace) -> list[str]:
    """Published (kept) run ids, oldest first."""
    raise NotImplementedError


def latest_run_id(ws: Workspace) -> str | None:
    """The run named by ``LATEST``, or None when nothing is published."""
    raise NotImplementedError


def run_path(ws: Workspace, run_id: str | None = None) -> Path:
    """Snapshot file of ``run_id`` (default latest). Raises NoRunError."""
    raise NotImplementedError


def open_run(ws: Workspace, run_id: str | None = None):
    """A read-only DuckDB connection to a run snapshot. Raises NoRunError."""
    raise NotImplementedError


def list_clusters(ws: Workspace, *, top: int = 20, run: str | None = None, reveal: bool = False,
                  actor: str = "unknown") -> list[dict]:
    """Clusters riskiest first: cluster_id, campaign_id, size, score, reasons, ... (PII masked)."""
    raise NotImplementedError
