"""Data access for the app: the only module of ``fraudgraph.app`` that queries.

Pages call these functions; each runs one SQL file of ``queries/app/`` against a
published run snapshot, opened read-only through :mod:`fraudgraph.runs.read`,
with every user-supplied value bound as a parameter. Snapshots are immutable,
so reads are cached on ``(db, run_id, arguments)`` with ``st.cache_data``: a
new run has a new id and invalidates the cache by itself. Labels and the audit
log live in the ops database and change under our feet, so they are read
through :mod:`fraudgraph.ops` without caching.

No function pulls a whole table into Python: queries aggregate, filter and
``LIMIT`` in DuckDB and return at most a few thousand rows.
"""

from __future__ import annotations

import io
import ipaddress
import json
import os
import re
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import polars as pl
import streamlit as st

from fraudgraph import queries
from fraudgraph.errors import FraudgraphError
from fraudgraph.runs import read as runs_read
from fraudgraph.workspace import Workspace

__all__ = [
    "GRAPH_MAX_MEMBERS",
    "GRAPH_MAX_VALUES",
    "RunState",
    "workspace",
    "run_state",
    "run_info",
    "overview_counts",
    "score_histogram",
    "top_campaigns",
    "cluster_table",
    "campaign_table",
    "cluster_row",
    "campaign_row",
    "campaign_clusters",
    "members",
    "signup_timeline",
    "request_volume",
    "shared_values",
    "shared_kinds",
    "graph_view",
    "why_here",
    "lookup_accounts",
    "account_row",
    "account_values",
    "target_exists",
    "lineage_summary",
    "lineage_rows",
    "run_diff",
    "canonical_email",
    "parse_search",
    "current_labels",
    "label_history",
    "manual_labels_for",
    "set_label",
    "record_audit",
    "export_frame",
    "export_bytes",
    "export_file",
]

# The drawing cap: at most this many members and attribute values are drawn.
GRAPH_MAX_MEMBERS = 150
GRAPH_MAX_VALUES = 120
# Shared values read per group (the table shows them all, the graph the first ones).
SHARED_VALUES_LIMIT = 1000
# A group larger than the cap is drawn as its infrastructure plus this sample of members.
GRAPH_SAMPLE_MEMBERS = 60
# The rebuild keeps, per member, which of its group's first this-many values it holds
# (app_member_values; graph/pipeline.py binds the same number): the graph reads them there
# when it draws no more values than that.
PRECOMPUTED_GRAPH_VALUES = 120

_CACHE = {"show_spinner": False, "max_entries": 512}


# --------------------------------------------------------------------------- runs


@dataclass(frozen=True)
class RunState:
    """What the app can show: ``status`` is ``ok``, ``no_database`` or ``no_run``."""

    db: str
    status: str
    run_id: str | None
    runs: tuple[str, ...]
    message: str = ""


def workspace() -> Workspace:
    """The database family named by ``$FRAUDGRAPH_DB`` (set by ``fraudgraph app``)."""
    ws = Workspace.at(os.environ.get("FRAUDGRAPH_DB") or None)
    return Workspace(ws.db.expanduser().resolve())


def run_state(requested: str | None = None) -> RunState:
    """Resolve the run to show; re-reads ``LATEST`` on every call (cheap) so new runs appear."""
    ws = workspace()
    db = str(ws.db)
    if not ws.db.exists() and not ws.runs_dir.exists():
        return RunState(
            db,
            "no_database",
            None,
            (),
            f"No database at {db}. Create one with `fraudgraph demo --db {db}` or "
            f"`fraudgraph ingest ... --db {db}` then `fraudgraph rebuild --db {db}`.",
        )
    try:
        runs = tuple(runs_read.list_runs(ws))
        latest = runs_read.latest_run_id(ws)
    except FraudgraphError as exc:
        return RunState(db, "no_run", None, (), str(exc))
    if latest is None:
        return RunState(
            db,
            "no_run",
            None,
            runs,
            f"No run has been published for {db} yet. Run `fraudgraph rebuild "
            f"--db {db}`; this page updates when it finishes.",
        )
    run_id = requested if requested in runs else latest
    return RunState(db, "ok", run_id, runs)


