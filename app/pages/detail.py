"""Cluster / campaign detail: the graph, the timelines, the shared attributes, the graph
metrics, the reasons, and the members, each of which expands to why it is here.

The page is addressed by ``?cluster=C-000123`` or ``?campaign=K-0007``.
"""

from __future__ import annotations

import polars as pl
import streamlit as st
from fraudgraph.app import data
from fraudgraph.app.components import cluster_graph, label_form, masking, timeline
from fraudgraph.app.components.context import AppContext, guard, require_run

ctx = require_run()
WHY_EXPANDED = 20
PAGE_SIZE = 200


def _pick_target() -> tuple[str, str] | None:
    params = st.query_params
    for scope in ("cluster", "campaign"):
        if params.get(scope):
            return scope, params.get(scope).strip()
    return None


def _chooser() -> None:
    st.title("Cluster / campaign detail")
    with guard("Reading campaigns"):
        top = data.top_campaigns(ctx.db, ctx.run_id, limit=50)
    if top.height == 0:
        st.info("This run found no campaigns or clusters.")
        return
    st.info("Pick a campaign, or open one from the Overview or the Campaigns & clusters table.")
    choice = st.selectbox("Campaign", top["campaign_id"].to_list(), key="detail-choose")
    if st.button("Open", key="detail-choose-open", type="primary"):
        st.query_params["campaign"] = choice
        st.rerun()


def _compact(n: int | None) -> str:
    """12,345,678 -> '12.3M' (metrics are narrow)."""
    n = int(n or 0)
    for threshold, size, unit in ((1e9, 1e9, "B"), (1e6, 1e6, "M"), (1e4, 1e3, "k")):
        if abs(n) >= threshold:
            return f"{n / size:.1f}{unit}"
    return f"{n:,}"


def _span(first, last) -> str:
    """A time span in the largest unit that keeps it short: '24 min', '5.5 h', '44 days'."""
    if first is None or last is None:
        return "—"
    seconds = max(0.0, (last - first).total_seconds())
    if seconds < 3600:
        return f"{seconds / 60:.0f} min"
    if seconds < 2 * 86400:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 86400:.0f} days"


def _reasons(text: str | None) -> None:
    parts = [p.strip() for p in (text or "").split(";") if p.strip()]
    st.markdown("\n".join(f"- {p}" for p in parts) if parts else "_No reasons recorded._")


def _header(scope: str, target: str, row: dict) -> None:
    title = "Campaign" if scope == "campaign" else "Cluster"
    st.title(f"{title} {target}")
    if scope == "cluster" and row.get("campaign_id"):
        st.page_link(
            "pages/detail.py",
            query_params={"campaign": row["campaign_id"]},
            label=f"Part of campaign {row['campaign_id']}",
            icon=":material/arrow_upward:",
        )
    if row.get("headline"):
        st.markdown(f"**{row['headline']}**")
    cols = st.columns(6)
    cols[0].metric(
        "Score",
        f"{row['score']:.2f}",
        "flagged" if row.get("flagged") else "not flagged",
        delta_color="inverse" if row.get("flagged") else "off",
    )
    cols[1].metric("Accounts", f"{row['size']:,}")
    cols[2].metric("Exportable", f"{row.get('n_exportable') or 0:,}")
    cols[3].metric("Requests", _compact(row.get("requests")))
    cols[4].metric("Output tokens", _compact(row.get("output_tokens")))
    first, last = row.get("first_activity"), row.get("last_activity")
    cols[5].metric(
        "Active",
        _span(first, last),
        f"{first:%d %b} – {last:%d %b %Y}" if first and last else None,
        delta_color="off",
        delta_arrow="off",
    )
    st.subheader("Reasons")
    _reasons(row.get("reasons"))
    m1, m2, m3, m4 = st.columns(4)
    density = row.get("density")
    m1.metric(
        "Edge density",
        f"{density:.3f}" if density is not None else "—",
        help="networkx density of the member graph (campaign: size-weighted mean)",
    )
    m2.metric(
        "Bridges",
        f"{row.get('n_bridges') or 0:,}",
        help="edges whose removal splits the member graph",
    )
    created_first, created_last = row.get("created_first"), row.get("created_last")
    m3.metric(
        "Signup window",
        _span(created_first, created_last),
        f"from {created_first:%Y-%m-%d %H:%M}" if created_first else None,
        delta_color="off",
        delta_arrow="off",
    )
    labels = f"{row.get('fraud_labels') or 0} fraud / {row.get('legit_labels') or 0} legit"
    m4.metric("Labels at rebuild", labels)
    central = list(row.get("central_members") or [])
    if central:
        st.markdown(
            "**Central members** (most weight inside the cluster): "
            + ", ".join(f"`{a}`" for a in central[:10])
        )


