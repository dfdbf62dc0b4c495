"""Overview: the run's time and counts, the score distribution, the riskiest campaigns
with the figures a report would quote, and what changed since the previous run."""

from __future__ import annotations

import plotly.express as px
import streamlit as st
from fraudgraph.app import data
from fraudgraph.app.components.context import guard, require_run

ctx = require_run()
with guard("Reading the run"):
    info = data.run_info(ctx.db, ctx.run_id)
    counts = data.overview_counts(ctx.db, ctx.run_id)
    histogram = data.score_histogram(ctx.db, ctx.run_id)
    campaigns = data.top_campaigns(ctx.db, ctx.run_id, limit=10)
    lineage = data.lineage_summary(ctx.db, ctx.run_id)

st.title("Overview")
finished = info.get("finished_at")
st.caption(
    f"Run {ctx.run_id}"
    + (f", published {finished:%Y-%m-%d %H:%M} UTC" if finished else "")
    + ("" if ctx.latest else " (an older run: pick 'latest' in the sidebar for the newest)")
)
if info.get("held"):
    st.warning("This run was held as anomalous and is not the published one.")
for warning in info.get("warnings") or []:
    st.warning(str(warning))

cols = st.columns(6)
cols[0].metric("Accounts", f"{counts.get('accounts', 0):,}")
cols[1].metric("Clusters", f"{counts.get('clusters', 0):,}")
cols[2].metric("Flagged clusters", f"{counts.get('flagged_clusters', 0):,}")
cols[3].metric("Campaigns", f"{counts.get('campaigns', 0):,}")
cols[4].metric("Accounts in clusters", f"{counts.get('clustered_accounts', 0):,}")
cols[5].metric("Exportable accounts", f"{counts.get('exportable_accounts', 0):,}")

st.subheader("Riskiest campaigns")
if campaigns.height == 0:
    st.info("This run found no campaigns.")
else:
    st.dataframe(
        campaigns.select(
            "campaign_id",
            "score",
            "accounts",
            "n_clusters",
            "requests",
            "output_tokens",
            "first_activity",
            "last_activity",
            "req_per_account_day",
            "headline",
        ),
        hide_index=True,
        width="stretch",
        column_config={
            "campaign_id": "campaign",
            "score": st.column_config.ProgressColumn(
                "score", min_value=0.0, max_value=1.0, format="%.2f"
            ),
            "n_clusters": "clusters",
            "output_tokens": "output tokens",
            "req_per_account_day": st.column_config.NumberColumn(
                "requests / account / day", format="%.1f"
            ),
        },
    )
    for row in campaigns.head(5).iter_rows(named=True):
        st.page_link(
            "pages/detail.py",
            query_params={"campaign": row["campaign_id"]},
            label=f"Open {row['campaign_id']} (score {row['score']:.2f}): "
            f"{row['headline'] or row['reasons'] or ''}",
            icon=":material/open_in_new:",
        )

left, right = st.columns(2)
with left:
    st.subheader("Score distribution")
    if histogram.height == 0:
        st.info("No clusters in this run.")
    else:
        figure = px.bar(
            histogram.to_pandas(),
            x="score_bin",
            y="clusters",
            hover_data=["accounts"],
            labels={"score_bin": "cluster score", "clusters": "clusters"},
        )
        figure.update_layout(height=280, margin={"l": 0, "r": 0, "t": 10, "b": 0})
        figure.update_traces(width=0.045, offset=0)
        st.plotly_chart(figure, key="score-histogram", config={"displaylogo": False})
with right:
    st.subheader("Since the previous run")
    previous = info.get("previous_run_id")
    summary = info.get("diff_summary") or {}
    if not previous:
        st.info("This is the first run: nothing to compare with.")
    else:
        st.caption(f"Compared with {previous}")
        if isinstance(summary, dict) and summary:
            items = [(k, v) for k, v in summary.items() if isinstance(v, int | float)]
            metric_cols = st.columns(max(1, min(4, len(items))))
            for i, (name, value) in enumerate(items):
                metric_cols[i % len(metric_cols)].metric(name.replace("_", " "), f"{value:,}")
        if lineage.height:
            st.dataframe(lineage, hide_index=True, width="stretch")
        st.page_link("pages/runs.py", label="Full run diff", icon=":material/history:")
