"""Runs: what changed between two runs (new, grown, shrunk, merged, split and dissolved
clusters, and accounts newly joined)."""

from __future__ import annotations

import polars as pl
import streamlit as st
from fraudgraph.app import data
from fraudgraph.app.components.context import guard, require_run

ctx = require_run()
st.title("Runs")

runs = list(ctx.runs)
if len(runs) < 2:
    st.info(f"Only one run ({ctx.run_id}) is published: there is nothing to compare yet.")
    st.stop()

c1, c2 = st.columns(2)
run_b = c2.selectbox("Newer run", list(reversed(runs)), key="runs-b")
older = [r for r in runs if r < run_b]
if not older:
    st.info(f"{run_b} is the oldest kept run: pick a newer one.")
    st.stop()
run_a = c1.selectbox("Older run", list(reversed(older)), key="runs-a")

with guard("Comparing runs"):
    diff = data.run_diff(ctx.db, run_a, run_b)
    info = data.run_info(ctx.db, run_b)

if diff is not None:
    st.subheader(f"{run_a} → {run_b}")
    numbers = {k: v for k, v in diff.items() if isinstance(v, int | float)}
    if numbers:
        cols = st.columns(min(6, len(numbers)))
        for i, (name, value) in enumerate(numbers.items()):
            cols[i % len(cols)].metric(name.replace("_", " "), f"{value:,}")
    for name, value in diff.items():
        if isinstance(value, list) and value:
            with st.expander(
                f"{name.replace('_', ' ')} ({len(value):,})", expanded=name != "accounts_joined"
            ):
                st.dataframe(
                    pl.DataFrame(value[:1000])
                    if isinstance(value[0], dict)
                    else pl.DataFrame({name: value[:1000]}),
                    hide_index=True,
                    width="stretch",
                )
        elif isinstance(value, dict) and value:
            with st.expander(name.replace("_", " ")):
                st.json(value)
else:
    # Without the diff module, each run's lineage against its own predecessor still says it.
    if info.get("previous_run_id") != run_a:
        st.info(
            f"Detailed comparison of {run_a} with {run_b} is not available in this "
            f"installation; showing {run_b} against its predecessor "
            f"{info.get('previous_run_id') or '(none)'}."
        )
    with guard("Reading lineage"):
        summary = data.lineage_summary(ctx.db, run_b)
        rows = data.lineage_rows(ctx.db, run_b)
    if isinstance(info.get("diff_summary"), dict):
        numbers = {k: v for k, v in info["diff_summary"].items() if isinstance(v, int | float)}
        if numbers:
            cols = st.columns(min(6, len(numbers)))
            for i, (name, value) in enumerate(numbers.items()):
                cols[i % len(cols)].metric(name.replace("_", " "), f"{value:,}")
    st.dataframe(summary, hide_index=True, width="stretch")
    if rows.height:
        st.subheader("Changed clusters")
        st.dataframe(rows, hide_index=True, width="stretch")

st.subheader("Kept runs")
with guard("Reading runs"):
    table = pl.DataFrame(
        [
            {
                k: data.run_info(ctx.db, r).get(k)
                for k in ("run_id", "previous_run_id", "finished_at", "held")
            }
            for r in reversed(runs)
        ]
    )
st.dataframe(table, hide_index=True, width="stretch")
