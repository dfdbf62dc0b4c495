"""Time charts of a cluster or campaign: signups per bin and API requests per day."""

from __future__ import annotations

import plotly.express as px
import polars as pl
import streamlit as st

__all__ = ["signups", "requests"]


@st.cache_resource(show_spinner=False, max_entries=64)
def _signup_figure(key: str, width: str, _frame: pl.DataFrame):
    # plotly express takes ~0.1 s to build a figure: keep it per (run, group) key.
    figure = px.bar(
        _frame.to_pandas(),
        x="bin_start",
        y="signups",
        labels={"bin_start": f"signup time (UTC, per {width})", "signups": "signups"},
    )
    figure.update_layout(height=260, margin={"l": 0, "r": 0, "t": 10, "b": 0}, bargap=0.05)
    return figure


@st.cache_resource(show_spinner=False, max_entries=64)
def _request_figure(key: str, _frame: pl.DataFrame):
    figure = px.area(
        _frame.to_pandas(),
        x="day",
        y="requests",
        color="model",
        labels={"day": "day (UTC)", "requests": "requests"},
    )
    figure.update_layout(height=260, margin={"l": 0, "r": 0, "t": 10, "b": 0})
    return figure


def signups(frame: pl.DataFrame, width: str, *, key: str, cache_key: str) -> None:
    """Signups per bin; ``cache_key`` names the run and group the frame belongs to."""
    if frame.height == 0:
        st.info("No signups recorded for these accounts.")
        return
    st.plotly_chart(_signup_figure(cache_key, width, frame), key=key, config={"displaylogo": False})


def requests(frame: pl.DataFrame, *, key: str, cache_key: str) -> None:
    """Requests per day and model; ``cache_key`` names the run and group."""
    if frame.height == 0:
        st.info("No API requests from these accounts.")
        return
    st.plotly_chart(_request_figure(cache_key, frame), key=key, config={"displaylogo": False})
