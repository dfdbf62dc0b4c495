"""Legitimate accounts: the innocent structures a detector must not ban.

Each builder plants one real-world reason why unrelated or related-but-honest
accounts share attributes: households (home IP, a laptop, a family card),
companies (org_id, corporate card, NAT egress IPs, e-mail domain, internal
prompt templates), teams without an org_id, universities (a few NAT IPs per
thousands of students, term-start signup bursts), carrier-grade NAT and VPN
exits (IPs shared by hundreds of strangers), agent-framework users (hundreds of
templates shared by all users, round-the-clock traffic), API integrators, and
households whose home IP is also a residential-proxy exit. The rest are
singles, some signing up in the launch-day spike, some power users, some
paying with prepaid cards.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from fraudgraph.synth.identity import (
    TZ,
    browser_agents,
    cgnat_v4,
    draw_countries,
    org_names,
    person_emails,
    phone_strings,
    phones,
    public_v4,
)
from fraudgraph.synth.population import Context, block, recency_times, windows
from fraudgraph.synth.registry import ALWAYS, HUMAN, OFFICE, STUDENT
from fraudgraph.synth.scenario import DAY, HOUR
from fraudgraph.synth.tokens import hex_tokens, mix64

__all__ = ["build_legit"]


def build_legit(ctx: Context, n_legit: int, proxy_ips: np.ndarray) -> list[pl.DataFrame]:
    """All legit blocks for ``n_legit`` accounts; ``proxy_ips`` are residential-proxy exits."""
    sc, rng = ctx.sc, ctx.rng
    counts = {
        "household": sc.share_household,
        "company": sc.share_company,
        "team": sc.share_team,
        "university": sc.share_university,
        "mobile": sc.share_mobile,
        "vpn": sc.share_vpn,
        "framework": sc.share_framework,
        "integrator": sc.share_integrator,
    }
    n = {k: int(round(v * n_legit)) for k, v in counts.items()}
    n_proxy_homes = int(round(len(proxy_ips) * sc.proxy_home_per_proxy_ip))
    planted = sum(n.values()) + int(n_proxy_homes * 2.5)
    if planted > n_legit:  # tiny populations: shrink every group proportionally
        f = n_legit / max(planted, 1) * 0.8
        n = {k: int(v * f) for k, v in n.items()}
        n_proxy_homes = int(n_proxy_homes * f)
    blocks: list[pl.DataFrame] = []
    carriers = _carrier_ips(ctx, max(n["mobile"], n_legit // 20))
    blocks.append(_households(ctx, n["household"], "household", None))
    if n_proxy_homes:
        homes = rng.choice(proxy_ips, size=min(n_proxy_homes, len(proxy_ips)), replace=False)
        blocks.append(_households(ctx, None, "proxy_home", homes))
    blocks.append(_companies(ctx, n["company"]))
    blocks.append(_teams(ctx, n["team"]))
    blocks.append(_universities(ctx, n["university"]))
    blocks.append(_mobile(ctx, n["mobile"], carriers))
    blocks.append(_vpn(ctx, n["vpn"]))
    blocks.append(_frameworks(ctx, n["framework"]))
    blocks.append(_integrators(ctx, n["integrator"]))
    blocks = [b for b in blocks if b is not None and b.height]
    n_singles = n_legit - sum(b.height for b in blocks)
    blocks.append(_singles(ctx, n_singles, carriers))
    return [_long_outputs(ctx, b) for b in blocks if b.height]


# --- shared pieces -------------------------------------------------------------------


def _created(ctx: Context, n: int) -> np.ndarray:
    sc = ctx.sc
    return recency_times(ctx.rng, n, sc.legit_first_signup, sc.window_end, sc.signup_recency)


def _lam(ctx: Context, created: np.ndarray, level: float | np.ndarray, sigma: float = 1.3):
    """Expected requests in the traffic window: dormant old accounts, heavy-tailed activity."""
    sc, rng = ctx.sc, ctx.rng
    n = len(created)
    span = sc.window_end - sc.legit_first_signup
    age = np.clip((sc.window_end - created) / span, 0, 1)
    active = rng.random(n) < (0.75 - 0.45 * age)
    start = np.maximum(created, sc.window_start)
    frac = np.clip((sc.window_end - start) / (sc.window_end - sc.window_start), 0, 1)
    heavy = rng.lognormal(-0.5 * sigma**2, sigma, n)
    return active * frac * heavy * level * sc.legit_requests_scale


def _home_ips(ctx: Context, n: int) -> np.ndarray:
    """Unique home IPs, some IPv6."""
    v6 = ctx.rng.random(n) < 0.12
    ids = np.empty(n, dtype=np.int64)
    ids[~v6] = ctx.reg.ipv4(public_v4(ctx.rng, int((~v6).sum())))
    ids[v6] = ctx.reg.ipv6(int(v6.sum()))
    return ids


def _own_slices(pool, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each account gets a one-element slice holding its own id."""
    start = pool.add(ids)
    return start + np.arange(len(ids)), np.ones(len(ids), dtype=np.int64)


