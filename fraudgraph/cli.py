"""The ``fraudgraph`` command line: thin wrappers over :mod:`fraudgraph.api`.

This is the one place where domain errors become one-line messages and exit
codes (0 success, 2 bad input or usage, 3 rebuild already running, 1 other).
Output meant for programs goes to stdout as JSON (``--json``); progress and
logs go to stderr.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from fraudgraph.errors import FraudgraphError, InputError

app = typer.Typer(
    name="fraudgraph",
    help="Find coordinated account networks (distillation campaigns) without banning the innocent.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

DbOpt = Annotated[
    Path | None,
    typer.Option("--db", help="Database file (default ./fraudgraph.duckdb or $FRAUDGRAPH_DB)."),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print a JSON result on stdout.")]
RunOpt = Annotated[str | None, typer.Option("--run", help="Run id (default: the latest).")]
ActorOpt = Annotated[
    str | None, typer.Option("--actor", help="Who is acting, for the audit log (default: OS user).")
]
ConfigOpt = Annotated[
    Path | None, typer.Option("--config", help="TOML config overriding the defaults.")
]


def _actor(actor: str | None) -> str:
    from fraudgraph.ops import os_user

    return actor or os_user()


def _print_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, default=str, indent=None) + "\n")


def _err(message: str) -> None:
    # One line, always: control characters from hostile file names or data (newlines,
    # terminal escapes) are printed escaped, never interpreted.
    safe = "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in message)
    typer.echo(f"fraudgraph: {safe}", err=True)


@app.command()
def generate(
    out_dir: Annotated[Path, typer.Argument(help="Folder to write the input tables into.")],
    accounts: Annotated[int, typer.Option(help="Total accounts, fakes included.")] = 50_000,
    fake_accounts: Annotated[int, typer.Option(help="Fake accounts in the campaign.")] = 2_500,
    requests_per_fake: Annotated[
        float, typer.Option(help="Mean API requests per fake account (seed scale: 1150).")
    ] = 60.0,
    seed: Annotated[int, typer.Option(help="Random seed; same seed, same files.")] = 1,
    fmt: Annotated[str, typer.Option("--format", help="csv or parquet.")] = "csv",
    json_out: JsonOpt = False,
) -> None:
    """Write a synthetic population with planted coordinated rings, and its ground truth."""
    from fraudgraph import api

    summary = api.generate(
        out_dir,
        accounts=accounts,
        fake_accounts=fake_accounts,
        requests_per_fake=requests_per_fake,
        seed=seed,
        fmt=fmt,
    )
    if json_out:
        _print_json(summary)


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders of input tables.")],
    table: Annotated[str | None, typer.Option("--table", help="Table for a single file.")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Any bad row fails the file.")] = False,
    db: DbOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Load input tables (CSV, Parquet, JSON Lines) into the store, with validation."""
    from fraudgraph import api

    report = api.ingest(paths, db=db, table=table, strict=strict)
    if json_out:
        _print_json(report)


