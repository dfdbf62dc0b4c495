"""Ingest behaviour: formats, column matching, quarantine, dedupe, idempotency,
atomicity and the usage aggregates, on small hand-built files in real stores."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import duckdb
import polars as pl
import pytest
from fraudgraph.ingest import ingest_paths

from fraudgraph.errors import IngestError, InputError
from fraudgraph.store import connect_store

STORE_TABLES = (
    "accounts", "payments", "ip_events", "devices", "api_requests", "labels", "quarantine",
    "ingest_log", "usage_account_day", "usage_account_template",
    "usage_account_ip",
)  # fmt: skip


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text.lstrip("\n"), encoding="utf-8")
    return path


def ingest(ws, *paths, **kwargs):
    return ingest_paths(ws, [Path(p) for p in paths], progress=False, **kwargs)


def query(ws, sql, params=None):
    con = connect_store(ws, read_only=True)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def counts(ws) -> dict[str, int]:
    if not ws.store_path.exists():
        return {}
    return {t: query(ws, f"SELECT count(*) FROM {t}")[0][0] for t in STORE_TABLES}


def only_file(report) -> dict:
    (entry,) = report["files"]
    return entry


ACCOUNTS = """
account_id,created_at,email,phone,country,signup_ip,signup_device_id,user_agent,org_id
a1,2026-04-22T10:00:00Z,J.Smith+x@googlemail.com,+14155550142,us,203.0.113.7,d1,HeadlessChrome/120,
a2,2026-04-22 12:00:00+02:00,jane@example.org,(415) 555-0143,US,2001:db8::1,d2,,org-1
a3,2026-04-22T10:05:00,zoë@bücher.de,030 1234567,DE,100.64.3.4,,,
"""


# ------------------------------------------------------------------ happy paths


def test_accounts_are_normalised_beside_raw_values(workspace, tmp_path):
    report = ingest(workspace, write(tmp_path / "accounts.csv", ACCOUNTS))
    assert only_file(report) == {
        "path": str(tmp_path / "accounts.csv"),
        "table": "accounts",
        "rows_read": 3,
        "rows_loaded": 3,
        "rows_duplicate": 0,
        "rows_quarantined": 0,
        "skipped": False,
        "invalid_optional": {},
    }
    rows = query(
        workspace,
        "SELECT account_id, created_at::VARCHAR, email, email_canonical, email_domain, email_shape,"
        " phone_e164, phone_block, country, signup_ip_norm, signup_ip_prefix, signup_ip_private,"
        " signup_ip_cgnat, ua_family, ua_headless, org_id FROM accounts ORDER BY account_id",
    )
    assert rows == [
        ("a1", "2026-04-22 10:00:00", "J.Smith+x@googlemail.com", "jsmith@gmail.com",
         "gmail.com", "a", "+14155550142", "+141555501", "US", "203.0.113.7", "203.0.113.0/24",
         False, False, "HeadlessChrome", True, None),
        ("a2", "2026-04-22 10:00:00", "jane@example.org", "jane@example.org", "example.org", "a",
         "+14155550143", "+141555501", "US", "2001:db8::1", "2001:db8::/48", False, False, None,
         None, "org-1"),
        ("a3", "2026-04-22 10:05:00", "zoë@bücher.de", "zoë@bücher.de", "bücher.de", "a",
         "+49301234567", "+493012345", "DE", "100.64.3.4", "100.64.3.0/24", False, True, None,
         None, None),
    ]  # fmt: skip


def test_timestamps_with_zones_become_naive_utc(workspace, tmp_path):
    write(
        tmp_path / "labels.csv",
        """
account_id,label,source,ts
a1,fraud,s,2026-04-22T10:00:00+05:30
a2,legit,s,2026-04-22T10:00:00-07:00
a3,FRAUD,s,2026-04-22T10:00:00
a4,legit,s,2026-04-22
""",
    )
    ingest(workspace, tmp_path / "labels.csv")
    assert query(workspace, "SELECT account_id, label, ts::VARCHAR FROM labels ORDER BY 1") == [
        ("a1", "fraud", "2026-04-22 04:30:00"),
        ("a2", "legit", "2026-04-22 17:00:00"),
        ("a3", "fraud", "2026-04-22 10:00:00"),
        ("a4", "legit", "2026-04-22 00:00:00"),
    ]


def test_csv_values_starting_with_hash_are_data_not_comments(workspace, tmp_path):
    """DuckDB's sniffer took '#' for a comment marker and dropped those rows silently."""
    # the shape hypothesis found: the sniffer then picks comment='#'
    rows = ["0,2020-01-01T00:00:00+00:00"] * 5 + ["#,2020-01-01T00:00:00+00:00"]
    write(tmp_path / "api_requests.csv", "\naccount_id,ts\n" + "\n".join(rows) + "\n")
    report = ingest(workspace, tmp_path / "api_requests.csv")
    assert report["files"][0]["rows_read"] == 6
    assert query(workspace, "SELECT DISTINCT account_id FROM api_requests ORDER BY 1") == [
        ("#",),
        ("0",),
    ]


