"""`fraudgraph ingest` through the real console script: exit codes, --json shape,
one-line errors, and a killed ingest leaving no half file."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

FRAUDGRAPH = Path(sys.executable).with_name("fraudgraph")

CONTRACT_KEYS = {
    "path",
    "table",
    "rows_read",
    "rows_loaded",
    "rows_duplicate",
    "rows_quarantined",
    "skipped",
}


def test_json_report_has_the_contract_fields(cli, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "labels.csv").write_text("account_id,label\na1,fraud\na1,fraud\n,legit\n")
    proc = cli("ingest", "in", "--db", "fg.duckdb", "--json")
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    (entry,) = report["files"]
    assert CONTRACT_KEYS <= set(entry)
    assert entry["table"] == "labels"
    assert (entry["rows_read"], entry["rows_loaded"], entry["rows_duplicate"]) == (3, 1, 1)
    assert entry["rows_quarantined"] == 1 and entry["skipped"] is False

    again = json.loads(cli("ingest", "in", "--db", "fg.duckdb", "--json", check=True).stdout)
    assert again["files"][0]["skipped"] is True


@pytest.mark.parametrize(
    ("name", "text", "words"),
    [
        ("accounts.csv", "account_id\na1\n", ["accounts.csv", "created_at"]),
        ("accounts.csv", "", ["accounts.csv", "empty"]),
        ("orders.csv", "account_id\na1\n", ["orders.csv", "unknown table"]),
    ],
)
def test_bad_input_exits_2_with_one_line(cli, tmp_path, name, text, words):
    (tmp_path / name).write_text(text)
    proc = cli("ingest", name, "--db", "fg.duckdb", "--json")
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1
    assert all(w in lines[0] for w in words)
    assert "Traceback" not in proc.stderr


def test_strict_exits_2_naming_the_row(cli, tmp_path):
    (tmp_path / "labels.csv").write_text("account_id,label\na1,fraud\na2,nope\n")
    proc = cli("ingest", "labels.csv", "--strict", "--db", "fg.duckdb")
    assert proc.returncode == 2
    assert "row 2" in proc.stderr and "label" in proc.stderr


def test_table_option_and_env_db(cli, tmp_path):
    (tmp_path / "dump.csv").write_text("account_id,label\na1,fraud\n")
    proc = cli(
        "ingest", "dump.csv", "--table", "labels", "--json", env={"FRAUDGRAPH_DB": "e.duckdb"}
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["files"][0]["rows_loaded"] == 1
    assert (tmp_path / "e.duckdb").exists()
    assert cli("ingest", "dump.csv", "--table", "nonsense", "--db", "e.duckdb").returncode == 2


@pytest.mark.slow
def test_kill_9_mid_ingest_leaves_no_half_file(tmp_path):
    """A killed ingest leaves either the whole file or nothing, never a part."""
    rows = 400_000
    path = tmp_path / "api_requests.csv"
    con = duckdb.connect()
    con.execute(
        "COPY (SELECT 'a' || (i % 5000) AS account_id,"
        " TIMESTAMP '2026-04-22' + to_seconds(i) AS ts, 'm' AS model, i % 97 AS input_tokens,"
        " i % 89 AS output_tokens, 't' || (i % 300) AS prompt_fingerprint,"
        " '10.0.' || (i % 250) || '.' || (i % 200) AS ip FROM range($n) r(i)) TO '"
        + str(path).replace("'", "''")
        + "' (HEADER)",
        {"n": rows},
    )
    con.close()
    db = tmp_path / "k.duckdb"
    env = {**os.environ}
    outcomes = set()
    for delay in (0.6, 1.2, 2.0):
        for suffix in ("", ".wal"):
            Path(str(db) + suffix).unlink(missing_ok=True)
        proc = subprocess.Popen(
            [str(FRAUDGRAPH), "ingest", str(path), "--db", str(db)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if not db.exists():
            outcomes.add("no store")
            continue
        check = duckdb.connect(str(db))
        try:
            tables = {
                r[0] for r in check.execute("SELECT table_name FROM duckdb_tables()").fetchall()
            }
            if "api_requests" not in tables:
                outcomes.add("no schema")
                continue
            loaded = check.execute("SELECT count(*) FROM api_requests").fetchall()[0][0]
            logged = check.execute("SELECT count(*) FROM ingest_log").fetchall()[0][0]
            usage = check.execute(
                "SELECT coalesce(sum(requests), 0) FROM usage_account_day"
            ).fetchall()[0][0]
        finally:
            check.close()
        assert (loaded, logged, usage) in {(0, 0, 0), (rows, 1, rows)}
        outcomes.add(loaded)
    # After a kill, ingesting again completes the file exactly once.
    done = subprocess.run(
        [str(FRAUDGRAPH), "ingest", str(path), "--db", str(db), "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    check = duckdb.connect(str(db), read_only=True)
    assert check.execute("SELECT count(*) FROM api_requests").fetchall()[0][0] == rows
    check.close()
