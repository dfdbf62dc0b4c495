"""Property: valid random rows round-trip through ingest with nothing lost."""

from __future__ import annotations

import csv
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

from fraudgraph.ingest import ingest_paths
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fraudgraph.store import connect_store
from fraudgraph.workspace import Workspace
from tests.tables import masked_and_active_hours

# Printable text without separators' edge cases that CSV itself cannot carry
# (leading/trailing blanks are trimmed by contract, '' means missing).
_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zs", "Zl", "Zp")),
    min_size=1,
    max_size=12,
)
_ts = st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 1, 1)).map(
    lambda d: d.replace(microsecond=0)
)
_request = st.tuples(
    _text,  # account_id
    _ts,
    st.one_of(st.none(), _text),  # model
    st.one_of(st.none(), st.integers(0, 10**9)),  # input_tokens
    st.one_of(st.none(), st.integers(0, 10**9)),  # output_tokens
    st.one_of(st.none(), _text),  # prompt_fingerprint
    st.one_of(st.none(), st.ip_addresses().map(str)),
)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(rows=st.lists(_request, min_size=1, max_size=30), zone_hours=st.integers(-12, 14))
def test_valid_api_requests_round_trip(rows, zone_hours):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "api_requests.csv"
        zone = f"{'+' if zone_hours >= 0 else '-'}{abs(zone_hours):02d}:00"
        with open(path, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(
                ["account_id", "ts", "model", "input_tokens", "output_tokens",
                 "prompt_fingerprint", "ip"]
            )  # fmt: skip
            for account, ts, model, tin, tout, fp, ip in rows:
                local = (ts + timedelta(hours=zone_hours)).isoformat() + zone
                writer.writerow([account, local, model or "", tin, tout, fp or "", ip or ""])
        ws = Workspace.at(Path(tmp) / "fg.duckdb")
        report = ingest_paths(ws, [path], progress=False)["files"][0]
        distinct = {tuple(r) for r in rows}
        assert report["rows_read"] == len(rows)
        assert report["rows_quarantined"] == 0
        assert report["rows_loaded"] == len(distinct)
        assert report["rows_duplicate"] == len(rows) - len(distinct)
        con = connect_store(ws, read_only=True)
        try:
            stored = con.execute(
                "SELECT account_id, ts, model, input_tokens, output_tokens, prompt_fingerprint, ip"
                " FROM api_requests"
            ).fetchall()
            requests = con.execute("SELECT sum(requests) FROM usage_account_day").fetchall()[0][0]
            hours, active = masked_and_active_hours(con)
        finally:
            con.close()
        assert sorted(stored, key=repr) == sorted(distinct, key=repr)
        assert requests == len(distinct)
        assert hours == active  # the day masks hold exactly the active (account, hour)s


_SPACES = " \u00a0\u1680\u2000\u2005\u200a\u202f\u205f\u3000\t\n"


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.text(
            alphabet=st.sampled_from(_SPACES) | st.characters(exclude_categories=("Cs",)),
            max_size=8,
        ),
        min_size=1,
        max_size=40,
    )
)
def test_skipping_trim_when_it_cannot_change_a_value_is_exact(values):
    """The ingest's cheap "needs trim" test gives exactly what trim gives."""
    import duckdb
    from fraudgraph.ingest.sources import _trimmed

    with duckdb.connect() as con:
        con.execute("CREATE TABLE v (x VARCHAR)")
        con.executemany("INSERT INTO v VALUES (?)", [(v.replace("\x00", ""),) for v in values])
        rows = con.execute(f"SELECT count(*) FROM v WHERE trim(x) IS DISTINCT FROM {_trimmed('x')}")
        assert rows.fetchall()[0][0] == 0


# ------------------------------------------------------- utc_timestamp fast path