def test_csv_quoted_field_after_the_sniffer_sample_loads(workspace, tmp_path):
    """No quotes in the first 30,000 rows must not turn RFC 4180 quoting off."""
    lines = ["account_id,created_at,email"]
    lines += [f"a{i},2026-04-22T10:00:00Z,u{i}@example.com" for i in range(30_000)]
    lines.append('late,2026-04-22T10:00:00Z,"Late, Comer <late@example.com>"')
    (tmp_path / "accounts.csv").write_text("\n".join(lines) + "\n")
    ingest(workspace, tmp_path / "accounts.csv")
    assert query(workspace, "SELECT email FROM accounts WHERE account_id = 'late'") == [
        ("Late, Comer <late@example.com>",)
    ]


def test_parquet_and_jsonl_with_case_insensitive_columns(workspace, tmp_path):
    pl.DataFrame(
        {
            "Account_ID": ["a1", "a2"],
            "TS": ["2026-04-22T10:00:00Z", "2026-04-22T11:00:00Z"],
            "Device_Id": ["dev-1", "dev-1"],
            "User_Agent": ["curl/8.0", None],
        }
    ).write_parquet(tmp_path / "devices.parquet")
    write(
        tmp_path / "ip_events-2026-04-22.jsonl",
        '{"ACCOUNT_ID": "a1", "ts": "2026-04-22T10:00:00Z", "IP": "::ffff:8.8.8.8",'
        ' "event": "login"}\n'
        '{"ACCOUNT_ID": "a2", "ts": "2026-04-22T10:00:00Z", "IP": "8.8.4.4"}\n',
    )
    report = ingest(
        workspace, tmp_path / "devices.parquet", tmp_path / "ip_events-2026-04-22.jsonl"
    )
    assert [(f["table"], f["rows_loaded"]) for f in report["files"]] == [
        ("ip_events", 2),
        ("devices", 2),
    ]
    assert query(
        workspace, "SELECT account_id, ua_family, ua_headless FROM devices ORDER BY 1"
    ) == [
        ("a1", "curl", True),
        ("a2", None, None),
    ]
    assert query(workspace, "SELECT ip_norm, ip_prefix, event FROM ip_events ORDER BY 1") == [
        ("8.8.4.4", "8.8.4.0/24", None),
        ("8.8.8.8", "8.8.8.0/24", "login"),
    ]


def test_typed_parquet_timestamps_are_accepted(workspace, tmp_path):
    from datetime import datetime

    pl.DataFrame(
        {
            "account_id": ["a1"],
            "ts": [datetime(2026, 4, 22, 10, 0)],
            "input_tokens": [5],
            "output_tokens": [7],
        }
    ).write_parquet(tmp_path / "api_requests.parquet")
    assert only_file(ingest(workspace, tmp_path / "api_requests.parquet"))["rows_loaded"] == 1
    assert query(workspace, "SELECT ts::VARCHAR, input_tokens FROM api_requests") == [
        ("2026-04-22 10:00:00", 5)
    ]


def test_unknown_columns_are_warned_about_and_ignored(workspace, tmp_path, capsys):
    write(tmp_path / "labels.csv", "account_id,label,shoe_size\na1,fraud,44\n")
    assert only_file(ingest(workspace, tmp_path / "labels.csv"))["rows_loaded"] == 1
    err = capsys.readouterr().err
    assert "shoe_size" in err and "warning" in err


