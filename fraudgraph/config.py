"""Configuration as data: weights, thresholds and allowlists in one typed model.

Defaults live here and in ``default_config.toml`` (the documented copy). A
TOML file passed with ``--config`` (or ``<db stem>.toml`` beside the database)
overrides any subset of fields.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from fraudgraph.errors import InputError

__all__ = ["Config", "EvidenceKind", "load_config"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EvidenceKind(_Model):
    """How one kind of shared value links accounts.

    weight: the evidence a value shared by exactly two accounts gives (0-1).
    max_links: each account links to at most this many neighbours in time
        among the accounts sharing the value (the edge budget: k accounts emit
        at most k * max_links edges, never k^2).
    max_gap_minutes: when set, two accounts are linked by this value only if
        they acquired it this close in time (a soft, time-proximity kind).
    max_accounts: a value shared by more accounts than this is a hub; it is
        kept as evidence for explanation but emits no edges.
    """

    weight: float = Field(ge=0, le=1)
    max_links: int = Field(default=4, ge=1, le=50)
    max_gap_minutes: float | None = Field(default=None, gt=0)
    max_accounts: int = Field(default=20_000, ge=2)


def _default_kinds() -> dict[str, EvidenceKind]:
    return {
        "card": EvidenceKind(weight=0.9),
        "device": EvidenceKind(weight=0.9),
        "email": EvidenceKind(weight=1.0),
        "phone": EvidenceKind(weight=0.9),
        "ip": EvidenceKind(weight=0.6, max_gap_minutes=7 * 24 * 60),
        "ip_prefix": EvidenceKind(weight=0.4, max_gap_minutes=60),
        "email_pattern": EvidenceKind(weight=0.5, max_gap_minutes=60),
        "phone_block": EvidenceKind(weight=0.7, max_gap_minutes=24 * 60),
        "signup_burst": EvidenceKind(weight=0.4, max_gap_minutes=15),
        "template_set": EvidenceKind(weight=0.6),
        "sync": EvidenceKind(weight=0.6),
    }


class GraphConfig(_Model):
    kinds: dict[str, EvidenceKind] = Field(default_factory=_default_kinds)
    min_edge_weight: float = Field(default=0.3, ge=0)
    # Values never used as evidence, per kind (e.g. a known corporate NAT IP).
    allowlist: dict[str, list[str]] = Field(default_factory=dict)


class DetectConfig(_Model):
    objective: str = "CPM"
    resolution: float = Field(default=0.05, gt=0)
    n_iterations: int = Field(default=-1)
    seed: int = 42
    min_cluster_size: int = Field(default=3, ge=2)


class ScoreConfig(_Model):
    null_replicates: int = Field(default=30, ge=5)
    null_sample_size: int = Field(default=150, ge=10)
    seed: int = 7
    # Default export threshold on the cluster score (see docs/scoring.md).
    threshold: float = Field(default=0.5, ge=0, le=1)
    min_member_strength: float = Field(default=0.35, ge=0, le=1)


class RunsConfig(_Model):
    keep: int = Field(default=10, ge=1)
    anomaly_factor: float = Field(default=10.0, gt=1)


class Config(_Model):
    graph: GraphConfig = Field(default_factory=GraphConfig)
    detect: DetectConfig = Field(default_factory=DetectConfig)
    score: ScoreConfig = Field(default_factory=ScoreConfig)
    runs: RunsConfig = Field(default_factory=RunsConfig)


def load_config(path: str | Path | None = None) -> Config:
    """Load a TOML config over the defaults; ``None`` gives the defaults."""
    if path is None:
        return Config()
    p = Path(path)
    try:
        raw = tomllib.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{p}: config file not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{p}: invalid TOML: {exc}") from None
    try:
        return Config.model_validate(raw)
    except Exception as exc:  # pydantic.ValidationError, flattened to one line
        first = str(exc).splitlines()
        raise InputError(f"{p}: invalid config: {' '.join(first[:3])}") from None
