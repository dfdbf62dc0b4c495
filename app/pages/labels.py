"""Labels: mark a cluster, a campaign or accounts as fraud or legit with a note, and see
who labelled what and when. Labels live in the ops database, survive rebuilds and are
honoured by the next rebuild and export."""

from __future__ import annotations

import streamlit as st
from fraudgraph.app import data
from fraudgraph.app.components import label_form
from fraudgraph.app.components.context import guard, require_run

ctx = require_run()
st.title("Labels")
st.caption(
    "A cluster or campaign label applies to every member in this run. `legit` accounts "
    "are never exported; labels are honoured by the next rebuild."
)
label_form.show(ctx, key="label-page")

st.subheader("Who labelled what, and when")
with guard("Reading label history"):
    history = data.label_history(ctx.db, limit=500)
if history.height == 0:
    st.info("No manual labels yet.")
else:
    st.dataframe(history, hide_index=True, width="stretch")