def test_folder_reads_only_its_own_files(workspace, tmp_path, capsys):
    folder = tmp_path / "drop"
    write(folder / "accounts.csv", ACCOUNTS)
    write(folder / "truth" / "truth.csv", "account_id,is_fake\na1,1\n")
    write(folder / "sub" / "labels.csv", "account_id,label\na1,fraud\n")
    write(folder / "README.md", "notes\n")
    write(folder / "customers.csv", "id\n1\n")
    report = ingest(workspace, folder)
    assert [f["table"] for f in report["files"]] == ["accounts"]
    err = capsys.readouterr().err
    assert "README.md" in err and "customers.csv" in err
    assert "truth" not in err
    assert counts(workspace)["labels"] == 0


def test_table_option_names_the_table_of_one_file(workspace, tmp_path):
    path = write(tmp_path / "export_0001.csv", "account_id,label\na1,legit\n")
    assert only_file(ingest(workspace, path, table="labels"))["table"] == "labels"
    with pytest.raises(InputError):
        ingest(workspace, path, path.with_name("x.csv"), table="labels")


# ------------------------------------------------------------------ bad input: whole file


@pytest.mark.parametrize(
    ("name", "text", "match"),
    [
        ("accounts.csv", "account_id,email\na1,x@y.com\n", "missing required column"),
        ("accounts.csv", "", "empty"),
        ("accounts.csv", "account_id,created_at\n", "empty"),
        ("customers.csv", "account_id\na1\n", "unknown table"),
        ("accounts.parquet", "this is not parquet", "unreadable"),
        ("payments.jsonl", "{not json\n", "unreadable"),
        ("accounts.xlsx", "a,b\n", "unsupported"),
    ],
)
def test_bad_files_fail_with_nothing_written(workspace, tmp_path, name, text, match):
    write(tmp_path / "labels.csv", "account_id,label\na0,fraud\n")
    ingest(workspace, tmp_path / "labels.csv")
    before = counts(workspace)
    good = write(tmp_path / "drop" / "devices.csv", "account_id,ts,device_id\na1,2026-04-22,d\n")
    bad = write(tmp_path / "drop2" / name, text)
    with pytest.raises(IngestError, match=match) as err:
        ingest(workspace, good, bad)
    assert str(bad) in str(err.value)
    assert "\n" not in str(err.value)
    assert counts(workspace) == before  # not even the good file of the same call


def test_missing_required_column_names_the_column(workspace, tmp_path):
    path = write(tmp_path / "payments.csv", "account_id,ts\na1,2026-04-22\n")
    with pytest.raises(IngestError) as err:
        ingest(workspace, path)
    assert err.value.column == "card_fingerprint"


def test_missing_path(workspace, tmp_path):
    with pytest.raises(IngestError, match="no such file"):
        ingest(workspace, tmp_path / "nope.csv")


# ------------------------------------------------------------------ bad rows


def quarantine(ws):
    return query(
        ws,
        "SELECT table_name, row_number, column_name, reason, raw_row FROM quarantine ORDER BY ALL",
    )


def test_bad_rows_go_to_quarantine_with_row_and_reason(workspace, tmp_path):
    write(
        tmp_path / "api_requests.csv",
        """
account_id,ts,model,input_tokens,output_tokens,prompt_fingerprint,ip
a1,2026-04-22T10:00:00Z,m,10,20,t1,1.2.3.4
a1,yesterday,m,10,20,t1,1.2.3.4
,2026-04-22T10:00:00Z,m,10,20,t1,1.2.3.4
a1,2026-04-22T10:01:00Z,m,-3,20,t1,1.2.3.4
a1,2026-04-22T10:02:00Z,m,10,lots,t1,1.2.3.4
a1,,m,10,20,t1,1.2.3.4
a1,2026-04-22T10:03:00Z,m,10,20,t1,not-an-ip
""",
    )
    entry = only_file(ingest(workspace, tmp_path / "api_requests.csv"))
    assert (entry["rows_read"], entry["rows_loaded"], entry["rows_quarantined"]) == (7, 2, 5)
    assert entry["invalid_optional"] == {"ip": 1}
    rows = {(r[1], r[2], r[3]) for r in quarantine(workspace)}
    assert rows == {
        (2, "ts", "unparseable timestamp"),
        (3, "account_id", "empty key"),
        (4, "input_tokens", "negative token count"),
        (5, "output_tokens", "token count is not an integer"),
        (6, "ts", "missing timestamp"),
    }
    raw = {r[1]: json.loads(r[4]) for r in quarantine(workspace)}
    assert raw[2]["ts"] == "yesterday"
    assert raw[4]["input_tokens"] == "-3"


