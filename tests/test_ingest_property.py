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
            requests = con.execute("SELECT sum(requests) FROM usage_account_hour").fetchall()[0][0]
        finally:
            con.close()
        assert sorted(stored, key=repr) == sorted(distinct, key=repr)
        assert requests == len(distinct)


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
