"""Events drawn from the account frame: API requests, IP events, devices, payments.

Requests are generated in chunks of whole accounts (``Scenario.chunk_rows``
rows each), so tens of millions of rows never sit in memory at once. A request
copies its account's traits with ``np.repeat`` and then draws, all vectorised:
a day in the account's active span and an hour from its schedule (shifted by
its time zone), a template (own pool / popular Zipf pool / a personal prompt),
an IP from its pool slice, a model (legit users drift slowly to a new model,
rings switch within hours) and token counts.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import polars as pl

from fraudgraph.synth.identity import COUNTRIES
from fraudgraph.synth.registry import Registry
from fraudgraph.synth.scenario import DAY, HOUR, Scenario
from fraudgraph.synth.tokens import hex_tokens, mix64

__all__ = [
    "Frame",
    "request_chunks",
    "ip_event_chunks",
    "device_ids",
    "device_rows",
    "login_counts",
    "payment_rows",
    "chunk_ranges",
]

_PERSONAL = np.uint64(1 << 62)


@dataclass
class Frame:
    """Numpy views of the account frame plus the registry's flat pools."""

    account_id: pl.Series
    cols: dict[str, np.ndarray]
    ip_pool: np.ndarray
    device_pool: np.ndarray
    template_pool: np.ndarray
    ip_text: pl.Series
    schedule_cdf: np.ndarray  # flat: row r holds r + cumulative weights
    popular_cdf: np.ndarray
    seed: int

    @classmethod
    def build(cls, accounts: pl.DataFrame, reg: Registry, sc: Scenario, seed: int) -> Frame:
        cols = {
            c: accounts[c].to_numpy() for c in accounts.columns if accounts[c].dtype.is_numeric()
        }
        sched = np.array(reg.schedules)
        cdf = np.cumsum(sched, axis=1)
        cdf[:, -1] = 1.0
        ranks = np.arange(1, sc.popular_templates + 1, dtype=float) ** -sc.popular_zipf
        pop = np.cumsum(ranks / ranks.sum())
        pop[-1] = 1.0
        return cls(
            account_id=accounts["account_id"],
            cols=cols,
            ip_pool=reg.ip_pool.array(),
            device_pool=reg.device_pool.array(),
            template_pool=reg.template_pool.array(),
            ip_text=reg.ip_strings(),
            schedule_cdf=(cdf + np.arange(len(cdf))[:, None]).ravel(),
            popular_cdf=pop,
            seed=seed,
        )


def chunk_ranges(counts: np.ndarray, rows: int) -> list[tuple[int, int]]:
    """Split accounts [0, n) into consecutive ranges holding about ``rows`` events each."""
    cum = np.cumsum(counts)
    if len(cum) == 0 or cum[-1] == 0:
        return []
    cuts = np.searchsorted(cum, np.arange(rows, cum[-1], rows), side="left") + 1
    bounds = np.unique(np.r_[0, cuts, len(counts)])
    return [(int(a), int(b)) for a, b in zip(bounds[:-1], bounds[1:], strict=True)]


def _pick(rng, pool: np.ndarray, start: np.ndarray, length: np.ndarray, skew=None) -> np.ndarray:
    u = rng.random(len(start))
    if skew is not None:
        u = u**skew
    if len(pool) == 0:
        return np.zeros(len(start), dtype=np.int64)
    offset = np.minimum((u * length).astype(np.int64), np.maximum(length - 1, 0))
    return pool[np.where(length > 0, start + offset, 0)]  # empty slices: caller ignores the pick


def _times(rng, f: Frame, idx: np.ndarray, t0: np.ndarray, t1: np.ndarray) -> np.ndarray:
    """A day uniform in [t0, t1), an hour from the account's schedule in its time zone."""
    c = f.cols
    m = len(idx)
    base = t0 + (rng.random(m) * (t1 - t0)).astype(np.int64)
    sched = c["sched"][idx].astype(np.int64)
    local = np.searchsorted(f.schedule_cdf, sched + rng.random(m), side="right") - sched * 24
    hour = (np.clip(local, 0, 23) - c["tz"][idx]) % 24
    ts = base - base % DAY + hour * HOUR + rng.integers(0, HOUR, m)
    ts = np.where(ts < t0, ts + DAY, ts)
    ts = np.where(ts >= t1, ts - DAY, ts)
    return np.clip(ts, t0, t1 - 1)