def test_invalid_required_ip_is_quarantined(workspace, tmp_path):
    write(
        tmp_path / "ip_events.csv",
        "account_id,ts,ip\na1,2026-04-22,10.0.0.300\na1,2026-04-22,10.0.0.3\na2,2026-04-22,\n",
    )
    entry = only_file(ingest(workspace, tmp_path / "ip_events.csv"))
    assert (entry["rows_loaded"], entry["rows_quarantined"]) == (1, 2)
    assert [(r[1], r[2], r[3]) for r in quarantine(workspace)] == [
        (1, "ip", "invalid IP address"),
        (3, "ip", "missing ip"),
    ]


def test_label_must_be_fraud_or_legit(workspace, tmp_path):
    write(tmp_path / "labels.csv", "account_id,label\na1,fraud\na2,maybe\na3,Legit\n")
    entry = only_file(ingest(workspace, tmp_path / "labels.csv"))
    assert (entry["rows_loaded"], entry["rows_quarantined"]) == (2, 1)
    assert quarantine(workspace)[0][1:4] == (2, "label", "label is not fraud or legit")


def test_card_numbers_are_quarantined_masked_and_stored_nowhere(workspace, tmp_path):
    pan = "4111 1111 1111 1111"
    write(
        tmp_path / "payments.csv",
        f"""
payment_id,account_id,ts,card_fingerprint,card_bin,card_last4,amount,currency
p1,a1,2026-04-22T10:00:00Z,tok_abc,411111,1111,10.50,usd
p2,a1,2026-04-22T10:00:00Z,{pan},411111,1111,10.50,usd
p3,a2,2026-04-22T10:00:00Z,5500000000000004,550000,0004,1,EUR
""",
    )
    entry = only_file(ingest(workspace, tmp_path / "payments.csv"))
    assert (entry["rows_loaded"], entry["rows_quarantined"]) == (1, 2)
    assert {(r[1], r[2]) for r in quarantine(workspace)} == {
        (2, "card_fingerprint"),
        (3, "card_fingerprint"),
    }
    con = duckdb.connect(str(workspace.store_path), read_only=True)
    try:
        for table in STORE_TABLES:
            dump = str(con.execute(f"SELECT * FROM {table}").fetchall())
            for digits in ("4111111111111111", pan, "5500000000000004"):
                assert digits not in dump, f"card number stored in {table}"
    finally:
        con.close()
    assert b"4111 1111 1111 1111" not in workspace.store_path.read_bytes()
    assert query(workspace, "SELECT amount::VARCHAR, currency, card_bin FROM payments") == [
        ("10.5000", "USD", "411111")
    ]


def test_strict_turns_a_bad_row_into_a_failed_file(workspace, tmp_path):
    path = write(tmp_path / "labels.csv", "account_id,label\na1,fraud\na2,fraud\na3,perhaps\n")
    with pytest.raises(IngestError) as err:
        ingest(workspace, path, strict=True)
    assert err.value.row == 3 and err.value.column == "label"
    assert counts(workspace)["labels"] == 0
    assert counts(workspace)["quarantine"] == 0
    assert only_file(ingest(workspace, path))["rows_loaded"] == 2  # not marked ingested


def test_invalid_optional_values_become_null_and_are_counted(workspace, tmp_path):
    write(
        tmp_path / "accounts.csv",
        """
account_id,created_at,email,phone,country,signup_ip
a1,2026-04-22,no-at-sign,12,Germany,999.0.0.1
a2,2026-04-22,ok@example.com,555 0142,,8.8.8.8
""",
    )
    entry = only_file(ingest(workspace, tmp_path / "accounts.csv"))
    assert entry["rows_loaded"] == 2
    assert entry["invalid_optional"] == {"email": 1, "phone": 2, "country": 1, "signup_ip": 1}
    assert query(
        workspace,
        "SELECT email, email_canonical, phone_e164, country, signup_ip_norm FROM accounts"
        " WHERE account_id = 'a1'",
    ) == [("no-at-sign", None, None, None, None)]
    logged = query(workspace, "SELECT invalid_optional FROM ingest_log")[0][0]
    assert json.loads(logged) == entry["invalid_optional"]


# ------------------------------------------------------------------ duplicates, idempotency


