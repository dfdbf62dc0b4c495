"""The interactive graph of a cluster or campaign: accounts and the attribute values that
link them, nodes coloured by kind, drawn with plotly (bundled with Streamlit: no CDN).

Layout is networkx's spring layout on at most a few hundred nodes (the cap lives in
:func:`fraudgraph.app.data.graph_view`), seeded so the same cluster always looks the same.
"""

from __future__ import annotations

from typing import Any

import networkx as nx
import plotly.graph_objects as go
import polars as pl
import streamlit as st
from fraudgraph.app.components import masking

__all__ = ["KIND_COLOURS", "build_figure", "show"]

KIND_COLOURS = {
    "account": "#4c566a",
    "card": "#d62728",
    "device": "#ff7f0e",
    "ip": "#1f77b4",
    "ip_prefix": "#17becf",
    "email": "#9467bd",
    "email_pattern": "#e377c2",
    "phone": "#8c564b",
    "phone_block": "#bcbd22",
    "signup_burst": "#7f7f7f",
    "template": "#2ca02c",
    "template_set": "#2ca02c",
    "sync": "#98df8a",
}
_SEP = "\x1f"


def _graph(view: dict[str, Any]) -> nx.Graph:
    graph = nx.Graph()
    for account_id, cluster_id, strength in view["members"].iter_rows():
        graph.add_node(
            ("account", account_id),
            kind="account",
            label=account_id,
            detail=f"{cluster_id} · strength {strength:.2f}",
            size=8,
        )
    for kind, value, members, overall, _weight in (
        view["values"].select("kind", "value", "members", "accounts_overall", "weight").iter_rows()
    ):
        graph.add_node(
            (kind, value),
            kind=kind,
            value=value,
            detail=f"{members} members · {overall or members} accounts overall",
            size=7 + min(members, 400) ** 0.5 * 1.2,
        )
    for account_id, kind, value in view["incidence"].iter_rows():
        graph.add_edge(("account", account_id), (kind, value), weight=1.0)
    for source, target, members in view["value_links"].iter_rows():
        a, b = tuple(source.split(_SEP, 1)), tuple(target.split(_SEP, 1))
        if a in graph and b in graph:
            graph.add_edge(a, b, weight=float(members))
    graph.remove_nodes_from(
        [n for n, deg in dict(graph.degree()).items() if deg == 0 and n[0] != "account"]
    )
    return graph


@st.cache_data(show_spinner=False, max_entries=64)
def _layout(
    db: str, run_id: str, scope: str, target: str, _graph_obj: nx.Graph
) -> dict[Any, tuple[float, float]]:
    if _graph_obj.number_of_nodes() == 0:
        return {}
    positions = nx.spring_layout(_graph_obj, seed=7, iterations=40, weight=None)
    return {node: (float(x), float(y)) for node, (x, y) in positions.items()}


def _value_labels(graph: nx.Graph, reveal: bool) -> dict[Any, str | None]:
    """Every value node's label, masked by kind unless ``reveal`` (one masking pass)."""
    nodes = [(node, attrs) for node, attrs in graph.nodes(data=True) if attrs["kind"] != "account"]
    if not nodes:
        return {}
    table = pl.DataFrame(
        {
            "kind": [attrs["kind"] for _, attrs in nodes],
            "value": [attrs.get("value") for _, attrs in nodes],
        },
        schema={"kind": pl.Utf8, "value": pl.Utf8},
    )
    masked = masking.values(table, reveal)["value"].to_list()
    return {node: label for (node, _), label in zip(nodes, masked, strict=True)}


def build_figure(graph: nx.Graph, positions: dict, reveal: bool) -> go.Figure:
    """A plotly figure: grey edges, one trace per kind (so the legend toggles kinds)."""
    edge_x: list[float | None] = []
    edge_y: list[float | None] = []
    for a, b in graph.edges():
        (x0, y0), (x1, y1) = positions[a], positions[b]
        edge_x += [x0, x1, None]
        edge_y += [y0, y1, None]
    traces = [
        go.Scatter(
            x=edge_x,
            y=edge_y,
            mode="lines",
            hoverinfo="skip",
            line={"width": 0.6, "color": "#c0c4cc"},
            showlegend=False,
        )
    ]
    by_kind: dict[str, list] = {}
    for node, attrs in graph.nodes(data=True):
        by_kind.setdefault(attrs["kind"], []).append((node, attrs))
    shown = _value_labels(graph, reveal)
    for kind in sorted(by_kind, key=lambda k: (k != "account", k)):
        nodes = by_kind[kind]
        labels = [attrs.get("label") or shown.get(node) for node, attrs in nodes]
        traces.append(
            go.Scatter(
                x=[positions[n][0] for n, _ in nodes],
                y=[positions[n][1] for n, _ in nodes],
                mode="markers",
                name=f"{kind} ({len(nodes)})",
                marker={
                    "size": [a["size"] for _, a in nodes],
                    "color": KIND_COLOURS.get(kind, "#333333"),
                    "line": {"width": 0.5, "color": "#ffffff"},
                },
                text=[
                    f"<b>{kind}</b> {label}<br>{a['detail']}"
                    for label, (_, a) in zip(labels, nodes, strict=True)
                ],
                hoverinfo="text",
            )
        )
    figure = go.Figure(traces)
    figure.update_layout(
        height=520,
        margin={"l": 0, "r": 0, "t": 10, "b": 0},
        hovermode="closest",
        xaxis={"visible": False},
        yaxis={"visible": False},
        legend={"orientation": "h", "y": -0.02},
        plot_bgcolor="#ffffff",
    )
    return figure


@st.cache_resource(show_spinner=False, max_entries=32)
def _figure(
    db: str, run_id: str, scope: str, target: str, reveal: bool, _view: dict[str, Any]
) -> go.Figure | None:
    # Building a plotly figure validates every trace (a quarter of a second for a few
    # hundred nodes), so the finished figure is kept per (run, group, reveal).
    graph = _graph(_view)
    if graph.number_of_nodes() == 0:
        return None
    positions = _layout(db, run_id, scope, target, graph)
    if set(positions) != set(graph.nodes):
        positions = {n: tuple(p) for n, p in nx.spring_layout(graph, seed=7).items()}
    return build_figure(graph, positions, reveal)


def show(
    view: dict[str, Any], *, db: str, run_id: str, scope: str, target: str, reveal: bool
) -> None:
    """Draw the graph with a note on what the cap left out."""
    figure = _figure(db, run_id, scope, target, reveal, view)
    if figure is None:
        st.info("No shared attribute values to draw for this group.")
        return
    drawn_members = view["members"].height
    drawn_values = view["values"].height
    if view["mode"] == "infrastructure":
        st.caption(
            f"{view['total_members']:,} members are too many to draw: this is the group's "
            f"infrastructure — the {drawn_values} most telling attribute values (linked when "
            f"members hold both) — plus its {drawn_members} strongest members."
        )
    elif view["total_values"] > drawn_values:
        more = "+" if view["total_values"] >= 1000 else ""
        st.caption(
            f"Showing the {drawn_values} most telling of {view['total_values']}{more} shared "
            "values (members holding it × rarity weight)."
        )
    st.plotly_chart(figure, key=f"graph-{scope}-{target}", config={"displaylogo": False})
