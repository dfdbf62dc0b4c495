"""Fuzzing ingest with hostile and broken files (hypothesis).

Every generated file must end in exactly one of two ways:

- an ``InputError`` (exit 2 in the CLI) whose message is one line naming the
  file, with the store untouched (every table's row count as before), or
- a report where rows_read = rows_loaded + rows_duplicate + rows_quarantined
  and the store grew by exactly those loaded and quarantined rows, with no
  stored timestamp outside 1970..2099 and no empty key.

Never a traceback, never a partial load. The generators mix the classes the
issue lists: wrong types, huge fields, NUL bytes, BOMs, latin-1 bytes in a
UTF-8 file, duplicate and case-duplicate headers, quoted newlines, ragged rows,
truncated files, timestamps from year 1 and 9999 (and 'infinity', BC, epoch
numbers), empty and header-only files, JSON that is not JSON Lines, truncated
and corrupted Parquet, raw bytes. Each test reuses one store for all its
examples (fast, and it exercises dedupe across files), each example in a fresh
folder. Generated cases per run: 260 CSV + 120 JSON + 80 Parquet + 60 raw bytes
= 520, plus the fixed cases and console-script samples below.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path

import duckdb
import polars as pl
import pytest
from fraudgraph.ingest.tables import TABLES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fraudgraph import api
from fraudgraph.errors import InputError

FRAUDGRAPH = Path(sys.executable).with_name("fraudgraph")
STORE_TABLES = (
    "accounts", "payments", "ip_events", "devices", "api_requests", "labels", "quarantine",
    "ingest_log", "usage_account_day", "usage_account_template",
    "usage_account_ip",
)  # fmt: skip
TIME_COLUMNS = {
    "accounts": "created_at",
    "payments": "ts",
    "ip_events": "ts",
    "devices": "ts",
    "api_requests": "ts",
    "labels": "ts",
}
KEY_COLUMN = {t: "account_id" for t in TABLES}
FUZZ = settings(
    deadline=None,
    derandomize=True,  # the same cases every CI run; failures reproduce
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)


# -- the store and the invariant ---------------------------------------------------------


_COUNTS_SQL = " UNION ALL ".join(f"SELECT '{t}', count(*) FROM {t}" for t in STORE_TABLES)
_VIOLATIONS_SQL = " UNION ALL ".join(
    f"SELECT 'bad {table}', count(*) FROM {table} WHERE account_id IS NULL OR "
    f"{column} NOT BETWEEN TIMESTAMP '1970-01-01' AND TIMESTAMP '2100-01-01'"
    for table, column in TIME_COLUMNS.items()
)
_last_counts: dict[Path, dict[str, int]] = {}  # the store after the previous example


def store_counts(db: Path, *, violations: bool = False) -> dict[str, int]:
    """Row count of every store table; with ``violations`` also the count of
    stored rows no ingest may load (empty keys, timestamps outside 1970..2099)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        counts = dict(con.execute(_COUNTS_SQL).fetchall())
        if violations:
            counts.update(con.execute(_VIOLATIONS_SQL).fetchall())
        return counts
    finally:
        con.close()


@pytest.fixture(scope="module")
def store_db():
    """One store for a whole test function's examples, seeded so it exists."""
    with tempfile.TemporaryDirectory(prefix="fg-fuzz-") as tmp:
        db = Path(tmp) / "fuzz.duckdb"
        seed = Path(tmp) / "accounts.csv"
        seed.write_text("account_id,created_at\nseed-1,2026-04-22T10:00:00Z\n")
        api.ingest([seed], db=db, progress=False)
        yield db


def check_ingest(db: Path, path: Path, table: str | None = None) -> str:
    """Ingest one file and assert the all-or-nothing invariant; return the outcome."""
    # Only these tests write the store, so the state after the previous example is
    # the state before this one (one connection per example instead of two).
    before = _last_counts.get(db) or store_counts(db, violations=True)
    try:
        report = api.ingest([path], db=db, table=table, progress=False)
    except InputError as exc:
        message = str(exc)
        assert "\n" not in message and "\r" not in message, repr(message)
        assert str(path) in message, message
        assert store_counts(db, violations=True) == before, f"partial load before: {message}"
        _last_counts[db] = before
        return "error"
    except BaseException:
        _last_counts.pop(db, None)
        raise
    (entry,) = report["files"]
    after = store_counts(db, violations=True)
    assert {k: v for k, v in after.items() if k.startswith("bad ") and v} == {}
    grown = {t: after[t] - before[t] for t in STORE_TABLES if after[t] != before[t]}
    _last_counts[db] = after
    if entry["skipped"]:
        assert grown == {}
        return "skipped"
    assert entry["rows_read"] == (
        entry["rows_loaded"] + entry["rows_duplicate"] + entry["rows_quarantined"]
    ), entry
    assert min(entry["rows_loaded"], entry["rows_duplicate"], entry["rows_quarantined"]) >= 0
    assert after[entry["table"]] - before[entry["table"]] == entry["rows_loaded"]
    assert after["quarantine"] - before["quarantine"] == entry["rows_quarantined"]
    assert after["ingest_log"] - before["ingest_log"] == 1
    return "loaded" if entry["rows_loaded"] else "quarantined"