def test_duplicates_within_a_file_and_across_files(workspace, tmp_path):
    write(
        tmp_path / "accounts.csv",
        "account_id,created_at,email\na1,2026-04-22,first@x.com\na1,2026-04-23,second@x.com\n",
    )
    write(
        tmp_path / "accounts-2.csv",
        "account_id,created_at,email\na1,2026-05-01,third@x.com\na2,2026-05-01,\n",
    )
    first = only_file(ingest(workspace, tmp_path / "accounts.csv"))
    second = only_file(ingest(workspace, tmp_path / "accounts-2.csv"))
    assert (first["rows_loaded"], first["rows_duplicate"]) == (1, 1)
    assert (second["rows_loaded"], second["rows_duplicate"]) == (1, 1)
    assert query(workspace, "SELECT account_id, email FROM accounts ORDER BY 1") == [
        ("a1", "first@x.com"),
        ("a2", None),
    ]


@pytest.mark.parametrize("cluster_max_rows", [16_000_000, 1])  # clustered insert, or not
def test_requests_repeated_within_a_file_are_loaded_once(
    workspace, tmp_path, monkeypatch, cluster_max_rows
):
    from fraudgraph.ingest import load

    monkeypatch.setattr(load, "_CLUSTER_MAX_ROWS", cluster_max_rows)
    header = "account_id,ts,model,input_tokens,output_tokens,prompt_fingerprint,ip\n"
    r1 = "a1,2026-04-22T10:00:00Z,m,10,20,t1,1.2.3.4\n"
    r2 = "a2,2026-04-22T10:00:00Z,m,10,20,t1,1.2.3.4\n"
    r3 = "a1,2026-04-22T11:00:00Z,m,10,20,t1,1.2.3.4\n"
    ingest(workspace, write(tmp_path / "api_requests-1.csv", header + r1))
    # r1 is already stored (and repeated here), r2 three times, r3 once
    text = header + r2 + r1 + r2 + r3 + r1 + r2
    entry = only_file(ingest(workspace, write(tmp_path / "api_requests-2.csv", text)))
    assert (entry["rows_read"], entry["rows_loaded"], entry["rows_duplicate"]) == (6, 2, 4)
    assert query(workspace, "SELECT account_id, hour(ts) FROM api_requests ORDER BY ALL") == [
        ("a1", 10),
        ("a1", 11),
        ("a2", 10),
    ]
    assert query(
        workspace, "SELECT account_id, sum(requests) FROM usage_account_day GROUP BY 1 ORDER BY 1"
    ) == [
        ("a1", 2),
        ("a2", 1),
    ]
    assert query(workspace, "SELECT sum(requests) FROM usage_account_ip") == [(3,)]


@pytest.mark.parametrize(
    ("accounts", "keys", "repeats"),
    [
        (["b", "a", "a", "c"], [1, 2, 3, 1], False),  # in the insert's order, no repeat
        (["b", "a", "a", "c"], [1, 3, 3, 1], True),  # in order, neighbours repeat
        (["a", "b", "a"], [3, 1, 3], True),  # out of order: found by sorting
        (["a", "b", "a"], [3, 1, 4], False),
        (["a"], [3], False),
    ],
)
@pytest.mark.parametrize("batch_rows", [1, 2, 1 << 20])  # neighbours across batches too
def test_repeats_in_file_trusts_the_insert_order_only_after_checking_it(
    tmp_path, monkeypatch, accounts, keys, repeats, batch_rows
):
    from fraudgraph.ingest import load
    from fraudgraph.ingest.load import _repeats_in_file

    monkeypatch.setattr(load, "_KEY_BATCH_ROWS", batch_rows)
    con = duckdb.connect(str(tmp_path / "x.duckdb"))
    con.execute("CREATE TABLE api_requests (account_id VARCHAR, row_hash UBIGINT, file_id BIGINT)")
    rows = list(zip(accounts, keys, strict=True))
    if accounts[:2] == ["b", "a"]:  # the insert's order: hash(account_id), then the key
        rows.sort(key=lambda r: (con.execute("SELECT hash(?)", [r[0]]).fetchall()[0][0], r[1]))
    con.executemany("INSERT INTO api_requests VALUES (?, ?, 7)", rows)
    con.execute("INSERT INTO api_requests VALUES ('a', 3, 6)")  # another file's row
    con.execute("CREATE TEMP TABLE stage (row_key UBIGINT, bad_reason VARCHAR)")
    con.executemany("INSERT INTO stage VALUES (?, NULL)", [(k,) for k in keys])
    con.execute("INSERT INTO stage VALUES (1, 'bad'), (1, 'bad')")  # bad rows never count
    assert _repeats_in_file(con, "api_requests", 7) is repeats


