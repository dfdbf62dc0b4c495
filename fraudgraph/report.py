"""The HTML case report of one campaign: what an analyst attaches to an escalation.

One self-contained file (inline CSS, inline SVG charts, no scripts and no
external resources) read from a published run: the headline, the numbers,
model pivots, daily requests by model, the signup timeline, the shared
infrastructure, the clusters with their scores and reasons, and a sample of
members with PII masked (:mod:`fraudgraph.pii`). The numbers come from the
run's ``campaign_profile`` table (see :mod:`fraudgraph.graph.profile`); an
unflagged campaign has no profile and gets the campaigns table's numbers.
The file is written atomically and every report is audited.
"""

from __future__ import annotations

import hashlib
import os
import re
from datetime import UTC, date, datetime, timedelta
from html import escape
from importlib import metadata, resources
from pathlib import Path
from string import Template
from typing import Any

import polars as pl

from fraudgraph import ops
from fraudgraph.errors import InputError
from fraudgraph.pii import mask_frame, mask_ip
from fraudgraph.queries import execute, has_table, relation
from fraudgraph.report_charts import bar_chart, stacked_bar_chart
from fraudgraph.runs.durable import atomic_write_bytes
from fraudgraph.runs.read import open_run, run_info
from fraudgraph.workspace import Workspace

__all__ = ["write_report", "report_html", "render_report", "normalise_campaign_id", "SAMPLE_SIZE"]

SAMPLE_SIZE = 25
# A new model that carried at least this share of the traffic within 24 h is called a pivot.
PIVOT_SHARE = 0.5
_INFRA = (
    ("proxy_ips", "n_proxy_ips", "Proxy / exit IPs (last octet masked)", True),
    ("ip_prefixes", "n_ip_prefixes", "IP prefixes (/24, /48)", False),
    ("card_bins", "n_card_bins", "Card BINs", False),
    ("device_farms", "n_device_farms", "Device farms (device ids on 3 or more members)", False),
    ("email_domains", "n_email_domains", "E-mail domains", False),
    ("email_patterns", "n_email_patterns", "E-mail patterns (domain:local-part shape)", False),
    ("phone_blocks", "n_phone_blocks", "Phone blocks (number without its last two digits)", False),
)


def normalise_campaign_id(campaign_id: str) -> str:
    """``"k-0007"``, ``"7"`` -> ``"K-0007"``; other text is returned stripped, upper-cased."""
    text = str(campaign_id).strip().upper()
    if text.isdigit():
        return f"K-{int(text):04d}"
    return text


def _fmt(value: Any) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.2f}"
    if isinstance(value, datetime):
        return value.strftime("%-d %b %Y %H:%M UTC")
    if isinstance(value, date):
        return value.strftime("%-d %b %Y")
    return str(value)


