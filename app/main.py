"""fraudgraph's analyst app: the entry script ``fraudgraph app`` hands to ``streamlit run``.

Every rerun passes the access gate first, then runs the selected page (each page draws
the sidebar through ``components.context.require_run``). The database comes from ``$FRAUDGRAPH_DB``.
"""

from __future__ import annotations

import streamlit as st
from fraudgraph.app.components import auth

st.set_page_config(page_title="fraudgraph", page_icon=":material/hub:", layout="wide")
auth.require_login()

PAGES = [
    st.Page(
        "pages/overview.py",
        title="Overview",
        icon=":material/dashboard:",
        url_path="overview",
        default=True,
    ),
    st.Page(
        "pages/campaigns.py",
        title="Campaigns & clusters",
        icon=":material/table_rows:",
        url_path="campaigns",
    ),
    st.Page(
        "pages/detail.py",
        title="Cluster / campaign detail",
        icon=":material/hub:",
        url_path="detail",
    ),
    st.Page(
        "pages/lookup.py",
        title="Account lookup",
        icon=":material/person_search:",
        url_path="lookup",
    ),
    st.Page("pages/labels.py", title="Labels", icon=":material/label:", url_path="labels"),
    st.Page("pages/export.py", title="Export", icon=":material/download:", url_path="export"),
    st.Page("pages/runs.py", title="Runs", icon=":material/history:", url_path="runs"),
]

st.navigation(PAGES).run()
