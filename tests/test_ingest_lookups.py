"""The IP lookup normalises plain dotted quads in SQL (queries/ingest/lookup_ipv4.sql)
and everything else in Python: both paths must agree with ``normalise_ip``."""

from __future__ import annotations

import duckdb
from fraudgraph.ingest.lookups import build_ip_lookup
from fraudgraph.ingest.normalise import normalise_ip
from hypothesis import given, settings
from hypothesis import strategies as st

TRICKY = [
    "1.2.3.4", "0.0.0.0", "255.255.255.255", "256.1.1.1", "01.2.3.4", "1.2.3.04",
    "10.0.0.1", "172.16.0.1", "172.31.255.255", "172.32.0.1", "192.168.1.1",
    "192.169.1.1", "127.0.0.1", "169.254.3.3", "100.64.0.1", "100.127.255.255",
    "100.128.0.1", "100.63.255.255", "1.2.3", "1.2.3.4.5", "1..2.3", "\t1.2.3.4",
    "1.2.3.4\n", "::ffff:1.2.3.4", "[1.2.3.4]", "\u0661.2.3.4", "+1.2.3.4",
    "1.2.3.4/24", "2001:db8::1", "fe80::1%eth0", "not an ip",
]  # fmt: skip


def _lookup(values: list[str]) -> dict[str, tuple]:
    con = duckdb.connect()
    con.execute("CREATE TEMP TABLE stage (ip VARCHAR)")
    con.executemany("INSERT INTO stage VALUES (?)", [(v,) for v in values])
    build_ip_lookup(con, "stage", "ip")
    rows = con.execute("SELECT raw, ip_norm, ip_prefix, ip_private, ip_cgnat FROM lookup_ip")
    return {raw: tuple(rest) for raw, *rest in rows.fetchall()}


def _expected(values: list[str]) -> dict[str, tuple]:
    return {v: tuple(ip) for v in values if (ip := normalise_ip(v)) is not None}


def test_sql_and_python_paths_agree_on_tricky_addresses():
    found = _lookup(TRICKY)
    assert found == _expected(TRICKY)
    assert found["100.64.0.1"][3] is True and found["100.128.0.1"][3] is False
    assert found["172.31.255.255"][2] is True and found["172.32.0.1"][2] is False
    assert "256.1.1.1" not in found and "01.2.3.4" not in found


_octet = st.one_of(st.integers(0, 300).map(str), st.sampled_from(["00", "01", "007", " 1"]))


@settings(max_examples=30, deadline=None)
@given(st.lists(st.lists(_octet, min_size=3, max_size=5).map(".".join), min_size=1, max_size=200))
def test_random_dotted_quads_match_normalise_ip(values):
    assert _lookup(values) == _expected(values)
