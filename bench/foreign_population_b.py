#!/usr/bin/env python3
"""gen2 -- an independent synthetic population generator for coordinated-fraud detection tests.

Usage: gen2.py OUT_DIR [--accounts N] [--seed S]

Writes OUT_DIR/{accounts,payments,ip_events,devices,api_requests}.csv and OUT_DIR/truth/truth.csv.
Everything is built from mechanisms with sizes/rates drawn from distributions; it is deterministic
per seed and vectorised with numpy/polars (loops only over groups: teams, cohorts, rings, ...).
"""
import argparse
import os
import sys
import time

import numpy as np
import polars as pl

DAY = 86400
HOUR = 3600
MONTH = 30.44 * DAY


def _epoch(s):
    return int(np.datetime64(s, "s").astype(np.int64))


T0 = _epoch("2026-03-15T00:00:00")
T1 = _epoch("2026-07-15T00:00:00")
HIST0 = _epoch("2025-04-01T00:00:00")  # oldest pre-existing accounts

# ----------------------------------------------------------------------------------------------
# static vocabularies
# ----------------------------------------------------------------------------------------------
# code, base tz, population weight, calling code, currency, fx per USD, national number length
COUNTRIES = [
    ("US", -6, 22, "1", "USD", 1.0, 10), ("IN", 5.5, 10, "91", "INR", 83, 10),
    ("GB", 0, 5, "44", "GBP", 0.79, 10), ("DE", 1, 5, "49", "EUR", 0.92, 11),
    ("FR", 1, 4, "33", "EUR", 0.92, 9), ("BR", -3, 5, "55", "BRL", 5.0, 11),
    ("CA", -5, 3, "1", "CAD", 1.36, 10), ("JP", 9, 3, "81", "JPY", 150, 10),
    ("KR", 9, 2.5, "82", "KRW", 1350, 10), ("AU", 10, 2, "61", "AUD", 1.5, 9),
    ("MX", -6, 2.5, "52", "MXN", 17, 10), ("ID", 7, 3, "62", "IDR", 15800, 11),
    ("NG", 1, 2, "234", "NGN", 1500, 10), ("PH", 8, 2.5, "63", "PHP", 56, 10),
    ("VN", 7, 2, "84", "VND", 25000, 9), ("ES", 1, 2, "34", "EUR", 0.92, 9),
    ("IT", 1, 2, "39", "EUR", 0.92, 10), ("NL", 1, 1.5, "31", "EUR", 0.92, 9),
    ("PL", 1, 1.5, "48", "PLN", 4.0, 9), ("TR", 3, 2, "90", "TRY", 32, 10),
    ("EG", 2, 1.5, "20", "EGP", 48, 10), ("PK", 5, 2, "92", "PKR", 280, 10),
    ("ZA", 2, 1, "27", "ZAR", 18.5, 9), ("AR", -3, 1.5, "54", "ARS", 900, 10),
    ("CO", -5, 1.2, "57", "COP", 3900, 10), ("SG", 8, 1, "65", "SGD", 1.35, 8),
    ("SE", 1, 0.8, "46", "SEK", 10.5, 9), ("UA", 2, 1.2, "380", "UAH", 40, 9),
    ("KE", 3, 1, "254", "KES", 130, 9), ("TW", 8, 1.2, "886", "TWD", 32, 9),
]
C_CODE = np.array([c[0] for c in COUNTRIES])
C_TZ = np.array([c[1] for c in COUNTRIES], dtype=float)
C_W = np.array([c[2] for c in COUNTRIES], dtype=float)
C_W = C_W / C_W.sum()
C_CC = np.array([c[3] for c in COUNTRIES])
C_CUR = np.array([c[4] for c in COUNTRIES])
C_FX = np.array([c[5] for c in COUNTRIES], dtype=float)
C_NLEN = np.array([c[6] for c in COUNTRIES])
NC = len(COUNTRIES)
CIDX = {c: i for i, c in enumerate(C_CODE)}
TZ_SPREAD = {"US": ([-5, -6, -7, -8], [0.47, 0.29, 0.07, 0.17]), "CA": ([-5, -6, -7, -8, -3.5], [0.6, 0.1, 0.1, 0.17, 0.03]),
             "AU": ([10, 9.5, 8], [0.8, 0.08, 0.12]), "ID": ([7, 8, 9], [0.7, 0.2, 0.1]), "BR": ([-3, -4], [0.9, 0.1]),
             "MX": ([-6, -7, -5], [0.8, 0.12, 0.08])}
LOCAL_DOMAINS = {"DE": ["gmx.de", "web.de", "t-online.de"], "FR": ["orange.fr", "free.fr", "laposte.net"],
                 "GB": ["btinternet.com", "sky.com"], "JP": ["yahoo.co.jp", "docomo.ne.jp"], "KR": ["naver.com", "daum.net"],
                 "IN": ["rediffmail.com", "yahoo.co.in"], "BR": ["uol.com.br", "bol.com.br"], "PL": ["wp.pl", "o2.pl"],
                 "IT": ["libero.it", "virgilio.it"], "TR": ["yandex.com"], "UA": ["ukr.net", "i.ua"], "NL": ["ziggo.nl", "kpnmail.nl"],
                 "MX": ["prodigy.net.mx"], "AR": ["fibertel.com.ar"], "SE": ["telia.com"], "CA": ["rogers.com", "shaw.ca"],
                 "AU": ["bigpond.com", "optusnet.com.au"], "US": ["comcast.net", "att.net", "verizon.net"], "TW": ["yahoo.com.tw"],
                 "VN": ["yahoo.com.vn"], "ES": ["telefonica.net"], "ZA": ["mweb.co.za"]}
LD_LEN = np.array([len(LOCAL_DOMAINS.get(c[0], [])) for c in COUNTRIES])
LD_OFF = np.cumsum(LD_LEN) - LD_LEN
LD_FLAT = np.array([d for c in COUNTRIES for d in LOCAL_DOMAINS.get(c[0], [])], dtype=object)
BIG_DOMAINS = ["gmail.com", "outlook.com", "hotmail.com", "yahoo.com", "icloud.com", "proton.me", "aol.com"]
BIG_W = np.array([0.60, 0.07, 0.07, 0.08, 0.07, 0.025, 0.015])

FIRST = ("james john robert michael william david richard joseph thomas charles mary patricia jennifer linda elizabeth "
         "barbara susan jessica sarah karen priya rahul amit ananya arjun neha wei li jun hiro yuki sakura kenji minji jisoo "
         "seojun lucas gabriel ana maria jose carlos sofia mateo valentina juan lukas lena jonas emma leon mia hugo chloe "
         "louis ines olivia noah ethan ava liam isabella mohamed ahmed fatima omar aisha chinedu ngozi tunde amara nguyen "
         "linh minh thanh jan piotr anna kasia mehmet elif ayse emre ivan olena taras andrii").split()
LAST = ("smith johnson williams brown jones garcia miller davis rodriguez martinez hernandez lopez gonzalez wilson anderson "
        "thomas taylor moore jackson martin lee perez thompson white harris sharma patel singh kumar gupta reddy wang zhang "
        "liu chen yang tanaka suzuki sato takahashi kim park choi jung silva santos oliveira souza pereira muller schmidt "
        "schneider fischer weber dubois durand bernard moreau rossi russo ferrari nguyen tran le pham kowalski nowak "
        "wisniewski yilmaz kaya demir okafor adeyemi okonkwo mensah ivanenko shevchenko bondarenko").split()
WORDS = ("sky star moon sun wolf fox bear tiger lion eagle hawk pixel byte code data neo zen nova blue red green dark "
         "happy lucky cool fast wild storm fire ice snow rain river ocean stone iron gold silver ninja dragon ghost").split()
SYLL = ("ka lo mi ra ne su ta vo bi de fa gu hi jo ku le ma no pa qu ri se ti ul va wi xe yo zu ar en ol an is "
        "or ex al on in us ix io ly ra tr st br cl gr pl fl sn qu").split()
CO_TLD = ["io", "com", "ai", "dev", "co", "tech", "app", "so"]
SCHOOL_SUFFIX = ["academy", "school", "camp", "labs", "institute", "bootcamp", "learning", "hub"]
SCHOOL_TLD = ["io", "com", "org", "dev", "co", "school", "academy"]
CHEAP_TLD = ["xyz", "top", "shop", "site", "online", "icu", "click", "store", "fun", "buzz", "lol", "cfd", "sbs", "space",
             "website", "pw", "cyou", "monster", "rest", "bond"]
UAS = [
    ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36", 0.26),
    ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36", 0.12),
    ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36", 0.12),
    ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15", 0.07),
    ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1", 0.12),
    ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36", 0.05),
    ("Mozilla/5.0 (Linux; Android 13; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 Mobile Safari/537.36", 0.08),
    ("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0", 0.06),
    ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.0.0", 0.07),
    ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36", 0.05),
]
UA_S = np.array([u[0] for u in UAS], dtype=object)
UA_W = np.array([u[1] for u in UAS])
UA_W = UA_W / UA_W.sum()
SDK_UAS = np.array(["python-httpx/0.27.0", "orca-python/1.14.2", "orca-node/4.2.0", "curl/8.5.0", "Go-http-client/2.0",
                    "langflow-agent/0.9 python-requests/2.31.0"], dtype=object)

MODELS = np.array(["orca-2-mini", "orca-2", "orca-3-mini", "orca-3", "orca-3.5"])
N_OLD = 4
NEW_M = 4
VOIP_AREAS = np.array([209, 216, 239, 315, 347, 380, 415, 475, 478, 510, 520, 551, 564, 606, 659, 689, 717, 740, 779,
                       820, 854, 912, 934, 938, 959])


def _circ(h, mu, sd):
    d = np.abs(h - mu)
    d = np.minimum(d, 24 - d)
    return np.exp(-0.5 * (d / sd) ** 2)


def _prof(base, peaks):
    h = np.arange(24) + 0.5
    w = base + sum(wt * _circ(h, mu, sd) for mu, sd, wt in peaks)
    return w / w.sum()


PROF_NAMES = ["consumer", "worker", "night", "student", "flat", "office", "daytime"]
PROF = np.array([
    _prof(0.04, [(11, 2.5, 1.0), (15, 2.0, 0.8), (21, 2.0, 1.3)]),
    _prof(0.02, [(10, 1.5, 1.0), (14.5, 1.8, 1.0), (21, 1.5, 0.3)]),
    _prof(0.08, [(23, 2.5, 1.2), (2, 2.0, 0.8), (15, 3.0, 0.5)]),
    _prof(0.04, [(14, 2.0, 0.7), (20.5, 2.0, 1.2), (23, 1.5, 0.5)]),
    _prof(1.0, [(14, 4.0, 0.8)]),
    _prof(0.005, [(10, 1.2, 1.0), (11.5, 1.0, 0.8), (14.5, 1.3, 1.0), (16.5, 1.0, 0.7)]),
    _prof(0.05, [(13, 4, 1.0)]),
])
PROF_CDF = np.cumsum(PROF, axis=1)
P_ = {n: i for i, n in enumerate(PROF_NAMES)}
WEEK = np.array([
    [0.9, 0.9, 0.9, 0.9, 0.95, 1.0, 1.0],   # 0 consumer
    [1, 1, 1, 1, 0.95, 0.35, 0.3],          # 1 worker
    [1, 1, 1, 1, 1, 1, 1],                  # 2 flat
    [1, 1, 1, 1, 0.9, 0.04, 0.03],          # 3 office
])


