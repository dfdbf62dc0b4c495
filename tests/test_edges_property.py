"""Property: ``queries/graph/edges.sql`` builds exactly the edges its rules describe.

A plain-Python reading of the rules (each holder of a value links to the value's
next ``max_links`` holders in time, soft kinds only within ``max_gap_minutes`` and
scaled by how surprising the gap is; per pair a kind's part is the max of its
links or their capped sum; kinds add up; a pair needs a standalone kind, the
minimum weight and no shared org) is compared with the SQL on random small
graphs. Kinds get different ``max_links`` and weak links of several kinds must
add up, so the window frame and the pair prefilter are both exercised.
"""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import datetime, timedelta

import duckdb
from hypothesis import given, settings
from hypothesis import strategies as st

from fraudgraph import queries

MIN_EDGE_WEIGHT = 0.15
ACCOUNTS = [f"a{i}" for i in range(8)]
T0 = datetime(2026, 4, 1)

_kind = st.fixed_dictionaries(
    {
        "weight": st.floats(0.02, 1.0),
        "max_links": st.integers(1, 3),
        "max_gap_minutes": st.one_of(st.none(), st.sampled_from([5.0, 30.0, 240.0])),
        "combine": st.sampled_from(["max", "sum"]),
        "standalone": st.booleans(),
        "rarity": st.booleans(),
    }
)
_holding = st.tuples(
    st.sampled_from(ACCOUNTS),
    st.sampled_from(["v0", "v1", "v2"]),
    st.integers(0, 240),  # minutes after T0
)
_case = st.fixed_dictionaries(
    {
        "kinds": st.lists(_kind, min_size=1, max_size=3),
        # (account, value, minute) per kind index
        "holdings": st.lists(st.tuples(st.integers(0, 2), _holding), min_size=10, max_size=60),
        "value_weights": st.lists(
            st.sampled_from([0.0, 0.08, 0.1, 0.3, 1.0]), min_size=9, max_size=9
        ),
        "orgs": st.lists(st.sampled_from([None, "o1", "o2"]), min_size=8, max_size=8),
    }
)


def _inputs(case: dict) -> tuple[dict, list, dict, dict]:
    kinds = {f"k{i}": k for i, k in enumerate(case["kinds"])}
    evidence = {}
    for kind_index, (account, value, minute) in case["holdings"]:
        kind = f"k{kind_index % len(kinds)}"
        # one row per (account, kind, value), as the evidence table has
        evidence.setdefault((account, kind, value), T0 + timedelta(minutes=minute))
    stats = {}
    for (_account, kind, value), t in evidence.items():
        n, t_min, t_max = stats.get((kind, value), (0, t, t))
        stats[(kind, value)] = (n + 1, min(t_min, t), max(t_max, t))
    weights = {
        (kind, value): case["value_weights"][3 * int(kind[1:]) + int(value[1:])]
        for kind, value in stats
    }
    orgs = dict(zip(ACCOUNTS, case["orgs"], strict=True))
    return (
        kinds,
        [(a, k, v, t) for (a, k, v), t in evidence.items()],
        stats,
        {
            "weights": weights,
            "orgs": orgs,
        },
    )


def _reference(kinds, evidence, stats, extra) -> dict[tuple[str, str], float]:
    holders = defaultdict(list)
    for account, kind, value, t in evidence:
        holders[(kind, value)].append((t, account))
    links = defaultdict(list)  # (src, dst, kind) -> weights
    for (kind, value), rows in holders.items():
        w_value = extra["weights"][(kind, value)]
        if w_value <= 0:
            continue
        p = kinds[kind]
        n, t_min, t_max = stats[(kind, value)]
        rate = n / max((t_max - t_min).total_seconds(), 86400.0)
        rows.sort()
        for i, (ta, a) in enumerate(rows):
            for tb, b in rows[i + 1 : i + 1 + p["max_links"]]:
                gap = (tb - ta).total_seconds()
                if p["max_gap_minutes"] is not None and gap > p["max_gap_minutes"] * 60:
                    continue
                scale = 1.0
                if p["max_gap_minutes"] is not None and not p["rarity"]:
                    chance = max(1 - math.exp(-rate * max(gap, 1.0)), 1e-12)
                    scale = min(1.0, max(0.0, (-math.log10(chance) - 1) / 2))
                if w_value * scale > 0:
                    links[(min(a, b), max(a, b), kind)].append(w_value * scale)
    pairs = defaultdict(float)
    standalone = defaultdict(bool)
    for (src, dst, kind), ws in links.items():
        p = kinds[kind]
        part = min(sum(ws), p["weight"]) if p["combine"] == "sum" else max(ws)
        pairs[(src, dst)] += part
        standalone[(src, dst)] |= p["standalone"]
    orgs = extra["orgs"]
    return {  # every candidate pair with its weight; the test applies the bar
        pair: weight
        for pair, weight in pairs.items()
        if standalone[pair] and not (orgs[pair[0]] is not None and orgs[pair[0]] == orgs[pair[1]])
    }


def _sql_edges(kinds, evidence, stats, extra) -> dict[tuple[str, str], float]:
    con = duckdb.connect()
    try:
        queries.execute(con, "graph/kind_params")
        con.executemany(
            "INSERT INTO kind_params VALUES (?, ?, ?, ?, 50000, 1.0, ?, ?, ?)",
            [
                (
                    name,
                    k["weight"],
                    k["max_links"],
                    k["max_gap_minutes"],
                    k["combine"],
                    k["standalone"],
                    k["rarity"],
                )
                for name, k in kinds.items()
            ],
        )
        con.execute(
            "CREATE TABLE evidence (account_id VARCHAR, kind VARCHAR, value VARCHAR, t TIMESTAMP)"
        )
        con.executemany("INSERT INTO evidence VALUES (?, ?, ?, ?)", evidence)
        con.execute(
            "CREATE TABLE value_stats (kind VARCHAR, value VARCHAR, n_accounts BIGINT,"
            " t_min TIMESTAMP, t_max TIMESTAMP, allowlisted BOOLEAN, weight DOUBLE)"
        )
        con.executemany(
            "INSERT INTO value_stats VALUES (?, ?, ?, ?, ?, false, ?)",
            [(k, v, n, lo, hi, extra["weights"][(k, v)]) for (k, v), (n, lo, hi) in stats.items()],
        )
        con.execute("CREATE TABLE accounts (account_id VARCHAR, org_id VARCHAR)")
        con.executemany("INSERT INTO accounts VALUES (?, ?)", list(extra["orgs"].items()))
        queries.execute(con, "graph/edges", min_edge_weight=MIN_EDGE_WEIGHT, max_values_per_kind=3)
        return {(s, d): w for s, d, w in con.sql("SELECT src, dst, weight FROM edges").fetchall()}
    finally:
        con.close()


@settings(max_examples=60, deadline=None)
@given(_case)
def test_edges_follow_their_rules(case):
    kinds, evidence, stats, extra = _inputs(case)
    candidates = _reference(kinds, evidence, stats, extra)
    expected = {p: w for p, w in candidates.items() if w >= MIN_EDGE_WEIGHT}
    got = _sql_edges(kinds, evidence, stats, extra)
    # a pair within float noise of the bar may fall either way
    near = {p for p, w in candidates.items() if abs(w - MIN_EDGE_WEIGHT) < 1e-6}
    assert set(got) - near == set(expected) - near
    for pair, weight in got.items():
        if pair in expected:
            assert abs(weight - expected[pair]) < 1e-8, pair
