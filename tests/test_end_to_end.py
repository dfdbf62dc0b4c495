"""The analyst's journey through the real console script, with a quality floor.

generate -> ingest -> rebuild -> clusters -> export -> evaluate on a generated
population with planted rings of every tactic (prepaid pools, residential and
rotating proxies, emulator farms, stealth rings, small side operations).
"""

from __future__ import annotations

import csv
import json

import pytest

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def journey(tmp_path_factory):
    import subprocess

    from tests.conftest import FRAUDGRAPH

    root = tmp_path_factory.mktemp("journey")
    db = root / "fg.duckdb"

    def run(*args: str) -> subprocess.CompletedProcess:
        proc = subprocess.run(
            [str(FRAUDGRAPH), *args], capture_output=True, text=True, cwd=root, timeout=900
        )
        assert proc.returncode == 0, f"fraudgraph {' '.join(args)}: {proc.stderr[-2000:]}"
        return proc

    run(
        "generate",
        str(root / "data"),
        "--accounts",
        "20000",
        "--fake-accounts",
        "2000",
        "--seed",
        "3",
        "--format",
        "parquet",
    )
    ingest = json.loads(run("ingest", str(root / "data"), "--db", str(db), "--json").stdout)
    rebuild = json.loads(run("rebuild", "--db", str(db), "--json").stdout)
    return {"root": root, "db": db, "run": run, "ingest": ingest, "rebuild": rebuild}


def test_ingest_reports_every_table(journey):
    tables = {f["table"] for f in journey["ingest"]["files"]}
    assert tables == {"accounts", "payments", "ip_events", "devices", "api_requests", "labels"}
    for f in journey["ingest"]["files"]:
        assert f["rows_read"] == f["rows_loaded"] + f["rows_duplicate"] + f["rows_quarantined"]


def test_rebuild_summary_names_the_run_and_its_stages(journey):
    summary = journey["rebuild"]
    assert summary["run_id"].startswith("R-")
    assert {"extract", "edges", "detect", "score"} <= set(summary["timings"]["pipeline_stages"])


def test_riskiest_clusters_are_explained(journey):
    rows = json.loads(
        journey["run"]("clusters", "--db", str(journey["db"]), "--top", "5", "--json").stdout
    )
    assert len(rows) == 5
    assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)
    for row in rows:
        assert {"cluster_id", "size", "score", "reasons"} <= set(row)
        assert row["cluster_id"].startswith("C-") and row["reasons"]


def test_export_then_evaluate_meets_the_floor(journey):
    out = journey["root"] / "ban.csv"
    journey["run"]("export", "--out", str(out), "--db", str(journey["db"]))
    with open(out, newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        rows = list(reader)
    assert header[:6] == [
        "account_id",
        "cluster_id",
        "cluster_size",
        "cluster_score",
        "reasons",
        "run_id",
    ]
    manifest = json.loads(out.with_name(out.name + ".manifest.json").read_text())
    assert manifest["rows"] == len(rows) > 0

    truth = journey["root"] / "data" / "truth" / "truth.csv"
    result = json.loads(
        journey["run"]("evaluate", str(truth), "--db", str(journey["db"]), "--json").stdout
    )
    assert result["counts"]["exported"] == len(rows)
    assert result["precision"] >= 0.99
    assert result["recall"] >= 0.90
    # Dense legit groups (NATs, corporate cards) stay out; the measured state on this
    # population is at most one stray account among ~4,000 of them (target: none).
    dense_fp = 0
    for kind in ("company", "university", "mobile", "household"):
        fp = result["false_positives_per_group_kind"].get(kind, 0)
        dense_fp += fp if isinstance(fp, int) else fp.get("false_positives", 0)
    assert dense_fp <= 2
    side_ops = {r: v for r, v in result["recall_per_ring"].items() if r.startswith("S")}
    assert side_ops and all(v["recall"] >= 0.9 for v in side_ops.values())