def fresh_file(db: Path, name: str, content: bytes) -> Path:
    """Write one case in its own folder beside the store, so it is removed with the store."""
    folder = Path(tempfile.mkdtemp(prefix="case-", dir=db.parent))
    path = folder / name
    path.write_bytes(content)
    return path


# -- value strategies ---------------------------------------------------------------------

EXTREME_TIMES = [
    "0001-01-01T00:00:00Z",
    "9999-12-31T23:59:59Z",
    "10000-01-01T00:00:00",
    "infinity",
    "-infinity",
    "4000-01-01 BC",
    "1969-12-31T23:59:59Z",
    "2100-01-01T00:00:00Z",
    "0",
    "1776000000",
    "1776000000000",
    "2026-02-30T10:00:00Z",
    "2026-04-22T25:61:00",
    "2026-04-22T10:00:00+99:00",
    "yesterday",
    "NaN",
    "2026-04-22T10:00:00.123456789Z",
]
timestamps = st.one_of(
    st.datetimes(min_value=datetime(1971, 1, 1), max_value=datetime(2099, 1, 1)).map(
        lambda d: d.isoformat() + "Z"
    ),
    st.sampled_from(EXTREME_TIMES),
    st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31)).map(str),
)
hostile_text = st.one_of(
    st.text(max_size=20),
    st.sampled_from(
        [
            "",
            " ",
            "\x00",
            "a\x00b",
            '"',
            '""',
            "a,b",
            "a\nb",
            "a\r\nb",
            "\ufeff",
            "NULL",
            "null",
            "-1",
            "1e309",
            "9223372036854775808",
            "-9223372036854775809",
            "1.5",
            "true",
            "4111111111111111",
            "'; DROP TABLE accounts; --",
            "\x1b[31mred",
            "ä" * 3,
            "\u202e",
            "😀",
            "::ffff:1.2.3.4",
            "999.1.1.1",
            "10.0.0.1/33",
        ]
    ),  # fmt: skip
    st.integers(1_000, 60_000).map(lambda n: "x" * n),  # large but under the line limit
    st.text(alphabet="0123456789-", min_size=1, max_size=25),
)
cell = st.one_of(timestamps, hostile_text, st.integers().map(str), st.floats().map(str))


@st.composite
def header(draw, table: str) -> list[str]:
    """Column names: mostly the required ones plus some optional (re-cased, padded),
    sometimes one required missing or one given twice, plus junk names."""
    spec = TABLES[table]
    optional = [c for c in spec.column_names if c not in spec.required]
    chosen = list(spec.required) + draw(st.lists(st.sampled_from(optional), unique=True))
    mode = draw(st.sampled_from(["ok"] * 10 + ["missing", "twice"]))
    if mode == "missing":
        chosen.remove(draw(st.sampled_from(list(spec.required))))
    elif mode == "twice":
        chosen.append(draw(st.sampled_from(chosen)))
    recased = [draw(st.sampled_from([n, n, n.upper(), n.title(), f" {n} "])) for n in chosen]
    junk = draw(st.sampled_from([[], [], [], ["extra"], ["a\nb"], ["", "x"], ["é\x00"]]))
    cols = recased + junk
    return draw(st.permutations(cols)) if cols else [""]