def _campaign_clusters(target: str) -> None:
    with guard("Reading the campaign's clusters"):
        clusters = data.campaign_clusters(ctx.db, ctx.run_id, target)
    st.subheader(f"Clusters ({clusters.height})")
    st.dataframe(
        clusters,
        hide_index=True,
        width="stretch",
        column_config={
            "score": st.column_config.ProgressColumn(
                "score", min_value=0.0, max_value=1.0, format="%.2f"
            )
        },
    )
    if clusters.height:
        pick, go = st.columns([3, 1])
        choice = pick.selectbox(
            "Open a cluster", clusters["cluster_id"].to_list(), key="detail-open-cluster"
        )
        if go.button("Open cluster", key="detail-open-cluster-btn"):
            st.switch_page("pages/detail.py", query_params={"cluster": choice})


def _shared(scope: str, target: str) -> None:
    with guard("Reading shared attributes"):
        kinds = data.shared_kinds(ctx.db, ctx.run_id, scope, target)
        values = data.shared_values(
            ctx.db, ctx.run_id, scope, target, limit=data.SHARED_VALUES_LIMIT
        )
    st.subheader("Shared attributes")
    if values.height == 0:
        st.info("Members share no attribute values.")
        return
    left, right = st.columns([1, 2])
    left.dataframe(
        kinds,
        hide_index=True,
        width="stretch",
        column_config={
            "shared_values": "values shared",
            "most_members": "most members on one value",
        },
    )
    right.dataframe(
        masking.values(values, ctx.reveal),
        hide_index=True,
        width="stretch",
        column_config={
            "members": "members holding it",
            "accounts_overall": "accounts overall",
            "weight": st.column_config.NumberColumn(format="%.3f"),
        },
    )


def _why(account_ids: list[str], reveal: bool) -> None:
    with guard("Explaining members"):
        edges = data.why_here(ctx.db, ctx.run_id, tuple(account_ids), per_account=5)
    if edges.height == 0:
        st.caption("No edges recorded for these accounts.")
        return
    edges = masking.values(edges, reveal)
    grouped = edges.partition_by("account_id", as_dict=True, maintain_order=True)
    for account_id in account_ids:
        part = grouped.get((account_id,))
        with st.expander(f"Why is {account_id} here?"):
            if part is None:
                st.caption("No edges: it joined through its cluster's shared values.")
                continue
            st.dataframe(
                part.select("rank", "neighbour", "weight", "kind", "value", "shared_by"),
                hide_index=True,
                width="stretch",
                column_config={
                    "weight": st.column_config.NumberColumn(format="%.2f"),
                    "shared_by": "accounts sharing the value",
                },
            )


