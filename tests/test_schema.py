"""The store's versioned schema: fresh stores, in-place upgrades, lock handling."""

from __future__ import annotations

import subprocess
import sys
import time

import duckdb
import pytest

from fraudgraph.errors import InputError, StoreBusyError
from fraudgraph.store import SCHEMA_VERSION, connect_store, migrate, migrations, schema_version

ARCHITECTURE_COLUMNS = {
    "accounts": [
        "account_id", "created_at", "email", "email_canonical", "email_domain", "email_shape",
        "phone", "phone_e164", "phone_block", "country", "signup_ip", "signup_ip_norm",
        "signup_ip_prefix", "signup_ip_private", "signup_ip_cgnat", "signup_device_id",
        "user_agent", "ua_family", "ua_headless", "org_id", "file_id",
    ],
    "payments": [
        "payment_id", "account_id", "ts", "card_fingerprint", "card_bin", "card_last4",
        "card_country", "billing_postal_code", "amount", "currency", "file_id",
    ],
    "ip_events": [
        "account_id", "ts", "ip", "ip_norm", "ip_prefix", "ip_private", "ip_cgnat", "event",
        "row_hash", "file_id",
    ],
    "devices": ["account_id", "ts", "device_id", "user_agent", "ua_family", "ua_headless",
                "row_hash", "file_id"],
    "api_requests": ["account_id", "ts", "model", "input_tokens", "output_tokens",
                     "prompt_fingerprint", "ip", "row_hash", "file_id"],
    "labels": ["account_id", "label", "source", "ts", "row_hash", "file_id"],
    "usage_account_day": ["account_id", "day", "model", "requests", "input_tokens",
                          "output_tokens", "first_ts", "last_ts", "active_hours"],
    "usage_account_template": ["account_id", "prompt_fingerprint", "requests", "output_tokens",
                               "first_ts", "last_ts"],
    "usage_account_ip": ["account_id", "ip", "ip_prefix", "requests", "first_ts", "last_ts"],
    "ingest_log": ["file_id", "path", "sha256", "table_name", "rows_read", "rows_loaded",
                   "rows_duplicate", "rows_quarantined", "invalid_optional", "ingested_at"],
    "quarantine": ["file_id", "path", "sha256", "row_number", "column_name", "reason",
                   "raw_row", "ingested_at"],
    "schema_version": ["version", "applied_at"],
}  # fmt: skip


def _columns(con, table):
    return {
        name: dtype
        for name, dtype in con.execute(
            "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = $t",
            {"t": table},
        ).fetchall()
    }


def test_fresh_store_has_the_documented_schema(workspace):
    con = connect_store(workspace)
    try:
        assert schema_version(con) == SCHEMA_VERSION == len(migrations())
        for table, expected in ARCHITECTURE_COLUMNS.items():
            present = _columns(con, table)
            missing = [c for c in expected if c not in present]
            assert not missing, f"{table} lacks {missing}"
        assert _columns(con, "accounts")["created_at"] == "TIMESTAMP"  # naive UTC
        assert _columns(con, "api_requests")["row_hash"] == "UBIGINT"
        assert _columns(con, "payments")["amount"] == "DECIMAL(18,4)"
    finally:
        con.close()


def test_reopening_does_not_migrate_again(workspace):
    connect_store(workspace).close()
    con = connect_store(workspace)
    try:
        assert con.execute("SELECT count(*) FROM schema_version").fetchall()[0][0] == SCHEMA_VERSION
    finally:
        con.close()


