"""The ban export: contract columns, threshold and size filters, legit labels as of now,
atomic file with mode 0600 and a manifest, refusal of bad --out, audit."""

from __future__ import annotations

import hashlib
import json
import stat
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

from fraudgraph.errors import InputError
from fraudgraph.export import EXPORT_COLUMNS, export, export_rows
from fraudgraph.ops import read_audit, set_label
from fraudgraph.runs.rebuild import rebuild
from tests.runs_double import add_accounts, add_labels, device_pipeline

FRAUDGRAPH = Path(sys.executable).with_name("fraudgraph")


@pytest.fixture
def published(workspace):
    """Run R-000001: a ring of 5 on d1 (score 1.0), a ring of 3 on d2 (0.6), a pair on d3 (0.4)."""
    add_accounts(
        workspace,
        [(f"r{i}", "d1", "US") for i in range(1, 6)]
        + [(f"s{i}", "d2", "US") for i in range(1, 4)]
        + [("p1", "d3", "FR"), ("p2", "d3", "FR")],
    )
    rebuild(workspace, pipeline=device_pipeline, quiet=True)
    return workspace


def test_rows_have_contract_columns_in_order_and_default_threshold(published):
    rows = export_rows(published)
    assert rows.columns[: len(EXPORT_COLUMNS)] == EXPORT_COLUMNS
    assert rows.columns[len(EXPORT_COLUMNS) :] == ["campaign_id", "strength"]
    # Default threshold 0.5: the pair (0.4) is not exported.
    assert sorted(rows["account_id"]) == ["r1", "r2", "r3", "r4", "r5", "s1", "s2", "s3"]
    assert set(rows["run_id"]) == {"R-000001"}
    first = rows.row(0, named=True)
    assert first["cluster_size"] == 5 and first["cluster_score"] == 1.0
    assert first["reasons"] == "shared device x5"


def test_min_score_and_min_size_filter_clusters(published):
    assert export_rows(published, min_score=0.0).height == 10
    assert export_rows(published, min_score=0.9).height == 5
    assert export_rows(published, min_score=0.0, min_size=3).height == 8
    with pytest.raises(InputError):
        export_rows(published, min_score=1.5)


def test_legit_label_set_after_the_run_is_honoured(published):
    set_label(published, "r2", "legit", actor="analyst")
    add_labels(published, [("s1", "legit", "2026-06-01")])  # ingested after the rebuild
    rows = export_rows(published)
    assert "r2" not in rows["account_id"].to_list()
    assert "s1" not in rows["account_id"].to_list()
    assert rows.height == 6


def test_legit_cluster_label_excludes_every_member(published):
    result = set_label(published, "C-000001", "legit", scope="cluster", actor="analyst")
    assert result["accounts"] == 5
    assert set(export_rows(published)["account_id"]) == {"s1", "s2", "s3"}


@pytest.mark.parametrize("fmt", ["csv", "parquet", "jsonl"])
def test_export_writes_file_mode_0600_and_manifest(published, tmp_path, fmt):
    out = tmp_path / f"ban.{fmt}"
    manifest = export(published, out, fmt=fmt, actor="banbot")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    reader = {"csv": pl.read_csv, "parquet": pl.read_parquet, "jsonl": pl.read_ndjson}[fmt]
    frame = reader(out)
    assert frame.columns[:6] == EXPORT_COLUMNS and frame.height == 8
    on_disk = json.loads((tmp_path / f"ban.{fmt}.manifest.json").read_text())
    assert on_disk == manifest
    assert manifest["sha256"] == hashlib.sha256(out.read_bytes()).hexdigest()
    assert manifest["rows"] == 8 and manifest["run_id"] == "R-000001"
    assert manifest["parameters"]["min_score"] == 0.5 and manifest["created_at"].endswith("Z")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    audit = read_audit(published)[0]
    assert audit["action"] == "export" and audit["actor"] == "banbot"
    assert audit["details"]["sha256"] == manifest["sha256"] and audit["details"]["rows"] == 8


def test_export_mode_option(published, tmp_path):
    out = tmp_path / "ban.csv"
    export(published, out, mode=0o640)
    assert stat.S_IMODE(out.stat().st_mode) == 0o640


def test_export_replaces_an_existing_file_atomically(published, tmp_path):
    out = tmp_path / "ban.csv"
    out.write_text("old content\n")
    export(published, out)
    assert out.read_text().startswith("account_id,cluster_id")


def test_bad_out_paths_are_refused(published, tmp_path):
    with pytest.raises(InputError, match="directory"):
        export(published, tmp_path)
    with pytest.raises(InputError, match="does not exist"):
        export(published, tmp_path / "missing" / "ban.csv")
    with pytest.raises(InputError, match="does not exist"):
        export(published, tmp_path / "missing" / ".." / ".." / "x" / "ban.csv")
    with pytest.raises(InputError, match="format"):
        export(published, tmp_path / "ban.xlsx", fmt="xlsx")


def test_cli_export_refuses_directory_with_one_line_exit_2(published, tmp_path):
    proc = subprocess.run(
        [str(FRAUDGRAPH), "export", "--db", str(published.db), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1 and "directory" in proc.stderr


def test_cli_export_json_manifest(published, tmp_path):
    out = tmp_path / "ban.csv"
    proc = subprocess.run(
        [
            str(FRAUDGRAPH),
            "export",
            "--db",
            str(published.db),
            "--out",
            str(out),
            "--min-score",
            "0.9",
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    manifest = json.loads(proc.stdout)
    assert manifest["rows"] == 5 and manifest["parameters"]["min_score"] == 0.9


def test_unknown_run_is_a_clear_error(published, tmp_path):
    with pytest.raises(InputError, match="not kept"):
        export(published, tmp_path / "ban.csv", run="R-000042")
