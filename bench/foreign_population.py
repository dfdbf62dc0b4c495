#!/usr/bin/env python3
"""Independent synthetic population generator (foreign to fraudgraph).

Writes accounts.csv, payments.csv, ip_events.csv, devices.csv, api_requests.csv
and truth/truth.csv into OUT_DIR, per the public CONTRACT.md input format.

    .venv/bin/python bench/foreign_population.py OUT_DIR --accounts 60000 --seed 7

Written from the contract and the brief's list of legit look-alikes and fraud
tactics by an author who did not read fraudgraph's generator or scoring, so
that precision is measured on a population nobody tuned for (bench/README.md).

Population window: 2026-04-01 .. 2026-06-30 (UTC). Deterministic per seed.
Only numpy + polars; nothing from fraudgraph is imported.
"""
import argparse
import math
import os
import sys
import time
from collections import Counter

import numpy as np
import polars as pl

DAY = 86400
HOUR = 3600


def epoch(s):
    return int(np.datetime64(s, "s").astype(np.int64))


T_START = epoch("2026-04-01T00:00:00")
T_END = epoch("2026-07-01T00:00:00") - 1
REF_N = 60000

# --------------------------------------------------------------------------
# static vocabularies
# --------------------------------------------------------------------------
# code, weight, utc offset (h), calling code, currency
COUNTRIES = [
    ("US", 30, -6, "1", "USD"), ("IN", 9, 5.5, "91", "INR"), ("GB", 7, 0, "44", "GBP"),
    ("DE", 6, 1, "49", "EUR"), ("BR", 5, -3, "55", "BRL"), ("FR", 4, 1, "33", "EUR"),
    ("CA", 4, -5, "1", "CAD"), ("JP", 3, 9, "81", "JPY"), ("NG", 2, 1, "234", "NGN"),
    ("ID", 2, 7, "62", "IDR"), ("MX", 2, -6, "52", "MXN"), ("ES", 2, 1, "34", "EUR"),
    ("IT", 2, 1, "39", "EUR"), ("NL", 2, 1, "31", "EUR"), ("KR", 2, 9, "82", "KRW"),
    ("AU", 2, 10, "61", "AUD"), ("PL", 2, 1, "48", "PLN"), ("TR", 1.5, 3, "90", "TRY"),
    ("VN", 1.5, 7, "84", "VND"), ("PH", 1.5, 8, "63", "PHP"), ("SE", 1, 1, "46", "SEK"),
    ("CH", 1, 1, "41", "CHF"), ("SG", 1, 8, "65", "SGD"), ("IL", 1, 2, "972", "ILS"),
    ("AR", 1, -3, "54", "ARS"), ("ZA", 1, 2, "27", "ZAR"), ("EG", 1, 2, "20", "EGP"),
    ("PK", 1, 5, "92", "PKR"), ("UA", 1, 2, "380", "UAH"), ("KE", 0.5, 3, "254", "KES"),
]
CC = [c[0] for c in COUNTRIES]
CW = np.array([c[1] for c in COUNTRIES], float)
CW /= CW.sum()
CTZ = {c[0]: c[2] for c in COUNTRIES}
CCALL = {c[0]: c[3] for c in COUNTRIES}
CCUR = {c[0]: c[4] for c in COUNTRIES}

FIRST = """james mary john patricia robert jennifer michael linda william elizabeth david barbara
richard susan joseph jessica thomas sarah charles karen daniel nancy matthew lisa anthony betty
mark sandra paul ashley steven emily andrew donna kevin michelle brian carol george amanda
priya rahul arjun ananya wei li mei jun hiroshi yuki sakura kenji lucas gabriel mateus julia
sofia lukas leon hannah emma louis chloe camille pierre marco giulia luca ahmed fatima omar
aisha chinedu ngozi tunde olga ivan dmitri anna piotr kasia mehmet elif minh linh jose maria
carlos ana diego valentina noah liam olivia ava ethan mia aiden zoe sven ingrid lars""".split()
LAST = """smith johnson williams brown jones garcia miller davis rodriguez martinez hernandez
lopez gonzalez wilson anderson thomas taylor moore jackson martin lee perez thompson white
harris sanchez clark ramirez lewis robinson walker young allen king wright scott torres nguyen
hill flores green adams nelson baker hall rivera campbell mitchell carter roberts patel sharma
gupta singh kumar wang zhang chen liu tanaka suzuki sato kim park silva santos oliveira souza
muller schmidt schneider fischer weber dubois moreau rossi russo bianchi okafor adeyemi
ivanov petrov kowalski nowak yilmaz kaya tran pham fernandez gomez diaz eriksson larsen""".split()

FREEMAIL = [("gmail.com", 42), ("outlook.com", 10), ("hotmail.com", 5), ("yahoo.com", 9),
            ("icloud.com", 6), ("proton.me", 3), ("aol.com", 1), ("gmx.de", 2), ("web.de", 2),
            ("yahoo.co.uk", 1.5), ("orange.fr", 1.5), ("qq.com", 1.5), ("naver.com", 1),
            ("mail.ru", 1), ("yandex.ru", 0.5), ("rediffmail.com", 0.5), ("live.com", 2),
            ("fastmail.com", 0.5), ("zoho.com", 0.5)]
FM_DOM = [d for d, _ in FREEMAIL]
FM_W = np.array([w for _, w in FREEMAIL], float)
FM_W /= FM_W.sum()

CO_W1 = """bright blue north iron quantum cedar pixel lumen apex silver summit vector delta
nimbus harbor orbit signal atlas crimson granite maple ember polar tidal""".split()
CO_W2 = """forge labs works systems analytics logic data cloud stack ware bridge point
metrics dynamics health finance robotics bio studio media""".split()
CO_TLD = ["com", "io", "ai", "co", "dev", "tech", "de", "co.uk", "net"]

DESKTOP_UAS = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Safari/605.1.15",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.4; rv:125.0) Gecko/20100101 Firefox/125.0",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:126.0) Gecko/20100101 Firefox/126.0",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.80",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
    "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
]
DESKTOP_W = np.array([16, 10, 5, 12, 6, 10, 4, 6, 8, 3, 2], float)
DESKTOP_W /= DESKTOP_W.sum()
MOBILE_UAS = [
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.82 Mobile Safari/537.36",
    "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (Linux; Android 13; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (Linux; Android 13; Redmi Note 12) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
]
MOBILE_W = np.array([20, 12, 10, 12, 6, 8, 3], float)
MOBILE_W /= MOBILE_W.sum()
HEADLESS_UAS = [
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/124.0.6367.60 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/122.0.6261.94 Safari/537.36",
]

MODELS = ["orca-xl-2026-02", "orca-l-2026-02", "orca-s-2025-10"]

REGULAR_BINS = ["414720", "426684", "438857", "451015", "476173", "491682", "400115",
                "510510", "522182", "535316", "542418", "557039", "222300", "371449",
                "378282", "45399812", "52849701", "601100", "356600"]
PREPAID_BINS = ["435880", "511563", "440393", "530133"]

# local-hour activity profile (index = local hour)
DIURNAL = np.array([1.0, .6, .4, .3, .3, .4, .8, 1.5, 2.5, 3.5, 4.0, 4.2, 4.0, 4.2, 4.3,
                    4.2, 4.0, 3.8, 3.6, 3.8, 4.0, 3.6, 2.8, 1.8])
DIURNAL /= DIURNAL.sum()
# framework users: mostly US business hours + EU evening, in UTC
FRAME_H = np.array([2.5, 2, 1.5, 1, .6, .5, .5, .6, .8, 1, 1.2, 1.5, 2, 3, 4.5, 5.5, 6, 6, 6,
                    5.5, 5, 4.5, 4, 3])
FRAME_H /= FRAME_H.sum()


