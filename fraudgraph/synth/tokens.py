"""Vectorised formatting of opaque tokens, IP addresses and timestamps.

Everything here turns numpy integer arrays into polars string Series without a
Python loop per value: hex digits come from a 256-entry byte-pair table applied
to the big-endian bytes of each integer.
"""

from __future__ import annotations

import numpy as np
import polars as pl

__all__ = ["mix64", "hex_tokens", "ipv4_strings", "ipv6_strings", "digits"]

_HEX = b"0123456789abcdef"
_PAIRS = np.array([_HEX[i >> 4] | (_HEX[i & 15] << 8) for i in range(256)], dtype=np.uint16)


def mix64(values: np.ndarray, salt: int = 0) -> np.ndarray:
    """SplitMix64 finaliser: a fast bijective hash of uint64 values (wrapping arithmetic)."""
    with np.errstate(over="ignore"):
        z = values.astype(np.uint64) + np.uint64((0x9E3779B97F4A7C15 * (salt + 1)) % 2**64)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return z ^ (z >> np.uint64(31))


def hex_tokens(values: np.ndarray, width: int = 16, prefix: str = "") -> pl.Series:
    """Format uint64 values as ``prefix`` + the last ``width`` (even, <= 16) hex digits."""
    n = len(values)
    raw = np.ascontiguousarray(values.astype(">u8")).view(np.uint8).reshape(n, 8)
    pairs = _PAIRS[raw[:, 8 - width // 2 :]]
    text = pl.Series(np.ascontiguousarray(pairs).view(f"S{width}").ravel()).cast(pl.String)
    return (prefix + text) if prefix else text


def ipv4_strings(addresses: np.ndarray) -> pl.Series:
    """Dotted-quad strings of uint32 addresses."""
    a = addresses.astype(np.int64)
    octets = [pl.Series(((a >> s) & 255).astype(np.int16)).cast(pl.String) for s in (24, 16, 8, 0)]
    return pl.select(pl.concat_str(octets, separator=".")).to_series()


def ipv6_strings(prefix48: np.ndarray, host: np.ndarray) -> pl.Series:
    """``2a02:xxxx:xxxx:xxxx::xxxx:xxxx`` style addresses from a /48 number and a host number."""
    p = hex_tokens(prefix48 & np.uint64(0xFFFFFFFF), 8)
    h = hex_tokens(host.astype(np.uint64), 8)
    return pl.select(
        pl.concat_str(
            [
                pl.lit("2a02:"),
                p.str.slice(0, 4),
                pl.lit(":"),
                p.str.slice(4, 4),
                pl.lit(":"),
                h.str.slice(0, 4),
                pl.lit("::"),
                h.str.slice(4, 4),
            ]
        )
    ).to_series()


def digits(values: np.ndarray, width: int) -> pl.Series:
    """Zero-padded decimal strings of non-negative integers."""
    return pl.Series(values.astype(np.int64)).cast(pl.String).str.zfill(width)