def _table(frame: pl.DataFrame, *, numeric: tuple[str, ...] = ()) -> str:
    if frame.is_empty():
        return '<p class="note">none</p>'
    head = "".join(
        f'<th class="num">{escape(c)}</th>' if c in numeric else f"<th>{escape(c)}</th>"
        for c in frame.columns
    )
    rows = []
    for record in frame.iter_rows():  # rendering a few dozen display rows, not data work
        cells = "".join(
            f'<td class="num">{escape(_fmt(v))}</td>'
            if c in numeric
            else f"<td>{escape(_fmt(v))}</td>"
            for c, v in zip(frame.columns, record, strict=True)
        )
        rows.append(f"<tr>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _kv(pairs: list[tuple[str, Any]]) -> str:
    body = "".join(f"<tr><th>{escape(k)}</th><td>{escape(_fmt(v))}</td></tr>" for k, v in pairs)
    return f'<table class="kv">{body}</table>'


def _load(ws: Workspace, campaign_id: str, run: str | None) -> dict[str, Any]:
    """Everything the report shows, read from the run in one short connection."""
    con = open_run(ws, run)
    try:
        info = run_info(con)
        row = relation(con, "report/campaign_row", campaign_id=campaign_id).pl()
        if row.is_empty():
            flagged = [r[0] for r in relation(con, "report/flagged_campaigns").fetchall()]
            hint = f" (flagged campaigns: {', '.join(flagged)})" if flagged else ""
            raise InputError(f"campaign {campaign_id} not found in run {info['run_id']}{hint}")
        has_profile = has_table(con, "campaign_profile")
        profile = (
            relation(con, "report/profile_row", campaign_id=campaign_id).pl()
            if has_profile
            else pl.DataFrame()
        )
        execute(con, "report/report_members", campaign_id=campaign_id)
        since, last, earlier = relation(con, "report/signup_span").fetchall()[0]
        span_days = (last - since).days if since and last else 0
        width = "1 hour" if span_days <= 3 else "1 day" if span_days <= 120 else "7 days"
        return {
            "info": info,
            "campaign": row.to_dicts()[0],
            "profile": profile.to_dicts()[0] if not profile.is_empty() else None,
            "signups": relation(con, "report/signups", bin=width, since=since).pl(),
            "signup_bin": width,
            "signups_earlier": (earlier, since),
            "daily": relation(con, "report/daily_models").pl(),
            "clusters": relation(con, "report/clusters", campaign_id=campaign_id).pl(),
            "sample": relation(con, "report/member_sample", limit=SAMPLE_SIZE).pl(),
        }
    finally:
        con.close()


def _numbers(c: dict, p: dict | None) -> str:
    if p is None:
        return _kv(
            [
                ("Accounts", c["size"]),
                ("Clusters", c["n_clusters"]),
                ("Requests", c["requests"]),
                ("Input tokens", c["input_tokens"]),
                ("Output tokens", c["output_tokens"]),
                ("First activity", c["first_activity"]),
                ("Last activity", c["last_activity"]),
                ("Requests per account per day", c["req_per_account_day"]),
            ]
        )
    return _kv(
        [
            ("Accounts (exportable members of flagged clusters)", p["accounts"]),
            ("Accounts with API traffic", p["active_accounts"]),
            ("Flagged clusters", p["clusters"]),
            ("Requests", p["requests"]),
            ("Input tokens", p["input_tokens"]),
            ("Output tokens", p["output_tokens"]),
            ("First activity", p["first_activity"]),
            ("Last activity", p["last_activity"]),
            (
                "Core window (days holding 99.8% of the requests)",
                f"{_fmt(p.get('core_from'))} to {_fmt(p.get('core_to'))}, {p['span_days']:,} days",
            ),
            ("Requests per account per core-window day", p["req_per_account_day"]),
            ("Models used", p["models"]),
            ("Distinct prompt templates", p["templates"]),
            ("Traffic on the top 10 templates", f"{p['top10_template_share']:.1%}"),
            ("Traffic on the top 50 templates", f"{p['top50_template_share']:.1%}"),
        ]
    )


def _pivots(p: dict | None) -> str:
    if p is None or not p["model_pivots"]:
        return '<p class="note">No model first used after the campaign\'s first day.</p>'
    lines = []
    for pivot in p["model_pivots"]:  # a handful of models
        share = pivot["share_24h"]
        moved = f"{share:.0%}" if share is not None else "n/a (no traffic that day)"
        label = " (pivot)" if share is not None and share >= PIVOT_SHARE else ""
        source = (
            f" ({escape(pivot['from_model'])} carried {pivot['from_share']:.0%} the day before)"
            if pivot["from_model"]
            else ""
        )
        lines.append(
            f'<li><span class="pivot">{escape(pivot["model"])}</span>{label}: first used '
            f"{escape(_fmt(pivot['first_use']))}; within 24 h {moved} of the campaign's "
            f"traffic was on it{source}; {pivot['requests']:,} requests on it in all.</li>"
        )
    return (
        "<ul>" + "".join(lines) + "</ul>"
        '<p class="note">Share measured on the UTC day containing the moment 24 h after the '
        "campaign's first use of the model, from daily aggregates.</p>"
    )


def _charts(data: dict) -> str:
    daily: pl.DataFrame = data["daily"]
    parts = ["<h2>Daily requests by model</h2>"]
    if daily.is_empty():
        parts.append('<p class="note">No API traffic.</p>')
    else:
        days = pl.DataFrame(
            {"day": pl.date_range(daily["day"].min(), daily["day"].max(), "1d", eager=True)}
        )
        wide = days.join(
            daily.pivot(on="model", index="day", values="requests", aggregate_function="sum"),
            on="day",
            how="left",
        ).fill_null(0)
        models = (
            daily.group_by("model")
            .agg(pl.col("requests").sum())
            .sort("requests", descending=True)["model"]
            .to_list()
        )
        labels = [d.strftime("%-d %b") for d in wide["day"]]
        parts.append(
            stacked_bar_chart(
                labels, {m: wide[m].to_list() for m in models}, title="requests per day and model"
            )
        )
    signups: pl.DataFrame = data["signups"]
    parts.append(f"<h2>Signup timeline ({escape(data['signup_bin'])} bins)</h2>")
    earlier, since = data["signups_earlier"]
    if earlier:
        parts.append(
            f'<p class="note">{earlier:,} account(s) created before {escape(_fmt(since))} '
            "(the first percentile) are not drawn.</p>"
        )
    if signups.is_empty():
        parts.append('<p class="note">No signup times.</p>')
    else:
        step = {"1 hour": timedelta(hours=1), "1 day": timedelta(days=1)}.get(
            data["signup_bin"], timedelta(days=7)
        )
        bins = pl.DataFrame(
            {
                "bin_start": pl.datetime_range(
                    signups["bin_start"].min(), signups["bin_start"].max(), step, eager=True
                )
            }
        )
        full = bins.join(signups, on="bin_start", how="left").fill_null(0)
        fmt = "%-d %b %H:00" if data["signup_bin"] == "1 hour" else "%-d %b %y"
        parts.append(
            bar_chart(
                [d.strftime(fmt) for d in full["bin_start"]],
                full["signups"].to_list(),
                title="signups per bin",
            )
        )
    return "".join(parts)


def _infrastructure(p: dict | None) -> str:
    if p is None:
        return '<p class="note">Not profiled: the campaign is not flagged.</p>'
    blocks = []
    for column, count, title, is_ip in _INFRA:
        values = pl.DataFrame(
            p[column] or [],
            schema={
                "value": pl.String,
                "accounts": pl.Int64,
                "all_accounts": pl.Int64,
                "cards": pl.Int64,
            },
        )
        if is_ip:
            values = values.with_columns(pl.col("value").map_elements(mask_ip, pl.String))
        values = values.with_columns(
            (pl.col("accounts") / pl.col("all_accounts")).round(3).alias("campaign share")
        )
        keep = ["value", "accounts", "all_accounts", "campaign share"]
        if column == "card_bins":
            keep.insert(2, "cards")
        values = values.select(keep).rename(
            {"accounts": "campaign accounts", "all_accounts": "all accounts"}
        )
        blocks.append(
            f"<div><h3>{escape(title)}: {p[count]:,} shared</h3>"
            + _table(
                values, numeric=("campaign accounts", "all accounts", "cards", "campaign share")
            )
            + "</div>"
        )
    return (
        '<p class="note">Top values by campaign accounts. "all accounts" counts the whole '
        "population; a campaign share near 1 means infrastructure the campaign has to itself."
        '</p><div class="grid">' + "".join(blocks) + "</div>"
    )


def render_report(data: dict[str, Any], *, generated_at: datetime | None = None) -> str:
    """The report's HTML text from :func:`_load`'s data (pure: no I/O)."""
    c, p, info = data["campaign"], data["profile"], data["info"]
    generated_at = generated_at or datetime.now(UTC)
    headline = p["headline"] if p else c["headline"]
    flag = (
        '<span class="flag">flagged</span>'
        if c["flagged"]
        else ('<span class="flag no">not flagged</span>')
    )
    clusters = data["clusters"].rename({"n_exportable": "exportable"})
    sample = mask_frame(data["sample"])
    try:
        version = metadata.version("fraudgraph")
    except metadata.PackageNotFoundError:
        version = "dev"
    body = "".join(
        [
            f"<header><h1>Campaign {escape(c['campaign_id'])} case report {flag}</h1>",
            f'<div class="headline">{escape(headline)}</div>',
            f'<div class="meta">Run {escape(info["run_id"])}'
            f" (built {escape(_fmt(info['finished_at']))})"
            f" &middot; report generated {escape(generated_at.strftime('%-d %b %Y %H:%M UTC'))}"
            f" &middot; score {c['score']:.2f} &middot; {c['n_clusters']:,} cluster(s)</div>",
            f'<div class="reasons"><b>Why:</b> {escape(c["reasons"] or "n/a")}</div></header>',
            "<h2>Numbers</h2>",
            _numbers(c, p),
            "<h2>Model pivots</h2>",
            _pivots(p),
            _charts(data),
            "<h2>Shared infrastructure</h2>",
            _infrastructure(p),
            "<h2>Clusters</h2>",
            _table(
                clusters,
                numeric=("size", "exportable", "score", "requests", "fraud_labels", "legit_labels"),
            ),
            f"<h2>Sample of members ({len(sample)} strongest; PII masked)</h2>",
            _table(sample, numeric=("strength", "requests")),
            "<footer>Counts cover the exportable members of the campaign's flagged clusters "
            "(what an export would ban). Account ids are internal keys; e-mails, phone numbers "
            f"and IPs are masked. fraudgraph {escape(version)}, run {escape(info['run_id'])}."
            "</footer>",
        ]
    )
    template = Template(
        resources.files("fraudgraph").joinpath("templates", "report.html").read_text("utf-8")
    )
    return template.substitute(
        title=escape(f"{c['campaign_id']}: {headline}"), version=escape(version), body=body
    )


def _check_out(out: Path) -> Path:
    if not str(out) or "\x00" in str(out):
        raise InputError("--out is not a valid file name")
    out = Path(os.path.abspath(out))
    if out.is_symlink():  # never replace a link someone planted (docs/security.md)
        raise InputError(f"--out {out} is a symbolic link; refusing to replace it")
    if out.is_dir():
        raise InputError(f"--out {out} is a directory; give a file name")
    if not out.parent.is_dir():
        raise InputError(f"--out {out}: folder {out.parent} does not exist")
    return out


def report_html(ws: Workspace, campaign_id: str, *, run: str | None = None) -> tuple[str, str]:
    """The report of ``campaign_id`` as HTML text, and the run it was read from.

    For callers that serve the page themselves (the app's download button); they
    audit the download. Raises InputError for an unknown campaign id.
    """
    campaign = normalise_campaign_id(campaign_id)
    if not re.fullmatch(r"[A-Za-z0-9_-]{1,40}", campaign):
        raise InputError(f"{campaign_id!r} is not a campaign id (expected e.g. K-0001)")
    data = _load(ws, campaign, run)
    return render_report(data), data["info"]["run_id"]


def write_report(
    ws: Workspace, campaign_id: str, out: Path, *, run: str | None = None, actor: str = "unknown"
) -> Path:
    """Write the case report of ``campaign_id`` to ``out`` atomically; audit it; return the path.

    Raises
    ------
    InputError
        Unknown campaign, or an ``out`` that cannot be written (exit status 2 in the CLI).
    NoRunError
        No published run, or ``run`` is not kept.
    """
    target = _check_out(Path(out))
    html, run_id = report_html(ws, campaign_id, run=run)
    content = html.encode("utf-8")
    try:
        atomic_write_bytes(target, content, mode=0o600)
    except (PermissionError, FileNotFoundError, NotADirectoryError, IsADirectoryError) as exc:
        raise InputError(f"--out {target}: cannot write: {exc.strerror or exc}") from None
    ops.record_audit(
        ws,
        actor,
        "report",
        {
            "campaign_id": normalise_campaign_id(campaign_id),
            "run_id": run_id,
            "out": str(target),
            "bytes": len(content),
            "sha256": hashlib.sha256(content).hexdigest(),
        },
    )
    return target