class Gen:
    def __init__(self, n_accounts, seed):
        self.N = n_accounts
        self.S = n_accounts / REF_N
        self.rng = np.random.default_rng(seed)
        self.blocks = []
        # IP table
        self.ips = []
        self.ip_used = set()
        # templates: components and profiles
        self.n_tmpl = 0
        self.comp_off, self.comp_size, self.comp_a, self.comp_peracc = [], [], [], []
        self.profiles = []
        # shared IP pools
        self.pools = []
        # ring windows
        self.win_sets = []
        self.used_emails = set()
        self.ring_meta = {}

    # ------------------------------------------------------------ helpers
    def sc(self, x, lo=1):
        return max(lo, int(round(x * self.S)))

    def pick(self, seq, n, p=None):
        idx = self.rng.choice(len(seq), size=n, p=p)
        return [seq[i] for i in idx]

    def hexid(self, prefix, n, nbytes=10):
        b = self.rng.bytes(n * nbytes)
        return [prefix + b[i * nbytes:(i + 1) * nbytes].hex() for i in range(n)]

    def card_fps(self, n):
        alph = np.array(list("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0123456789"))
        m = self.rng.integers(0, len(alph), size=(n, 16))
        m[:, 0] = self.rng.integers(0, 51, size=n)  # always a letter up front: never Luhn-like
        return ["".join(r) for r in alph[m]]

    # ------------------------------------------------------------ IPs
    def _add_ints(self, ints):
        out = []
        for v in ints.tolist():
            if v in self.ip_used:
                continue
            self.ip_used.add(v)
            self.ips.append(f"{v >> 24}.{(v >> 16) & 255}.{(v >> 8) & 255}.{v & 255}")
            out.append(len(self.ips) - 1)
        return out

    def ipv4(self, n, kind="res"):
        res_oct = [24, 31, 37, 46, 49, 58, 62, 66, 67, 68, 71, 73, 75, 76, 77, 78, 79, 81, 82, 83,
                   84, 85, 86, 87, 88, 89, 90, 92, 93, 94, 95, 98, 99, 101, 106, 108, 109, 110,
                   112, 114, 115, 117, 118, 121, 122, 124, 125, 151, 171, 174, 175, 176, 177,
                   178, 179, 180, 181, 182, 183, 186, 187, 188, 189, 190, 191, 197, 200, 201,
                   203, 212, 213, 217]
        dc_oct = [3, 13, 18, 34, 35, 52, 54, 104, 138, 143, 159, 167]
        vps_oct = [45, 91, 185, 193, 194, 195]
        octs = {"res": res_oct, "dc": dc_oct, "vps": vps_oct}[kind]
        out = []
        while len(out) < n:
            k = n - len(out)
            first = self.rng.choice(octs, size=k).astype(np.int64)
            rest = self.rng.integers(0, 1 << 24, size=k, dtype=np.int64)
            last = rest & 255
            rest = np.where((last == 0) | (last == 255), rest ^ 7, rest)
            out += self._add_ints((first << 24) | rest)
        return out[:n]

    def ipv4_in(self, base, bits, n, avoid_edges=True):
        """n distinct addresses inside base/bits (base: dotted string)."""
        a = [int(x) for x in base.split(".")]
        b = (a[0] << 24) | (a[1] << 16) | (a[2] << 8) | a[3]
        size = 1 << (32 - bits)
        out = []
        tries = 0
        while len(out) < n and tries < 50:
            tries += 1
            off = self.rng.integers(1, size - 1, size=n - len(out), dtype=np.int64)
            if avoid_edges:
                off = off[((off & 255) != 0) & ((off & 255) != 255)]
            out += self._add_ints(np.unique(b + off))
        return out[:n]

    def ipv6(self, n, prefixes=("2a02:c7f", "2601:1c0", "2405:201", "2003:e8", "2800:810")):
        out = []
        pre = self.pick(list(prefixes), n)
        g = self.rng.integers(0, 65536, size=(n, 5))
        for i in range(n):
            s = pre[i] + ":" + ":".join(f"{x:x}" for x in g[i])
            self.ips.append(s)
            out.append(len(self.ips) - 1)
        return out

    def home_ips(self, n, v6_frac=0.08):
        v6 = self.rng.random(n) < v6_frac
        out = np.array(self.ipv4(n), dtype=np.int64)
        k = int(v6.sum())
        if k:
            out[v6] = self.ipv6(k)
        return out

    def pool(self, ip_idx):
        self.pools.append(np.asarray(ip_idx, dtype=np.int64))
        return len(self.pools) - 1

    def pool_draw(self, pid, n):
        p = self.pools[pid]
        return p[self.rng.integers(0, len(p), size=n)]

    # ------------------------------------------------------------ templates
    def comp(self, size, a, per_account=False):
        self.comp_off.append(self.n_tmpl)
        self.comp_size.append(size)
        self.comp_a.append(a)
        self.comp_peracc.append(per_account)
        self.n_tmpl += size * (self.N if per_account else 1)
        return len(self.comp_off) - 1

    def profile(self, parts):
        assert len(parts) <= 4 and abs(sum(p for _, p in parts) - 1) < 1e-9
        self.profiles.append(parts)
        return len(self.profiles) - 1

    # ------------------------------------------------------------ time
    def diurnal_times(self, n, tz, lo, hi, pmf=DIURNAL):
        """times in [lo, hi] with local-hour profile (tz: array of utc offsets)."""
        lo = np.broadcast_to(np.asarray(lo, dtype=np.int64), (n,))
        hi = np.broadcast_to(np.asarray(hi, dtype=np.int64), (n,))
        d0 = lo // DAY
        d1 = hi // DAY
        day = d0 + np.floor(self.rng.random(n) * (d1 - d0 + 1)).astype(np.int64)
        hour = self.rng.choice(24, size=n, p=pmf)
        t = day * DAY + ((hour - np.asarray(tz)) * HOUR).astype(np.int64) \
            + self.rng.integers(0, HOUR, size=n)
        bad = (t < lo) | (t > hi)
        t[bad] = lo[bad] + (self.rng.random(bad.sum()) * (hi[bad] - lo[bad])).astype(np.int64)
        return t

    def window_set(self, start, end, h0, dur_h, day_frac):
        days = np.arange(start // DAY, end // DAY + 1)
        keep = self.rng.random(len(days)) < day_frac
        starts = days[keep] * DAY + int(h0 * HOUR) + self.rng.integers(-900, 900, keep.sum())
        self.win_sets.append((np.sort(starts), int(dur_h * HOUR)))
        return len(self.win_sets) - 1

    # ------------------------------------------------------------ people
    def email_for(self, first, last, domain):
        r = self.rng.random()
        nn = int(self.rng.integers(1, 99))
        yy = int(self.rng.integers(60, 106)) % 100
        if r < .25:
            lp = f"{first}.{last}"
        elif r < .45:
            lp = f"{first}{last}{nn}"
        elif r < .55:
            lp = f"{first[0]}{last}"
        elif r < .65:
            lp = f"{first}_{last}{yy:02d}"
        elif r < .75:
            lp = f"{first}{nn}"
        elif r < .82:
            lp = f"{last}.{first}"
        elif r < .90:
            lp = f"{first}.{last}{yy:02d}"
        else:
            lp = f"{first[0]}{last[:5]}{nn}"
        e = f"{lp}@{domain}"
        if self.rng.random() < .03:
            e = lp.capitalize() + "@" + domain.capitalize()
        return e

    def uniq_email(self, e):
        if e is None:
            return None
        base = e
        while e.lower() in self.used_emails:
            lp, dom = base.split("@", 1)
            e = f"{lp}{int(self.rng.integers(1, 9999))}@{dom}"
        self.used_emails.add(e.lower())
        return e

    def phone_for(self, country, digits=None, style=None):
        rng = self.rng
        cc = CCALL[country]
        if cc == "1":
            if digits is None:
                digits = f"{int(rng.integers(201, 990))}{int(rng.integers(200, 999))}{int(rng.integers(0, 10000)):04d}"
            a, b, c = digits[:3], digits[3:6], digits[6:]
            styles = [f"+1{digits}", f"+1 {a} {b} {c}", f"({a}) {b}-{c}", f"{a}-{b}-{c}",
                      f"1-{a}-{b}-{c}", f"+1 ({a}) {b}-{c}", f"{a}.{b}.{c}"]
        else:
            if digits is None:
                ln = 9 if country not in ("DE", "IN", "NG", "ID", "CN") else 10
                digits = str(int(rng.integers(6, 10))) + "".join(str(x) for x in rng.integers(0, 10, ln - 1))
            sp = digits[:4] + " " + digits[4:]
            styles = [f"+{cc}{digits}", f"+{cc} {sp}", f"00{cc} {sp}", f"0{digits}",
                      f"+{cc}-{digits[:3]}-{digits[3:]}", f"00{cc}{digits}"]
        if style is None:
            style = int(rng.integers(0, len(styles)))
        return styles[style % len(styles)]

    def people(self, n, country=None, domain=None, surname=None, email_frac=0.97,
               phone_frac=0.55, mobile_frac=0.15):
        """legit-looking identities."""
        rng = self.rng
        if country is None:
            countries = self.pick(CC, n, p=CW)
        elif isinstance(country, str):
            countries = [country] * n
        else:
            countries = list(country)
        firsts = self.pick(FIRST, n)
        lasts = [surname] * n if surname else self.pick(LAST, n)
        doms = self.pick(FM_DOM, n, p=FM_W) if domain is None else (
            [domain] * n if isinstance(domain, str) else list(domain))
        emails, phones, uas = [], [], []
        mob = rng.random(n) < mobile_frac
        for i in range(n):
            e = self.email_for(firsts[i], lasts[i], doms[i]) if rng.random() < email_frac else None
            emails.append(self.uniq_email(e))
            phones.append(self.phone_for(countries[i]) if rng.random() < phone_frac else None)
        d_ua = self.pick(DESKTOP_UAS, n, p=DESKTOP_W)
        m_ua = self.pick(MOBILE_UAS, n, p=MOBILE_W)
        uas = [m_ua[i] if mob[i] else d_ua[i] for i in range(n)]
        return dict(country=countries, email=emails, phone=phones, ua=uas, first=firsts, last=lasts)

    def add(self, n, **f):
        f["n"] = n
        self.blocks.append(f)

    # ======================================================================
    # population
    # ======================================================================
    def build(self):
        rng = self.rng
        N, S = self.N, self.S
        # ---- template components
        self.C_PRIV = self.comp(8, 0.9, per_account=True)   # each user's own recurring prompts
        self.C_HEAD = self.comp(5000, 1.05)                  # popular public prompt shapes
        self.C_TAIL = self.comp(400000, 0.0)                 # long tail
        self.C_FRAME = self.comp(300, 1.0)                   # open-source agent framework
        self.P_GEN = self.profile([(self.C_HEAD, .35), (self.C_PRIV, .55), (self.C_TAIL, .10)])
        self.P_FRAME = self.profile([(self.C_FRAME, .80), (self.C_HEAD, .08), (self.C_PRIV, .12)])

        # ---- shared pools
        n_proxy = max(3000, int(30000 * S))
        self.proxy_ips = np.array(self.ipv4(n_proxy), dtype=np.int64)   # residential proxy provider exits
        self.hotspot_pool = self.pool(self.ipv4(max(200, int(2000 * S))))  # cafés, airports, hotels
        self.proxy_pool = None  # created after proxyhome IPs are folded in

        self.build_fraud()          # first: proxy pool used by proxyhome too
        self.build_proxyhome()
        self.build_campus()
        self.build_carrier()
        self.build_households()
        self.build_teams()
        self.build_framework()
        self.build_launch()
        self.build_integrators()
        self.build_prepaid()
        used = sum(b["n"] for b in self.blocks)
        self.build_singles(N - used)

    # ---------------------------------------------------------------- common defaults
    def legit_block(self, kind, n, created, ppl, home, *, own2=None, pool1=-1, p1=0.0,
                    pool2=-1, p2=0.0, signup_ip=None, dev_frac=0.85, dev2_frac=0.25, dev1=None,
                    dev2=None, card=None, pay_frac=0.62, n_pay=None, n_req=None, profile=None,
                    timing=0, timing_param=0, active_end=None, tok=0, burst=None, org=None):
        rng = self.rng
        created = np.asarray(created, dtype=np.int64)
        if own2 is None:
            own2 = np.full(n, -1, dtype=np.int64)
        if signup_ip is None:
            signup_ip = np.asarray(home, dtype=np.int64)
        if dev1 is None:
            has = rng.random(n) < dev_frac
            ids = self.hexid("dv_", n, 12)
            dev1 = [ids[i] if has[i] else None for i in range(n)]
        if dev2 is None:
            has = rng.random(n) < dev2_frac
            ids = self.hexid("dv_", n, 12)
            dev2 = [ids[i] if has[i] else None for i in range(n)]
        if card is None:
            card = self.own_cards(n, ppl["country"])
        if n_pay is None:
            pays = rng.random(n) < pay_frac
            n_pay = np.where(pays, rng.integers(1, 6, size=n), 0)
        if n_req is None:
            n_req = self.legit_nreq(n)
        if profile is None:
            profile = np.full(n, self.P_GEN)
        if active_end is None:
            life = np.exp(rng.normal(np.log(25 * DAY), 1.2, size=n)).astype(np.int64)
            active_end = np.minimum(created + life + 2 * HOUR, T_END)
        if burst is None:
            burst = rng.uniform(3, 12, size=n)
        tz = np.array([CTZ[c] for c in ppl["country"]])
        self.add(n, kind=[kind] * n, ring=[None] * n, fake=np.zeros(n, np.int8), created=created,
                 country=ppl["country"], email=ppl["email"], phone=ppl["phone"], ua=ppl["ua"],
                 org=org if org is not None else [None] * n,
                 signup_ip=np.asarray(signup_ip, np.int64), own1=np.asarray(home, np.int64),
                 own2=np.asarray(own2, np.int64), own3=np.full(n, -1, np.int64),
                 pool1=np.broadcast_to(np.asarray(pool1), (n,)).copy(),
                 p1=np.broadcast_to(np.asarray(p1, float), (n,)).copy(),
                 pool2=np.broadcast_to(np.asarray(pool2), (n,)).copy(),
                 p2=np.broadcast_to(np.asarray(p2, float), (n,)).copy(),
                 dev1=dev1, dev2=dev2, dev_ua=ppl["ua"], card=card, n_pay=np.asarray(n_pay),
                 n_req=np.asarray(n_req, np.int64), burst=np.asarray(burst, float),
                 profile=np.asarray(profile), timing=np.broadcast_to(np.asarray(timing), (n,)).copy(),
                 tparam=np.broadcast_to(np.asarray(timing_param), (n,)).copy(), tz=tz,
                 active_end=np.asarray(active_end, np.int64),
                 tok=np.broadcast_to(np.asarray(tok), (n,)).copy(),
                 first_quick=np.ones(n, bool), amount_kind=np.zeros(n, np.int8))

    def legit_nreq(self, n, zero=0.30, med=18, sigma=1.0, hi=200):
        rng = self.rng
        v = np.exp(rng.normal(np.log(med), sigma, size=n))
        v = np.clip(np.round(v), 1, hi).astype(np.int64)
        v[rng.random(n) < zero] = 0
        return v

    def make_card(self, country, bins=None):
        rng = self.rng
        b = bins[int(rng.integers(0, len(bins)))] if bins else REGULAR_BINS[int(rng.integers(0, len(REGULAR_BINS)))]
        cc = country if rng.random() < .92 else CC[int(rng.integers(0, len(CC)))]
        if cc == "US":
            postal = f"{int(rng.integers(1000, 99950)):05d}"
        elif cc == "GB":
            postal = f"{'SW EC N E W SE NW M B LS'.split()[int(rng.integers(0, 10))]}{int(rng.integers(1, 20))} {int(rng.integers(1, 9))}{'ABDEFGHJLNPQRSTUWXYZ'[int(rng.integers(0, 20))]}{'ABDEFGHJLNPQRSTUWXYZ'[int(rng.integers(0, 20))]}"
        elif cc == "CA":
            postal = f"M{int(rng.integers(1, 9))}K {int(rng.integers(1, 9))}A{int(rng.integers(1, 9))}"
        else:
            postal = f"{int(rng.integers(10000, 99999))}"
        return [self.card_fps(1)[0], b, f"{int(rng.integers(0, 10000)):04d}", cc, postal, CCUR.get(cc, "USD")]

    def own_cards(self, n, countries, bins=None):
        return [self.make_card(countries[i], bins) for i in range(n)]

    # ---------------------------------------------------------------- legit groups
    def build_singles(self, n):
        rng = self.rng
        ppl = self.people(n)
        tz = np.array([CTZ[c] for c in ppl["country"]])
        created = self.diurnal_times(n, tz, T_START, T_END - DAY)
        home = self.home_ips(n)
        p1 = np.where(rng.random(n) < .5, 0.06, 0.0)
        # some singles also use a phone carrier now and then
        car = rng.integers(0, len(self.carrier_pools), size=n)
        pool2 = np.array([self.carrier_pools[c] for c in car])
        p2 = np.where(rng.random(n) < .3, 0.15, 0.0)
        own2 = np.where(rng.random(n) < .2, np.array(self.ipv4(n)), -1)
        self.legit_block("single", n, created, ppl, home, own2=own2, pool1=self.hotspot_pool, p1=p1,
                         pool2=pool2, p2=p2)

    def build_households(self):
        rng = self.rng
        target = self.sc(7500, 4)
        sizes = []
        while sum(sizes) < target:
            sizes.append(int(rng.choice([2, 2, 2, 3, 3, 4, 5])))
        for hs in sizes:
            c = CC[int(rng.choice(len(CC), p=CW))]
            ppl = self.people(hs, country=c, surname=LAST[int(rng.integers(0, len(LAST)))],
                              mobile_frac=.3)
            t0 = self.diurnal_times(1, CTZ[c], T_START, T_END - 20 * DAY)[0]
            created = np.sort(t0 + np.concatenate([[0], (rng.random(hs - 1) * 60 * DAY).astype(np.int64)]))
            over = created > T_END - DAY  # spread, do not pile on one second
            created[over] = t0 + (rng.random(int(over.sum())) * (T_END - DAY - t0)).astype(np.int64)
            created = np.sort(created)
            home = self.home_ips(1, v6_frac=.1)[0]
            homes = np.full(hs, home)
            dev1 = None
            if rng.random() < .30:  # family computer
                d = self.hexid("dv_", 1, 12)[0]
                dev1 = [d if i < 2 or rng.random() < .4 else self.hexid("dv_", 1, 12)[0] for i in range(hs)]
            card = None
            n_pay = None
            if rng.random() < .25:  # one card pays for everybody
                cd = self.make_card(c)
                card = [cd] * hs
                n_pay = np.where(rng.random(hs) < .8, rng.integers(1, 5, size=hs), 0)
            car = self.carrier_pools[int(rng.integers(0, len(self.carrier_pools)))]
            self.legit_block("household", hs, created, ppl, homes, dev1=dev1, card=card,
                             n_pay=n_pay, pool1=self.hotspot_pool, p1=0.04, pool2=car, p2=0.10)

    def build_teams(self):
        rng = self.rng
        n_teams = self.sc(160, 2)
        n_org = self.sc(40, 1)
        for t in range(n_teams + n_org):
            declared = t >= n_teams
            size = int(np.clip(np.round(np.exp(rng.normal(np.log(12), .6))), 5, 40 if not declared else 25))
            c = "US" if rng.random() < .5 else CC[int(rng.choice(len(CC), p=CW))]
            dom = f"{CO_W1[int(rng.integers(0, len(CO_W1)))]}{CO_W2[int(rng.integers(0, len(CO_W2)))]}.{CO_TLD[int(rng.integers(0, len(CO_TLD)))]}"
            remote = rng.random(size) < .15
            countries = [CC[int(rng.choice(len(CC), p=CW))] if remote[i] else c for i in range(size)]
            ppl = self.people(size, country=countries,
                              domain=[dom if rng.random() < .9 else FM_DOM[0] for _ in range(size)],
                              phone_frac=.35, mobile_frac=.05)
            # everyone on the office's standard laptop image
            ppl["ua"] = [DESKTOP_UAS[3] if rng.random() < .6 else u for u in ppl["ua"]]
            start = self.diurnal_times(1, CTZ[c], T_START, T_END - 30 * DAY)[0]
            weeks = rng.uniform(2, 9)
            created = start + np.concatenate([[0], (rng.exponential(weeks * 7 * DAY / 3, size - 1)).astype(np.int64)])
            over = created > T_END - DAY
            created[over] = start + (rng.random(int(over.sum())) * (T_END - DAY - start)).astype(np.int64)
            created = np.sort(created)
            # office: a /28 with 1-4 egress addresses
            base = self.ipv4(1)[0]
            b = self.ips[base].rsplit(".", 1)[0] + "." + str(16 * int(rng.integers(1, 14)))
            office = self.ipv4_in(b, 28, int(rng.integers(1, 5)))
            opool = self.pool(office)
            home = self.home_ips(size)
            signup = np.where(rng.random(size) < .8, self.pool_draw(opool, size), home)
            corp = self.make_card(c)
            card = [corp] * size
            n_pay = np.where(rng.random(size) < .85, rng.integers(1, 4, size=size), 0)
            tcomp = self.comp(int(rng.integers(5, 31)), 0.9)
            prof = self.profile([(tcomp, .4), (self.C_HEAD, .2), (self.C_PRIV, .4)])
            nreq = self.legit_nreq(size, zero=.1, med=30, hi=200)
            org = [f"org_{self.hexid('', 1, 6)[0]}"] * size if declared else None
            if declared:
                org = [o if rng.random() < .92 else None for o in org]
            self.legit_block("orgteam" if declared else "team", size, created, ppl, home,
                             signup_ip=signup, pool1=opool, p1=.75, card=card, n_pay=n_pay,
                             n_req=nreq, profile=np.full(size, prof), active_end=np.full(size, T_END),
                             tok=6, org=org)

    def build_campus(self):
        rng = self.rng
        for name, dom, c, n, n_nat, term, subnet in [
                ("campus", "stu.northbridge.edu", "US", self.sc(2200, 10), 3, epoch("2026-04-06T00:00:00"), "128.210.44.0"),
                ("campus", "student.kingsbridge.ac.uk", "GB", self.sc(600, 5), 2, epoch("2026-06-15T00:00:00"), "193.60.87.0")]:
            nat = self.ipv4_in(subnet, 24, n_nat)
            npool = self.pool(nat)
            ppl = self.people(n, country=[c if rng.random() < .8 else CC[int(rng.choice(len(CC), p=CW))] for _ in range(n)],
                              phone_frac=.3, mobile_frac=.35)
            # ~70% register with the student address
            for i in range(n):
                if rng.random() < .7:
                    f, l = ppl["first"][i], ppl["last"][i]
                    lp = f"{f[0]}{l}{int(rng.integers(1, 99))}" if rng.random() < .6 else f"{f[:2]}{int(rng.integers(1000, 9999))}"
                    ppl["email"][i] = self.uniq_email(f"{lp}@{dom}")
            spike = rng.random(n) < .65
            created = np.where(spike, term + (rng.gamma(2.0, 1.3, size=n) * DAY).astype(np.int64),
                               self.diurnal_times(n, CTZ[c], T_START, T_END - DAY))
            created = np.minimum(created, T_END - DAY - 6 * HOUR)
            created = self.diurnal_times(n, CTZ[c], created, created + 6 * HOUR)
            home = self.home_ips(n)
            signup = np.where(rng.random(n) < .85, self.pool_draw(npool, n), home)
            lab = self.hexid("dv_", max(10, n // 50), 12)
            dev1 = [lab[int(rng.integers(0, len(lab)))] if rng.random() < .12 else
                    (self.hexid("dv_", 1, 12)[0] if rng.random() < .85 else None) for _ in range(n)]
            course = self.comp(15, 0.8)
            prof = self.profile([(course, .25), (self.C_HEAD, .3), (self.C_PRIV, .45)])
            self.legit_block(name, n, created, ppl, home, signup_ip=signup, pool1=npool, p1=.7,
                             dev1=dev1, pay_frac=.35, profile=np.full(n, prof),
                             active_end=np.full(n, T_END))

    def build_carrier(self):
        rng = self.rng
        specs = [("US", "172.56.0.0", 14, 40, .50), ("IN", "100.64.0.0", 10, 24, .22),
                 ("BR", "100.64.0.0", 10, 16, .15), ("NG", "105.112.0.0", 16, 12, .13)]
        self.carrier_pools = []
        total = self.sc(6000, 8)
        for c, base, bits, k, share in specs:
            p = self.pool(self.ipv4_in(base, bits, max(3, int(round(k * max(self.S, .2))))))
            self.carrier_pools.append(p)
            n = max(2, int(round(total * share)))
            ppl = self.people(n, country=c, phone_frac=.7, mobile_frac=.95)
            tz = CTZ[c]
            created = self.diurnal_times(n, tz, T_START, T_END - DAY)
            wifi = self.home_ips(n)
            signup = self.pool_draw(p, n)
            self.legit_block("carrier", n, created, ppl, wifi, signup_ip=signup, pool1=p, p1=.9,
                             dev_frac=.8, dev2_frac=.1)

    def build_framework(self):
        rng = self.rng
        n = self.sc(3500, 5)
        ppl = self.people(n, mobile_frac=.02, phone_frac=.4)
        tz = np.array([CTZ[c] for c in ppl["country"]])
        created = self.diurnal_times(n, tz, T_START, T_END - 3 * DAY)
        home = self.home_ips(n)
        cloud = rng.random(n) < .2
        home[cloud] = self.ipv4(int(cloud.sum()), "dc")
        nreq = np.clip(np.round(np.exp(rng.normal(np.log(60), .9, size=n))), 5, 800).astype(np.int64)
        life = np.exp(rng.normal(np.log(45 * DAY), .8, size=n)).astype(np.int64)
        self.legit_block("framework", n, created, ppl, home, pay_frac=.75, n_req=nreq,
                         profile=np.full(n, self.P_FRAME), timing=1,
                         active_end=np.minimum(created + life, T_END), tok=1,
                         burst=rng.uniform(8, 25, size=n))

    def build_launch(self):
        rng = self.rng
        n = self.sc(3000, 5)
        launch = epoch("2026-05-19T15:00:00")
        created = launch + np.minimum(rng.gamma(1.6, 40 * 60, size=n), 4 * HOUR - 1).astype(np.int64)
        country = [c if rng.random() < .7 else "US" for c in self.pick(CC, n, p=CW)]
        ppl = self.people(n, country=country)
        home = self.home_ips(n)
        car = rng.integers(0, len(self.carrier_pools), size=n)
        pool2 = np.array([self.carrier_pools[c] for c in car])
        self.legit_block("launch", n, created, ppl, home, pool1=self.hotspot_pool, p1=.05,
                         pool2=pool2, p2=np.where(rng.random(n) < .3, .2, 0.0),
                         n_req=self.legit_nreq(n, zero=.2))

    def build_integrators(self):
        rng = self.rng
        n = self.sc(20, 2)
        for i in range(n):
            dom = f"{CO_W1[int(rng.integers(0, len(CO_W1)))]}{CO_W2[int(rng.integers(0, len(CO_W2)))]}.{CO_TLD[int(rng.integers(0, 4))]}"
            c = "US" if rng.random() < .6 else CC[int(rng.choice(len(CC), p=CW))]
            ppl = self.people(1, country=c, domain=dom, mobile_frac=0)
            created = self.diurnal_times(1, CTZ[c], T_START, T_START + 25 * DAY)
            srv = self.ipv4(int(rng.integers(1, 4)), "dc")
            own = srv + [-1] * (3 - len(srv))
            comp = self.comp(int(rng.integers(3, 9)), 0.7)
            prof = self.profile([(comp, 1.0)])
            nreq = int(np.exp(rng.uniform(np.log(10000), np.log(50000))))
            nightly = rng.random() < .5
            self.legit_block("integrator", 1, created, ppl, np.array([own[0]]),
                             own2=np.array([own[1]]), signup_ip=self.home_ips(1),
                             n_pay=np.array([3]), n_req=np.array([nreq]), profile=np.array([prof]),
                             timing=3 if nightly else 2, timing_param=int(rng.integers(0, 24)),
                             active_end=np.array([T_END]), tok=2, burst=np.array([150.0]),
                             dev2_frac=0)
            self.blocks[-1]["amount_kind"] = np.array([2], np.int8)
            self.blocks[-1]["own3"] = np.array([own[2]], np.int64)

    def build_prepaid(self):
        rng = self.rng
        n = self.sc(1500, 3)
        country = [c if rng.random() < .5 else "US" for c in self.pick(CC, n, p=CW)]
        ppl = self.people(n, country=country)
        tz = np.array([CTZ[c] for c in ppl["country"]])
        created = self.diurnal_times(n, tz, T_START, T_END - DAY)
        home = self.home_ips(n)
        card = self.own_cards(n, ppl["country"], bins=PREPAID_BINS)
        self.legit_block("prepaid", n, created, ppl, home, card=card,
                         n_pay=rng.integers(1, 6, size=n), pool1=self.hotspot_pool, p1=.05)
        self.blocks[-1]["amount_kind"] = np.ones(n, np.int8)

    def build_proxyhome(self):
        rng = self.rng
        n = self.sc(250, 3)
        ppl = self.people(n)
        tz = np.array([CTZ[c] for c in ppl["country"]])
        created = self.diurnal_times(n, tz, T_START, T_END - DAY)
        home = rng.choice(self.proxy_ips, size=n, replace=False)
        self.legit_block("proxyhome", n, created, ppl, home, pool1=self.hotspot_pool, p1=.05,
                         n_req=self.legit_nreq(n, zero=.2))

    # ---------------------------------------------------------------- fraud
    def build_fraud(self):
        rng = self.rng
        self.proxy_pool = self.pool(self.proxy_ips)
        core = self.comp(30, 0.8)   # campaign-wide core of distillation prompts
        rings = [
            # id, size, signup span, batch, gap(s), hours, email, phone, devices, cards, pay, country
            dict(id="dist-A", n=1500, span=("2026-04-06", "2026-05-25"), batch=(10, 40), gap=(20, 240),
                 h0=1, dur=6, dayf=.65, email="cheap", doms=["mailnest.top", "quickinbox.xyz", "postbx.online"],
                 phone="seq", phone_frac=.7, phone_base=9292310000, phone_style=0, dev="unique", dev_frac=.7,
                 ua=[DESKTOP_UAS[0], DESKTOP_UAS[3]], cards=6, bins=PREPAID_BINS + REGULAR_BINS[:3], pay=.5,
                 country=["US"] * 6 + ["GB", "CA"], tmpl=150, p_ring=.85, ip="proxy", tok=3, med=300),
            dict(id="dist-B", n=1000, span=("2026-04-18", "2026-06-05"), batch=(15, 50), gap=(15, 180),
                 h0=8, dur=5, dayf=.6, email="dots", phone="seq", phone_frac=.85, phone_base=3322019000,
                 phone_style=None, dev="pool3", dev_frac=.8, ua=DESKTOP_UAS[:6], cards=4,
                 bins=REGULAR_BINS, pay=.6, country=["US"], tmpl=120, p_ring=.85, ip="proxy", tok=3, med=280),
            dict(id="dist-C", n=600, span=("2026-05-02", "2026-06-12"), batch=(8, 30), gap=(30, 300),
                 h0=19, dur=4.5, dayf=.7, email="cheap", doms=["inboxly.icu", "mailpro.cyou"],
                 phone="none", phone_frac=.1, dev="pool10", dev_frac=.75, ua=None, cards=8,
                 bins=REGULAR_BINS, pay=.4, country=None, tmpl=90, p_ring=.55, camo=.35, ip="proxy",
                 tok=3, med=260),
            dict(id="dist-D", n=400, span=("2026-04-12", "2026-06-10"), batch=(4, 12), gap=(120, 900),
                 h0=12, dur=8, dayf=.5, email="organic", phone="organic", phone_frac=.4, dev="unique",
                 dev_frac=.9, ua=None, cards=1, bins=None, pay=.7, country=None, tmpl=70, p_ring=.75,
                 ip="own", tok=4, med=220),
            dict(id="dist-E", n=280, span=("2026-05-22", "2026-06-20"), batch=(10, 30), gap=(20, 200),
                 h0=3, dur=6, dayf=.75, email="cheapdots", doms=["tmpmail.club"], phone="seq",
                 phone_frac=.9, phone_base=7418300000, phone_country="GB", phone_style=2,
                 dev="pool8", dev_frac=.7, ua=[DESKTOP_UAS[1]], cards=5, bins=PREPAID_BINS, pay=.5,
                 country=["GB"], tmpl=60, p_ring=.88, ip="proxy", tok=3, med=300),
        ]
        for r in rings:
            self.fraud_ring(r, core)
        vps1 = self.pool(self.ipv4(5, "vps"))
        vps2 = self.pool(self.ipv4(2, "vps"))
        vps3 = self.pool(self.ipv4(3, "vps"))
        sides = [
            dict(id="side-prepaid", n=12, span=("2026-05-08T13:00", "2026-05-08T16:00"), card_pool=3,
                 bins=["435880"], dev_pool=0, ua=[DESKTOP_UAS[0]], ippool=vps1, end="2026-05-30",
                 email_dom="outlook.com", h0=14, dur=8),
            dict(id="side-farm1", n=10, span=("2026-04-20T02:00", "2026-04-20T03:00"), card_pool=0,
                 bins=None, dev_pool=2, ua=HEADLESS_UAS[:1], ippool=vps2, end="2026-05-10",
                 email_dom="mailnest.top", h0=2, dur=10),
            dict(id="side-farm2", n=14, span=("2026-06-03T09:00", "2026-06-03T11:00"), card_pool=2,
                 bins=PREPAID_BINS[1:2], dev_pool=3, ua=HEADLESS_UAS, ippool=vps3, end="2026-06-28",
                 email_dom="gmail.com", h0=6, dur=12),
        ]
        for r in sides:
            self.side_op(r)

    def batch_times(self, n, span, batch, gap, h0, dur):
        rng = self.rng
        t_lo, t_hi = epoch(span[0] + "T00:00:00"), epoch(span[1] + "T00:00:00")
        out = []
        while len(out) < n:
            k = int(rng.integers(batch[0], batch[1] + 1))
            day = int(rng.integers(t_lo // DAY, t_hi // DAY + 1))
            # operators sign up around (but not only inside) their working hours
            st = day * DAY + int((h0 + rng.uniform(-2, dur)) * HOUR)
            ts = st + np.cumsum(rng.integers(gap[0], gap[1] + 1, size=k))
            out.extend(ts.tolist())
        t = np.array(out[:n], dtype=np.int64)
        return np.clip(t, T_START, T_END - DAY)

    def gmail_dots(self, base, k):
        rng = self.rng
        outs = {}  # insertion-ordered (a set's order depends on PYTHONHASHSEED)
        L = len(base)
        tries = 0
        while len(outs) < k and tries < k * 20:
            tries += 1
            mask = rng.random(L - 1) < .3
            s = base[0] + "".join(("." if mask[i] else "") + base[i + 1] for i in range(L - 1))
            if rng.random() < .1:
                s += "+" + "".join(rng.choice(list("abcdefghijklmnopqrstuvwxyz"), 4))
            outs[s] = None
        return list(outs)

    def rand_local(self, n, lo=8, hi=12):
        rng = self.rng
        al = np.array(list("abcdefghijklmnopqrstuvwxyz0123456789"))
        out = []
        for _ in range(n):
            k = int(rng.integers(lo, hi + 1))
            s = "".join(al[rng.integers(0, 26, 1)]) + "".join(al[rng.integers(0, 36, k - 1)])
            out.append(s)
        return out

    def fraud_ring(self, r, core):
        rng = self.rng
        n = self.sc(r["n"], 20)
        created = np.sort(self.batch_times(n, r["span"], r["batch"], r["gap"], r["h0"], r["dur"]))
        # countries
        if r["country"] is None:
            country = self.pick(CC, n, p=CW)
        else:
            country = self.pick(r["country"], n)
        # identities
        ppl = self.people(n, country=country, phone_frac=0)
        if r["email"] in ("cheap", "cheapdots"):
            locs = self.rand_local(n)
            doms = self.pick(r["doms"], n)
            ppl["email"] = [self.uniq_email(f"{locs[i]}@{doms[i]}") for i in range(n)]
        if r["email"] in ("dots", "cheapdots"):
            frac = 1.0 if r["email"] == "dots" else .4
            nb = max(2, int(n * frac / 40))
            bases = [f"{FIRST[int(rng.integers(0, len(FIRST)))]}{LAST[int(rng.integers(0, len(LAST)))]}{int(rng.integers(10, 99))}" for _ in range(nb)]
            variants = []
            for b in bases:
                variants += [v + "@gmail.com" for v in self.gmail_dots(b, int(np.ceil(n * frac / nb)) + 2)]
            rng.shuffle(variants)
            sel = np.where(rng.random(n) < frac)[0]
            for j, i in enumerate(sel[:len(variants)]):
                ppl["email"][i] = self.uniq_email(variants[j])
        if r["email"] == "cheap" and r["id"] == "dist-A":
            # some of ring A registers on gmail with random locals too
            m = rng.random(n) < .15
            for i in np.where(m)[0]:
                ppl["email"][i] = self.uniq_email(self.rand_local(1, 9, 14)[0] + "@gmail.com")
        if r["phone"] == "seq":
            step = np.cumsum(rng.integers(1, 3, size=n))
            pc = r.get("phone_country", "US")
            phones = []
            for i in range(n):
                if rng.random() < r["phone_frac"]:
                    num = str(r["phone_base"] + int(step[i]))
                    phones.append(self.phone_for(pc, digits=num, style=r["phone_style"]))
                else:
                    phones.append(None)
            ppl["phone"] = phones
        elif r["phone"] == "organic":
            ppl["phone"] = [self.phone_for(c) if rng.random() < r["phone_frac"] else None for c in country]
        else:
            ppl["phone"] = [self.phone_for(c) if rng.random() < r["phone_frac"] else None for c in country]
        if r["ua"] is not None:
            ppl["ua"] = self.pick(r["ua"], n)
        # devices
        ids = self.hexid("dv_", n, 12)
        if r["dev"].startswith("pool"):
            k = max(1, n // int(r["dev"][4:]))
            farm = self.hexid("dv_", k, 12)
            ids = [farm[int(rng.integers(0, k))] for _ in range(n)]
        dev1 = [ids[i] if rng.random() < r["dev_frac"] else None for i in range(n)]
        # cards
        if r["cards"] > 1:
            k = max(1, n // r["cards"])
            cpool = [self.make_card(country[int(rng.integers(0, n))], r["bins"]) for _ in range(k)]
            card = [cpool[int(rng.integers(0, k))] for _ in range(n)]
        else:
            card = self.own_cards(n, country)
        n_pay = np.where(rng.random(n) < r["pay"], rng.integers(1, 4, size=n), 0)
        # IPs
        if r["ip"] == "proxy":
            own = np.full((n, 3), -1, np.int64)
            pool1, p1 = self.proxy_pool, 1.0
            signup = self.pool_draw(self.proxy_pool, n)
        else:  # stealth: every account has its own never-shared addresses
            own = np.array(self.ipv4(3 * n), np.int64).reshape(n, 3)
            pool1, p1 = -1, 0.0
            signup = own[:, 0]
        # templates & timing
        rc = self.comp(r["tmpl"], 0.7)
        parts = [(rc, r["p_ring"]), (core, .05)]
        if r.get("camo"):
            parts.append((self.C_FRAME, r["camo"]))
        rest = 1 - sum(p for _, p in parts)
        if r["ip"] == "own":
            parts.append((self.C_HEAD, rest))
        else:
            parts.append((self.C_TAIL, rest))
        prof = self.profile(parts)
        ws = self.window_set(created.min(), T_END - r["dur"] * HOUR, r["h0"], r["dur"], r["dayf"])
        nreq = np.clip(np.round(np.exp(rng.normal(np.log(r["med"]), .55, size=n))), 100, 1500).astype(np.int64)
        tz = np.array([CTZ[c] for c in country])
        self.ring_meta[r["id"]] = dict(n=n, templates=r["tmpl"], hours=f"{r['h0']}+{r['dur']}h UTC")
        self.add(n, kind=["fake"] * n, ring=[r["id"]] * n, fake=np.ones(n, np.int8), created=created,
                 country=country, email=ppl["email"], phone=ppl["phone"], ua=ppl["ua"], org=[None] * n,
                 signup_ip=np.asarray(signup, np.int64), own1=own[:, 0], own2=own[:, 1], own3=own[:, 2],
                 pool1=np.full(n, pool1), p1=np.full(n, p1), pool2=np.full(n, -1), p2=np.zeros(n),
                 dev1=dev1, dev2=[None] * n, dev_ua=ppl["ua"], card=card, n_pay=n_pay, n_req=nreq,
                 burst=rng.uniform(10, 25, size=n), profile=np.full(n, prof), timing=np.full(n, 4),
                 tparam=np.full(n, ws), tz=tz, active_end=np.full(n, T_END, np.int64),
                 tok=np.full(n, r["tok"]), first_quick=np.zeros(n, bool), amount_kind=np.zeros(n, np.int8))

    def side_op(self, r):
        rng = self.rng
        n = r["n"]
        lo = epoch(r["span"][0] + ":00")
        hi = epoch(r["span"][1] + ":00")
        created = np.sort(lo + (rng.random(n) * (hi - lo)).astype(np.int64))
        country = ["US"] * n
        ppl = self.people(n, country=country, phone_frac=.3)
        locs = self.rand_local(n, 7, 11)
        ppl["email"] = [self.uniq_email(f"{locs[i]}@{r['email_dom']}") for i in range(n)]
        ppl["ua"] = self.pick(r["ua"], n)
        if r["dev_pool"]:
            farm = self.hexid("dv_", r["dev_pool"], 12)
            dev1 = [farm[int(rng.integers(0, len(farm)))] for _ in range(n)]
        else:
            dev1 = self.hexid("dv_", n, 12)
        if r["card_pool"]:
            cp = [self.make_card("US", r["bins"]) for _ in range(r["card_pool"])]
            card = [cp[int(rng.integers(0, len(cp)))] for _ in range(n)]
            n_pay = rng.integers(1, 5, size=n)
        else:
            card = self.own_cards(n, country)
            n_pay = np.where(rng.random(n) < .5, 1, 0)
        comp = self.comp(int(rng.integers(18, 26)), 0.8)
        prof = self.profile([(comp, .9), (self.C_HEAD, .1)])
        end = epoch(r["end"] + "T00:00:00")
        ws = self.window_set(lo, end, r["h0"], r["dur"], .8)
        nreq = np.clip(np.round(np.exp(rng.normal(np.log(400), .6, size=n))), 100, 1500).astype(np.int64)
        self.ring_meta[r["id"]] = dict(n=n, templates="own ~20")
        self.add(n, kind=["fake"] * n, ring=[r["id"]] * n, fake=np.ones(n, np.int8), created=created,
                 country=country, email=ppl["email"], phone=ppl["phone"], ua=ppl["ua"], org=[None] * n,
                 signup_ip=self.pool_draw(r["ippool"], n), own1=np.full(n, -1), own2=np.full(n, -1),
                 own3=np.full(n, -1), pool1=np.full(n, r["ippool"]), p1=np.ones(n),
                 pool2=np.full(n, -1), p2=np.zeros(n), dev1=dev1, dev2=[None] * n, dev_ua=ppl["ua"],
                 card=card, n_pay=n_pay, n_req=nreq, burst=rng.uniform(15, 40, size=n),
                 profile=np.full(n, prof), timing=np.full(n, 4), tparam=np.full(n, ws),
                 tz=np.zeros(n), active_end=np.full(n, end, np.int64), tok=np.full(n, 5),
                 first_quick=np.zeros(n, bool), amount_kind=np.zeros(n, np.int8))

    # ======================================================================
    # materialise tables
    # ======================================================================
    def cat(self, key):
        vals = [b[key] for b in self.blocks]
        if isinstance(vals[0], list):
            out = []
            for v in vals:
                out.extend(v)
            return out
        return np.concatenate([np.asarray(v) for v in vals])

    def missing(self, lst, rate):
        m = self.rng.random(len(lst)) < rate
        return [None if m[i] else v for i, v in enumerate(lst)]

    def write(self, out_dir):
        rng = self.rng
        N = sum(b["n"] for b in self.blocks)
        assert N == self.N, (N, self.N)
        A = {k: self.cat(k) for k in self.blocks[0].keys() if k != "n"}
        # random, unordered account ids; shuffle account order
        ids_num = rng.choice(1 << 40, size=N, replace=False)
        acc_id = np.array([f"acct_{x:010x}" for x in ids_num.tolist()], dtype=object)
        ip_str = pl.Series("ip", self.ips, dtype=pl.Utf8)

        def ipcol(idx):
            idx = np.asarray(idx, np.int64)
            s = ip_str.gather(np.where(idx < 0, 0, idx))
            return s.set(pl.Series(idx < 0), None) if (idx < 0).any() else s

        def tscol(t, name="ts"):
            return pl.from_epoch(pl.Series(name, np.asarray(t, np.int64)), time_unit="s").dt.strftime("%Y-%m-%dT%H:%M:%SZ")

        os.makedirs(os.path.join(out_dir, "truth"), exist_ok=True)
        created = A["created"].astype(np.int64)
        counts = {}

        # ---------------- accounts
        sip = A["signup_ip"].astype(np.int64).copy()
        sip[rng.random(N) < .10] = -1
        accounts = pl.DataFrame({
            "account_id": acc_id,
            "created_at": tscol(created),
            "email": self.missing(A["email"], .01),
            "phone": A["phone"],
            "country": self.missing(A["country"], .08),
            "signup_ip": ipcol(sip),
            "signup_device_id": A["dev1"],
            "user_agent": self.missing(A["ua"], .10),
            "org_id": A["org"],
        }, schema_overrides={"org_id": pl.Utf8, "phone": pl.Utf8, "email": pl.Utf8,
                             "signup_device_id": pl.Utf8, "user_agent": pl.Utf8, "country": pl.Utf8})
        perm = rng.permutation(N)
        accounts = accounts[perm]
        accounts.write_csv(os.path.join(out_dir, "accounts.csv"))
        counts["accounts"] = accounts.height

        truth = pl.DataFrame({"account_id": acc_id, "is_fake": A["fake"].astype(np.int8),
                              "ring_id": A["ring"], "group_kind": A["kind"]},
                             schema_overrides={"ring_id": pl.Utf8})[perm]
        truth.write_csv(os.path.join(out_dir, "truth", "truth.csv"))

        # ---------------- sessions
        n_req = A["n_req"].astype(np.int64)
        burst = A["burst"]
        n_sess = np.where(n_req > 0, np.maximum(1, np.round(n_req / burst)).astype(np.int64),
                          rng.poisson(1.2, size=N))
        n_sess = np.minimum(n_sess, 400)
        S_ = int(n_sess.sum())
        s_acc = np.repeat(np.arange(N), n_sess)
        s_off = np.concatenate([[0], np.cumsum(n_sess)[:-1]])
        s_rank = np.arange(S_) - s_off[s_acc]
        lo = created[s_acc] + 60
        hi = np.maximum(A["active_end"][s_acc], lo + HOUR)
        timing = A["timing"][s_acc]
        s_t = np.empty(S_, np.int64)
        m = timing == 0
        s_t[m] = self.diurnal_times(int(m.sum()), A["tz"][s_acc][m], lo[m], hi[m])
        m = timing == 1
        s_t[m] = self.diurnal_times(int(m.sum()), 0, lo[m], hi[m], pmf=FRAME_H)
        m = timing == 2
        s_t[m] = lo[m] + (rng.random(int(m.sum())) * (hi[m] - lo[m])).astype(np.int64)
        m = timing == 3
        k = int(m.sum())
        d0, d1 = lo[m] // DAY + 1, hi[m] // DAY
        day = d0 + np.floor(rng.random(k) * np.maximum(d1 - d0 + 1, 1)).astype(np.int64)
        s_t[m] = day * DAY + A["tparam"][s_acc][m] * HOUR + rng.integers(0, 2 * HOUR, size=k)
        m = timing == 4
        idx_all = np.where(m)[0]
        tp = A["tparam"][s_acc]
        for w, (starts, dur) in enumerate(self.win_sets):
            mm = idx_all[tp[idx_all] == w]
            if len(mm) == 0:
                continue
            ends = starts + dur
            k0 = np.searchsorted(ends, lo[mm])
            k1 = np.searchsorted(starts, hi[mm], side="right")
            avail = k1 - k0
            pick = k0 + np.floor(rng.random(len(mm)) * np.maximum(avail, 1)).astype(np.int64)
            pick = np.clip(pick, 0, len(starts) - 1)
            t = starts[pick] + (rng.random(len(mm)) * dur).astype(np.int64)
            t = np.where(avail > 0, t, lo[mm] + (rng.random(len(mm)) * DAY).astype(np.int64))
            s_t[mm] = t
        # activation session right after signup for legit users
        fq = A["first_quick"][s_acc] & (s_rank == 0)
        s_t[fq] = created[s_acc][fq] + 30 + rng.exponential(900, size=int(fq.sum())).astype(np.int64)
        s_t = np.clip(np.maximum(s_t, lo), None, T_END - 60)

        # session IP
        u = rng.random(S_)
        p1, p2 = A["p1"][s_acc], A["p2"][s_acc]
        pool1, pool2 = A["pool1"][s_acc], A["pool2"][s_acc]
        s_ip = np.full(S_, -1, np.int64)
        own = np.stack([A["own1"], A["own2"], A["own3"]], 1).astype(np.int64)
        n_own = (own >= 0).sum(1)
        # own: first address preferred
        r_own = np.where(rng.random(S_) < .8, 0, rng.integers(0, 3, size=S_))
        r_own = np.minimum(r_own, np.maximum(n_own[s_acc] - 1, 0))
        s_ip[:] = own[s_acc, r_own]
        for pid in range(len(self.pools)):
            sel1 = (pool1 == pid) & (u < p1)
            sel2 = (pool2 == pid) & (u >= p1) & (u < p1 + p2)
            sel = sel1 | sel2
            k = int(sel.sum())
            if k:
                s_ip[sel] = self.pool_draw(pid, k)
        # integrators stay on their servers; stealth never leaves its own addresses
        bad = s_ip < 0
        if bad.any():
            s_ip[bad] = own[s_acc[bad], 0]

        # ---------------- ip_events
        ev_login = rng.random(S_) < np.where(A["fake"][s_acc] == 1, .7, .4)
        ev_login &= s_rank < 60
        sig_ip = A["signup_ip"].astype(np.int64)
        ipe_acc = np.concatenate([np.arange(N), s_acc[ev_login]])
        ipe_ts = np.concatenate([created, s_t[ev_login] - rng.integers(0, 120, int(ev_login.sum()))])
        ipe_ip = np.concatenate([sig_ip, s_ip[ev_login]])
        ipe_ev = np.concatenate([np.zeros(N, np.int8), np.ones(int(ev_login.sum()), np.int8)])
        # a few password resets / 2fa events
        extra = rng.random(len(ipe_acc)) < .02
        ipe_ev = np.where(extra & (ipe_ev == 1), 2, ipe_ev)
        keep = ipe_ip >= 0
        ipe_ts = np.maximum(ipe_ts, created[ipe_acc])
        ev_names = pl.Series(["signup", "login", "password_reset"])
        ev = ev_names.gather(ipe_ev[keep])
        ev = ev.set(pl.Series(rng.random(int(keep.sum())) < .04), None)
        ip_events = pl.DataFrame({"account_id": acc_id[ipe_acc[keep]], "ts": ipe_ts[keep],
                                  "ip": ipcol(ipe_ip[keep]), "event": ev}).sort("ts")
        ip_events = ip_events.with_columns(tscol(ip_events["ts"].to_numpy()).alias("ts"))
        ip_events.write_csv(os.path.join(out_dir, "ip_events.csv"))
        counts["ip_events"] = ip_events.height

        # ---------------- api_requests
        R = int(n_req.sum())
        r_acc = np.repeat(np.arange(N), n_req)
        r_sess = s_off[r_acc] + np.floor(rng.random(R) * n_sess[r_acc]).astype(np.int64)
        gap = np.minimum(rng.exponential(np.where(A["fake"][r_acc] == 1, 1200, 700)), 3 * HOUR)
        r_t = s_t[r_sess] + gap.astype(np.int64)
        r_t = np.minimum(r_t, T_END)
        r_ip = s_ip[r_sess]
        # templates
        prof = A["profile"][r_acc].astype(np.int64)
        P = len(self.profiles)
        pc = np.full((P, 4), -1, np.int64)
        pp = np.ones((P, 4))
        for i, parts in enumerate(self.profiles):
            c = np.cumsum([p for _, p in parts])
            for j, (cid, _) in enumerate(parts):
                pc[i, j] = cid
                pp[i, j] = c[j]
            pp[i, len(parts) - 1:] = 1.0 + 1e-9
        u = rng.random(R)
        slot = (u[:, None] > pp[prof]).sum(1)
        comp = pc[prof, np.minimum(slot, 3)]
        k = np.array(self.comp_size, np.int64)[comp]
        a = np.array(self.comp_a, float)[comp]
        a = np.where(np.abs(a - 1) < 1e-6, 0.999, a)
        v = rng.random(R)
        one_m = 1 - a
        x = (1 + v * ((k + 1.0) ** one_m - 1)) ** (1 / one_m)
        rank = np.clip(np.floor(x).astype(np.int64) - 1, 0, k - 1)
        rank = np.where(a == 0, np.floor(v * k).astype(np.int64), rank)
        off = np.array(self.comp_off, np.int64)[comp]
        per = np.array(self.comp_peracc)[comp]
        tmpl = off + np.where(per, r_acc * k + rank, rank)
        # fingerprint strings only for templates in use
        used, inv = np.unique(tmpl, return_inverse=True)
        hx = rng.integers(0, 1 << 62, size=len(used), dtype=np.int64)
        hx2 = rng.integers(0, 1 << 62, size=len(used), dtype=np.int64)
        fp_str = pl.Series([f"{a_:016x}{b_ & 0xffff:04x}" for a_, b_ in zip(hx.tolist(), hx2.tolist())])
        # tokens / model
        TOK = {0: (700, 1.1, 350, 1.0, [.25, .5, .25]), 1: (3000, .8, 450, .8, [.3, .6, .1]),
               2: (1200, .4, 120, .5, [.05, .35, .6]), 3: (500, .7, 2800, .5, [.85, .15, 0]),
               4: (700, .8, 2000, .6, [.6, .35, .05]), 5: (800, .9, 1200, .7, [.7, .3, 0]),
               6: (1500, 1.0, 400, 1.0, [.3, .55, .15])}
        tok = A["tok"][r_acc].astype(np.int64)
        tin = np.empty(R)
        tout = np.empty(R)
        mdl = np.empty(R, np.int64)
        z1, z2, z3 = rng.normal(size=R), rng.normal(size=R), rng.random(R)
        for code, (im, isg, om, osg, mp) in TOK.items():
            mm = tok == code
            tin[mm] = np.exp(np.log(im) + isg * z1[mm])
            tout[mm] = np.exp(np.log(om) + osg * z2[mm])
            cdf = np.cumsum(mp)
            mdl[mm] = (z3[mm][:, None] > cdf[None, :-1]).sum(1)
        tin = np.clip(tin, 5, 180000).astype(np.int64)
        tout = np.clip(tout, 1, 16000).astype(np.int64)
        miss = lambda rate: pl.Series(rng.random(R) < rate)
        order = np.argsort(r_t, kind="stable")
        api = pl.DataFrame({
            "account_id": pl.Series(acc_id).gather(r_acc),
            "ts": tscol(r_t),
            "model": pl.Series(MODELS).gather(mdl).set(miss(.05), None),
            "input_tokens": pl.Series(tin).set(miss(.04), None),
            "output_tokens": pl.Series(tout).set(miss(.04), None),
            "prompt_fingerprint": fp_str.gather(inv).set(miss(.10), None),
            "ip": ipcol(r_ip).set(miss(.10), None),
        })[order]
        api.write_csv(os.path.join(out_dir, "api_requests.csv"))
        counts["api_requests"] = api.height
        self.req_by_acc = n_req

        # ---------------- devices
        d_acc, d_ts, d_id, d_ua = [], [], [], []
        dev1, dev2, dua = A["dev1"], A["dev2"], A["dev_ua"]
        last = np.maximum(A["active_end"].astype(np.int64), created + HOUR)
        extra_n = rng.integers(0, 4, size=N)
        for i in range(N):
            if dev1[i] is not None:
                d_acc.append(i); d_ts.append(created[i]); d_id.append(dev1[i]); d_ua.append(dua[i])
                for _ in range(int(extra_n[i])):
                    d_acc.append(i); d_ts.append(int(created[i] + rng.random() * (last[i] - created[i])))
                    d_id.append(dev1[i]); d_ua.append(dua[i])
            if dev2[i] is not None:
                t = int(created[i] + rng.random() * (last[i] - created[i]))
                d_acc.append(i); d_ts.append(t); d_id.append(dev2[i])
                d_ua.append(MOBILE_UAS[int(rng.integers(0, len(MOBILE_UAS)))])
        d_acc = np.array(d_acc, np.int64)
        devices = pl.DataFrame({"account_id": acc_id[d_acc], "ts": np.array(d_ts, np.int64),
                                "device_id": d_id, "user_agent": self.missing(d_ua, .10)},
                               schema_overrides={"user_agent": pl.Utf8}).sort("ts")
        devices = devices.with_columns(tscol(devices["ts"].to_numpy()).alias("ts"))
        devices.write_csv(os.path.join(out_dir, "devices.csv"))
        counts["devices"] = devices.height

        # ---------------- payments
        p_rows = []
        n_pay = A["n_pay"].astype(np.int64)
        cards, ak = A["card"], A["amount_kind"]
        for i in np.where(n_pay > 0)[0]:
            c = cards[i]
            t = created[i] + int(rng.exponential(2 * DAY)) + 300
            for j in range(int(n_pay[i])):
                if t > T_END:
                    break
                if ak[i] == 2:
                    amt = round(float(rng.uniform(500, 5000)), 2)
                elif ak[i] == 1:
                    amt = float(rng.choice([10, 15, 20, 25]))
                else:
                    amt = float(rng.choice([5, 10, 20, 20, 20, 25, 50, 100]))
                p_rows.append((i, t, c[0], c[1], c[2], c[3], c[4], f"{amt:.2f}", c[5]))
                t += int(rng.normal(30, 3) * DAY) if ak[i] != 1 else int(rng.uniform(3, 25) * DAY)
        pay = pl.DataFrame(p_rows, schema=["i", "t", "card_fingerprint", "card_bin", "card_last4",
                                           "card_country", "billing_postal_code", "amount", "currency"],
                           orient="row")
        M = pay.height
        pid = self.hexid("py_", M, 8)
        pay = pay.with_columns(
            pl.Series("payment_id", pid).set(pl.Series(rng.random(M) < .10), None),
            pl.Series("account_id", acc_id[pay["i"].to_numpy()]),
            tscol(pay["t"].to_numpy()),
        )
        for col, rate in [("card_bin", .10), ("card_last4", .08), ("card_country", .10),
                          ("billing_postal_code", .15), ("amount", .02), ("currency", .05)]:
            pay = pay.with_columns(pay[col].set(pl.Series(rng.random(M) < rate), None).alias(col))
        pay = pay.sort("t").select(["payment_id", "account_id", "ts", "card_fingerprint", "card_bin",
                                    "card_last4", "card_country", "billing_postal_code", "amount",
                                    "currency"])
        pay.write_csv(os.path.join(out_dir, "payments.csv"))
        counts["payments"] = pay.height
        self.A = A
        return counts, truth


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out_dir")
    ap.add_argument("--accounts", type=int, default=60000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    if args.accounts < 2000:
        ap.error("--accounts must be at least 2000")
    t0 = time.time()
    g = Gen(args.accounts, args.seed)
    g.build()
    counts, truth = g.write(args.out_dir)
    A = g.A
    print(f"wrote {args.out_dir} in {time.time() - t0:.1f}s (seed {args.seed})")
    for k, v in counts.items():
        print(f"  {k:13s} {v:>10,d} rows")
    print("accounts per group_kind (requests):")
    kinds = A["kind"]
    req = g.req_by_acc
    kc = Counter(kinds)
    rq = Counter()
    for k_, r_ in zip(kinds, req.tolist()):
        rq[k_] += r_
    for k_, v in sorted(kc.items(), key=lambda x: -x[1]):
        print(f"  {k_:12s} {v:>7,d}  ({rq[k_]:>9,d} requests)")
    print("fake accounts per ring:")
    rc = Counter(r for r in A["ring"] if r)
    for k_ in sorted(rc):
        print(f"  {k_:14s} {rc[k_]:>6,d}")
    nf = int(A["fake"].sum())
    print(f"fake total {nf:,d} of {len(kinds):,d} ({100 * nf / len(kinds):.1f}%)")


if __name__ == "__main__":
    main()