# Texts near the shapes utc_timestamp reads with try_strptime: the right shapes,
# and the same with one piece perturbed (signs, blanks, missing or extra digits,
# other separators, offsets, lowercase z, 24:00, 60 seconds, fractions of 0-9
# digits). Whatever the text, the macro must equal the reference cast.
_ODD = ["", "1", "5", "13", "24", "30", "60", "99", " 5", "-1", "+1", "012", "02026", "12026"]
_fraction = st.one_of(
    st.just(""),
    st.integers(1, 9)
    .flatmap(lambda n: st.text("0123456789", min_size=n, max_size=n))
    .map(lambda d: "." + d),
)
_suffix = st.sampled_from(["Z", "", "z", "+00:00", "+02:00", "-05:30", " UTC", "ZZ", "UTCZ"])


def _shape(moment, sep, fraction, suffix, odd):
    """A timestamp text; ``odd`` = (position, text) replaces one piece, or None."""
    pieces = [
        f"{moment.year:04d}", "-", f"{moment.month:02d}", "-", f"{moment.day:02d}", sep,
        f"{moment.hour:02d}", ":", f"{moment.minute:02d}", ":", f"{moment.second:02d}",
        fraction, suffix,
    ]  # fmt: skip
    if odd is not None:
        pieces[odd[0] % len(pieces)] = odd[1]
    return "".join(pieces)


_timestamp_text = st.builds(
    _shape,
    st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31)),
    st.sampled_from(["T", " ", "t", "  ", "_"]),
    _fraction,
    _suffix,
    st.one_of(
        st.none(),
        st.tuples(st.integers(0, 12), st.one_of(st.sampled_from(_ODD), st.sampled_from(".,: T"))),
    ),
)


@settings(max_examples=400, deadline=None)
@given(texts=st.lists(_timestamp_text, min_size=1, max_size=20))
def test_utc_timestamp_equals_the_reference_cast(texts):
    from fraudgraph import queries

    con = _macro_connection()
    queries.execute(con, "ingest/macros")
    got = con.execute(
        "SELECT t, utc_timestamp(t), TRY_CAST(TRY_CAST(t AS TIMESTAMPTZ) AS TIMESTAMP) "
        "FROM unnest($texts) AS u(t)",
        {"texts": texts},
    ).fetchall()
    for text, fast, reference in got:
        assert fast == reference, text


def _macro_connection():
    import duckdb

    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    return con


def test_utc_timestamp_takes_typed_values_and_offsets():
    from fraudgraph import queries

    con = _macro_connection()
    queries.execute(con, "ingest/macros")
    row = con.execute(
        "SELECT utc_timestamp(TIMESTAMP '2026-04-22 10:00:00.123456'),"
        " utc_timestamp(TIMESTAMPTZ '2026-04-22 12:00:00+02'),"
        " utc_timestamp(DATE '2026-04-22'),"
        " utc_timestamp('2026-04-22T12:00:00.5+02:00'),"
        " utc_timestamp('2026-04-22T10:00:00.458Z'),"
        " utc_timestamp('not a time')"
    ).fetchall()[0]
    assert [str(v) for v in row] == [
        "2026-04-22 10:00:00.123456", "2026-04-22 10:00:00", "2026-04-22 00:00:00",
        "2026-04-22 10:00:00.500000", "2026-04-22 10:00:00.458000", "None",
    ]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(values=st.lists(st.datetimes(), min_size=1, max_size=20))
def test_utc_timestamp_of_a_typed_value_equals_the_reference_cast(values):
    """Typed columns (Parquet) skip the text round trip: same value as the rule."""
    from fraudgraph import queries

    con = _macro_connection()
    queries.execute(con, "ingest/macros")
    got = con.execute(
        "SELECT v, utc_timestamp(v), TRY_CAST(TRY_CAST(v AS TIMESTAMPTZ) AS TIMESTAMP),"
        " utc_timestamp(CAST(v AS TIMESTAMPTZ)), utc_timestamp(CAST(v AS VARCHAR))"
        " FROM (SELECT unnest($values) AS v UNION ALL"
        " SELECT unnest([TIMESTAMP 'infinity', TIMESTAMP '-infinity', NULL]))",
        {"values": values},
    ).fetchall()
    for value, typed, reference, zoned, text in got:
        assert typed == reference == zoned == text, value