def test_bad_row_deep_in_a_large_request_file_keeps_its_row_number(workspace, tmp_path):
    """Whole-row-key files are staged out of file order first (DuckDB fills a temp
    table of 1M+ rows on both cores in any order then); a bad row sends the file
    through again in order, so the quarantine names the right line."""
    n = 1_200_000
    bad = 600_021  # 1-based data row number of the bad row
    i = pl.int_range(n)
    frame = pl.select(
        account_id=pl.format("a{}", i % 5000),
        ts=pl.lit(datetime(2026, 4, 22)) + pl.duration(seconds=i),
        model=pl.lit("m"),
        input_tokens=pl.when(i == bad - 1).then(-1).otherwise(i),
    )
    path = tmp_path / "api_requests.csv"
    frame.write_csv(path)
    entry = only_file(ingest(workspace, path))
    assert (entry["rows_read"], entry["rows_loaded"], entry["rows_quarantined"]) == (n, n - 1, 1)
    ((row, column, reason, raw),) = query(
        workspace, "SELECT row_number, column_name, reason, raw_row FROM quarantine"
    )
    assert (row, column, reason) == (bad, "input_tokens", "negative token count")
    assert json.loads(raw)["account_id"] == f"a{(bad - 1) % 5000}"


def test_payment_id_is_derived_deterministically_when_absent(workspace, tmp_path):
    text = "account_id,ts,card_fingerprint,amount\na1,2026-04-22,tok,5\na1,2026-04-22,tok,5\n"
    first = only_file(ingest(workspace, write(tmp_path / "payments.csv", text)))
    again = only_file(
        ingest(workspace, write(tmp_path / "payments-b.csv", text + "a2,2026-04-22,tok,5\n"))
    )
    assert (first["rows_loaded"], first["rows_duplicate"]) == (1, 1)
    assert (again["rows_loaded"], again["rows_duplicate"]) == (1, 2)
    ids = query(workspace, "SELECT payment_id, payment_id_derived FROM payments ORDER BY 1")
    assert len({i for i, _ in ids}) == 2 and all(d for _, d in ids)


def test_same_event_in_another_timestamp_spelling_is_a_duplicate(workspace, tmp_path):
    write(tmp_path / "devices.csv", "account_id,ts,device_id\na1,2026-04-22T12:00:00+02:00,d\n")
    write(tmp_path / "devices-2.csv", "account_id,ts,device_id\na1,2026-04-22 10:00:00,d\n")
    ingest(workspace, tmp_path / "devices.csv")
    assert only_file(ingest(workspace, tmp_path / "devices-2.csv"))["rows_duplicate"] == 1
    assert counts(workspace)["devices"] == 1


def test_reingesting_the_same_content_changes_nothing(workspace, tmp_path):
    path = write(tmp_path / "accounts.csv", ACCOUNTS)
    ingest(workspace, path)
    before = counts(workspace)
    copy = write(tmp_path / "elsewhere" / "accounts-copy.csv", ACCOUNTS)
    for again in (path, copy):
        entry = only_file(ingest(workspace, again))
        assert entry["skipped"] is True
        assert entry["rows_read"] == entry["rows_loaded"] == 0
    assert counts(workspace) == before


def test_contract_identity_rows_read(workspace, tmp_path):
    write(tmp_path / "labels.csv", "account_id,label\na1,fraud\na1,fraud\n,fraud\na2,legit\n")
    entry = only_file(ingest(workspace, tmp_path / "labels.csv"))
    assert entry["rows_read"] == 4
    assert entry["rows_read"] == (
        entry["rows_loaded"] + entry["rows_duplicate"] + entry["rows_quarantined"]
    )
    assert (entry["rows_loaded"], entry["rows_duplicate"], entry["rows_quarantined"]) == (2, 1, 1)


# ------------------------------------------------------------------ atomicity


