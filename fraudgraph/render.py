"""Human output of the CLI: rich tables on stdout (``--json`` prints data instead)."""

from __future__ import annotations

import json
from typing import Any

from rich.console import Console
from rich.table import Table

__all__ = ["print_clusters", "print_evaluation", "print_diff", "print_audit"]


def _console() -> Console:
    console = Console(highlight=False, soft_wrap=False)
    if not console.is_terminal:  # piped to a file or a pager: do not squeeze into 80 columns
        console = Console(highlight=False, soft_wrap=False, width=140)
    return console


def _fmt(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def print_clusters(rows: list[dict[str, Any]]) -> None:
    """Clusters riskiest first, with masked central members."""
    console = _console()
    if not rows:
        console.print("no clusters in this run")
        return
    table = Table(title=f"Clusters of {rows[0].get('run_id', '')}", show_lines=False)
    for name, justify in (
        ("cluster", "left"),
        ("campaign", "left"),
        ("size", "right"),
        ("score", "right"),
        ("flagged", "center"),
        ("reasons", "left"),
        ("central members", "left"),
    ):
        table.add_column(name, justify=justify, overflow="fold")
    for row in rows:
        members = ", ".join(
            m.get("email") or m.get("account_id") or ""
            for m in row.get("central_member_details", [])[:2]
        )
        table.add_row(
            _fmt(row.get("cluster_id")),
            _fmt(row.get("campaign_id")),
            _fmt(row.get("size")),
            _fmt(row.get("score")),
            "yes" if row.get("flagged") else "",
            _fmt(row.get("reasons")),
            members,
        )
    console.print(table)


def print_evaluation(result: dict[str, Any]) -> None:
    """Precision/recall headline, then recall per ring and tactic, false positives per kind."""
    console = _console()
    counts = result.get("counts", {})
    console.print(
        f"run {result.get('run_id')}  threshold {result.get('threshold')}\n"
        f"precision {result['precision']:.4f}  recall {result['recall']:.4f}  f1 {result['f1']:.4f}"
        f"  (tp {counts.get('tp')}, fp {counts.get('fp')}, fn {counts.get('fn')},"
        f" exported {counts.get('exported')}, fakes {counts.get('fakes')})"
    )
    rings = result.get("recall_per_ring") or {}
    if rings:
        table = Table(title="Recall per ring")
        for name in ("ring", "tactic", "size", "found", "recall"):
            table.add_column(name, justify="left" if name in ("ring", "tactic") else "right")
        for ring_id, ring in rings.items():
            table.add_row(
                ring_id,
                _fmt(ring.get("tactic")),
                _fmt(ring["size"]),
                _fmt(ring["found"]),
                _fmt(ring["recall"]),
            )
        console.print(table)
    tactics = result.get("recall_per_tactic") or {}
    if tactics:
        table = Table(title="Recall per tactic")
        for name in ("tactic", "rings", "size", "found", "recall"):
            table.add_column(name, justify="left" if name == "tactic" else "right")
        for tactic, row in tactics.items():
            table.add_row(
                tactic,
                _fmt(row["rings"]),
                _fmt(row["size"]),
                _fmt(row["found"]),
                _fmt(row["recall"]),
            )
        console.print(table)
    kinds = result.get("false_positives_per_group_kind") or {}
    if kinds:
        sizes = result.get("group_kind_accounts", {})
        table = Table(title="False positives per legit group kind")
        table.add_column("group kind")
        table.add_column("accounts", justify="right")
        table.add_column("false positives", justify="right")
        for kind, fp in kinds.items():
            table.add_row(kind, _fmt(sizes.get(kind)), _fmt(fp))
        console.print(table)


def print_diff(result: dict[str, Any]) -> None:
    """The diff summary, then each non-empty category."""
    console = _console()
    summary = result.get("summary", {})
    console.print(f"[bold]{result.get('run_a')} -> {result.get('run_b')}[/bold]")
    console.print("  ".join(f"{k} {v}" for k, v in summary.items()) if summary else "no changes")
    sections = [
        ("new", ("cluster_id", "size", "score", "flagged")),
        ("grown", ("cluster_id", "size_a", "size_b", "joined", "left_cluster", "flagged_b")),
        ("shrunk", ("cluster_id", "size_a", "size_b", "joined", "left_cluster", "flagged_b")),
        ("merged", ("cluster_id", "previous_ids", "size_b")),
        ("split", ("cluster_id", "into_ids", "size_a")),
        ("dissolved", ("cluster_id", "size_a", "flagged_a")),
        ("newly_joined_flagged", ("account_id", "cluster_id", "strength", "exportable")),
    ]
    for name, columns in sections:
        rows = result.get(name) or []
        if not rows:
            continue
        table = Table(title=f"{name.replace('_', ' ')} ({len(rows)})")
        for column in columns:
            table.add_column(column)
        for row in rows[:50]:
            table.add_row(
                *[
                    ", ".join(row[c]) if isinstance(row.get(c), list) else _fmt(row.get(c))
                    for c in columns
                ]
            )
        console.print(table)
        if len(rows) > 50:
            console.print(f"... and {len(rows) - 50} more (use --json for all)")


def print_audit(rows: list[dict[str, Any]]) -> None:
    """The audit log, newest first."""
    console = _console()
    if not rows:
        console.print("the audit log is empty")
        return
    table = Table(title="Audit log")
    table.add_column("ts")
    table.add_column("actor")
    table.add_column("action")
    table.add_column("details", overflow="fold")
    for row in rows:
        details = json.dumps(row.get("details"), default=str)
        if len(details) > 240:
            details = details[:237] + "..."
        table.add_row(_fmt(row.get("ts")), _fmt(row.get("actor")), _fmt(row.get("action")), details)
    console.print(table)
