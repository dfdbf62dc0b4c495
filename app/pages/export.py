"""Export: the same selection and columns as ``fraudgraph export``, as CSV or Parquet.
Every download is written to the audit log."""

from __future__ import annotations

import streamlit as st
from fraudgraph.app import data
from fraudgraph.app.components.context import AppContext, guard, require_run

ctx = require_run()
st.title("Export")
st.caption(
    "One row per account of an exported cluster, exactly as `fraudgraph export` writes "
    "it. Accounts labelled legit are never included."
)

c1, c2, c3, c4 = st.columns(4)
use_default = c1.checkbox(
    "Default threshold",
    value=True,
    key="export-default",
    help="The project's documented default score threshold.",
)
min_score = c2.number_input(
    "Minimum score", 0.0, 1.0, 0.5, 0.05, key="export-min-score", disabled=use_default
)
min_size = c3.number_input(
    "Minimum cluster size", min_value=1, value=1, step=1, key="export-min-size"
)
fmt = c4.radio("Format", ["csv", "parquet"], horizontal=True, key="export-format")
score = None if use_default else float(min_score)

with guard("Preparing the export"):
    frame = data.export_frame(ctx.db, ctx.run_id, min_score=score, min_size=int(min_size))

if frame.height == 0:
    st.info("Nothing to export with these settings: no cluster passes the threshold and size.")
    st.stop()

clusters = frame["cluster_id"].n_unique()
st.metric("Accounts to export", f"{frame.height:,}", f"in {clusters:,} clusters", delta_color="off")
st.dataframe(frame.head(50), hide_index=True, width="stretch")


def _audit(
    context: AppContext, rows: int, file_format: str, threshold: float | None, size: int
) -> None:
    data.record_audit(
        context.db,
        context.actor,
        "export.download",
        {
            "run_id": context.run_id,
            "format": file_format,
            "rows": rows,
            "min_score": threshold,
            "min_size": size,
            "source": "app",
        },
    )


st.download_button(
    f"Download {fmt.upper()}",
    data=data.export_file(frame, fmt),
    file_name=f"fraudgraph-export-{ctx.run_id}.{fmt}",
    mime="text/csv" if fmt == "csv" else "application/vnd.apache.parquet",
    key="export-download",
    type="primary",
    on_click=_audit,
    args=(ctx, frame.height, fmt, score, int(min_size)),
)
