"""What every page needs: the run being shown, who is acting, whether PII is revealed.

``sidebar()`` is drawn once by the entry script (run picker, "Reveal PII" toggle);
pages call :func:`require_run` which explains, in words, why there is nothing to show
(no database, no run yet) and stops the page instead of failing. :func:`guard` turns
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

__all__ = ["AppContext", "sidebar", "require_run", "guard", "REVEAL_KEY", "RUN_KEY"]

REVEAL_KEY = "fg_reveal_pii"
RUN_KEY = "fg_run_choice"
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
    if not st.session_state.get(REVEAL_KEY):
        return
    state = data.run_state(st.session_state.get(RUN_KEY))
    try:
        data.record_audit(state.db, auth.actor(), "pii.reveal",
                          {"run_id": state.run_id, "source": "app"})
    except (FraudgraphError, duckdb.Error, NotImplementedError, OSError) as exc:
        # No audit entry, no reveal.
        st.session_state[REVEAL_KEY] = False
        st.session_state[_REVEAL_ERROR] = f"PII stays masked: the reveal could not be audited ({exc})."


def sidebar() -> None:
    """Run picker and the audited "Reveal PII" toggle."""
    state = data.run_state(st.session_state.get(RUN_KEY))
    with st.sidebar:
        if state.runs:
            options = ["latest", *reversed(state.runs)]
            if st.session_state.get(RUN_KEY) not in options:
                st.session_state[RUN_KEY] = "latest"
            latest = state.runs[-1] if state.runs else ""
            st.selectbox("Run", options, key=RUN_KEY,
                         format_func=lambda r: f"latest ({latest})" if r == "latest" else r)
        st.toggle("Reveal PII", key=REVEAL_KEY, on_change=_on_reveal_change,
                  help="Shows e-mails, phones, IPs and card fingerprints unmasked. "
                       "Every reveal is written to the audit log.")
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
    return AppContext(db=state.db, run_id=state.run_id, runs=state.runs,
                      latest=state.run_id == (state.runs[-1] if state.runs else state.run_id),
                      reveal=bool(st.session_state.get(REVEAL_KEY)), actor=auth.actor())


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
        st.error(f"{what}: the database could not be read ({first}). "
                 "If a rebuild just pruned this run, pick the latest run in the sidebar.")
        st.stop()
    except NotImplementedError:
        st.error(f"{what}: not available in this installation yet.")
        st.stop()