@st.cache_resource(show_spinner=False, max_entries=4)
def _connection(db: str, run_id: str):
    # A published snapshot never changes, so one read-only connection per run is shared
    # by all sessions; each query takes its own cursor (thread safe).
    return runs_read.open_run(Workspace(Path(db)), run_id)


def _frame(db: str, run_id: str, name: str, **params: Any) -> pl.DataFrame:
    cursor = _connection(db, run_id).cursor()
    try:
        return queries.relation(cursor, name, **params).pl()
    finally:
        cursor.close()


def _one(db: str, run_id: str, name: str, **params: Any) -> dict[str, Any] | None:
    frame = _frame(db, run_id, name, **params)
    return frame.row(0, named=True) if frame.height else None


# --------------------------------------------------------------------------- overview


@st.cache_data(**_CACHE)
def run_info(db: str, run_id: str) -> dict[str, Any]:
    """run_info of a run, with its JSON fields decoded."""
    row = _one(db, run_id, "app/run_info") or {"run_id": run_id}
    for key in ("counts", "warnings", "diff_summary", "timings"):
        raw = row.get(key)
        try:
            row[key] = json.loads(raw) if isinstance(raw, str) else raw
        except ValueError:
            row[key] = None
    return row


@st.cache_data(**_CACHE)
def overview_counts(db: str, run_id: str) -> dict[str, Any]:
    return _one(db, run_id, "app/overview_counts") or {}


@st.cache_data(**_CACHE)
def score_histogram(db: str, run_id: str) -> pl.DataFrame:
    return _frame(db, run_id, "app/score_histogram")


@st.cache_data(**_CACHE)
def top_campaigns(db: str, run_id: str, limit: int = 10) -> pl.DataFrame:
    return _frame(db, run_id, "app/top_campaigns", limit=limit)


# --------------------------------------------------------------------------- browse


def _group_table(
    db: str,
    run_id: str,
    query: str,
    min_score: float,
    min_size: int,
    search: str,
    flagged_only: bool,
    limit: int,
) -> pl.DataFrame:
    """The filtered cluster or campaign table: both take the same filters."""
    return _frame(
        db,
        run_id,
        query,
        min_score=float(min_score),
        min_size=int(min_size),
        search=search.strip(),
        flagged_only=bool(flagged_only),
        limit=int(limit),
    )


@st.cache_data(**_CACHE)
def cluster_table(
    db: str,
    run_id: str,
    *,
    min_score: float = 0.0,
    min_size: int = 1,
    search: str = "",
    flagged_only: bool = False,
    limit: int = 2000,
) -> pl.DataFrame:
    return _group_table(
        db, run_id, "app/cluster_table", min_score, min_size, search, flagged_only, limit
    )


@st.cache_data(**_CACHE)
def campaign_table(
    db: str,
    run_id: str,
    *,
    min_score: float = 0.0,
    min_size: int = 1,
    search: str = "",
    flagged_only: bool = False,
    limit: int = 2000,
) -> pl.DataFrame:
    return _group_table(
        db, run_id, "app/campaign_table", min_score, min_size, search, flagged_only, limit
    )


# --------------------------------------------------------------------------- detail


@st.cache_data(**_CACHE)
def cluster_row(db: str, run_id: str, cluster_id: str) -> dict[str, Any] | None:
    return _one(db, run_id, "app/cluster_row", cluster_id=cluster_id)


@st.cache_data(**_CACHE)
def campaign_row(db: str, run_id: str, campaign_id: str) -> dict[str, Any] | None:
    return _one(db, run_id, "app/campaign_row", campaign_id=campaign_id)


@st.cache_data(**_CACHE)
def campaign_clusters(db: str, run_id: str, campaign_id: str) -> pl.DataFrame:
    return _frame(db, run_id, "app/campaign_clusters", campaign_id=campaign_id)


@st.cache_data(**_CACHE)
def members(
    db: str,
    run_id: str,
    scope: str,
    target: str,
    *,
    search: str = "",
    limit: int = 500,
    offset: int = 0,
) -> pl.DataFrame:
    """Members strongest first (``total`` column: how many match before LIMIT)."""
    return _frame(
        db,
        run_id,
        _clustered(db, run_id, "app/members"),
        scope=scope,
        target=target,
        search=search.strip(),
        limit=int(limit),
        offset=int(offset),
    )


