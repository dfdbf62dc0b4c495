"""The account frame: one row per account with everything later stages draw from.

Builders (``legit``, ``campaign``) return *blocks*: polars DataFrames with the
columns of `ACCOUNT_SCHEMA`. Besides the contract's account fields they carry
the hidden traits that drive behaviour: pool slices (IPs, devices, prompt
templates), the card paid with, an hour-of-day schedule, expected request
volume, output length and when the account moves to a newly released model.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import polars as pl

from fraudgraph.synth.registry import Registry
from fraudgraph.synth.scenario import Scenario

__all__ = ["ACCOUNT_SCHEMA", "Context", "block", "recency_times", "windows"]

ACCOUNT_SCHEMA: dict[str, Any] = {
    "kind": pl.String,  # truth group_kind
    "group_id": pl.String,
    "ring_id": pl.String,
    "tactic": pl.String,
    "created": pl.Int64,  # signup, epoch seconds
    "country": pl.Int16,  # index into identity.COUNTRIES
    "email": pl.String,
    "phone": pl.String,
    "org_id": pl.String,
    "ua": pl.String,
    "signup_ip": pl.Int64,  # ip id
    "ip_start": pl.Int64,
    "ip_len": pl.Int64,
    "dev_start": pl.Int64,
    "dev_len": pl.Int64,
    "card": pl.Int64,  # card id or -1
    "n_pay": pl.Int16,
    "tpl_start": pl.Int64,
    "tpl_len": pl.Int64,
    "tpl_skew": pl.Float32,  # own-template pick: floor(len * u**skew)
    "p_own": pl.Float32,  # share of requests on the account's own template pool
    "p_pop": pl.Float32,  # share on globally popular templates (rest: personal prompts)
    "sched": pl.Int16,  # row of the registry's hour-of-day schedules
    "tz": pl.Int8,  # hours added to UTC to get the schedule's clock
    "lam": pl.Float64,  # expected requests (legit) or relative weight (fake)
    "out_med": pl.Float32,  # median output tokens
    "in_med": pl.Float32,
    "out_sigma": pl.Float32,
    "pivot_h": pl.Float32,  # hours after release to move to the new model; NaN = slow drift
    "act_end": pl.Int64,  # activity ends (exclusive)
}


@dataclass
class Context:
    """What every builder needs: randomness, the registry, the knobs, global pools."""

    rng: np.random.Generator
    reg: Registry
    sc: Scenario
    popular: np.ndarray  # template ids of the popular pool (ids 0..P-1)


def block(n: int, **cols: Any) -> pl.DataFrame:
    """A block of ``n`` accounts; scalars broadcast, missing columns get defaults."""
    defaults = {
        "group_id": None,
        "ring_id": None,
        "tactic": "",
        "phone": None,
        "org_id": None,
        "card": -1,
        "n_pay": 0,
        "tpl_start": 0,
        "tpl_len": 0,
        "tpl_skew": 1.0,
        "p_own": 0.0,
        "p_pop": 0.4,
        "tz": 0,
        "out_sigma": 0.9,
        "pivot_h": np.nan,
    }
    data = {}
    for name, dtype in ACCOUNT_SCHEMA.items():
        value = cols.pop(name, defaults.get(name))
        if isinstance(value, pl.Series):
            series = value.alias(name).cast(dtype)
        elif isinstance(value, np.ndarray):
            series = pl.Series(name, value).cast(dtype)
        else:
            series = pl.repeat(value, n, eager=True, dtype=dtype).alias(name)
        if len(series) != n:
            raise ValueError(f"column {name}: {len(series)} values for {n} accounts")
        data[name] = series
    if cols:
        raise ValueError(f"unknown account columns: {sorted(cols)}")
    return pl.DataFrame(data)


def recency_times(rng: np.random.Generator, n: int, lo: int, hi: int, growth: float) -> np.ndarray:
    """Times in [lo, hi) with density growing like exp(growth * x): recent ones more likely."""
    u = rng.random(n)
    x = np.log1p(u * np.expm1(growth)) / growth
    return (lo + x * (hi - lo)).astype(np.int64)


def windows(rng: np.random.Generator, start: int, size: int, n: int, k: np.ndarray | int):
    """``n`` random windows of ``k`` consecutive elements of the pool slice [start, start+size)."""
    k = np.minimum(np.broadcast_to(np.asarray(k, dtype=np.int64), (n,)), size)
    offset = (rng.random(n) * (size - k + 1)).astype(np.int64)
    return start + offset, k