def _models(rng, f: Frame, sc: Scenario, idx: np.ndarray, ts: np.ndarray) -> pl.Series:
    pivot = f.cols["pivot_h"][idx]
    after = ts - sc.model_release
    ring = ~np.isnan(pivot)
    drift = 0.05 + 0.45 * (1 - np.exp(-np.maximum(after, 0) / (20 * DAY)))
    p_new = np.where(
        ring,
        np.where(after > np.nan_to_num(pivot) * HOUR, 0.97, 0.0),
        np.where(after > 0, drift, 0.0),
    )
    u = rng.random(len(idx))
    old_mini = np.where(ring, 0.05, 0.3)
    code = np.where(u < p_new, 2, np.where(rng.random(len(idx)) < old_mini, 1, 0))
    return pl.Series([*sc.models_old, sc.model_new]).gather(code)


def request_chunks(f: Frame, sc: Scenario, counts: np.ndarray) -> Iterator[pl.DataFrame]:
    """API requests, ``counts[i]`` for account i, yielded chunk by chunk."""
    c = f.cols
    for chunk, (a, b) in enumerate(chunk_ranges(counts, sc.chunk_rows)):
        rng = np.random.default_rng([f.seed, 11, chunk])
        idx = np.repeat(np.arange(a, b), counts[a:b])
        m = len(idx)
        t0 = np.maximum(c["created"][idx], sc.window_start)
        ts = _times(rng, f, idx, t0, c["act_end"][idx])
        # Templates: own pool, popular pool, or a personal prompt.
        u = rng.random(m)
        p_own = c["p_own"][idx]
        tpl_len = c["tpl_len"][idx]
        own = (u < p_own) & (tpl_len > 0)
        pop = ~own & (u < p_own + c["p_pop"][idx])
        tpl = (rng.integers(0, 1 << 62, m, dtype=np.int64).astype(np.uint64)) | _PERSONAL
        pop_ids = np.searchsorted(f.popular_cdf, rng.random(m), side="right")
        tpl = np.where(pop, np.minimum(pop_ids, len(f.popular_cdf) - 1).astype(np.uint64), tpl)
        own_ids = _pick(rng, f.template_pool, c["tpl_start"][idx], tpl_len, c["tpl_skew"][idx])
        tpl = np.where(own, own_ids.astype(np.uint64), tpl)
        # Tokens.
        out = c["out_med"][idx] * rng.lognormal(0, c["out_sigma"][idx])
        inp = c["in_med"][idx] * rng.lognormal(0, 0.6, m)
        ip = _pick(rng, f.ip_pool, c["ip_start"][idx], c["ip_len"][idx])
        yield pl.DataFrame(
            {
                "account_id": f.account_id.gather(idx),
                "ts": pl.Series(ts * 1_000_000).cast(pl.Datetime("us")),
                "model": _models(rng, f, sc, idx, ts),
                "input_tokens": np.maximum(1, inp).astype(np.int64),
                "output_tokens": np.clip(out, 1, 8192).astype(np.int64),
                "prompt_fingerprint": hex_tokens(mix64(tpl, salt=f.seed * 64 + 2), 16),
                "ip": f.ip_text.gather(ip),
            }
        )


def login_counts(rng, f: Frame, requests: np.ndarray) -> np.ndarray:
    """Logins per account: a few for the dormant, more for the active (capped)."""
    fake = ~np.isnan(f.cols["pivot_h"])
    lam = np.where(fake, 3 + requests / 40, 1.5 + requests / 4)
    return np.minimum(rng.poisson(np.minimum(lam, 60)), 80)


def ip_event_chunks(f: Frame, sc: Scenario, logins: np.ndarray) -> Iterator[pl.DataFrame]:
    """A ``signup`` event at creation from the signup IP, then ``login`` events from the pool."""
    c = f.cols
    counts = logins + 1
    login_from = sc.window_start - 90 * DAY
    for chunk, (a, b) in enumerate(chunk_ranges(counts, sc.chunk_rows)):
        rng = np.random.default_rng([f.seed, 13, chunk])
        idx = np.repeat(np.arange(a, b), counts[a:b])
        first = np.r_[True, idx[1:] != idx[:-1]]
        created = c["created"][idx]
        t0 = np.maximum(created, login_from)
        t1 = np.maximum(c["act_end"][idx], t0 + HOUR)
        ts = np.where(first, created, _times(rng, f, idx, t0, t1))
        ip = np.where(
            first, c["signup_ip"][idx], _pick(rng, f.ip_pool, c["ip_start"][idx], c["ip_len"][idx])
        )
        # Identical rows are one event by the contract's key (a login clipped onto the signup).
        keep = (
            pl.DataFrame({"i": idx, "t": ts, "p": ip, "f": first})
            .select(pl.struct(pl.all()).is_first_distinct())
            .to_series()
            .to_numpy()
        )
        idx, ts, ip, first = idx[keep], ts[keep], ip[keep], first[keep]
        yield pl.DataFrame(
            {
                "account_id": f.account_id.gather(idx),
                "ts": pl.Series(ts * 1_000_000).cast(pl.Datetime("us")),
                "ip": f.ip_text.gather(ip),
                "event": pl.Series(np.where(first, "signup", "login")),
            }
        )