def _timeline_bin(span: timedelta) -> str:
    for limit, width in (
        (timedelta(hours=3), "1 minute"),
        (timedelta(days=2), "15 minutes"),
        (timedelta(days=20), "1 hour"),
        (timedelta(days=400), "1 day"),
    ):
        if span <= limit:
            return width
    return "7 days"


@st.cache_data(**_CACHE)
def _signup_span(db: str, run_id: str, scope: str, target: str) -> dict[str, Any] | None:
    """first_signup, last_signup and members of a group (the timeline and the graph use it)."""
    return _one(db, run_id, _clustered(db, run_id, "app/signup_span"), scope=scope, target=target)


@st.cache_data(**_CACHE)
def signup_timeline(db: str, run_id: str, scope: str, target: str) -> tuple[pl.DataFrame, str]:
    """Signups per bin and the bin width chosen from the signup span."""
    span = _signup_span(db, run_id, scope, target)
    if not span or span["first_signup"] is None:
        return pl.DataFrame({"bin_start": [], "signups": []}), "1 hour"
    width = _timeline_bin(span["last_signup"] - span["first_signup"])
    name = _clustered(db, run_id, "app/signup_timeline")
    return _frame(db, run_id, name, scope=scope, target=target, bin=width), width


@st.cache_data(**_CACHE)
def request_volume(db: str, run_id: str, scope: str, target: str) -> pl.DataFrame:
    return _frame(db, run_id, "app/request_volume", scope=scope, target=target)


@st.cache_data(**_CACHE)
def _snapshot_tables(db: str, run_id: str) -> frozenset[str]:
    """Names of the snapshot's tables (older runs lack tables newer rebuilds add)."""
    cursor = _connection(db, run_id).cursor()
    try:
        rows = cursor.sql(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()"
        ).fetchall()
    finally:
        cursor.close()
    return frozenset(r[0] for r in rows)


def _clustered(db: str, run_id: str, name: str) -> str:
    """``name``'s variant that reads the rebuild's ``app_member_accounts`` (members only)
    when the run has it, else ``name`` itself (it joins every account of the run)."""
    if "app_member_accounts" in _snapshot_tables(db, run_id):
        return f"{name}_clustered"
    return name


@st.cache_data(**_CACHE)
def shared_values(db: str, run_id: str, scope: str, target: str, limit: int = 200) -> pl.DataFrame:
    """Values at least two members share, most telling first: kind, value, members,
    accounts_overall, weight. Read from the rebuild's ``group_values`` when the run has it
    (milliseconds), else counted from evidence (a scan: up to a second on a big campaign)."""
    name = (
        "app/group_values"
        if "group_values" in _snapshot_tables(db, run_id)
        else "app/shared_values"
    )
    return _frame(db, run_id, name, scope=scope, target=target, limit=int(limit))


@st.cache_data(**_CACHE)
def shared_kinds(db: str, run_id: str, scope: str, target: str) -> pl.DataFrame:
    """Per evidence kind: how many values members share and the most members on one value
    (from :func:`shared_values`, so no second scan of the evidence)."""
    values = shared_values(db, run_id, scope, target, limit=SHARED_VALUES_LIMIT)
    if values.height == 0:
        return pl.DataFrame(
            schema={"kind": pl.Utf8, "shared_values": pl.UInt32, "most_members": pl.Int64}
        )
    return (
        values.group_by("kind")
        .agg(pl.len().alias("shared_values"), pl.col("members").max().alias("most_members"))
        .sort(["most_members", "kind"], descending=[True, False])
    )