@app.command()
def rebuild(
    db: DbOpt = None,
    config: ConfigOpt = None,
    if_changed: Annotated[
        bool,
        typer.Option("--if-changed", help="Do nothing when no data arrived since the last run."),
    ] = False,
    hold_on_anomaly: Annotated[
        bool, typer.Option("--hold-on-anomaly", help="Hold (do not publish) an anomalous run.")
    ] = False,
    full: Annotated[
        bool,
        typer.Option(
            "--full",
            help="Reuse nothing from the previous run (default: reuse its evidence for"
            " accounts with no new data, and start detection from its clusters).",
        ),
    ] = False,
    actor: ActorOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Build the account graph, detect and score clusters, publish a new run."""
    from fraudgraph import api

    summary = api.rebuild(
        db=db,
        config=config,
        if_changed=if_changed,
        hold_on_anomaly=hold_on_anomaly,
        full=full,
        actor=_actor(actor),
    )
    if json_out:
        _print_json(summary)


@app.command()
def clusters(
    top: Annotated[int, typer.Option("--top", help="How many clusters.")] = 20,
    run: RunOpt = None,
    db: DbOpt = None,
    reveal: Annotated[bool, typer.Option("--reveal", help="Show PII unmasked (audited).")] = False,
    actor: ActorOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """List clusters, riskiest first."""
    from fraudgraph import api

    rows = api.clusters(db=db, top=top, run=run, reveal=reveal, actor=_actor(actor))
    if json_out:
        _print_json(rows)
        return
    from fraudgraph.render import print_clusters

    print_clusters(rows)


@app.command()
def export(
    out: Annotated[Path, typer.Option("--out", help="Output file.")],
    fmt: Annotated[str, typer.Option("--format", help="csv, parquet or jsonl.")] = "csv",
    min_score: Annotated[
        float | None, typer.Option("--min-score", help="Cluster score threshold (default: config).")
    ] = None,
    min_size: Annotated[int, typer.Option("--min-size", help="Smallest cluster to export.")] = 1,
    run: RunOpt = None,
    mode: Annotated[str, typer.Option("--mode", help="File mode, octal.")] = "600",
    db: DbOpt = None,
    actor: ActorOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Write cluster membership for bulk bans (atomic file + manifest)."""
    from fraudgraph import api

    try:
        file_mode = int(mode, 8)
    except ValueError:
        raise InputError(f"--mode {mode!r} is not an octal file mode") from None
    manifest = api.export(
        out,
        db=db,
        fmt=fmt,
        min_score=min_score,
        min_size=min_size,
        run=run,
        mode=file_mode,
        actor=_actor(actor),
    )
    if json_out:
        _print_json(manifest)
    else:
        _err(f"wrote {manifest['rows']} rows to {out} (run {manifest['run_id']})")


@app.command()
def evaluate(
    truth_csv: Annotated[Path, typer.Argument(help="Truth file: account_id, is_fake, ...")],
    run: RunOpt = None,
    min_score: Annotated[float | None, typer.Option("--min-score")] = None,
    db: DbOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Score what `export` would ban against a truth file."""
    from fraudgraph import api

    result = api.evaluate(truth_csv, db=db, run=run, min_score=min_score)
    if json_out:
        _print_json(result)
        return
    from fraudgraph.render import print_evaluation

    print_evaluation(result)


@app.command(name="app")
def app_cmd(
    port: Annotated[int, typer.Option("--port")] = 8501,
    host: Annotated[str, typer.Option("--host")] = "127.0.0.1",
    db: DbOpt = None,
) -> None:
    """Start the Streamlit app (127.0.0.1 unless --host, which then requires authentication)."""
    from fraudgraph import api

    raise typer.Exit(api.serve_app(db=db, port=port, host=host))


@app.command()
def demo(
    db: DbOpt = None,
    out_dir: Annotated[
        Path | None, typer.Option("--out-dir", help="Where the demo files go.")
    ] = None,
    accounts: Annotated[int, typer.Option(help="Total accounts.")] = 250_000,
    fake_accounts: Annotated[int, typer.Option(help="Fake accounts.")] = 25_000,
    seed: Annotated[int, typer.Option()] = 1,
    json_out: JsonOpt = False,
) -> None:
    """Generate + ingest + rebuild into a demo database."""
    from fraudgraph import api

    summary = api.demo(
        db=db, out_dir=out_dir, accounts=accounts, fake_accounts=fake_accounts, seed=seed
    )
    if json_out:
        _print_json(summary)


@app.command()
def diff(
    run_a: Annotated[
        str | None, typer.Argument(help="Older run (default: the one before B).")
    ] = None,
    run_b: Annotated[str | None, typer.Argument(help="Newer run (default: the latest).")] = None,
    db: DbOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """What changed between two runs."""
    from fraudgraph import api

    result = api.diff(run_a, run_b, db=db)
    if json_out:
        _print_json(result)
        return
    from fraudgraph.render import print_diff

    print_diff(result)


@app.command()
def audit(
    db: DbOpt = None,
    limit: Annotated[int, typer.Option("--limit")] = 200,
    json_out: JsonOpt = False,
) -> None:
    """The audit log: exports, label changes, rebuilds, PII reveals."""
    from fraudgraph import api

    rows = api.audit(db=db, limit=limit)
    if json_out:
        _print_json(rows)
        return
    from fraudgraph.render import print_audit

    print_audit(rows)


@app.command()
def label(
    target: Annotated[
        str, typer.Argument(help="Account id, or a cluster/campaign id with --scope.")
    ],
    verdict: Annotated[str, typer.Argument(help="fraud, legit or clear.")],
    scope: Annotated[
        str, typer.Option("--scope", help="account, cluster or campaign.")
    ] = "account",
    note: Annotated[str, typer.Option("--note")] = "",
    run: RunOpt = None,
    db: DbOpt = None,
    actor: ActorOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Label an account, cluster or campaign as fraud or legit (audited)."""
    from fraudgraph import api

    result = api.label(target, verdict, scope=scope, note=note, run=run, db=db, actor=_actor(actor))
    if json_out:
        _print_json(result)
    else:
        _err(f"labelled {result['accounts']} account(s) {verdict}")


@app.command()
def report(
    campaign_id: Annotated[str, typer.Argument(help="Campaign id, e.g. K-0001.")],
    out: Annotated[Path, typer.Option("--out", help="HTML file to write.")],
    run: RunOpt = None,
    db: DbOpt = None,
    actor: ActorOpt = None,
) -> None:
    """Write a self-contained HTML case report for one campaign."""
    from fraudgraph import api

    api.report(campaign_id, out, db=db, run=run, actor=_actor(actor))
    _err(f"wrote {out}")


runs_app = typer.Typer(help="Published runs: list them, point LATEST back at a kept one.")
app.add_typer(runs_app, name="runs")


@runs_app.command(name="list")
def runs_list(db: DbOpt = None, json_out: JsonOpt = False) -> None:
    """Kept runs, oldest first; the one LATEST names is marked."""
    from fraudgraph import api

    listing = api.runs(db=db)
    if json_out:
        _print_json(listing)
        return
    for run_id in listing["runs"]:
        typer.echo(f"{run_id}{'  <- LATEST' if run_id == listing['latest'] else ''}")


@runs_app.command(name="restore")
def runs_restore(
    run_id: Annotated[str, typer.Argument(help="Kept run to publish again, e.g. R-000011.")],
    db: DbOpt = None,
    actor: ActorOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Point LATEST back at a kept run (audited); readers see it on their next open."""
    from fraudgraph import api

    result = api.restore_run(run_id, db=db, actor=_actor(actor))
    if json_out:
        _print_json(result)
    else:
        _err(f"LATEST now names {result['run_id']} (was {result['previous_latest']})")


def main() -> None:
    """Entry point: run the CLI, turning domain errors into one-line messages."""
    # The store, ops and run files hold PII: never world-readable, whatever the
    # caller's umask (group bits are left to the deployment; see docs/security.md).
    os.umask(os.umask(0) | 0o007)
    try:
        app(standalone_mode=False)
    except FraudgraphError as exc:
        _err(str(exc))
        sys.exit(exc.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        _err("aborted")
        sys.exit(1)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except Exception as exc:  # click usage errors and the unexpected
        import click

        if isinstance(exc, click.exceptions.UsageError):
            _err(exc.format_message().replace("\n", " "))
            sys.exit(2)
        if isinstance(exc, click.exceptions.ClickException):
            _err(exc.format_message())
            sys.exit(exc.exit_code)
        _err(f"unexpected error: {type(exc).__name__}: {exc}")
        if os.environ.get("FRAUDGRAPH_DEBUG"):
            raise
        sys.exit(1)
