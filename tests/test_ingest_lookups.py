"""The IP and e-mail lookups normalise the plain values in SQL
(queries/ingest/lookup_ipv4.sql, lookup_email_ascii.sql) and everything else in
Python: both paths must agree with ``normalise_ip`` / ``normalise_email``."""

from __future__ import annotations

import duckdb
from fraudgraph.ingest.lookups import build_email_lookup, build_ip_lookup
from fraudgraph.ingest.normalise import normalise_email, normalise_ip
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


def _built(column: str, values: list[str], build, select: str) -> dict[str, tuple]:
    """Stage ``values`` as ``stage.column``, run ``build(con)``, return ``select``'s rows
    keyed by their first column (the raw value)."""
    con = duckdb.connect()
    con.execute(f"CREATE TEMP TABLE stage ({column} VARCHAR)")
    con.executemany("INSERT INTO stage VALUES (?)", [(v,) for v in values])
    build(con)
    return {raw: tuple(rest) for raw, *rest in con.execute(select).fetchall()}


def _normalised(values: list[str], fn) -> dict[str, tuple]:
    return {v: tuple(out) for v in values if (out := fn(v)) is not None}


def _lookup(values: list[str]) -> dict[str, tuple]:
    return _built(
        "ip",
        values,
        lambda con: build_ip_lookup(con, "stage", "ip"),
        "SELECT raw, ip_norm, ip_prefix, ip_private, ip_cgnat FROM lookup_ip",
    )


def test_sql_and_python_paths_agree_on_tricky_addresses():
    found = _lookup(TRICKY)
    assert found == _normalised(TRICKY, normalise_ip)
    assert found["100.64.0.1"][3] is True and found["100.128.0.1"][3] is False
    assert found["172.31.255.255"][2] is True and found["172.32.0.1"][2] is False
    assert "256.1.1.1" not in found and "01.2.3.4" not in found


_octet = st.one_of(st.integers(0, 300).map(str), st.sampled_from(["00", "01", "007", " 1"]))


@settings(max_examples=30, deadline=None)
@given(st.lists(st.lists(_octet, min_size=3, max_size=5).map(".".join), min_size=1, max_size=200))
def test_random_dotted_quads_match_normalise_ip(values):
    assert _lookup(values) == _normalised(values, normalise_ip)


# ------------------------------------------------------------------ e-mail

TRICKY_EMAILS = [
    "J.Smith+promo@GoogleMail.com", "john.doe42@Example.ORG", "a.b.c@gmail.com",
    "x_9z__1@example.com", "a--b..c@example.co.uk", "+tag@example.com",
    "...@gmail.com", ".+x@gmail.com", "a@b", "a@.example.com", "a@example..com",
    "a@example.com.", "a@example.com..", "a@.", "a@", "@example.com", "a@@example.com",
    "a@b@example.com", "a b@example.com", " a@example.com", "a@example.com\n",
    "Zoë@bücher.de", "ZOE@EXAMPLE.COM", "a@exa_mple.com", "a@ex!ample.com",
    "1234@example.com", "9.9@x.y", "a'b@example.com", "a%b@example.com",
    "a@xn--bcher-kva.de", "ǅ@example.com", "a@EXAMPLE.com\u200b",
]  # fmt: skip


def _email_lookup(values: list[str]) -> dict[str, tuple]:
    return _built(
        "email",
        values,
        lambda con: build_email_lookup(con, "email"),
        "SELECT raw, email_canonical, email_domain, email_shape FROM lookup_email",
    )


def test_sql_and_python_email_paths_agree_on_tricky_addresses():
    found = _email_lookup(TRICKY_EMAILS)
    assert found == _normalised(TRICKY_EMAILS, normalise_email)
    assert found["J.Smith+promo@GoogleMail.com"] == ("jsmith@gmail.com", "gmail.com", "a")
    assert found["x_9z__1@example.com"][2] == "a_9a_9"
    assert found["a@example.com."][0] == "a@example.com"
    assert "a@b" not in found and "...@gmail.com" not in found and "a@example..com" not in found


def test_sql_path_takes_plain_addresses():
    # The SQL path must actually carry plain addresses: with the Python fallback
    # disabled they are all still found.
    from fraudgraph.ingest import lookup_worker

    plain = ["J.Smith+promo@GoogleMail.com", "john.doe42@Example.ORG", "a-b_c@x.y."]
    original = lookup_worker.NORMALISERS["email"]
    lookup_worker.NORMALISERS["email"] = lambda raw: None
    try:
        assert set(_email_lookup(plain)) == set(plain)
    finally:
        lookup_worker.NORMALISERS["email"] = original


_email_text = st.text(alphabet="aZ9._+-@!'%é \t", min_size=0, max_size=14)
_email_like = st.builds(
    lambda local, domain, tld: f"{local}@{domain}{tld}",
    st.text(alphabet="aZ9._+-", max_size=8),
    st.sampled_from(["gmail", "GoogleMail", "ex", "ex.", ".ex", "e..x", "", "x_y"]),
    st.sampled_from([".com", ".com.", ".co.uk", "", ".", "..", ".c-m"]),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(_email_text, _email_like), min_size=1, max_size=200))
def test_random_addresses_match_normalise_email(values):
    assert _email_lookup(values) == _normalised(values, normalise_email)
