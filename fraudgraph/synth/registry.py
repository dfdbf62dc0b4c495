"""Shared things accounts point at: IP addresses, devices, cards, prompt templates.

Accounts never hold these values directly. Each account holds a *pool*: a
``(start, length)`` slice of a flat index array (``ip_pool``, ``device_pool``,
``template_pool``). Members of a household, company or ring point at the same
slice, which is how sharing is planted; an event later picks one element of
its account's slice at random, so millions of events are drawn with a single
vectorised gather.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import polars as pl

from fraudgraph.synth.tokens import ipv4_strings, ipv6_strings

__all__ = ["Pool", "Registry", "HUMAN", "STUDENT", "ALWAYS", "OFFICE"]

# Local-time hour-of-day shapes (rows 0-3 of every registry's schedule table).
HUMAN, STUDENT, ALWAYS, OFFICE = 0, 1, 2, 3
DEFAULT_SCHEDULES = (
    [
        2,
        1,
        0.6,
        0.4,
        0.3,
        0.4,
        0.8,
        1.5,
        3,
        4.5,
        5.5,
        6,
        5.5,
        6,
        6,
        5.5,
        5,
        4.5,
        4.5,
        5,
        5.5,
        5,
        4,
        3,
    ],
    [
        1,
        0.5,
        0.2,
        0.1,
        0.1,
        0.1,
        0.2,
        0.6,
        2,
        5,
        7,
        7.5,
        6,
        7,
        7.5,
        7,
        6,
        4.5,
        3.5,
        3.5,
        3.5,
        3,
        2,
        1.5,
    ],
    [1, 1, 1, 1, 1, 1, 1, 1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1, 1, 1, 1, 1, 1, 1, 1],
    [
        0.2,
        0.2,
        0.2,
        0.2,
        0.2,
        0.2,
        0.2,
        1,
        4,
        7,
        8,
        8,
        6,
        7,
        8,
        7,
        5,
        2,
        0.8,
        0.5,
        0.4,
        0.3,
        0.2,
        0.2,
    ],
)


@dataclass
class Pool:
    """A growing flat int64 array of element ids, addressed by slices."""

    parts: list[np.ndarray] = field(default_factory=list)
    size: int = 0

    def add(self, ids: np.ndarray) -> int:
        """Append ``ids``; return the start offset of the new slice."""
        start = self.size
        self.parts.append(np.asarray(ids, dtype=np.int64))
        self.size += len(ids)
        return start

    def array(self) -> np.ndarray:
        return np.concatenate(self.parts) if self.parts else np.zeros(0, dtype=np.int64)


@dataclass
class Registry:
    """Allocates IPs, devices, cards and templates, and holds their pools."""

    rng: np.random.Generator
    ip_text: list[pl.Series] = field(default_factory=list)
    n_ips: int = 0
    n_devices: int = 0
    n_templates: int = 0
    card_bin: list[np.ndarray] = field(default_factory=list)
    card_country: list[np.ndarray] = field(default_factory=list)
    n_cards: int = 0
    ip_pool: Pool = field(default_factory=Pool)
    device_pool: Pool = field(default_factory=Pool)
    template_pool: Pool = field(default_factory=Pool)
    schedules: list[np.ndarray] = field(default_factory=list)

    def __post_init__(self) -> None:
        for weights in DEFAULT_SCHEDULES:
            self.schedule(np.array(weights, dtype=float))

    # Hour-of-day schedules ----------------------------------------------------------
    def schedule(self, weights: np.ndarray) -> int:
        """Register a 24-bin hour-of-day distribution; return its row number."""
        self.schedules.append(np.asarray(weights, dtype=float) / np.sum(weights))
        return len(self.schedules) - 1

    # IP addresses -----------------------------------------------------------------
    def ipv4(self, addresses: np.ndarray) -> np.ndarray:
        """Register IPv4 addresses (uint32); return their ids."""
        return self._add_ips(ipv4_strings(addresses))

    def ipv6(self, n: int) -> np.ndarray:
        """Register ``n`` random residential IPv6 addresses; return their ids."""
        prefix = self.rng.integers(0, 2**32, n).astype(np.uint64)
        host = self.rng.integers(0, 2**32, n).astype(np.uint64)
        return self._add_ips(ipv6_strings(prefix, host))

    def _add_ips(self, text: pl.Series) -> np.ndarray:
        ids = np.arange(self.n_ips, self.n_ips + len(text), dtype=np.int64)
        self.ip_text.append(text)
        self.n_ips += len(text)
        return ids

    def ip_strings(self) -> pl.Series:
        return pl.concat(self.ip_text) if self.ip_text else pl.Series([], dtype=pl.String)

    # Devices, templates -----------------------------------------------------------
    def devices(self, n: int) -> np.ndarray:
        ids = np.arange(self.n_devices, self.n_devices + n, dtype=np.int64)
        self.n_devices += n
        return ids

    def templates(self, n: int) -> np.ndarray:
        ids = np.arange(self.n_templates, self.n_templates + n, dtype=np.int64)
        self.n_templates += n
        return ids

    # Cards ------------------------------------------------------------------------
    def cards(
        self, n: int, countries: np.ndarray, prepaid: bool | np.ndarray = False
    ) -> np.ndarray:
        """Register ``n`` cards issued in ``countries``; prepaid ones get prepaid BINs."""
        prepaid = np.broadcast_to(np.asarray(prepaid, dtype=bool), (n,))
        regular_bins = np.array(
            [
                414720,
                426684,
                453211,
                476173,
                511332,
                542418,
                552433,
                371449,
                601100,
                489537,
                520082,
                434256,
            ]
        )
        prepaid_bins = np.array([423223, 440393, 516612, 531306, 485246, 403905, 530133])
        bins = np.where(
            prepaid,
            prepaid_bins[self.rng.integers(0, len(prepaid_bins), n)],
            regular_bins[self.rng.integers(0, len(regular_bins), n)],
        )
        ids = np.arange(self.n_cards, self.n_cards + n, dtype=np.int64)
        self.card_bin.append(bins)
        self.card_country.append(
            np.broadcast_to(np.asarray(countries, dtype=np.int16), (n,)).copy()
        )
        self.n_cards += n
        return ids
