"""The distillation campaign: fake accounts in rings with different tactics.

Every ring signs up in batches minutes apart inside the campaign period, sends
most requests on its own subset of a campaign-wide distillation template pool
plus camouflage on globally popular templates, works the same UTC hours day
after day, asks for long outputs and moves to a newly released model within
hours. What links its accounts differs by tactic: a pool of prepaid cards,
residential-proxy exits (shared with real homes), a rotating proxy provider,
emulator farms sharing device ids and a headless agent, or "stealth" (unique
cards and devices; only timing, e-mail patterns, sequential VoIP numbers and
templates link them). Small side operations run separately with their own
templates and timing. Ring count, sizes, tactic mix, template-set sizes,
camouflage share and timing are drawn from the seed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import polars as pl

from fraudgraph.synth.identity import (
    CHEAP_DOMAINS,
    EMULATOR_AGENTS,
    browser_agents,
    country_index,
    person_locals,
    phone_strings,
    phones,
    public_v4,
    random_locals,
)
from fraudgraph.synth.population import Context, block, windows
from fraudgraph.synth.scenario import DAY, HOUR, MINUTE

__all__ = ["RingPlan", "Campaign", "plan_rings", "build_campaign"]

FAKE_COUNTRIES = ("US", "SG", "HK", "MY", "VN", "ID", "IN", "GB", "BR", "NG", "TR", "PH", "CA")
VOIP_AREAS = ("213", "332", "445", "659", "726", "838", "943", "279", "341", "820")


@dataclass(frozen=True)
class RingPlan:
    ring_id: str
    size: int
    tactics: tuple[str, ...]
    side: bool = False

    @property
    def tactic(self) -> str:
        return "+".join(self.tactics)


@dataclass
class Campaign:
    blocks: list[pl.DataFrame] = field(default_factory=list)
    proxy_ips: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    rings: list[RingPlan] = field(default_factory=list)


def plan_rings(rng: np.random.Generator, sc, fake_accounts: int) -> list[RingPlan]:
    """Ring sizes and tactics for ``fake_accounts`` fakes (main rings plus side operations)."""
    if fake_accounts <= 0:
        return []
    n_side = (
        int(rng.integers(sc.n_side_ops[0], sc.n_side_ops[1] + 1)) if fake_accounts >= 300 else 0
    )
    side_sizes = rng.integers(sc.side_op_size[0], sc.side_op_size[1] + 1, n_side)
    main = fake_accounts - int(side_sizes.sum())
    n_rings = int(min(rng.integers(sc.n_rings[0], sc.n_rings[1] + 1), max(1, main // 25)))
    w = np.clip(rng.lognormal(0, 1.0, n_rings), 0.2, 3.5)  # about 200..6000 at 25k fakes
    sizes = np.maximum(1, np.floor(w / w.sum() * main).astype(np.int64))
    sizes[np.argmax(sizes)] += main - sizes.sum()
    tactics = list(rng.permutation(sc.tactics))
    while len(tactics) < n_rings:
        tactics.append(str(rng.choice(sc.tactics, p=[0.25, 0.2, 0.15, 0.15, 0.25])))
    plans = []
    non_stealth = [t for t in sc.tactics if t != "stealth"]
    for i in range(n_rings):
        t = [str(tactics[i])]
        if t[0] != "stealth" and rng.random() < 0.35:
            t.append(str(rng.choice([x for x in non_stealth if x != t[0]])))
        plans.append(RingPlan(f"R{i + 1:02d}", int(sizes[i]), tuple(t)))
    for j in range(n_side):
        t = str(rng.choice(["prepaid_pool", "emulator_farm", "stealth"]))
        plans.append(RingPlan(f"S{j + 1}", int(side_sizes[j]), (t,), side=True))
    return plans


def build_campaign(ctx: Context, fake_accounts: int) -> Campaign:
    """All fake accounts, one block per ring, plus the residential-proxy exits they use."""
    rng, reg, sc = ctx.rng, ctx.reg, ctx.sc
    out = Campaign(rings=plan_rings(rng, sc, fake_accounts))
    pool = reg.templates(sc.campaign_pool)
    proxies = []
    for plan in out.rings:
        accounts, proxy = _ring(ctx, plan, pool)
        out.blocks.append(accounts)
        proxies.append(proxy)
    if proxies:
        out.proxy_ips = np.concatenate(proxies)
    return out


def _ring(ctx: Context, plan: RingPlan, campaign_pool: np.ndarray):
    rng, reg, sc = ctx.rng, ctx.reg, ctx.sc
    n, t = plan.size, set(plan.tactics)
    stealth = "stealth" in t
    # Who: a few countries.
    codes = rng.choice(FAKE_COUNTRIES, size=int(rng.integers(1, 4)), replace=False)
    cidx = np.array([country_index(c) for c in codes])
    country = cidx[rng.choice(len(cidx), n, p=rng.dirichlet(np.ones(len(cidx))))]

    # When: the ring's working hours (UTC), batches of signups minutes apart.
    h0, width = int(rng.integers(0, 24)), int(rng.integers(5, 12))
    hours = np.full(24, 0.03)
    hours[(h0 + np.arange(width)) % 24] = rng.uniform(0.7, 1.0, width)
    sched = reg.schedule(hours)
    span = sc.campaign_end - sc.campaign_start
    if plan.side:
        p_start = sc.campaign_start + int(rng.uniform(0.1, 0.8) * span)
        p_end = min(sc.campaign_end, p_start + int(rng.uniform(1, 5) * DAY))
    else:
        p_start = sc.campaign_start + int(rng.uniform(0, 0.45) * span)
        p_end = min(sc.campaign_end, p_start + int(rng.uniform(0.4, 1.0) * span))
    batch_mean = rng.uniform(8, 40) if not plan.side else n
    n_batches = max(1, int(np.ceil(n / batch_mean)))
    days = p_start // DAY + rng.integers(0, max(1, (p_end - p_start) // DAY), n_batches)
    batch_start = days * DAY + ((h0 + rng.integers(0, width, n_batches)) % 24) * HOUR
    batch = np.sort(rng.integers(0, n_batches, n))
    gap = rng.exponential(rng.uniform(1, 4) * MINUTE, n)
    first = np.r_[True, batch[1:] != batch[:-1]]
    run = np.cumsum(gap) - np.maximum.accumulate(np.where(first, np.cumsum(gap) - gap, 0))
    created = np.clip(
        batch_start[batch] + run.astype(np.int64), sc.campaign_start, sc.campaign_end - 1
    )
    act_end = np.full(n, min(sc.campaign_end, p_end + int(rng.uniform(0, 12) * DAY)))
    act_end = np.maximum(act_end, created + DAY)
    order = np.argsort(created, kind="stable")  # sequential identifiers follow signup order
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n)

    # Traffic traits.
    if plan.side:
        tpl = reg.templates(int(rng.integers(30, 81)))
    else:
        k = int(
            min(len(campaign_pool), rng.integers(sc.ring_templates[0], sc.ring_templates[1] + 1))
        )
        tpl = rng.choice(campaign_pool, k, replace=False)
    tpl_start = reg.template_pool.add(tpl)
    camo = rng.uniform(*sc.camouflage)
    active_days = (act_end - np.maximum(created, sc.window_start)) / DAY
    cols = dict(
        kind="fake",
        group_id=plan.ring_id,
        ring_id=plan.ring_id,
        tactic=plan.tactic,
        created=created,
        country=country,
        tz=0,
        act_end=act_end,
        sched=sched,
        tpl_start=tpl_start,
        tpl_len=len(tpl),
        tpl_skew=rng.uniform(1.0, 1.4),
        p_own=1 - camo,
        p_pop=camo,
        lam=rng.gamma(4.0, 0.25, n) * active_days,
        out_med=rng.uniform(2500, 4200),
        out_sigma=0.35,
        in_med=rng.uniform(500, 1500),
        pivot_h=rng.uniform(1, 20),
    )
    if plan.side:
        cols["lam"] = cols["lam"] * rng.uniform(0.5, 2.0)

    # IPs.
    proxy = np.zeros(0, dtype=np.int64)
    if "resi_proxy" in t:
        k = int(rng.integers(3, 9))
        m = max(2, int(round(n * k / rng.uniform(50, 200))))
        proxy = reg.ipv4(public_v4(rng, m))
        ip_start, ip_len = windows(rng, reg.ip_pool.add(proxy), m, n, k)
    elif "rotating_proxy" in t:
        k = int(rng.integers(6, 16))
        m = max(k, int(n * k / rng.uniform(2, 4)))
        ip_start, ip_len = windows(rng, reg.ip_pool.add(reg.ipv4(public_v4(rng, m))), m, n, k)
    elif "emulator_farm" in t and rng.random() < 0.6:
        m = max(2, int(round(n / rng.uniform(20, 60))))
        ips = reg.ipv4(public_v4(rng, m, datacenter=True))
        ip_start, ip_len = windows(rng, reg.ip_pool.add(ips), m, n, rng.integers(1, 4, n))
    else:
        k = rng.integers(1, 3, n)
        v6 = rng.random() < 0.3
        own = reg.ipv6(int(k.sum())) if v6 else reg.ipv4(public_v4(rng, int(k.sum())))
        ip_start = reg.ip_pool.add(own) + np.concatenate([[0], np.cumsum(k)[:-1]])
        ip_len = k
    pool = reg.ip_pool.array()
    cols.update(
        ip_start=ip_start,
        ip_len=ip_len,
        signup_ip=pool[ip_start + (rng.random(n) * ip_len).astype(np.int64)],
    )

    # Devices and user agents.
    if "emulator_farm" in t:
        m = max(1, int(round(n / rng.uniform(10, 50))))
        farm = reg.devices(m)
        d_start = reg.device_pool.add(farm)
        cols.update(dev_start=d_start + rng.integers(0, m, n), dev_len=1)
        agents = pl.Series(EMULATOR_AGENTS)
        cols["ua"] = agents.gather(
            rng.integers(0, len(EMULATOR_AGENTS), n)
            if rng.random() < 0.5
            else np.full(n, rng.integers(0, len(EMULATOR_AGENTS)))
        )
    else:
        cols.update(dev_start=reg.device_pool.add(reg.devices(n)) + np.arange(n), dev_len=1)
        cols["ua"] = browser_agents(rng, n)

    # Cards.
    if "prepaid_pool" in t:
        m = max(1, int(round(n / rng.uniform(5, 40))))
        cards = reg.cards(m, country[rng.integers(0, n, m)], prepaid=True)
        card, pays = cards[rng.integers(0, m, n)], rng.random(n) < 0.9
    else:
        card = reg.cards(n, country, prepaid=rng.random(n) < (0.8 if stealth else 0.5))
        pays = rng.random(n) < (0.75 if stealth else 0.55)
    cols.update(card=np.where(pays, card, -1), n_pay=np.where(pays, 1 + rng.geometric(0.6, n), 0))

    cols["email"] = _emails(ctx, n, stealth)
    cols["phone"] = _phones(ctx, n, country, rank, stealth)
    return block(n, **cols), proxy


def _emails(ctx: Context, n: int, stealth: bool) -> pl.Series:
    """Stealth: gmail dot/plus variants of a few bases, random locals on cheap domains."""
    rng = ctx.rng
    cheap = pl.Series(CHEAP_DOMAINS).gather(rng.integers(0, len(CHEAP_DOMAINS), n))
    throwaway = random_locals(rng, n, int(rng.integers(7, 11))) + "@" + cheap
    people = person_locals(rng, n).str.replace_all(r"[._]", "") + pl.Series(
        rng.integers(10, 9999, n)
    ).cast(pl.String)
    webmail = pl.Series(["gmail.com", "outlook.com", "hotmail.com", "yahoo.com"]).gather(
        rng.choice(4, n, p=[0.6, 0.15, 0.15, 0.1])
    )
    if not stealth:
        pick = pl.Series(rng.random(n) < 0.4)
        return pl.select(
            pl.when(pick).then(throwaway).otherwise(people + "@" + webmail)
        ).to_series()
    n_base = max(1, n // int(rng.integers(3, 9)))
    base = people.head(n_base).gather(rng.integers(0, n_base, n))
    length = base.str.len_chars()
    cut = pl.Series((rng.random(n) * (length.to_numpy() - 1)).astype(np.int64) + 1)
    tag = random_locals(rng, n, int(rng.integers(3, 6)), 0.3)
    style = pl.Series(rng.integers(0, 3, n))
    variant = pl.select(
        pl.when(style == 0)
        .then(pl.concat_str([base.str.slice(0, cut), pl.lit("."), base.str.slice(cut)]))
        .when(style == 1)
        .then(pl.concat_str([base, pl.lit("+"), tag]))
        .otherwise(
            pl.concat_str(
                [base.str.slice(0, cut), pl.lit("."), base.str.slice(cut), pl.lit("+"), tag]
            )
        )
    ).to_series()
    pick = pl.Series(rng.random(n) < 0.55)
    return pl.select(pl.when(pick).then(variant + "@gmail.com").otherwise(throwaway)).to_series()


def _phones(ctx: Context, n: int, country: np.ndarray, rank: np.ndarray, stealth: bool):
    """Sequential VoIP numbers (stealth always, others sometimes) or a few random ones."""
    rng = ctx.rng
    voip = stealth or rng.random() < 0.4
    if voip:
        area = str(rng.choice(VOIP_AREAS))
        base = int(rng.integers(200, 990)) * 10_000 + int(rng.integers(0, 3000))
        number = base + rank * int(rng.integers(1, 4))
        national = area + pl.Series(number).cast(pl.String).str.zfill(7)
        # US VoIP lines: written for the account's country, so a foreign one is international.
        text = phone_strings(rng, country, pl.repeat("1", n, eager=True), national)
        keep = rng.random(n) < (0.9 if stealth else 0.6)
    else:
        cc, national = phones(rng, country)
        text = phone_strings(rng, country, cc, national)
        keep = rng.random(n) < 0.3
    return pl.select(pl.when(pl.Series(keep)).then(text)).to_series()
