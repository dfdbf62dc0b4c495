"""Campaigns & clusters: a sortable, filterable table; selecting a row opens its detail."""

from __future__ import annotations

import streamlit as st
from fraudgraph.app import data
from fraudgraph.app.components.context import guard, require_run

ctx = require_run()
st.title("Campaigns & clusters")

level = (
    st.segmented_control("Show", ["Campaigns", "Clusters"], default="Campaigns", key="browse-level")
    or "Campaigns"
)
c1, c2, c3, c4 = st.columns([3, 2, 1, 1])
search = c1.text_input("Search id or reasons", key="browse-search", max_chars=200)
min_score = c2.slider("Minimum score", 0.0, 1.0, 0.0, 0.05, key="browse-min-score")
min_size = c3.number_input("Minimum size", min_value=1, value=1, step=1, key="browse-min-size")
flagged_only = c4.checkbox("Flagged only", key="browse-flagged")

scope = "campaign" if level == "Campaigns" else "cluster"
id_column = f"{scope}_id"
with guard("Reading the table"):
    fn = data.campaign_table if scope == "campaign" else data.cluster_table
    table = fn(
        ctx.db,
        ctx.run_id,
        min_score=min_score,
        min_size=int(min_size),
        search=search,
        flagged_only=flagged_only,
    )

if table.height == 0:
    st.info(
        f"No {scope}s match these filters. Lower the minimum score or size, or clear the search."
    )
    st.stop()

st.caption(
    f"{table.height:,} {scope}s"
    + (" (the first 2,000)" if table.height >= 2000 else "")
    + ". Click a row to open it; click a column header to sort."
)
event = st.dataframe(
    table,
    hide_index=True,
    width="stretch",
    key=f"browse-table-{scope}",
    on_select="rerun",
    selection_mode="single-row",
    column_config={
        "score": st.column_config.ProgressColumn(
            "score", min_value=0.0, max_value=1.0, format="%.2f"
        ),
        "reasons": st.column_config.TextColumn("reasons", width="large"),
    },
)
selected = getattr(getattr(event, "selection", None), "rows", None) or []
if selected:
    st.switch_page("pages/detail.py", query_params={scope: table[id_column][selected[0]]})

pick_col, button_col = st.columns([3, 1])
choice = pick_col.selectbox(f"Open a {scope}", table[id_column].to_list(), key="browse-open-id")
if button_col.button("Open", key="browse-open", type="primary"):
    st.switch_page("pages/detail.py", query_params={scope: choice})
