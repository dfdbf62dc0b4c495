#!/usr/bin/env python3
"""foreign_population_d.py - independent synthetic population (blind hold-out "D").

usage: foreign_population_d.py OUT_DIR [--accounts N] [--seed S]
Writes accounts/payments/ip_events/devices/api_requests CSVs and truth/truth.csv.
Only numpy + polars + stdlib; everything vectorised per group.
"""
import argparse, calendar, os, sys, time
import numpy as np
import polars as pl

DAY, HR = 86400, 3600
def ep(s): return calendar.timegm(time.strptime(s, '%Y-%m-%dT%H:%M'))
T0, TE = ep('2025-03-01T00:00'), ep('2026-07-10T00:00')
C0, C1 = ep('2026-04-22T00:00'), ep('2026-06-05T00:00')
REL2, REL3 = ep('2025-09-10T16:00'), ep('2026-05-14T16:00')   # atlas-2 / atlas-3 releases
LAUNCH = ep('2025-11-18T17:00')                               # consumer launch day
MODELS = ['atlas-1.5', 'atlas-1.5-mini', 'atlas-2', 'atlas-2-mini', 'atlas-3', 'atlas-3-mini', 'atlas-embed-2']
TOK = {'chat': (6.0, 1.0, 5.9, .9), 'short': (4.4, .7, 5.6, .8), 'agent': (7.3, .7, 5.1, .8),
       'api': (6.6, .9, 5.3, 1.0), 'distill': (6.5, .5, 6.9, .35), 'embed': (5.5, .8, 0, 0)}
# code, utc offset, weight, calling code, currency
CTRY = [('US', -5, 30, '1', 'USD'), ('IN', 5.5, 10, '91', 'INR'), ('GB', 0, 6, '44', 'GBP'), ('DE', 1, 6, '49', 'EUR'),
        ('BR', -3, 6, '55', 'BRL'), ('FR', 1, 4, '33', 'EUR'), ('CA', -5, 4, '1', 'CAD'), ('JP', 9, 4, '81', 'JPY'),
        ('KR', 9, 3, '82', 'KRW'), ('ID', 7, 3, '62', 'IDR'), ('MX', -6, 3, '52', 'MXN'), ('NG', 1, 2, '234', 'NGN'),
        ('PH', 8, 2, '63', 'PHP'), ('ES', 1, 2, '34', 'EUR'), ('IT', 1, 2, '39', 'EUR'), ('PL', 1, 2, '48', 'PLN'),
        ('TR', 3, 2, '90', 'TRY'), ('VN', 7, 2, '84', 'VND'), ('AU', 10, 2, '61', 'AUD'), ('NL', 1, 2, '31', 'EUR'),
        ('SE', 1, 1, '46', 'SEK'), ('EG', 2, 1, '20', 'EGP'), ('AR', -3, 1, '54', 'ARS'), ('ZA', 2, 1, '27', 'ZAR')]
CI = {c[0]: i for i, c in enumerate(CTRY)}
TZ = np.array([c[1] for c in CTRY], float)
CW = np.array([c[2] for c in CTRY], float); CW /= CW.sum()
RES_OCT = np.array([24, 68, 71, 73, 76, 77, 78, 79, 81, 83, 84, 86, 88, 90, 91, 92, 93, 98, 99, 101, 105, 106, 109, 110,
                    112, 113, 117, 121, 122, 126, 142, 151, 153, 171, 174, 175, 177, 179, 180, 181, 186, 187, 189, 190,
                    197, 200, 201, 211, 219, 223])
MOB_OCT = np.array([37, 46, 80, 85, 89, 94, 95, 176, 188, 213])
CLOUD = {'aws': [('3.80.0.0', 12), ('18.204.0.0', 14), ('54.160.0.0', 12)], 'gcp': [('34.64.0.0', 10), ('35.184.0.0', 13)],
         'azure': [('20.40.0.0', 13), ('52.224.0.0', 11)], 'do': [('159.89.0.0', 16), ('167.99.0.0', 16)],
         'hetzner': [('95.216.0.0', 15), ('65.108.0.0', 15)]}
FIRST = ('james mary john linda wei li priya arjun maria jose ana lucas sofia emma noah liam olivia mohammed fatima '
         'yuki haruto minjun jiwoo ahmed aisha david sarah daniel laura pierre camille hans anna jan eva marco giulia '
         'ivan olga chen mei rahul neha carlos lucia tunde ngozi juan diego kim tom alex sam nina omar').split()
LAST = ('smith johnson brown garcia miller davis lopez wilson anderson thomas taylor moore martin lee perez white harris '
        'clark lewis walker young king wright scott green baker adams nelson hill campbell mitchell roberts carter '
        'phillips evans turner torres parker collins edwards stewart morris murphy cook rogers kumar sharma singh '
        'patel nguyen tran wang zhang liu chen kim park tanaka sato suzuki mueller schmidt schneider fischer weber '
        'rossi russo silva santos oliveira souza kowalski nowak yilmaz okafor adeyemi').split()
FREE = [('gmail.com', 40), ('outlook.com', 9), ('hotmail.com', 7), ('yahoo.com', 8), ('icloud.com', 7), ('proton.me', 3),
        ('gmx.de', 2), ('web.de', 2), ('yandex.ru', 2), ('qq.com', 2), ('naver.com', 2), ('mail.ru', 1), ('aol.com', 1),
        ('live.com', 2), ('yahoo.co.jp', 1), ('rediffmail.com', 1), ('uol.com.br', 1)]
FREE_D = [d for d, _ in FREE]; FREE_P = np.array([w for _, w in FREE], float); FREE_P /= FREE_P.sum()
CHEAP = ['inboxkit.top', 'mailbox.ink', 'fastmsg.xyz', 'quickpost.site', 'zmail.icu', 'postbox.lol']
WORDS = 'blue north quant vector apex lumen cedar orbit pixel delta harbor nimbus summit coral atlas iron bright'.split()
WORDS2 = 'labs works data systems tech analytics soft cloud ai group io digital'.split()
UAS = [  # (ua, category) 0 desktop 1 mobile 2 sdk 3 framework 4 corporate 5 emulator
    ('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36', 0),
    ('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36', 0),
    ('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15', 0),
    ('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36', 0),
    ('Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:126.0) Gecko/20100101 Firefox/126.0', 0),
    ('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36', 0),
    ('Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0', 0),
    ('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.0.0', 0),
    ('Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1', 1),
    ('Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1', 1),
    ('Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36', 1),
    ('Mozilla/5.0 (Linux; Android 13; SM-A536B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 Mobile Safari/537.36', 1),
    ('Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Mobile Safari/537.36', 1),
    ('AtlasApp/3.2.1 (iPhone; iOS 17.4; Scale/3.00)', 1), ('AtlasApp/3.2.0 (Android 14; Pixel 7)', 1),
    ('Mozilla/5.0 (Linux; Android 12; Redmi Note 11) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36', 1),
    ('atlas-python/1.42.0', 2), ('atlas-node/4.8.1', 2), ('python-httpx/0.27.0', 2), ('curl/8.5.0', 2), ('Go-http-client/2.0', 2),
    ('relaychain/0.9.3 (python 3.11; linux)', 3), ('relaychain/0.10.1 (python 3.12; linux)', 3),
    ('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.80 HelixManaged/7', 4),
    ('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/122.0.6261.94 Safari/537.36', 5)]
UA_CAT = np.array([c for _, c in UAS])
PREPAID_BINS = ['423223', '531106', '404038', '537410', '428208', '511563', '462239', '543210']
PREPAID_RANGE = [f'53126{d}' for d in range(10)]          # retail prepaid brand, legit + fraud
R4_RANGE = [f'44682{d}' for d in range(8)]                # virtual-card issuer used by ring R4
HEX4 = pl.Series([f'{i:04x}' for i in range(65536)]); HEXN = pl.Series([f'{i:x}' for i in range(65536)])


def cat(ss, sep=''):
    return pl.select(pl.concat_str([pl.lit(x) for x in ss], separator=sep)).to_series()


def v4s(x):
    x = np.asarray(x, np.int64)
    return pl.DataFrame({'a': x >> 24, 'b': (x >> 16) & 255, 'c': (x >> 8) & 255, 'd': x & 255}).select(
        pl.concat_str([pl.col(c).cast(pl.String) for c in 'abcd'], separator='.')).to_series()


def u32(s):
    a, b, c, d = map(int, s.split('.')); return (a << 24) | (b << 16) | (c << 8) | d


class Reg:  # string registry: integer codes -> strings
    def __init__(s): s.chunks, s.n = [], 0
    def add(s, ser):
        ser = ser if isinstance(ser, pl.Series) else pl.Series(list(ser), dtype=pl.String)
        c = np.arange(s.n, s.n + len(ser)); s.chunks.append(ser.rename('x')); s.n += len(ser); return c
    def series(s): return pl.concat(s.chunks + [pl.Series('x', [''])])   # code -1 -> '' via index n


