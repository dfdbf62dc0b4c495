"""What every page needs: the run being shown, who is acting, whether PII is revealed.

Every page calls :func:`require_run`, which explains in words why there is nothing to
show (no database, no run yet) and stops the page, or draws the sidebar (run picker,
audited "Reveal PII" toggle) and returns the :class:`AppContext`. :func:`guard` turns
the errors a page can meet (a run pruned while it was open, a busy ops database) into
one-line messages.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass

import duckdb
import streamlit as st
from fraudgraph.app import data
from fraudgraph.app.components import auth

from fraudgraph.errors import FraudgraphError

__all__ = [
    "AppContext",
    "sidebar",
    "require_run",
    "guard",
    "REVEAL_KEY",
    "RUN_KEY",
    "REVEAL_WIDGET",
    "RUN_WIDGET",
]

REVEAL_KEY = "fg_reveal_pii"  # the reveal state, kept across pages
RUN_KEY = "fg_run_choice"  # the picked run ("latest" or an id), kept across pages
REVEAL_WIDGET = "fg_reveal_widget"
RUN_WIDGET = "fg_run_widget"
_REVEAL_ERROR = "fg_reveal_error"


@dataclass(frozen=True)
class AppContext:
    db: str
    run_id: str
    runs: tuple[str, ...]
    latest: bool
    reveal: bool
    actor: str


def _on_reveal_change() -> None:
    wanted = bool(st.session_state.get(REVEAL_WIDGET))
    if not wanted:
        st.session_state[REVEAL_KEY] = False
        return
    choice = st.session_state.get(RUN_KEY)
    state = data.run_state(None if choice in (None, "latest") else choice)
    try:
        data.record_audit(
            state.db, auth.actor(), "pii.reveal", {"run_id": state.run_id, "source": "app"}
        )
    except (FraudgraphError, duckdb.Error, NotImplementedError, OSError) as exc:
        # No audit entry, no reveal.
        st.session_state[REVEAL_WIDGET] = False
        st.session_state[REVEAL_KEY] = False
        st.session_state[_REVEAL_ERROR] = (
            f"PII stays masked: the reveal could not be audited ({exc})."
        )
        return
    st.session_state[REVEAL_KEY] = True


def _on_run_change() -> None:
    st.session_state[RUN_KEY] = st.session_state.get(RUN_WIDGET, "latest")


def sidebar(runs: tuple[str, ...]) -> None:
    """Run picker and the audited "Reveal PII" toggle (drawn by every page through
    :func:`require_run`; their state lives under keys that outlive a page switch)."""
    with st.sidebar:
        if runs:
            options = ["latest", *reversed(runs)]
            current = st.session_state.get(RUN_KEY, "latest")
            if current not in options:
                current = st.session_state[RUN_KEY] = "latest"
            st.selectbox(
                "Run",
                options,
                index=options.index(current),
                key=RUN_WIDGET,
                on_change=_on_run_change,
                format_func=lambda r: f"latest ({runs[-1]})" if r == "latest" else r,
            )
        st.toggle(
            "Reveal PII",
            value=bool(st.session_state.get(REVEAL_KEY)),
            key=REVEAL_WIDGET,
            on_change=_on_reveal_change,
            help="Shows e-mails, phones, IPs and card fingerprints unmasked. "
            "Every reveal is written to the audit log.",
        )
        error = st.session_state.pop(_REVEAL_ERROR, None)
        if error:
            st.error(error)
        st.caption(f"Signed in as {auth.actor()}")


def require_run() -> AppContext:
    """The run to show, or an explanation and a stopped page."""
    choice = st.session_state.get(RUN_KEY)
    state = data.run_state(None if choice in (None, "latest") else choice)
    if state.status != "ok" or state.run_id is None:
        if state.status == "no_database":
            st.warning(state.message, icon=":material/database_off:")
        else:
            st.info(state.message, icon=":material/hourglass_empty:")
        st.stop()
    sidebar(state.runs)
    return AppContext(
        db=state.db,
        run_id=state.run_id,
        runs=state.runs,
        latest=state.run_id == (state.runs[-1] if state.runs else state.run_id),
        reveal=bool(st.session_state.get(REVEAL_KEY)),
        actor=auth.actor(),
    )


@contextlib.contextmanager
def guard(what: str) -> Iterator[None]:
    """Show ``what`` failed in one line instead of a traceback, then stop the page."""
    try:
        yield
    except FraudgraphError as exc:
        st.error(f"{what}: {exc}")
        st.stop()
    except duckdb.Error as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        st.error(
            f"{what}: the database could not be read ({first}). "
            "If a rebuild just pruned this run, pick the latest run in the sidebar."
        )
        st.stop()
    except NotImplementedError:
        st.error(f"{what}: not available in this installation yet.")
        st.stop()
