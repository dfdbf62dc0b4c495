"""App interaction times: every page's data access, and whole page runs, against a database.

Run by hand (not in the test suite), against a rebuilt database, e.g. the demo one::

    .venv/bin/fraudgraph demo --db demo/fraudgraph.duckdb
    .venv/bin/python bench/bench_app.py --db demo/fraudgraph.duckdb

The target is under 1 s per interaction on the demo database (250k accounts, a
25k-account campaign). Two kinds of figures, one ``name: value unit`` line each:

- ``data.<function>[target]``: one call of a :mod:`fraudgraph.app.data` function with
  its cache bypassed (the cold cost of a first visit to a page for a new run), best of
  ``--repeat`` calls;
- ``page.<page>[target] cold|warm``: a whole page run with Streamlit's AppTest (script,
  queries, layout, charts; no browser) in a fresh session, cold = caches cleared first,
  warm = the same run again (what a second analyst or a rerun after a widget change sees);
  best of ``--page-repeat`` fresh sessions.

Targets are picked from the run: the riskiest campaign, the largest campaign, the
largest cluster of the largest campaign and one of its members (found by a gmail-style
variant of its e-mail when it has one).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import streamlit as st
from fraudgraph.app import data

from fraudgraph.runs.read import latest_run_id, open_run
from fraudgraph.workspace import Workspace

ENTRY = Path(data.__file__).resolve().with_name("main.py")
LIMIT_SECONDS = 1.0


def _best(fn: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def _targets(ws: Workspace) -> dict[str, str]:
    con = open_run(ws)
    try:
        risky = con.sql(
            "SELECT campaign_id FROM campaigns ORDER BY score DESC, size DESC LIMIT 1"
        ).fetchall()[0][0]
        largest = con.sql(
            "SELECT campaign_id FROM campaigns ORDER BY size DESC, score DESC LIMIT 1"
        ).fetchall()[0][0]
        cluster = con.sql(
            "SELECT cluster_id FROM clusters WHERE campaign_id = $c ORDER BY size DESC LIMIT 1",
            params={"c": largest},
        ).fetchall()[0][0]
        account, email = con.sql(
            "SELECT m.account_id, a.email_canonical FROM memberships m JOIN accounts a"
            " USING (account_id) WHERE m.cluster_id = $c"
            " ORDER BY a.email_canonical LIKE '%@gmail.com' DESC, m.strength DESC LIMIT 1",
            params={"c": cluster},
        ).fetchall()[0]
    finally:
        con.close()
    local, _, domain = (email or "").partition("@")
    variant = f"{local[:1]}.{local[1:]}+x@{domain}" if domain == "gmail.com" else account
    return {
        "risky": risky,
        "largest": largest,
        "cluster": cluster,
        "account": account,
        "lookup": variant,
    }


def _data_figures(db: str, run: str, t: dict[str, str], repeat: int) -> list[tuple[str, float]]:
    def raw(fn):
        return getattr(fn, "__wrapped__", fn)

    calls: list[tuple[str, Callable[[], object]]] = [
        ("run_info", lambda: raw(data.run_info)(db, run)),
        ("overview_counts", lambda: raw(data.overview_counts)(db, run)),
        ("score_histogram", lambda: raw(data.score_histogram)(db, run)),
        ("top_campaigns", lambda: raw(data.top_campaigns)(db, run, 10)),
        ("campaign_table", lambda: raw(data.campaign_table)(db, run)),
        ("cluster_table", lambda: raw(data.cluster_table)(db, run)),
        ("cluster_table[search]", lambda: raw(data.cluster_table)(db, run, search="shared card")),
        ("lineage_summary", lambda: raw(data.lineage_summary)(db, run)),
    ]
    for scope, target in (("campaign", t["largest"]), ("cluster", t["cluster"])):
        label = f"[{scope} {target}]"
        calls += [
            (
                f"{scope}_row{label}",
                lambda s=scope, x=target: raw(
                    data.campaign_row if s == "campaign" else data.cluster_row
                )(db, run, x),
            ),
            (
                f"members{label}",
                lambda s=scope, x=target: raw(data.members)(db, run, s, x, limit=200),
            ),
            (
                f"signup_timeline{label}",
                lambda s=scope, x=target: raw(data.signup_timeline)(db, run, s, x),
            ),
            (
                f"request_volume{label}",
                lambda s=scope, x=target: raw(data.request_volume)(db, run, s, x),
            ),
            (
                f"shared_values{label}",
                lambda s=scope, x=target: raw(data.shared_values)(db, run, s, x),
            ),
            (
                f"shared_kinds{label}",
                lambda s=scope, x=target: raw(data.shared_kinds)(db, run, s, x),
            ),
            (f"graph_view{label}", lambda s=scope, x=target: raw(data.graph_view)(db, run, s, x)),
        ]
    members = raw(data.members)(db, run, "cluster", t["cluster"], limit=20)["account_id"].to_list()
    calls += [
        ("why_here[20 members]", lambda: raw(data.why_here)(db, run, tuple(members))),
        ("campaign_clusters", lambda: raw(data.campaign_clusters)(db, run, t["largest"])),
        (
            f"lookup_accounts[{t['lookup']}]",
            lambda: raw(data.lookup_accounts)(db, run, t["lookup"], "any"),
        ),
        ("lookup_accounts[unknown]", lambda: raw(data.lookup_accounts)(db, run, "nobody@x.org")),
        ("account_row", lambda: raw(data.account_row)(db, run, t["account"])),
        ("account_values", lambda: raw(data.account_values)(db, run, t["account"])),
        ("manual_labels_for[200]", lambda: data.manual_labels_for(db, members)),
        ("label_history", lambda: data.label_history(db)),
        ("export_frame[default]", lambda: data.export_frame(db, run, min_score=None, min_size=1)),
        (
            "export_bytes[csv]",
            lambda: data.export_bytes(db, run, min_score=None, min_size=1, fmt="csv"),
        ),
    ]
    return [(f"data.{name}", _best(fn, repeat)) for name, fn in calls]


def _page_figures(t: dict[str, str], repeat: int = 1) -> list[tuple[str, float]]:
    from streamlit.testing.v1 import AppTest

    pages = [
        ("overview", {}),
        ("campaigns", {}),
        ("detail", {"campaign": t["risky"]}),
        ("detail", {"campaign": t["largest"]}),
        ("detail", {"cluster": t["cluster"]}),
        ("lookup", {"q": t["lookup"]}),
        ("labels", {}),
        ("export", {}),
        ("runs", {}),
    ]
    out = []
    for page, query in pages:
        label = f"page.{page}" + (f"[{next(iter(query.values()))}]" if query else "")
        best = {"cold": float("inf"), "warm": float("inf")}
        for _ in range(repeat):
            st.cache_data.clear()
            st.cache_resource.clear()
            at = AppTest.from_file(str(ENTRY), default_timeout=120)
            at.run()
            if page != "overview":
                at.query_params.update(query)
                at.switch_page(f"pages/{page}.py")
            for phase in ("cold", "warm"):
                start = time.perf_counter()
                at.run()
                best[phase] = min(best[phase], time.perf_counter() - start)
                if at.exception:
                    print(f"{label} {phase}: EXCEPTION {at.exception[0].value}", file=sys.stderr)
        out += [(f"{label} {phase}", best[phase]) for phase in ("cold", "warm")]
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, type=Path, help="a rebuilt fraudgraph database")
    parser.add_argument("--repeat", type=int, default=3, help="calls per data figure (best of)")
    parser.add_argument("--no-pages", action="store_true", help="skip the AppTest page runs")
    parser.add_argument(
        "--page-repeat",
        type=int,
        default=1,
        help="fresh-session runs per page figure (best of; >1 filters out a busy machine)",
    )
    args = parser.parse_args()

    ws = Workspace.at(args.db.resolve())
    run = latest_run_id(ws)
    if run is None:
        print(f"bench_app: no published run for {ws.db}", file=sys.stderr)
        return 2
    os.environ["FRAUDGRAPH_DB"] = str(ws.db)
    os.environ.setdefault("FRAUDGRAPH_ACTOR", "bench")
    db = str(ws.db)
    con = open_run(ws)
    try:
        accounts = con.sql("SELECT count(*) FROM accounts").fetchall()[0][0]
        largest = con.sql("SELECT max(size) FROM campaigns").fetchall()[0][0]
    finally:
        con.close()
    targets = _targets(ws)
    print(f"db: {db}\nrun: {run}\naccounts: {accounts}\nlargest_campaign: {largest}")
    for key, value in targets.items():
        print(f"target.{key}: {value}")

    figures = _data_figures(db, run, targets, args.repeat)
    if not args.no_pages:
        figures += _page_figures(targets, args.page_repeat)
    slow = 0
    for name, seconds in figures:
        flag = "" if seconds < LIMIT_SECONDS else "  (over 1 s)"
        slow += bool(flag)
        print(f"{name}: {seconds * 1000:.0f} ms{flag}")
    print(f"over_1s: {slow}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