def test_a_failing_load_leaves_the_store_unchanged(workspace, tmp_path, monkeypatch):
    ingest(workspace, write(tmp_path / "accounts.csv", ACCOUNTS))
    before = counts(workspace)
    from fraudgraph import queries

    real_execute = queries.execute

    def boom(con, name, **params):
        real_execute(con, name, **params)
        if name in ("ingest/usage_first", "ingest/usage_account_template"):
            raise RuntimeError("disk on fire")

    monkeypatch.setattr(queries, "execute", boom)
    path = write(
        tmp_path / "api_requests.csv",
        "account_id,ts,model,ip\na1,2026-04-22,m,1.2.3.4\na1,bad-ts,m,1.2.3.4\n",
    )
    with pytest.raises(RuntimeError):
        ingest(workspace, path)
    assert counts(workspace) == before
    monkeypatch.setattr(queries, "execute", real_execute)
    assert only_file(ingest(workspace, path))["rows_loaded"] == 1  # not marked ingested


# ------------------------------------------------------------------ usage aggregates


def test_usage_aggregates_match_a_full_recount_after_overlapping_files(workspace, tmp_path):
    write(
        tmp_path / "api_requests-1.csv",
        """
account_id,ts,model,input_tokens,output_tokens,prompt_fingerprint,ip
a1,2026-04-22T10:05:00Z,m1,10,100,t1,1.2.3.4
a1,2026-04-22T10:55:00Z,m1,20,,t1,::ffff:1.2.3.4
a1,2026-04-22T11:05:00Z,,5,5,,2001:db8::1
a2,2026-04-23T00:00:00Z,m2,,,t2,bad-ip
""",
    )
    write(
        tmp_path / "api_requests-2.csv",
        """
account_id,ts,model,input_tokens,output_tokens,prompt_fingerprint,ip
a1,2026-04-22T10:05:00Z,m1,10,100,t1,1.2.3.4
a1,2026-04-22T10:30:00Z,m1,1,1,t1,1.2.3.4
a1,2026-04-22T23:59:00Z,,5,5,t3,2001:DB8:0::1
a3,2026-04-24T00:00:00Z,m2,1,1,t2,8.8.8.8
""",
    )
    ingest(workspace, tmp_path / "api_requests-1.csv")
    second = only_file(ingest(workspace, tmp_path / "api_requests-2.csv"))
    assert (second["rows_loaded"], second["rows_duplicate"]) == (3, 1)

    def same(aggregate_sql, recount_sql):
        assert sorted(query(workspace, aggregate_sql), key=str) == sorted(
            query(workspace, recount_sql), key=str
        )

    same(
        "SELECT * FROM usage_account_day",
        "SELECT account_id, ts::DATE, model, count(*), sum(input_tokens), sum(output_tokens),"
        " min(ts), max(ts), bit_or(1 << hour(ts))::INTEGER FROM api_requests GROUP BY ALL",
    )
    # the hour masks written out: a1 on 22 April was active in hour 10 with m1,
    # and in hours 11 and 23 without a model (one hour from each file, ORed)
    assert sorted(
        query(
            workspace,
            "SELECT account_id, day::VARCHAR, model, active_hours FROM usage_account_day",
        ),
        key=str,
    ) == [
        ("a1", "2026-04-22", "m1", 1 << 10),
        ("a1", "2026-04-22", None, (1 << 11) | (1 << 23)),
        ("a2", "2026-04-23", "m2", 1),
        ("a3", "2026-04-24", "m2", 1),
    ]

    same(
        "SELECT * FROM usage_account_template",
        "SELECT account_id, prompt_fingerprint, count(*), sum(output_tokens), min(ts), max(ts)"
        " FROM api_requests WHERE prompt_fingerprint IS NOT NULL GROUP BY ALL",
    )
    assert sorted(
        query(workspace, "SELECT account_id, ip, ip_prefix, requests FROM usage_account_ip")
    ) == [
        ("a1", "1.2.3.4", "1.2.3.0/24", 3),
        ("a1", "2001:db8::1", "2001:db8::/48", 2),
        ("a3", "8.8.8.8", "8.8.8.0/24", 1),
    ]
    for table, key in [
        ("usage_account_day", "account_id, day, model"),
        ("usage_account_template", "account_id, prompt_fingerprint"),
        ("usage_account_ip", "account_id, ip"),
    ]:
        assert (
            query(workspace, f"SELECT count(*) FROM (SELECT DISTINCT {key} FROM {table})")[0][0]
            == counts(workspace)[table]
        )
