"""Normalisation lookups: Python normalisers applied to a file's *distinct* values.

For each attribute that needs Python (e-mail, phone, IP, user agent, card
check) ingest selects the distinct raw values of the staged file in DuckDB,
normalises each once, and registers the result as a temp table ``lookup_<kind>``
with a ``raw`` column; the insert SQL joins it back. A lookup holds only the
values that are valid, so "not found" means "invalid". The cost scales with
distinct values (a few hundred thousand IPs in a 28M-row file), not rows.
Plain dotted-quad IPv4 addresses and plain ASCII e-mail addresses, the bulk of
them, are normalised in SQL by ``queries/ingest/lookup_ipv4.sql`` and
``lookup_email_ascii.sql`` with the same rules; Python sees the rest.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from collections.abc import Iterable

import duckdb
import polars as pl
from fraudgraph.ingest import normalise as norm
from fraudgraph.ingest.lookup_worker import normalised_rows

from fraudgraph import queries

__all__ = ["LOOKUPS_BY_TABLE", "build_lookups", "build_email_lookup", "build_ip_lookup"]

# table -> lookups its staging SQL files join (every one is created, empty if
# need be). api_requests builds its IP lookup later, from the (account, ip)
# totals of the rows it loaded (``build_ip_lookup``, called by load.py): its
# stored rows keep the raw ip, only the usage aggregate needs the address.
LOOKUPS_BY_TABLE: dict[str, tuple[str, ...]] = {
    "accounts": ("email", "phone", "ip", "ua"),
    "payments": ("card",),
    "ip_events": ("ip",),
    "devices": ("ua",),
    "api_requests": (),
    "labels": (),
}

_SCHEMAS: dict[str, dict[str, pl.DataType]] = {
    "email": {
        "raw": pl.Utf8,
        "email_canonical": pl.Utf8,
        "email_domain": pl.Utf8,
        "email_shape": pl.Utf8,
    },
    "phone": {"raw": pl.Utf8, "region": pl.Utf8, "phone_e164": pl.Utf8, "phone_block": pl.Utf8},
    "ip": {
        "raw": pl.Utf8,
        "ip_norm": pl.Utf8,
        "ip_prefix": pl.Utf8,
        "ip_private": pl.Boolean,
        "ip_cgnat": pl.Boolean,
    },
    "ua": {"raw": pl.Utf8, "ua_family": pl.Utf8, "ua_headless": pl.Boolean},
    "card": {"raw": pl.Utf8},
}

# Which staged column(s) feed each lookup, per table.
_INPUTS: dict[tuple[str, str], str] = {
    ("accounts", "email"): "email",
    ("accounts", "phone"): "phone",
    ("accounts", "ip"): "signup_ip",
    ("accounts", "ua"): "user_agent",
    ("payments", "card"): "card_fingerprint",
    ("ip_events", "ip"): "ip",
    ("devices", "ua"): "user_agent",
}


def _distinct(con: duckdb.DuckDBPyConnection, column: str, where: str = "") -> list:
    # `column` comes from the fixed _INPUTS table above, never from a file.
    query = f"SELECT DISTINCT {column} FROM stage WHERE {column} IS NOT NULL {where}"
    return con.execute(query).fetchall()


# From this many distinct values on, the other cores normalise a share each in
# worker processes (lookup_worker.py) while this one does its own. At 2M
# accounts the 1.15M phone numbers took 16.6 s in one process and 10.4 s in two;
# at 115k, 1.7 s against 1.9 s (a worker takes ~0.4 s to start and import).
PARALLEL_MIN_VALUES = 250_000
_MAX_PROCESSES = 4


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def _rows(values: Iterable[tuple], kind: str) -> list[tuple]:
    """``(*value, *normalised)`` for every value the ``kind`` normaliser accepts, in order.

    Per distinct value, not per row: this is the only Python loop over data.
    """
    values = list(values)
    processes = min(_cores(), _MAX_PROCESSES)
    if len(values) < PARALLEL_MIN_VALUES or processes < 2:
        return normalised_rows(kind, values)
    size = -(-len(values) // processes)
    shares = [values[i : i + size] for i in range(0, len(values), size)]
    workers = [(_start_worker(kind, share), share) for share in shares[1:]]
    rows = normalised_rows(kind, shares[0])
    for proc, share in workers:
        rows.extend(_worker_rows(proc, kind, share))
    return rows


def _start_worker(kind: str, share: list[tuple]) -> subprocess.Popen | None:
    # A separate interpreter, not a fork: the parent holds DuckDB's threads.
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "fraudgraph.ingest.lookup_worker", kind],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
    except OSError:
        return None
    try:
        pickle.dump(share, proc.stdin, protocol=pickle.HIGHEST_PROTOCOL)
        proc.stdin.close()
    except OSError:  # the worker died before it read its share
        proc.kill()
        proc.wait()
        return None
    return proc


def _worker_rows(proc: subprocess.Popen | None, kind: str, share: list[tuple]) -> list[tuple]:
    """A worker's rows; a worker that failed costs time, not results: redo its share."""
    if proc is None:
        return normalised_rows(kind, share)
    out = proc.stdout.read()
    proc.stdout.close()
    if proc.wait() != 0:
        return normalised_rows(kind, share)
    return pickle.loads(out)