@st.cache_data(**_CACHE)
def graph_view(
    db: str,
    run_id: str,
    scope: str,
    target: str,
    *,
    max_members: int = GRAPH_MAX_MEMBERS,
    max_values: int = GRAPH_MAX_VALUES,
) -> dict[str, Any]:
    """What to draw for a cluster or campaign, within the cap.

    A group of at most ``max_members`` is drawn whole: every member and the values
    two or more of them share. A larger group is drawn as its infrastructure: the
    ``max_values`` most shared values, linked to each other by how many members they
    have in common, plus the ``GRAPH_SAMPLE_MEMBERS`` strongest members.

    Returns ``{"values", "members", "incidence", "value_links", "total_members",
    "total_values", "mode"}`` (frames and counts; ``total_values`` counts shared values
    up to ``SHARED_VALUES_LIMIT``).
    """
    span = _signup_span(db, run_id, scope, target) or {}
    total_members = int(span.get("members") or 0)
    # The same cached frame the shared-attributes table shows: one read serves both.
    values = shared_values(db, run_id, scope, target, limit=SHARED_VALUES_LIMIT)
    total_values = values.height
    values = values.head(max_values)
    whole = total_members <= max_members
    drawn = _frame(
        db,
        run_id,
        "app/graph_members",
        scope=scope,
        target=target,
        limit=int(max_members if whole else GRAPH_SAMPLE_MEMBERS),
    )
    accounts = drawn["account_id"].to_list()
    incidence = pl.DataFrame(schema={"account_id": pl.Utf8, "kind": pl.Utf8, "value": pl.Utf8})
    links = pl.DataFrame(schema={"source": pl.Utf8, "target": pl.Utf8, "members": pl.Int64})
    if values.height and (accounts or not whole) and _graph_precomputed(db, run_id, max_values):
        incidence, links = _graph_from_ranks(
            db, run_id, scope, target, values, accounts, with_links=not whole
        )
    elif values.height and (accounts or not whole):
        # One scan of evidence gives both the member -> value and the value -> value links.
        edges = _frame(
            db,
            run_id,
            "app/graph_edges",
            scope=scope,
            target=target,
            accounts=accounts,
            kinds=values["kind"].to_list(),
            values=values["value"].to_list(),
            with_links=not whole,
            link_limit=4 * values.height,
        )
        incidence = edges.filter(pl.col("part") == "incidence").select(
            "account_id", "kind", "value"
        )
        links = edges.filter(pl.col("part") == "link").select(
            "source", "target", pl.col("members").cast(pl.Int64)
        )
    return {
        "values": values,
        "members": drawn,
        "incidence": incidence,
        "value_links": links,
        "total_members": total_members,
        "total_values": total_values,
        "mode": "whole" if whole else "infrastructure",
    }


def _graph_precomputed(db: str, run_id: str, max_values: int) -> bool:
    """Whether the run's app_member_values can serve a graph of ``max_values`` values."""
    return max_values <= PRECOMPUTED_GRAPH_VALUES and "app_member_values" in _snapshot_tables(
        db, run_id
    )