def _rows(pool, table: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each account gets a slice holding one row of ``table`` (n x k)."""
    n, k = table.shape
    start = pool.add(table.ravel())
    return start + k * np.arange(n), np.full(n, k, dtype=np.int64)


def _phones(ctx: Context, countries: np.ndarray, share: float = 0.6) -> pl.Series:
    cc, national = phones(ctx.rng, countries)
    text = phone_strings(ctx.rng, countries, cc, national)
    keep = pl.Series(ctx.rng.random(len(countries)) < share)
    return pl.select(pl.when(keep).then(text)).to_series()


def _person(ctx: Context, kind: str, countries: np.ndarray, created: np.ndarray, **over):
    """Columns of ordinary people with their own home IP and device; ``over`` overrides."""
    rng, reg, sc = ctx.rng, ctx.reg, ctx.sc
    n = len(countries)
    cols = dict(
        kind=kind, created=created, country=countries, tz=TZ[countries], act_end=sc.window_end
    )
    if "email" not in over:
        cols["email"] = person_emails(rng, countries)
    if "phone" not in over:
        cols["phone"] = _phones(ctx, countries)
    if "ua" not in over:
        cols["ua"] = browser_agents(rng, n)
    if "ip_start" not in over:
        home = _home_ips(ctx, n)
        cols["signup_ip"] = home
        cols["ip_start"], cols["ip_len"] = _own_slices(reg.ip_pool, home)
    if "dev_start" not in over:
        cols["dev_start"], cols["dev_len"] = _own_slices(reg.device_pool, reg.devices(n))
    cols.update(sched=HUMAN, lam=_lam(ctx, created, 1.0), p_pop=rng.uniform(0.3, 0.55, n))
    cols.update(
        out_med=rng.lognormal(np.log(320), 0.35, n), in_med=rng.lognormal(np.log(380), 0.5, n)
    )
    cols.update(over)
    return cols


def _pick_signup_ip(ctx: Context, ip_start: np.ndarray, ip_len: np.ndarray) -> np.ndarray:
    pool = ctx.reg.ip_pool.array()
    return pool[ip_start + (ctx.rng.random(len(ip_start)) * ip_len).astype(np.int64)]


def _pay(ctx: Context, mask: np.ndarray, cards: np.ndarray) -> dict:
    n_pay = np.where(mask, 1 + ctx.rng.geometric(0.35, len(mask)), 0)
    return {"card": np.where(mask, cards, -1), "n_pay": np.minimum(n_pay, 12)}


def _group_sizes(rng: np.random.Generator, total: int, draw) -> np.ndarray:
    """Group sizes from ``draw(k)`` until they sum to exactly ``total``."""
    if total <= 0:
        return np.zeros(0, dtype=np.int64)
    sizes = draw(max(4, total // 2))
    while sizes.sum() < total:
        sizes = np.concatenate([sizes, draw(max(4, total // 2))])
    cut = int(np.searchsorted(np.cumsum(sizes), total))
    sizes = sizes[: cut + 1].copy()
    sizes[-1] -= sizes.sum() - total
    return sizes[sizes > 0]


def _group_ids(kind: str, group: np.ndarray) -> pl.Series:
    return kind + "-" + pl.Series(group).cast(pl.String).str.zfill(5)


def _tz_shift(ctx: Context, created: np.ndarray, countries: np.ndarray, sched: int) -> np.ndarray:
    """Move signup times to a local-time hour drawn from a schedule (people sign up awake)."""
    w = ctx.reg.schedules[sched]
    hours = ctx.rng.choice(24, size=len(created), p=w)
    day = created - created % DAY
    t = day + ((hours - TZ[countries]) % 24) * HOUR + ctx.rng.integers(0, HOUR, len(created))
    return np.minimum(t, ctx.sc.window_end - 1)


# --- group builders ----------------------------------------------------------------


def _households(ctx: Context, total: int | None, kind: str, home_ips: np.ndarray | None):
    """Households of 2-5 sharing a home IP; sometimes a laptop or a family card."""
    rng, reg = ctx.rng, ctx.reg
    if home_ips is None:
        sizes = _group_sizes(
            rng, total, lambda k: rng.choice([2, 3, 4, 5], k, p=[0.45, 0.3, 0.15, 0.1])
        )
        home_ips = _home_ips(ctx, len(sizes))
    else:
        sizes = rng.choice([1, 2, 3, 4], len(home_ips), p=[0.3, 0.35, 0.2, 0.15])
    if len(sizes) == 0:
        return None
    h = np.repeat(np.arange(len(sizes)), sizes)
    n = len(h)
    home_country = draw_countries(rng, len(sizes))
    country = home_country[h]
    created = _created(ctx, n)
    ip_start, ip_len = _own_slices(reg.ip_pool, home_ips)
    laptop_home = rng.random(len(sizes)) < 0.3
    laptop = reg.devices(len(sizes))
    own = reg.devices(n)
    dev = np.stack([own, np.where(laptop_home[h], laptop[h], own)], axis=1)
    dev_start, dev_len = _rows(reg.device_pool, dev)
    dev_len = np.where(laptop_home[h], 2, 1)
    family = rng.random(len(sizes)) < 0.25
    cards = reg.cards(len(sizes), home_country)
    own_cards = reg.cards(n, country)
    pays = rng.random(n) < 0.35
    card = np.where(family[h], cards[h], own_cards)
    cols = _person(
        ctx,
        kind,
        country,
        created,
        signup_ip=home_ips[h],
        ip_start=ip_start[h],
        ip_len=ip_len[h],
        dev_start=dev_start,
        dev_len=dev_len,
        group_id=_group_ids(kind, h),
        tactic=np.where(family[h], "family_card", ""),
    )
    cols.update(_pay(ctx, pays, card))
    return block(n, **cols)


def _companies(ctx: Context, total: int):
    """Companies with org_id, corporate card, NAT egress IPs, domain, internal templates."""
    rng, reg, sc = ctx.rng, ctx.reg, ctx.sc
    sizes = _group_sizes(
        rng, total, lambda k: np.clip((5 * (1 + rng.pareto(1.1, k))).astype(int), 5, 3000)
    )
    if len(sizes) == 0:
        return None
    g = np.repeat(np.arange(len(sizes)), sizes)
    n = len(g)
    k = len(sizes)
    country = draw_countries(rng, k)
    founded = recency_times(rng, k, sc.legit_first_signup, sc.window_end - 30 * DAY, 1.5)
    spread = rng.uniform(30, 400, k) * DAY
    created = np.minimum(
        founded[g] + (rng.exponential(1.0, n) * spread[g] / 3).astype(np.int64), sc.window_end - 1
    )
    created = _tz_shift(ctx, created, country[g], OFFICE)
    n_nat = np.clip(1 + sizes // 150, 1, 6)
    nat_start = np.zeros(k, dtype=np.int64)
    nat_ids = reg.ipv4(public_v4(rng, int(n_nat.sum())))
    nat_start[:] = reg.ip_pool.add(nat_ids) + np.concatenate([[0], np.cumsum(n_nat)[:-1]])
    ip_start, ip_len = nat_start[g], n_nat[g]
    n_tpl = rng.integers(5, 41, k)
    tpl_start = reg.template_pool.add(reg.templates(int(n_tpl.sum()))) + np.concatenate(
        [[0], np.cumsum(n_tpl)[:-1]]
    )
    domain = org_names(rng, k)
    org = hex_tokens(
        mix64(np.arange(k, dtype=np.uint64), salt=int(rng.integers(1 << 30))), 12, "org_"
    )
    card = reg.cards(k, country)
    cols = _person(
        ctx,
        "company",
        country[g],
        created,
        group_id=_group_ids("company", g),
        org_id=org.gather(g),
        email=person_emails(rng, country[g], domain.gather(g)),
        ip_start=ip_start,
        ip_len=ip_len,
        tpl_start=tpl_start[g],
        tpl_len=n_tpl[g],
        p_own=rng.uniform(0.15, 0.45, n),
        p_pop=rng.uniform(0.2, 0.4, n),
        sched=OFFICE,
        phone=_phones(ctx, country[g], 0.4),
    )
    cols["lam"] = _lam(ctx, created, 1.6)
    cols["signup_ip"] = _pick_signup_ip(ctx, ip_start, ip_len)
    cols.update(_pay(ctx, rng.random(n) < 0.7, card[g]))
    return block(n, **cols)


def _teams(ctx: Context, total: int):
    """Teams of 3-25 sharing a card and an office IP, without an org_id."""
    rng, reg, sc = ctx.rng, ctx.reg, ctx.sc
    sizes = _group_sizes(rng, total, lambda k: np.clip(3 + rng.geometric(0.15, k), 3, 25))
    if len(sizes) == 0:
        return None
    g = np.repeat(np.arange(len(sizes)), sizes)
    n, k = len(g), len(sizes)
    country = draw_countries(rng, k)
    start = recency_times(rng, k, sc.legit_first_signup, sc.window_end - 14 * DAY, 2.0)
    created = np.minimum(start[g] + rng.integers(0, 21 * DAY, n), sc.window_end - 1)
    created = _tz_shift(ctx, created, country[g], OFFICE)
    office = reg.ipv4(public_v4(rng, k))
    o_start = reg.ip_pool.add(office)
    n_tpl = rng.integers(3, 16, k)
    tpl_start = reg.template_pool.add(reg.templates(int(n_tpl.sum()))) + np.concatenate(
        [[0], np.cumsum(n_tpl)[:-1]]
    )
    own_domain = rng.random(k) < 0.5
    domain = org_names(rng, k)
    emails = pl.select(
        pl.when(pl.Series(own_domain[g]))
        .then(person_emails(rng, country[g], domain.gather(g)))
        .otherwise(person_emails(rng, country[g]))
    ).to_series()
    cols = _person(
        ctx,
        "team",
        country[g],
        created,
        group_id=_group_ids("team", g),
        email=emails,
        ip_start=o_start + g,
        ip_len=1,
        signup_ip=office[g],
        tpl_start=tpl_start[g],
        tpl_len=n_tpl[g],
        p_own=rng.uniform(0.1, 0.4, n),
        sched=OFFICE,
    )
    cols["lam"] = _lam(ctx, created, 1.5)
    cols.update(_pay(ctx, rng.random(n) < 0.8, reg.cards(k, country)[g]))
    return block(n, **cols)


def _universities(ctx: Context, total: int):
    """Universities: thousands of students behind a few NAT IPs; term-start signup bursts."""
    rng, reg, sc = ctx.rng, ctx.reg, ctx.sc
    if total <= 0:
        return None
    k = max(1, int(round(total / 4000)))
    sizes = np.maximum(1, (rng.dirichlet(np.full(k, 3.0)) * total).astype(np.int64))
    sizes[-1] = total - sizes[:-1].sum()
    sizes = sizes[sizes > 0]
    k = len(sizes)
    g = np.repeat(np.arange(k), sizes)
    n = len(g)
    country = draw_countries(rng, k)
    n_nat = np.clip(sizes // 700, 2, 8)
    nat = reg.ipv4(public_v4(rng, int(n_nat.sum())))
    nat_start = reg.ip_pool.add(nat) + np.concatenate([[0], np.cumsum(n_nat)[:-1]])
    created = _created(ctx, n)
    burst = rng.random(n) < 0.4
    term = np.array(sc.term_starts)[rng.integers(0, len(sc.term_starts), n)]
    created = np.where(burst, term + (rng.exponential(2.0, n) * DAY).astype(np.int64), created)
    created = _tz_shift(ctx, np.minimum(created, sc.window_end - 1), country[g], STUDENT)
    domain = org_names(rng, k, university=True)
    on_domain = pl.Series(rng.random(n) < 0.85)
    email = pl.select(
        pl.when(on_domain)
        .then(person_emails(rng, country[g], domain.gather(g)))
        .otherwise(person_emails(rng, country[g]))
    ).to_series()
    ip_start, ip_len = nat_start[g], n_nat[g]
    cols = _person(
        ctx,
        "university",
        country[g],
        created,
        group_id=_group_ids("university", g),
        email=email,
        ip_start=ip_start,
        ip_len=ip_len,
        sched=STUDENT,
        phone=_phones(ctx, country[g], 0.5),
    )
    cols["signup_ip"] = _pick_signup_ip(ctx, ip_start, ip_len)
    cols.update(_pay(ctx, rng.random(n) < 0.1, reg.cards(n, country[g])))
    return block(n, **cols)


def _carrier_ips(ctx: Context, n_users: int) -> tuple[int, int]:
    """A pool of carrier IPs (CGNAT 100.64/10 and public) sized so each serves hundreds."""
    rng, reg = ctx.rng, ctx.reg
    m = max(4, int(round(n_users * 4 / 300)))
    cg = rng.random(m) < 0.6
    addr = np.where(cg, cgnat_v4(rng, m), public_v4(rng, m))
    ids = reg.ipv4(addr)
    return reg.ip_pool.add(ids), m


def _mobile(ctx: Context, total: int, carriers: tuple[int, int]):
    """Mobile users behind carrier-grade NAT: each IP shared by hundreds of strangers."""
    rng, reg = ctx.rng, ctx.reg
    if total <= 0:
        return None
    country = draw_countries(rng, total)
    start, size = carriers
    ip_start, ip_len = windows(rng, start, size, total, 4)
    carrier = (ip_start - start) // 40
    cols = _person(
        ctx,
        "mobile",
        country,
        _created(ctx, total),
        ip_start=ip_start,
        ip_len=ip_len,
        group_id=_group_ids("carrier", carrier),
    )
    cols["signup_ip"] = _pick_signup_ip(ctx, ip_start, ip_len)
    cols.update(_pay(ctx, rng.random(total) < 0.25, reg.cards(total, country)))
    return block(total, **cols)


def _vpn(ctx: Context, total: int):
    """VPN users: a few providers' exit IPs, each shared by many strangers."""
    rng, reg = ctx.rng, ctx.reg
    if total <= 0:
        return None
    m = max(3, int(round(total * 3 / 150)))
    exits = reg.ipv4(public_v4(rng, m, datacenter=True))
    start = reg.ip_pool.add(exits)
    country = draw_countries(rng, total)
    ip_start, ip_len = windows(rng, start, m, total, 3)
    provider = (ip_start - start) * 5 // m
    cols = _person(
        ctx,
        "vpn",
        country,
        _created(ctx, total),
        ip_start=ip_start,
        ip_len=ip_len,
        group_id=_group_ids("vpn", provider),
    )
    cols["signup_ip"] = _pick_signup_ip(ctx, ip_start, ip_len)
    cols.update(_pay(ctx, rng.random(total) < 0.35, reg.cards(total, country)))
    return block(total, **cols)


def _frameworks(ctx: Context, total: int):
    """Agent-framework users: every user shares the framework's 150-400 templates."""
    rng, reg, sc = ctx.rng, ctx.reg, ctx.sc
    if total <= 0:
        return None
    k = int(rng.integers(sc.n_frameworks[0], sc.n_frameworks[1] + 1))
    n_tpl = rng.integers(sc.framework_templates[0], sc.framework_templates[1] + 1, k)
    tpl_start = reg.template_pool.add(reg.templates(int(n_tpl.sum()))) + np.concatenate(
        [[0], np.cumsum(n_tpl)[:-1]]
    )
    f = rng.choice(k, total, p=rng.dirichlet(np.full(k, 2.0)))
    country = draw_countries(rng, total)
    agent = rng.random(total) < 0.6
    created = _created(ctx, total)
    cols = _person(
        ctx,
        "framework",
        country,
        created,
        group_id=_group_ids("framework", f),
        tpl_start=tpl_start[f],
        tpl_len=n_tpl[f],
        tpl_skew=rng.uniform(1.0, 2.0, total),
        p_own=rng.uniform(0.6, 0.9, total),
        p_pop=rng.uniform(0.02, 0.1, total),
        sched=np.where(agent, ALWAYS, HUMAN),
        tactic=np.where(agent, "agent_24x7", ""),
    )
    cols["lam"] = _lam(ctx, created, np.where(agent, 8.0, 3.0), sigma=1.0)
    cols["out_med"] = rng.lognormal(np.log(700), 0.5, total)
    cols.update(_pay(ctx, rng.random(total) < 0.6, reg.cards(total, country)))
    return block(total, **cols)


def _integrators(ctx: Context, total: int):
    """Single-account API integrators: a few templates, heavy 24/7 traffic from a server."""
    rng, reg = ctx.rng, ctx.reg
    if total <= 0:
        return None
    country = draw_countries(rng, total)
    n_tpl = rng.integers(1, 6, total)
    tpl_start = reg.template_pool.add(reg.templates(int(n_tpl.sum()))) + np.concatenate(
        [[0], np.cumsum(n_tpl)[:-1]]
    )
    n_ips = rng.integers(1, 4, total)
    ip_ids = reg.ipv4(public_v4(rng, int(n_ips.sum()), datacenter=True))
    ip_start = reg.ip_pool.add(ip_ids) + np.concatenate([[0], np.cumsum(n_ips)[:-1]])
    created = _created(ctx, total)
    cols = _person(
        ctx,
        "integrator",
        country,
        created,
        ip_start=ip_start,
        ip_len=n_ips,
        signup_ip=ip_ids[ip_start - ip_start[0]] if total else ip_ids,
        group_id=_group_ids("integrator", np.arange(total)),
        tpl_start=tpl_start,
        tpl_len=n_tpl,
        tpl_skew=rng.uniform(1.0, 3.0, total),
        p_own=0.95,
        p_pop=0.02,
        sched=ALWAYS,
    )
    cols["lam"] = _lam(ctx, created, 120.0, sigma=0.8) * 1.5
    cols.update(_pay(ctx, np.ones(total, dtype=bool), reg.cards(total, country)))
    return block(total, **cols)


def _singles(ctx: Context, total: int, carriers: tuple[int, int]):
    """Singles: own home IP (often plus a phone on a carrier), own device, maybe own card."""
    rng, reg, sc = ctx.rng, ctx.reg, ctx.sc
    if total <= 0:
        return None
    country = draw_countries(rng, total)
    created = _created(ctx, total)
    launch = rng.random(total) < sc.share_launch_day / (1 - 0.6)
    spike = sc.launch_day + (rng.beta(4, 2.5, total) * DAY).astype(np.int64)
    created = np.where(launch, spike, created)
    power = ~launch & (rng.random(total) < sc.share_power_user / 0.6)
    home = _home_ips(ctx, total)
    c_start, c_size = carriers
    carrier_ip = reg.ip_pool.array()[c_start + rng.integers(0, c_size, total)]
    two = rng.random(total) < 0.3
    ip_start, _ = _rows(reg.ip_pool, np.stack([home, carrier_ip], axis=1))
    ip_len = np.where(two, 2, 1)
    pays = rng.random(total) < sc.share_paying_single
    prepaid = pays & (rng.random(total) < sc.share_prepaid_payer)
    tactic = np.select([launch, power, prepaid], ["launch_day", "power_user", "prepaid"], "")
    # Power users script a few templates of their own, often around the clock.
    n_tpl = np.where(power, rng.integers(3, 21, total), 0)
    tpl_start = reg.template_pool.add(reg.templates(int(n_tpl.sum()))) + np.concatenate(
        [[0], np.cumsum(n_tpl)[:-1]]
    )
    scripted = power & (rng.random(total) < 0.4)
    cols = _person(
        ctx,
        "single",
        country,
        created,
        ip_start=ip_start,
        ip_len=ip_len,
        signup_ip=home,
        tactic=tactic,
        tpl_start=tpl_start,
        tpl_len=n_tpl,
        tpl_skew=rng.uniform(1.0, 2.5, total),
        p_own=np.where(power, rng.uniform(0.5, 0.85, total), 0.0),
        sched=np.where(scripted, ALWAYS, HUMAN),
    )
    cols["p_pop"] = np.where(power, 0.1, cols["p_pop"])
    cols["lam"] = _lam(ctx, created, np.where(power, 35.0, 1.0), sigma=np.where(power, 0.8, 1.3))
    cols.update(_pay(ctx, pays, reg.cards(total, country, prepaid=prepaid)))
    return block(total, **cols)


def _long_outputs(ctx: Context, accounts: pl.DataFrame) -> pl.DataFrame:
    """A share of legit accounts asks for long outputs (like distillers do)."""
    rng = ctx.rng
    n = accounts.height
    long = rng.random(n) < ctx.sc.share_long_output
    med = rng.lognormal(np.log(2400), 0.3, n).astype(np.float32)
    return accounts.with_columns(
        out_med=pl.when(pl.Series(long)).then(pl.Series(med)).otherwise(pl.col("out_med")),
        tactic=pl.when(pl.Series(long) & (pl.col("tactic") == ""))
        .then(pl.lit("long_output"))
        .otherwise(pl.col("tactic")),
    )