# ----------------------------------------------------------------------------------------------
# vectorised string helpers
# ----------------------------------------------------------------------------------------------
HEXC = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)
DIGC = np.frombuffer(b"0123456789", dtype=np.uint8)
ALNUM = np.frombuffer(b"abcdefghijklmnopqrstuvwxyz0123456789", dtype=np.uint8)
ALPHA = np.frombuffer(b"abcdefghijklmnopqrstuvwxyz", dtype=np.uint8)


def rand_hex(rng, n, width):
    d = rng.integers(0, 16, size=(n, width), dtype=np.uint8)
    return HEXC[d].view(f"S{width}").ravel().astype(str)


def rand_chars(rng, n, width, alphabet):
    d = rng.integers(0, len(alphabet), size=(n, width))
    return alphabet[d].astype(np.uint8).view(f"S{width}").ravel().astype(str)


def dec(vals, width):
    vals = np.asarray(vals, dtype=np.int64)
    p = 10 ** np.arange(width - 1, -1, -1, dtype=np.int64)
    d = (vals[:, None] // p[None, :]) % 10
    return DIGC[d].astype(np.uint8).view(f"S{width}").ravel().astype(str)


def hexw(vals, width):
    vals = np.asarray(vals, dtype=np.int64)
    sh = np.arange(width - 1, -1, -1, dtype=np.int64) * 4
    d = (vals[:, None] >> sh[None, :]) & 15
    return HEXC[d].astype(np.uint8).view(f"S{width}").ravel().astype(str)


def cat(*parts, n=None):
    """concatenate numpy string arrays / scalars element-wise -> numpy object array"""
    cols = {}
    exprs = []
    for k, p in enumerate(parts):
        if isinstance(p, str):
            exprs.append(pl.lit(p))
        else:
            cols[f"c{k}"] = pl.Series(np.asarray(p).astype(str))
            exprs.append(pl.col(f"c{k}"))
    df = pl.DataFrame(cols) if cols else pl.DataFrame({"_": np.zeros(n)})
    return df.select(pl.concat_str(exprs).alias("s"))["s"].to_numpy().astype(object)


def zipf_rank(u, K, s):
    """continuous power-law rank in [0, K) with exponent s (0 = uniform), vectorised over rows"""
    K = np.asarray(K, dtype=float)
    s = np.broadcast_to(np.asarray(s, dtype=float), u.shape)
    one = np.abs(s - 1.0) < 1e-3
    s2 = np.where(one, 0.5, s)
    x_gen = (((K + 1) ** (1 - s2) - 1) * u + 1) ** (1 / (1 - s2))
    x_one = (K + 1) ** u
    x = np.where(one, x_one, x_gen)
    r = np.floor(x).astype(np.int64) - 1
    return np.clip(r, 0, np.maximum(K.astype(np.int64) - 1, 0))


def seg_index(counts):
    """for counts per segment -> (segment id per element, position within segment)"""
    counts = np.asarray(counts, dtype=np.int64)
    seg = np.repeat(np.arange(len(counts)), counts)
    starts = np.cumsum(counts) - counts
    pos = np.arange(len(seg)) - starts[seg]
    return seg, pos


# ----------------------------------------------------------------------------------------------
# registries
# ----------------------------------------------------------------------------------------------
class IPReg:
    def __init__(self):
        self.chunks = []
        self.n = 0

    def _ids(self, k):
        ids = np.arange(self.n, self.n + k, dtype=np.int64)
        self.n += k
        return ids

    def v4(self, u32):
        u32 = np.asarray(u32, dtype=np.int64)
        df = pl.DataFrame({"a": (u32 >> 24) & 255, "b": (u32 >> 16) & 255, "c": (u32 >> 8) & 255, "d": u32 & 255})
        self.chunks.append(df.select(pl.concat_str(["a", "b", "c", "d"], separator=".").alias("ip"))["ip"])
        return self._ids(len(u32))

    def v6(self, rng, n):
        heads = np.array(["2a02", "2600", "2001", "2406", "2804", "2a01", "2409", "2603", "2c0f", "2405"])
        g = [heads[rng.integers(0, len(heads), n)]] + [hexw(rng.integers(0, 65536, n), 4) for _ in range(7)]
        df = pl.DataFrame({f"g{i}": x for i, x in enumerate(g)})
        self.chunks.append(df.select(pl.concat_str([f"g{i}" for i in range(8)], separator=":").alias("ip"))["ip"])
        return self._ids(n)

    def table(self):
        return pl.concat(self.chunks)


class PoolReg:
    def __init__(self):
        self.pools = []

    def add(self, ids):
        self.pools.append(np.asarray(ids, dtype=np.int64))
        return len(self.pools) - 1

    def finalize(self):
        self.len = np.array([len(p) for p in self.pools], dtype=np.int64)
        self.off = np.cumsum(self.len) - self.len
        self.flat = np.concatenate(self.pools)

    def pick(self, rng, pidx):
        pidx = np.asarray(pidx, dtype=np.int64)
        u = rng.random(len(pidx))
        return self.flat[self.off[pidx] + (u * self.len[pidx]).astype(np.int64)]


class CardReg:
    def __init__(self):
        self.parts = []
        self.n = 0

    def add(self, rng, bins, country, postal):
        k = len(bins)
        fp = cat("card_", rand_hex(rng, k, 20))
        last4 = dec(rng.integers(0, 10000, k), 4)
        self.parts.append(pl.DataFrame({"card_fingerprint": fp.astype(str), "card_bin": np.asarray(bins).astype(str),
                                        "card_last4": last4, "card_country": C_CODE[country],
                                        "billing_postal_code": np.asarray(postal).astype(str)}))
        ids = np.arange(self.n, self.n + k)
        self.n += k
        return ids

    def table(self):
        return pl.concat(self.parts)


# ----------------------------------------------------------------------------------------------
# generator
# ----------------------------------------------------------------------------------------------
class Gen:
    def __init__(self, N, seed):
        self.N = N
        self.rng = np.random.default_rng(seed)
        self.ips = IPReg()
        self.pools = PoolReg()
        self.cards = CardReg()
        self.ntpl = 0
        self.na = 0
        cap = N + 16
        z = lambda dt, v=0: np.full(cap, v, dtype=dt)
        # account-level fields
        self.kind = z(object, "")
        self.ring = z(object, "")
        self.fake = z(np.int8)
        self.country = z(np.int64)
        self.tz = z(float)
        self.created = z(np.int64)
        self.email = z(object, "")
        self.phone = z(object, "")
        self.signup_ip = z(np.int64, -1)
        self.dev0 = z(object, "")
        self.dev1 = z(object, "")
        self.ua = z(object, "")
        self.org = z(object, "")
        # behaviour policies
        self.diurnal = z(bool, False)
        self.act0 = z(np.int64)
        self.act1 = z(np.int64)
        self.p_day = z(float)
        self.spd = z(float, 1.0)
        self.rps = z(float, 1.0)
        self.gap = z(float, 60.0)
        self.prof = z(np.int64)
        self.wk = z(np.int64)
        self.p_pub = z(float, 0.5)
        self.p_grp = z(float, 0.0)
        self.pub_K = z(np.int64, 250000)  # how deep into the public template vocabulary an account reaches
        self.grp_base = z(np.int64)
        self.grp_size = z(np.int64)
        self.grp_s = z(float, 1.0)
        self.priv_base = z(np.int64)
        self.priv_size = z(np.int64)
        self.reuse = z(float, 0.3)
        self.pref = np.zeros((cap, N_OLD))
        self.adopt = z(np.int64, 2 ** 62)
        self.f_new = z(float, 0.0)
        self.in_med = z(float, 300.0)
        self.out_med = z(float, 300.0)
        self.out_sig = z(float, 0.8)
        self.home = z(np.int64, -1)
        self.home2 = z(np.int64, -1)
        self.switch = z(np.int64, 2 ** 62)
        self.mob_pool = z(np.int64, -1)
        self.p_mob = z(float)
        self.vpn_pool = z(np.int64, -1)
        self.p_vpn = z(float)
        self.req_pool = z(np.int64, -1)
        # payments
        self.pay_mode = z(np.int64)  # 0 none, 1 subscription, 2 top-ups, 3 prepaid top-ups (new card sometimes)
        self.card = z(np.int64, -1)
        self.sub_usd = z(float, 20.0)
        self.top_usd = z(float, 20.0)
        self.n_top = z(float, 1.5)
        self.new_card_p = z(float, 0.0)
        self.postal = z(object, "")
        # session store
        self.S = []

    # ---------------- small samplers ----------------
    def rand_country(self, n, w=None):
        return self.rng.choice(NC, size=n, p=C_W if w is None else w)

    def rand_tz(self, c):
        tz = C_TZ[c].copy()
        for code, (vals, w) in TZ_SPREAD.items():
            m = c == CIDX[code]
            if m.any():
                tz[m] = self.rng.choice(vals, size=int(m.sum()), p=w)
        return tz

    def new_tpl(self, k):
        b = self.ntpl
        self.ntpl += int(k)
        return b

    def hours(self, prof_idx):
        u = self.rng.random(len(prof_idx))
        h = (u[:, None] > PROF_CDF[prof_idx]).sum(1)
        return np.minimum(h, 23) + self.rng.random(len(prof_idx))

    def local_time(self, day_abs, hour, tz):
        return (day_abs * DAY + hour * HOUR - tz * HOUR).astype(np.int64)

    def alloc(self, n, kind, country=None):
        i = np.arange(self.na, self.na + n)
        self.na += n
        self.kind[i] = kind
        c = self.rand_country(n) if country is None else np.broadcast_to(country, (n,))
        self.country[i] = c
        self.tz[i] = self.rand_tz(np.asarray(self.country[i]))
        return i

    def add_sessions(self, acc, t, n, gap, ip=None, pbase=None, psize=None, pp=None, ps=None):
        k = len(acc)
        if k == 0:
            return
        f = lambda v, d, dt: np.full(k, d, dtype=dt) if v is None else np.broadcast_to(np.asarray(v, dtype=dt), (k,)).copy()
        self.S.append(dict(acc=np.asarray(acc, dtype=np.int64), t=np.asarray(t, dtype=float),
                           n=np.maximum(np.asarray(n, dtype=np.int64), 1), gap=f(gap, 60.0, float),
                           ip=f(ip, -1, np.int64), pbase=f(pbase, -1, np.int64), psize=f(psize, 0, np.int64),
                           pp=f(pp, 0.0, float), ps=f(ps, 1.0, float)))

    # ---------------- address space ----------------
    def build_network(self):
        r = self.rng
        valid = np.array([x for x in range(2, 224) if x not in (10, 100, 127, 169, 172, 192, 198, 203)])
        n16 = NC * 10 + 60
        pref = np.unique(valid[r.integers(0, len(valid), n16 * 2)] * 256 + r.integers(0, 256, n16 * 2))
        pref = r.permutation(pref)[:n16]
        self.dc16 = pref[:60] << 16
        isp = pref[60:]
        k_per = r.integers(4, 16, NC)
        k_per = np.minimum(k_per, 10 + (k_per * 0))  # at most 10 per country (space reserved)
        self.isp_off = np.arange(NC) * 10
        self.isp_len = k_per
        self.isp16 = isp << 16
        # residential proxy providers: /24s carved out of ISP ranges, weighted by country
        self.proxy_pools = []
        self.proxy_pool_country = []
        for size_scale in (r.uniform(35000, 65000), r.uniform(8000, 18000)):
            n24 = int(size_scale / r.uniform(6, 12))
            pw = C_W * np.exp(r.normal(0, 0.5, NC))
            pc = r.choice(NC, n24, p=pw / pw.sum())
            base = self.isp16[self.isp_off[pc] + r.integers(0, self.isp_len[pc])] + (r.integers(0, 256, n24) << 8)
            per = 1 + r.geometric(1 / r.uniform(6, 12), n24)
            blk, _ = seg_index(per)
            u32 = base[blk] + r.integers(2, 255, len(blk))
            u32, first = np.unique(u32, return_index=True)
            ids = self.ips.v4(u32)
            self.proxy_pools.append(self.pools.add(ids))
            self.proxy_pool_country.append((ids, pc[blk[first]]))
        # mobile carriers: every country has 1-3 carriers; CGNAT (100.64/10) or public carrier pools
        self.carriers = [[] for _ in range(NC)]
        self.carrier_country = []
        for c in range(NC):
            for _ in range(r.integers(1, 4)):
                k = int(np.clip(r.lognormal(np.log(120 * (0.5 + 10 * C_W[c])), 0.6), 20, 1500))
                if r.random() < 0.55:
                    u32 = (100 << 24) + (64 << 16) + r.integers(0, 1 << 22, k)
                else:
                    base = self.isp16[self.isp_off[c] + r.integers(0, self.isp_len[c])] + (r.integers(0, 16) << 12)
                    u32 = base + r.integers(0, 1 << 12, k)
                pid = self.pools.add(self.ips.v4(np.unique(u32)))
                self.carriers[c].append(pid)
                self.carrier_country.append(c)
        self.car_len = np.array([len(x) for x in self.carriers])
        self.car_off = np.cumsum(self.car_len) - self.car_len
        self.car_flat = np.array([p for x in self.carriers for p in x])
        # commercial VPN providers
        self.vpns = []
        nv = r.integers(4, 8)
        self.vpn_w = r.dirichlet(np.ones(nv) * 0.8)
        for _ in range(nv):
            k = int(r.integers(20, 300))
            n24 = max(1, k // int(r.integers(4, 30)))
            b24 = self.dc16[r.integers(0, len(self.dc16), n24)] + (r.integers(0, 256, n24) << 8)
            u32 = np.unique(b24[r.integers(0, n24, k)] + r.integers(2, 255, k))
            self.vpns.append(self.pools.add(self.ips.v4(u32)))

    def home_ips(self, c, p_v6=0.15):
        r = self.rng
        n = len(c)
        pfx = self.isp16[self.isp_off[c] + (r.random(n) * self.isp_len[c]).astype(np.int64)]
        u32 = pfx + (r.integers(0, 256, n) << 8) + r.integers(2, 255, n)
        ids = self.ips.v4(u32)
        v6 = r.random(n) < p_v6
        if v6.any():
            ids[v6] = self.ips.v6(r, int(v6.sum()))
        return ids, pfx

    def dc_ips(self, k):
        r = self.rng
        u32 = self.dc16[r.integers(0, len(self.dc16), k)] + (r.integers(0, 256, k) << 8) + r.integers(2, 255, k)
        return self.ips.v4(u32)

    # ---------------- identity strings ----------------
    def personal_email(self, c, gmail_boost=0.0, surname=None):
        r = self.rng
        n = len(c)
        fi = r.integers(0, len(FIRST), n)
        li = r.integers(0, len(LAST), n) if surname is None else surname
        first = np.array(FIRST)[fi]
        last = np.array(LAST)[li]
        pat = r.choice(8, n, p=[0.2, 0.14, 0.06, 0.18, 0.1, 0.14, 0.06, 0.12])
        d2 = dec(r.integers(0, 100, n), 2)
        d4 = dec(r.integers(1950, 2012, n), 4)
        word = np.array(WORDS)[r.integers(0, len(WORDS), n)]
        df = pl.DataFrame({"f": first, "l": last, "p": pat, "d2": d2, "d4": d4, "w": word,
                           "i": pl.Series(first).str.slice(0, 1)})
        loc = df.select(
            pl.when(pl.col("p") == 0).then(pl.concat_str(["f", pl.lit("."), "l"]))
            .when(pl.col("p") == 1).then(pl.concat_str(["f", "l"]))
            .when(pl.col("p") == 2).then(pl.concat_str(["f", pl.lit("_"), "l"]))
            .when(pl.col("p") == 3).then(pl.concat_str(["f", pl.lit("."), "l", "d2"]))
            .when(pl.col("p") == 4).then(pl.concat_str(["i", "l"]))
            .when(pl.col("p") == 5).then(pl.concat_str(["f", "d4"]))
            .when(pl.col("p") == 6).then(pl.concat_str(["l", "i", "d2"]))
            .otherwise(pl.concat_str(["w", "f", "d2"])).alias("x"))["x"].to_numpy()
        w = BIG_W * (1 - gmail_boost)
        w = np.concatenate([w, [0.13 * (1 - gmail_boost), 0.02]])
        w[0] += gmail_boost
        w = w / w.sum()
        pick = r.choice(len(w), n, p=w)
        dom = np.array(BIG_DOMAINS + ["", ""], dtype=object)[pick]
        loc_m = pick == len(BIG_DOMAINS)
        if loc_m.any():
            cm = c[loc_m]
            j = LD_OFF[cm] + (r.random(len(cm)) * LD_LEN[cm]).astype(np.int64)
            dom[loc_m] = np.where(LD_LEN[cm] > 0, LD_FLAT[np.minimum(j, len(LD_FLAT) - 1)], "gmail.com")
        van = pick == len(BIG_DOMAINS) + 1
        if van.any():
            dom[van] = cat(last[van], np.array(WORDS)[r.integers(0, len(WORDS), int(van.sum()))], ".",
                           np.array(CO_TLD)[r.integers(0, len(CO_TLD), int(van.sum()))])
        return cat(loc, "@", dom.astype(str)), first, last

    def company_domain(self, tlds):
        r = self.rng
        k = r.integers(2, 4)
        return "".join(SYLL[i] for i in r.integers(0, len(SYLL), k)) + r.choice(["", "ly", "ify", "hq", "labs", "ai"]) + "." + r.choice(tlds)

    def phones(self, c, p_present, fmt=None, base=None):
        """random (or sequential when base given) phone numbers in mixed common formats"""
        r = self.rng
        n = len(c)
        nlen = C_NLEN[c]
        if base is None:
            nat = r.integers(2, 10, n) * (10 ** (nlen - 1)).astype(np.int64) + r.integers(0, (10 ** (nlen - 1)).astype(np.int64))
        else:
            nat = base
        s12 = pl.Series(dec(nat, 12))
        df = pl.DataFrame({"s": s12, "l": nlen, "cc": C_CC[c]})
        df = df.with_columns(pl.col("s").str.slice(12 - pl.col("l")).alias("nat"))
        if fmt is None:
            fmt = r.choice(3, n, p=[0.6, 0.25, 0.15])
        df = df.with_columns(pl.Series("f", np.broadcast_to(fmt, (n,))))
        out = df.select(
            pl.when(pl.col("f") == 0).then(pl.concat_str([pl.lit("+"), "cc", "nat"]))
            .when(pl.col("f") == 1).then(pl.concat_str([pl.lit("+"), "cc", pl.lit(" "), pl.col("nat").str.slice(0, 3), pl.lit(" "),
                                                         pl.col("nat").str.slice(3, 3), pl.lit(" "), pl.col("nat").str.slice(6)]))
            .when(pl.col("cc") == "1").then(pl.concat_str([pl.lit("("), pl.col("nat").str.slice(0, 3), pl.lit(") "),
                                                         pl.col("nat").str.slice(3, 3), pl.lit("-"), pl.col("nat").str.slice(6)]))
            .otherwise(pl.concat_str([pl.lit("0"), pl.col("nat").str.slice(0, 3), pl.lit(" "), pl.col("nat").str.slice(3)])).alias("x"))["x"].to_numpy().astype(object)
        out[r.random(n) >= p_present] = ""
        return out

    def devices(self, n):
        return cat("dv_", rand_hex(self.rng, n, 24))

    def uas(self, n):
        return UA_S[self.rng.choice(len(UA_S), n, p=UA_W)]

    def postal_codes(self, c):
        r = self.rng
        n = len(c)
        l = np.where(np.isin(c, [CIDX["US"], CIDX["DE"], CIDX["FR"], CIDX["IT"], CIDX["ES"], CIDX["MX"], CIDX["TR"]]), 5,
                     np.where(np.isin(c, [CIDX["IN"], CIDX["SG"], CIDX["NG"], CIDX["VN"]]), 6, 4))
        d6 = dec(r.integers(10 ** 5, 10 ** 6, n), 6)
        return pl.DataFrame({"d": d6, "l": l}).select(pl.col("d").str.slice(0, pl.col("l")))["d"].to_numpy().astype(object)

    def new_cards(self, c, kind="normal", bins=None):
        r = self.rng
        n = len(c)
        if bins is None:
            if kind == "prepaid":
                bins = self.prepaid_bins[r.integers(0, len(self.prepaid_bins), n)]
            elif kind == "virtual":
                bins = self.virtual_bins[r.integers(0, len(self.virtual_bins), n)]
            else:
                bins = self.normal_bins[r.integers(0, len(self.normal_bins), n)]
        cc = np.where(r.random(n) < 0.95, c, self.rand_country(n))
        return self.cards.add(r, bins, cc, self.postal_codes(cc))

    # ---------------- per-account defaults ----------------
    def person(self, i, prof_w=(0.42, 0.3, 0.1, 0.18, 0, 0, 0), early_frac=0.45):
        r = self.rng
        n = len(i)
        c = self.country[i]
        # signup: pre-existing accounts and organic in-window signups at local daytime
        pre = r.random(n) < early_frac
        day = np.where(pre, (HIST0 + r.random(n) * (T0 - HIST0)) // DAY, (T0 + r.beta(1.1, 1.0, n) * (T1 - T0 - DAY)) // DAY)
        self.created[i] = self.local_time(day, self.hours(np.zeros(n, np.int64)), self.tz[i])
        self.created[i] = np.minimum(self.created[i], T1 - HOUR)
        self.diurnal[i] = True
        self.act0[i] = np.maximum(self.created[i], T0)
        churn = r.random(n) < 0.35
        self.act1[i] = np.where(churn, self.act0[i] + (r.exponential(35, n) * DAY).astype(np.int64), T1)
        self.p_day[i] = r.beta(0.55, 3.8, n)
        self.spd[i] = 1 + r.gamma(0.7, 0.5, n)
        self.rps[i] = np.exp(r.normal(np.log(1.8), 0.7, n))
        self.gap[i] = np.exp(r.normal(np.log(50), 0.6, n))
        self.prof[i] = r.choice(len(PROF_NAMES), n, p=np.array(prof_w) / np.sum(prof_w))
        self.wk[i] = np.where(self.prof[i] == P_["worker"], 1, 0)
        # content
        self.p_pub[i] = r.beta(2.0, 2.2, n)
        self.p_grp[i] = 0.0
        ps = np.minimum(1 + r.geometric(1 / 8, n), 80)
        base = self.new_tpl(ps.sum())
        self.priv_base[i] = base + np.cumsum(ps) - ps
        self.priv_size[i] = ps
        self.reuse[i] = r.beta(2, 3, n)
        self.pref[i] = r.dirichlet([0.6, 1.0, 1.2, 1.5], n)
        adopt = r.random(n) < 0.65
        self.adopt[i] = np.where(adopt, self.release + (r.exponential(15, n) * DAY).astype(np.int64), 2 ** 62)
        self.f_new[i] = r.beta(3, 2, n)
        self.in_med[i] = np.exp(r.normal(np.log(350), 0.8, n))
        self.out_med[i] = np.exp(r.normal(np.log(380), 0.6, n))
        self.out_sig[i] = r.uniform(0.6, 1.0, n)
        # network
        h, pfx = self.home_ips(c)
        self.home[i] = h
        sw = r.random(n) < 0.35
        if sw.any():
            k = int(sw.sum())
            self.home2[i[sw]] = self.ips.v4(pfx[sw] + (r.integers(0, 256, k) << 8) + r.integers(2, 255, k))
            self.switch[i[sw]] = (T0 + r.random(k) * (T1 - T0)).astype(np.int64)
        self.p_mob[i] = r.beta(0.7, 4.0, n)
        self.mob_pool[i] = self.car_flat[self.car_off[c] + (r.random(n) * self.car_len[c]).astype(np.int64)]
        occ = r.random(n) < 0.04
        self.p_vpn[i] = np.where(occ, r.uniform(0.05, 0.3, n), 0.0)
        self.vpn_pool[i] = np.array(self.vpns)[r.choice(len(self.vpns), n, p=self.vpn_w)]
        self.signup_ip[i] = np.where(r.random(n) < self.p_mob[i], -2, self.home[i])
        # identity
        self.email[i], _, _ = self.personal_email(c)
        self.phone[i] = self.phones(c, 0.45)
        self.dev0[i] = self.devices(n)
        d1 = r.random(n) < 0.4
        self.dev1[i[d1]] = self.devices(int(d1.sum()))
        self.ua[i] = self.uas(n)
        # payments
        self.pay_mode[i] = r.choice(3, n, p=[0.45, 0.3, 0.25])
        paying = i[self.pay_mode[i] > 0]
        self.card[paying] = self.new_cards(self.country[paying])
        self.sub_usd[i] = r.choice([20.0, 20.0, 20.0, 100.0, 200.0], n)
        self.top_usd[i] = r.choice([5.0, 10.0, 20.0, 50.0, 100.0], n, p=[0.2, 0.3, 0.25, 0.17, 0.08])
        self.n_top[i] = r.gamma(1.2, 1.2, n)
        self.postal[i] = self.postal_codes(c)

    # ---------------- legit archetypes ----------------
    def build_singles(self, n, kind="single"):
        i = self.alloc(n, kind)
        self.person(i)
        return i

    def build_variants(self, cnt):
        r = self.rng
        # mobile-carrier users: concentrated on big carriers (hundreds of strangers per pool)
        i = self.alloc(cnt["carrier"], "carrier")
        self.person(i, prof_w=(0.5, 0.15, 0.15, 0.2, 0, 0, 0))
        self.p_mob[i] = r.uniform(0.75, 1.0, len(i))
        self.signup_ip[i] = -2
        self.home[i[r.random(len(i)) < 0.6]] = -1  # mobile-only people
        self.home2[i[self.home[i] < 0]] = -1
        self.p_mob[i[self.home[i] < 0]] = 1.0
        # VPN users
        i = self.alloc(cnt["vpn"], "vpn")
        self.person(i)
        self.p_vpn[i] = r.uniform(0.5, 1.0, len(i))
        self.signup_ip[i] = np.where(r.random(len(i)) < 0.6, -3, self.home[i])
        # prepaid payers: shared prepaid BIN ranges, distinct cards, sometimes a fresh card per top-up
        i = self.alloc(cnt["prepaid"], "prepaid")
        self.person(i)
        self.pay_mode[i] = 3
        self.card[i] = self.new_cards(self.country[i], "prepaid")
        self.new_card_p[i] = r.uniform(0.2, 0.9, len(i))
        self.n_top[i] = r.gamma(2, 1.2, len(i))
        # homes whose IP is rented out as a residential-proxy exit
        i = self.alloc(cnt["proxyhome"], "proxyhome")
        ids, pcs = self.proxy_pool_country[0]
        pick = r.choice(len(ids), len(i), replace=False)
        self.country[i] = pcs[pick]
        self.tz[i] = self.rand_tz(pcs[pick])
        self.person(i)
        self.home[i] = ids[pick]
        self.home2[i] = -1
        self.signup_ip[i] = self.home[i]

    def build_households(self, total):
        r = self.rng
        sizes = []
        while sum(sizes) < total:
            sizes.append(int(r.choice([2, 3, 4, 5], p=[0.45, 0.3, 0.17, 0.08])))
        sizes[-1] -= sum(sizes) - total
        if sizes[-1] < 2:
            sizes[-2] += sizes[-1]
            sizes.pop()
        sizes = np.array(sizes)
        H = len(sizes)
        hh, pos = seg_index(sizes)
        hc = self.rand_country(H)
        i = self.alloc(total, "household", country=hc[hh])
        htz = self.rand_tz(hc)
        self.tz[i] = htz[hh]
        self.person(i)
        # shared home IP (and its dynamic change)
        hip, hpfx = self.home_ips(hc)
        self.home[i] = hip[hh]
        sw = r.random(H) < 0.35
        h2 = np.full(H, -1)
        swt = np.full(H, 2 ** 62)
        if sw.any():
            k = int(sw.sum())
            h2[sw] = self.ips.v4(hpfx[sw] + (r.integers(0, 256, k) << 8) + r.integers(2, 255, k))
            swt[sw] = (T0 + r.random(k) * (T1 - T0)).astype(np.int64)
        self.home2[i] = h2[hh]
        self.switch[i] = swt[hh]
        self.signup_ip[i] = np.where(self.signup_ip[i] == -2, -2, self.home[i])
        # shared surname sometimes in e-mail
        sur = r.integers(0, len(LAST), H)
        same = r.random(total) < 0.5
        em, _, _ = self.personal_email(hc[hh], surname=np.where(same, sur[hh], r.integers(0, len(LAST), total)))
        self.email[i] = em
        # family card
        fam = r.random(H) < 0.55
        fcard = self.new_cards(hc)
        use = fam[hh] & (r.random(total) < 0.85)
        self.card[i[use]] = fcard[hh[use]]
        self.pay_mode[i[use]] = np.where(r.random(int(use.sum())) < 0.6, 1, 2)
        postal = self.postal_codes(hc)
        self.postal[i] = postal[hh]
        # shared laptop
        lap = r.random(H) < 0.4
        lapdev = self.devices(H)
        u2 = lap[hh] & (r.random(total) < 0.8)
        self.dev1[i[u2]] = lapdev[hh[u2]]
        sd = u2 & (r.random(total) < 0.35)
        self.dev0[i[sd]] = lapdev[hh[sd]]
        # some members join at the same moment (parent sets up kids' accounts)
        together = r.random(H) < 0.25
        first = np.minimum.reduceat(self.created[i], np.cumsum(sizes) - sizes)
        tog = together[hh]
        self.created[i[tog]] = first[hh[tog]] + (r.exponential(600, int(tog.sum()))).astype(np.int64)
        self.act0[i] = np.maximum(self.created[i], T0)

    def build_teams(self, total, declared=False):
        r = self.rng
        kind = "org" if declared else "team"
        left = total
        while left >= 5:
            size = int(np.clip(round(r.lognormal(np.log(11), 0.6)), 5, 40))
            if left - size < 5:
                size = left
            left -= size
            c = int(r.choice(NC, p=C_W ** 1.5 / (C_W ** 1.5).sum()))
            i = self.alloc(size, kind, country=c)
            self.tz[i] = self.tz[i[0]]
            tz = self.tz[i[0]]
            self.person(i, prof_w=(0.4, 0.5, 0.1, 0, 0, 0, 0))
            self.p_day[i] *= 0.3  # a bit of private use from home
            dom = self.company_domain(CO_TLD)
            fi = np.array(FIRST)[r.integers(0, len(FIRST), size)]
            la = np.array(LAST)[r.integers(0, len(LAST), size)]
            style = r.integers(0, 3)
            loc = [cat(fi, ".", la), fi.astype(object), cat(pl.Series(fi).str.slice(0, 1).to_numpy(), la)][style]
            self.email[i] = cat(loc.astype(str), "@" + dom)
            self.phone[i] = self.phones(np.full(size, c), 0.15)
            if declared:
                self.org[i] = "org_" + rand_hex(r, 1, 12)[0]
            if r.random() < 0.5:
                self.ua[i] = self.ua[i[0]]
            # office network: one NAT IP or a small subnet
            pfx = self.isp16[self.isp_off[c] + r.integers(0, self.isp_len[c])] + (int(r.integers(0, 256)) << 8)
            k_ip = 1 if r.random() < 0.6 else int(r.integers(2, 7))
            oip = self.ips.v4(pfx + int(r.integers(0, 15)) * 16 + np.arange(k_ip) + 1)
            # corporate card shared by the team
            card = self.new_cards(np.array([c]), "virtual" if r.random() < 0.4 else "normal")[0]
            allpay = r.random() < 0.75
            self.pay_mode[i] = 0
            payers = i if allpay else i[:1]
            self.pay_mode[payers] = 1
            self.card[payers] = card
            self.sub_usd[i] = r.choice([25.0, 30.0])
            self.postal[i] = self.postal[i[0]]
            # internal templates
            K = int(r.integers(5, 61))
            self.grp_base[i] = self.new_tpl(K)
            self.grp_size[i] = K
            self.grp_s[i] = r.uniform(0.5, 1.2)
            self.p_grp[i] = r.uniform(0.4, 0.85)
            self.p_pub[i] = (1 - self.p_grp[i]) * r.uniform(0.5, 0.9, size)
            # onboarding: same day (often) or staggered hires
            d0 = int((T0 + r.uniform(-200, 110) * DAY) // DAY)
            if r.random() < 0.65:
                t0 = self.local_time(np.array([d0]), np.array([r.uniform(9.5, 15)]), tz)[0]
                self.created[i] = t0 + np.sort(r.exponential(r.uniform(600, 5400), size)).astype(np.int64)
            else:
                gaps = np.concatenate([[0], r.exponential(r.uniform(5, 25), size - 1)]) * DAY
                self.created[i] = self.local_time(d0 + np.cumsum(gaps) // DAY, r.uniform(9, 17, size), tz)
            self.created[i] = np.minimum(self.created[i], T1 - DAY)
            self.act0[i] = np.maximum(self.created[i], T0)
            self.act1[i] = T1
            self.signup_ip[i] = oip[r.integers(0, k_ip, size)]
            dead = T1 if r.random() < 0.85 else int(T0 + r.uniform(0.3, 1) * (T1 - T0))
            # synchronous office sessions
            tzs = int(tz * HOUR)
            dA = (max(int(self.act0[i].min()), T0) + tzs) // DAY
            dB = (min(dead, T1) - 1 + tzs) // DAY
            days = np.arange(dA, dB + 1)
            wd = (days + 3) % 7
            days = days[(wd < 5) & (r.random(len(days)) > 0.03)]
            if len(days) == 0:
                continue
            ks = 1 + r.poisson(r.uniform(0.5, 2.0), len(days))
            sd, _ = seg_index(ks)
            slot_t = self.local_time(days[sd], self.hours(np.full(len(sd), P_["office"])), tz)
            p_att = r.uniform(0.7, 0.95, size)
            p_join = np.clip(r.lognormal(np.log(0.4), 0.5, size), 0.05, 0.95)
            remote_p = r.uniform(0.03, 0.3)
            rps = r.lognormal(np.log(1.0), 0.5, size)
            M, Sn = size, len(slot_t)
            present_md = r.random((M, len(days))) < p_att[:, None]
            remote_md = r.random((M, len(days))) < remote_p
            join = (r.random((M, Sn)) < p_join[:, None]) & present_md[:, sd]
            join &= slot_t[None, :] >= self.act0[i][:, None]
            mm, ss = np.nonzero(join)
            jit = r.uniform(120, 900)
            t = slot_t[ss] + r.normal(0, jit, len(ss))
            ip = np.where(remote_md[mm, sd[ss]], -1, oip[r.integers(0, k_ip, len(ss))])
            self.add_sessions(i[mm], t, 1 + r.poisson(rps[mm]), r.uniform(20, 120), ip=ip)

    def build_phoneblocks(self, total):
        r = self.rng
        left = total
        while left >= 5:
            size = int(np.clip(round(r.lognormal(np.log(10), 0.5)), 5, 30))
            if left - size < 5:
                size = left
            left -= size
            c = int(r.choice(NC, p=C_W))
            i = self.alloc(size, "phoneblock", country=c)
            self.person(i, prof_w=(0.3, 0.7, 0, 0, 0, 0, 0))
            dom = self.company_domain(["com", "co", "net", "biz"])
            fi = np.array(FIRST)[r.integers(0, len(FIRST), size)]
            la = np.array(LAST)[r.integers(0, len(LAST), size)]
            mine = r.random(size) < 0.7
            self.email[i[mine]] = cat(fi[mine], ".", la[mine], "@" + dom)
            nl = int(C_NLEN[c])
            base = int(r.integers(2, 10)) * 10 ** (nl - 1) + int(r.integers(0, 10 ** 6)) * 100
            seq = base + np.cumsum(1 + r.geometric(0.7, size) - 1)
            self.phone[i] = self.phones(np.full(size, c), 1.01, fmt=int(r.integers(0, 3)), base=seq)
            # some work from the office NAT
            oip = self.ips.v4(np.array([self.isp16[self.isp_off[c]] + (int(r.integers(0, 1 << 16)))]))[0]
            office = r.random(size) < 0.5
            self.home[i[office]] = oip
            self.created[i] = np.minimum(self.created[i[0]] + (r.exponential(20, size) * DAY).astype(np.int64), T1 - DAY)
            self.act0[i] = np.maximum(self.created[i], T0)

    def build_frameworks(self, n):
        r = self.rng
        nf = int(r.integers(4, 8))
        fsz = r.integers(30, 130, nf)
        fbase = np.array([self.new_tpl(k) for k in fsz])
        fw = r.dirichlet(np.ones(nf))
        i = self.alloc(n, "framework")
        self.person(i, prof_w=(0.3, 0.4, 0.2, 0.1, 0, 0, 0))
        f = r.choice(nf, n, p=fw)
        self.grp_base[i] = fbase[f]
        self.grp_size[i] = fsz[f]
        self.grp_s[i] = r.uniform(0.8, 1.3, n)
        self.p_grp[i] = r.beta(6, 2, n)
        self.p_pub[i] = (1 - self.p_grp[i]) * 0.7
        self.rps[i] *= 1.2
        self.gap[i] = r.uniform(2, 20, n)
        self.out_med[i] *= r.lognormal(0.3, 0.4, n)
        # cron-like periodic jobs for some of them
        cron = i[r.random(n) < r.uniform(0.3, 0.45)]
        m = len(cron)
        per = r.choice([3600, 1800, 900, 86400, 21600], m, p=[0.5, 0.1, 0.05, 0.25, 0.1])
        off = np.zeros(m)
        hourly = per <= 3600
        off[hourly] = r.choice([0, 1800, 900, 2700, -1], int(hourly.sum()), p=[0.55, 0.1, 0.05, 0.05, 0.25])
        rnd = off < 0
        off[rnd] = r.integers(0, 60, int(rnd.sum())) * 60
        off = np.minimum(off, per - 60)
        daily = per == 86400
        dk = r.choice(3, int(daily.sum()), p=[0.3, 0.3, 0.4])
        off[daily] = np.where(dk == 0, 0, np.where(dk == 1, ((9 - self.tz[cron[daily]]) % 24) * HOUR, r.integers(0, 24, int(daily.sum())) * HOUR))
        six = per == 21600
        off[six] = r.integers(0, 6, int(six.sum())) * HOUR
        a0, a1 = self.act0[cron], np.minimum(self.act1[cron], T1)
        js = a0 + r.random(m) * np.maximum(a1 - a0 - DAY, HOUR)
        dur = np.where(per >= 86400, r.lognormal(np.log(30), 0.8, m), r.lognormal(np.log(6), 1.0, m)) * DAY
        je = np.minimum(js + dur, a1)
        first = np.ceil((js - off) / per) * per + off
        nt = np.clip(np.floor((je - first) / per).astype(np.int64) + 1, 0, 2500)
        seg, k = seg_index(nt)
        t = first[seg] + k * per[seg]
        keep = r.random(len(t)) < r.uniform(0.8, 1.0, m)[seg]
        seg, t = seg[keep], t[keep]
        server = r.random(m) < 0.6
        sip = np.where(server, self.dc_ips(m), -1)
        t = t + r.exponential(8, len(t)) + r.uniform(0, 3, len(t))
        burst = r.uniform(0.3, 2, m)
        self.add_sessions(cron[seg], t, 1 + r.poisson(burst[seg]), r.uniform(1.5, 10, m)[seg], ip=sip[seg],
                          pbase=fbase[f[cron - i[0]]][seg], psize=fsz[f[cron - i[0]]][seg], pp=0.95, ps=1.4)

    def build_launch(self, n):
        r = self.rng
        tev = int(self.release + r.uniform(0, 6) * HOUR) if r.random() < 0.5 else int(T0 + r.uniform(20, 90) * DAY)
        self.launch_t = tev
        cw = C_W ** 0.6
        i = self.alloc(n, "launch", country=r.choice(NC, n, p=cw / cw.sum()))
        self.person(i, early_frac=0.0)
        late = r.random(n) < 0.15
        self.created[i] = (tev + np.where(late, r.exponential(12 * HOUR, n), r.gamma(2.0, r.uniform(0.6, 1.5) * HOUR, n))).astype(np.int64)
        self.created[i] = np.minimum(self.created[i], T1 - HOUR)
        em, _, _ = self.personal_email(self.country[i], gmail_boost=0.5)
        self.email[i] = em
        self.phone[i] = self.phones(self.country[i], 0.2)
        self.p_mob[i] = r.beta(1.2, 1.8, n)
        self.signup_ip[i] = np.where(r.random(n) < self.p_mob[i], -2, self.home[i])
        K = int(r.integers(5, 31))
        vb = self.new_tpl(K)
        self.grp_base[i], self.grp_size[i], self.grp_s[i] = vb, K, 1.1
        self.p_grp[i] = r.beta(2, 3, n)
        self.p_pub[i] = (1 - self.p_grp[i]) * 0.7
        # first-day trial sessions, right after signup
        ns = 1 + r.poisson(1.0, n)
        seg, k = seg_index(ns)
        t = self.created[i][seg] + np.where(k == 0, r.uniform(30, 600, len(seg)), r.exponential(8 * HOUR, len(seg)))
        self.add_sessions(i[seg], t, 1 + r.poisson(2.0, len(seg)), r.uniform(20, 90, len(seg)), pbase=vb, psize=K, pp=0.6, ps=1.2)
        self.pay_mode[i] = np.where(r.random(n) < 0.1, 2, 0)
        paying = i[self.pay_mode[i] > 0]
        self.card[paying] = self.new_cards(self.country[paying])
        ret = r.random(n) < r.uniform(0.1, 0.3)
        self.act0[i] = self.created[i] + 2 * DAY
        self.act1[i] = np.where(ret, T1, self.act0[i] + (r.exponential(3, n) * DAY).astype(np.int64))
        self.p_day[i] = np.where(ret, self.p_day[i], 0.15)

    def build_bootcamps(self, total):
        r = self.rng
        left = total
        while left >= 20:
            c = int(r.choice(NC, p=C_W))
            tz = float(self.rand_tz(np.array([c]))[0])
            dom = "".join(SYLL[j] for j in r.integers(0, len(SYLL), r.integers(2, 4))) + r.choice(SCHOOL_SUFFIX) + "." + r.choice(SCHOOL_TLD)
            pfx = self.isp16[self.isp_off[c] + r.integers(0, self.isp_len[c])]
            nat = self.ips.v4(pfx + r.integers(0, 1 << 16, 1 + int(r.random() < 0.3)))
            hour0 = float(r.choice([9, 10, 13, 18, 19]))
            dur = float(r.uniform(2, 4))
            pattern = [[0, 2], [1, 3], [0, 1, 2, 3, 4], [0, 2, 4], [5]][r.integers(0, 5)]
            n_coh = int(r.integers(1, 4))
            cstart = T0 + r.uniform(-10, 100) * DAY
            for _ in range(n_coh):
                if left < 20:
                    break
                size = int(np.clip(round(r.lognormal(np.log(45), 0.6)), 20, 200))
                if left - size < 20:
                    size = left
                left -= size
                W = int(r.integers(3, 9))
                i = self.alloc(size, "bootcamp", country=c)
                self.tz[i] = tz
                self.person(i, prof_w=(0.2, 0, 0.2, 0.6, 0, 0, 0))
                # class meetings
                d0 = int((cstart + tz * HOUR) // DAY)
                days = np.arange(d0, d0 + 7 * W)
                days = days[np.isin((days + 3) % 7, pattern)]
                ct = self.local_time(days, np.full(len(days), hour0), tz)
                ok = (ct > T0 - 30 * DAY) & (ct < T1 - HOUR)
                days, ct = days[ok], ct[ok]
                if len(ct) == 0:
                    ct = np.array([int(T1 - 3 * DAY)])
                    days = np.array([d0])
                week = (days - d0) // 7
                # e-mails: school domain mostly, personal otherwise
                em, fi, la = self.personal_email(np.full(size, c), gmail_boost=0.3)
                sch = r.random(size) < r.uniform(0.6, 0.9)
                self.email[i[sch]] = cat(fi[sch], ".", la[sch], "@" + dom) if r.random() < 0.6 else cat(pl.Series(fi[sch]).str.slice(0, 1).to_numpy(), la[sch], "@" + dom)
                self.email[i[~sch]] = em[~sch]
                # all sign up in the first session on the school NAT
                inclass = r.random(size) < 0.85
                self.created[i] = np.where(inclass, ct[0] + r.uniform(0, 2700, size), ct[0] - r.uniform(0, 7, size) * DAY).astype(np.int64)
                self.signup_ip[i[inclass]] = nat[r.integers(0, len(nat), int(inclass.sum()))]
                self.act0[i] = np.maximum(self.created[i], T0)
                cend = int(ct[-1] + DAY)
                cont = r.random(size) < 0.25
                self.act1[i] = np.where(cont, T1, cend)
                self.p_day[i] = r.uniform(0.08, 0.3, size)
                perw = int(r.integers(3, 9))
                pb = self.new_tpl(perw * max(W, int(week.max()) + 1))
                self.grp_base[i], self.grp_size[i], self.grp_s[i] = pb, perw * max(W, int(week.max()) + 1), 0.3
                self.p_grp[i] = r.uniform(0.3, 0.6, size)
                self.pay_mode[i] = np.where(r.random(size) < 0.2, 2, 0)
                self.card[i] = np.where(self.pay_mode[i] > 0, self.card[i], -1)
                # exercises inside each class meeting: synchronised starts
                ke = r.integers(2, 6, len(ct))
                se, _ = seg_index(ke)
                ex_t = ct[se] + r.uniform(0, dur * HOUR - 600, len(se))
                p_att = r.uniform(0.75, 0.95, size)
                p_join = r.uniform(0.6, 0.9)
                join = (r.random((size, len(ex_t))) < p_join) & (r.random((size, len(ct))) < p_att[:, None])[:, se]
                mm, ee = np.nonzero(join)
                t = ex_t[ee] + r.exponential(r.uniform(60, 300), len(ee))
                ok = t >= self.created[i][mm]
                mm, ee, t = mm[ok], ee[ok], t[ok]
                self.add_sessions(i[mm], t, 1 + r.poisson(2.0, len(mm)), r.uniform(20, 90),
                                  ip=nat[r.integers(0, len(nat), len(mm))], pbase=pb + week[se[ee]] * perw, psize=perw,
                                  pp=r.uniform(0.7, 0.95), ps=0.5)
                cstart = cstart + r.uniform(0.3, 1.2) * 7 * W * DAY
        return left

    def build_integrators(self, n):
        r = self.rng
        i = self.alloc(n, "integrator", country=r.choice(NC, n, p=C_W ** 2 / (C_W ** 2).sum()))
        self.person(i, early_frac=0.8)
        self.prof[i] = np.where(r.random(n) < 0.6, P_["flat"], P_["worker"])
        self.wk[i] = np.where(self.prof[i] == P_["flat"], 2, 1)
        self.p_day[i] = r.uniform(0.7, 1.0, n)
        self.spd[i] = r.lognormal(np.log(6), 0.6, n)
        self.rps[i] = r.lognormal(np.log(4), 0.7, n)
        self.gap[i] = r.uniform(0.5, 5, n)
        self.act1[i] = T1
        srv = self.dc_ips(n)
        self.home[i] = srv
        self.home2[i] = -1
        self.p_mob[i] = 0
        self.p_vpn[i] = 0
        K = r.integers(3, 41, n)
        self.grp_base[i] = self.new_tpl(K.sum()) + np.cumsum(K) - K
        self.grp_size[i] = K
        self.p_grp[i] = r.uniform(0.8, 0.98, n)
        self.p_pub[i] = (1 - self.p_grp[i]) * 0.5
        self.out_med[i] *= r.lognormal(0.5, 0.7, n)
        self.pay_mode[i] = 2
        self.card[i] = self.new_cards(self.country[i], "virtual")
        self.top_usd[i] = r.choice([200.0, 500.0, 1000.0, 2500.0], n)
        self.n_top[i] = r.uniform(2, 6, n)

    # ---------------- fraud ----------------
    def fraud_emails(self, n, strategy_p, cheap):
        r = self.rng
        kind = r.choice(3, n, p=strategy_p)  # 0 random local on cheap domain, 1 fake-name on cheap domain, 2 gmail variant
        out = np.empty(n, dtype=object)
        k0 = kind == 0
        if k0.any():
            m = int(k0.sum())
            L = r.integers(7, 13, m)
            s = pl.Series(cat(rand_chars(r, m, 1, ALPHA), rand_chars(r, m, 12, ALNUM)).astype(str))
            loc = pl.DataFrame({"s": s, "l": L}).select(pl.col("s").str.slice(0, pl.col("l")))["s"].to_numpy()
            out[k0] = cat(loc, "@", cheap[r.integers(0, len(cheap), m)])
        k1 = kind == 1
        if k1.any():
            m = int(k1.sum())
            fi = np.array(FIRST)[r.integers(0, len(FIRST), m)]
            la = np.array(LAST)[r.integers(0, len(LAST), m)]
            sep = np.array(["", ".", "_"])[r.integers(0, 3, m)]
            out[k1] = cat(fi, sep, la, dec(r.integers(0, 10000, m), 4), "@", cheap[r.integers(0, len(cheap), m)])
        k2 = kind == 2
        if k2.any():
            m = int(k2.sum())
            nb = max(1, int(round(m / r.uniform(3, 20))))
            bases = cat(np.array(FIRST)[r.integers(0, len(FIRST), nb)], np.array(LAST)[r.integers(0, len(LAST), nb)],
                        dec(r.integers(0, 1000, nb), 3)).astype(str)
            b = bases[r.integers(0, nb, m)]
            blen = pl.Series(b).str.len_chars().to_numpy()
            p1 = 1 + (r.random(m) * (blen - 2)).astype(np.int64)
            df = pl.DataFrame({"b": b, "p1": p1, "dot": r.random(m) < 0.8, "plus": r.random(m) < 0.45,
                               "tag": rand_chars(r, m, 5, ALNUM)})
            loc = df.select(pl.when(pl.col("dot")).then(pl.concat_str([pl.col("b").str.slice(0, pl.col("p1")), pl.lit("."),
                                                                        pl.col("b").str.slice(pl.col("p1"))]))
                            .otherwise(pl.col("b")).alias("x"), "plus", "tag").select(
                pl.when(pl.col("plus")).then(pl.concat_str(["x", pl.lit("+"), "tag"])).otherwise(pl.col("x")).alias("x"))["x"].to_numpy()
            out[k2] = cat(loc, np.where(r.random(m) < 0.9, "@gmail.com", "@googlemail.com"))
        return out

    def build_rings(self, specs):
        r = self.rng
        self.ring_info = []
        for name, size, side in specs:
            i = self.alloc(size, "fake")
            self.ring[i] = name
            self.fake[i] = 1
            low_slow = bool(getattr(self, "_ls_" + name, r.random() < 0.35))
            op_tz = float(r.choice([8, 3, 5.5, -5, 1, 7, 2, -3]))
            # network: rotation over a whole residential proxy provider (or side-op specific)
            if side == "vpn":
                mode = "vpn"
                pool = self.vpns[r.integers(0, len(self.vpns))]
            elif side == "vps":
                mode = "vps"
                pool = self.pools.add(self.dc_ips(int(r.integers(1, 4))))
            elif side == "mobile":
                mode = "mobile"
                cc = int(r.choice(NC, p=C_W))
                pool = self.carriers[cc][0]
            elif side == "proxy-small":
                mode = "proxy"
                ids, pcs = self.proxy_pool_country[0]
                pool = self.pools.add(ids[r.choice(len(ids), int(r.integers(50, 200)), replace=False)])
            else:
                mode = "proxy"
                prov = 0 if r.random() < 0.7 else 1
                ids, pcs = self.proxy_pool_country[prov]
                if r.random() < 0.4:
                    top = np.argsort(-C_W)[: int(r.integers(1, 6))]
                    sel = np.isin(pcs, top)
                    pool = self.pools.add(ids[sel]) if sel.sum() > 1000 else self.proxy_pools[prov]
                else:
                    pool = self.proxy_pools[prov]
            self.req_pool[i] = pool
            exit_c = self.rand_country(size, w=(C_W ** 0.5) / (C_W ** 0.5).sum()) if mode != "mobile" else np.full(size, cc)
            self.country[i] = exit_c
            self.tz[i] = self.rand_tz(exit_c)
            # signups in batches over weeks, during operator working hours
            span = r.uniform(14, 56) * DAY if not side else r.uniform(0, 3) * DAY
            S0 = T0 + r.uniform(0, 0.55) * (T1 - T0 - span - 20 * DAY) if not side else T0 + r.uniform(0.1, 0.8) * (T1 - T0)
            bs = max(3.0, r.lognormal(np.log(35), 0.5)) if not side else size / r.uniform(1, 2.5)
            nb = max(1, int(np.ceil(size / bs)))
            bt = np.sort(S0 + r.random(nb) * span)
            bt = ((bt + op_tz * HOUR) // DAY) * DAY + r.uniform(9, 20, nb) * HOUR - op_tz * HOUR
            bsz = r.multinomial(size, r.dirichlet(np.ones(nb) * 3))
            bseg, _ = seg_index(bsz)
            bdur = r.uniform(20, 240, nb) * 60
            cr = (bt[bseg] + r.random(size) * bdur[bseg]).astype(np.int64)
            order = np.argsort(cr)
            self.created[i] = np.minimum(cr[order], T1 - 2 * DAY)
            # identity: unique devices, unique cards (or none), cheap e-mails, VoIP blocks
            ncheap = int(r.integers(8, 60))
            cheap = np.array(self.cheap_domains)[r.choice(len(self.cheap_domains), ncheap, replace=False)]
            pg = r.uniform(0.1, 0.6)
            pc = r.uniform(0.3, 1.0)
            self.email[i] = self.fraud_emails(size, np.array([pc * 0.5, pc * 0.5, pg]) / (pc + pg), cheap)
            if r.random() < 0.5:
                nblk = max(1, int(size / r.uniform(10, 100)))
                area = VOIP_AREAS[r.integers(0, len(VOIP_AREAS), nblk)]
                bbase = area * 10 ** 7 + r.integers(200, 999, nblk) * 10 ** 4 + r.integers(0, 5000, nblk)
                blk = np.sort(r.integers(0, nblk, size))
                step = np.ones(size, np.int64) + (r.random(size) < 0.2) * r.integers(1, 4, size)
                first_of = np.r_[True, blk[1:] != blk[:-1]]
                step[first_of] = 0
                cs = np.cumsum(step)
                grp_start = np.maximum.accumulate(np.where(first_of, np.arange(size), 0))
                seq = bbase[blk] + cs - cs[grp_start]
                ph = self.phones(np.full(size, CIDX["US"]), 1.01, fmt=0, base=seq)
                ph[r.random(size) > r.uniform(0.6, 1.0)] = ""
                self.phone[i] = ph
            else:
                self.phone[i] = self.phones(np.full(size, CIDX["US"]), r.uniform(0, 0.4))
            self.dev0[i] = self.devices(size)
            self.dev1[i] = ""
            uaset = UA_S[r.choice(len(UA_S), int(r.integers(2, 8)), p=UA_W)]
            self.ua[i] = uaset[r.integers(0, len(uaset), size)]
            self.signup_ip[i] = self.pools.pick(r, np.full(size, pool)) if hasattr(self.pools, "flat") else -9
            p_card = r.uniform(0.4, 0.95)
            payer = r.random(size) < p_card
            self.pay_mode[i] = np.where(payer, 2, 0)
            rb = np.concatenate([self.prepaid_bins[r.choice(len(self.prepaid_bins), int(r.integers(1, 4)))],
                                 self.virtual_bins[r.choice(len(self.virtual_bins), int(r.integers(1, 4)))]])
            cc_card = self.rand_country(int(payer.sum()))
            self.card[i[payer]] = self.new_cards(cc_card, bins=rb[r.integers(0, len(rb), int(payer.sum()))])
            self.card[i[~payer]] = -1
            self.top_usd[i] = r.choice([5.0, 10.0, 20.0, 50.0], size)
            self.n_top[i] = r.uniform(0.5, 3, size)
            self.postal[i] = self.postal_codes(exit_c)
            # content: camouflage on public templates, the rest on the ring's extraction set
            K = int(r.integers(100, 601)) if not side else int(r.integers(30, 151))
            eb = self.new_tpl(K)
            self.p_pub[i] = r.uniform(0.3, 0.6)
            self.pub_K[i] = int(np.exp(r.uniform(np.log(300), np.log(20000))))  # camouflage on popular templates
            self.p_grp[i] = 1 - self.p_pub[i] - r.uniform(0, 0.05)
            self.grp_base[i], self.grp_size[i], self.grp_s[i] = eb, K, r.uniform(0, 0.9)
            self.priv_size[i] = 0
            self.reuse[i] = r.uniform(0, 0.15)
            self.pref[i] = r.dirichlet([0.2, 0.3, 0.5, 6.0], size)
            if r.random() < 0.9:
                self.adopt[i] = self.release + int(r.uniform(1, 22) * HOUR) + r.integers(0, 3 * HOUR, size)
                self.f_new[i] = r.uniform(0.6, 0.95)
            self.in_med[i] = np.exp(r.normal(np.log(r.uniform(250, 1200)), 0.3, size))
            self.out_med[i] = np.exp(r.normal(np.log(r.uniform(1500, 4000)), 0.2, size))
            self.out_sig[i] = r.uniform(0.25, 0.45)
            self.diurnal[i] = False
            # operation timing: shifts, dormancy, account lifetime
            dorm = r.exponential(r.uniform(1, 6), size) * DAY
            life = r.lognormal(np.log(r.uniform(40, 90) if low_slow else r.uniform(20, 50)), 0.5, size) * DAY
            w0 = self.created[i] + dorm
            w1 = np.minimum(w0 + life, T1)
            nsh = int(r.integers(1, 4))
            if low_slow:
                hs = r.uniform(7, 10, nsh)
                hl = r.uniform(10, 14, nsh)
            else:
                hs = (r.uniform(0, 24) + np.arange(nsh) * 24 / nsh + r.uniform(-1, 1, nsh)) % 24
                hl = r.uniform(4, 10, nsh)
            sh = r.integers(0, nsh, size)
            p_day = r.uniform(0.3, 0.75, size) if low_slow else r.uniform(0.3, 0.8, size)
            tzs = op_tz * HOUR
            dA = int((w0.min() + tzs) // DAY) - 1
            dB = int((T1 + tzs) // DAY)
            days = np.arange(dA, dB + 1)
            dstart = days * DAY - tzs
            act = (r.random((size, len(days))) < p_day[:, None]) & (dstart[None, :] + DAY > w0[:, None]) & (dstart[None, :] < w1[:, None])
            mm, dd = np.nonzero(act)
            if low_slow:
                mr = r.uniform(1.5, 5)
                nreq = r.poisson(mr * r.lognormal(0, 0.3, size)[mm])
                seg, _ = seg_index(nreq)
                m2, d2 = mm[seg], dd[seg]
                t = dstart[d2] + (hs[sh[m2]] + r.random(len(seg)) * hl[sh[m2]]) * HOUR
                self.add_sessions(i[m2], t, 1 + (r.random(len(seg)) < 0.3), r.uniform(10, 60))
            else:
                mr = r.uniform(8, 30)
                per_day = r.lognormal(np.log(mr), 0.5, len(mm))
                run = r.uniform(8, 40)
                ns = np.maximum(1, np.round(per_day / run)).astype(np.int64)
                seg, _ = seg_index(ns)
                m2, d2 = mm[seg], dd[seg]
                t = dstart[d2] + (hs[sh[m2]] + r.random(len(seg)) * hl[sh[m2]]) * HOUR + r.normal(0, 120, len(seg))
                nn = 1 + r.poisson(np.maximum(per_day[seg] / ns[seg] - 1, 0))
                self.add_sessions(i[m2], t, nn, r.uniform(4, 30))
            self.ring_info.append((name, size, side or ("low-slow" if low_slow else "shift"), mode))

    # ---------------- population ----------------
    def build(self):
        r = self.rng
        N = self.N
        self.release = int(T0 + r.uniform(50, 80) * DAY + r.uniform(15, 19) * HOUR)
        self.build_network()
        self.normal_bins = np.unique(r.integers(400000, 560000, 3000)).astype(str)
        self.prepaid_bins = np.unique(r.integers(400000, 560000, int(r.integers(4, 9)))).astype(str)
        self.virtual_bins = np.unique(r.integers(400000, 560000, int(r.integers(4, 10)))).astype(str)
        self.cheap_domains = list(dict.fromkeys(
            "".join(SYLL[j] for j in r.integers(0, len(SYLL), r.integers(2, 4))) + r.choice(["mail", "box", "post", "inbox", "", "", "m"]) + "." + r.choice(CHEAP_TLD)
            for _ in range(400)))
        self.public_K = 250000
        self.new_tpl(self.public_K)
        # fraud ring sizes
        sc = N / 60000
        F_target = N * r.uniform(0.05, 0.07)
        nL, nM, nS = int(r.integers(2, 4)), int(r.integers(4, 8)), int(r.integers(3, 5))
        L = r.uniform(300, 1500, nL) * sc
        M = np.clip(r.lognormal(np.log(120), 0.6, nM), 50, 300) * sc
        Sd = r.integers(8, 16, nS)
        f = (F_target - Sd.sum()) / (L.sum() + M.sum())
        L = np.clip(L * f, 300 * sc, 1500 * sc)
        M = np.clip(M * f, 50 * sc, 300 * sc)
        L, M = np.maximum(L.round().astype(int), 8), np.maximum(M.round().astype(int), 8)
        names = [f"ring{chr(65 + k)}" for k in range(nL + nM)]
        sizes = list(L) + list(M)
        specs = [(names[k], int(sizes[k]), None) for k in range(nL + nM)]
        self._ls_ringB = True  # at least one large ring is low-and-slow
        sides = ["vpn", "vps", "mobile", "proxy-small"]
        r.shuffle(sides)
        specs += [(f"side{k + 1}", int(Sd[k]), sides[k]) for k in range(nS)]
        F = sum(s for _, s, _ in specs)
        # legit group sizes
        jit = lambda x: x * r.lognormal(0, 0.15)
        cnt = {}
        cnt["launch"] = int(N * r.uniform(0.035, 0.08))
        for k, frac in [("household", 0.12), ("team", 0.055), ("org", 0.02), ("framework", 0.05), ("bootcamp", 0.04),
                        ("carrier", 0.08), ("vpn", 0.03), ("integrator", 0.0015), ("prepaid", 0.025), ("proxyhome", 0.015),
                        ("phoneblock", 0.01)]:
            cnt[k] = max(int(jit(N * frac)), 5)
        cnt["single"] = N - F - sum(cnt.values())
        if cnt["single"] < 0:
            raise SystemExit("--accounts too small")
        self.build_households(cnt["household"])
        self.build_teams(cnt["team"])
        self.build_teams(cnt["org"], declared=True)
        self.build_phoneblocks(cnt["phoneblock"])
        self.build_frameworks(cnt["framework"])
        self.build_launch(cnt["launch"])
        left = self.build_bootcamps(cnt["bootcamp"])
        self.build_integrators(cnt["integrator"])
        self.build_variants(cnt)
        self.build_rings(specs)
        rest = N - self.na
        self.build_singles(rest)
        assert self.na == N
        self.pools.finalize()
        n = self.na
        # signup IP placeholders: -2 mobile carrier, -3 VPN, -9 fraud pool
        sip = self.signup_ip[:n]
        m = sip == -2
        sip[m] = self.pools.pick(r, self.mob_pool[:n][m])
        m = sip == -3
        sip[m] = self.pools.pick(r, self.vpn_pool[:n][m])
        m = sip == -9
        sip[m] = self.pools.pick(r, self.req_pool[:n][m])
        m = sip < 0
        sip[m] = self.pools.pick(r, self.mob_pool[:n][m])
        self.diurnal_sessions()

    # ---------------- activity ----------------
    def diurnal_sessions(self):
        r = self.rng
        a = np.nonzero(self.diurnal[: self.na])[0]
        s0 = np.maximum(self.act0[a], T0)
        s1 = np.minimum(self.act1[a], T1)
        ok = s1 > s0 + 600
        a, s0, s1 = a[ok], s0[ok], s1[ok]
        tzs = (self.tz[a] * HOUR).astype(np.int64)
        d0 = (s0 + tzs) // DAY
        d1 = (s1 - 1 + tzs) // DAY
        span = d1 - d0 + 1
        nd = r.binomial(span, np.clip(self.p_day[a], 0, 1))
        seg, _ = seg_index(nd)
        day = d0[seg] + (r.random(len(seg)) * span[seg]).astype(np.int64)
        keep = r.random(len(seg)) < WEEK[self.wk[a[seg]], (day + 3) % 7]
        seg, day = seg[keep], day[keep]
        ns = 1 + r.poisson(self.spd[a[seg]] - 1)
        s2, _ = seg_index(ns)
        acc = a[seg[s2]]
        t = day[s2] * DAY + self.hours(self.prof[acc]) * HOUR - tzs[seg[s2]]
        ok = (t >= s0[seg[s2]]) & (t < s1[seg[s2]])
        acc, t = acc[ok], t[ok]
        rps = self.rps[acc]
        n = 1 + r.poisson(np.maximum(rps - 1, 0) * r.gamma(1.5, 1 / 1.5, len(acc)))
        self.add_sessions(acc, t, n, self.gap[acc])

    def assemble(self):
        r = self.rng
        S = {k: np.concatenate([s[k] for s in self.S]) for k in self.S[0]}
        ns = len(S["acc"])
        o = np.argsort(S["t"], kind="stable")
        S = {k: v[o] for k, v in S.items()}
        sacc = S["acc"]
        st = S["t"]
        # session-level IP
        sip = S["ip"].copy()
        rp = self.req_pool[sacc]
        need = (sip < 0) & (rp < 0)
        u = r.random(ns)
        pv, pm = self.p_vpn[sacc], self.p_mob[sacc]
        home = np.where((self.home2[sacc] >= 0) & (st >= self.switch[sacc]), self.home2[sacc], self.home[sacc])
        vpn = need & (u < pv)
        mob = need & ~vpn & ((u < pv + pm) | (home < 0))
        hm = need & ~vpn & ~mob
        sip[vpn] = self.pools.pick(r, self.vpn_pool[sacc[vpn]])
        sip[mob] = self.pools.pick(r, self.mob_pool[sacc[mob]])
        sip[hm] = home[hm]
        fraud_sess = (S["ip"] < 0) & (rp >= 0)
        # session-level model
        newm = (st >= self.adopt[sacc]) & (r.random(ns) < self.f_new[sacc])
        cum = np.cumsum(self.pref[sacc], axis=1)
        oldm = (r.random(ns)[:, None] > cum).sum(1).clip(0, N_OLD - 1)
        smodel = np.where(newm, NEW_M, oldm)
        # expand to requests
        cnt = S["n"]
        idx, pos = seg_index(cnt)
        R = len(idx)
        starts = np.cumsum(cnt) - cnt
        g = r.exponential(1.0, R) * S["gap"][idx]
        g[pos == 0] = 0
        cs = np.cumsum(g)
        ts = st[idx] + (cs - cs[starts][idx])
        acc = sacc[idx]
        # templates
        u = r.random(R)
        u2 = r.random(R)
        pp, pg = self.p_pub[acc], self.p_grp[acc]
        catg = np.where(u < pp, 0, np.where(u < pp + pg, 1, 2))
        catg[(catg == 1) & (self.grp_size[acc] == 0)] = 0
        catg[(catg == 2) & (self.priv_size[acc] == 0)] = 0
        sp = (S["pbase"][idx] >= 0) & (r.random(R) < S["pp"][idx])
        catg[sp] = 3
        tpl = np.empty(R, dtype=np.int64)
        m = catg == 0
        tpl[m] = zipf_rank(u2[m], np.minimum(self.pub_K[acc[m]], self.public_K), 1.0)
        m = catg == 1
        tpl[m] = self.grp_base[acc[m]] + zipf_rank(u2[m], self.grp_size[acc[m]], self.grp_s[acc[m]])
        m = catg == 2
        tpl[m] = self.priv_base[acc[m]] + zipf_rank(u2[m], self.priv_size[acc[m]], 0.8)
        m = catg == 3
        tpl[m] = S["pbase"][idx[m]] + zipf_rank(u2[m], S["psize"][idx[m]], S["ps"][idx[m]])
        rs = (pos > 0) & (r.random(R) < self.reuse[acc])
        tpl[rs] = tpl[starts[idx[rs]]]
        # IPs: per-session, or per-request rotation over a proxy pool
        ip = sip[idx]
        fr = fraud_sess[idx]
        ip[fr] = self.pools.pick(r, self.req_pool[acc[fr]])
        # tokens
        tf = np.exp(r.normal(0, 0.5, self.ntpl))
        inp = np.clip(np.round(self.in_med[acc] * tf[tpl] * np.exp(r.normal(0, 0.6, R))), 1, 200000).astype(np.int64)
        out = np.clip(np.round(self.out_med[acc] * np.exp(self.out_sig[acc] * r.normal(0, 1, R))), 1, 16384).astype(np.int64)
        model = smodel[idx]
        keep = (ts >= T0) & (ts < T1) & (ts >= self.created[acc] + 5)
        self.req = dict(acc=acc[keep], ts=ts[keep], tpl=tpl[keep], ip=ip[keep], model=model[keep], inp=inp[keep], out=out[keep])
        # sessions kept for login/device events
        sk = (st >= T0) & (st < T1) & (st >= self.created[sacc] + 5)
        self.sess = dict(acc=sacc[sk], t=st[sk], ip=np.where(fraud_sess[sk], -1, sip[sk]))

    # ---------------- output ----------------
    def write(self, out):
        r = self.rng
        os.makedirs(os.path.join(out, "truth"), exist_ok=True)
        n = self.na
        ipt = self.ips.table()
        # account ids: random hex, meaningless order
        while True:
            aid = cat("acct_", rand_hex(r, n, 12)).astype(str)
            if len(np.unique(aid)) == n:
                break
        aid_s = pl.Series(aid)
        fmt_s = "%Y-%m-%dT%H:%M:%SZ"
        fmt_ms = "%Y-%m-%dT%H:%M:%S%.3fZ"

        def ts_s(x):
            return pl.from_epoch(pl.Series(np.asarray(x, dtype=np.int64)), time_unit="s").dt.strftime(fmt_s)

        def ts_ms(x):
            return pl.from_epoch(pl.Series(np.round(np.asarray(x) * 1000).astype(np.int64)), time_unit="ms").dt.strftime(fmt_ms)

        # unique e-mails
        em = pl.Series(self.email[:n].astype(str))
        for _ in range(5):
            df = pl.DataFrame({"e": em}).with_columns(pl.col("e").cum_count().over("e").alias("k"))
            dup = df["k"].to_numpy() > 1
            if not dup.any():
                break
            d = em.to_numpy().astype(object)
            parts = pl.Series(d[dup].astype(str)).str.split_exact("@", 1).struct.unnest()
            d[dup] = cat(parts["field_0"].to_numpy().astype(str), dec(r.integers(0, 1000, int(dup.sum())), 3), "@",
                         parts["field_1"].to_numpy().astype(str))
            em = pl.Series(d.astype(str))
        self.email[:n] = em.to_numpy()
        # accounts
        acc_df = pl.DataFrame({
            "account_id": aid_s, "created_at": ts_s(self.created[:n]), "email": self.email[:n].astype(str),
            "phone": self.phone[:n].astype(str), "country": C_CODE[self.country[:n]],
            "signup_ip": ipt.gather(self.signup_ip[:n]), "signup_device_id": self.dev0[:n].astype(str),
            "user_agent": self.ua[:n].astype(str), "org_id": self.org[:n].astype(str), "_t": self.created[:n]})
        acc_df.sort("_t").drop("_t").write_csv(os.path.join(out, "accounts.csv"))
        truth = pl.DataFrame({"account_id": aid_s, "is_fake": self.fake[:n].astype(np.int64), "ring_id": self.ring[:n].astype(str),
                              "group_kind": self.kind[:n].astype(str)})
        truth.sort("account_id").write_csv(os.path.join(out, "truth", "truth.csv"))
        # api_requests
        Q = self.req
        o = np.argsort(Q["ts"], kind="stable")
        tplfp = pl.Series(rand_hex(r, self.ntpl, 16))
        api = pl.DataFrame({"account_id": aid_s.gather(Q["acc"][o]), "ts": ts_ms(Q["ts"][o]),
                            "model": pl.Series(MODELS).gather(Q["model"][o]), "input_tokens": Q["inp"][o],
                            "output_tokens": Q["out"][o], "prompt_fingerprint": tplfp.gather(Q["tpl"][o]),
                            "ip": ipt.gather(Q["ip"][o])})
        api.write_csv(os.path.join(out, "api_requests.csv"))
        self.n_api = api.height
        del api
        # ip_events: signup + one login per (account, active day)
        Sx = self.sess
        day = (Sx["t"] // DAY).astype(np.int64)
        key = Sx["acc"] * 100000 + day
        _, first = np.unique(key, return_index=True)
        la, lt, lip = Sx["acc"][first], Sx["t"][first] - r.uniform(1, 120, len(first)), Sx["ip"][first]
        nf = lip < 0
        lip[nf] = self.pools.pick(r, self.req_pool[la[nf]])
        ev_acc = np.concatenate([np.arange(n), la])
        ev_t = np.concatenate([self.created[:n], lt]).astype(np.int64)
        ev_ip = np.concatenate([self.signup_ip[:n], lip])
        ev = np.concatenate([np.full(n, "signup"), np.full(len(la), "login")])
        o = np.argsort(ev_t, kind="stable")
        pl.DataFrame({"account_id": aid_s.gather(ev_acc[o]), "ts": ts_s(ev_t[o]), "ip": ipt.gather(ev_ip[o]), "event": ev[o]}) \
            .write_csv(os.path.join(out, "ip_events.csv"))
        self.n_ipev = len(ev)
        # devices: signup device + sightings of the account's devices during activity
        fmin = np.full(n, 2 ** 62, dtype=np.int64)
        fmax = np.zeros(n, dtype=np.int64)
        np.minimum.at(fmin, Sx["acc"], Sx["t"].astype(np.int64))
        np.maximum.at(fmax, Sx["acc"], Sx["t"].astype(np.int64))
        has = fmax > 0
        k = np.where(has, r.poisson(2.5, n), 0)
        seg, _ = seg_index(k)
        st = fmin[seg] + r.random(len(seg)) * np.maximum(fmax[seg] - fmin[seg], 1)
        use1 = (self.dev1[:n][seg] != "") & (r.random(len(seg)) < 0.45)
        dv = np.where(use1, self.dev1[:n][seg], self.dev0[:n][seg])
        uav = np.where(use1, self.uas(len(seg)), self.ua[:n][seg])
        d_acc = np.concatenate([np.arange(n), seg])
        d_t = np.concatenate([self.created[:n], st]).astype(np.int64)
        d_dev = np.concatenate([self.dev0[:n], dv]).astype(str)
        d_ua = np.concatenate([self.ua[:n], uav]).astype(str)
        o = np.argsort(d_t, kind="stable")
        pl.DataFrame({"account_id": aid_s.gather(d_acc[o]), "ts": ts_s(d_t[o]), "device_id": d_dev[o], "user_agent": d_ua[o]}) \
            .write_csv(os.path.join(out, "devices.csv"))
        self.n_dev = len(d_acc)
        # payments
        self.write_payments(out, aid_s, fmin, fmax, ts_s)

    def write_payments(self, out, aid_s, fmin, fmax, ts_s):
        r = self.rng
        n = self.na
        pm = self.pay_mode[:n]
        card = self.card[:n]
        a0 = np.maximum(self.created[:n], T0)
        # subscriptions: monthly on the signup anniversary while active
        sub = np.nonzero((pm == 1) & (card >= 0))[0]
        endt = np.where(fmax[sub] > 0, np.minimum(fmax[sub] + 20 * DAY, T1), np.minimum(a0[sub] + 40 * DAY, T1))
        k0 = np.ceil((a0[sub] - self.created[sub]) / MONTH)
        first = self.created[sub] + k0 * MONTH
        cnt = np.clip(np.floor((endt - first) / MONTH).astype(np.int64) + 1, 0, 12)
        seg, k = seg_index(cnt)
        s_acc = sub[seg]
        s_t = first[seg] + k * MONTH + r.uniform(0, 600, len(seg))
        s_card = card[s_acc]
        s_amt = self.sub_usd[s_acc]
        # top-ups: around activity (or at signup)
        top = np.nonzero((pm >= 2) & (card >= 0))[0]
        cntt = 1 + r.poisson(self.n_top[top])
        seg, k = seg_index(cntt)
        t_acc = top[seg]
        lo = np.where(fmax[t_acc] > 0, fmin[t_acc], a0[t_acc])
        hi = np.where(fmax[t_acc] > 0, fmax[t_acc], a0[t_acc] + DAY)
        fresh_signup = (k == 0) & (self.created[t_acc] >= T0)
        t_t = np.where(fresh_signup, np.maximum(lo - r.uniform(60, 3600, len(seg)), self.created[t_acc] + r.uniform(30, 900, len(seg))),
                       lo + r.random(len(seg)) * (hi - lo))
        t_card = card[t_acc].copy()
        fresh = (pm[t_acc] == 3) & (k > 0) & (r.random(len(seg)) < self.new_card_p[t_acc])
        if fresh.any():
            t_card[fresh] = self.new_cards(self.country[t_acc[fresh]], "prepaid")
        t_amt = self.top_usd[t_acc]
        p_acc = np.concatenate([s_acc, t_acc])
        p_t = np.concatenate([s_t, t_t]).astype(np.int64)
        p_card = np.concatenate([s_card, t_card])
        amt_usd = np.concatenate([s_amt, t_amt])
        keep = (p_t >= T0) & (p_t < T1)
        p_acc, p_t, p_card, amt_usd = p_acc[keep], p_t[keep], p_card[keep], amt_usd[keep]
        cards = self.cards.table()
        cc = cards["card_country"].replace_strict(list(CIDX), list(CIDX.values()), return_dtype=pl.Int64).to_numpy()[p_card]
        amount = np.round(amt_usd * C_FX[cc], 2)
        o = np.argsort(p_t, kind="stable")
        m = len(p_acc)
        pid = cat("pay_", rand_hex(r, m, 16)).astype(str)
        df = pl.DataFrame({"payment_id": pid, "account_id": aid_s.gather(p_acc[o]), "ts": ts_s(p_t[o])})
        df = pl.concat([df, cards.select(pl.all().gather(p_card[o])), pl.DataFrame({"amount": amount[o], "currency": C_CUR[cc][o]})], how="horizontal")
        df = df.select(["payment_id", "account_id", "ts", "card_fingerprint", "card_bin", "card_last4", "card_country",
                        "billing_postal_code", "amount", "currency"])
        df.write_csv(os.path.join(out, "payments.csv"))
        self.n_pay = m


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    ap.add_argument("out_dir")
    ap.add_argument("--accounts", type=int, default=60000)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    t0 = time.time()
    g = Gen(a.accounts, a.seed)
    g.build()
    g.assemble()
    g.write(a.out_dir)
    kinds, counts = np.unique(g.kind[: g.na].astype(str), return_counts=True)
    print(f"accounts={g.na} api_requests={g.n_api} ip_events={g.n_ipev} devices={g.n_dev} payments={g.n_pay} "
          f"time={time.time() - t0:.1f}s", file=sys.stderr)
    print("group_kind: " + ", ".join(f"{k}={c}" for k, c in zip(kinds, counts)), file=sys.stderr)
    print("rings: " + ", ".join(f"{nm}:{sz}({how},{mode})" for nm, sz, how, mode in g.ring_info), file=sys.stderr)
    print(f"model release={np.datetime64(g.release, 's')} launch={np.datetime64(g.launch_t, 's')}", file=sys.stderr)


if __name__ == "__main__":
    main()
