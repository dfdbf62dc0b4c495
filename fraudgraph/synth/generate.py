"""Orchestration of ``fraudgraph generate``: plan, build, write.

The campaign is built first (it allocates the residential-proxy exits that
``proxy_home`` households then live behind), then the legit population. The
account frame is sorted by signup time and given opaque ids; every table is
then drawn from it with seeded generators, so the same arguments always give
byte-identical files.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

from fraudgraph.errors import InputError
from fraudgraph.synth.campaign import build_campaign
from fraudgraph.synth.identity import COUNTRIES
from fraudgraph.synth.legit import build_legit
from fraudgraph.synth.population import Context
from fraudgraph.synth.registry import Registry
from fraudgraph.synth.scenario import DAY, Scenario
from fraudgraph.synth.tokens import hex_tokens, mix64
from fraudgraph.synth.traffic import (
    Frame,
    device_ids,
    device_rows,
    ip_event_chunks,
    login_counts,
    payment_rows,
    request_chunks,
)
from fraudgraph.synth.write import FORMATS, write_chunks, write_table

__all__ = ["generate"]


def generate(
    out_dir: Path,
    *,
    accounts: int,
    fake_accounts: int,
    requests_per_fake: float,
    seed: int,
    fmt: str = "csv",
    scenario: Scenario | None = None,
) -> dict[str, Any]:
    """Write a synthetic population and its ground truth into ``out_dir``.

    Parameters
    ----------
    out_dir
        Folder for ``accounts``, ``payments``, ``ip_events``, ``devices``,
        ``api_requests`` and ``labels`` (``.csv`` or ``.parquet``) and
        ``truth/truth.csv``.
    accounts
        Total accounts, fakes included.
    fake_accounts
        Accounts of the distillation campaign (rings and side operations).
    requests_per_fake
        Mean API requests per fake account.
    seed
        Same seed and arguments give byte-identical files.
    fmt
        ``csv`` or ``parquet``.

    Returns
    -------
    dict
        Rows per table, accounts per group kind, per ring (size, tactic,
        requests), and seconds taken.
    """
    start = time.perf_counter()
    _check(accounts, fake_accounts, requests_per_fake, fmt, seed)
    sc = scenario or Scenario()
    out_dir = Path(out_dir)
    (out_dir / "truth").mkdir(parents=True, exist_ok=True)

    rng = np.random.default_rng([seed, 1])
    reg = Registry(rng)
    ctx = Context(rng=rng, reg=reg, sc=sc, popular=reg.templates(sc.popular_templates))
    campaign = build_campaign(ctx, fake_accounts)
    legit = build_legit(ctx, accounts - fake_accounts, campaign.proxy_ips)
    frame = _finish_accounts(pl.concat([*campaign.blocks, *legit]), seed)
    f = Frame.build(frame, reg, sc, seed)

    # Volumes: legit from their expected requests; fakes scaled to the requested mean.
    counts_rng = np.random.default_rng([seed, 2])
    fake = frame["kind"].to_numpy() == "fake"
    lam = frame["lam"].to_numpy().copy()
    if fake.any():
        lam[fake] = lam[fake] / lam[fake].sum() * requests_per_fake * fake.sum()
    requests = counts_rng.poisson(lam).astype(np.int64)
    logins = login_counts(counts_rng, f, requests)

    ext = fmt
    rows = {}
    rows["accounts"] = write_table(_accounts_table(frame, f), out_dir / f"accounts.{ext}", fmt)
    rows["payments"] = write_table(payment_rows(f, sc, reg), out_dir / f"payments.{ext}", fmt)
    rows["devices"] = write_table(device_rows(f, sc, frame["ua"]), out_dir / f"devices.{ext}", fmt)
    rows["labels"] = write_table(_labels(frame, sc, seed), out_dir / f"labels.{ext}", fmt)
    rows["ip_events"] = write_chunks(
        ip_event_chunks(f, sc, logins), out_dir / f"ip_events.{ext}", fmt
    )
    rows["api_requests"] = write_chunks(
        request_chunks(f, sc, requests), out_dir / f"api_requests.{ext}", fmt
    )
    truth = frame.select(
        "account_id",
        is_fake=(pl.col("kind") == "fake").cast(pl.Int8),
        ring_id="ring_id",
        group_kind="kind",
        group_id="group_id",
        tactic=pl.when(pl.col("tactic") != "").then(pl.col("tactic")),
    )
    truth.write_csv(out_dir / "truth" / "truth.csv")
    return _summary(frame, rows, requests, campaign, time.perf_counter() - start, out_dir)


def _check(
    accounts: int, fake_accounts: int, requests_per_fake: float, fmt: str, seed: int
) -> None:
    if fmt not in FORMATS:
        raise InputError(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    if seed < 0:
        raise InputError("--seed must not be negative")
    if accounts < 1:
        raise InputError("--accounts must be at least 1")
    if fake_accounts < 0 or fake_accounts > accounts:
        raise InputError(f"--fake-accounts must be between 0 and --accounts ({accounts})")
    if requests_per_fake < 0:
        raise InputError("--requests-per-fake must not be negative")


def _finish_accounts(frame: pl.DataFrame, seed: int) -> pl.DataFrame:
    """Sort by signup, give opaque ids, make e-mails unique as real providers do."""
    frame = frame.sort("created", maintain_order=True)
    ids = hex_tokens(
        mix64(np.arange(frame.height, dtype=np.uint64), salt=seed * 64 + 1), 16, "acct_"
    )
    frame = frame.with_columns(account_id=ids)
    return frame.with_columns(email=_unique_emails(frame))


def _unique_emails(frame: pl.DataFrame) -> pl.Series:
    """Suffix a number to e-mails whose canonical form another owner already uses.

    A provider never gives two people the same mailbox, so only a ring (one
    owner) may hold several spellings of one canonical gmail address.
    """
    first_spelling = pl.int_range(pl.len()).over(pl.col("email").str.to_lowercase()) == 0
    owner = (
        pl.when(pl.col("ring_id").is_not_null() & first_spelling)
        .then(pl.col("ring_id"))
        .otherwise(pl.col("account_id"))
    )
    df = frame.select(email=pl.col("email"), owner=owner)
    for round_ in range(6):
        local = pl.col("email").str.extract(r"^([^+@]*)", 1)
        domain = pl.col("email").str.extract(r"@(.*)$", 1).str.to_lowercase()
        plain = local.str.to_lowercase()
        plain = (
            pl.when(domain.is_in(["gmail.com", "googlemail.com"]))
            .then(plain.str.replace_all(".", "", literal=True))
            .otherwise(plain)
        )
        df = df.with_columns(canon=plain + "@" + domain)
        df = df.with_columns(dup=(pl.col("owner").rank("dense").over("canon") - 1).cast(pl.Int64))
        if df["dup"].max() == 0:
            break
        suffix = pl.col("dup").cast(pl.String) + ("" if round_ == 0 else str(round_))
        df = df.with_columns(
            email=pl.when(pl.col("dup") > 0)
            .then(pl.concat_str([local, suffix, pl.col("email").str.slice(local.str.len_bytes())]))
            .otherwise(pl.col("email"))
        )
    return df["email"]


def _accounts_table(frame: pl.DataFrame, f: Frame) -> pl.DataFrame:
    codes = pl.Series([c[0] for c in COUNTRIES])
    device = f.device_pool[f.cols["dev_start"]].astype(np.uint64)
    frame = frame.with_columns(
        signup_ip_text=f.ip_text.gather(f.cols["signup_ip"]),
        signup_device=device_ids(device, f.seed),
    )
    return frame.select(
        "account_id",
        created_at=pl.from_epoch(pl.col("created"), time_unit="s").cast(pl.Datetime("us")),
        email="email",
        phone="phone",
        country=pl.col("country").map_batches(lambda s: codes.gather(s), return_dtype=pl.String),
        signup_ip="signup_ip_text",
        signup_device_id="signup_device",
        user_agent="ua",
        org_id="org_id",
    )


def _labels(frame: pl.DataFrame, sc: Scenario, seed: int) -> pl.DataFrame:
    """A few analyst verdicts: ~1% of fakes as fraud, a dozen legit accounts as legit."""
    rng = np.random.default_rng([seed, 23])
    kind = frame["kind"].to_numpy()
    fake = np.flatnonzero(kind == "fake")
    legit = np.flatnonzero(kind != "fake")
    n_fraud = min(
        len(fake), max(1 if len(fake) else 0, int(round(len(fake) * sc.fraud_label_share)))
    )
    fraud = rng.choice(fake, n_fraud, replace=False) if n_fraud else fake[:0]
    favoured = np.flatnonzero(np.isin(kind, ["university", "company", "mobile", "household"]))
    n_legit = min(len(legit), sc.legit_labels)
    pick_from = favoured if len(favoured) >= n_legit else legit
    fine = rng.choice(pick_from, n_legit, replace=False) if n_legit else legit[:0]
    idx = np.concatenate([fraud, fine])
    ts = sc.campaign_end - 5 * DAY + rng.integers(0, 20 * DAY, len(idx))
    ts = np.maximum(ts, frame["created"].to_numpy()[idx] + DAY)
    return pl.DataFrame(
        {
            "account_id": frame["account_id"].gather(idx),
            "label": ["fraud"] * len(fraud) + ["legit"] * len(fine),
            "source": ["trust_safety_review"] * len(fraud) + ["support_appeal"] * len(fine),
            "ts": pl.Series(ts * 1_000_000).cast(pl.Datetime("us")),
        }
    )


def _summary(frame, rows, requests, campaign, seconds, out_dir) -> dict[str, Any]:
    per_kind = dict(frame.group_by("kind").len().sort("kind").iter_rows())
    ring = frame["ring_id"].to_numpy()
    rings = {}
    for plan in campaign.rings:
        member = ring == plan.ring_id
        rings[plan.ring_id] = {
            "size": int(member.sum()),
            "tactic": plan.tactic,
            "requests": int(requests[member].sum()),
            "side_operation": plan.side,
        }
    return {
        "out_dir": str(out_dir),
        "rows": rows,
        "accounts": frame.height,
        "fake_accounts": int((frame["kind"] == "fake").sum()),
        "group_kinds": per_kind,
        "rings": rings,
        "truth": str(out_dir / "truth" / "truth.csv"),
        "seconds": round(seconds, 2),
    }