def _card_rows(con: duckdb.DuckDBPyConnection, column: str) -> list[tuple]:
    # Only values made of 13-19 digits (spaces/dashes allowed) can be card numbers.
    candidates = _distinct(
        con,
        column,
        "AND regexp_full_match(regexp_replace(card_fingerprint, '[\\s-]', '', 'g'), "
        "'[0-9]{13,19}')",
    )
    return [(v,) for (v,) in candidates if norm.is_card_number(v)]


def build_lookups(con: duckdb.DuckDBPyConnection, table: str) -> dict[str, int]:
    """Create the ``lookup_<kind>`` temp tables a table's SQL needs; return their sizes."""
    sizes = {}
    for kind in LOOKUPS_BY_TABLE[table]:
        column = _INPUTS[(table, kind)]
        if kind == "email":
            sizes[kind] = build_email_lookup(con, column)
            continue
        if kind == "ip":
            sizes[kind] = build_ip_lookup(con, "stage", column)
            continue
        if kind == "phone":
            pairs = con.execute(
                "SELECT DISTINCT phone, country FROM stage WHERE phone IS NOT NULL"
            ).fetchall()
            rows = _rows(pairs, "phone")
        elif kind == "ua":
            rows = _rows(_distinct(con, column), "ua")
        else:
            rows = _card_rows(con, column)
        _store_rows(con, kind, rows, "CREATE OR REPLACE TEMP TABLE lookup_{kind} AS")
        sizes[kind] = len(rows)
    return sizes


def _store_rows(con: duckdb.DuckDBPyConnection, kind: str, rows: list[tuple], verb: str) -> None:
    """Write normalised rows into ``lookup_<kind>`` (``verb``: CREATE ... AS or INSERT INTO)."""
    schema = _SCHEMAS[kind]
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(schema)
    frame = pl.DataFrame(
        {
            name: pl.Series(name, col, dtype=dtype)
            for (name, dtype), col in zip(schema.items(), columns, strict=True)
        }
    )
    view = f"lookup_{kind}_frame"
    con.register(view, frame)
    try:
        con.execute(f"{verb.format(kind=kind)} SELECT * FROM {view}")
    finally:
        con.unregister(view)


def _sql_then_python(con, kind: str, table: str, column: str, fast_sql: str) -> int:
    """Fill ``lookup_<kind>`` for the distinct values of ``table.column``; return its size.

    The values go to the temp table ``lookup_<kind>_input(raw)``; ``fast_sql`` (a
    queries/ name) creates the lookup from those it can normalise in SQL, and the
    ``kind`` normaliser does the rest in Python.
    """
    # `table` and `column` come from this package (the stage, or load.py's
    # file_ip_rows), never from a file.
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE lookup_{kind}_input AS "
        f"SELECT DISTINCT {column} AS raw FROM {table} WHERE {column} IS NOT NULL"
    )
    try:
        queries.execute(con, fast_sql)
        rest = con.execute(
            f"SELECT raw FROM lookup_{kind}_input AS i "
            f"WHERE NOT EXISTS (SELECT 1 FROM lookup_{kind} AS l WHERE l.raw = i.raw)"
        ).fetchall()
        rows = _rows(rest, kind)
        if rows:
            _store_rows(con, kind, rows, "INSERT INTO lookup_{kind} BY NAME")
        return con.execute(f"SELECT count(*) FROM lookup_{kind}").fetchall()[0][0]
    finally:
        con.execute(f"DROP TABLE IF EXISTS lookup_{kind}_input")


def build_email_lookup(con: duckdb.DuckDBPyConnection, column: str) -> int:
    """``lookup_email`` for the distinct values of ``stage.column``; return its size.

    Plain ASCII addresses are normalised in SQL
    (``queries/ingest/lookup_email_ascii.sql``), every other value through Python.
    """
    return _sql_then_python(con, "email", "stage", column, "ingest/lookup_email_ascii")


def build_ip_lookup(con: duckdb.DuckDBPyConnection, table: str, column: str) -> int:
    """``lookup_ip`` for the distinct values of ``table.column``; return its size.

    Dotted quads are normalised in SQL (``queries/ingest/lookup_ipv4.sql``),
    every other distinct value through Python.
    """
    return _sql_then_python(con, "ip", table, column, "ingest/lookup_ipv4")
