"""The knobs of a synthetic population, as data.

`Scenario` holds every share, size and date the generator uses, with documented
defaults. The generator derives all counts from ``accounts`` (the total, fakes
included) and ``fake_accounts`` so each mechanism scales with the population.
Times are seconds since the Unix epoch (UTC) throughout the generator.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

__all__ = ["Scenario", "epoch", "DAY", "HOUR", "MINUTE"]

MINUTE = 60
HOUR = 3600
DAY = 86_400


def epoch(text: str) -> int:
    """Seconds since the epoch of an ISO date or datetime read as UTC.

    Examples
    --------
    >>> epoch("2026-04-01")
    1775001600
    """
    return int(datetime.fromisoformat(text).replace(tzinfo=UTC).timestamp())


@dataclass(frozen=True)
class Scenario:
    """Shares, sizes and dates of the population (all legit shares are of legit accounts)."""

    # Time frame.
    legit_first_signup: int = epoch("2023-01-01")
    window_start: int = epoch("2026-04-01")  # API traffic window [start, end)
    window_end: int = epoch("2026-07-01")
    campaign_start: int = epoch("2026-04-22")  # fake signups [start, end)
    campaign_end: int = epoch("2026-06-06")
    launch_day: int = epoch("2026-05-14")
    term_starts: tuple[int, ...] = (epoch("2026-04-27"), epoch("2026-06-08"))
    model_release: int = epoch("2026-05-20T16:00:00")
    signup_recency: float = 2.2  # exponential growth rate of legit signups over the span

    # Legit group shares (the remainder are singles).
    share_household: float = 0.10
    share_company: float = 0.07
    share_team: float = 0.02
    share_university: float = 0.06
    share_mobile: float = 0.10
    share_vpn: float = 0.03
    share_framework: float = 0.03
    share_integrator: float = 0.0015
    share_launch_day: float = 0.004  # singles signing up on launch day
    share_power_user: float = 0.01  # singles with heavy traffic
    share_long_output: float = 0.05  # legit accounts asking for long outputs
    share_paying_single: float = 0.35
    share_prepaid_payer: float = 0.04  # of paying singles
    proxy_home_per_proxy_ip: float = 0.5  # households per residential-proxy exit IP

    # Traffic.
    legit_requests_scale: float = 9.0  # tuned so legit accounts average ~8-10 requests
    popular_templates: int = 4000
    popular_zipf: float = 1.05
    n_frameworks: tuple[int, int] = (2, 3)
    framework_templates: tuple[int, int] = (150, 400)
    campaign_pool: int = 6000  # campaign-wide distillation template pool
    chunk_rows: int = 2_000_000  # rows generated per chunk of api_requests / ip_events

    # Campaign.
    n_rings: tuple[int, int] = (8, 14)
    n_side_ops: tuple[int, int] = (2, 3)
    side_op_size: tuple[int, int] = (8, 15)
    camouflage: tuple[float, float] = (0.20, 0.40)
    ring_templates: tuple[int, int] = (80, 700)
    fraud_label_share: float = 0.01
    legit_labels: int = 12

    models_old: tuple[str, str] = ("atlas-2", "atlas-2-mini")
    model_new: str = "atlas-3"
    tactics: tuple[str, ...] = field(
        default=("prepaid_pool", "resi_proxy", "rotating_proxy", "emulator_farm", "stealth")
    )