def device_ids(device: np.ndarray, seed: int) -> pl.Series:
    """Opaque device fingerprints of device numbers."""
    return hex_tokens(mix64(device, salt=seed * 64 + 5), 16, "dev-")


def device_rows(f: Frame, sc: Scenario, agents: pl.Series) -> pl.DataFrame:
    """One row per (account, device) first seen: the signup device at creation, others later."""
    c = f.cols
    rng = np.random.default_rng([f.seed, 17])
    n_dev = c["dev_len"]
    idx = np.repeat(np.arange(len(n_dev)), n_dev)
    pos = np.arange(len(idx)) - np.repeat(np.cumsum(n_dev) - n_dev, n_dev)
    created = c["created"][idx]
    later = created + (rng.random(len(idx)) * (c["act_end"][idx] - created)).astype(np.int64)
    ts = np.where(pos == 0, created, later)
    device = f.device_pool[c["dev_start"][idx] + pos]
    return pl.DataFrame(
        {
            "account_id": f.account_id.gather(idx),
            "ts": pl.Series(ts * 1_000_000).cast(pl.Datetime("us")),
            "device_id": device_ids(device.astype(np.uint64), f.seed),
            "user_agent": agents.gather(idx),
        }
    )


_CURRENCY = {
    "US": "USD",
    "GB": "GBP",
    "DE": "EUR",
    "FR": "EUR",
    "ES": "EUR",
    "IT": "EUR",
    "NL": "EUR",
    "CA": "CAD",
    "JP": "JPY",
    "IN": "INR",
    "BR": "BRL",
    "AU": "AUD",
}


def payment_rows(f: Frame, sc: Scenario, reg: Registry) -> pl.DataFrame:
    """Payments of paying accounts with the card each account pays with."""
    c = f.cols
    rng = np.random.default_rng([f.seed, 19])
    n_pay = np.where(c["card"] >= 0, c["n_pay"], 0).astype(np.int64)
    idx = np.repeat(np.arange(len(n_pay)), n_pay)
    pos = np.arange(len(idx)) - np.repeat(np.cumsum(n_pay) - n_pay, n_pay)
    created = c["created"][idx]
    end = np.maximum(c["act_end"][idx], created + DAY)
    ts = np.where(
        pos == 0,
        created + rng.integers(60, 3 * HOUR, len(idx)),
        created + (rng.random(len(idx)) * (end - created)).astype(np.int64),
    )
    card = c["card"][idx]
    bins = np.concatenate(reg.card_bin)[card] if reg.card_bin else np.zeros(0, dtype=np.int64)
    ccountry = np.concatenate(reg.card_country)[card] if reg.card_country else np.zeros(0, np.int16)
    codes = pl.Series([x[0] for x in COUNTRIES])
    country = codes.gather(ccountry)
    currency = country.replace_strict(_CURRENCY, default="USD")
    plan = np.array([5, 20, 20, 20, 50, 100, 200])[rng.integers(0, 7, len(idx))]
    usage = np.round(rng.lognormal(np.log(25), 1.0, len(idx)), 2)
    amount = np.where(rng.random(len(idx)) < 0.5, plan, usage)
    last4 = (mix64(card.astype(np.uint64), salt=f.seed * 64 + 3) % np.uint64(10_000)).astype(
        np.int64
    )
    postal = (
        pl.Series(mix64(card.astype(np.uint64), salt=f.seed * 64 + 4) % np.uint64(100_000))
        .cast(pl.String)
        .str.zfill(5)
    )
    row = np.arange(len(idx), dtype=np.uint64)
    return pl.DataFrame(
        {
            "payment_id": hex_tokens(mix64(row, salt=f.seed * 64 + 7), 16, "pay_"),
            "account_id": f.account_id.gather(idx),
            "ts": pl.Series(np.minimum(ts, end) * 1_000_000).cast(pl.Datetime("us")),
            "card_fingerprint": hex_tokens(
                mix64(card.astype(np.uint64), salt=f.seed * 64 + 8), 16, "tok_"
            ),
            "card_bin": pl.Series(bins).cast(pl.String),
            "card_last4": pl.Series(last4).cast(pl.String).str.zfill(4),
            "card_country": country,
            "billing_postal_code": postal,
            "amount": amount.astype(np.float64),
            "currency": currency,
        }
    )
