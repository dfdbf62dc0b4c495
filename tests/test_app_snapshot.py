"""A small hand-built run snapshot for the app tests.

Two published runs under a real runs folder (``R-000001``, ``R-000002`` and
``LATEST``), with the tables of docs/architecture.md ("Run snapshot schema"):

- campaign ``K-0001`` (score 0.93): cluster ``C-000001`` (12 accounts sharing one
  card and one device, signed up within 20 minutes) and ``C-000002`` (8 accounts
  on one /24 using the same prompt-template set);
- campaign ``K-0002`` (score 0.31): cluster ``C-000003``, a household of 4 on one IP;
- 16 ordinary accounts in no cluster.

Account ``A-0001`` has the e-mail ``johnsmith@gmail.com``: a lookup of
``John.Smith+promo@gmail.com`` must find it.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import duckdb
import polars as pl

from fraudgraph.workspace import Workspace

__all__ = ["build_runs", "SNAPSHOT_TABLES"]

SNAPSHOT_TABLES = {
    "run_info": [
        "run_id",
        "previous_run_id",
        "started_at",
        "finished_at",
        "params",
        "timings",
        "counts",
        "warnings",
        "diff_summary",
        "held",
    ],
    "accounts": [
        "account_id",
        "created_at",
        "email",
        "email_canonical",
        "email_domain",
        "email_shape",
        "phone",
        "phone_e164",
        "phone_block",
        "country",
        "signup_ip",
        "signup_ip_norm",
        "signup_ip_prefix",
        "signup_ip_private",
        "signup_ip_cgnat",
        "signup_device_id",
        "user_agent",
        "ua_family",
        "ua_headless",
        "org_id",
        "file_id",
    ],
    "evidence": ["account_id", "kind", "value", "t"],
    "value_stats": ["kind", "value", "n_accounts", "weight"],
    "edges": ["src", "dst", "weight", "kinds", "evidence"],
    "clusters": [
        "cluster_id",
        "campaign_id",
        "size",
        "score",
        "flagged",
        "reasons",
        "created_first",
        "created_last",
        "density",
        "n_bridges",
        "central_members",
        "features",
        "n_exportable",
        "requests",
        "input_tokens",
        "output_tokens",
        "first_activity",
        "last_activity",
        "fraud_labels",
        "legit_labels",
    ],
    "campaigns": [
        "campaign_id",
        "size",
        "n_clusters",
        "score",
        "flagged",
        "reasons",
        "headline",
        "requests",
        "input_tokens",
        "output_tokens",
        "first_activity",
        "last_activity",
        "req_per_account_day",
        "top_template_share",
        "profile",
    ],
    "memberships": ["account_id", "cluster_id", "campaign_id", "strength", "exportable", "why"],
    "usage_daily": ["account_id", "day", "model", "requests", "input_tokens", "output_tokens"],
    "lineage": ["cluster_id", "event", "previous_ids", "jaccard"],
    "labels": ["account_id", "label", "source", "actor", "ts", "note"],
}

T0 = datetime(2026, 4, 22, 9, 0, 0)


def _accounts() -> tuple[pl.DataFrame, dict[str, list[str]]]:
    ids = [f"A-{i:04d}" for i in range(1, 41)]
    groups = {"C-000001": ids[0:12], "C-000002": ids[12:20], "C-000003": ids[20:24]}
    rows = []
    for i, aid in enumerate(ids):
        if aid in groups["C-000001"]:
            created = T0 + timedelta(minutes=2 * i)
            ip, prefix, device = f"203.0.113.{10 + i}", "203.0.113.0/24", "dev-ring-1"
        elif aid in groups["C-000002"]:
            created = T0 + timedelta(hours=3, minutes=i)
            ip, prefix, device = f"198.51.100.{i}", "198.51.100.0/24", f"dev-{i}"
        elif aid in groups["C-000003"]:
            created = T0 - timedelta(days=30 + i)
            ip, prefix, device = "192.0.2.7", "192.0.2.0/24", f"dev-{i}"
        else:
            created = T0 - timedelta(days=100 + 3 * i)
            ip, prefix, device = f"100.{i}.1.2", f"100.{i}.1.0/24", f"dev-{i}"
        local = "johnsmith" if i == 0 else f"user{i}"
        rows.append(
            {
                "account_id": aid,
                "created_at": created,
                "email": "John.Smith@gmail.com" if i == 0 else f"{local}@example.org",
                "email_canonical": f"{local}@gmail.com" if i == 0 else f"{local}@example.org",
                "email_domain": "gmail.com" if i == 0 else "example.org",
                "email_shape": "aaaa9",
                "phone": f"+44 7700 900{i:03d}",
                "phone_e164": f"+447700900{i:03d}",
                "phone_block": f"+4477009000{i // 100}",
                "country": "GB" if i % 2 else "US",
                "signup_ip": ip,
                "signup_ip_norm": ip,
                "signup_ip_prefix": prefix,
                "signup_ip_private": False,
                "signup_ip_cgnat": False,
                "signup_device_id": device,
                "user_agent": "Mozilla/5.0",
                "ua_family": "Chrome",
                "ua_headless": aid in groups["C-000001"],
                "org_id": None,
                "file_id": 1,
            }
        )
    return pl.DataFrame(rows), groups


def _evidence(groups: dict[str, list[str]], accounts: pl.DataFrame) -> pl.DataFrame:
    rows = []
    created = dict(zip(accounts["account_id"], accounts["created_at"], strict=True))
    shared = {
        "C-000001": [
            ("card", "fp_ring_card_0001"),
            ("device", "dev-ring-1"),
            ("signup_burst", "2026-04-22T09:00"),
        ],
        "C-000002": [("ip_prefix", "198.51.100.0/24"), ("template_set", "tpl-7f3a")],
        "C-000003": [("ip", "192.0.2.7")],
    }
    for cid, members in groups.items():
        for aid in members:
            for kind, value in shared[cid]:
                rows.append({"account_id": aid, "kind": kind, "value": value, "t": created[aid]})
    for aid in accounts["account_id"]:
        rows.append(
            {"account_id": aid, "kind": "email", "value": f"{aid.lower()}@canon", "t": created[aid]}
        )
    return pl.DataFrame(rows)


def _edges(groups: dict[str, list[str]]) -> pl.DataFrame:
    shared = {
        "C-000001": (
            0.95,
            ["card", "device"],
            [("card", "fp_ring_card_0001", 12), ("device", "dev-ring-1", 12)],
        ),
        "C-000002": (
            0.62,
            ["ip_prefix", "template_set"],
            [("ip_prefix", "198.51.100.0/24", 8), ("template_set", "tpl-7f3a", 8)],
        ),
        "C-000003": (0.45, ["ip"], [("ip", "192.0.2.7", 4)]),
    }
    rows = []
    for cid, members in groups.items():
        weight, kinds, ev = shared[cid]
        for a, b in zip(members, members[1:], strict=False):
            rows.append(
                {
                    "src": min(a, b),
                    "dst": max(a, b),
                    "weight": weight,
                    "kinds": kinds,
                    "evidence": json.dumps([{"kind": k, "value": v, "n": n} for k, v, n in ev]),
                }
            )
        rows.append(
            {
                "src": members[0],
                "dst": members[-1],
                "weight": weight * 0.9,
                "kinds": kinds[:1],
                "evidence": json.dumps([{"kind": ev[0][0], "value": ev[0][1], "n": ev[0][2]}]),
            }
        )
    return pl.DataFrame(rows)


def _write_run(
    path: Path,
    run_id: str,
    previous: str | None,
    groups: dict[str, list[str]],
    accounts: pl.DataFrame,
    lineage: list[dict],
) -> None:
    evidence = _evidence(groups, accounts)
    edges = _edges(groups)
    member_rows = []
    campaign_of = {"C-000001": "K-0001", "C-000002": "K-0001", "C-000003": "K-0002"}
    for cid, members in groups.items():
        for j, aid in enumerate(members):
            member_rows.append(
                {
                    "account_id": aid,
                    "cluster_id": cid,
                    "campaign_id": campaign_of[cid],
                    "strength": round(0.9 - 0.02 * j, 3),
                    "exportable": cid != "C-000003",
                    "why": json.dumps(
                        {"top_kinds": ["card", "device"] if cid == "C-000001" else ["ip"]}
                    ),
                }
            )
    usage = []
    for cid in ("C-000001", "C-000002"):
        for aid in groups.get(cid, []):
            for d in range(5):
                usage.append(
                    {
                        "account_id": aid,
                        "day": date(2026, 4, 22) + timedelta(days=d),
                        "model": "model-large",
                        "requests": 100 + d,
                        "input_tokens": 1000,
                        "output_tokens": 4000,
                    }
                )
    con = duckdb.connect(str(path))
    try:
        con.register("accounts_df", accounts)
        con.execute("CREATE TABLE accounts AS SELECT * FROM accounts_df")
        con.register("evidence_df", evidence)
        con.execute("CREATE TABLE evidence AS SELECT * FROM evidence_df")
        con.execute(
            "CREATE TABLE value_stats AS SELECT kind, value,"
            " count(DISTINCT account_id) AS n_accounts,"
            " 1.0 / count(DISTINCT account_id) AS weight FROM evidence GROUP BY ALL"
        )
        con.register("edges_df", edges)
        con.execute(
            # evidence as the rebuild writes it: a list of structs
            "CREATE TABLE edges AS SELECT src, dst, weight, kinds,"
            ' from_json(evidence, \'[{"kind": "VARCHAR", "value": "VARCHAR",'
            ' "n": "BIGINT"}]\') AS evidence FROM edges_df'
        )
        con.register("members_df", pl.DataFrame(member_rows))
        con.execute(
            "CREATE TABLE memberships AS SELECT account_id, cluster_id, campaign_id, strength,"
            " exportable, why::JSON AS why FROM members_df"
        )
        con.register("usage_df", pl.DataFrame(usage))
        con.execute("CREATE TABLE usage_daily AS SELECT * FROM usage_df")
        con.execute("""
            CREATE TABLE clusters AS
            SELECT m.cluster_id, any_value(m.campaign_id) AS campaign_id, count(*) AS size,
                   CASE m.cluster_id WHEN 'C-000001' THEN 0.97 WHEN 'C-000002' THEN 0.81
                        ELSE 0.31 END AS score,
                   m.cluster_id <> 'C-000003' AS flagged,
                   CASE m.cluster_id WHEN 'C-000001' THEN 'shared card x12; 12 signups in 24 min'
                        WHEN 'C-000002' THEN '91% traffic on 1 shared prompt template'
                        ELSE 'shared IP x4' END AS reasons,
                   min(a.created_at) AS created_first, max(a.created_at) AS created_last,
                   0.2 AS density, 1 AS n_bridges,
                   list(m.account_id ORDER BY m.strength DESC)[1:3] AS central_members,
                   '{"sync": 0.8}'::JSON AS features,
                   count(*) FILTER (WHERE m.exportable) AS n_exportable,
                   coalesce(sum(u.requests), 0) AS requests,
                   coalesce(sum(u.input_tokens), 0) AS input_tokens,
                   coalesce(sum(u.output_tokens), 0) AS output_tokens,
                   TIMESTAMP '2026-04-22 09:00' AS first_activity,
                   TIMESTAMP '2026-04-26 18:00' AS last_activity,
                   0 AS fraud_labels, 0 AS legit_labels
            FROM memberships m JOIN accounts a USING (account_id)
            LEFT JOIN (SELECT account_id, sum(requests) AS requests,
                              sum(input_tokens) AS input_tokens,
                              sum(output_tokens) AS output_tokens
                       FROM usage_daily GROUP BY ALL) u USING (account_id)
            GROUP BY m.cluster_id
        """)
        con.execute("""
            CREATE TABLE campaigns AS
            SELECT campaign_id, sum(size) AS size, count(*) AS n_clusters, max(score) AS score,
                   bool_or(flagged) AS flagged, string_agg(reasons, '; ') AS reasons,
                   'Campaign ' || campaign_id || ': ' || sum(size) || ' accounts' AS headline,
                   sum(requests) AS requests, sum(input_tokens) AS input_tokens,
                   sum(output_tokens) AS output_tokens, min(first_activity) AS first_activity,
                   max(last_activity) AS last_activity,
                   sum(requests) / sum(size) / 5.0 AS req_per_account_day,
                   0.91 AS top_template_share, '{}'::JSON AS profile
            FROM clusters GROUP BY campaign_id
        """)
        con.register(
            "lineage_df",
            pl.DataFrame(
                lineage,
                schema={
                    "cluster_id": pl.Utf8,
                    "event": pl.Utf8,
                    "previous_ids": pl.List(pl.Utf8),
                    "jaccard": pl.Float64,
                },
            ),
        )
        con.execute("CREATE TABLE lineage AS SELECT * FROM lineage_df")
        con.execute("""CREATE TABLE labels (account_id VARCHAR, label VARCHAR, source VARCHAR,
                       actor VARCHAR, ts TIMESTAMP, note VARCHAR)""")
        diff = {
            "new": sum(1 for r in lineage if r["event"] == "new"),
            "grown": sum(1 for r in lineage if r["event"] == "grown"),
        }
        con.execute(
            "CREATE TABLE run_info AS SELECT $run_id AS run_id, $prev AS previous_run_id,"
            " TIMESTAMP '2026-06-05 10:00' AS started_at,"
            " TIMESTAMP '2026-06-05 10:02' AS finished_at,"
            " '{}'::JSON AS params, '{\"total\": 120.0}'::JSON AS timings,"
            " $counts::JSON AS counts, '[]'::JSON AS warnings, $diff::JSON AS diff_summary,"
            " false AS held",
            {
                "run_id": run_id,
                "prev": previous,
                "counts": json.dumps(
                    {
                        "accounts": accounts.height,
                        "edges": edges.height,
                        "clusters": len(groups),
                        "campaigns": 2,
                    }
                ),
                "diff": json.dumps(diff if previous else None),
            },
        )
    finally:
        con.close()


def build_runs(ws: Workspace, *, runs: int = 2) -> list[str]:
    """Publish ``runs`` hand-built snapshots under ``ws.runs_dir``; return their ids."""
    ws.runs_dir.mkdir(parents=True, exist_ok=True)
    accounts, groups = _accounts()
    ids = []
    for n in range(1, runs + 1):
        run_id = f"R-{n:06d}"
        if n == 1 and runs > 1:
            # The first run saw a smaller card ring and no template cluster.
            old = {"C-000001": groups["C-000001"][:9], "C-000003": groups["C-000003"]}
            lineage = [
                {"cluster_id": "C-000001", "event": "new", "previous_ids": [], "jaccard": None},
                {"cluster_id": "C-000003", "event": "new", "previous_ids": [], "jaccard": None},
            ]
            _write_run(ws.runs_dir / f"{run_id}.duckdb", run_id, None, old, accounts, lineage)
        else:
            lineage = [
                {
                    "cluster_id": "C-000001",
                    "event": "grown",
                    "previous_ids": ["C-000001"],
                    "jaccard": 0.75,
                },
                {"cluster_id": "C-000002", "event": "new", "previous_ids": [], "jaccard": None},
                {
                    "cluster_id": "C-000003",
                    "event": "stable",
                    "previous_ids": ["C-000003"],
                    "jaccard": 1.0,
                },
            ]
            _write_run(
                ws.runs_dir / f"{run_id}.duckdb",
                run_id,
                ids[-1] if ids else None,
                groups,
                accounts,
                lineage,
            )
        ids.append(run_id)
    (ws.runs_dir / "LATEST").write_text(ids[-1])
    return ids


def test_fixture_snapshot_has_the_documented_tables(tmp_path):
    ws = Workspace.at(tmp_path / "fg.duckdb")
    ids = build_runs(ws)
    assert (ws.runs_dir / "LATEST").read_text() == ids[-1] == "R-000002"
    con = duckdb.connect(str(ws.runs_dir / "R-000002.duckdb"), read_only=True)
    try:
        for table, columns in SNAPSHOT_TABLES.items():
            got = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()]
            assert got == columns, table
        assert con.execute("SELECT count(*) FROM memberships").fetchone()[0] == 24
    finally:
        con.close()