def _members(ctx: AppContext, scope: str, target: str, size: int) -> None:
    st.subheader("Members")
    c1, c2 = st.columns([3, 1])
    search = c1.text_input(
        "Filter members by account id or e-mail", key=f"members-search-{target}", max_chars=200
    )
    pages = max(1, -(-size // PAGE_SIZE))
    page = (
        c2.number_input("Page", min_value=1, max_value=pages, value=1, key=f"members-page-{target}")
        if pages > 1
        else 1
    )
    with guard("Reading members"):
        table = data.members(
            ctx.db,
            ctx.run_id,
            scope,
            target,
            search=search,
            limit=PAGE_SIZE,
            offset=(int(page) - 1) * PAGE_SIZE,
        )
        manual = (
            data.manual_labels_for(ctx.db, table["account_id"].to_list()) if table.height else None
        )
    if table.height == 0:
        st.info("No member matches this filter." if search else "This group has no members.")
        return
    total = int(table["total"][0])
    if manual is not None and manual.height:
        table = table.join(
            manual.select("account_id", pl.col("label").alias("label_now")),
            on="account_id",
            how="left",
        )
        table = table.with_columns(pl.coalesce("label_now", "label_at_run").alias("label"))
    else:
        table = table.with_columns(pl.col("label_at_run").alias("label"))
    shown = masking.accounts(table, ctx.reveal).select(
        "account_id",
        "cluster_id",
        "strength",
        "exportable",
        "label",
        "created_at",
        "country",
        "email",
        "phone",
        "signup_ip",
        "signup_device_id",
        "ua_family",
        "ua_headless",
        "org_id",
    )
    st.caption(
        f"{total:,} member(s){' matching' if search else ''}; showing "
        f"{(int(page) - 1) * PAGE_SIZE + 1:,}–{(int(page) - 1) * PAGE_SIZE + table.height:,}, "
        "strongest first."
    )
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        key=f"members-{target}",
        column_config={"strength": st.column_config.NumberColumn(format="%.2f")},
    )
    st.markdown("**Why is each account here?** Its strongest edges and the values behind them.")
    ids = table["account_id"].to_list()
    _why(ids[:WHY_EXPANDED], ctx.reveal)
    if len(ids) > WHY_EXPANDED:
        other = st.selectbox(
            "Explain another member", ids[WHY_EXPANDED:], index=None, key=f"why-other-{target}"
        )
        if other:
            _why([other], ctx.reveal)


def _report_button(target: str) -> None:
    try:
        from fraudgraph.report import write_report  # noqa: F401  (optional module)
    except ImportError:
        return
    import tempfile
    from pathlib import Path

    from fraudgraph.workspace import Workspace

    def _render() -> bytes:
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / f"{target}.html"
            write_report(Workspace(Path(ctx.db)), target, out, run=ctx.run_id, actor=ctx.actor)
            return out.read_bytes()

    st.download_button(
        "Download case report (HTML)",
        data=_render,
        file_name=f"{target}.html",
        mime="text/html",
        key=f"report-{target}",
        on_click="ignore",
    )


picked = _pick_target()
if picked is None:
    _chooser()
    st.stop()
scope, target = picked
with guard(f"Reading {scope} {target}"):
    row = (data.campaign_row if scope == "campaign" else data.cluster_row)(
        ctx.db, ctx.run_id, target
    )
if row is None:
    st.title("Cluster / campaign detail")
    st.warning(
        f"There is no {scope} {target!r} in run {ctx.run_id}. Ids are stable across "
        "rebuilds while a group persists; it may have dissolved (see Runs)."
    )
    st.stop()

_header(scope, target, row)
if scope == "campaign":
    _report_button(target)
    _campaign_clusters(target)

st.subheader("Graph: accounts and the values that link them")
with guard("Drawing the graph"):
    view = data.graph_view(ctx.db, ctx.run_id, scope, target)
cluster_graph.show(
    view, db=ctx.db, run_id=ctx.run_id, scope=scope, target=target, reveal=ctx.reveal
)

left, right = st.columns(2)
with left:
    st.subheader("Signups")
    with guard("Reading signups"):
        signups, width = data.signup_timeline(ctx.db, ctx.run_id, scope, target)
    timeline.signups(
        signups, width, key=f"signups-{target}", cache_key=f"{ctx.db}|{ctx.run_id}|{scope}|{target}"
    )
with right:
    st.subheader("Request volume")
    with guard("Reading request volume"):
        volume = data.request_volume(ctx.db, ctx.run_id, scope, target)
    timeline.requests(
        volume, key=f"requests-{target}", cache_key=f"{ctx.db}|{ctx.run_id}|{scope}|{target}"
    )

_shared(scope, target)
_members(ctx, scope, target, int(row["size"]))

st.subheader("Label")
label_form.show(ctx, scope=scope, target=target, key=f"label-{scope}")