@st.composite
def csv_file(draw) -> tuple[str, bytes]:
    table = draw(st.sampled_from(list(TABLES)))
    cols = draw(header(table))
    ragged = draw(st.sampled_from([False] * 9 + [True]))  # rows of the wrong length
    width = st.integers(max(len(cols) - 1, 0), len(cols) + 1) if ragged else st.just(len(cols))
    rows = draw(
        st.lists(width.flatmap(lambda n: st.lists(cell, min_size=n, max_size=n)), max_size=12)
    )
    text = io.StringIO()
    writer = csv.writer(text, lineterminator=draw(st.sampled_from(["\n", "\r\n"])))
    if draw(st.sampled_from([True] * 9 + [False])):  # mostly with a header
        writer.writerow(cols)
    for row in rows:
        writer.writerow(row)
    body = text.getvalue()
    if draw(st.booleans()):
        body = "\ufeff" + body  # BOM
    raw = body.encode("utf-8", errors="surrogatepass")
    mutation = draw(st.sampled_from(["none"] * 6 + ["latin1", "nul", "truncate", "unquote"]))
    if mutation == "latin1" and raw:  # latin-1 bytes inside a UTF-8 file
        at = draw(st.integers(0, len(raw)))
        raw = raw[:at] + "café ñ".encode("latin-1") + raw[at:]
    elif mutation == "nul" and raw:
        at = draw(st.integers(0, len(raw)))
        raw = raw[:at] + b"\x00" + raw[at:]
    elif mutation == "truncate" and raw:
        raw = raw[: draw(st.integers(0, len(raw)))]
    elif mutation == "unquote":
        raw = raw + b'"unterminated,quote\n'
    ext = draw(st.sampled_from([".csv", ".csv", ".tsv", ".txt"]))
    return f"{table}{ext}", raw


json_scalar = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), hostile_text, timestamps
)
json_value = st.recursive(
    json_scalar,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=5,
)


@st.composite
def json_file(draw) -> tuple[str, bytes]:
    table = draw(st.sampled_from(list(TABLES)))
    keys = draw(header(table))
    records = draw(
        st.lists(st.fixed_dictionaries({}, optional={k: json_value for k in keys}), max_size=10)
    )
    shape = draw(
        st.sampled_from(
            ["lines", "lines", "lines", "array", "pretty", "glued", "truncated", "mixed"]
        )
    )
    if shape == "array":  # a JSON document, not JSON Lines
        text = json.dumps(records)
    elif shape == "pretty":
        text = "\n".join(json.dumps(r, indent=2) for r in records)
    elif shape == "glued":
        text = "".join(json.dumps(r) for r in records)
    else:
        lines = [json.dumps(r, ensure_ascii=draw(st.booleans())) for r in records]
        if shape == "mixed":
            lines.insert(
                draw(st.integers(0, len(lines))),
                draw(st.sampled_from(["[1, 2]", "42", '"x"', "{", "not json", "null"])),
            )
        text = "\n".join(lines) + "\n"
        if shape == "truncated":
            text = text[: draw(st.integers(0, len(text)))]
    ext = draw(st.sampled_from([".jsonl", ".ndjson", ".json"]))
    return f"{table}{ext}", text.encode("utf-8", errors="surrogatepass")


PARQUET_COLUMN = st.sampled_from(["str", "int", "float", "bool", "datetime", "list", "null"])


def parquet_series(kind: str, name: str, n: int, draw) -> pl.Series:
    if kind == "str":
        return pl.Series(
            name,
            draw(st.lists(st.one_of(st.none(), hostile_text, timestamps), min_size=n, max_size=n)),
            dtype=pl.String,
        )
    if kind == "int":
        return pl.Series(
            name,
            draw(
                st.lists(
                    st.one_of(st.none(), st.integers(-(2**63), 2**63 - 1)), min_size=n, max_size=n
                )
            ),
            dtype=pl.Int64,
        )
    if kind == "float":
        return pl.Series(
            name, draw(st.lists(st.floats(), min_size=n, max_size=n)), dtype=pl.Float64
        )
    if kind == "bool":
        return pl.Series(
            name, draw(st.lists(st.booleans(), min_size=n, max_size=n)), dtype=pl.Boolean
        )
    if kind == "datetime":
        values = draw(
            st.lists(
                st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31)),
                min_size=n,
                max_size=n,
            )
        )
        return pl.Series(name, values, dtype=pl.Datetime("us"))
    if kind == "list":
        return pl.Series(
            name, draw(st.lists(st.lists(st.integers(0, 9), max_size=3), min_size=n, max_size=n))
        )
    return pl.Series(name, [None] * n, dtype=pl.Null)


