"""Scoring what ``export`` would ban against a ground-truth file.

The truth is a CSV with ``account_id`` and ``is_fake`` (true/false, 1/0,
yes/no), optionally ``ring_id`` (the planted ring a fake belongs to),
``group_kind`` (household, university, company, carrier_nat, ... for legit
groups) and ``tactic`` (how a ring hides); other columns are ignored. The
banned set is exactly :func:`fraudgraph.export.export_rows` at the same
threshold, so precision here is the precision of a real ban. An exported
account missing from the truth counts as a false positive (precision first).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl

from fraudgraph.errors import InputError
from fraudgraph.export import export_rows
from fraudgraph.workspace import Workspace

__all__ = ["evaluate", "read_truth"]

_TRUE = ["true", "t", "1", "yes", "y"]
_FALSE = ["false", "f", "0", "no", "n"]


def read_truth(path: Path) -> pl.DataFrame:
    """account_id, is_fake (bool), ring_id, group_kind, tactic (strings or null).

    Raises
    ------
    InputError
        Unreadable file, a missing column, or an ``is_fake`` that is not a boolean.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: truth file not found")
    try:
        truth = pl.read_csv(path, infer_schema=False)
    except Exception as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(f"{path}: cannot read truth CSV: {first}") from None
    truth = truth.rename({c: c.strip().lower() for c in truth.columns})
    missing = [c for c in ("account_id", "is_fake") if c not in truth.columns]
    if missing:
        raise InputError(f"{path}: truth file lacks column(s) {', '.join(missing)}")
    for optional in ("ring_id", "group_kind", "tactic"):
        if optional not in truth.columns:
            truth = truth.with_columns(pl.lit(None, dtype=pl.String).alias(optional))
    flag = pl.col("is_fake").str.strip_chars().str.to_lowercase()
    truth = truth.select(
        pl.col("account_id").str.strip_chars(),
        pl.when(flag.is_in(_TRUE))
        .then(True)
        .when(flag.is_in(_FALSE))
        .then(False)
        .otherwise(None)
        .alias("is_fake"),
        pl.col("is_fake").alias("is_fake_raw"),
        *[
            pl.col(c).str.strip_chars().replace("", None).alias(c)
            for c in ("ring_id", "group_kind", "tactic")
        ],
    )
    bad = truth.filter(pl.col("is_fake").is_null())
    if bad.height:
        raise InputError(
            f"{path}: is_fake must be true/false or 1/0; {bad.height} row(s) are not,"
            f" e.g. {bad['is_fake_raw'][0]!r}"
        )
    if truth["account_id"].null_count() or (truth["account_id"] == "").any():
        raise InputError(f"{path}: some rows have an empty account_id")
    return truth.drop("is_fake_raw").unique("account_id", keep="first")


def _ratio(num: int, den: int, empty: float) -> float:
    return round(num / den, 6) if den else empty


def evaluate(
    ws: Workspace, truth_csv: Path, *, run: str | None = None, min_score: float | None = None
) -> dict[str, Any]:
    """Precision, recall, f1, counts, recall per ring and per tactic, false positives per
    group kind, for what ``export`` would ban at ``min_score`` (default: the config threshold)."""
    truth = read_truth(truth_csv)
    banned_rows = export_rows(ws, run=run, min_score=min_score)
    from fraudgraph.export import default_threshold

    threshold = default_threshold(ws) if min_score is None else float(min_score)
    run_id = banned_rows["run_id"][0] if banned_rows.height else _run_id(ws, run)
    banned = banned_rows.select("account_id").unique().with_columns(pl.lit(True).alias("banned"))
    joined = truth.join(banned, on="account_id", how="full", coalesce=True).with_columns(
        pl.col("banned").fill_null(False),
        pl.col("is_fake").fill_null(False),
        pl.col("is_fake").is_null().alias("unknown"),
    )
    tp = int((joined["banned"] & joined["is_fake"]).sum())
    fp = int((joined["banned"] & ~joined["is_fake"]).sum())
    fakes = int(truth["is_fake"].sum())
    exported = int(joined["banned"].sum())
    fn = fakes - tp
    precision = _ratio(tp, exported, 1.0 if fakes == 0 else 0.0)
    recall = _ratio(tp, fakes, 1.0)
    f1 = round(2 * precision * recall / (precision + recall), 6) if precision + recall else 0.0

    fake_rows = joined.filter(pl.col("is_fake"))
    per_ring = (
        fake_rows.filter(pl.col("ring_id").is_not_null())
        .group_by("ring_id")
        .agg(
            pl.len().alias("size"),
            pl.col("banned").sum().alias("found"),
            pl.col("tactic").drop_nulls().first().alias("tactic"),
        )
        .with_columns((pl.col("found") / pl.col("size")).round(6).alias("recall"))
        .sort("ring_id")
    )
    per_tactic = (
        fake_rows.filter(pl.col("tactic").is_not_null())
        .group_by("tactic")
        .agg(
            pl.len().alias("size"),
            pl.col("banned").sum().alias("found"),
            pl.col("ring_id").n_unique().alias("rings"),
        )
        .with_columns((pl.col("found") / pl.col("size")).round(6).alias("recall"))
        .sort("tactic")
    )
    legit_rows = joined.filter(~pl.col("is_fake"))
    per_kind = (
        legit_rows.with_columns(pl.col("group_kind").fill_null("none"))
        .group_by("group_kind")
        .agg(pl.len().alias("accounts"), pl.col("banned").sum().alias("false_positives"))
        .sort("group_kind")
    )
    return {
        "run_id": run_id,
        "threshold": threshold,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "counts": {
            "tp": tp,
            "fp": fp,
            "fn": fn,
            "exported": exported,
            "fakes": fakes,
            "truth_accounts": truth.height,
            "exported_not_in_truth": int(joined["unknown"].sum()),
        },
        "recall_per_ring": {
            r["ring_id"]: {k: r[k] for k in ("recall", "size", "found", "tactic")}
            for r in per_ring.to_dicts()
        },
        "recall_per_tactic": {
            r["tactic"]: {k: r[k] for k in ("recall", "size", "found", "rings")}
            for r in per_tactic.to_dicts()
        },
        "false_positives_per_group_kind": {
            r["group_kind"]: r["false_positives"] for r in per_kind.to_dicts()
        },
        "group_kind_accounts": {r["group_kind"]: r["accounts"] for r in per_kind.to_dicts()},
    }


def _run_id(ws: Workspace, run: str | None) -> str:
    from fraudgraph.runs.read import open_run

    con = open_run(ws, run)
    try:
        return con.execute("SELECT run_id FROM run_info").fetchall()[0][0]
    finally:
        con.close()