def test_v1_store_is_upgraded_in_place_keeping_its_data(workspace):
    assert SCHEMA_VERSION >= 2
    con = duckdb.connect(str(workspace.store_path))
    assert migrate(con, target=1) == 1
    con.execute(
        "INSERT INTO ingest_log VALUES (1, 'in/payments.jsonl', 'abc', 'payments', 2, 2, 0, 0,"
        " '{}', TIMESTAMP '2026-05-01 00:00:00')"
    )
    con.execute(
        "INSERT INTO payments VALUES ('pd_1', 'a1', TIMESTAMP '2026-05-01', 'tok', NULL, NULL,"
        " NULL, NULL, 1.5, 'USD', 1), ('p2', 'a2', TIMESTAMP '2026-05-01', 'tok', NULL, NULL,"
        " NULL, NULL, NULL, NULL, 1)"
    )
    assert "seconds" not in _columns(con, "ingest_log")
    con.close()

    con = connect_store(workspace)  # opening read-write upgrades
    try:
        assert schema_version(con) == SCHEMA_VERSION
        assert con.execute("SELECT file_format FROM ingest_log").fetchall() == [("jsonl",)]
        assert con.execute(
            "SELECT payment_id, payment_id_derived, amount FROM payments ORDER BY payment_id"
        ).fetchall() == [("p2", False, None), ("pd_1", True, 1.5)]
    finally:
        con.close()


def test_v2_store_gets_its_hour_table_folded_into_day_masks(workspace):
    con = duckdb.connect(str(workspace.store_path))
    assert migrate(con, target=2) == 2
    con.execute(
        "INSERT INTO usage_account_day (account_id, day, model, requests) VALUES"
        " ('a1', DATE '2026-05-01', 'm1', 3), ('a1', DATE '2026-05-01', 'm2', 1),"
        " ('a1', DATE '2026-05-02', 'm1', 2), ('a2', DATE '2026-05-01', NULL, 1)"
    )
    con.execute(
        "INSERT INTO usage_account_hour VALUES"
        " ('a1', TIMESTAMP '2026-05-01 00:00', 2), ('a1', TIMESTAMP '2026-05-01 23:00', 2),"
        " ('a1', TIMESTAMP '2026-05-02 07:00', 2), ('a2', TIMESTAMP '2026-05-01 12:00', 1)"
    )
    con.close()

    con = connect_store(workspace)  # opening read-write upgrades
    try:
        assert schema_version(con) == SCHEMA_VERSION
        assert not _columns(con, "usage_account_hour")
        rows = con.execute(
            "SELECT account_id, day::VARCHAR, model, requests, active_hours FROM usage_account_day"
            " ORDER BY ALL"
        ).fetchall()
    finally:
        con.close()
    # the hour table had no model: each model row of a day gets the day's whole mask
    day1 = 1 | (1 << 23)
    assert rows == [
        ("a1", "2026-05-01", "m1", 3, day1),
        ("a1", "2026-05-01", "m2", 1, day1),
        ("a1", "2026-05-02", "m1", 2, 1 << 7),
        ("a2", "2026-05-01", None, 1, 1 << 12),
    ]


def test_a_failing_migration_leaves_the_previous_version(workspace, monkeypatch):
    con = duckdb.connect(str(workspace.store_path))
    migrate(con, target=1)
    con.execute("DROP TABLE payments")  # v002 alters payments: it must fail and roll back
    with pytest.raises(duckdb.Error):
        migrate(con)
    assert schema_version(con) == 1
    assert "seconds" not in _columns(con, "ingest_log")
    con.close()


def test_newer_store_than_code_is_refused(workspace):
    con = connect_store(workspace)
    con.execute("INSERT INTO schema_version VALUES (999, 'future', now()::TIMESTAMP)")
    with pytest.raises(InputError, match="newer"):
        migrate(con)
    con.close()


def test_read_only_open_of_missing_store_is_a_clear_error(workspace):
    with pytest.raises(InputError, match="no store"):
        connect_store(workspace, read_only=True)


def test_busy_store_names_the_holder(workspace):
    connect_store(workspace).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('ready', flush=True);"
            " time.sleep(30)",
            str(workspace.store_path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        started = time.monotonic()
        with pytest.raises(StoreBusyError) as err:
            connect_store(workspace, read_only=True, wait_seconds=0.5)
        assert time.monotonic() - started >= 0.5
        message = str(err.value)
        assert f"PID {holder.pid}" in message
        assert "\n" not in message
    finally:
        holder.kill()
        holder.wait()
    connect_store(workspace, read_only=True, wait_seconds=5).close()  # free again
