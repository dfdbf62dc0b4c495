"""The ops database: manual labels and the append-only audit log (interface fixed here;
owned by the runs/ops engineer)."""

from __future__ import annotations

from typing import Any

from fraudgraph.workspace import Workspace

__all__ = ["record_audit", "read_audit", "set_label", "effective_labels", "label_history"]


def record_audit(ws: Workspace, actor: str, action: str, details: dict[str, Any]) -> None:
    """Append one audit entry (ts now, UTC)."""
    raise NotImplementedError


def read_audit(ws: Workspace, *, limit: int = 200) -> list[dict[str, Any]]:
    """Newest first: {ts, actor, action, details}."""
    raise NotImplementedError


def set_label(ws: Workspace, target: str, verdict: str, *, scope: str = "account", note: str = "",
              run: str | None = None, actor: str = "unknown") -> dict[str, Any]:
    """Label an account, or every member of a cluster/campaign of ``run``; verdict fraud|legit|clear.
    Audited with before/after. Returns {"accounts": n, ...}."""
    raise NotImplementedError


def effective_labels(ws: Workspace):
    """polars DataFrame: account_id, label, source, actor, ts, note: the newest label per account
    across the store's ingested ``labels`` table and ``labels_manual``."""
    raise NotImplementedError


def label_history(ws: Workspace, *, limit: int = 500):
    """polars DataFrame of manual label changes, newest first (who labelled what, when)."""
    raise NotImplementedError
