"""The label form (account, cluster or campaign -> fraud / legit / clear, with a note).

Labels go to the ops database through :func:`fraudgraph.ops.set_label`, which records
who labelled what and when and audits the change; the next rebuild and export honour
them.
"""

from __future__ import annotations

import streamlit as st
from fraudgraph.app import data
from fraudgraph.app.components.context import AppContext, guard

__all__ = ["show", "VERDICTS", "SCOPES"]

VERDICTS = ("fraud", "legit", "clear")
SCOPES = ("account", "cluster", "campaign")


def show(
    ctx: AppContext, *, scope: str | None = None, target: str | None = None, key: str = "label"
) -> None:
    """A form; fixed ``scope``/``target`` when given (detail and lookup pages).

    After a save the page reruns (so tables show the new label) and the outcome is shown
    above the form."""
    flash = st.session_state.pop(f"{key}-flash", None)
    if flash:
        st.success(flash)
    with st.form(f"{key}-form", clear_on_submit=False):
        if scope is None:
            scope_choice = st.radio("Label a", SCOPES, horizontal=True, key=f"{key}-scope")
        else:
            scope_choice = scope
        if target is None:
            target_choice = st.text_input(
                "Id",
                key=f"{key}-target",
                placeholder="account id, cluster id (C-000123) or campaign id (K-0007)",
            )
        else:
            target_choice = target
            st.markdown(
                f"Label {scope_choice} **{target}**"
                + (" (every member)" if scope_choice != "account" else "")
            )
        verdict = st.radio(
            "Verdict",
            VERDICTS,
            horizontal=True,
            key=f"{key}-verdict",
            help="clear removes a manual label",
        )
        note = st.text_input("Note", key=f"{key}-note", max_chars=500)
        submitted = st.form_submit_button("Save label")
    if not submitted:
        return
    target_choice = (target_choice or "").strip()
    if not target_choice:
        st.warning("Enter the id of what you are labelling.")
        return
    with guard("Saving the label"):
        if not data.target_exists(ctx.db, ctx.run_id, scope_choice, target_choice):
            st.warning(f"There is no {scope_choice} {target_choice!r} in run {ctx.run_id}.")
            return
        result = data.set_label(
            ctx.db, ctx.run_id, scope_choice, target_choice, verdict, note.strip(), ctx.actor
        )
    n = result.get("accounts", 0) if isinstance(result, dict) else 0
    word = "cleared" if verdict == "clear" else f"labelled {verdict}"
    st.session_state[f"{key}-flash"] = (
        f"{n:,} account(s) {word} by {ctx.actor}. The next rebuild and export honour it."
    )
    st.rerun()
