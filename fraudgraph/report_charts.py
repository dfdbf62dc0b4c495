"""Inline SVG charts for the HTML case report: no scripts, no external files.

A case report is attached to an escalation and opened offline, in a mail
client or a ticket system that strips scripts, so the charts are plain SVG
written into the page: bars for signups per time bin, stacked bars for daily
requests per model (a model pivot shows as one colour replacing another within
a day). Each bar carries a ``<title>`` so hovering shows its numbers.

Examples
--------
>>> svg = bar_chart(["1 May", "2 May"], [3, 5], title="signups")
>>> svg.startswith("<svg") and "signups" in svg
True
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

__all__ = ["bar_chart", "stacked_bar_chart", "PALETTE"]

PALETTE = (
    "#3b6fb6",
    "#d2691e",
    "#2e8b57",
    "#b3261e",
    "#7b5ea7",
    "#8c6d31",
    "#d45087",
    "#5f9ea0",
    "#808080",
    "#bcbd22",
)
WIDTH, HEIGHT = 1000, 260
LEFT, RIGHT, TOP, BOTTOM = 64, 12, 14, 46


def _nice_max(value: float) -> float:
    """Smallest 1, 2, 2.5 or 5 x 10^k not below ``value`` (axis top)."""
    if value <= 0:
        return 1.0
    step = 10 ** (len(str(int(value))) - 1)
    for factor in (1, 2, 2.5, 5, 10):
        if factor * step >= value:
            return factor * step
    return 10 * step


def _short(value: float) -> str:
    if value >= 1e6:
        return f"{value / 1e6:.1f}M".replace(".0M", "M")
    if value >= 1e3:
        return f"{value / 1e3:.1f}k".replace(".0k", "k")
    return f"{value:g}"


def _frame(labels: Sequence[str], top: float, title: str) -> tuple[list[str], float]:
    """Axes, grid lines and x labels; returns the SVG parts and the bar slot width."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / max(1, len(labels))
    parts = [
        f'<svg width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(title)}" '
        'font-family="sans-serif" font-size="11">',
        f"<title>{escape(title)}</title>",
    ]
    for i in range(5):
        value = top * i / 4
        y = TOP + plot_h - plot_h * i / 4
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
            'stroke="#e3e6ea"/>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#5b6573">'
            f"{_short(value)}</text>"
        )
    every = max(1, round(len(labels) / 12))
    for i, label in enumerate(labels):
        if i % every == 0:
            x = LEFT + slot * (i + 0.5)
            parts.append(
                f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" '
                f'fill="#5b6573">{escape(label)}</text>'
            )
    return parts, slot


def bar_chart(
    labels: Sequence[str], values: Sequence[float], *, title: str, colour: str = PALETTE[0]
) -> str:
    """One bar per label (e.g. signups per day)."""
    top = _nice_max(max(values, default=0))
    parts, slot = _frame(labels, top, title)
    plot_h = HEIGHT - TOP - BOTTOM
    width = max(1.0, slot * 0.85)
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        h = plot_h * value / top
        x = LEFT + slot * i + (slot - width) / 2
        parts.append(
            f'<rect x="{x:.1f}" y="{TOP + plot_h - h:.1f}" width="{width:.1f}" '
            f'height="{h:.1f}" fill="{colour}"><title>{escape(label)}: {value:,}</title></rect>'
        )
    parts.append("</svg>")
    return "".join(parts)


def stacked_bar_chart(
    labels: Sequence[str], series: dict[str, Sequence[float]], *, title: str
) -> str:
    """Bars stacked by series (e.g. requests per day, one colour per model), with a legend."""
    totals = [sum(column) for column in zip(*series.values(), strict=True)] if series else []
    top = _nice_max(max(totals, default=0))
    parts, slot = _frame(labels, top, title)
    plot_h = HEIGHT - TOP - BOTTOM
    width = max(1.0, slot * 0.85)
    base = [0.0] * len(labels)
    for k, (name, values) in enumerate(series.items()):
        colour = PALETTE[k % len(PALETTE)]
        for i, value in enumerate(values):
            if not value:
                continue
            h = plot_h * value / top
            y = TOP + plot_h - plot_h * base[i] / top - h
            x = LEFT + slot * i + (slot - width) / 2
            share = value / totals[i] if totals[i] else 0
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{h:.1f}" '
                f'fill="{colour}"><title>{escape(labels[i])} {escape(name)}: {value:,} '
                f"({share:.0%})</title></rect>"
            )
            base[i] += value
        lx = LEFT + 150 * k
        parts.append(
            f'<rect x="{lx}" y="{HEIGHT - 18}" width="10" height="10" fill="{colour}"/>'
            f'<text x="{lx + 14}" y="{HEIGHT - 9}" fill="#1d2430">{escape(name)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
