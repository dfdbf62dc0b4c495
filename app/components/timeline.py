"""Time charts of a cluster or campaign: signups per bin and API requests per day."""

from __future__ import annotations

import plotly.express as px
import polars as pl
import streamlit as st

__all__ = ["signups", "requests"]


def signups(frame: pl.DataFrame, width: str, *, key: str) -> None:
    if frame.height == 0:
        st.info("No signups recorded for these accounts.")
        return
    figure = px.bar(
        frame.to_pandas(),
        x="bin_start",
        y="signups",
        labels={"bin_start": f"signup time (UTC, per {width})", "signups": "signups"},
    )
    figure.update_layout(height=260, margin={"l": 0, "r": 0, "t": 10, "b": 0}, bargap=0.05)
    st.plotly_chart(figure, key=key, config={"displaylogo": False})


def requests(frame: pl.DataFrame, *, key: str) -> None:
    if frame.height == 0:
        st.info("No API requests from these accounts.")
        return
    figure = px.area(
        frame.to_pandas(),
        x="day",
        y="requests",
        color="model",
        labels={"day": "day (UTC)", "requests": "requests"},
    )
    figure.update_layout(height=260, margin={"l": 0, "r": 0, "t": 10, "b": 0})
    st.plotly_chart(figure, key=key, config={"displaylogo": False})
