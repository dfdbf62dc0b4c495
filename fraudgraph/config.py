"""Configuration as data: weights, thresholds and allowlists in one typed model.

Defaults live here; ``docs/config.md`` documents each field and
``fraudgraph config --defaults`` prints them as TOML. A TOML file passed with
``--config`` (or ``<db stem>.toml`` beside the database) overrides any subset.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from fraudgraph.errors import InputError

__all__ = ["Config", "EvidenceKind", "GraphConfig", "DetectConfig", "ScoreConfig", "load_config"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EvidenceKind(_Model):
    """How one kind of shared value links accounts.

    weight: evidence of one link through a value shared by exactly two accounts (0-1).
    rarity: discount by 1/log2(accounts sharing the value) (identifiers). Soft
        kinds (rarity false, max_gap set) are discounted by how surprising the
        time gap between the two accounts is given the value's base rate.
    max_links: each account links to at most this many neighbours in time among
        the accounts sharing the value: k accounts emit at most k * max_links
        links, never k^2 (the edge budget).
    max_gap_minutes: link only accounts that showed the value this close in time.
    max_accounts / max_share: a value shared by more accounts (or by more than this
        share of the accounts having the kind) is a hub: no edges.
    combine: how several values of the kind on one pair combine: max, or a sum
        capped at the kind weight (many shared rare templates beat one).
    standalone: false for context kinds that only count on pairs that share
        something else (signup bursts).
    """

    weight: float = Field(ge=0, le=1)
    rarity: bool = True
    max_links: int = Field(default=4, ge=1, le=50)
    max_gap_minutes: float | None = Field(default=None, gt=0)
    max_accounts: int = Field(default=50_000, ge=2)
    max_share: float = Field(default=1.0, gt=0, le=1)
    combine: Literal["max", "sum"] = "max"
    standalone: bool = True


DAY = 24 * 60.0

# E-mail domain suffixes that only accredited schools and universities can
# register. Accounts on one such domain are one institution's people: their
# course templates, term-start signups and class hours are shared institution
# wide, so a group of them is tested against the rest of its institution
# (docs/scoring.md section 3). Extend it with a list of known university domains
# for countries without a reserved suffix (uni-*.de, univ-*.fr).
INSTITUTION_DOMAINS = (
    "edu",
    "ac.uk",
    "ac.jp",
    "ac.kr",
    "ac.in",
    "ac.nz",
    "ac.za",
    "ac.il",
    "ac.at",
    "ac.th",
    "ac.id",
    "edu.au",
    "edu.cn",
    "edu.hk",
    "edu.sg",
    "edu.tw",
    "edu.br",
    "edu.mx",
    "edu.ar",
    "edu.co",
    "edu.tr",
    "edu.my",
    "edu.pk",
    "edu.in",
)

# Mail providers anyone can sign up at: never one organisation's domain.
FREE_MAIL_DOMAINS = (
    "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com",
    "yahoo.com", "yahoo.co.uk", "yahoo.co.jp", "yahoo.fr", "yahoo.de", "ymail.com",
    "icloud.com", "me.com", "mac.com", "aol.com", "proton.me", "protonmail.com",
    "gmx.de", "gmx.net", "gmx.com", "web.de", "mail.com", "zoho.com", "yandex.ru",
    "yandex.com", "mail.ru", "qq.com", "163.com", "126.com", "naver.com", "hanmail.net",
    "orange.fr", "free.fr", "libero.it", "t-online.de", "rediffmail.com", "fastmail.com",
    "tutanota.com", "hey.com", "uol.com.br", "bol.com.br", "seznam.cz", "wp.pl", "o2.pl",
)  # fmt: skip

CHEAP_DOMAINS = (
    "mailinator.com",
    "guerrillamail.com",
    "sharklasers.com",
    "10minutemail.com",
    "yopmail.com",
    "tempmail.com",
    "temp-mail.org",
    "trashmail.com",
    "getnada.com",
    "maildrop.cc",
    "dispostable.com",
    "mailnesia.com",
    "mintemail.com",
    "throwawaymail.com",
    "fakeinbox.com",
    "emailondeck.com",
    "mohmal.com",
    "burnermail.io",
    "tempr.email",
    "mail.tm",
    "moakt.com",
    "spamgourmet.com",
    "inboxkitten.com",
    "tmpmail.org",
)


def _default_kinds() -> dict[str, EvidenceKind]:
    return {
        "card": EvidenceKind(weight=0.9),
        "device": EvidenceKind(weight=0.9),
        "email": EvidenceKind(weight=1.0),
        "phone": EvidenceKind(weight=0.9),
        "ip": EvidenceKind(weight=0.6, max_gap_minutes=30 * DAY),
        "template": EvidenceKind(weight=0.7, combine="sum", max_share=0.02),
        "sync": EvidenceKind(weight=0.5),
        "ip_prefix": EvidenceKind(weight=0.5, rarity=False, max_gap_minutes=120),
        "email_pattern": EvidenceKind(weight=0.5, rarity=False, max_gap_minutes=120),
        "phone_block": EvidenceKind(weight=0.8, rarity=False, max_gap_minutes=DAY),
        "signup_burst": EvidenceKind(
            weight=0.4, rarity=False, max_gap_minutes=30, standalone=False
        ),
    }


class GraphConfig(_Model):
    kinds: dict[str, EvidenceKind] = Field(default_factory=_default_kinds)
    min_edge_weight: float = Field(default=0.15, ge=0)
    max_values_per_kind: int = Field(default=3, ge=1)
    # Values never used as evidence, per kind (e.g. a known corporate NAT IP).
    allowlist: dict[str, list[str]] = Field(default_factory=dict)
    # Template evidence per account: its most used templates only (bounds the links
    # a heavy account can emit; a ring's templates are its most used ones).
    max_templates_per_account: int = Field(default=50, ge=1)
    sync_bands: int = Field(default=4, ge=1)
    sync_rows: int = Field(default=3, ge=1)
    sync_min_hours: int = Field(default=8, ge=2)
    sync_max_duty: float = Field(default=0.5, gt=0, le=1)
    seed: int = 11


class DetectConfig(_Model):
    objective: Literal["CPM", "modularity"] = "CPM"
    resolution: float = Field(default=0.01, gt=0)
    # Two coarser levels of "ring candidates" that fine clusters nest in: a middle
    # one (one operation whose fragments share proxies and templates) and a coarse
    # one (a whole campaign). Where rotating proxies tie several operations and
    # their legit neighbours into one coarse blob, the middle level still holds
    # each operation (200k accounts, seed 3: recall 0.52 with the coarse level
    # alone, 0.88 with the middle one).
    mid_resolution: float = Field(default=0.0002, gt=0)
    ring_resolution: float = Field(default=0.00002, gt=0)
    beta: float = Field(default=0.01, gt=0)
    # Leiden passes: 2 (igraph's default) gave the same quality as iterating to
    # convergence at 250k accounts (precision 0.993 vs 0.994, recall 0.903 vs 0.905)
    # and detection 6x faster (4.5 s vs 27 s).
    n_iterations: int = Field(default=2)
    seed: int = 42
    min_cluster_size: int = Field(default=3, ge=2)
    analysis_max_nodes: int = Field(default=3000, ge=10)
    analysis_top_clusters: int = Field(default=300, ge=0)
    # DuckDB's working memory for a rebuild; beyond it, joins spill to disk.
    memory_limit_mb: int = Field(default=5000, ge=256)


class ScoreConfig(_Model):
    null_replicates: int = Field(default=30, ge=5)
    null_sample_size: int = Field(default=150, ge=10)
    null_min_stratum: int = Field(default=200, ge=1)
    # Random groups can also come from the same signup cohort (created in the same
    # span of this many days) as well as the same country; 0 (the default): country
    # only. Cohorts take launch-day and term-start co-activity out of the evidence,
    # but a campaign that dominates a country's signups in its weeks then fills
    # its own null model (docs/scoring.md section 3): off until the pool can
    # exclude it.
    null_cohort_days: int = Field(default=0, ge=0)
    # A group with at least this share of its members on one institution's e-mail
    # domain (a suffix in institution_domains) gets its random groups from that
    # institution's other accounts, clustered or not, instead of strangers of its
    # members' countries (docs/scoring.md section 3). An empty list turns it off.
    institution_min_share: float = Field(default=0.5, gt=0, le=1)
    # ... unless the group holds more than this share of the domain's accounts: a
    # "school" a group is nearly all of may be student addresses a campaign bought,
    # and a null drawn from it would be the campaign itself. 1 turns this guard off.
    institution_max_cover: float = Field(default=0.75, gt=0, le=1)
    # An institution's people on personal addresses: the accounts that signed up
    # from an address where at least institution_min_share of the accounts, and at
    # least this many, are on one institutional domain (a campus NAT) count as that
    # institution's. 0 turns this off (the domain alone decides).
    institution_network_min: int = Field(default=5, ge=0)
    institution_domains: list[str] = Field(default_factory=lambda: list(INSTITUTION_DOMAINS))
    # Organisations count as one voice in a group's coordination statistics
    # (queries/score/orgs.sql, docs/scoring.md section 3): a declared org_id, or a
    # private e-mail domain (at most org_max_accounts accounts; 0 turns inferred
    # organisations off) at least org_anchor_share of whose accounts signed up from
    # the domain's own address (org_network_min accounts there) or pay with its own
    # card (org_card_min accounts on it).
    org_max_accounts: int = Field(default=1000, ge=0)
    org_anchor_share: float = Field(default=0.5, gt=0, le=1)
    org_network_min: int = Field(default=5, ge=2)
    org_card_min: int = Field(default=3, ge=2)
    # A declared org_id also holds the undeclared accounts on its private e-mail
    # domain when it has at least this share of the domain's accounts (and 90% of
    # its declared ones): a company that declared only part of its staff. 1 turns
    # this off unless every account on the domain is declared.
    org_declared_share: float = Field(default=0.25, gt=0, le=1)
    # A venue is an organisation too: a signup address where at least
    # org_network_min accounts, and most of its signups, signed up in one sitting
    # (within venue_hours of each other): a hackathon, a workshop, a class in a
    # lab, a team's onboarding day. 0 turns venues off.
    venue_hours: float = Field(default=8.0, ge=0)
    free_mail_domains: list[str] = Field(default_factory=lambda: list(FREE_MAIL_DOMAINS))
    seed: int = 7
    signup_window_minutes: float = Field(default=30.0, gt=0)
    # A member's signup batch is measured against the accounts that signed up
    # within this many hours of it too (member_strength.sql, local_null): beside
    # a ring that hides its signups in a launch-day crowd, anyone who signed up
    # that day is in a batch with it. 0 turns this off (only the random accounts
    # of the cluster's null groups).
    burst_local_hours: float = Field(default=12.0, ge=0)
    # The sync statistic leaves out each account's first day after signup: a batch
    # of signups is active together in its first hours whoever they are (a launch
    # crowd tries the product all that day), and that is the signup agreement
    # again (queries/score/settled_hours.sql, docs/scoring.md section 3). 0 keeps
    # them.
    activation_hours: int = Field(default=24, ge=0)
    # A member is "in a signup batch" when this many members (itself included)
    # were created within signup_window_minutes of it. Two strangers with the same
    # common signup context (country, browser, mail domain) minutes apart happen
    # every day, and the signup_burst edges put exactly such pairs in one cluster:
    # a pair is chance that the graph selected, three is a batch. A cluster larger
    # than null_sample_size is measured on a sample, which thins its batches: there
    # two sampled members in one window count (queries/score/group_stats.sql).
    signup_min_batch: int = Field(default=3, ge=2)
    # Finer cut of fine clusters that nothing flags (0: off). Leiden (CPM) at this
    # resolution inside each such cluster; the parts are scored as clusters of
    # their own (graph/score.py, docs/scoring.md section 6).
    split_resolution: float = Field(default=0.0, ge=0)
    # A template is used in lockstep by a group when at least three members use it
    # and this many times more often than the population does.
    template_lift: float = Field(default=10.0, ge=1)
    # CopyCatch's lockstep is a set of users on a set of items: a group's template
    # statistic counts only when it runs at least this many templates in lockstep.
    # A team sharing its 3-9 internal prompts is not a ring; flagged fake clusters
    # measured here run dozens to hundreds (docs/scoring.md section 3).
    template_min_items: int = Field(default=10, ge=1)
    # CopyCatch's lockstep is a set of users on a set of items, each user on many
    # of them: a member with fewer than this many specific templates (a launch
    # day's sign-up-and-leave crowd: three viral prompts) cannot show lockstep
    # and agrees with nobody on templates (docs/scoring.md section 3).
    min_member_templates: int = Field(default=5, ge=1)
    # A group that agrees on templates is also tested against the other users of
    # those templates: accounts outside every coordinated group that use as many
    # of its lockstep templates as its typical member, and at least this many
    # (queries/score/community_nulls.sql: users of one agent framework). 0 turns
    # that null model off.
    community_min_templates: int = Field(default=2, ge=0)
    z_min: float = Field(default=4.0, ge=0)
    min_effect: float = Field(default=0.4, ge=0, le=1)
    # An agreement does not count when links of its own kind carry at least this
    # share of the group's internal link weight: the graph selected the members
    # for it (docs/scoring.md section 3). 1 turns the rule off.
    max_formed_share: float = Field(default=0.75, gt=0, le=1)
    # Noise floors of the three statistics for a group of one; divided by sqrt(n).
    signup_floor: float = Field(default=0.3, gt=0)
    template_floor: float = Field(default=0.25, gt=0)
    sync_floor: float = Field(default=2.0, gt=0)
    # Default export threshold on the cluster score (see docs/scoring.md).
    threshold: float = Field(default=0.5, ge=0, le=1)
    min_member_strength: float = Field(default=0.35, ge=0, le=1)
    campaign_min_similarity: float = Field(default=0.2, ge=0, le=1)
    # Disposable / cheap e-mail domains and prepaid card BIN prefixes, for features
    # and reasons only (the score does not vote on them).
    cheap_domains: list[str] = Field(default_factory=lambda: list(CHEAP_DOMAINS))
    prepaid_bins: list[str] = Field(default_factory=list)


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
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"{p}: invalid TOML: {exc}") from None
    try:
        return Config.model_validate(_merge(Config().model_dump(), raw))
    except Exception as exc:  # pydantic.ValidationError, flattened to one line
        lines = [ln.strip() for ln in str(exc).splitlines() if ln.strip()]
        raise InputError(f"{p}: invalid config: {' '.join(lines[1:3])}") from None


def _merge(base: dict, override: dict) -> dict:
    """Deep-merge ``override`` onto ``base`` so a file can change one field of one kind."""
    out = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out