class Gen:
    def __init__(s, N, seed):
        s.N, s.f, s.r = N, N / 60000, np.random.default_rng(seed)
        s.A = {k: [] for k in ('created', 'ctry', 'email', 'phone', 'sip', 'sdev', 'ua', 'org', 'kind', 'fake', 'ring')}
        s.na, s.nfp, s.ips, s.devs = 0, 0, Reg(), Reg()
        s.C = {'bin': [], 'ctry': []}; s.ncard = 0
        s.REQ, s.PAY, s.DEV = [], [], []
        r = s.r
        s.roct = np.stack([r.choice(RES_OCT, 3, replace=False) for _ in CTRY])
        s.POP = s.fp(400); w = 1 / np.arange(1, 401) ** 1.05; s.POP_P = w / w.sum()
        s.BINS = np.array([str(b) for b in r.choice(np.arange(400000, 560000), 300, replace=False)])
        # residential proxy providers A and B: thousands of IPs over many /24s
        s.PX = {}
        for name, nets, k in (('A', 900, 5000), ('B', 700, 3000)):
            net = (r.choice(RES_OCT, nets) << 24) | (r.integers(0, 65536, nets) << 8)
            s.PX[name] = s.ips.add(v4s(net[r.integers(0, nets, k)] | r.integers(1, 255, k)))
        s.CARRIER = {'IN': s.cidr('49.36.128.0', 19, 8), 'BR': s.cidr('177.37.160.0', 20, 5)}
        s.CORE = s.fp(600)                 # campaign capability taxonomy shared by all rings
        s.RING_TPL = {}

    # ---------- small helpers ----------
    def sz(s, x): return max(3, int(round(x * s.f)))
    def fp(s, n): c = s.nfp; s.nfp += int(n); return c + np.arange(int(n))
    def ctry(s, n, p=None): return s.r.choice(len(CTRY), n, p=CW if p is None else p)
    def cidr(s, base, bits, n):
        x = u32(base) + s.r.integers(1, 2 ** (32 - bits) - 1, n); x = (x & ~255) | s.r.integers(1, 255, n)
        return s.ips.add(v4s(x))
    def res_ip(s, ctry):
        n = len(ctry); o = s.roct[ctry, s.r.integers(0, 3, n)]
        return s.ips.add(v4s((o << 24) | (s.r.integers(0, 65536, n) << 8) | s.r.integers(1, 255, n)))
    def mob_ip(s, n):
        return s.ips.add(v4s((s.r.choice(MOB_OCT, n) << 24) | (s.r.integers(0, 65536, n) << 8) | s.r.integers(1, 255, n)))
    def priv_ip(s, n):
        r = s.r; x = np.where(r.random(n) < .6, (192 << 24) | (168 << 16) | (r.integers(0, 2, n) << 8),
                               (10 << 24) | (r.integers(0, 65536, n) << 8))
        return s.ips.add(v4s(x | r.integers(2, 254, n)))
    def cgnat_ip(s, n): return s.ips.add(v4s((100 << 24) | (s.r.integers(64, 128, n) << 16) | (s.r.integers(0, 256, n) << 8) | s.r.integers(1, 255, n)))
    def cloud_ip(s, prov):
        out = np.empty(len(prov), np.int64); r = s.r
        for p in np.unique(prov):
            m = prov == p; blocks = CLOUD[list(CLOUD)[p]]; b = r.integers(0, len(blocks), m.sum())
            base = np.array([u32(blocks[i][0]) for i in b]); span = np.array([2 ** (32 - blocks[i][1]) for i in b])
            x = base + (r.random(m.sum()) * span).astype(np.int64); out[m] = s.ips.add(v4s((x & ~255) | r.integers(1, 255, m.sum())))
        return out
    def v6(s, prefix, sub):  # one address per entry: prefix:sub:random IID
        n = len(sub); g = [HEXN.gather(s.r.integers(0, 65536, n)) for _ in range(4)]
        return s.ips.add(pl.DataFrame({'p': [prefix] * n, 's': HEXN.gather(np.asarray(sub)), **{f'g{i}': g[i] for i in range(4)}})
                         .select(pl.concat_str(pl.all(), separator=':')).to_series())
    def ua_pick(s, n, mob=.4):
        return np.where(s.r.random(n) < mob, s.r.choice(np.nonzero(UA_CAT == 1)[0], n), s.r.choice(np.nonzero(UA_CAT == 0)[0], n))
    def dev_new(s, ua, prefix=None):
        n = len(ua); h = cat([HEX4.gather(s.r.integers(0, 65536, n)) for _ in range(5)])
        if prefix is None:
            prefix = np.where(UA_CAT[ua] == 1, np.where(s.r.random(n) < .5, 'ios-', 'and-'), 'wb-')
        return s.devs.add(pl.Series(np.broadcast_to(prefix, (n,)).astype(str)) + h)
    def card(s, n, bins):
        c = np.arange(s.ncard, s.ncard + n); s.ncard += n; s.C['bin'].append(np.asarray(bins, dtype=object)); return c
    def nbins(s, n): return s.BINS[s.r.integers(0, len(s.BINS), n)]
    def pbins(s, n, shared=.4):
        return np.where(s.r.random(n) < shared, s.r.choice(PREPAID_RANGE, n), s.r.choice(PREPAID_BINS, n))

    # ---------- identity strings ----------
    def emails(s, n, style='free', dom=None, seq0=0):
        r = s.r; F = r.integers(0, len(FIRST), n); L = r.integers(0, len(LAST), n); P = r.integers(0, 8, n)
        D = r.choice(len(FREE_D), n, p=FREE_P); num = r.integers(1, 10000, n); u = r.random((n, 4)); out = []
        for i in range(n):
            f, l, k = FIRST[F[i]], LAST[L[i]], num[i]
            if style == 'cheap':
                out.append(f'{f}{l[:r.integers(0, 3)]}{k}{r.integers(0, 10)}@{CHEAP[k % len(CHEAP)]}'); continue
            if style == 'seq':
                out.append(f'{dom[0]}{seq0 + i:03d}@{dom[1]}'); continue
            if style == 'handle':
                out.append(f'{f[:3]}{l[:3]}_{k:x}@proton.me'); continue
            if style == 'tagged':
                out.append(f'{f}.{l}+{k % 1000}@outlook.com'); continue
            if style == 'corp':
                loc = [f'{f}.{l}', f'{f[0]}{l}', f'{f}', f'{f}.{l}{k % 10}'][P[i] % 4] if u[i, 0] < .95 else f'{f}_{l}'
                out.append(f'{loc}@{dom[i]}' if u[i, 1] > .08 else f'{loc.capitalize()}@{dom[i]}'); continue
            if style == 'student':
                out.append(f's{1000000 + k * 97 + i}@{dom}' if u[i, 0] < .5 else f'{f}.{l}{k % 100}@{dom}'); continue
            d = 'gmail.com' if style == 'dotted' else FREE_D[D[i]]
            loc = [f'{f}.{l}', f'{f}{l}', f'{f[0]}.{l}', f'{f}_{l}', f'{f}{k % 100}', f'{f}.{l}{k}', f'{l}{f[0]}{k % 1000}', f'{f}{l[0]}'][P[i]]
            if d == 'gmail.com' and (u[i, 2] < .06 or style == 'dotted'):
                loc = loc.replace('.', ''); j = 1 + k % max(1, len(loc) - 1); loc = loc[:j] + '.' + loc[j:]
            if u[i, 3] < .06: loc += '+' + ['ai', 'work', 'atlas', 'test', 'news'][k % 5]
            if u[i, 1] < .12: loc = loc[0].upper() + loc[1:]
            if u[i, 1] > .97: d = d.capitalize()
            out.append(f'{loc}@{d}')
        return out

    def phones(s, ctry, p_empty=.45, p_bad=.02):
        r = s.r; n = len(ctry); nat = r.integers(2_000_000_000, 9_999_999_999, n); fm = r.integers(0, 4, n); u = r.random(n)
        bad = ['12345', '000-000-0000', '+1 555', '9999999', 'n/a', '+00 0000', '0']; out = []
        for i in range(n):
            cc, d = CTRY[ctry[i]][3], str(nat[i])
            if u[i] < p_empty: out.append(''); continue
            if u[i] < p_empty + p_bad: out.append(bad[nat[i] % len(bad)]); continue
            if cc == '1': out.append([f'+1{d}', f'({d[:3]}) {d[3:6]}-{d[6:]}', f'{d[:3]}-{d[3:6]}-{d[6:]}', f'1 {d[:3]} {d[3:6]} {d[6:]}'][fm[i]])
            elif cc == '44': d = '7' + d[1:]; out.append([f'+44{d}', f'0{d[:4]} {d[4:]}', f'+44 {d[:4]} {d[4:]}', f'0{d}'][fm[i]])
            elif cc == '91': d = '9' + d[1:]; out.append([f'+91{d}', f'+91 {d[:5]} {d[5:]}', f'{d[:5]}-{d[5:]}', f'0{d}'][fm[i]])
            else: d = d[:9]; out.append([f'+{cc}{d}', f'+{cc} {d[:3]} {d[3:6]} {d[6:]}', f'0{d}', f'00{cc}{d}'][fm[i]])
        return out

    def seqphones(s, n, cc, p_nat=.12):  # sequential VoIP/DID blocks with small gaps
        r = s.r; nb = int(r.integers(2, 6)); blk = np.sort(r.integers(0, nb, n))
        base = r.integers(2_000_000_000, 9_000_000_000, nb) // 1000 * 1000
        pos = np.zeros(n, np.int64)
        for b in range(nb):
            m = blk == b; pos[m] = np.cumsum(1 + (r.random(m.sum()) < .2) * r.integers(1, 4, m.sum()))
        d = (base[blk] + pos).astype(str); nat = r.random(n) < p_nat
        return [(f'{x[:3]}-{x[3:6]}-{x[6:]}' if cc == '1' else f'0{x[:5]} {x[5:]}') if nat[i] else f'+{cc}{x}' for i, x in enumerate(d)]

    # ---------- accounts / devices / payments ----------
    def acc(s, n, kind, created, ctry, email, phone, sip, sdev, ua, org='', fake=0, ring=''):
        g = np.arange(s.na, s.na + n); s.na += n
        created = np.minimum(np.asarray(created, np.int64), TE - HR)
        for k, v in (('created', created), ('ctry', ctry), ('sip', sip), ('sdev', sdev), ('ua', ua)):
            s.A[k].append(np.broadcast_to(np.asarray(v, np.int64), (n,)).copy())
        for k, v in (('email', email), ('phone', phone), ('org', org), ('kind', kind), ('fake', fake), ('ring', ring)):
            s.A[k].extend(v if isinstance(v, (list, np.ndarray)) else [v] * n)
        m = np.asarray(sdev) >= 0
        s.DEV.append((g[m], created[m], np.asarray(sdev)[m], np.asarray(ua)[m]))
        return g

    def more_devs(s, g, t0, t1, p2=.35, p3=.08, pool=None):
        r = s.r
        for p in (p2, p3):
            m = r.random(len(g)) < p; k = m.sum()
            ua = s.ua_pick(k, .5); t = t0[m] + (r.random(k) * np.maximum(t1[m] - t0[m], 1)).astype(np.int64)
            d = s.dev_new(ua) if pool is None else pool[r.integers(0, len(pool), k)]
            s.DEV.append((g[m], t, d, ua))

    def pays(s, g, t0, t1, card=None, bins=None, probs=(.55, .2, .13, .12), amts=(2000, 2000, 500, 1000, 5000)):
        r = s.r; n = len(g); k = r.choice(len(probs), n, p=probs)
        if card is None: card = s.card(n, s.nbins(n) if bins is None else bins)
        a = np.repeat(np.arange(n), k); t = t0[a] + (r.random(len(a)) * np.maximum(t1[a] - t0[a], 60)).astype(np.int64)
        s.PAY.append((g[a], t, card[a], r.choice(amts, len(a))))

    # ---------- traffic ----------
    def lmodel(s, a, t):
        r, n = s.r, len(t); gen = np.zeros(n, np.int8)
        gen[r.random(n) < np.clip((t - REL2) / DAY / 45, 0, .92)] = 1
        gen[r.random(n) < np.where(t >= REL3, np.clip(.12 + (t - REL3) / DAY / 30, 0, .85), 0)] = 2
        return (gen * 2 + (r.random(n) < (a * 2654435761 % 1009) / 1009 * .6)).astype(np.int8)

    def req(s, a, t, f, ip, tok='chat', m=None):
        r = s.r; k = t < TE; a, t, f, ip = a[k], t[k], f[k], ip[k]; n = len(t)
        if n == 0: return
        m = s.lmodel(a, t) if m is None else (m(a, t) if callable(m) else np.broadcast_to(np.asarray(m, np.int8), (n,)))
        mi, si, mo, so = TOK[tok]
        it = np.maximum(1, r.lognormal(mi, si, n)).astype(np.int32)
        ot = np.zeros(n, np.int32) if mo == 0 else np.maximum(1, r.lognormal(mo, so, n)).astype(np.int32)
        s.REQ.append((a.astype(np.int32), t.astype(np.int64), np.asarray(m, np.int8), f.astype(np.int64), ip.astype(np.int64), it, ot))

    def sessions(s, start, end, rate, peak, spread, office=False, mlen=3., gap=80., first=None):
        r = s.r; n = len(start); ns = r.poisson(rate * np.maximum(end - start, 0) / DAY)
        sa = np.repeat(np.arange(n), ns)
        day = (start[sa] + (r.random(len(sa)) * (end - start)[sa]).astype(np.int64)) // DAY
        if office:
            wd = (day + 3) % 7
            day = np.where(wd >= 5, np.where(r.random(len(day)) < .5, day - (wd - 4), day + (7 - wd)), day)
        st = day * DAY + (((peak[sa] + r.normal(0, 1, len(sa)) * spread[sa]) % 24) * HR).astype(np.int64)
        st = np.where(st < start[sa], st + DAY, st); ok = st < end[sa]; sa, st = sa[ok], st[ok]
        if first is not None:
            fa = np.nonzero(first < end)[0]
            sa = np.concatenate([fa, sa]); st = np.concatenate([first[fa] + r.integers(30, 1800, len(fa)), st])
        L = r.geometric(1 / mlen, len(st)); rs = np.repeat(np.arange(len(st)), L)
        cs = np.cumsum(r.exponential(gap, len(rs))); off = np.cumsum(L) - L
        return sa, st, rs, st[rs] + (cs - cs[off][rs]).astype(np.int64)

    def own(s, n, mean=7, cap=80):
        k = np.minimum(1 + s.r.geometric(1 / mean, n), cap); return s.fp(k.sum())[np.cumsum(k) - k], k
    def pick(s, st, k, alpha=1.7): return st + np.minimum((k * s.r.random(len(k)) ** alpha).astype(np.int64), k - 1)
    def pop(s, n): return s.POP[s.r.choice(400, n, p=s.POP_P)]
    def ipsel(s, home, alt, palt):
        def f(a, rs, sa):
            m = s.r.random(len(sa)) < palt[sa]; return np.where(m, alt[sa], home[sa])[rs]
        return f

    def users(s, g, start, end, rate, peak, spread, ipf, own, ppop, office=False, mlen=2.6, grp=None, first=None, tok='chat', model=None):
        r = s.r
        sa, st, rs, t = s.sessions(start, end, rate, peak, spread, office, mlen, 80., first)
        fs = np.where(r.random(len(sa)) < ppop[sa], s.pop(len(sa)), s.pick(own[0][sa], own[1][sa]))
        if grp is not None: m, fg = grp(sa, st); fs = np.where(m, fg, fs)
        f = fs[rs]; a = sa[rs]; sw = r.random(len(rs)) < .12
        f[sw] = s.pick(own[0][a[sw]], own[1][a[sw]]); f[r.random(len(f)) < .004] = -1
        s.req(g[a], t, f, ipf(a, rs, sa), tok, model)
        return sa, st

    def diurnal(s, ctry):
        r = s.r; n = len(ctry); c = r.choice(4, n, p=[.33, .45, .14, .08])
        return (np.array([10, 20.5, 14, 1.])[c] + r.normal(0, 1.3, n) - TZ[ctry]) % 24, r.uniform(1., 3.2, n)
    def office_peak(s, ctry): n = len(ctry); return (13.5 - TZ[ctry] + s.r.normal(0, .7, n)) % 24, np.full(n, 2.3)
    def rate(s, n, mu=-2.9, sd=1.0): return s.r.lognormal(mu, sd, n)
    def life(s, created, p_forever=.3, mean=110):
        n = len(created); return np.where(s.r.random(n) < p_forever, TE, np.minimum(TE, created + ((s.r.exponential(mean, n) + 2) * DAY).astype(np.int64)))
    def grow(s, n, lo=T0, hi=TE - 3 * DAY): return lo + ((hi - lo) * s.r.random(n) ** .8).astype(np.int64)

    # ================= legit groups =================
    def g_singles(s, n, kind='single', ctry=None, created=None, end=None, home=None, bins=None, fake=0, ring=''):
        r = s.r; ctry = s.ctry(n) if ctry is None else ctry; created = s.grow(n) if created is None else created
        home = s.res_ip(ctry) if home is None else home
        alt = s.mob_ip(n); palt = np.where(r.random(n) < .5, r.uniform(0, .35, n), 0)
        sip = home.copy(); x = r.random(n); sip[x < .012] = s.priv_ip((x < .012).sum()); sip[(x >= .012) & (x < .02)] = -1
        ua = s.ua_pick(n); dev = s.dev_new(ua)
        g = s.acc(n, kind, created, ctry, s.emails(n), s.phones(ctry), sip, dev, ua, fake=fake, ring=ring)
        end = s.life(created) if end is None else end
        s.more_devs(g, created, end); s.pays(g, created, end, bins=bins)
        pk, sp = s.diurnal(ctry)
        s.users(g, created, end, s.rate(n), pk, sp, s.ipsel(home, alt, palt), s.own(n), r.beta(1.5, 4, n), first=created)
        return g, home

    def g_households(s, n_target):
        r = s.r; sizes = r.choice([2, 2, 3, 3, 3, 4, 4, 5], int(n_target / 3.2) + 1); H = len(sizes)
        hid = np.repeat(np.arange(H), sizes); n = len(hid); hc = s.ctry(H); ctry = hc[hid]; home = s.res_ip(hc)[hid]
        created = np.minimum(TE - 2 * DAY, s.grow(H)[hid] + (r.exponential(40, n) * DAY * (r.random(n) > .25)).astype(np.int64))
        ua = s.ua_pick(n, .5); dev = s.dev_new(ua)
        lap_ua = s.ua_pick(H, 0); lap = s.dev_new(lap_ua); haslap = (r.random(H) < .3)[hid]
        use = haslap & (r.random(n) < .5); dev[use] = lap[hid][use]; ua[use] = lap_ua[hid][use]
        em = s.emails(n); ln = np.array(LAST)[r.integers(0, len(LAST), H)][hid]
        em = [e.replace(e.split('@')[0], e.split('@')[0][:3] + l, 1) if r.random() < .3 else e for e, l in zip(em, ln)]
        g = s.acc(n, 'household', created, ctry, em, s.phones(ctry), home, dev, ua)
        end = s.life(created, .4)
        m = haslap & ~use; s.DEV.append((g[m], created[m] + r.integers(HR, 60 * DAY, m.sum()), lap[hid][m], lap_ua[hid][m]))
        s.more_devs(g, created, end, .25, .05)
        fam = (r.random(H) < .4)[hid]; card = np.where(fam, s.card(H, s.nbins(H))[hid], s.card(n, s.nbins(n)))
        s.pays(g, created, end, card=card)
        pk, sp = s.diurnal(ctry)
        s.users(g, created, end, s.rate(n), pk, sp, s.ipsel(home, s.mob_ip(n), np.full(n, .15)), s.own(n), r.beta(1.5, 4, n), first=created)

    def g_carrier(s, n, cc, kind='carrier_cgnat'):
        r = s.r; ctry = np.full(n, CI[cc]); eg = s.CARRIER[cc]; created = s.grow(n)
        sip = np.where(r.random(n) < .3, s.cgnat_ip(n), eg[r.integers(0, len(eg), n)])
        ua = s.ua_pick(n, .85); g = s.acc(n, kind, created, ctry, s.emails(n), s.phones(ctry, .3), sip, s.dev_new(ua), ua)
        end = s.life(created); s.more_devs(g, created, end, .3); s.pays(g, created, end, probs=(.7, .2, .06, .04))
        pk, sp = s.diurnal(ctry)
        s.users(g, created, end, s.rate(n, -2.6), pk, sp, lambda a, rs, sa: eg[r.integers(0, len(eg), len(sa))][rs],
                s.own(n, 5), r.beta(2, 4, n), mlen=2.0, first=created, tok='short')

    def g_ipv6(s, n, prefix='2607:fb90:1c3a'):
        r = s.r; ctry = np.full(n, CI['US']); sub = r.integers(0, 65536, n); created = s.grow(n)
        ua = s.ua_pick(n, .9); g = s.acc(n, 'carrier_ipv6', created, ctry, s.emails(n), s.phones(ctry, .3), s.v6(prefix, sub), s.dev_new(ua), ua)
        end = s.life(created); s.more_devs(g, created, end, .3); s.pays(g, created, end)
        pk, sp = s.diurnal(ctry)
        s.users(g, created, end, s.rate(n, -2.6), pk, sp, lambda a, rs, sa: s.v6(prefix, sub[sa])[rs], s.own(n, 5), r.beta(2, 4, n), mlen=2.0, first=created)

    def g_campus(s, n_total):
        r = s.r
        unis = [('students.northfield.edu', 'US', .5, '128.210.0.0', ['2025-01-13', '2025-08-25', '2026-01-12']),
                ('ug.kestrel.ac.uk', 'GB', .3, '144.82.0.0', ['2025-01-13', '2025-09-29', '2026-01-12', '2026-04-20']),
                ('alumnos.usierra.edu.mx', 'MX', .2, '148.204.0.0', ['2025-02-03', '2025-08-11', '2026-01-26'])]
        for dom, cc, frac, net, terms in unis:
            n = int(n_total * frac); ctry = np.full(n, CI[cc]); terms = np.array([ep(t + 'T08:00') for t in terms])
            nat = s.cidr(net, 16, 8); home = s.res_ip(ctry)
            tstart = terms[np.searchsorted(terms, np.sort(r.uniform(T0, TE - 30 * DAY, n)), 'right') - 1]
            created = np.where(r.random(n) < .6, np.maximum(T0, tstart) + (r.exponential(4, n) * DAY).astype(np.int64), s.grow(n))
            sip = np.where(r.random(n) < .7, nat[r.integers(0, 8, n)], home)
            ua = s.ua_pick(n, .45); g = s.acc(n, 'campus', created, ctry, s.emails(n, 'student', dom), s.phones(ctry, .6), sip, s.dev_new(ua), ua)
            end = s.life(created, .45); s.more_devs(g, created, end, .3)
            s.pays(g, created, end, probs=(.75, .15, .06, .04))
            pk, sp = s.diurnal(ctry)
            ipf = lambda a, rs, sa, home=home, nat=nat: np.where(r.random(len(sa)) < .65, nat[r.integers(0, 8, len(sa))], home[sa])[rs]
            s.users(g, created, end, s.rate(n, -2.6), pk, sp, ipf, s.own(n), r.beta(1.5, 4, n), first=created)
            AA, TT, FF, II = [], [], [], []
            for c in range(int(np.ceil(n * 2 / 90))):      # classes with shared assignment templates
                mem = r.choice(n, min(n, int(r.integers(30, 151))), replace=False)
                t0 = terms[r.integers(0, len(terms))]
                for _ in range(int(r.integers(3, 7))):
                    due = t0 + int(r.uniform(14, 110) * DAY); k = int(r.integers(1, 4)); tpl = s.fp(k)
                    p = mem[(created[mem] < due - DAY) & (end[mem] > due - 4 * DAY) & (r.random(len(mem)) < .75)]
                    L = r.integers(3, 13, len(p)); a = np.repeat(p, L); st = due - (r.random(len(p)) * 4 * DAY).astype(np.int64)
                    AA.append(a); TT.append(np.repeat(st, L) + (np.arange(len(a)) - np.repeat(np.cumsum(L) - L, L)) * r.integers(30, 300, len(a)))
                    FF.append(tpl[r.integers(0, k, len(a))])
                    II.append(np.where(r.random(len(p)) < .6, nat[r.integers(0, 8, len(p))], home[p])[np.repeat(np.arange(len(p)), L)])
            a = np.concatenate(AA); s.req(g[a], np.concatenate(TT), np.concatenate(FF), np.concatenate(II))

    def g_orgs(s, n_target, declared):
        r = s.r; lo, hi = (10, 150) if declared else (5, 40); sizes = []
        while sum(sizes) < n_target: sizes.append(int(np.clip(r.lognormal(np.log(lo * 2.5), .6), lo, hi)))
        sizes = np.array(sizes); O = len(sizes); oid = np.repeat(np.arange(O), sizes); n = len(oid)
        oc = s.ctry(O); ctry = oc[oid]
        dom = np.array([f'{WORDS[r.integers(0, len(WORDS))]}{WORDS2[r.integers(0, len(WORDS2))]}.{["com", "io", "de", "co", "ai"][r.integers(0, 5)]}' for _ in range(O)])
        nof = 3 if declared else 1
        off = s.res_ip(np.repeat(oc, nof)).reshape(O, nof)
        created = s.grow(O, T0, TE - 60 * DAY)[oid] + (r.exponential(45 if declared else 15, n) * DAY).astype(np.int64)
        free = (r.random(O) < (.05 if declared else .4))[oid] | (r.random(n) < .05)
        em = np.where(free, np.array(s.emails(n), object), np.array(s.emails(n, 'corp', dom[oid]), object)).tolist()
        org = [f'org_{x:08x}' for x in r.integers(0, 2 ** 32, O)] if declared else [''] * O
        home = s.res_ip(ctry); sip = np.where(r.random(n) < .8, off[oid, r.integers(0, nof, n)], home)
        ua = s.ua_pick(n, .15)
        g = s.acc(n, 'company_declared' if declared else 'team_undeclared', created, ctry, em, s.phones(ctry, .55), sip,
                  s.dev_new(ua), ua, org=np.array(org, object)[oid].tolist())
        end = s.life(created, .6, 200); s.more_devs(g, created, end, .3)
        payer = r.random(n) < (.5 if declared else .7); cc = s.card(O, s.nbins(O))
        s.pays(g[payer], created[payer], end[payer], card=cc[oid][payer], probs=(0, .4, .3, .3))
        tk = r.integers(10, 31, O) if declared else r.integers(5, 21, O); ts0 = s.fp(tk.sum())[np.cumsum(tk) - tk]
        pk, sp = s.office_peak(ctry)
        ipf = lambda a, rs, sa: np.where(r.random(len(sa)) < .8, off[oid[sa], r.integers(0, nof, len(sa))], home[sa])[rs]
        grp = lambda sa, st: (r.random(len(sa)) < (.35 if declared else .45), s.pick(ts0[oid[sa]], tk[oid[sa]], 1.4))
        s.users(g, created, end, s.rate(n, -2.2, .8), pk, sp, ipf, s.own(n), np.full(n, .15), office=True, grp=grp, first=created, mlen=3.)

    def g_enterprise(s, n_total):
        r = s.r; sizes = []
        while sum(sizes) < n_total: sizes.append(int(r.integers(50, 201)))
        B = len(sizes); bid = np.repeat(np.arange(B), sizes); n = len(bid); ctry = np.full(n, CI['US'])
        bday = np.sort(r.choice(np.arange(ep('2025-09-01T00:00'), ep('2026-06-20T00:00'), DAY * 7), B, replace=False))
        bday += ((r.integers(0, 5, B) - (bday // DAY + 3) % 7) % 7) * DAY           # weekdays
        created = bday[bid] + 15 * HR + (r.random(n) * 2.5 * HR).astype(np.int64)
        off = s.cidr('198.51.0.0', 16, 6); vpn = s.cloud_ip(np.array([0, 0]))
        ua = np.full(n, np.nonzero(UA_CAT == 4)[0][0]); tag = 450000 + np.arange(n) + bid * 50
        dev = s.devs.add([f'HLX-LT-{x:07d}' for x in tag])
        phone = s.seqphones(n, '1', p_nat=.7); phone = [p if u < .35 else '' for p, u in zip(phone, r.random(n))]
        org = np.where(r.random(n) < .5, 'org_helixdyn', '').tolist()
        g = s.acc(n, 'enterprise_sso', created, ctry, s.emails(n, 'corp', ['helixdynamics.com'] * n), phone, off[r.integers(0, 6, n)], dev, ua, org=org)
        end = np.full(n, TE); me = r.random(n) < .05; s.pays(g[me], created[me], end[me], probs=(0, .5, .3, .2))
        onb = s.fp(5); L = r.integers(4, 11, n); a = np.repeat(np.arange(n), L)
        t = created[a] + r.integers(300, 2400, len(a)) + np.arange(len(a)) % 11 * 90
        s.req(g[a], t, onb[r.integers(0, 5, len(a))], off[r.integers(0, 6, len(a))])
        tk = 40; ts0 = s.fp(tk); pk, sp = s.office_peak(ctry)
        ipf = lambda a, rs, sa: np.where(r.random(len(sa)) < .75, off[r.integers(0, 6, len(sa))], vpn[r.integers(0, 2, len(sa))])[rs]
        grp = lambda sa, st: (r.random(len(sa)) < .3, ts0[np.minimum((tk * r.random(len(sa)) ** 1.5).astype(int), tk - 1)])
        s.users(g, created + DAY, end, s.rate(n, -2.0, .8), pk, sp, ipf, s.own(n), np.full(n, .15), office=True, grp=grp)

    def g_framework(s, n):
        r = s.r; FW = s.fp(400); w = 1 / np.arange(1, 401) ** .8; w /= w.sum()
        ctry = s.ctry(n); created = s.grow(n); home = s.res_ip(ctry)
        prov = r.choice(5, n, p=[.4, .2, .15, .15, .1]); vm = np.stack([s.cloud_ip(prov), s.cloud_ip(prov)], 1)
        ua = s.ua_pick(n, .05); g = s.acc(n, 'framework_user', created, ctry, s.emails(n), s.phones(ctry, .6), home, s.dev_new(ua), ua)
        end = s.life(created, .3, 150); s.more_devs(g, created, end, .2); s.pays(g, created, end, probs=(.35, .3, .2, .15))
        fwua = np.nonzero(UA_CAT == 3)[0]; m = r.random(n) < .6
        s.DEV.append((g[m], created[m] + DAY, s.devs.add(pl.Series([f'rc-{x:012x}' for x in r.integers(0, 2 ** 48, m.sum())])), r.choice(fwua, m.sum())))
        own = s.own(n, 5)
        nj = 1 + r.binomial(2, .35, n); ja = np.repeat(np.arange(n), nj); J = len(ja)
        typ = r.choice(3, J, p=[.1, .3, .6]); per = np.array([HR, 6 * HR, DAY])[typ]
        jst = created[ja] + (r.uniform(0, 60, J) * DAY).astype(np.int64)
        jen = np.minimum(np.minimum(end[ja], TE), jst + (r.lognormal(np.log(np.array([3, 10, 25])[typ]), .7) * DAY).astype(np.int64))
        phase = r.integers(0, 24, J) * HR % per; tf = jst + (phase - jst) % per
        nr = np.maximum(0, (jen - tf) // per + 1); rj = np.repeat(np.arange(J), nr)
        rt = tf[rj] + per[rj] * (np.arange(len(rj)) - np.repeat(np.cumsum(nr) - nr, nr))
        L = r.integers(2, 7, J); chain = FW[r.choice(400, (J, 6), p=w)]
        mine = r.random((J, 6)) < .15; chain[mine] = s.pick(own[0][ja], own[1][ja])[np.nonzero(mine)[0]]
        Lr = L[rj]; sl = np.repeat(np.arange(len(rj)), Lr); step = np.arange(len(sl)) - np.repeat(np.cumsum(Lr) - Lr, Lr)
        t = rt[sl] + r.integers(0, 12, len(sl)) + step * r.integers(4, 20, len(sl))
        a = ja[rj[sl]]; s.req(g[a], t, chain[rj[sl], step], vm[a, r.integers(0, 2, len(a))], 'agent')
        pk, sp = s.diurnal(ctry)
        grp = lambda sa, st: (r.random(len(sa)) < .4, FW[r.choice(400, len(sa), p=w)])
        s.users(g, created, end, s.rate(n, -3.2), pk, sp, lambda a, rs, sa: home[sa][rs], own, np.full(n, .1), grp=grp, first=created, tok='agent')

    def g_launch(s, n):
        r = s.r; ctry = s.ctry(n); created = LAUNCH + (r.beta(1.6, 4, n) * 10 * HR).astype(np.int64)
        eg = np.concatenate([s.CARRIER['IN'], s.CARRIER['BR']])
        home = np.where(r.random(n) < .15, eg[r.integers(0, len(eg), n)], s.res_ip(ctry))
        ua = np.where(r.random(n) < .6, r.choice([13, 14], n), s.ua_pick(n, .5))
        g = s.acc(n, 'launch_spike', created, ctry, s.emails(n), s.phones(ctry, .5), home, s.dev_new(ua), ua)
        end = np.where(r.random(n) < .3, s.life(created + 2 * DAY, .3), created + 2 * DAY)
        s.pays(g, created, end, probs=(.9, .1, 0, 0), amts=(2000,))
        V = s.fp(12); vw = 1 / np.arange(1, 13) ** .9; vw /= vw.sum()
        L = r.integers(1, 9, n); a = np.repeat(np.arange(n), L)
        t = created[a] + r.integers(60, 900, len(a)) + (np.arange(len(a)) - np.repeat(np.cumsum(L) - L, L)) * r.integers(30, 200, len(a))
        own = s.own(n, 4); f = np.where(r.random(len(a)) < .85, V[r.choice(12, len(a), p=vw)], s.pick(own[0][a], own[1][a]))
        s.req(g[a], t, f, home[a], 'short')
        pk, sp = s.diurnal(ctry)
        s.users(g, created + DAY, end, s.rate(n, -2.6), pk, sp, s.ipsel(home, s.mob_ip(n), np.full(n, .2)), own, r.beta(2, 3, n))

    def g_integrators(s, n):
        r = s.r; ctry = s.ctry(n); created = s.grow(n, T0, TE - 120 * DAY); prov = r.choice(5, n)
        ips = np.stack([s.cloud_ip(prov) for _ in range(4)], 1)
        ua = r.choice(np.nonzero(UA_CAT == 2)[0], n)
        g = s.acc(n, 'heavy_integrator', created, ctry, s.emails(n, 'corp', [f'{WORDS[i % 17]}{WORDS2[i % 12]}.com' for i in range(n)]),
                  s.phones(ctry, .3), ips[:, 0], s.dev_new(s.ua_pick(n, 0)), ua)
        st = created + (r.uniform(1, 30, n) * DAY).astype(np.int64); en = np.minimum(TE, st + (r.uniform(60, 300, n) * DAY).astype(np.int64))
        k = ((en - st) // (30 * DAY)).astype(int); a = np.repeat(np.arange(n), k); card = s.card(n, s.nbins(n))
        s.PAY.append((g[a], st[a] + (np.arange(len(a)) - np.repeat(np.cumsum(k) - k, k)) * 30 * DAY, card[a], r.integers(20000, 400000, len(a))))
        cnt = r.poisson(r.lognormal(np.log(4), .5, n) * (en - st) / HR); a = np.repeat(np.arange(n), cnt)
        t = st[a] + (r.random(len(a)) * (en - st)[a]).astype(np.int64)
        own = s.own(n, 15, 40); emb = r.random(len(a)) < .2
        f = s.pick(own[0][a], own[1][a], 2.2); ip = ips[a, r.integers(0, 4, len(a))]
        s.req(g[a][~emb], t[~emb], f[~emb], ip[~emb], 'api'); s.req(g[a][emb], t[emb], f[emb], ip[emb], 'embed', 6)

    def g_dormant(s, n):
        r = s.r; ctry = s.ctry(n); created = r.integers(T0, ep('2025-08-31T00:00'), n)
        rel = r.random(n) < .35; re = np.where(rel, REL3 + r.integers(HR, 72 * HR, n), r.integers(C0, C1, n))
        g, home = s.g_singles(n, 'dormant_reactivated', ctry, created, created + (r.uniform(1, 14, n) * DAY).astype(np.int64))
        home = np.where(r.random(n) < .5, home, s.res_ip(ctry))
        m = r.random(n) < .4; ua = s.ua_pick(m.sum()); s.DEV.append((g[m], re[m], s.dev_new(ua), ua))
        end = np.minimum(TE, re + (r.uniform(5, 40, n) * DAY).astype(np.int64))
        s.pays(g, re, re + DAY, probs=(.5, .5))
        def model(a, t):
            mm = s.lmodel(a, t); loc = a - g[0]; x = rel[loc] & (t >= REL3) & (r.random(len(t)) < .75); mm[x] = 4; return mm
        pk, sp = s.diurnal(ctry)
        s.users(g, re, end, s.rate(n, -1.6, .8), pk, sp, lambda a, rs, sa: home[sa][rs], s.own(n), r.beta(1.5, 4, n), first=re, model=model)

    # ================= fraud =================
    def g_ring(s, c):
        r = s.r; n = max(20, int(round(c['n'] * s.f))); rid = c['id']
        ctry = np.full(n, CI[c['ctry']]) if c.get('ctry') else s.ctry(n)
        nb = max(2, n // 60); bid = np.sort(r.integers(0, nb, n)); bw = r.uniform(300, 2400, nb)
        if c['create'] == 'aged':
            bt = r.integers(C0 - 365 * DAY, C0 - 185 * DAY, nb); bw *= 6
        elif c['create'] == 'late':
            bt = r.integers(REL3 + 2 * HR, REL3 + 8 * DAY, nb)
        else:
            bt = r.integers(C0 - 25 * DAY, C0 + 20 * DAY, nb) + c['start'] * DAY
        created = np.sort(bt[bid] + (r.random(n) * bw[bid]).astype(np.int64))
        RS = C0 + c['start'] * DAY
        if c['create'] == 'aged':
            ast = RS + (r.random(n) * 3 * HR).astype(np.int64); aen = np.minimum(C1, ast + (r.uniform(15, 30, n) * DAY).astype(np.int64))
        elif c['create'] == 'late':
            ast = created + (r.uniform(2, 24, n) * HR).astype(np.int64); aen = np.full(n, C1, np.int64)
        else:
            ast = np.maximum(created + (r.uniform(.3, 3, n) * DAY).astype(np.int64), RS)
            aen = np.minimum(C1, ast + (r.uniform(8, 25, n) * DAY).astype(np.int64))
        # infrastructure
        mode = c['ip']
        pool = {'A': s.PX['A'], 'B': s.PX['B'], 'vps': s.cidr('91.243.80.0', 22, 250)}.get(mode)
        sub = r.integers(0, 65536, n)
        if mode == 'v6': sip = s.v6('2a0e:8f02:21c0', sub)
        elif mode == 'carrier': sip = np.where(r.random(n) < .4, s.cgnat_ip(n), s.CARRIER['IN'][r.integers(0, 8, n)])
        else: sip = pool[r.integers(0, len(pool), n)]
        sip[r.random(n) < .03] = -1
        if c['dev'] == 'farm':
            fua = r.choice(np.nonzero(UA_CAT == 1)[0][:5], max(3, n // 12)); farm = s.dev_new(fua)
            k = r.integers(0, len(farm), n); dev, ua = farm[k], fua[k]
        elif c['dev'] == 'emu':
            ua = np.full(n, np.nonzero(UA_CAT == 5)[0][0]); dev = s.dev_new(ua, 'wb-')
        else:
            ua = s.ua_pick(n, .5); dev = s.dev_new(ua)
        em = {'cheap': lambda: s.emails(n, 'cheap'), 'dotted': lambda: s.emails(n, 'dotted'), 'free': lambda: s.emails(n),
              'tagged': lambda: s.emails(n, 'tagged'), 'handle': lambda: s.emails(n, 'handle')}[c['email']]()
        ph = {'seq_us': lambda: s.seqphones(n, '1'), 'seq_in': lambda: s.seqphones(n, '91'), 'seq_gb': lambda: s.seqphones(n, '44'),
              'mixed': lambda: s.phones(ctry), 'none': lambda: [''] * n}[c['phone']]()
        g = s.acc(n, c['kind'], created, ctry, em, ph, sip, dev, ua, fake=1, ring=rid)
        if c['dev'] == 'farm':
            s.more_devs(g, ast, aen, .6, .3, pool=farm)
        else:
            s.more_devs(g, ast, aen, .1, 0)
        card = c['card']; pt = ast - r.integers(600, 2 * HR, n)
        if card == 'own': s.pays(g, pt, pt + 1, bins=np.where(r.random(n) < .6, s.pbins(n), s.nbins(n)), probs=(.2, .8), amts=(500, 1000))
        elif card == 'shared': s.pays(g, pt, aen, card=s.card(max(2, n // 15), s.pbins(max(2, n // 15), .6))[r.integers(0, max(2, n // 15), n)], probs=(.1, .6, .3), amts=(500, 1000, 2000))
        elif card == 'binrange': s.pays(g, pt, pt + 1, bins=r.choice(R4_RANGE, n), probs=(.1, .9), amts=(500,))
        elif card == 'pairs': s.pays(g, pt, aen, card=s.card(n // 2 + 1, s.nbins(n // 2 + 1))[r.integers(0, n // 2 + 1, n)], probs=(.2, .5, .3), amts=(2000,))
        # traffic: synchronised daily shifts
        d0, d1 = ast // DAY, aen // DAY; nd = np.maximum(0, d1 - d0 + 1); da = np.repeat(np.arange(n), nd)
        day = d0[da] + np.arange(len(da)) - np.repeat(np.cumsum(nd) - nd, nd)
        keep = r.random(len(da)) < .88; da, day = da[keep], day[keep]
        lam = r.uniform(20, 30, n); cnt = r.poisson(lam[da]); ra = np.repeat(np.arange(len(da)), cnt); a = da[ra]
        jit = r.normal(0, 1200, n).astype(np.int64)
        t = day[ra] * DAY + c['shift'] * HR + jit[a] + (r.random(len(a)) * c['hrs'] * HR).astype(np.int64)
        ok = (t >= ast[a]) & (t <= aen[a] + DAY); a, ra, t = a[ok], ra[ok], t[ok]
        k_own = int(r.integers(300, 1200)); own = s.fp(k_own); s.RING_TPL[rid] = own
        camo = r.random(len(a)) < c['camo']
        f = np.where(r.random(len(a)) < .35, s.CORE[r.integers(0, 600, len(a))], own[(k_own * r.random(len(a)) ** 1.2).astype(int)])
        f[camo] = s.pop(camo.sum())
        if mode == 'v6': ip = s.v6('2a0e:8f02:21c0', sub[a])
        elif mode == 'carrier': ip = np.where(r.random(len(a)) < .65, s.CARRIER['IN'][r.integers(0, 8, len(a))], s.PX['B'][r.integers(0, len(s.PX['B']), len(a))])
        elif c.get('sticky'): ip = pool[r.integers(0, len(pool), len(da))][ra]
        else: ip = pool[r.integers(0, len(pool), len(a))]
        piv = REL3 + int(r.uniform(2, 12) * HR); s.PIVOT = getattr(s, 'PIVOT', {}); s.PIVOT[rid] = piv
        m = np.where(t >= piv, np.where(r.random(len(t)) < .92, 4, 2), np.where(r.random(len(t)) < .85, 2, 3)).astype(np.int8)
        s.req(g[a][~camo], t[~camo], f[~camo], ip[~camo], 'distill', m[~camo]); s.req(g[a][camo], t[camo], f[camo], ip[camo], 'chat', m[camo])
        if c['create'] == 'aged':  # warm-up requests at creation
            L = r.integers(1, 4, n); w = np.repeat(np.arange(n), L)
            s.req(g[w], created[w] + r.integers(60, 3000, len(w)), s.pop(len(w)), np.where(sip[w] >= 0, sip[w], pool[0]), 'chat')
        return g

    def g_ato(s, n):
        r = s.r; ctry = s.ctry(n); created = r.integers(T0, ep('2025-12-31T00:00'), n); T = r.integers(C0 + 5 * DAY, C1 - 10 * DAY, n)
        g, _ = s.g_singles(n, 'account_takeover', ctry, created, T, fake=1, ring='ATO')
        ua = s.ua_pick(n, .3); s.DEV.append((g, T, s.dev_new(ua), ua))
        nd = r.integers(7, 21, n); da = np.repeat(np.arange(n), nd); cnt = r.poisson(25, len(da)); a = da[np.repeat(np.arange(len(da)), cnt)]
        dayoff = np.repeat(np.arange(len(da)) - np.repeat(np.cumsum(nd) - nd, nd), cnt)
        t = T[a] + dayoff * DAY + (r.random(len(a)) * 9 * HR).astype(np.int64)
        own = s.RING_TPL['R1']; f = np.where(r.random(len(a)) < .4, s.CORE[r.integers(0, 600, len(a))], own[r.integers(0, len(own), len(a))])
        s.req(g[a], t, f, s.PX['A'][r.integers(0, len(s.PX['A']), len(a))], 'distill', np.where(t >= s.PIVOT['R1'], 4, 2))

    def g_side(s, si, style):
        sid = f'S{si + 1}'
        r = s.r; n = int(r.integers(8, 16)); P = {
            'vps_247': dict(win='2025-12-05', days=35, rate=60, h0=0, hl=24, card='one', tpl=40, camo=0, ua=2),
            'small_proxy_office': dict(win='2026-02-02', days=45, rate=35, h0=8, hl=8, card='own', tpl=80, camo=.1, ua=0),
            'shared_device_home': dict(win='2025-08-10', days=60, rate=25, h0=18, hl=5, card='one', tpl=30, camo=.3, ua=0),
            'ipv6_rotation': dict(win='2026-06-08', days=30, rate=40, h0=22, hl=8, card='none', tpl=60, camo=0, ua=2),
            'weekly_batch': dict(win='2025-10-05', days=150, rate=150, h0=3, hl=2, card='own_pp', tpl=120, camo=0, ua=5),
            'low_slow': dict(win='2025-11-01', days=150, rate=5, h0=12, hl=8, card='pp_shared', tpl=50, camo=.2, ua=1)}[style]
        w0 = ep(P['win'] + 'T00:00'); created = np.sort(w0 - 7 * DAY + r.integers(0, HR if style in ('vps_247', 'weekly_batch') else 6 * DAY, n))
        ctry = np.full(n, r.choice(len(CTRY), p=CW))
        if style == 'vps_247': pool = s.cidr('45.137.21.0', 26, 12)
        elif style == 'weekly_batch': pool = s.cidr('185.105.4.0', 24, 6)
        elif style == 'shared_device_home': pool = np.concatenate([s.res_ip(ctry[:1]), s.mob_ip(1)])
        elif style == 'ipv6_rotation': pool = None
        else: pool = s.res_ip(s.ctry({'small_proxy_office': 25, 'low_slow': 40}[style]))
        uas = np.nonzero(UA_CAT == P['ua'])[0]; ua = r.choice(uas, n)
        if style == 'shared_device_home': d2 = s.dev_new(ua[:2]); dev = d2[r.integers(0, 2, n)]
        else: dev = s.dev_new(ua, 'wb-')
        sip = s.v6('2a01:7e01:4b2', np.full(n, 0x91a1)) if pool is None else pool[r.integers(0, len(pool), n)]
        em = s.emails(n, 'seq', ('labuser', 'mailbox.ink'), int(r.integers(1, 50))) if style == 'small_proxy_office' else s.emails(n, ['free', 'cheap', 'dotted'][si % 3])
        g = s.acc(n, 'side_op_' + style, created, ctry, em, s.phones(ctry, .5), sip, dev, ua, fake=1, ring=sid)
        if P['card'] == 'one': s.pays(g, created, created + DAY, card=np.repeat(s.card(1, s.nbins(1)), n), probs=(.1, .9))
        elif P['card'] == 'own': s.pays(g, created, created + DAY, probs=(.2, .8))
        elif P['card'] == 'own_pp': s.pays(g, created, created + DAY, bins=s.pbins(n, 0), probs=(.2, .8))
        elif P['card'] == 'pp_shared': s.pays(g, created, created + 90 * DAY, bins=np.full(n, PREPAID_RANGE[3]), probs=(0, .5, .5))
        days = np.arange(P['days']); dd = (w0 // DAY + days)
        if style == 'weekly_batch': dd = dd[(dd + 3) % 7 == 6]
        da = np.repeat(np.arange(n), len(dd)); day = np.tile(dd, n); cnt = r.poisson(P['rate'], len(da)); ra = np.repeat(np.arange(len(da)), cnt)
        a = da[ra]; t = day[ra] * DAY + P['h0'] * HR + (r.random(len(a)) * P['hl'] * HR).astype(np.int64)
        tpl = s.fp(P['tpl']); f = tpl[(P['tpl'] * r.random(len(a)) ** 1.3).astype(int)]; cm = r.random(len(a)) < P['camo']; f[cm] = s.pop(cm.sum())
        ip = s.v6('2a01:7e01:4b2', np.full(len(a), 0x91a1)) if pool is None else pool[r.integers(0, len(pool), len(a))]
        s.req(g[a], t, f, ip, 'distill' if style != 'low_slow' else 'chat', None)
        return n

    # ================= output =================
    def write(s, out):
        r = s.r; os.makedirs(os.path.join(out, 'truth'), exist_ok=True); N = s.na; A = {k: np.concatenate(v) if k in ('created', 'ctry', 'sip', 'sdev', 'ua') else v for k, v in s.A.items()}
        x = r.integers(0, 2 ** 48, N + N // 10 + 10); _, ix = np.unique(x, return_index=True); x = x[np.sort(ix)][:N]
        ids = 'ac_' + cat([HEX4.gather((x >> sh) & 65535) for sh in (32, 16, 0)])
        ipS, devS = s.ips.series(), s.devs.series(); uaS = pl.Series([u for u, _ in UAS])
        fpS = pl.concat(['pt_' + cat([HEX4.gather(r.integers(0, 65536, s.nfp)) for _ in range(6)]), pl.Series([''])])
        ncard = s.ncard; cbin = pl.Series(np.concatenate(s.C['bin']).astype(str))
        ctok = 'cfp_' + cat([HEX4.gather(r.integers(0, 65536, ncard)) for _ in range(5)])
        def wcsv(df, name):
            df.with_columns(pl.col(pl.String).replace('', None)).write_csv(os.path.join(out, name))
        fix = lambda c, S: np.where(np.asarray(c) < 0, len(S) - 1, c)
        iso = lambda t: pl.from_epoch(pl.Series(np.asarray(t, np.int64)), 's').dt.strftime('%Y-%m-%dT%H:%M:%SZ')
        cc = pl.Series([c[0] for c in CTRY]); cur = pl.Series([c[4] for c in CTRY])
        acc = pl.DataFrame({'account_id': ids, 'created_at': iso(A['created']), 'email': A['email'], 'phone': A['phone'],
                            'country': cc.gather(A['ctry']), 'signup_ip': ipS.gather(fix(A['sip'], ipS)),
                            'signup_device_id': devS.gather(fix(A['sdev'], devS)), 'user_agent': uaS.gather(A['ua']),
                            'org_id': A['org'], '_t': A['created']}).sort('_t', 'account_id')
        acc.drop('_t').pipe(wcsv, 'accounts.csv')
        pl.DataFrame({'account_id': ids, 'is_fake': np.array(A['fake'], np.int8), 'ring_id': A['ring'], 'group_kind': A['kind']}).write_csv(os.path.join(out, 'truth', 'truth.csv'))
        P = [np.concatenate(z) for z in zip(*s.PAY)]; npay = len(P[0]); pc = P[2]
        y = r.integers(0, 2 ** 48, npay + npay // 10 + 10); _, ix = np.unique(y, return_index=True); y = y[np.sort(ix)][:npay]
        cents = P[3].astype(np.int64)
        pay = pl.DataFrame({'payment_id': 'py_' + cat([HEX4.gather((y >> sh) & 65535) for sh in (32, 16, 0)]),
                            'account_id': ids.gather(P[0]), 'ts': iso(P[1]), 'card_fingerprint': ctok.gather(pc), 'card_bin': cbin.gather(pc),
                            'card_last4': pl.Series((pc * 7919 + 1234) % 10000).cast(pl.String).str.zfill(4),
                            'card_country': cc.gather(A['ctry'][P[0]]),
                            'billing_postal_code': pl.Series(np.where(pc % 5 == 0, '', ((pc * 104729) % 90000 + 10000).astype(str))),
                            'amount': pl.Series(cents // 100).cast(pl.String) + '.' + pl.Series(cents % 100).cast(pl.String).str.zfill(2),
                            'currency': cur.gather(A['ctry'][P[0]]), '_t': P[1]}).sort('_t', 'payment_id').drop('_t')
        pay.pipe(wcsv, 'payments.csv')
        D = [np.concatenate(z) for z in zip(*s.DEV)]
        dv = pl.DataFrame({'account_id': ids.gather(D[0]), 'ts': iso(np.minimum(D[1], TE - 60)), 'device_id': devS.gather(D[2]),
                           'user_agent': uaS.gather(D[3]), '_t': D[1]}).sort('_t', 'account_id', 'device_id').drop('_t')
        dv.pipe(wcsv, 'devices.csv')
        R = [np.concatenate(z) for z in zip(*s.REQ)]
        R[4][r.random(len(R[4])) < .002] = -1
        ok = R[1] >= A['created'][R[0]]; R = [x[ok] for x in R]       # no traffic before signup
        rq = pl.DataFrame({'a': R[0], 't': R[1], 'm': R[2], 'f': R[3], 'i': R[4], 'it': R[5], 'ot': R[6]}).sort('t', 'a', 'f')
        pl.DataFrame({'account_id': ids.gather(rq['a']), 'ts': iso(rq['t']), 'model': pl.Series(MODELS).gather(rq['m']),
                      'input_tokens': rq['it'], 'output_tokens': rq['ot'], 'prompt_fingerprint': fpS.gather(fix(rq['f'].to_numpy(), fpS)),
                      'ip': ipS.gather(fix(rq['i'].to_numpy(), ipS))}).pipe(wcsv, 'api_requests.csv')
        k = rq.filter(pl.col('i') >= 0).with_columns(d=pl.col('t') // DAY)
        api = k.group_by('a', 'd', 'i').agg(pl.col('t').min()).sort('a', 'd', 'i').select('a', 't', 'i', e=pl.lit('api'))
        lg = k.group_by('a', 'd').agg(pl.col('t').min(), pl.col('i').sort_by('t').first()).sort('a', 'd')
        lg = lg.filter(pl.Series(r.random(len(lg)) < .35))
        lg = lg.with_columns(t=pl.col('t') - pl.Series(r.integers(3, 120, len(lg))), e=pl.lit('login')).select('a', 't', 'i', 'e')
        su = pl.DataFrame({'a': np.arange(N), 't': A['created'], 'i': A['sip']}).with_columns(e=pl.lit('signup')).filter(pl.col('i') >= 0)
        ie = pl.concat([su.cast({'a': pl.Int64, 't': pl.Int64, 'i': pl.Int64}), lg.cast({'a': pl.Int64, 't': pl.Int64, 'i': pl.Int64}),
                        api.cast({'a': pl.Int64, 't': pl.Int64, 'i': pl.Int64})]).sort('t', 'a', 'e', 'i')
        pl.DataFrame({'account_id': ids.gather(ie['a']), 'ts': iso(ie['t']), 'ip': ipS.gather(ie['i']), 'event': ie['e']}).pipe(wcsv, 'ip_events.csv')
        return {'accounts': N, 'payments': npay, 'ip_events': len(ie), 'devices': len(dv), 'api_requests': len(rq)}, A


RINGS = [
    dict(id='R1', kind='ring_proxy_rotating', n=1100, card='own', dev='own', ip='A', shift=6, hrs=9, camo=.15, create='burst', start=0, email='cheap', phone='seq_us', ctry='US'),
    dict(id='R2', kind='ring_device_farm', n=700, card='shared', dev='farm', ip='carrier', shift=13, hrs=8, camo=.35, create='burst', start=3, email='cheap', phone='seq_in', ctry='IN'),
    dict(id='R3', kind='ring_aged_dormant', n=520, card='own', dev='own', ip='B', shift=20, hrs=8, camo=.5, create='aged', start=11, email='dotted', phone='mixed'),
    dict(id='R4', kind='ring_vps_emulator', n=450, card='binrange', dev='emu', ip='vps', shift=0, hrs=8, camo=.1, create='burst', start=1, email='free', phone='seq_us'),
    dict(id='R5', kind='ring_proxy_sticky', n=380, card='own', dev='own', ip='A', sticky=True, shift=9, hrs=8, camo=.25, create='burst', start=5, email='tagged', phone='seq_gb', ctry='GB'),
    dict(id='R6', kind='ring_device_farm', n=340, card='pairs', dev='farm', ip='B', sticky=True, shift=16, hrs=6, camo=.2, create='burst', start=7, email='cheap', phone='none'),
    dict(id='R7', kind='ring_ipv6_hosting', n=310, card='none', dev='own', ip='v6', shift=3, hrs=10, camo=.3, create='burst', start=2, email='handle', phone='seq_us'),
    dict(id='R8', kind='ring_late_pivot', n=300, card='shared', dev='own', ip='A', shift=11, hrs=8, camo=.4, create='late', start=22, email='cheap', phone='seq_us')]
SIDES = ['vps_247', 'small_proxy_office', 'shared_device_home', 'ipv6_rotation', 'weekly_batch', 'low_slow']


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('out'); ap.add_argument('--accounts', type=int, default=60000); ap.add_argument('--seed', type=int, default=1)
    o = ap.parse_args(); t0 = time.time(); s = Gen(o.accounts, o.seed); r = s.r
    for c in RINGS: s.g_ring(c)
    s.g_ato(s.sz(12))
    for i, st in enumerate(SIDES): s.g_side(i, st)
    s.g_households(s.sz(2400)); s.g_carrier(s.sz(2200), 'IN'); s.g_carrier(s.sz(800), 'BR'); s.g_ipv6(s.sz(1200))
    s.g_campus(s.sz(3000)); s.g_orgs(s.sz(1800), True); s.g_orgs(s.sz(1100), False); s.g_enterprise(s.sz(1500))
    s.g_framework(s.sz(2400)); s.g_launch(s.sz(2800)); s.g_integrators(s.sz(15)); s.g_dormant(s.sz(900))
    pw = CW * np.where(np.isin([c[0] for c in CTRY], ['NG', 'PH', 'IN', 'BR', 'MX', 'ID']), 4., 1.)
    s.g_singles(s.sz(1200), 'prepaid_payer', ctry=s.ctry(s.sz(1200), pw / pw.sum()), bins=s.pbins(s.sz(1200), .45))
    ph = np.concatenate([r.choice(s.PX['A'], s.sz(350), replace=False), r.choice(s.PX['B'], s.sz(150), replace=False)])
    s.g_singles(len(ph), 'proxy_exit_home', home=ph)
    s.g_singles(max(0, o.accounts - s.na), 'single')
    counts, A = s.write(o.out)
    kinds = pl.DataFrame({'k': A['kind'], 'f': A['fake'], 'r': A['ring']})
    print(f'foreign_population_d: seed={o.seed} accounts={counts["accounts"]} fakes={sum(A["fake"])} ({sum(A["fake"]) / counts["accounts"]:.1%}) in {time.time() - t0:.1f}s')
    print('  fakes by ring: ' + ', '.join(f'{a}={b}' for a, b in kinds.filter(pl.col('f') == 1).group_by('r').len().sort('r').iter_rows()))
    print('  legit by kind: ' + ', '.join(f'{a}={b}' for a, b in kinds.filter(pl.col('f') == 0).group_by('k').len().sort('len', descending=True).iter_rows()))
    print('  rows: ' + ', '.join(f'{k}={v}' for k, v in counts.items()))


if __name__ == '__main__':
    main()