@st.composite
def parquet_file(draw) -> tuple[str, bytes]:
    table = draw(st.sampled_from(list(TABLES)))
    names = list(dict.fromkeys(draw(header(table))))  # Parquet writers refuse duplicate names
    n = draw(st.integers(0, 8))
    frame = pl.DataFrame([parquet_series(draw(PARQUET_COLUMN), c, n, draw) for c in names])
    buffer = io.BytesIO()
    frame.write_parquet(buffer)
    raw = buffer.getvalue()
    damage = draw(st.sampled_from(["none", "none", "truncate", "flip", "tail"]))
    if damage == "truncate":
        raw = raw[: draw(st.integers(0, len(raw) - 1))]
    elif damage == "flip":
        at = draw(st.integers(0, len(raw) - 1))
        raw = raw[:at] + bytes([raw[at] ^ 0xFF]) + raw[at + 1 :]
    elif damage == "tail":
        raw = raw[:-8] + b"\x00" * 8  # footer length and magic gone
    return f"{table}.parquet", raw


# -- the generated cases ----------------------------------------------------------------------


@settings(FUZZ, max_examples=260)
@given(case=csv_file())
def test_fuzzed_csv_loads_whole_or_fails_in_one_line(store_db, case):
    name, content = case
    check_ingest(store_db, fresh_file(store_db, name, content))


@settings(FUZZ, max_examples=120)
@given(case=json_file())
def test_fuzzed_json_loads_whole_or_fails_in_one_line(store_db, case):
    name, content = case
    check_ingest(store_db, fresh_file(store_db, name, content))


@settings(FUZZ, max_examples=80)
@given(case=parquet_file())
def test_fuzzed_parquet_loads_whole_or_fails_in_one_line(store_db, case):
    name, content = case
    check_ingest(store_db, fresh_file(store_db, name, content))


@settings(FUZZ, max_examples=60)
@given(
    table=st.sampled_from(list(TABLES)),
    ext=st.sampled_from([".csv", ".jsonl", ".parquet", ".csv.gz", ".jsonl.zst"]),
    content=st.binary(min_size=0, max_size=2048),
)
def test_random_bytes_load_whole_or_fail_in_one_line(store_db, table, ext, content):
    check_ingest(store_db, fresh_file(store_db, f"{table}{ext}", content))


# -- fixed cases the generators reach only rarely ----------------------------------------


def _accounts_csv(rows: str, head: str = "account_id,created_at,email") -> bytes:
    return (head + "\n" + rows).encode()


FIXED = {
    "empty": ("accounts.csv", b"", "error"),
    "header only": ("accounts.csv", _accounts_csv(""), "error"),
    "header only jsonl": ("accounts.jsonl", b"\n\n", "error"),
    "duplicate header": (
        "accounts.csv",
        b"account_id,created_at,account_id\na,2026-04-22,b\n",
        "error",
    ),
    "case-duplicate header": (
        "accounts.csv",
        b"account_id,created_at,ACCOUNT_ID\na,2026-04-22,b\n",
        "error",
    ),
    "latin-1 in utf-8": (
        "accounts.csv",
        _accounts_csv("x1,2026-04-22,ok\n") + "caf\xe9".encode("latin-1") + b",2026-04-22,x\n",
        "error",
    ),
    "whole-file latin-1": (
        "accounts.csv",
        "account_id,created_at,email\nfr1,2026-04-22,andr\xe9@x.fr\n".encode("latin-1"),
        "error",
    ),
    "BOM header": (
        "accounts.csv",
        "\ufeff".encode() + _accounts_csv("bom1,2026-04-22,a@b.c\n"),
        "loaded",
    ),
    "NUL in a value": ("accounts.csv", _accounts_csv("nul1,2026-04-22,a\x00b@c.d\n"), "loaded"),
    "quoted newline": ("accounts.csv", _accounts_csv('qn1,2026-04-22,"a\nb@c.d"\n'), "loaded"),
    "year 1": ("accounts.csv", _accounts_csv("y1,0001-01-01T00:00:00Z,a\n"), "quarantined"),
    "year 9999": ("api_requests.csv", b"account_id,ts\ny9,9999-12-31T23:59:59Z\n", "quarantined"),
    "infinity": ("ip_events.csv", b"account_id,ts,ip\ninf,infinity,1.2.3.4\n", "quarantined"),
    "huge field over the line limit": (
        "accounts.csv",
        _accounts_csv("h1,2026-04-22," + "x" * 3_000_000 + "\n"),
        "error",
    ),
    "JSON array": (
        "accounts.json",
        json.dumps([{"account_id": "j1", "created_at": "2026-04-22"}]).encode(),
        "error",
    ),
    "pretty JSON": (
        "accounts.jsonl",
        json.dumps({"account_id": "j2", "created_at": "2026-04-22"}, indent=2).encode(),
        "error",
    ),
    "wrong JSON types": (
        "api_requests.jsonl",
        b'{"account_id": 7, "ts": {"a": 1}, "input_tokens": "many"}\n',
        "quarantined",
    ),
}


