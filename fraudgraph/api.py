"""The public fraudgraph API: what the CLI, the app and the tests call.

Each function takes plain arguments (paths, numbers) and returns plain data
(dicts and lists that serialise to the contract's JSON). Internals live in the
step folders: ``fraudgraph.ingest``, ``fraudgraph.graph``, ``fraudgraph.runs``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fraudgraph.workspace import Workspace

__all__ = [
    "generate",
    "ingest",
    "rebuild",
    "clusters",
    "export",
    "evaluate",
    "serve_app",
    "demo",
    "diff",
    "audit",
    "label",
    "report",
    "runs",
    "restore_run",
]


def generate(
    out_dir: str | Path,
    *,
    accounts: int = 50_000,
    fake_accounts: int = 2_500,
    requests_per_fake: float = 60.0,
    seed: int = 1,
    fmt: str = "csv",
) -> dict[str, Any]:
    """Write a synthetic population and its truth file; return a summary."""
    from fraudgraph.synth import generate as _generate

    return _generate(
        Path(out_dir),
        accounts=accounts,
        fake_accounts=fake_accounts,
        requests_per_fake=requests_per_fake,
        seed=seed,
        fmt=fmt,
    )


def ingest(
    paths: list[str | Path],
    *,
    db: str | Path | None = None,
    table: str | None = None,
    strict: bool = False,
    progress: bool = True,
) -> dict[str, Any]:
    """Ingest files/folders; return the contract's ``{"files": [...]}`` report."""
    from fraudgraph.ingest import ingest_paths

    return ingest_paths(
        Workspace.at(db), [Path(p) for p in paths], table=table, strict=strict, progress=progress
    )


def rebuild(
    *,
    db: str | Path | None = None,
    config: str | Path | None = None,
    if_changed: bool = False,
    hold_on_anomaly: bool = False,
    full: bool = False,
    actor: str = "unknown",
) -> dict[str, Any]:
    """Build, score and publish a new run; return its summary (``full``: reuse nothing)."""
    from fraudgraph.runs.rebuild import rebuild as _rebuild

    return _rebuild(
        Workspace.at(db),
        config_path=config,
        if_changed=if_changed,
        hold_on_anomaly=hold_on_anomaly,
        full=full,
        actor=actor,
    )


def clusters(
    *,
    db: str | Path | None = None,
    top: int = 20,
    run: str | None = None,
    reveal: bool = False,
    actor: str = "unknown",
) -> list[dict[str, Any]]:
    """Clusters of a run, riskiest first (cluster_id, size, score, reasons, ...)."""
    from fraudgraph.runs.read import list_clusters

    return list_clusters(Workspace.at(db), top=top, run=run, reveal=reveal, actor=actor)


def export(
    out: str | Path,
    *,
    db: str | Path | None = None,
    fmt: str = "csv",
    min_score: float | None = None,
    min_size: int = 1,
    run: str | None = None,
    mode: int = 0o600,
    actor: str = "unknown",
) -> dict[str, Any]:
    """Write the ban export and its manifest; return the manifest."""
    from fraudgraph.export import export as _export

    return _export(
        Workspace.at(db),
        Path(out),
        fmt=fmt,
        min_score=min_score,
        min_size=min_size,
        run=run,
        mode=mode,
        actor=actor,
    )


def evaluate(
    truth_csv: str | Path,
    *,
    db: str | Path | None = None,
    run: str | None = None,
    min_score: float | None = None,
) -> dict[str, Any]:
    """Precision, recall, recall per ring, false positives per group kind."""
    from fraudgraph.evaluate import evaluate as _evaluate

    return _evaluate(Workspace.at(db), Path(truth_csv), run=run, min_score=min_score)


def serve_app(*, db: str | Path | None = None, port: int = 8501, host: str = "127.0.0.1") -> int:
    """Start the Streamlit app in the foreground; return its exit status."""
    from fraudgraph.app.serve import serve

    return serve(Workspace.at(db), port=port, host=host)


def demo(
    *,
    db: str | Path | None = None,
    out_dir: str | Path | None = None,
    accounts: int = 250_000,
    fake_accounts: int = 25_000,
    seed: int = 1,
) -> dict[str, Any]:
    """Generate + ingest + rebuild into a demo database."""
    import shutil
    import sys

    ws = Workspace.at(db)
    data_dir = Path(out_dir) if out_dir else ws.db.parent / "demo-data"
    if data_dir.exists():
        shutil.rmtree(data_dir)
    print(
        f"generating {accounts:,} accounts ({fake_accounts:,} fake) into {data_dir}",
        file=sys.stderr,
    )
    gen = generate(
        data_dir, accounts=accounts, fake_accounts=fake_accounts, seed=seed, fmt="parquet"
    )
    ing = ingest([data_dir], db=ws.db)
    run = rebuild(db=ws.db, actor="demo")
    return {
        "generate": gen,
        "ingest": ing,
        "rebuild": run,
        "truth": str(data_dir / "truth" / "truth.csv"),
    }


def diff(
    run_a: str | None = None, run_b: str | None = None, *, db: str | Path | None = None
) -> dict[str, Any]:
    """Changes between two runs (default: the last two)."""
    from fraudgraph.runs.diff import diff_runs

    return diff_runs(Workspace.at(db), run_a, run_b)


def audit(*, db: str | Path | None = None, limit: int = 200) -> list[dict[str, Any]]:
    """Audit log entries, newest first: ts, actor, action, details."""
    from fraudgraph.ops import read_audit

    return read_audit(Workspace.at(db), limit=limit)


def label(
    target: str,
    verdict: str,
    *,
    scope: str = "account",
    note: str = "",
    run: str | None = None,
    db: str | Path | None = None,
    actor: str = "unknown",
) -> dict[str, Any]:
    """Label an account / a cluster's / a campaign's members fraud or legit."""
    from fraudgraph.ops import set_label

    return set_label(
        Workspace.at(db), target, verdict, scope=scope, note=note, run=run, actor=actor
    )


def report(
    campaign_id: str,
    out: str | Path,
    *,
    db: str | Path | None = None,
    run: str | None = None,
    actor: str = "unknown",
) -> Path:
    """Write the self-contained HTML case report for one campaign."""
    from fraudgraph.report import write_report

    return write_report(Workspace.at(db), campaign_id, Path(out), run=run, actor=actor)


def runs(*, db: str | Path | None = None) -> dict[str, Any]:
    """Kept run ids (oldest first) and the one ``LATEST`` names."""
    from fraudgraph.runs.read import latest_run_id, list_runs

    ws = Workspace.at(db)
    return {"runs": list_runs(ws), "latest": latest_run_id(ws)}


def restore_run(
    run_id: str, *, db: str | Path | None = None, actor: str = "unknown"
) -> dict[str, Any]:
    """Point ``LATEST`` back at a kept run (under the rebuild lock; audited)."""
    from fraudgraph.runs.publish import restore_run as _restore

    return _restore(Workspace.at(db), run_id, actor=actor)
