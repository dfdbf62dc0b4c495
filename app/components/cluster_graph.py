"""The interactive graph of a cluster or campaign: accounts and the attribute values that
link them, nodes coloured by kind, drawn with plotly (bundled with Streamlit: no CDN).

Layout is igraph's Fruchterman-Reingold force-directed layout on at most a few hundred
nodes (the cap lives in :func:`fraudgraph.app.data.graph_view`), started from a circle so
the same cluster always looks the same. (networkx's spring layout drew the same picture but
importing networkx alone took a quarter of a second on the first detail page.)
"""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass, field
from typing import Any

import igraph as ig
import plotly.graph_objects as go
import polars as pl
import streamlit as st
from fraudgraph.app.components import masking

__all__ = ["KIND_COLOURS", "DrawnGraph", "build_figure", "show"]

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
_LAYOUT_LOCK = threading.Lock()


@dataclass
class DrawnGraph:
    """What is drawn: nodes (key -> attributes, in drawing order) and undirected edges.

    A node key is ``("account", account_id)`` or ``(kind, value)``; attributes are ``kind``,
    ``detail``, ``size`` and ``label`` (accounts) or ``value`` (attribute values)."""

    nodes: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    edges: dict[frozenset, tuple[tuple[str, str], tuple[str, str]]] = field(default_factory=dict)

    def add_edge(self, a: tuple[str, str], b: tuple[str, str]) -> None:
        if a != b and a in self.nodes and b in self.nodes:
            self.edges.setdefault(frozenset((a, b)), (a, b))


def _graph(view: dict[str, Any]) -> DrawnGraph:
    graph = DrawnGraph()
    for account_id, cluster_id, strength in view["members"].iter_rows():
        graph.nodes[("account", account_id)] = {
            "kind": "account",
            "label": account_id,
            "detail": f"{cluster_id} · strength {strength:.2f}",
            "size": 8,
        }
    for kind, value, members, overall, _weight in (
        view["values"].select("kind", "value", "members", "accounts_overall", "weight").iter_rows()
    ):
        graph.nodes[(kind, value)] = {
            "kind": kind,
            "value": value,
            "detail": f"{members} members · {overall or members} accounts overall",
            "size": 7 + min(members, 400) ** 0.5 * 1.2,
        }
    for account_id, kind, value in view["incidence"].iter_rows():
        graph.add_edge(("account", account_id), (kind, value))
    for source, target, _members in view["value_links"].iter_rows():
        graph.add_edge(tuple(source.split(_SEP, 1)), tuple(target.split(_SEP, 1)))
    linked = {node for pair in graph.edges for node in pair}
    graph.nodes = {
        key: attrs for key, attrs in graph.nodes.items() if key[0] == "account" or key in linked
    }
    return graph


def _spring_layout(graph: DrawnGraph) -> dict[Any, tuple[float, float]]:
    """Fruchterman-Reingold force-directed positions (igraph), deterministic: it starts
    from a circle, on edges in a fixed order, with a seeded generator."""
    keys = list(graph.nodes)
    index = {key: i for i, key in enumerate(keys)}
    # Edges sorted: query rows come in no set order and the layout must not depend on it.
    pairs = sorted(tuple(sorted((index[a], index[b]))) for a, b in graph.edges.values())
    g = ig.Graph(n=len(keys), edges=pairs)
    start = g.layout_circle().coords
    # igraph's layouts draw from one process-wide generator: seed it, under a lock so that
    # two sessions drawing at once still get the same picture each.
    with _LAYOUT_LOCK:
        ig.set_random_number_generator(random.Random(7))
        coords = g.layout_fruchterman_reingold(seed=start, niter=200, grid="nogrid").coords
        ig.set_random_number_generator(random)
    return {key: (float(x), float(y)) for key, (x, y) in zip(keys, coords, strict=True)}


@st.cache_data(show_spinner=False, max_entries=64)
def _layout(
    db: str, run_id: str, scope: str, target: str, _graph_obj: DrawnGraph
) -> dict[Any, tuple[float, float]]:
    if not _graph_obj.nodes:
        return {}
    return _spring_layout(_graph_obj)


def _value_labels(graph: DrawnGraph, reveal: bool) -> dict[Any, str | None]:
    """Every value node's label, masked by kind unless ``reveal`` (one masking pass)."""
    nodes = [(node, attrs) for node, attrs in graph.nodes.items() if attrs["kind"] != "account"]
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


def build_figure(graph: DrawnGraph, positions: dict, reveal: bool) -> go.Figure:
    """A plotly figure: grey edges, one trace per kind (so the legend toggles kinds)."""
    edge_x: list[float | None] = []
    edge_y: list[float | None] = []
    for a, b in graph.edges.values():
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
    for node, attrs in graph.nodes.items():
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
    if not graph.nodes:
        return None
    positions = _layout(db, run_id, scope, target, graph)
    if set(positions) != set(graph.nodes):
        positions = _spring_layout(graph)
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