@pytest.mark.parametrize("case", list(FIXED), ids=list(FIXED))
def test_fixed_hostile_file(store_db, case):
    name, content, expected = FIXED[case]
    assert check_ingest(store_db, fresh_file(store_db, name, content)) == expected


def test_truncated_parquet_is_one_line_exit_2(store_db, tmp_path):
    good = tmp_path / "good.parquet"
    pl.DataFrame(
        {"account_id": ["p1", "p2"], "created_at": ["2026-04-22", "2026-04-23"]}
    ).write_parquet(good)
    raw = good.read_bytes()
    for cut in (0, 4, len(raw) // 2, len(raw) - 1):
        if cut == 0:
            continue  # an empty file is covered above
        assert (
            check_ingest(store_db, fresh_file(store_db, "accounts.parquet", raw[:cut])) == "error"
        )


def test_parquet_column_name_not_utf8_is_one_line_exit_2(store_db, tmp_path):
    """A Parquet footer naming a column in invalid UTF-8 (found by the fuzzer above)."""
    good = tmp_path / "good.parquet"
    pl.DataFrame({"account_id": ["p1"], "ts": ["2026-04-22"], "qq": ["x"]}).write_parquet(
        good, compression="uncompressed"
    )
    raw = good.read_bytes()
    assert b"qq" in raw
    bad = raw.replace(b"qq", b"\x8bq")  # same length: every offset in the footer still holds
    assert check_ingest(store_db, fresh_file(store_db, "api_requests.parquet", bad)) == "error"


def test_ten_thousand_columns(store_db):
    """A 10,000-column file: the table's columns are found, the rest ignored."""
    junk = [f"c{i}" for i in range(10_000 - 3)]
    head = ",".join(["account_id", "created_at", "email", *junk])
    row = ",".join(["wide-1", "2026-04-22T10:00:00Z", "w@x.y", *("v" for _ in junk)])
    path = fresh_file(store_db, "accounts.csv", (head + "\n" + row + "\n").encode())
    assert check_ingest(store_db, path) == "loaded"


# -- a sample through the real console script ------------------------------------------------

CLI_SAMPLES = {
    "duplicate header": ("accounts.csv", b"account_id,created_at,Account_Id\na,2026-04-22,b\n", 2),
    "truncated parquet": ("accounts.parquet", b"PAR1\x15\x04\x15", 2),
    "JSON array": ("accounts.json", b'[{"account_id": "a", "created_at": "2026-04-22"}]', 2),
    "latin-1": (
        "accounts.csv",
        "account_id,created_at\nandr\xe9,2026-04-22\n".encode("latin-1"),
        2,
    ),
    "binary": ("api_requests.csv", bytes(range(256)) * 4, 2),
    "header only": ("labels.csv", b"account_id,label\n", 2),
    "year 9999 quarantined": ("accounts.csv", b"account_id,created_at\nz,9999-12-31\n", 0),
    "file name with a newline": ("accounts-a\nb.csv", b"account_id\nx\n", 2),
    "file name with a terminal escape": ("accounts-\x1b[2J.csv", b"account_id\nx\n", 2),
}


@pytest.mark.parametrize("case", list(CLI_SAMPLES), ids=list(CLI_SAMPLES))
def test_console_script_one_line_exit_2(tmp_path, case):
    name, content, code = CLI_SAMPLES[case]
    (tmp_path / name).write_bytes(content)
    db = tmp_path / "fg.duckdb"
    proc = subprocess.run(
        [str(FRAUDGRAPH), "ingest", name, "--db", str(db), "--json"],
        capture_output=True,
        cwd=tmp_path,
        env={**os.environ, "FRAUDGRAPH_DEBUG": ""},
        timeout=120,
    )
    stderr = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == code, stderr
    assert "Traceback" not in stderr
    assert "\x1b" not in stderr  # no terminal escapes echoed from hostile names
    if code == 2:
        lines = stderr.strip("\n").split("\n")
        assert len(lines) == 1, stderr
        assert lines[0].startswith("fraudgraph: ")
        assert proc.stdout == b""
        if db.exists():
            assert store_counts(db)["ingest_log"] == 0
    else:
        report = json.loads(proc.stdout)["files"][0]
        assert report["rows_quarantined"] == 1 and report["rows_loaded"] == 0
