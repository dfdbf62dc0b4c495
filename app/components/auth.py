"""The access gate every page passes through (issue 7).

On 127.0.0.1 the app is open to whoever can reach the loopback interface. Bound
anywhere else it requires one of:

- a password, from ``$FRAUDGRAPH_APP_PASSWORD`` or ``password`` in Streamlit secrets,
  typed into a login form and checked with :func:`hmac.compare_digest`;
- Streamlit's built-in OIDC login (``st.login``) when ``[auth]`` is configured in
  Streamlit secrets.

``fraudgraph app`` refuses to start on a non-local host without either
(:func:`fraudgraph.app.serve.serve`); the gate also refuses to render when the app was
started some other way on a non-local address without authentication configured.
"""

from __future__ import annotations

import hmac
import os
import sys
import time

import streamlit as st

__all__ = [
    "LOCAL_HOSTS",
    "configured_password",
    "oidc_configured",
    "auth_required",
    "require_login",
    "actor",
]

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
_SESSION_KEY = "fg_auth_user"


def _secrets_get(key: str):
    try:
        return st.secrets.get(key)
    except Exception:  # no secrets file at all: Streamlit raises instead of returning None
        return None


def configured_password() -> str | None:
    """The app password, from the environment first, then Streamlit secrets."""
    password = os.environ.get("FRAUDGRAPH_APP_PASSWORD") or _secrets_get("password")
    return str(password) if password else None


def oidc_configured() -> bool:
    return bool(_secrets_get("auth"))


def auth_required() -> bool:
    """True unless the server is bound to the loopback interface."""
    if os.environ.get("FRAUDGRAPH_APP_AUTH") == "required":
        return True
    address = st.get_option("server.address")
    if not address:
        # Streamlit listens on every interface when no address is set. Only the test
        # harness (AppTest, which has no server at all) is exempt.
        return "streamlit.testing.v1" not in sys.modules
    return address not in LOCAL_HOSTS


def _password_form(expected: str) -> None:
    st.title("fraudgraph")
    st.caption("This app holds personal data. Sign in to continue.")
    with st.form("fg_login"):
        name = st.text_input("Your name (recorded in the audit log)")
        password = st.text_input("Password", type="password")
        submitted = st.form_submit_button("Sign in")
    if submitted:
        if hmac.compare_digest(password.encode("utf-8"), expected.encode("utf-8")):
            st.session_state[_SESSION_KEY] = name.strip() or "analyst"
            st.rerun()
        time.sleep(1.0)  # slow down guessing
        st.error("Wrong password.")


def require_login() -> None:
    """Render a login screen and stop the script unless the visitor may see the app."""
    if st.session_state.get(_SESSION_KEY):
        return
    password = configured_password()
    if oidc_configured() and not password:
        if getattr(st.user, "is_logged_in", False):
            st.session_state[_SESSION_KEY] = st.user.get("email") or st.user.get("name") or "oidc"
            return
        st.title("fraudgraph")
        st.caption("This app holds personal data. Sign in to continue.")
        st.button("Log in", on_click=st.login)
        st.stop()
    if password:
        _password_form(password)
        st.stop()
    if auth_required():
        st.error(
            "This app is reachable from other machines but no authentication is configured. "
            "Set FRAUDGRAPH_APP_PASSWORD or configure [auth] in Streamlit secrets."
        )
        st.stop()


def actor() -> str:
    """Who is acting, for the audit log: the signed-in user, else the OS user."""
    who = st.session_state.get(_SESSION_KEY)
    if who:
        return str(who)
    from fraudgraph.ops import os_user

    return os.environ.get("FRAUDGRAPH_ACTOR") or os_user("analyst")