def _graph_from_ranks(
    db: str,
    run_id: str,
    scope: str,
    target: str,
    values: pl.DataFrame,
    accounts: list[str],
    *,
    with_links: bool,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The graph's incidence and value links from the rebuild's app_member_values: the
    same frames as ``app/graph_edges`` (which scans evidence), ranks turned back into
    values with the group's ``values`` (rank = row number, group_values order)."""
    ranked = _frame(
        db,
        run_id,
        "app/graph_ranks",
        scope=scope,
        target=target,
        accounts=accounts,
        max_rank=int(values.height),
        with_links=with_links,
    )
    keyed = values.with_row_index("rank", offset=1).select(
        pl.col("rank").cast(pl.Int64),
        "kind",
        "value",
        (pl.col("kind") + chr(31) + pl.col("value")).alias("value_key"),
    )
    incidence = (
        ranked.filter(pl.col("part") == "incidence")
        .select("account_id", pl.col("source_rank").cast(pl.Int64).alias("rank"))
        .join(keyed, on="rank")
        .sort("account_id", "rank")
        .select("account_id", "kind", "value")
    )
    a, b = pl.col("key_a"), pl.col("key_b")
    links = (
        ranked.filter(pl.col("part") == "link")
        .select(
            pl.col("source_rank").cast(pl.Int64),
            pl.col("target_rank").cast(pl.Int64),
            pl.col("members").cast(pl.Int64),
        )
        .join(keyed.select("rank", key_a="value_key"), left_on="source_rank", right_on="rank")
        .join(keyed.select("rank", key_b="value_key"), left_on="target_rank", right_on="rank")
        # the scan's order: a link's source is the smaller value key; strongest first
        .select(
            pl.when(a < b).then(a).otherwise(b).alias("source"),
            pl.when(a < b).then(b).otherwise(a).alias("target"),
            "members",
        )
        .sort(["members", "source", "target"], descending=[True, False, False])
        .head(4 * values.height)
    )
    return incidence, links


@st.cache_data(**_CACHE)
def why_here(db: str, run_id: str, accounts: tuple[str, ...], per_account: int = 5) -> pl.DataFrame:
    """For each account: its strongest edges (neighbour, weight, kinds) and the values behind
    them, one row per (edge, value): account_id, rank, neighbour, weight, kinds, kind, value, n."""
    if not accounts:
        return pl.DataFrame()
    edges = _frame(
        db, run_id, "app/member_edges", accounts=list(accounts), per_account=int(per_account)
    )
    if edges.height == 0:
        return edges
    evidence_type = pl.List(pl.Struct({"kind": pl.Utf8, "value": pl.Utf8, "n": pl.Int64}))
    return (
        edges.with_columns(pl.col("evidence").str.json_decode(evidence_type))
        .explode("evidence")
        .with_columns(
            pl.col("evidence").struct.field("kind").alias("kind"),
            pl.col("evidence").struct.field("value").alias("value"),
            pl.col("evidence").struct.field("n").alias("shared_by"),
        )
        .drop("evidence")
    )


# --------------------------------------------------------------------------- lookup


def canonical_email(raw: str) -> str:
    """The ingest canonical form of an e-mail (gmail dots and +tags removed), lower case."""
    try:  # the ingest normaliser is the reference; use it when present
        from fraudgraph.ingest import normalise as _normalise
    except ImportError:
        _normalise = None
    for name in ("canonical_email", "canonicalise_email", "email_canonical"):
        fn = getattr(_normalise, name, None)
        if callable(fn):
            try:
                out = fn(raw)
            except Exception:  # a normaliser that rejects the input: fall back below
                break
            if isinstance(out, str):
                return out
    value = raw.strip().lower()
    if "@" not in value:
        return value
    local, _, domain = value.rpartition("@")
    if domain == "googlemail.com":
        domain = "gmail.com"
    local = local.split("+", 1)[0]
    if domain == "gmail.com":
        local = local.replace(".", "")
    return f"{local}@{domain}"


def parse_search(text: str, kind: str = "any") -> dict[str, str]:
    """Turn a search box into the lookup query's parameters ('' = not searched for).

    ``kind`` is one of any, account, email, ip, card, device, phone. With ``any`` the
    text's shape decides: an ``@`` means e-mail, a valid IP address means IP, a
    phone-like string is also tried as a phone, and anything is tried as an account id,
    card fingerprint and device id.
    """
    text = text.strip()
    params = dict.fromkeys(
        ("account_id", "email_canonical", "ip", "card", "device", "phone_digits"), ""
    )
    if not text:
        return params
    ip = ""
    try:
        ip = str(ipaddress.ip_address(text))
    except ValueError:
        pass
    digits = re.sub(r"\D", "", text)
    phone_like = bool(re.fullmatch(r"[+()\d\s.-]{7,}", text)) and len(digits) >= 7
    if kind in ("any", "email") and "@" in text:
        params["email_canonical"] = canonical_email(text)
    if kind in ("any", "ip") and ip:
        params["ip"] = ip
    if kind == "phone" or (kind == "any" and phone_like and not ip):
        params["phone_digits"] = digits
    if kind in ("any", "account"):
        params["account_id"] = text
    if kind in ("any", "card"):
        params["card"] = text
    if kind in ("any", "device"):
        params["device"] = text
    return params


@st.cache_data(**_CACHE)
def lookup_accounts(
    db: str, run_id: str, text: str, kind: str = "any", limit: int = 50
) -> pl.DataFrame:
    """Accounts matching ``text`` (see :func:`parse_search`), with their cluster if any."""
    return _frame(db, run_id, "app/lookup_accounts", limit=int(limit), **parse_search(text, kind))


@st.cache_data(**_CACHE)
def account_row(db: str, run_id: str, account_id: str) -> dict[str, Any] | None:
    return _one(db, run_id, "app/account_row", account_id=account_id)


@st.cache_data(**_CACHE)
def account_values(db: str, run_id: str, account_id: str, sample: int = 8) -> pl.DataFrame:
    """An account's values, how many share each and up to ``sample`` (<= 8) of them. Read
    from the rebuild's ``value_samples`` when the run has it, else from evidence (a scan
    of every holder: over a second at 2M accounts)."""
    name = (
        "app/account_values_sampled"
        if "value_samples" in _snapshot_tables(db, run_id)
        else "app/account_values"
    )
    return _frame(db, run_id, name, account_id=account_id, sample=int(min(sample, 8)))


@st.cache_data(**_CACHE)
def target_exists(db: str, run_id: str, scope: str, target: str) -> bool:
    row = _one(db, run_id, "app/target_exists", scope=scope, target=target)
    return bool(row and row["present"])


# --------------------------------------------------------------------------- runs diff


@st.cache_data(**_CACHE)
def lineage_summary(db: str, run_id: str) -> pl.DataFrame:
    return _frame(db, run_id, "app/lineage_summary")


@st.cache_data(**_CACHE)
def lineage_rows(db: str, run_id: str, limit: int = 500) -> pl.DataFrame:
    return _frame(db, run_id, "app/lineage_rows", limit=int(limit))


@st.cache_data(**_CACHE)
def run_diff(db: str, run_a: str, run_b: str) -> dict[str, Any] | None:
    """``fraudgraph diff A B`` as data, or None when the diff module is not available."""
    try:
        from fraudgraph.runs.diff import diff_runs
    except ImportError:
        return None
    try:
        return diff_runs(Workspace(Path(db)), run_a, run_b)
    except NotImplementedError:
        return None


# --------------------------------------------------------------------------- ops (not cached)


def current_labels(db: str, account_ids: list[str] | None = None) -> pl.DataFrame:
    """Effective labels now (account_id, label, source, actor, ts, note), optionally only
    for ``account_ids``."""
    from fraudgraph import ops

    labels = ops.effective_labels(Workspace(Path(db)))
    if account_ids is not None:
        labels = labels.filter(pl.col("account_id").is_in(account_ids))
    return labels


def manual_labels_for(db: str, account_ids: list[str], limit: int = 5000) -> pl.DataFrame:
    """The newest manual label (ops database only) of each of ``account_ids``, if any:
    account_id, label, actor, ts, note. Overlays the labels a run was built with."""
    history = label_history(db, limit=limit)
    if history.height == 0 or "account_id" not in history.columns:
        return pl.DataFrame(schema={"account_id": pl.Utf8, "label": pl.Utf8})
    return (
        history.filter(pl.col("account_id").is_in(account_ids))
        .sort("ts", descending=True)
        .unique("account_id", keep="first")
    )


def label_history(db: str, limit: int = 200) -> pl.DataFrame:
    from fraudgraph import ops

    return ops.label_history(Workspace(Path(db)), limit=limit)


def set_label(
    db: str, run_id: str, scope: str, target: str, verdict: str, note: str, actor: str
) -> dict[str, Any]:
    """Store a label (account, or every member of a cluster/campaign of ``run_id``)."""
    from fraudgraph import ops

    return ops.set_label(
        Workspace(Path(db)), target, verdict, scope=scope, note=note, run=run_id, actor=actor
    )


def record_audit(db: str, actor: str, action: str, details: dict[str, Any]) -> None:
    from fraudgraph import ops

    ops.record_audit(Workspace(Path(db)), actor, action, details)


# --------------------------------------------------------------------------- export


def export_frame(db: str, run_id: str, *, min_score: float | None, min_size: int) -> pl.DataFrame:
    """Exactly what ``fraudgraph export`` would write (labels as of now, so not cached)."""
    from fraudgraph.export import export_rows

    return export_rows(Workspace(Path(db)), run=run_id, min_score=min_score, min_size=min_size)


def export_file(frame: pl.DataFrame, fmt: str) -> bytes:
    """An export frame as the bytes of a CSV or Parquet file."""
    buffer = io.BytesIO()
    if fmt == "parquet":
        frame.write_parquet(buffer)
    else:
        frame.write_csv(buffer)
    return buffer.getvalue()


def export_bytes(
    db: str, run_id: str, *, min_score: float | None, min_size: int, fmt: str
) -> bytes:
    """The export as a CSV or Parquet file's bytes."""
    return export_file(export_frame(db, run_id, min_score=min_score, min_size=min_size), fmt)
