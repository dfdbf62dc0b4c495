#!/usr/bin/env python3
"""foreign_population_e.py -- an independent, *blind* synthetic account population.

Written only against shared/CONTRACT.md (input-table format); nothing else of the
detector was read.  It is meant as a hold-out set: legit populations are built to
resemble fraud on any single signal, so that only combinations and strength of
coordination separate them.

Usage:
    foreign_population_e.py OUT_DIR [--accounts N] [--seed S]

Writes OUT_DIR/{accounts,payments,ip_events,devices,api_requests}.csv and
OUT_DIR/truth/truth.csv (account_id,is_fake,ring_id,group_kind).
Deterministic per seed.  Python loops run only over groups (rings, teams,
classes, venues, countries); everything per account / per request is numpy or
polars vectorised.
"""
import argparse
import os
import sys
import time

import numpy as np
import polars as pl

DAY = 86400
HOUR = 3600
MIN = 60


def ep(s):
    return int(np.datetime64(s, "s").astype(np.int64))


W0 = ep("2026-03-01T00:00:00")      # activity window start
W1 = ep("2026-07-10T00:00:00")      # activity window end
C0 = ep("2026-04-22T00:00:00")      # distillation campaign signups start
C1 = ep("2026-06-05T00:00:00")      # ... end
LEGIT_LO = ep("2024-01-01T00:00:00")
LEGIT_HI = ep("2026-07-06T00:00:00")
LAUNCH = ep("2026-05-12T15:00:00")  # consumer product launch (demo prompts)
RELEASE = ep("2026-06-02T17:00:00")  # new model release
NEVER = 2 ** 62
UNIQ_BASE = 1 << 44                 # template ids >= this are one-off prompts

MODELS = ["atlas-3-mini", "atlas-3", "atlas-3-pro", "atlas-2.5-turbo", "atlas-4"]
NEWM = 4

# --------------------------------------------------------------------------
# static reference data
# --------------------------------------------------------------------------
# code, weight, tz, currency, fx per USD, phone cc, name region, free-mail domains
CTRY = [
    ("US", 22, -6, "USD", 1.0, "1", "en", "gmail.com yahoo.com outlook.com icloud.com hotmail.com aol.com proton.me"),
    ("IN", 12, 5.5, "INR", 83, "91", "in", "gmail.com yahoo.co.in rediffmail.com outlook.com hotmail.com"),
    ("GB", 5, 0, "GBP", .79, "44", "en", "gmail.com hotmail.co.uk outlook.com yahoo.co.uk btinternet.com icloud.com"),
    ("DE", 5, 1, "EUR", .92, "49", "de", "gmail.com gmx.de web.de t-online.de outlook.de posteo.de"),
    ("FR", 4, 1, "EUR", .92, "33", "fr", "gmail.com orange.fr free.fr laposte.net hotmail.fr sfr.fr"),
    ("BR", 5, -3, "BRL", 5.0, "55", "pt", "gmail.com hotmail.com outlook.com uol.com.br bol.com.br yahoo.com.br"),
    ("JP", 4, 9, "JPY", 150, "81", "jp", "gmail.com yahoo.co.jp icloud.com docomo.ne.jp outlook.jp"),
    ("KR", 3, 9, "KRW", 1330, "82", "kr", "gmail.com naver.com daum.net kakao.com hanmail.net"),
    ("CA", 3, -5, "CAD", 1.36, "1", "en", "gmail.com outlook.com hotmail.com yahoo.ca icloud.com shaw.ca"),
    ("AU", 2, 10, "AUD", 1.52, "61", "en", "gmail.com outlook.com bigpond.com icloud.com hotmail.com"),
    ("MX", 3, -6, "MXN", 17, "52", "es", "gmail.com hotmail.com outlook.com yahoo.com.mx"),
    ("ES", 2.5, 1, "EUR", .92, "34", "es", "gmail.com hotmail.es yahoo.es outlook.es telefonica.net"),
    ("IT", 2.5, 1, "EUR", .92, "39", "it", "gmail.com libero.it hotmail.it virgilio.it outlook.it"),
    ("NL", 1.5, 1, "EUR", .92, "31", "de", "gmail.com outlook.com hotmail.nl ziggo.nl kpnmail.nl"),
    ("PL", 2, 1, "PLN", 4.0, "48", "sl", "gmail.com wp.pl onet.pl o2.pl interia.pl"),
    ("TR", 2, 3, "TRY", 32, "90", "tr", "gmail.com hotmail.com outlook.com yandex.com"),
    ("ID", 3, 7, "IDR", 15700, "62", "sea", "gmail.com yahoo.co.id yahoo.com ymail.com"),
    ("VN", 2, 7, "VND", 24800, "84", "sea", "gmail.com yahoo.com.vn outlook.com"),
    ("PH", 2, 8, "PHP", 56, "63", "sea", "gmail.com yahoo.com outlook.com"),
    ("NG", 2, 1, "NGN", 1400, "234", "af", "gmail.com yahoo.com outlook.com"),
    ("EG", 1.5, 2, "EGP", 47, "20", "tr", "gmail.com yahoo.com hotmail.com outlook.com"),
    ("AR", 1.5, -3, "ARS", 870, "54", "es", "gmail.com hotmail.com yahoo.com.ar outlook.com"),
    ("CO", 1.5, -5, "COP", 3900, "57", "es", "gmail.com hotmail.com outlook.com yahoo.com"),
    ("PK", 2, 5, "PKR", 278, "92", "in", "gmail.com yahoo.com hotmail.com outlook.com"),
    ("SG", 1, 8, "SGD", 1.34, "65", "en", "gmail.com yahoo.com.sg outlook.com hotmail.com"),
    ("ZA", 1, 2, "ZAR", 18.5, "27", "af", "gmail.com outlook.com webmail.co.za yahoo.com"),
    ("UA", 1, 2, "UAH", 39, "380", "sl", "gmail.com ukr.net i.ua outlook.com"),
    ("SE", 1, 1, "SEK", 10.5, "46", "de", "gmail.com hotmail.se outlook.com telia.com"),
]
NC = len(CTRY)
CODE = np.array([c[0] for c in CTRY], dtype=object)
CIDX = {c[0]: i for i, c in enumerate(CTRY)}
TZ = np.array([c[2] for c in CTRY], dtype=float)
CUR = np.array([c[3] for c in CTRY], dtype=object)
FX = np.array([c[4] for c in CTRY], dtype=float)
PHONE_CC = np.array([c[5] for c in CTRY], dtype=object)
W_ALL = np.array([c[1] for c in CTRY], dtype=float)
W_ALL /= W_ALL.sum()
DOMAINS = [c[7].split() for c in CTRY]
ZERO_DEC = {"JPY", "KRW", "IDR", "VND"}
POSTAL_LEN = np.array([5 if c[0] not in ("IN", "BR", "SG", "CO", "PK", "NG", "VN") else 6
                       for c in CTRY])
POSTAL_LEN[CIDX["BR"]] = 8
POSTAL_LEN[CIDX["AU"]] = 4
POSTAL_LEN[CIDX["ZA"]] = 4
POSTAL_LEN[CIDX["AR"]] = 4


def cweights(**kw):
    w = W_ALL.copy()
    for k, v in kw.items():
        w[CIDX[k]] *= v
    return w / w.sum()


W_MOBILE = cweights(IN=2.5, ID=3, PH=3, NG=3, BR=1.8, MX=1.8, VN=2.5, EG=2.5, PK=2.5, TR=1.5, US=.5, DE=.5, GB=.6,
                    JP=.6, SE=.5, NL=.5)
W_BIZ = cweights(US=1.5, GB=1.5, DE=1.5, FR=1.2, CA=1.3, NL=2, SE=2, SG=2.5, JP=1.2, AU=1.3, IN=.8, NG=.4, PK=.4,
                 EG=.4, VN=.6, PH=.6, ID=.5)
W_DEV = cweights(US=1.6, IN=1.3, DE=1.5, GB=1.4, CA=1.4, FR=1.2, JP=1.0, KR=1.3, NL=1.8, SE=1.8, SG=1.8, PL=1.5, UA=1.8)
W_EDU = cweights(US=1.8, GB=1.6, DE=1.3, IN=1.2, KR=1.5, JP=1.0, CA=1.5, AU=1.8, FR=1.0, NL=1.5, BR=.8)
W_VPN = cweights(US=1.3, GB=1.3, DE=1.4, TR=3, EG=2.5, PK=2, IN=1.2, ID=1.5, UA=2)
W_TARGET = cweights(US=3, GB=2, CA=2, DE=1.5, AU=2, SG=2, NL=1.5, FR=1.2, JP=1, IN=.6, BR=.6, NG=.2, PK=.2, EG=.2,
                    VN=.4, PH=.4, ID=.3)
CAFE_CTRY = np.array([CIDX[c] for c in ("PH", "VN", "ID", "NG", "EG", "PK", "KR", "IN", "BR", "TR", "MX", "CO")])

NAMES = {
    "en": ("james john robert michael william david richard joseph thomas chris daniel matthew mark paul steven andrew "
           "josh kevin brian mary patricia jennifer linda elizabeth sarah jessica emily ashley emma olivia megan "
           "laura rachel kate amy tyler ryan nicole hannah",
           "smith johnson williams brown jones miller davis wilson anderson taylor thomas moore martin jackson "
           "thompson white harris clark lewis walker hall young allen king wright scott green baker adams nelson "
           "hill campbell mitchell carter roberts"),
    "es": ("jose juan carlos luis miguel jorge pedro alejandro fernando diego javier sergio pablo andres maria ana "
           "lucia sofia valentina camila carmen laura paula daniela isabel gabriela",
           "garcia rodriguez martinez hernandez lopez gonzalez perez sanchez ramirez torres flores rivera gomez "
           "diaz morales reyes cruz ortiz gutierrez chavez ruiz jimenez castro vargas romero"),
    "pt": ("joao pedro lucas gabriel rafael mateus gustavo felipe bruno thiago ana julia beatriz mariana larissa "
           "camila fernanda leticia amanda bianca",
           "silva santos oliveira souza lima pereira ferreira costa rodrigues almeida nascimento carvalho araujo "
           "ribeiro gomes martins rocha barbosa"),
    "de": ("lukas leon felix jonas max paul finn jan tim niklas anna lena laura julia lea sarah hannah marie sophie "
           "lisa erik lars sven emma",
           "mueller schmidt schneider fischer weber meyer wagner becker schulz hoffmann koch richter klein wolf "
           "neumann schwarz braun zimmermann dekker jansen visser andersson johansson"),
    "fr": ("lucas hugo louis jules gabriel arthur nathan theo thomas antoine emma lea chloe manon camille ines sarah "
           "julie claire marie",
           "martin bernard dubois thomas robert richard petit durand leroy moreau simon laurent lefebvre michel "
           "garcia david bertrand roux vincent fournier"),
    "it": ("marco luca andrea matteo alessandro giuseppe francesco lorenzo davide simone giulia chiara francesca "
           "sara martina alessia elena valentina federica silvia",
           "rossi russo ferrari esposito bianchi romano colombo ricci marino greco bruno gallo conti deluca mancini "
           "costa giordano rizzo lombardi moretti"),
    "in": ("rahul amit rohit vikram arjun aditya karan suresh rajesh sanjay priya anjali pooja neha sneha divya "
           "kavya shreya ananya deepika imran ali ahmed usman",
           "sharma verma gupta singh kumar patel reddy rao iyer nair mehta joshi shah agarwal mishra khan malik "
           "chaudhry qureshi das"),
    "jp": ("hiroshi takashi kenji yuki daiki sho haruto ren sota yuto yui aoi sakura hana rin mio yuna miku akari saki",
           "sato suzuki takahashi tanaka watanabe ito yamamoto nakamura kobayashi kato yoshida yamada sasaki "
           "yamaguchi matsumoto inoue kimura hayashi shimizu"),
    "kr": ("minjun seojun doyun jiho jihun hyunwoo jiwoo seoyeon jiyeon minji soyeon yuna eunji hayoon subin",
           "kim lee park choi jung kang cho yoon jang lim han oh seo shin kwon"),
    "sea": ("budi agus andi dewi siti putri rizky minh anh thanh linh huong tuan juan mark angelo jasmine nicole",
            "santoso wijaya saputra pratama hidayat nguyen tran le pham hoang huynh vo reyes santos cruz bautista "
            "garcia mendoza"),
    "tr": ("mehmet mustafa ahmet ali emre burak murat can elif zeynep ayse fatma merve ece omar mohamed youssef "
           "ahmed mahmoud nour",
           "yilmaz kaya demir sahin celik yildiz yildirim ozturk aydin ozdemir arslan dogan hassan ibrahim mostafa "
           "salem farouk"),
    "sl": ("jakub kamil piotr tomasz michal andrii oleksandr dmytro anna katarzyna magdalena olena iryna natalia marta",
           "nowak kowalski wisniewski wojcik kaminski lewandowski zielinski shevchenko bondarenko kovalenko "
           "tkachenko melnyk kravchenko"),
    "af": ("chinedu emeka oluwaseun tunde ifeanyi ngozi chioma amaka thabo sipho lerato nomvula kwame kofi",
           "okafor adeyemi okonkwo balogun eze nwosu olawale dlamini nkosi mokoena mensah asante"),
}
REGIONS = list(NAMES)
REG_OF = np.array([REGIONS.index(c[6]) for c in CTRY])
if True:
    _f = [NAMES[r][0].split() for r in REGIONS]
    _l = [NAMES[r][1].split() for r in REGIONS]
    FIRST_FLAT = np.array(sum(_f, []), dtype=object)
    LAST_FLAT = np.array(sum(_l, []), dtype=object)
    FIRST_LEN = np.array([len(x) for x in _f])
    LAST_LEN = np.array([len(x) for x in _l])
    FIRST_OFF = np.concatenate([[0], np.cumsum(FIRST_LEN)[:-1]])
    LAST_OFF = np.concatenate([[0], np.cumsum(LAST_LEN)[:-1]])

ADJ = np.array(("dark silver happy lucky crazy blue red green golden silent wild cool little big fast lazy brave "
                "sunny misty frozen cosmic pixel neon urban retro mighty tiny").split(), dtype=object)
NOUN = np.array(("wolf tiger fox eagle dragon panda ninja rider coder gamer river storm shadow phoenix falcon bear "
                 "lion hawk star moon cloud rock leaf wave bird cat owl").split(), dtype=object)
CO_A = np.array(("blue north bright clear deep swift true open iron silver quantum pixel data cloud core "
                 "nova prime apex vertex zen lumen terra meta hyper alpha").split(), dtype=object)
CO_B = np.array(("labs works soft logic systems analytics digital ventures tech forge stack hub ly io metrics "
                 "scale ware craft minds bit").split(), dtype=object)
CHEAP_DOMAINS = np.array(("inboxmail.top quickmail.icu mailnest.xyz postbox.site tmpbox.net emailhub.store "
                          "fastinbox.cyou mailzone.click nextmail.shop dropmail.buzz mymail.lol boxmail.rest").split(),
                         dtype=object)
FARM_DOMAINS = np.array("outlook.com hotmail.com mail.ru yandex.ru gmx.com proton.me".split(), dtype=object)
VOIP_AREAS = np.array([201, 267, 302, 318, 351, 424, 530, 628, 659, 747, 838, 945, 360, 272])

UA_LISTS = {
    "desktop":
        [f"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{v}.0.0.0 "
         f"Safari/537.36" for v in range(118, 127)] +
        [f"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{v}.0.0.0"
         f" Safari/537.36" for v in range(119, 127)] +
        [f"Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:{v}.0) Gecko/20100101 Firefox/{v}.0" for v in
         range(120, 128)] +
        [f"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/{v} "
         f"Safari/605.1.15" for v in ("16.6", "17.1", "17.3", "17.4", "17.5")] +
        [f"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{v}.0.0.0 "
         f"Safari/537.36 Edg/{v}.0.0.0" for v in range(120, 127)] +
        [f"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{v}.0.0.0 Safari/537.36"
         for v in range(120, 127)],
    "mobile":
        [f"Mozilla/5.0 (iPhone; CPU iPhone OS {v} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
         f"Version/{v.replace('_', '.')} Mobile/15E148 Safari/604.1" for v in ("16_6", "17_1", "17_2", "17_3", "17_4",
                                                                             "17_5")] +
        [f"Mozilla/5.0 (Linux; Android {a}; {m}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{v}.0.0.0 Mobile "
         f"Safari/537.36" for a, m in (("13", "SM-S911B"), ("14", "Pixel 8"), ("13", "SM-A536B"),
                                       ("12", "Redmi Note 11"), ("14", "SM-S921B"), ("13", "CPH2449"),
                                       ("11", "moto g(30)")) for v in (122, 124, 125)],
    "api":
        [f"atlas-python/1.{a}.{b}" for a in (28, 30, 33, 35) for b in (0, 1, 2)] +
        ["python-requests/2.31.0", "python-requests/2.32.3", "node-fetch/1.0 (+https://github.com/bitinn/node-fetch)",
         "curl/8.4.0", "Go-http-client/2.0", "okhttp/4.12.0", "axios/1.6.8", "atlas-node/4.2.0"],
    "headless":
        [f"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/{v}.0.0.0 "
         f"Safari/537.36" for v in range(118, 126)] +
        ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
         "HeadlessChrome/124.0.6367.60 Safari/537.36"],
    "emulator":
        [f"Mozilla/5.0 (Linux; Android {a}; {m}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{v}.0.0.0 Mobile "
         f"Safari/537.36" for a, m in (("11", "sdk_gphone_x86"), ("13", "sdk_gphone64_x86_64"),
                                       ("9", "Google Nexus 5X - Genymotion"), ("7.1.2", "SM-N976N"),
                                       ("9", "ASUS_Z01QD")) for v in (110, 118, 124)],
    "agent":
        [f"agentkit/0.{v}.{p} python-httpx/0.27.0" for v in (12, 13, 14) for p in (0, 1, 2)] +
        [f"crewflow/1.{v}.0 node/20.11.1" for v in (4, 5, 6)],
}
UA_ALL = []
UA_RANGE = {}
for _k, _v in UA_LISTS.items():
    UA_RANGE[_k] = (len(UA_ALL), len(_v))
    UA_ALL.extend(_v)
UA_ALL = np.array(UA_ALL, dtype=object)


def _prof(w):
    w = np.asarray(w, float)
    assert len(w) == 24
    return w / w.sum()


P_HUMAN = _prof([.6, .35, .2, .15, .12, .15, .3, .6, 1.0, 1.3, 1.5, 1.6, 1.5, 1.5, 1.6, 1.6, 1.6, 1.7, 1.8, 2.0, 2.2,
                 2.2, 1.8, 1.1])
P_OFFICE = _prof([.04, .03, .02, .02, .02, .03, .08, .3, 1.2, 2.2, 2.4, 2.2, 1.2, 2.0, 2.4, 2.3, 2.0, 1.2, .5, .3, .25,
                  .2, .1, .06])
P_STUDENT = _prof([1.4, 1.0, .6, .3, .1, .05, .05, .1, .4, .9, 1.3, 1.4, 1.3, 1.5, 1.7, 1.8, 1.8, 1.7, 1.6, 1.7, 2.0,
                   2.2, 2.2, 1.9])
P_FLAT = _prof([.7, .7, .7, .7, .7, .7, .8, .9, 1.1, 1.3, 1.3, 1.3, 1.3, 1.3, 1.3, 1.3, 1.2, 1.1, 1.0, .9, .9, .8, .8,
                .7])
PROF_HUMAN, PROF_OFFICE, PROF_STUDENT, PROF_FLAT = 0, 1, 2, 3


# --------------------------------------------------------------------------
# vectorised helpers
# --------------------------------------------------------------------------
def mix64(x):
    x = np.asarray(x).astype(np.uint64)
    with np.errstate(over="ignore"):
        z = x + np.uint64(0x9E3779B97F4A7C15)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        z = z ^ (z >> np.uint64(31))
    return z


_HEX4 = None


def hexs(u, nchunks=4):
    """uint64 array -> polars Series of 4*nchunks lowercase hex chars."""
    global _HEX4
    if _HEX4 is None:
        _HEX4 = pl.Series("h", [f"{i:04x}" for i in range(65536)])
    u = np.asarray(u).astype(np.uint64)
    cols = {}
    for k in range(nchunks):
        idx = ((u >> np.uint64(16 * k)) & np.uint64(0xFFFF)).astype(np.int64)
        cols[f"c{k}"] = _HEX4.gather(pl.Series(idx))
    return pl.DataFrame(cols).select(pl.concat_str([pl.col(f"c{k}") for k in range(nchunks)]).alias("h")).to_series()


def ipstr(ip):
    s = pl.Series("ip", np.asarray(ip).astype(np.int64))
    df = pl.DataFrame({"ip": s})
    c = pl.col("ip")
    return df.select(pl.concat_str([(c // 16777216).cast(pl.Utf8), pl.lit("."), ((c // 65536) % 256).cast(pl.Utf8),
                                    pl.lit("."), ((c // 256) % 256).cast(pl.Utf8), pl.lit("."),
                                    (c % 256).cast(pl.Utf8)]).alias("ip")).to_series()


def cat(*parts):
    """concatenate string/number arrays and literals element-wise -> numpy object array."""
    n = max(len(p) for p in parts if not isinstance(p, str))
    cols, exprs = {}, []
    for i, p in enumerate(parts):
        if isinstance(p, str):
            exprs.append(pl.lit(p))
        else:
            s = pl.Series(f"c{i}", p)
            if s.dtype != pl.Utf8:
                s = s.cast(pl.Utf8)
            cols[f"c{i}"] = s
            exprs.append(pl.col(f"c{i}"))
    if not cols:
        return np.array([], dtype=object)
    if n == 0:
        return np.array([], dtype=object)
    return pl.DataFrame(cols).select(pl.concat_str(exprs).alias("x")).to_series().to_numpy().astype(object)


def zrank(u, n, a):
    """0-based rank from a truncated power law over 1..n with exponent a (vectorised, per-row n and a)."""
    n = np.asarray(n, dtype=float)
    a = np.asarray(a, dtype=float)
    a = np.where(np.abs(a - 1.0) < 0.02, 1.02, a)
    e = 1.0 - a
    x = (((n + 1.0) ** e - 1.0) * u + 1.0) ** (1.0 / e)
    return np.clip(np.floor(x).astype(np.int64) - 1, 0, np.maximum(n.astype(np.int64) - 1, 0))


def within_index(counts):
    """for np.repeat(arange(len(counts)), counts): position inside each group."""
    tot = int(counts.sum())
    starts = np.cumsum(counts) - counts
    return np.arange(tot, dtype=np.int64) - np.repeat(starts, counts)


def lognorm(r, med, sig, n):
    return np.exp(r.normal(np.log(med), sig, n))


def split_sizes(r, n, sampler):
    """draw group sizes with sampler(k) until they cover n; the last one is trimmed."""
    out = []
    tot = 0
    while tot < n:
        s = np.maximum(np.asarray(sampler(max(8, (n - tot) // 4 + 8))).astype(np.int64), 1)
        out.append(s)
        tot += int(s.sum())
    s = np.concatenate(out)
    cs = np.cumsum(s)
    k = int(np.searchsorted(cs, n)) + 1
    s = s[:k].copy()
    s[-1] -= int(cs[k - 1] - n)
    if s[-1] <= 0:
        s = s[:-1]
    return s


# --------------------------------------------------------------------------
# context: infrastructure (IPs, devices, cards, templates) and segments
# --------------------------------------------------------------------------
def S(n, kind, fake=0):
    z = np.zeros
    return dict(
        kind=np.full(n, kind, dtype=object), fake=np.full(n, fake, np.int8), ring=np.full(n, "", dtype=object),
        org=np.full(n, "", dtype=object), created=z(n, np.int64), country=z(n, np.int64), atz=z(n),
        email=np.full(n, "", dtype=object), phone=np.full(n, "", dtype=object),
        dev=np.full((n, 3), -1, np.int64), card=np.full(n, -1, np.int64), paymode=z(n, np.int8), payamt=z(n),
        s_off=z((n, 3), np.int64), s_size=np.ones((n, 3), np.int64), s_sess=np.full((n, 3), DAY, np.int64),
        s_p=np.tile(np.array([1.0, 0.0, 0.0]), (n, 1)),
        act0=z(n, np.int64), act1=z(n, np.int64), nbase=z(n), rps=np.full(n, 3.0), gap=np.full(n, 60.0),
        gshape=np.full(n, 1.2), prof=z(n, np.int64), wkend=np.ones(n), shift=z(n),
        p_pop=np.full(n, .4), p_grp=z(n), grp_base=z(n, np.int64), grp_n=np.ones(n, np.int64),
        grp_a=np.full(n, 1.1), p_pers=z(n), pers_base=z(n, np.int64), pers_n=z(n, np.int64),
        in_shift=z(n), out_mu=np.full(n, np.log(350.0)), out_sig=np.full(n, .8),
        out_cap=np.full(n, 4096, np.int64), m_pref=z(n, np.int64), m_pref_p=np.full(n, .8),
        new_t=np.full(n, NEVER, np.int64), new_amax=z(n), new_tau=np.full(n, 5.0 * DAY),
        login_rate=np.full(n, .15),
    )


class Ctx:
    def __init__(self, N, seed):
        self.N = N
        self.seed = seed
        self.rng = np.random.default_rng(np.random.SeedSequence([int(seed), 0xE5E5]))
        r = self.rng
        self.salt = np.uint64(int(r.integers(1, 2 ** 62)))
        self.scale = N / 60000.0
        self.segs = []
        self.nacc = 0
        self.ipchunks = []
        self.nip = 0
        self.G = 40000
        self.ntmpl = self.G
        self.devchunks = []
        self.ndev = 0
        self.cardchunks = []
        self.ncard = 0
        self.extra = []
        self.profiles = [P_HUMAN, P_OFFICE, P_STUDENT, P_FLAT]
        self.allowed = np.array([o for o in range(1, 224) if o not in (10, 100, 127, 169, 172, 192, 198, 203)])
        allowed = self.allowed
        # residential ISP /16 prefixes per country
        self.isp = (r.choice(allowed, (NC, 8)).astype(np.int64) << 8) | r.integers(0, 256, (NC, 8))
        # business ISP prefixes (offices, venues, universities)
        self.biz = (r.choice(allowed, (NC, 3)).astype(np.int64) << 8) | r.integers(0, 256, (NC, 3))
        # mobile carriers: NAT pools, hundreds of strangers per IP
        self.car_n = r.integers(2, 4, NC)
        self.car_off = np.zeros((NC, 3), np.int64)
        self.car_size = np.ones((NC, 3), np.int64)
        for ci in range(NC):
            for k in range(int(self.car_n[ci])):
                size = int(np.exp(r.uniform(np.log(12), np.log(140))) * (W_ALL[ci] * NC) ** .7) + 4
                if r.random() < .3:
                    ips = (100 << 24 | 64 << 16) + r.choice(1 << 22, size, replace=False)
                else:
                    pre = int(r.choice(allowed)) << 8 | int(r.integers(256))
                    n24 = max(1, size // 40)
                    b24 = r.integers(0, 256, n24)
                    ips = (pre << 16) | (b24[r.integers(0, n24, size)] << 8) | r.integers(1, 255, size)
                self.car_off[ci, k] = self.add_ips(ips)
                self.car_size[ci, k] = size
        # datacenter / VPS providers
        self.dc = (r.choice(allowed, (12, 4)).astype(np.int64) << 8) | r.integers(0, 256, (12, 4))
        # commercial VPN providers (exits in datacenter ranges)
        self.vpn_off = np.zeros(4, np.int64)
        self.vpn_size = np.zeros(4, np.int64)
        for v in range(4):
            size = int(r.integers(80, 400))
            self.vpn_off[v] = self.add_ips(self.dc_ips(size, r.integers(0, 12, size)))
            self.vpn_size[v] = size
        # residential proxy providers: many /24s, each IP used rarely
        sa = int(120000 * self.scale) + 3000
        self.provA = self.home_ips(self.countries(sa, cweights(US=2, BR=2, IN=1.5, ID=1.5, VN=1.5)))
        self.provA_off = self.add_ips(self.provA)
        sb = int(50000 * self.scale) + 2000
        self.provB = self.home_ips(self.countries(sb))
        self.provB_off = self.add_ips(self.provB)
        # card BIN universes
        self.reg_bins = (r.choice([4, 5], (NC, 14)) * 100000 + r.integers(0, 100000, (NC, 14)))
        self.corp_bins = (r.choice([4, 5], (NC, 3)) * 100000 + r.integers(0, 100000, (NC, 3)))
        self.prepaid_bins = r.choice([4, 5], 10) * 100000 + r.integers(0, 100000, 10)
        self.virtual_bins = r.choice([4, 5], 6) * 100000 + r.integers(0, 100000, 6)
        self.gift_bins = 400000 + r.integers(0, 100000, 4)
        self.fw_update = RELEASE + int(r.uniform(2.0, 6.0) * DAY)

    # ---- infrastructure ------------------------------------------------
    def add_ips(self, ips):
        ips = np.asarray(ips)
        if ips.dtype != np.uint32:
            ips = ips.astype(np.uint32)
        off = self.nip
        self.ipchunks.append(ips)
        self.nip += len(ips)
        return off

    def add_ip_groups(self, ips, counts):
        off = self.add_ips(ips)
        return off + np.cumsum(counts) - counts

    def countries(self, n, w=None):
        return self.rng.choice(NC, n, p=W_ALL if w is None else w)

    def home_ips(self, c):
        r = self.rng
        n = len(c)
        pre = self.isp[c, r.integers(0, 8, n)]
        return ((pre << 16) | (r.integers(0, 256, n) << 8) | r.integers(1, 255, n)).astype(np.uint32)

    def dc_ips(self, n, prov):
        r = self.rng
        pre = self.dc[prov, r.integers(0, 4, n)]
        return ((pre << 16) | (r.integers(0, 256, n) << 8) | r.integers(1, 255, n)).astype(np.uint32)

    def carrier(self, c):
        k = (self.rng.random(len(c)) * self.car_n[c]).astype(np.int64)
        return self.car_off[c, k], self.car_size[c, k]

    def tz_for(self, c):
        r = self.rng
        tz = TZ[c].copy()
        for code, zones, p in (("US", [-5, -6, -7, -8], [.47, .29, .07, .17]), ("CA", [-5, -4, -6, -7, -8],
                                                                                 [.6, .08, .08, .1, .14]),
                               ("AU", [10, 9.5, 8], [.8, .08, .12]), ("MX", [-6, -7], [.85, .15]),
                               ("ID", [7, 8, 9], [.7, .2, .1]), ("BR", [-3, -4], [.9, .1])):
            m = c == CIDX[code]
            if m.any():
                tz[m] = r.choice(zones, int(m.sum()), p=p)
        return tz

    def new_devs(self, ua):
        ua = np.asarray(ua, np.int64)
        base = self.ndev
        self.devchunks.append(ua)
        self.ndev += len(ua)
        return base + np.arange(len(ua), dtype=np.int64)

    def ua_pick(self, cat_, n):
        o, k = UA_RANGE[cat_]
        # mild popularity skew inside a category
        return o + zrank(self.rng.random(n), k, 0.6)

    def new_cards(self, c, kind):
        """kind: reg corp prepaid virtual gift; returns card ids."""
        r = self.rng
        c = np.asarray(c, np.int64)
        n = len(c)
        if kind == "reg":
            b = self.reg_bins[c, r.integers(0, 14, n)]
        elif kind == "corp":
            b = self.corp_bins[c, r.integers(0, 3, n)]
        elif kind == "prepaid":
            b = self.prepaid_bins[zrank(r.random(n), 10, .8)]
        elif kind == "virtual":
            b = self.virtual_bins[zrank(r.random(n), 6, .7)]
        else:
            b = self.gift_bins[r.integers(0, 4, n)]
        kcode = {"reg": 0, "corp": 1, "prepaid": 2, "virtual": 3, "gift": 4}[kind]
        base = self.ncard
        self.cardchunks.append((b.astype(np.int64), c, np.full(n, kcode, np.int64)))
        self.ncard += n
        return base + np.arange(n, dtype=np.int64)

    def tblock(self, k):
        b = self.ntmpl
        self.ntmpl += int(k)
        return b

    def tblocks(self, ks):
        ks = np.asarray(ks, np.int64)
        b = self.ntmpl
        self.ntmpl += int(ks.sum())
        return b + np.cumsum(ks) - ks

    def add_profile(self, w):
        self.profiles.append(_prof(w))
        return len(self.profiles) - 1

    def add(self, s):
        i0 = self.nacc
        self.segs.append(s)
        self.nacc += len(s["created"])
        return i0

    # ---- time helpers --------------------------------------------------
    def sample_hours(self, prof_idx, n):
        cdf = np.cumsum(self.profiles[prof_idx])
        return np.minimum(np.searchsorted(cdf, self.rng.random(n), side="right"), 23)

    def localize(self, t, tz, prof_idx=PROF_HUMAN):
        r = self.rng
        n = len(t)
        tzs = (tz * HOUR).astype(np.int64)
        day = (t + tzs) // DAY
        h = self.sample_hours(prof_idx, n)
        return day * DAY + h * HOUR + r.integers(0, HOUR, n) - tzs

    def legit_created(self, tz, lo=LEGIT_LO, hi=LEGIT_HI, k=1.8):
        r = self.rng
        n = len(tz)
        u = r.random(n)
        t = (lo + (hi - lo) * np.log1p(u * np.expm1(k)) / k).astype(np.int64)
        t = self.localize(t, tz)
        return np.where(t < lo, t + DAY, t)

    # ---- identity helpers ----------------------------------------------
    def first_names(self, c):
        reg = REG_OF[c]
        return FIRST_FLAT[FIRST_OFF[reg] + self.rng.integers(0, 10 ** 6, len(c)) % FIRST_LEN[reg]]

    def last_names(self, c):
        reg = REG_OF[c]
        return LAST_FLAT[LAST_OFF[reg] + self.rng.integers(0, 10 ** 6, len(c)) % LAST_LEN[reg]]

    def free_domains(self, c):
        r = self.rng
        out = np.empty(len(c), dtype=object)
        for ci in np.unique(c):   # loop over countries
            m = c == ci
            d = DOMAINS[ci]
            w = 0.45 ** np.arange(len(d)) * np.r_[1.6, np.ones(len(d) - 1)]
            out[m] = np.array(d, dtype=object)[r.choice(len(d), int(m.sum()), p=w / w.sum())]
        return out

    def build_email(self, fn, ln, styles, domains, plus_p=0.0):
        """styles: 0 f.l 1 fl 2 fl-initial 3 f_l 4 f+n4 5 f.l+yy 6 l.f 7 adj+noun+nn 8 f+l0+yyyy 9 f-l
        10 fl+nn 11 fl+nnnn 12 adjnoun+nnnn 13 f.l.nn"""
        r = self.rng
        n = len(fn)
        if n == 0:
            return np.array([], dtype=object)
        tags = np.array(["ai", "atlas", "work", "dev", "news", "test", "apps", "1", "x"], dtype=object)
        plus = np.where(r.random(n) < plus_p, cat("+", tags[r.integers(0, len(tags), n)]), "")
        df = pl.DataFrame({"f": pl.Series(fn, dtype=pl.Utf8), "l": pl.Series(ln, dtype=pl.Utf8),
                           "s": np.asarray(styles, np.int64), "d": pl.Series(domains, dtype=pl.Utf8),
                           "n2": r.integers(1, 100, n), "n4": r.integers(100, 10000, n),
                           "yr": r.integers(1962, 2009, n), "a": pl.Series(ADJ[r.integers(0, len(ADJ), n)],
                                                                         dtype=pl.Utf8),
                           "w": pl.Series(NOUN[r.integers(0, len(NOUN), n)], dtype=pl.Utf8),
                           "p": pl.Series(plus, dtype=pl.Utf8)})
        f, l, s = pl.col("f"), pl.col("l"), pl.col("s")
        n2 = pl.col("n2").cast(pl.Utf8)
        n4 = pl.col("n4").cast(pl.Utf8)
        yy = (pl.col("yr") % 100).cast(pl.Utf8).str.zfill(2)
        yyyy = pl.col("yr").cast(pl.Utf8)
        dot = pl.lit(".")
        local = (pl.when(s == 0).then(pl.concat_str([f, dot, l]))
                 .when(s == 1).then(pl.concat_str([f, l]))
                 .when(s == 2).then(pl.concat_str([f.str.slice(0, 1), l]))
                 .when(s == 3).then(pl.concat_str([f, pl.lit("_"), l]))
                 .when(s == 4).then(pl.concat_str([f, n4]))
                 .when(s == 5).then(pl.concat_str([f, dot, l, yy]))
                 .when(s == 6).then(pl.concat_str([l, dot, f]))
                 .when(s == 7).then(pl.concat_str([pl.col("a"), pl.col("w"), n2]))
                 .when(s == 8).then(pl.concat_str([f, l.str.slice(0, 1), yyyy]))
                 .when(s == 9).then(pl.concat_str([f, pl.lit("-"), l]))
                 .when(s == 10).then(pl.concat_str([f, l, n2]))
                 .when(s == 11).then(pl.concat_str([f, l, n4]))
                 .when(s == 12).then(pl.concat_str([pl.col("a"), pl.col("w"), n4]))
                 .otherwise(pl.concat_str([f, dot, l, dot, n2])))
        return df.select(pl.concat_str([local, pl.col("p"), pl.lit("@"), pl.col("d")]).alias("e")) \
            .to_series().to_numpy().astype(object)

    def personal_emails(self, c, ln=None, styles=None, domains=None, plus_p=0.02):
        r = self.rng
        n = len(c)
        fn = self.first_names(c)
        if ln is None:
            ln = self.last_names(c)
        if domains is None:
            domains = self.free_domains(c)
        if styles is None:
            styles = r.choice(11, n, p=[.17, .14, .08, .06, .12, .08, .04, .09, .08, .04, .10])
        return self.build_email(fn, ln, styles, domains, plus_p)

    def fmt_phone(self, cc, nsn, style):
        df = pl.DataFrame({"cc": pl.Series(cc, dtype=pl.Utf8), "n": pl.Series(np.asarray(nsn, np.int64)).cast(pl.Utf8),
                           "s": np.asarray(style, np.int64)})
        cc_, n_, s = pl.col("cc"), pl.col("n"), pl.col("s")
        sl = lambda a, b: n_.str.slice(a, b)
        e = (pl.when(s == 0).then(pl.concat_str([pl.lit("+"), cc_, n_]))
             .when(s == 1).then(pl.concat_str([pl.lit("+"), cc_, pl.lit(" "), sl(0, 3), pl.lit(" "), sl(3, 3),
                                               pl.lit(" "), sl(6, 10)]))
             .when(s == 2).then(pl.concat_str([pl.lit("00"), cc_, n_]))
             .when((s == 3) & (cc_ == "1")).then(pl.concat_str([pl.lit("("), sl(0, 3), pl.lit(") "), sl(3, 3),
                                                                 pl.lit("-"), sl(6, 10)]))
             .when(s == 4).then(pl.concat_str([pl.lit("1-"), sl(0, 3), pl.lit("-"), sl(3, 3), pl.lit("-"),
                                               sl(6, 10)]))
             .otherwise(pl.concat_str([pl.lit("0"), n_])))
        return df.select(e.alias("p")).to_series().to_numpy().astype(object)

    def phones(self, c, p_present):
        r = self.rng
        n = len(c)
        nanp = (c == CIDX["US"]) | (c == CIDX["CA"])
        nsn = np.where(nanp, r.integers(201, 990, n) * 10 ** 7 + r.integers(200, 1000, n) * 10 ** 4
                       + r.integers(0, 10000, n), r.integers(3 * 10 ** 8, 10 ** 9, n))
        style = r.choice(4, n, p=[.45, .25, .12, .18])
        out = self.fmt_phone(PHONE_CC[c], nsn, style)
        out[r.random(n) >= p_present] = ""
        return out

    def seq_phones(self, created, p_present):
        """sequential VoIP numbers bought in 1-3 blocks, used roughly in signup order."""
        r = self.rng
        n = len(created)
        nb = int(r.integers(1, 4))
        blk = r.integers(0, nb, n)
        area = VOIP_AREAS[r.integers(0, len(VOIP_AREAS), nb)]
        exch = r.integers(200, 980, nb)
        start = r.integers(0, 2000, nb)
        order = np.argsort(created + r.integers(0, 2 * HOUR, n), kind="stable")
        pos = np.empty(n, np.int64)
        # rank within block in signup order
        ob = blk[order]
        rank = np.zeros(n, np.int64)
        for b in range(nb):  # loop over number blocks
            m = ob == b
            rank[m] = np.arange(int(m.sum()))
        pos[order] = rank
        step = r.integers(1, 4, n)   # small gaps
        line = start[blk] + pos * 3 + (step - 1)   # strictly increasing, overflow carries into exchange
        nsn = area[blk] * 10 ** 7 + exch[blk] * 10 ** 4 + line
        style = int(r.choice([0, 3, 4]))
        out = self.fmt_phone(np.full(n, "1", dtype=object), nsn, np.full(n, style))
        out[r.random(n) >= p_present] = ""
        return out


# --------------------------------------------------------------------------
# legit building blocks
# --------------------------------------------------------------------------
def legit_activity(ctx, s, med, sig, churn_p=.3, dormant_base=.12):
    r = ctx.rng
    n = len(s["created"])
    created = s["created"]
    act0 = np.maximum(created + r.integers(60, HOUR, n), W0)
    churn = r.random(n) < churn_p
    life = lognorm(r, 40 * DAY, 1.0, n).astype(np.int64)
    act1 = np.where(churn, np.minimum(act0 + life, W1), W1)
    act1 = np.maximum(act1, act0 + HOUR)
    age = np.clip((W0 - created) / (365.0 * DAY), 0, 2)
    dormant = (created < W0) & (r.random(n) < dormant_base + .22 * age)
    dur = (act1 - act0) / DAY
    nb = med * lognorm(r, 1.0, sig, n) * np.clip(dur / 131.0, 0.02, 1) ** 0.8
    nb[dormant] = 0
    nb[act0 >= W1] = 0
    s["act0"], s["act1"], s["nbase"] = act0, act1, nb
    s["rps"] = 1 + lognorm(r, 2.5, .6, n)
    s["gap"] = lognorm(r, 75, .5, n)
    s["gshape"][:] = 1.2
    s["prof"][:] = PROF_HUMAN
    s["shift"] = r.normal(0, 1.2, n)
    s["wkend"] = r.uniform(.8, 1.0, n)
    s["login_rate"] = r.uniform(.04, .3, n)


def legit_models(ctx, s):
    r = ctx.rng
    n = len(s["created"])
    s["m_pref"] = r.choice([0, 1, 2], n, p=[.5, .37, .13])
    s["m_pref_p"] = r.uniform(.6, .95, n)
    s["new_amax"] = r.beta(2, 3, n)
    s["new_t"] = RELEASE + r.exponential(6 * DAY, n).astype(np.int64)
    s["new_tau"] = r.uniform(2, 15, n) * DAY
    early = r.random(n) < .05
    k = int(early.sum())
    s["new_t"][early] = RELEASE + r.exponential(10 * HOUR, k).astype(np.int64)
    s["new_amax"][early] = r.uniform(.7, 1.0, k)
    s["new_tau"][early] = r.uniform(.1, 1.0, k) * DAY


def person(ctx, n, kind, c=None, created=None, ln=None, mobile_first=.3, vol_med=14.0, vol_sig=1.5, cw=None,
           pay_p=.28):
    r = ctx.rng
    s = S(n, kind)
    if c is None:
        c = ctx.countries(n, cw)
    c = np.asarray(c, np.int64)
    s["country"] = c
    tz = ctx.tz_for(c)
    s["atz"] = tz
    if created is None:
        created = ctx.legit_created(tz)
    s["created"] = np.asarray(created, np.int64)
    s["email"] = ctx.personal_emails(c, ln=ln)
    odd = r.random(n) < .006           # a few real people on throwaway-looking domains
    if odd.any():
        s["email"][odd] = ctx.personal_emails(c[odd], ln=None if ln is None else ln[odd],
                                              domains=CHEAP_DOMAINS[r.integers(0, len(CHEAP_DOMAINS),
                                                                               int(odd.sum()))])
    s["phone"] = ctx.phones(c, .45)
    # devices: laptop/phone/tablet
    mob0 = r.random(n) < mobile_first
    ua0 = np.where(mob0, ctx.ua_pick("mobile", n), ctx.ua_pick("desktop", n))
    s["dev"][:, 0] = ctx.new_devs(ua0)
    h1 = r.random(n) < .55
    ua1 = np.where(mob0, ctx.ua_pick("desktop", n), ctx.ua_pick("mobile", n))[h1]
    s["dev"][h1, 1] = ctx.new_devs(ua1)
    h2 = r.random(n) < .1
    s["dev"][h2, 2] = ctx.new_devs(ctx.ua_pick("desktop", int(h2.sum())))
    # IPs: slot0 own dynamic home IPs, slot1 mobile carrier NAT pool, slot2 elsewhere (work/travel)
    k = r.integers(1, 4, n)
    s["s_off"][:, 0] = ctx.add_ip_groups(ctx.home_ips(np.repeat(c, k)), k)
    s["s_size"][:, 0] = k
    s["s_sess"][:, 0] = r.integers(10, 45, n) * DAY
    co, cs = ctx.carrier(c)
    s["s_off"][:, 1], s["s_size"][:, 1] = co, cs
    s["s_sess"][:, 1] = r.integers(1, 6, n) * HOUR
    s["s_off"][:, 2] = ctx.add_ips(ctx.home_ips(c)) + np.arange(n)
    s["s_sess"][:, 2] = DAY
    ph = np.where(mob0, r.beta(3, 3, n), r.beta(6, 2, n))
    pm = (1 - ph) * r.uniform(.5, .95, n)
    s["s_p"] = np.stack([ph, pm, 1 - ph - pm], 1)
    legit_activity(ctx, s, vol_med, vol_sig)
    # templates: popular (Zipf), private saved prompts, rest one-off
    s["p_pop"] = r.beta(2, 3, n)
    s["p_pers"] = r.beta(1, 5, n) * (1 - s["p_pop"])
    s["pers_n"] = r.integers(1, 9, n)
    s["pers_base"] = ctx.tblocks(s["pers_n"])
    s["out_mu"] = np.log(350) + r.normal(0, .45, n)
    longo = r.random(n) < .07          # writers / coders asking for long outputs
    s["out_mu"][longo] = np.log(r.uniform(1200, 2800, int(longo.sum())))
    s["out_sig"] = r.uniform(.6, 1.0, n)
    s["in_shift"] = r.normal(0, .3, n)
    s["out_cap"] = r.choice([1024, 2048, 4096, 8192], n, p=[.1, .3, .45, .15])
    legit_models(ctx, s)
    pay = r.random(n) < pay_p
    cc = np.where(r.random(n) < .03, ctx.countries(n), c)   # expats / foreign-issued cards
    s["card"][pay] = ctx.new_cards(cc[pay], "reg")
    s["paymode"][pay] = np.where(r.random(int(pay.sum())) < .8, 1, 2)
    s["payamt"] = 20.0 * np.where(r.random(n) < .1, 10, 1)
    return s


def seg_singles(ctx, n):
    if n > 0:
        ctx.add(person(ctx, n, "single"))


def seg_mobile(ctx, n):
    r = ctx.rng
    s = person(ctx, n, "mobile_cgnat", cw=W_MOBILE, mobile_first=.92, vol_med=10)
    pm = r.uniform(.75, .98, n)
    s["s_p"] = np.stack([(1 - pm) * .8, pm, (1 - pm) * .2], 1)
    s["s_sess"][:, 1] = r.integers(1, 4, n) * HOUR
    ctx.add(s)


def seg_prepaid(ctx, n):
    r = ctx.rng
    s = person(ctx, n, "prepaid_payer", pay_p=0)
    kind = r.choice(3, n, p=[.55, .25, .20])
    for k, nm in enumerate(("prepaid", "virtual", "gift")):  # 3 card families
        m = kind == k
        s["card"][m] = ctx.new_cards(s["country"][m], nm)
    s["paymode"][:] = np.where(kind == 2, 2, r.choice([1, 2], n, p=[.5, .5]))
    s["payamt"] = np.where(kind == 2, r.choice([10, 25, 50, 100], n), 20.0)
    ctx.add(s)


def seg_proxy_home(ctx, n):
    """homes whose IP is also sold as a residential-proxy exit."""
    r = ctx.rng
    s = person(ctx, n, "proxy_exit_home")
    pos = r.choice(len(ctx.provA), n, replace=False)
    ips = ctx.home_ips(s["country"])
    ctx.provA[pos] = ips          # the chunk in the IP table is the same array
    s["s_off"][:, 0] = ctx.provA_off + pos
    s["s_size"][:, 0] = 1
    ph = r.uniform(.7, .95, n)
    s["s_p"] = np.stack([ph, (1 - ph) * .8, (1 - ph) * .2], 1)
    ctx.add(s)


def seg_vpn(ctx, n):
    r = ctx.rng
    s = person(ctx, n, "vpn_user", cw=W_VPN)
    # move home to slot1 mobile to slot2; VPN to slot0
    s["s_off"][:, 2], s["s_size"][:, 2], s["s_sess"][:, 2] = s["s_off"][:, 1], s["s_size"][:, 1], s["s_sess"][:, 1]
    s["s_off"][:, 1], s["s_size"][:, 1], s["s_sess"][:, 1] = s["s_off"][:, 0], s["s_size"][:, 0], s["s_sess"][:, 0]
    prov = zrank(r.random(n), 4, .9)
    s["s_off"][:, 0] = ctx.vpn_off[prov]
    s["s_size"][:, 0] = ctx.vpn_size[prov]
    s["s_sess"][:, 0] = r.integers(4, 25, n) * HOUR
    pv = r.uniform(.5, .98, n)
    s["s_p"] = np.stack([pv, (1 - pv) * .7, (1 - pv) * .3], 1)
    ctx.add(s)


def seg_households(ctx, n_target):
    r = ctx.rng
    sizes = split_sizes(r, n_target, lambda k: r.choice([2, 3, 4, 5, 6], k, p=[.45, .27, .17, .08, .03]))
    H = len(sizes)
    n = int(sizes.sum())
    hh = np.repeat(np.arange(H), sizes)
    hc = ctx.countries(H)
    c = hc[hh]
    same_ln = r.random(H) < .6
    ln_h = ctx.last_names(hc)
    ln = np.where(same_ln[hh], ln_h[hh], ctx.last_names(c))
    htz = ctx.tz_for(hc)
    base_t = ctx.legit_created(htz)
    together = r.random(H) < .3
    created = np.where(together[hh], base_t[hh] + r.exponential(40 * MIN, n).astype(np.int64),
                       ctx.legit_created(htz[hh]))
    s = person(ctx, n, "household", c=c, created=created, ln=ln)
    s["atz"] = htz[hh]
    k = r.integers(1, 3, H)
    hoff = ctx.add_ip_groups(ctx.home_ips(np.repeat(hc, k)), k)
    s["s_off"][:, 0] = hoff[hh]
    s["s_size"][:, 0] = k[hh]
    s["s_sess"][:, 0] = (r.integers(10, 45, H) * DAY)[hh]
    ph = r.beta(8, 2, n)
    pm = (1 - ph) * .85
    s["s_p"] = np.stack([ph, pm, 1 - ph - pm], 1)
    # one shared laptop
    shared = r.random(H) < .35
    laptop = ctx.new_devs(ctx.ua_pick("desktop", H))
    use = shared[hh] & (r.random(n) < .75)
    s["dev"][use, 0] = laptop[hh[use]]
    # family card
    fam = r.random(H) < .3
    fcard = ctx.new_cards(hc, "reg")
    payer = fam[hh] & (r.random(n) < .75)
    s["card"][payer] = fcard[hh[payer]]
    s["paymode"][payer] = 1
    # shared phone (parent's number)
    shp = r.random(H) < .2
    hphone = ctx.phones(hc, 1.0)
    usep = shp[hh] & (r.random(n) < .6)
    s["phone"][usep] = hphone[hh[usep]]
    s["shift"] = r.normal(0, 1.0, H)[hh] + r.normal(0, .6, n)
    ctx.add(s)


def seg_coworking(ctx, n_target):
    r = ctx.rng
    sizes = split_sizes(r, n_target, lambda k: np.clip(lognorm(r, 22, .7, k), 6, 150))
    V = len(sizes)
    n = int(sizes.sum())
    v = np.repeat(np.arange(V), sizes)
    cafe = r.random(V) < .45
    vc = np.where(cafe, CAFE_CTRY[r.integers(0, len(CAFE_CTRY), V)], ctx.countries(V, W_BIZ))
    vtz = ctx.tz_for(vc)
    s = person(ctx, n, "coworking_cafe", c=vc[v], mobile_first=.4)
    s["atz"] = vtz[v]
    k = r.integers(1, 3, V)
    pre = ctx.biz[vc, r.integers(0, 3, V)]
    ip0 = (pre << 16) | (r.integers(0, 256, V) << 8) | r.integers(2, 250, V)
    ips = np.repeat(ip0, k) + within_index(k)
    voff = ctx.add_ip_groups(ips, k)
    s["s_off"][:, 2] = voff[v]
    s["s_size"][:, 2] = k[v]
    s["s_sess"][:, 2] = DAY
    pv = np.where(cafe[v], r.uniform(.6, .95, n), r.uniform(.3, .7, n))
    ph = (1 - pv) * r.uniform(.4, .9, n)
    s["s_p"] = np.stack([ph, 1 - pv - ph, pv], 1)
    # cafes: shared public PCs
    npc = r.integers(3, 17, V)
    pcoff = ctx.new_devs(ctx.ua_pick("desktop", int(npc.sum())))[0] + np.cumsum(npc) - npc
    use = cafe[v] & (r.random(n) < .7)
    s["dev"][use, 0] = pcoff[v[use]] + (r.random(int(use.sum())) * npc[v[use]]).astype(np.int64)
    s["prof"] = np.where(cafe[v], PROF_HUMAN, PROF_OFFICE)
    ctx.add(s)


def edu_domain(r, ci):
    abbr = "".join(r.choice(list("abcdefghiklmnoprstuvw"), int(r.integers(2, 5))))
    code = CODE[ci]
    name = str(r.choice(["north", "west", "tech", "state", "city", "central", "riverside", "lakeside", "polytech",
                         "metro"]))
    dom = {"US": f"{abbr}.edu", "GB": f"{abbr}.ac.uk", "DE": f"uni-{name}.de", "IN": f"{abbr}.ac.in",
           "KR": f"{abbr}.ac.kr", "JP": f"{abbr}.ac.jp", "BR": f"{abbr}.edu.br", "AU": f"{abbr}.edu.au",
           "CA": f"{abbr}{name}.ca", "FR": f"univ-{name}.fr", "NL": f"{abbr}.nl"}.get(code, f"{abbr}.edu.{code.lower()}")
    if r.random() < .5:
        dom = str(r.choice(["student.", "stud.", "my.", "mail."])) + dom
    return dom


def seg_university(ctx, n_target):
    r = ctx.rng
    n_uni = max(2, int(round(r.uniform(5, 9) * ctx.scale ** .5)))
    share = r.dirichlet(np.full(n_uni, 2.0))
    for u in range(n_uni):     # loop over universities
        m_u = max(20, int(share[u] * n_target))
        ci = int(ctx.countries(1, W_EDU)[0])
        dom = edu_domain(r, ci)
        csz = split_sizes(r, m_u, lambda k: np.clip(lognorm(r, 30, .6, k), 8, 250))
        csz = csz[csz >= 5] if (csz >= 5).sum() else csz
        ncls = len(csz)
        m = int(csz.sum())
        cls = np.repeat(np.arange(ncls), csz)
        tz0 = float(ctx.tz_for(np.array([ci]))[0])
        term = r.choice(3, ncls, p=[.45, .4, .15])
        tstart = np.where(term == 0, ep("2026-01-19T00:00:00") + r.integers(0, 28, ncls) * DAY,
                          np.where(term == 1, ep("2026-03-02T00:00:00") + r.integers(0, 30, ncls) * DAY,
                                   ep("2026-06-08T00:00:00") + r.integers(0, 14, ncls) * DAY))
        tend = tstart + np.where(term == 2, 7, 15) * 7 * DAY
        lecture = tstart + r.integers(0, 4, ncls) * DAY + r.integers(9, 17, ncls) * HOUR - int(tz0 * HOUR)
        mode = r.choice(3, m, p=[.55, .35, .10])
        created = np.where(mode == 0, lecture[cls] + r.integers(0, 75 * MIN, m),
                           np.where(mode == 1, lecture[cls] + r.exponential(2 * DAY, m).astype(np.int64),
                                    ctx.legit_created(np.full(m, tz0), hi=int(lecture.min()))))
        c = np.full(m, ci)
        s = person(ctx, m, "university", c=c, created=created, mobile_first=.45, vol_med=10, pay_p=.18)
        s["atz"][:] = tz0
        # institutional e-mail, cohort student numbers are near-sequential
        uni_mail = r.random(m) < .7
        ustyle = int(r.choice(4))
        if ustyle == 0:
            order = np.argsort(np.argsort(created))
            sid = int(r.integers(10 ** 6, 9 * 10 ** 6)) + order * 2 + r.integers(0, 2, m)
            em = cat(str(r.choice(["s", "", "u", "st"])), sid, "@", np.full(m, dom, dtype=object))
        else:
            st = {1: 2, 2: 0, 3: 10}[ustyle]
            em = ctx.personal_emails(c, styles=np.full(m, st), domains=np.full(m, dom, dtype=object), plus_p=0)
        s["email"][uni_mail] = em[uni_mail]
        # campus NAT
        k = int(r.integers(2, 7))
        pre = int(ctx.biz[ci, 0]) if r.random() < .3 else (int(r.choice(ctx.allowed)) << 8 | int(r.integers(256)))
        nat = (pre << 16) | (int(r.integers(0, 256)) << 8) | (np.arange(k) + int(r.integers(1, 200)))
        noff = ctx.add_ips(nat)
        s["s_off"][:, 2], s["s_size"][:, 2], s["s_sess"][:, 2] = s["s_off"][:, 0], s["s_size"][:, 0], s["s_sess"][:, 0]
        s["s_off"][:, 0] = noff
        s["s_size"][:, 0] = k
        s["s_sess"][:, 0] = r.integers(1, 4, m) * HOUR
        pu = r.uniform(.35, .8, m)
        pm = (1 - pu) * r.uniform(.3, .7, m)
        s["s_p"] = np.stack([pu, pm, 1 - pu - pm], 1)
        # course prompt templates shared within class
        cn = r.integers(5, 21, ncls)
        cb = ctx.tblocks(cn)
        s["grp_base"] = cb[cls]
        s["grp_n"] = cn[cls]
        s["grp_a"][:] = .9
        s["p_grp"] = r.beta(2, 6, m) * (1 - s["p_pop"])
        s["prof"][:] = PROF_STUDENT
        s["shift"] = r.normal(0, .8, ncls)[cls] + r.normal(0, .7, m)
        s["out_mu"] = np.log(600) + r.normal(0, .4, m)
        # lab machines
        lab = r.random(ncls) < .15
        npc = r.integers(15, 41, ncls)
        pcoff = ctx.new_devs(ctx.ua_pick("desktop", int(npc.sum())))[0] + np.cumsum(npc) - npc
        use = lab[cls] & (r.random(m) < .5)
        s["dev"][use, 0] = pcoff[cls[use]] + (r.random(int(use.sum())) * npc[cls[use]]).astype(np.int64)
        # institution pays for some classes with one card
        ccard_on = r.random(ncls) < .08
        ccard = ctx.new_cards(np.full(ncls, ci), "corp")
        pay = ccard_on[cls]
        s["card"][pay] = ccard[cls[pay]]
        s["paymode"][pay] = 1
        if r.random() < .3:   # declared edu workspace
            orgs = cat("org_", hexs(mix64(ctx.salt + np.uint64(7_000_000) + np.uint64(ctx.nacc)
                                          + np.arange(ncls, dtype=np.uint64)), 2))
            s["org"][uni_mail] = orgs[cls[uni_mail]]
        idx0 = ctx.add(s)
        # assignment deadlines: whole class, same templates, same hours
        for kc in range(ncls):      # loop over classes
            members = np.nonzero(cls == kc)[0]
            t_lo = max(int(tstart[kc]), W0) + 5 * DAY
            t_hi = min(int(tend[kc]), W1 - DAY)
            if t_hi <= t_lo:
                continue
            na = int(r.integers(2, 7))
            dls = np.sort(r.integers(t_lo, t_hi, na))
            dls = ((dls + int(tz0 * HOUR)) // DAY) * DAY + 23 * HOUR + 59 * MIN - int(tz0 * HOUR)
            for d in dls:          # loop over assignments
                part = members[r.random(len(members)) < r.uniform(.6, .95)]
                if len(part) == 0:
                    continue
                cnt = 1 + r.poisson(lognorm(r, 6, .6, len(part)))
                acct = np.repeat(part, cnt)
                tot = len(acct)
                back = np.minimum(r.gamma(1.3, 10 * HOUR, tot), 96 * HOUR).astype(np.int64)
                T = int(r.integers(2, 7))
                tb = ctx.tblock(T)
                tm = tb + zrank(r.random(tot), T, .8)
                tm[r.random(tot) < .25] = -1
                ctx.extra.append((idx0 + acct, d - back, tm))


def company_domains(r, c, n):
    tld_map = {"US": "com", "GB": "co.uk", "DE": "de", "FR": "fr", "IN": "in", "BR": "com.br", "JP": "co.jp",
               "CA": "ca", "AU": "com.au", "NL": "nl", "SE": "se", "SG": "sg", "KR": "co.kr", "ES": "es", "IT": "it",
               "PL": "pl"}
    tl = np.array([tld_map.get(CODE[ci], "com") for ci in range(NC)], dtype=object)
    tld = np.where(r.random(n) < .4, np.array(["io", "ai", "com", "co", "dev"], dtype=object)[r.integers(0, 5, n)],
                   tl[c])
    sep = np.where(r.random(n) < .2, "-", "")
    return cat(CO_A[r.integers(0, len(CO_A), n)], sep, CO_B[r.integers(0, len(CO_B), n)], ".", tld)


def seg_orgs(ctx, n_target, declared):
    r = ctx.rng
    kind = "company_declared" if declared else "team_undeclared"
    if declared:
        sizes = split_sizes(r, n_target, lambda k: np.clip(lognorm(r, 9, .9, k), 3, 150))
    else:
        sizes = split_sizes(r, n_target, lambda k: np.clip(lognorm(r, 11, .6, k), 5, 40))
        sizes = sizes[sizes >= 3] if len(sizes) > 1 else sizes
    T = len(sizes)
    n = int(sizes.sum())
    t = np.repeat(np.arange(T), sizes)
    tc = ctx.countries(T, W_BIZ)
    ttz = ctx.tz_for(tc)
    dom = company_domains(r, tc, T)
    # onboarding: one afternoon, or hired over months
    together = r.random(T) < (.3 if declared else .35)
    found = ctx.legit_created(ttz, hi=ep("2026-06-20T00:00:00"))
    afternoon = ((found + (ttz * HOUR).astype(np.int64)) // DAY) * DAY + 13 * HOUR - (ttz * HOUR).astype(np.int64)
    span = lognorm(r, 200 * DAY, .8, T)
    created = np.where(together[t], afternoon[t] + r.integers(0, 3 * HOUR, n),
                       found[t] + (r.random(n) * span[t]).astype(np.int64))
    created = np.minimum(created, ep("2026-07-05T00:00:00"))
    created = np.where(together[t], created, ctx.localize(created, ttz[t], PROF_OFFICE))
    s = person(ctx, n, kind, c=tc[t], created=created, vol_med=45, vol_sig=1.2, pay_p=.25)
    s["atz"] = ttz[t]
    # e-mail: company domain with a team-wide style, or free-mail
    use_dom = r.random(T) < (.85 if declared else .5)
    tstyle = r.choice([0, 2, 1, 6], T, p=[.5, .3, .15, .05])
    em = ctx.personal_emails(tc[t], styles=tstyle[t], domains=dom[t], plus_p=0)
    m = use_dom[t] & (r.random(n) < .95)
    s["email"][m] = em[m]
    # some companies hand out numbers from one DID block (near-sequential, like bought VoIP ranges)
    did = r.random(T) < .3
    dm = did[t] & (r.random(n) < .85)
    if dm.any():
        nanp = np.isin(tc, [CIDX["US"], CIDX["CA"]])
        base = np.where(nanp, r.integers(201, 990, T) * 10 ** 7 + r.integers(200, 990, T) * 10 ** 4
                        + r.integers(0, 8000, T), r.integers(2 * 10 ** 8, 9 * 10 ** 8, T))
        nsn = base[t] + within_index(sizes) * r.integers(1, 4, T)[t] + r.integers(0, 2, n)
        ph = ctx.fmt_phone(PHONE_CC[tc[t]], nsn, r.choice(4, T)[t])
        s["phone"][dm] = ph[dm]
    # office IP range + home + mobile
    k = r.integers(2, 9, T)
    pre = ctx.biz[tc, r.integers(0, 3, T)]
    ip0 = (pre << 16) | (r.integers(0, 256, T) << 8) | r.integers(1, 240, T)
    ooff = ctx.add_ip_groups(np.repeat(ip0, k) + within_index(k), k)
    s["s_off"][:, 2], s["s_size"][:, 2], s["s_sess"][:, 2] = s["s_off"][:, 1], s["s_size"][:, 1], s["s_sess"][:, 1]
    s["s_off"][:, 1], s["s_size"][:, 1], s["s_sess"][:, 1] = s["s_off"][:, 0], s["s_size"][:, 0], s["s_sess"][:, 0]
    s["s_off"][:, 0] = ooff[t]
    s["s_size"][:, 0] = k[t]
    s["s_sess"][:, 0] = r.integers(2, 12, n) * HOUR
    po = r.uniform(.55, .92, n) * np.where(r.random(n) < .15, .3, 1.0)   # some fully remote
    ph = (1 - po) * .75
    s["s_p"] = np.stack([po, ph, 1 - po - ph], 1)
    # corporate card shared by the whole team (each seat billed on it)
    corp = r.random(T) < (.9 if declared else .8)
    ccard = ctx.new_cards(tc, "corp")
    pay = corp[t] & (r.random(n) < .97)
    s["card"][pay] = ccard[t[pay]]
    s["paymode"][pay] = np.where(declared, 1, r.choice([1, 2], int(pay.sum()), p=[.8, .2]))
    s["payamt"][pay] = 25.0
    # working the same office hours
    s["prof"][:] = PROF_OFFICE
    s["shift"] = r.normal(0, .6, T)[t] + r.normal(0, .4, n)
    s["wkend"] = r.uniform(.05, .25, T)[t]
    s["gap"] = lognorm(r, 90, .5, n)
    # internal prompt templates, used only inside the team
    tn = r.integers(10, 81, T)
    tb = ctx.tblocks(tn)
    s["grp_base"] = tb[t]
    s["grp_n"] = tn[t]
    s["grp_a"] = r.uniform(.7, 1.1, T)[t]
    s["p_pop"] = r.uniform(.08, .3, n)
    s["p_grp"] = (1 - s["p_pop"]) * np.clip(r.beta(4, 4, T)[t] * .9 + r.normal(0, .05, n), .05, .9)
    s["in_shift"] = .5 + r.normal(0, .3, n)
    s["out_mu"] = np.log(400) + r.normal(0, .3, T)[t] + r.normal(0, .2, n)
    mp = r.choice([0, 1, 2], T, p=[.3, .5, .2])
    s["m_pref"] = mp[t]
    s["m_pref_p"] = r.uniform(.75, .97, n)
    if declared:
        s["org"] = cat("org_", hexs(mix64(ctx.salt + np.uint64(9_000_000) + np.arange(T, dtype=np.uint64)), 3))[t]
    ctx.add(s)


PERIODS = np.array([900, 3600, 7200, 10800, 21600, 43200, 86400])
PERIOD_P = np.array([.02, .22, .1, .1, .16, .1, .30])


def seg_agents(ctx, n):
    """unrelated users of one of two open-source agent frameworks (fixed templates, cron at round hours)."""
    r = ctx.rng
    fw = (r.random(n) < .3).astype(np.int64)
    fw_T = np.array([int(r.integers(400, 650)), int(r.integers(150, 320))])
    fw_base = np.array([ctx.tblock(fw_T[0]), ctx.tblock(fw_T[1])])
    fw_a = np.array([.9, .8])
    c = ctx.countries(n, W_DEV)
    tz = ctx.tz_for(c)
    viral = ep("2026-04-07T16:00:00")
    created = np.where(r.random(n) < .2, viral + r.exponential(1.5 * DAY, n).astype(np.int64),
                       ctx.legit_created(tz, lo=ep("2025-05-01T00:00:00")))
    s = person(ctx, n, "agent_framework", c=c, created=created, vol_med=8, mobile_first=.05, pay_p=.45)
    vps = r.random(n) < .45
    nv = int(vps.sum())
    s["s_off"][vps, 0] = ctx.add_ips(ctx.dc_ips(nv, r.integers(0, 12, nv))) + np.arange(nv)
    s["s_size"][vps, 0] = 1
    s["s_p"][vps] = np.array([.9, .07, .03])
    s["grp_base"] = fw_base[fw]
    s["grp_n"] = fw_T[fw]
    s["grp_a"] = fw_a[fw]
    s["p_grp"] = .3 * (1 - s["p_pop"])
    s["in_shift"] = 1.4 + r.normal(0, .3, n)
    s["out_mu"] = np.log(300) + r.normal(0, .3, n)
    s["m_pref"][:] = 1
    s["m_pref_p"] = r.uniform(.9, .99, n)
    upg = r.random(n) < .75
    lag = np.where(r.random(n) < .4, r.exponential(6 * HOUR, n), r.exponential(6 * DAY, n)).astype(np.int64)
    # the big framework ships its update days later; the small one the same evening
    fw_up = np.array([ctx.fw_update, RELEASE + int(r.uniform(3, 12) * HOUR)])
    s["new_t"] = np.where(upg, fw_up[fw] + lag, s["new_t"])
    s["new_amax"] = np.where(upg, .97, s["new_amax"])
    s["new_tau"] = np.where(upg, 2 * HOUR, s["new_tau"])
    s["paymode"][s["card"] >= 0] = 2
    hl = r.random(n) < .15             # browser-automation agents: headless Chrome sightings
    s["dev"][hl, 2] = ctx.new_devs(ctx.ua_pick("headless", int(hl.sum())))
    idx0 = ctx.add(s)
    # cron jobs
    has = (r.random(n) < .75) & (s["act1"] - s["act0"] > 12 * HOUR) & (s["nbase"] > 0)
    nj = np.where(has, r.geometric(.6, n), 0)
    ja = np.repeat(np.arange(n), nj)
    J = len(ja)
    P = PERIODS[r.choice(len(PERIODS), J, p=PERIOD_P)]
    u = r.random(J)
    minute = np.where(u < .6, 0, np.where(u < .75, 30, np.where(u < .85, r.choice([15, 45], J),
                                                                  r.integers(0, 60, J))))
    hloc = np.where(P >= DAY, r.choice([0, 2, 6, 8, 9, 12, 18], J), 0)
    phase = np.where(P >= DAY, minute * MIN + hloc * HOUR - (tz[ja] * HOUR).astype(np.int64), minute * MIN) % P
    a0, a1 = s["act0"][ja], s["act1"][ja]
    span = np.minimum(lognorm(r, 3 * DAY, 1.1, J), (a1 - a0)).astype(np.int64)
    span = np.maximum(span, 0)
    st = a0 + (r.random(J) * (a1 - a0 - span)).astype(np.int64)
    first = ((st - phase + P - 1) // P) * P + phase
    nf = np.clip((st + span - first) // P + 1, 0, 1500)
    L = r.integers(1, 6, J)
    chain = fw_base[fw[ja]].repeat(L) + zrank(r.random(int(L.sum())), fw_T[fw[ja]].repeat(L), fw_a[fw[ja]].repeat(L))
    coff = np.cumsum(L) - L
    fj = np.repeat(np.arange(J), nf)
    fk = within_index(nf)
    ft = first[fj] + fk * P[fj] + r.integers(0, 4, len(fj))
    keepf = r.random(len(fj)) > .04
    fj, ft = fj[keepf], ft[keepf]
    Lf = L[fj]
    rj = np.repeat(fj, Lf)
    pos = within_index(Lf)
    step = r.uniform(3, 15, J)
    ts = np.repeat(ft, Lf) + (pos * step[rj] + r.random(len(rj)) * 2).astype(np.int64)
    tm = chain[coff[rj] + pos]
    ctx.extra.append((idx0 + ja[rj], ts, tm))


def launch_created(r, n):
    t = np.where(r.random(n) < .55, r.exponential(5 * HOUR, n), r.random(n) * 36 * HOUR)
    t = np.where(t > 36 * HOUR, r.random(n) * 36 * HOUR, t)
    return LAUNCH + t.astype(np.int64)


def demo_batch(ctx, idx, created, tb, T, med=4.0):
    r = ctx.rng
    n = len(idx)
    k = 1 + r.poisson(lognorm(r, med, .5, n))
    acct = np.repeat(idx, k)
    tot = len(acct)
    g = r.gamma(1.5, 60.0, tot)
    cg = np.cumsum(g)
    first = np.cumsum(k) - k
    off = cg - np.repeat(cg[first], k)
    start = created + 60 + r.exponential(20 * MIN, n).astype(np.int64)
    ts = np.repeat(start, k) + off.astype(np.int64)
    tm = tb + zrank(r.random(tot), T, .7)
    tm[r.random(tot) < .15] = -1
    ctx.extra.append((acct, ts, tm))


def seg_launch(ctx, n):
    r = ctx.rng
    created = launch_created(r, n)
    s = person(ctx, n, "launch_day", created=created, mobile_first=.5, vol_med=8, pay_p=.08)
    s["created"] = created
    cont = r.random(n) < .4
    ab = ~cont
    s["act1"][ab] = np.minimum(s["created"][ab] + lognorm(r, 2 * DAY, .8, int(ab.sum())).astype(np.int64), W1)
    s["nbase"][ab] = lognorm(r, 2, .8, int(ab.sum()))
    idx0 = ctx.add(s)
    demo_batch(ctx, idx0 + np.arange(n), created, ctx.launch_tb, ctx.launch_T)


def seg_integrators(ctx, n):
    r = ctx.rng
    c = ctx.countries(n, W_BIZ)
    s = person(ctx, n, "api_integrator", c=c, vol_med=1500, vol_sig=1.0, pay_p=0, mobile_first=0)
    dom = company_domains(r, c, n)
    role = np.array(["api", "dev", "ops", "eng", "admin", "billing", "ml"], dtype=object)
    em = cat(role[r.integers(0, len(role), n)], "@", dom)
    m = r.random(n) < .6
    s["email"][m] = em[m]
    k = r.integers(1, 5, n)
    s["s_off"][:, 0] = ctx.add_ip_groups(ctx.dc_ips(int(k.sum()), np.repeat(r.integers(0, 12, n), k)), k)
    s["s_size"][:, 0] = k
    s["s_sess"][:, 0] = DAY
    s["s_p"] = np.tile(np.array([.97, .02, .01]), (n, 1))
    s["rps"] = lognorm(r, 40, .8, n)
    s["gap"] = lognorm(r, 2.0, .6, n)
    s["gshape"][:] = 2.0
    s["prof"] = np.where(r.random(n) < .5, PROF_FLAT, PROF_OFFICE)
    s["wkend"] = r.uniform(.5, 1.0, n)
    s["nbase"] = np.where(s["nbase"] > 0, s["nbase"], lognorm(r, 800, 1, n))
    tn = r.integers(5, 150, n)
    s["grp_base"] = ctx.tblocks(tn)
    s["grp_n"] = tn
    s["grp_a"] = r.uniform(.8, 1.3, n)
    s["p_pop"] = r.uniform(0, .05, n)
    s["p_grp"] = r.uniform(.6, .95, n) * (1 - s["p_pop"])
    s["p_pers"][:] = 0
    s["out_mu"] = np.log(r.uniform(150, 1500, n))
    s["out_sig"][:] = .5
    s["in_shift"] = 1.0 + r.normal(0, .4, n)
    s["m_pref"] = r.choice([0, 1, 2, 3], n, p=[.35, .3, .1, .25])
    s["m_pref_p"] = r.uniform(.9, 1.0, n)
    early = r.random(n) < .25
    s["new_t"][early] = RELEASE + r.exponential(8 * HOUR, int(early.sum())).astype(np.int64)
    s["new_amax"][early] = r.uniform(.6, 1.0, int(early.sum()))
    s["new_tau"][early] = r.uniform(1, 6, int(early.sum())) * HOUR
    s["card"] = ctx.new_cards(c, "corp")
    s["paymode"][:] = 2
    s["payamt"] = lognorm(r, 300, .8, n)
    s["dev"][:, 2] = -1
    ctx.add(s)


def seg_agencies(ctx, n_target):
    """small agencies running 3-8 client accounts from one server IP."""
    r = ctx.rng
    sizes = split_sizes(r, n_target, lambda k: r.integers(3, 9, k))
    sizes = np.maximum(sizes, 2)
    A = len(sizes)
    n = int(sizes.sum())
    a = np.repeat(np.arange(A), sizes)
    ac = ctx.countries(A, W_BIZ)
    atz = ctx.tz_for(ac)
    found = ctx.legit_created(atz, hi=ep("2026-04-01T00:00:00"))
    created = found[a] + (r.random(n) * lognorm(r, 120 * DAY, .6, A)[a]).astype(np.int64)
    created = ctx.localize(np.minimum(created, ep("2026-07-01T00:00:00")), atz[a], PROF_OFFICE)
    s = person(ctx, n, "agency", c=ac[a], created=created, vol_med=500, vol_sig=1.0, pay_p=0, mobile_first=0)
    s["atz"] = atz[a]
    adom = company_domains(r, ac, A)
    cdom = company_domains(r, ac[a], n)
    plus = r.random(A) < .5
    em_plus = cat("ops+", CO_A[r.integers(0, len(CO_A), n)], within_index(sizes), "@", adom[a])
    em_cli = cat(np.array(["ai", "hello", "team", "admin"], dtype=object)[r.integers(0, 4, n)], "@", cdom)
    s["email"] = np.where(plus[a], em_plus, em_cli)
    srv = ctx.add_ips(ctx.dc_ips(A, r.integers(0, 12, A)))
    s["s_off"][:, 0] = srv + a
    s["s_size"][:, 0] = 1
    s["s_p"] = np.tile(np.array([.9, .02, .08]), (n, 1))
    shared_dev = ctx.new_devs(ctx.ua_pick("desktop", A))
    s["dev"][:, 0] = shared_dev[a]
    s["dev"][:, 1:] = -1
    agcard = r.random(A) < .5
    own = ctx.new_cards(ac[a], "corp")
    acard = ctx.new_cards(ac, "corp")
    s["card"] = np.where(agcard[a], acard[a], own)
    s["paymode"][:] = 2
    s["payamt"] = lognorm(r, 120, .6, n)
    tn = r.integers(20, 120, A)
    s["grp_base"] = ctx.tblocks(tn)[a]
    s["grp_n"] = tn[a]
    s["p_pop"] = r.uniform(0, .1, n)
    s["p_grp"] = r.uniform(.4, .8, n) * (1 - s["p_pop"])
    s["p_pers"] = (1 - s["p_pop"] - s["p_grp"]) * .6
    s["pers_n"] = r.integers(5, 40, n)
    s["pers_base"] = ctx.tblocks(s["pers_n"])
    s["rps"] = lognorm(r, 15, .6, n)
    s["gap"] = lognorm(r, 6, .5, n)
    s["prof"][:] = PROF_OFFICE
    s["shift"] = r.normal(0, .5, A)[a]
    s["wkend"] = r.uniform(.2, .6, A)[a]
    s["out_mu"] = np.log(r.uniform(250, 900, A))[a]
    ctx.add(s)


# --------------------------------------------------------------------------
# fraud
# --------------------------------------------------------------------------
def ring_window(h0, hl, floor):
    w = np.full(24, floor)
    for h in range(int(h0), int(h0 + hl)):   # 24 hours, not accounts
        w[h % 24] = 1.0
    w[(h0 - 1) % 24] = max(w[(h0 - 1) % 24], .45)       # soft shoulders
    w[(h0 + hl) % 24] = max(w[(h0 + hl) % 24], .35)
    return w


def batch_created(ctx, n, t0, t1, bmed, dur_med, op_tz, h0, hl):
    r = ctx.rng
    sz = split_sizes(r, n, lambda k: np.clip(lognorm(r, bmed, .7, k), 2, None))
    B = len(sz)
    d0 = (t0 + int(op_tz * HOUR)) // DAY
    d1 = (t1 + int(op_tz * HOUR)) // DAY
    day = r.integers(d0, d1, B)
    start = day * DAY + ((h0 + r.random(B) * max(hl - 1, 1)) * HOUR).astype(np.int64) - int(op_tz * HOUR)
    start = np.clip(start, t0, t1 - HOUR)
    dur = lognorm(r, dur_med, .5, B)
    bi = np.repeat(np.arange(B), sz)
    return (start[bi] + r.random(n) * dur[bi]).astype(np.int64)


def fraud_emails(ctx, c, fam_p, created):
    """families: 0 name+digits on cheap domains, 1 gmail dot/plus variants of few identities, 2 word+digits, 3 legit-like."""
    r = ctx.rng
    n = len(c)
    fam = r.choice(4, n, p=fam_p)
    out = np.empty(n, dtype=object)
    cheap = CHEAP_DOMAINS[r.choice(len(CHEAP_DOMAINS), int(r.integers(2, 5)), replace=False)]
    m = fam == 0
    k = int(m.sum())
    out[m] = ctx.build_email(ctx.first_names(c[m]), ctx.last_names(c[m]), r.choice([11, 13, 4], k, p=[.6, .2, .2]),
                             cheap[r.integers(0, len(cheap), k)])
    m = fam == 1
    k = int(m.sum())
    if k:
        nbase = max(1, int(np.ceil(k / r.uniform(3, 10))))
        bl = cat(ctx.first_names(c[m][:nbase]), ctx.last_names(c[m][:nbase]),
                 np.where(r.random(nbase) < .3, r.integers(10, 100, nbase).astype(str), ""))
        pick = bl[r.integers(0, nbase, k)]
        L = pl.Series(pick, dtype=pl.Utf8).str.len_chars().to_numpy().astype(np.int64)
        p1 = 1 + (r.random(k) * np.maximum(L - 2, 1)).astype(np.int64)
        p2 = p1 + 1 + (r.random(k) * np.maximum(L - p1 - 1, 1)).astype(np.int64)
        p2 = np.minimum(p2, L - 1)
        nd = r.choice(3, k, p=[.2, .5, .3])
        nd = np.where(p2 <= p1, np.minimum(nd, 1), nd)
        tag = np.where(r.random(k) < .4, cat("+", r.integers(1, 999, k)), "")
        df = pl.DataFrame({"b": pl.Series(pick, dtype=pl.Utf8), "p1": p1, "p2": p2, "nd": nd,
                           "t": pl.Series(tag, dtype=pl.Utf8)})
        b = pl.col("b")
        p1c, p2c = pl.col("p1"), pl.col("p2")
        e = (pl.when(pl.col("nd") == 0).then(b)
             .when(pl.col("nd") == 1).then(pl.concat_str([b.str.slice(0, p1c), pl.lit("."), b.str.slice(p1c)]))
             .otherwise(pl.concat_str([b.str.slice(0, p1c), pl.lit("."), b.str.slice(p1c, p2c - p1c), pl.lit("."),
                                       b.str.slice(p2c)])))
        dom = np.where(r.random(k) < .9, "gmail.com", "googlemail.com")
        loc = df.select(pl.concat_str([e, pl.col("t")]).alias("x")).to_series().to_numpy().astype(object)
        out[m] = cat(loc, "@", dom)
    m = fam == 2
    k = int(m.sum())
    out[m] = ctx.build_email(ctx.first_names(c[m]), ctx.last_names(c[m]), np.full(k, 12),
                             FARM_DOMAINS[r.integers(0, len(FARM_DOMAINS), k)])
    m = fam == 3
    k = int(m.sum())
    out[m] = ctx.personal_emails(c[m], styles=r.choice([4, 5, 8, 10, 13], k), plus_p=.05)
    return out


def ring_common(ctx, n, tactic, rid, created, op_tz=None, side=False):
    r = ctx.rng
    s = S(n, "fake_" + tactic, 1)
    s["ring"][:] = rid
    tc = r.choice(NC, int(r.integers(3, 9)), replace=False, p=W_TARGET)
    c = tc[r.choice(len(tc), n, p=r.dirichlet(np.ones(len(tc))))]
    s["country"] = c
    if op_tz is None:
        op_tz = float(r.choice([8, 3, 5.5, 7, -5, 1, 2, 5, -3]))
    s["atz"][:] = op_tz
    s["created"] = np.asarray(created, np.int64)
    L = r.uniform(8, 20) * DAY
    life = np.maximum(lognorm(r, L, .6, n), 1.5 * DAY).astype(np.int64)
    s["act0"] = s["created"] + r.integers(10 * MIN, 6 * HOUR, n)
    s["act1"] = np.minimum(s["act0"] + life, W1)
    days = np.maximum(s["act1"] - s["act0"], 0) / DAY
    rate = r.uniform(18, 30) * lognorm(r, 1.0, .25, n)
    s["nbase"] = rate * days
    h0 = int(r.integers(6, 12))
    hl = int(r.integers(9, 16)) if r.random() < .75 else 20
    s["prof"][:] = ctx.add_profile(ring_window(h0, hl, r.uniform(.04, .15)))
    s["shift"] = r.normal(0, .25, n)
    s["wkend"][:] = r.uniform(.3, 1.0)
    s["rps"] = r.uniform(8, 25) * lognorm(r, 1, .2, n)
    s["gap"] = r.uniform(20, 80) * lognorm(r, 1, .15, n)
    s["gshape"][:] = r.uniform(3, 6)
    camo = r.uniform(.10, .50)
    s["p_pop"] = np.clip(camo + r.normal(0, .05, n), .05, .6)
    T = int(r.integers(10, 61)) if side else int(np.exp(r.uniform(np.log(40), np.log(400))))
    s["grp_base"][:] = ctx.tblock(T)
    s["grp_n"][:] = T
    s["grp_a"][:] = r.uniform(.6, 1.0)
    s["p_grp"] = (1 - s["p_pop"]) * np.clip(r.uniform(.35, .85) + r.normal(0, .05, n), .1, .95)
    s["p_pers"][:] = 0
    s["out_mu"] = np.log(r.uniform(1600, 3000)) + r.normal(0, .1, n)
    s["out_sig"][:] = .35
    s["out_cap"][:] = r.choice([4096, 8192])
    s["in_shift"] = r.uniform(.2, .8) + r.normal(0, .1, n)
    s["m_pref"][:] = r.choice([2, 1], p=[.75, .25])
    s["m_pref_p"][:] = r.uniform(.8, .95)
    s["new_t"] = RELEASE + int(r.uniform(1, 20) * HOUR) + r.exponential(1.5 * HOUR, n).astype(np.int64)
    s["new_amax"][:] = r.uniform(.85, 1.0)
    s["new_tau"][:] = r.uniform(.5, 3) * HOUR
    s["login_rate"][:] = r.uniform(.3, 1.5)
    s["payamt"] = r.uniform(20, 100) * lognorm(r, 1, .3, n)
    return s, dict(tc=tc, op_tz=op_tz, h0=h0, hl=hl)


def unique_devices(ctx, s, cats=("desktop",), p2=.25):
    r = ctx.rng
    n = len(s["created"])
    cat_ = np.array(cats)[r.integers(0, len(cats), n)]
    ua = np.empty(n, np.int64)
    for cname in np.unique(cat_):  # device categories
        m = cat_ == cname
        o, k = UA_RANGE[cname]
        ua[m] = o + r.integers(0, k, int(m.sum()))   # anti-detect browsers: spread over versions
    s["dev"][:, 0] = ctx.new_devs(ua)
    h = r.random(n) < p2
    s["dev"][h, 1] = ctx.new_devs(ctx.ua_pick("mobile", int(h.sum())))


def unique_cards(ctx, s, p_none, kinds, kp, mismatch=.4, tc=None):
    r = ctx.rng
    n = len(s["created"])
    cc = s["country"].copy()
    if tc is not None:
        mm = r.random(n) < mismatch
        cc[mm] = tc[r.integers(0, len(tc), int(mm.sum()))]
    kk = r.choice(len(kinds), n, p=kp)
    for i, kname in enumerate(kinds):   # card families
        m = kk == i
        s["card"][m] = ctx.new_cards(cc[m], kname)
    none = r.random(n) < p_none
    s["card"][none] = -1
    s["paymode"][:] = np.where(none, 0, 2)


def proxy_slot(ctx, s, j, prov, sub_lo, sub_hi, sess_lo, sess_hi):
    r = ctx.rng
    n = len(s["created"])
    pool, off = (ctx.provA, ctx.provA_off) if prov == "A" else (ctx.provB, ctx.provB_off)
    sub = min(len(pool) - 1, int(r.uniform(sub_lo, sub_hi) * ctx.scale) + 500)
    st = int(r.integers(0, len(pool) - sub))
    s["s_off"][:, j] = off + st
    s["s_size"][:, j] = sub
    s["s_sess"][:, j] = r.integers(sess_lo, sess_hi, n) * MIN


def fr_resproxy(ctx, n, rid):
    r = ctx.rng
    op_tz = float(r.choice([8, 3, 5.5, 7, 2, 5]))
    h0 = int(r.integers(7, 11))
    created = batch_created(ctx, n, C0, C1, r.uniform(6, 20), r.uniform(15, 60) * MIN, op_tz, h0, 10)
    s, info = ring_common(ctx, n, "resproxy", rid, created, op_tz)
    s["email"] = fraud_emails(ctx, s["country"], r.dirichlet([3, 2, 1, 1.5]), created)
    s["phone"] = ctx.seq_phones(created, .85)
    unique_devices(ctx, s, ("desktop",), .25)
    unique_cards(ctx, s, .12, ("virtual", "reg", "prepaid"), r.dirichlet([3, 2, 1]), .4, info["tc"])
    proxy_slot(ctx, s, 0, "A", 15000, 60000, 10, 61)
    ctx.add(s)


def fr_farm(ctx, n, rid):
    r = ctx.rng
    op_tz = float(r.choice([8, 3, 7, 2, 5.5]))
    created = batch_created(ctx, n, C0, C1, r.uniform(25, 80), r.uniform(10, 30) * MIN, op_tz, 9, 10)
    s, info = ring_common(ctx, n, "prepaid_farm", rid, created, op_tz)
    s["email"] = fraud_emails(ctx, s["country"], [.2, 0, .8, 0], created)
    s["phone"] = ctx.seq_phones(created, .3)
    # emulator / headless device farm, shared
    npool = max(2, int(n / r.uniform(3, 8)))
    emu = r.random(npool) < .6
    ua = np.where(emu, ctx.ua_pick("emulator", npool), ctx.ua_pick("headless", npool))
    pool = ctx.new_devs(ua)
    s["dev"][:, 0] = pool[r.integers(0, npool, n)]
    h = r.random(n) < .2
    s["dev"][h, 1] = pool[r.integers(0, npool, int(h.sum()))]
    # prepaid card pool reused across accounts
    ncard = max(2, int(n / r.uniform(4, 12)))
    cards = ctx.new_cards(s["country"][r.integers(0, n, ncard)], "prepaid")
    s["card"] = cards[zrank(r.random(n), ncard, .5)]
    s["paymode"][:] = 2
    # datacenter /24 blocks
    nb = int(r.integers(2, 7))
    prov = r.integers(0, 12, nb)
    pre = ctx.dc[prov, r.integers(0, 4, nb)]
    ips = ((np.repeat(pre, 254) << 16) | (np.repeat(r.integers(0, 256, nb), 254) << 8)
           | np.tile(np.arange(1, 255), nb))
    s["s_off"][:, 0] = ctx.add_ips(ips)
    s["s_size"][:, 0] = len(ips)
    s["s_sess"][:, 0] = r.integers(1, 4, n) * DAY
    v = int(r.integers(0, 4))
    s["s_off"][:, 1], s["s_size"][:, 1] = ctx.vpn_off[v], ctx.vpn_size[v]
    s["s_sess"][:, 1] = 2 * HOUR
    s["s_p"] = np.tile(np.array([.85, .15, 0]), (n, 1))
    ctx.add(s)


def fr_launch_camo(ctx, n, rid):
    r = ctx.rng
    created = launch_created(r, n)
    s, info = ring_common(ctx, n, "launch_camo", rid, created)
    s["act0"] = s["created"] + r.integers(1 * HOUR, 4 * HOUR, n)
    s["email"] = ctx.personal_emails(s["country"], styles=r.choice([0, 4, 5, 8, 10, 13], n), plus_p=.03)
    s["phone"] = ctx.phones(s["country"], .5)
    unique_devices(ctx, s, ("mobile", "desktop"), .2)
    unique_cards(ctx, s, .15, ("reg", "prepaid"), [.7, .3], .2, info["tc"])
    proxy_slot(ctx, s, 0, "A", 20000, 60000, 30, 91)
    co, cs = ctx.carrier(s["country"])
    s["s_off"][:, 1], s["s_size"][:, 1] = co, cs
    s["s_sess"][:, 1] = r.integers(1, 4, n) * HOUR
    pp = r.uniform(.5, .7)
    s["s_p"] = np.tile(np.array([pp, 1 - pp, 0]), (n, 1))
    idx0 = ctx.add(s)
    demo_batch(ctx, idx0 + np.arange(n), created, ctx.launch_tb, ctx.launch_T, med=5)


def fr_slow_drip(ctx, n, rid):
    r = ctx.rng
    op_tz = float(r.choice([8, 3, 5.5, 1, -5]))
    created = C0 + np.sort(r.random(n)) * (C1 - C0 - DAY)
    s, info = ring_common(ctx, n, "slow_drip", rid, created.astype(np.int64), op_tz)
    s["email"] = fraud_emails(ctx, s["country"], r.dirichlet([2, 1, 1, 2]), s["created"])
    s["phone"] = ctx.seq_phones(s["created"], .4)
    unique_devices(ctx, s, ("desktop", "mobile"), .2)
    unique_cards(ctx, s, .6, ("reg", "virtual"), [.5, .5], .3, info["tc"])
    proxy_slot(ctx, s, 0, "B", 10000, 40000, 20, 121)
    v = int(r.integers(0, 4))
    s["s_off"][:, 1], s["s_size"][:, 1] = ctx.vpn_off[v], ctx.vpn_size[v]
    s["s_sess"][:, 1] = r.integers(2, 12, n) * HOUR
    s["s_p"] = np.tile(np.array([.75, .25, 0]), (n, 1))
    ctx.add(s)


def fr_side(ctx, n, rid, tactic, donor):
    r = ctx.rng
    op_tz = float(r.choice([8, 3, 5.5, 7, -5, 1, 2]))
    if r.random() < .6:
        t0 = int(r.integers(C0, C1 - 4 * HOUR))
        created = t0 + np.sort(r.integers(0, int(r.uniform(1, 4) * HOUR), n))
    else:
        t0 = int(r.integers(C0, C1 - 10 * DAY))
        created = ctx.localize(t0 + (r.random(n) * r.uniform(3, 10) * DAY).astype(np.int64), np.full(n, op_tz))
    s, info = ring_common(ctx, n, "side_" + tactic, rid, created, op_tz, side=True)
    if tactic == "vps":
        s["email"] = fraud_emails(ctx, s["country"], [.8, 0, .2, 0], created)
        k = int(r.integers(1, 3))
        s["s_off"][:, 0] = ctx.add_ips(ctx.dc_ips(k, r.integers(0, 12, k)))
        s["s_size"][:, 0] = k
        cards = ctx.new_cards(s["country"][:3], "virtual")
        s["card"] = cards[r.integers(0, int(r.integers(1, 4)), n)]
        s["paymode"][:] = 2
        unique_devices(ctx, s, ("headless", "desktop"), 0)
    elif tactic == "cardshare":
        s["email"] = fraud_emails(ctx, s["country"], [0, .8, 0, .2], created)
        cards = ctx.new_cards(s["country"][:4], "reg")
        s["card"] = cards[r.integers(0, int(r.integers(2, 5)), n)]
        s["paymode"][:] = 2
        unique_devices(ctx, s, ("desktop",), .3)
        proxy_slot(ctx, s, 0, "B", 3000, 10000, 15, 60)
    elif tactic == "mobilefarm":
        ci = int(r.choice(CAFE_CTRY))
        s["country"][:] = ci
        s["email"] = fraud_emails(ctx, s["country"], [.3, .3, .4, 0], created)
        seqp = ctx.seq_phones(created, .9)
        s["phone"] = seqp
        pool = ctx.new_devs(ctx.ua_pick("emulator", int(r.integers(2, 6))))
        s["dev"][:, 0] = pool[r.integers(0, len(pool), n)]
        k = int(r.integers(0, ctx.car_n[ci]))
        s["s_off"][:, 0], s["s_size"][:, 0] = ctx.car_off[ci, k], ctx.car_size[ci, k]
        s["s_sess"][:, 0] = HOUR
        unique_cards(ctx, s, .2, ("prepaid",), [1.0], 0)
    elif tactic == "toolkit":
        # borrows the extraction templates of a large ring (same tooling, different operator)
        s["grp_base"][:] = donor[0]
        s["grp_n"][:] = donor[1]
        s["email"] = fraud_emails(ctx, s["country"], [.5, 0, .2, .3], created)
        unique_devices(ctx, s, ("desktop",), .1)
        unique_cards(ctx, s, .3, ("virtual", "reg"), [.5, .5], .5, info["tc"])
        proxy_slot(ctx, s, 0, "A", 5000, 20000, 10, 40)
    else:  # fakeorg: declares a workspace so links look "explained"
        dom = company_domains(r, s["country"][:1], 1)[0]
        s["email"] = ctx.personal_emails(s["country"], styles=np.zeros(n, np.int64),
                                         domains=np.full(n, dom, dtype=object), plus_p=0)
        s["org"][:] = "org_" + hexs(mix64(np.array([ctx.salt]) + np.uint64(424242)), 3)[0]
        k = int(r.integers(1, 4))
        s["s_off"][:, 0] = ctx.add_ips(ctx.dc_ips(k, np.full(k, int(r.integers(0, 12)))))
        s["s_size"][:, 0] = k
        s["card"][:] = ctx.new_cards(s["country"][:1], "corp")[0]
        s["paymode"][:] = 1
        s["payamt"][:] = 25.0
        s["prof"][:] = PROF_OFFICE
        s["wkend"][:] = .1
        unique_devices(ctx, s, ("desktop",), .1)
    if tactic in ("vps", "cardshare", "fakeorg"):
        s["phone"] = ctx.phones(s["country"], .3)
    if r.random() < .25:          # one operator ignores the new model
        s["new_t"][:] = NEVER
    ctx.add(s)


# --------------------------------------------------------------------------
# request generation
# --------------------------------------------------------------------------
def gen_base(ctx, A):
    r = ctx.rng
    n = len(A["nbase"])
    wk = np.clip(A["wkend"], 0, 1)
    corr = 7.0 / (5 + 2 * wk)
    ns = np.where(A["nbase"] > 0, np.maximum(1, np.round(A["nbase"] * corr / A["rps"])), 0).astype(np.int64)
    sa = np.repeat(np.arange(n), ns)
    S_ = len(sa)
    tzs = (A["atz"] * HOUR).astype(np.int64)
    d0 = (A["act0"] + tzs) // DAY
    d1 = (A["act1"] + tzs) // DAY
    day = d0[sa] + (r.random(S_) * (d1 - d0 + 1)[sa]).astype(np.int64)
    dow = (day + 3) % 7
    keep = (dow < 5) | (r.random(S_) < wk[sa])
    prof = A["prof"][sa]
    u = r.random(S_)
    hour = np.zeros(S_, np.int64)
    for p in np.unique(prof):   # loop over activity profiles (base + one per ring)
        m = prof == p
        hour[m] = np.minimum(np.searchsorted(np.cumsum(ctx.profiles[p]), u[m], side="right"), 23)
    tloc = day * DAY + hour * HOUR + r.integers(0, HOUR, S_) + (A["shift"][sa] * HOUR).astype(np.int64)
    st = tloc - tzs[sa]
    keep &= (st >= A["act0"][sa]) & (st < A["act1"][sa])
    sa, st = sa[keep], st[keep]
    k = 1 + r.poisson(np.maximum(A["rps"][sa] - 1, 0))
    ra = np.repeat(sa, k)
    g = r.gamma(A["gshape"][ra], A["gap"][ra] / A["gshape"][ra])
    cg = np.cumsum(g)
    first = np.cumsum(k) - k
    off = cg - np.repeat(cg[first], k)
    ts = np.repeat(st, k) + off.astype(np.int64)
    return ra, ts


def choose_tmpl(ctx, A, acct):
    r = ctx.rng
    R = len(acct)
    u = r.random(R)
    pp = A["p_pop"][acct]
    pg = pp + A["p_grp"][acct]
    pe = pg + A["p_pers"][acct]
    t = np.full(R, -1, np.int64)
    m = u < pp
    t[m] = ctx.pop_perm[zrank(r.random(int(m.sum())), ctx.G, 1.05)]
    m = (u >= pp) & (u < pg)
    a = acct[m]
    t[m] = A["grp_base"][a] + zrank(r.random(len(a)), A["grp_n"][a], A["grp_a"][a])
    m = (u >= pg) & (u < pe) & (A["pers_n"][acct] > 0)
    a = acct[m]
    t[m] = A["pers_base"][a] + (r.random(len(a)) * A["pers_n"][a]).astype(np.int64)
    return t


def pick_ip(ctx, A, IPT, acct, ts):
    r = ctx.rng
    c0 = A["s_p"][:, 0]
    c1 = c0 + A["s_p"][:, 1]
    u = r.random(len(acct))
    slot = (u >= c0[acct]).astype(np.int64) + (u >= c1[acct]).astype(np.int64)
    fi = acct * 3 + slot
    off = A["s_off"].ravel()[fi]
    size = A["s_size"].ravel()[fi]
    sess = A["s_sess"].ravel()[fi]
    phase = (mix64(acct.astype(np.uint64) ^ ctx.salt) % sess.astype(np.uint64)).astype(np.int64)
    bucket = (ts + phase) // sess
    key = (fi.astype(np.uint64) << np.uint64(32)) ^ bucket.astype(np.uint64) ^ ctx.salt
    h = mix64(key)
    return IPT[off + (h % size.astype(np.uint64)).astype(np.int64)]


def assemble(ctx):
    keys = ctx.segs[0].keys()
    A = {k: np.concatenate([s[k] for s in ctx.segs]) for k in keys}
    return A


# --------------------------------------------------------------------------
# main
# --------------------------------------------------------------------------
LEGIT_MIX = dict(household=.075, mobile_cgnat=.08, university=.065, team_undeclared=.045, company_declared=.05,
                 agent_framework=.07, launch_day=.13, api_integrator=.003, agency=.004, prepaid_payer=.03,
                 proxy_exit_home=.015, coworking_cafe=.04, vpn_user=.05)


def generate(out_dir, N, seed):
    t_start = time.time()
    ctx = Ctx(N, seed)
    r = ctx.rng
    ctx.pop_perm = r.permutation(ctx.G).astype(np.int64)
    ctx.launch_T = int(r.integers(5, 9))
    ctx.launch_tb = ctx.tblock(ctx.launch_T)

    F = int(round(N * r.uniform(.085, .115)))
    L = N - F
    # ---------------- legit ----------------
    keys = list(LEGIT_MIX)
    base = np.array([LEGIT_MIX[k] for k in keys])
    frac = r.dirichlet(base * 600)
    frac = frac / frac.sum() * base.sum()
    tgt = {k: max(3, int(round(f * L))) for k, f in zip(keys, frac)}
    seg_households(ctx, tgt["household"])
    seg_mobile(ctx, tgt["mobile_cgnat"])
    seg_university(ctx, tgt["university"])
    seg_orgs(ctx, tgt["team_undeclared"], False)
    seg_orgs(ctx, tgt["company_declared"], True)
    seg_agents(ctx, tgt["agent_framework"])
    seg_launch(ctx, tgt["launch_day"])
    seg_integrators(ctx, tgt["api_integrator"])
    seg_agencies(ctx, tgt["agency"])
    seg_prepaid(ctx, tgt["prepaid_payer"])
    seg_proxy_home(ctx, tgt["proxy_exit_home"])
    seg_coworking(ctx, tgt["coworking_cafe"])
    seg_vpn(ctx, tgt["vpn_user"])
    seg_singles(ctx, L - ctx.nacc)
    # ---------------- fraud ----------------
    sc = ctx.scale
    n_side = int(r.integers(6, 12))
    side_sz = r.integers(8, 21, n_side)
    rest = F - int(side_sz.sum())
    w = r.dirichlet(np.array([4, 2.2, 1.3, 1.1]) * 6)
    big = np.round(w * rest).astype(np.int64)
    lo, hi = max(20, int(500 * sc)), max(40, int(3000 * sc))
    big = np.clip(big, lo, hi)
    big[0] += rest - int(big.sum())
    big = np.maximum(big, lo)
    ring_no = [0]

    def rid():
        ring_no[0] += 1
        return f"ring_e{seed}_{ring_no[0]:02d}"

    # resproxy: one or two operators
    if big[0] > 1800 * sc:
        a = int(big[0] * r.uniform(.35, .65))
        fr_resproxy(ctx, a, rid())
        fr_resproxy(ctx, int(big[0]) - a, rid())
    else:
        fr_resproxy(ctx, int(big[0]), rid())
    donor_seg = ctx.segs[-1]
    donor = (int(donor_seg["grp_base"][0]), int(donor_seg["grp_n"][0]))
    fr_farm(ctx, int(big[1]), rid())
    fr_launch_camo(ctx, int(big[2]), rid())
    fr_slow_drip(ctx, int(big[3]), rid())
    tactics = ["vps", "cardshare", "mobilefarm", "toolkit"]
    side_t = list(r.choice(tactics, n_side))
    side_t[int(r.integers(0, n_side))] = "fakeorg"
    for k in range(n_side):       # loop over side operations
        fr_side(ctx, int(side_sz[k]), rid(), side_t[k], donor)
    t_pop = time.time()

    # ---------------- assemble accounts ----------------
    A = assemble(ctx)
    n = len(A["created"])
    IPT = np.concatenate(ctx.ipchunks).astype(np.uint32)
    DEV_UA = np.concatenate(ctx.devchunks)
    perm = r.permutation(n)   # ids independent of construction order
    aid_u = mix64(perm.astype(np.uint64) * np.uint64(2654435761) ^ ctx.salt)
    acc_id = cat("acct_", hexs(aid_u, 3))
    assert len(np.unique(acc_id)) == n
    ACC = pl.Series("account_id", acc_id, dtype=pl.Utf8)

    # ---------------- requests ----------------
    ra, rts = gen_base(ctx, A)
    rt = choose_tmpl(ctx, A, ra)
    if ctx.extra:
        ex_a = np.concatenate([e[0] for e in ctx.extra]).astype(np.int64)
        ex_t = np.concatenate([e[1] for e in ctx.extra]).astype(np.int64)
        ex_m = np.concatenate([e[2] for e in ctx.extra]).astype(np.int64)
        ra = np.concatenate([ra, ex_a])
        rts = np.concatenate([rts, ex_t])
        rt = np.concatenate([rt, ex_m])
    ok = (rts >= np.maximum(A["created"][ra] + 30, W0)) & (rts < W1)
    ra, rts, rt = ra[ok], rts[ok], rt[ok]
    order = np.argsort(rts, kind="stable")
    ra, rts, rt = ra[order], rts[order], rt[order]
    R = len(ra)
    uq = rt < 0
    rt[uq] = UNIQ_BASE + np.arange(int(uq.sum()), dtype=np.int64)
    rip = pick_ip(ctx, A, IPT, ra, rts)
    # model choice, pivot to the new model after release
    keep_pref = r.random(R) < A["m_pref_p"][ra]
    m = np.where(keep_pref, A["m_pref"][ra], r.choice(3, R, p=[.45, .4, .15]))
    dt = (rts - A["new_t"][ra]).astype(float)
    pn = np.where(dt > 0, A["new_amax"][ra] * (1 - np.exp(-np.maximum(dt, 0) / A["new_tau"][ra])), 0.0)
    m = np.where(r.random(R) < pn, NEWM, m)
    m = np.where((m == NEWM) & (rts < RELEASE), 1, m)
    # tokens: template-specific prompt length, account-specific output length with max_tokens caps
    th = mix64(rt.astype(np.uint64) ^ ctx.salt)
    tin = np.where(rt >= UNIQ_BASE, 4.5 + r.normal(0, .9, R),
                   3.8 + (th % np.uint64(1000)).astype(float) / 1000 * 2.6)
    itok = np.maximum(1, np.exp(tin + A["in_shift"][ra] + r.normal(0, .35, R))).astype(np.int64)
    otok = np.exp(A["out_mu"][ra] + r.normal(0, 1, R) * A["out_sig"][ra])
    otok = np.maximum(1, np.minimum(otok, A["out_cap"][ra])).astype(np.int64)
    # fingerprints
    tu, tinv = np.unique(rt, return_inverse=True)
    fp_u = hexs(mix64(tu.astype(np.uint64) * np.uint64(0x9E3779B1) ^ ctx.salt), 4)
    nofp = r.random(R) < .012
    iu, iinv = np.unique(rip, return_inverse=True)
    ip_u = ipstr(iu)
    req = pl.DataFrame({
        "account_id": ACC.gather(pl.Series(ra)),
        "ts": pl.from_epoch(pl.Series(rts), time_unit="s"),
        "model": pl.Series(np.array(MODELS, dtype=object), dtype=pl.Utf8).gather(pl.Series(m.astype(np.int64))),
        "input_tokens": itok,
        "output_tokens": otok,
        "prompt_fingerprint": fp_u.gather(pl.Series(tinv.astype(np.int64))),
        "ip": ip_u.gather(pl.Series(iinv.astype(np.int64))),
        "_nofp": nofp,
    }).with_columns(pl.when(pl.col("_nofp")).then(None).otherwise(pl.col("prompt_fingerprint"))
                    .alias("prompt_fingerprint")).drop("_nofp")
    t_req = time.time()

    # per-account request counts decide who is "active"
    cnt = np.bincount(ra, minlength=n)

    # ---------------- accounts ----------------
    sig_ip = pick_ip(ctx, A, IPT, np.arange(n, dtype=np.int64), A["created"])
    dev0 = A["dev"][:, 0]
    dev_str_all = hexs(mix64(np.arange(ctx.ndev, dtype=np.uint64) * np.uint64(0xC2B2AE35) ^ ctx.salt), 4)
    dev_str_all = pl.select(pl.concat_str([pl.lit("dv-"), pl.lit(dev_str_all)])).to_series()
    UA_S = pl.Series(UA_ALL, dtype=pl.Utf8)
    miss_dev = np.random.default_rng(seed + 17).random(n) < .02
    dev0_s = dev_str_all.gather(pl.Series(np.maximum(dev0, 0)))
    ua0_s = UA_S.gather(pl.Series(DEV_UA[np.maximum(dev0, 0)]))
    # de-duplicate e-mails (the platform enforces uniqueness)
    email = pl.Series("email", A["email"], dtype=pl.Utf8)
    for _ in range(6):     # a few passes until every address is unique
        edf = pl.DataFrame({"e": email, "k": r.integers(2, 99, n)}).with_columns(
            pl.int_range(pl.len()).over("e").alias("i"))
        if int(edf["i"].max()) == 0:
            break
        email = edf.select(pl.when(pl.col("i") == 0).then(pl.col("e")).otherwise(
            pl.concat_str([pl.col("e").str.split_exact("@", 1).struct.field("field_0"), pl.col("k").cast(pl.Utf8),
                           pl.col("i").cast(pl.Utf8), pl.lit("@"),
                           pl.col("e").str.split_exact("@", 1).struct.field("field_1")])).alias("email")).to_series()
    acc = pl.DataFrame({
        "account_id": ACC,
        "created_at": pl.from_epoch(pl.Series(A["created"]), time_unit="s"),
        "email": email,
        "phone": pl.Series(A["phone"], dtype=pl.Utf8),
        "country": pl.Series(CODE[A["country"]], dtype=pl.Utf8),
        "signup_ip": ipstr(sig_ip),
        "signup_device_id": dev0_s,
        "user_agent": ua0_s,
        "org_id": pl.Series(A["org"], dtype=pl.Utf8),
        "_miss": miss_dev | (dev0 < 0),
    }).with_columns(
        pl.when(pl.col("_miss")).then(None).otherwise(pl.col("signup_device_id")).alias("signup_device_id"),
        pl.when(pl.col("phone") == "").then(None).otherwise(pl.col("phone")).alias("phone"),
        pl.when(pl.col("org_id") == "").then(None).otherwise(pl.col("org_id")).alias("org_id"),
    ).drop("_miss").sort("created_at")

    truth = pl.DataFrame({
        "account_id": ACC,
        "is_fake": A["fake"].astype(np.int64),
        "ring_id": pl.Series(A["ring"], dtype=pl.Utf8),
        "group_kind": pl.Series(A["kind"], dtype=pl.Utf8),
    }).with_columns(pl.when(pl.col("ring_id") == "").then(None).otherwise(pl.col("ring_id")).alias("ring_id"))

    # ---------------- ip_events ----------------
    active = cnt > 0
    adays = np.maximum(A["act1"] - A["act0"], 0) / DAY
    nl = np.where(active, np.minimum(r.poisson(adays * A["login_rate"]), 80), 0)
    la = np.repeat(np.arange(n), nl)
    lts = A["act0"][la] + (r.random(len(la)) * (A["act1"] - A["act0"])[la]).astype(np.int64)
    lts = np.clip(lts, W0, W1 - 1)
    ev_a = np.concatenate([np.arange(n), la])
    ev_t = np.concatenate([A["created"], lts])
    ev_ip = np.concatenate([sig_ip, pick_ip(ctx, A, IPT, la, lts)])
    ev_k = np.concatenate([np.zeros(n, np.int64), np.ones(len(la), np.int64)])
    ipe = pl.DataFrame({
        "account_id": ACC.gather(pl.Series(ev_a)),
        "ts": pl.from_epoch(pl.Series(ev_t), time_unit="s"),
        "ip": ipstr(ev_ip),
        "event": pl.Series(["signup", "login"]).gather(pl.Series(ev_k)),
    }).sort("ts")

    # ---------------- devices ----------------
    dv_a, dv_t, dv_d = [], [], []
    for j in range(3):   # three device slots
        has = A["dev"][:, j] >= 0
        if j > 0:
            has &= active
        idx = np.nonzero(has)[0]
        first = A["created"][idx] if j == 0 else \
            A["act0"][idx] + (r.random(len(idx)) * (A["act1"] - A["act0"])[idx]).astype(np.int64)
        extra = np.where(active[idx], np.minimum(r.poisson(adays[idx] * .035 + .3), 8), 0)
        ea = np.repeat(idx, extra)
        et = A["act0"][ea] + (r.random(len(ea)) * (A["act1"] - A["act0"])[ea]).astype(np.int64)
        dv_a += [idx, ea]
        dv_t += [first, et]
        dv_d += [A["dev"][idx, j], A["dev"][ea, j]]
    dv_a = np.concatenate(dv_a)
    dv_t = np.concatenate(dv_t)
    dv_d = np.concatenate(dv_d)
    devs = pl.DataFrame({
        "account_id": ACC.gather(pl.Series(dv_a)),
        "ts": pl.from_epoch(pl.Series(dv_t), time_unit="s"),
        "device_id": dev_str_all.gather(pl.Series(dv_d)),
        "user_agent": UA_S.gather(pl.Series(DEV_UA[dv_d])),
    }).sort("ts")

    # ---------------- payments ----------------
    card_b = np.concatenate([c[0] for c in ctx.cardchunks])
    card_c = np.concatenate([c[1] for c in ctx.cardchunks])
    card_k = np.concatenate([c[2] for c in ctx.cardchunks])
    payer = (A["card"] >= 0) & (A["paymode"] > 0) & (active | (A["paymode"] == 1))
    pidx = np.nonzero(payer)[0]
    mode = A["paymode"][pidx]
    a0 = A["act0"][pidx]
    a1 = np.maximum(A["act1"][pidx], a0 + DAY)
    cr = A["created"][pidx]
    # monthly subscription anchored on signup day; top-ups every few days/weeks while active
    MON = 30 * DAY + 10 * HOUR
    kfirst = np.maximum(0, np.ceil((W0 - 35 * DAY - cr) / MON)).astype(np.int64)
    t_first = cr + kfirst * MON
    n_mon = np.maximum(0, (a1 - t_first) // MON + 1)
    interval = np.where(A["fake"][pidx] == 1, r.uniform(3, 8, len(pidx)), lognorm(r, 18, .6, len(pidx))) * DAY
    n_top = 1 + ((a1 - a0) / interval).astype(np.int64)
    npay = np.where(mode == 1, n_mon, n_top)
    npay = np.minimum(npay, 40)
    pa = np.repeat(np.arange(len(pidx)), npay)
    pk = within_index(npay)
    pt = np.where(mode[pa] == 1, t_first[pa] + pk * MON + r.integers(0, 3 * HOUR, len(pa)),
                  a0[pa] + (pk * interval[pa] + r.random(len(pa)) * interval[pa] * .5).astype(np.int64))
    acc_i = pidx[pa]
    okp = (pt >= cr[pa]) & (pt < W1)
    acc_i, pt, pa = acc_i[okp], pt[okp], pa[okp]
    cid = A["card"][acc_i]
    amt_usd = A["payamt"][acc_i] * np.where(A["paymode"][acc_i] == 2, lognorm(r, 1, .35, len(acc_i)), 1.0)
    pc = A["country"][acc_i]
    amount = amt_usd * FX[pc]
    zero = np.isin(CUR[pc], list(ZERO_DEC))
    amount = np.where(zero, np.round(amount, 0), np.round(amount, 2))
    gift = card_k[cid] == 4
    amount = np.where(gift, A["payamt"][acc_i], amount)
    cur = np.where(gift, "USD", CUR[pc])
    ch = mix64(cid.astype(np.uint64) * np.uint64(0x27D4EB2F) ^ ctx.salt)
    last4 = pl.Series((ch % np.uint64(10000)).astype(np.int64)).cast(pl.Utf8).str.zfill(4)
    plen = POSTAL_LEN[card_c[cid]]
    postal_num = ((ch >> np.uint64(20)) % np.uint64(10 ** 8)).astype(np.int64) % (10 ** plen)
    postal = pl.DataFrame({"p": postal_num, "l": plen}).select(
        pl.col("p").cast(pl.Utf8).str.zfill(8).str.slice(pl.lit(8) - pl.col("l")).alias("p")).to_series()
    no_postal = ((card_k[cid] >= 2) & ((ch >> np.uint64(50)) % np.uint64(10) < 6))
    pay = pl.DataFrame({
        "payment_id": cat("py_", hexs(mix64(np.arange(len(acc_i), dtype=np.uint64) ^ (ctx.salt + np.uint64(99))),
                                      3)),
        "account_id": ACC.gather(pl.Series(acc_i)),
        "ts": pl.from_epoch(pl.Series(pt), time_unit="s"),
        "card_fingerprint": pl.select(pl.concat_str([pl.lit("cf_"), pl.lit(hexs(ch, 4))])).to_series(),
        "card_bin": pl.Series(card_b[cid]).cast(pl.Utf8),
        "card_last4": last4,
        "card_country": pl.Series(CODE[card_c[cid]], dtype=pl.Utf8),
        "billing_postal_code": postal,
        "amount": amount,
        "currency": pl.Series(cur.astype(object), dtype=pl.Utf8),
        "_np": no_postal,
    }).with_columns(pl.when(pl.col("_np")).then(None).otherwise(pl.col("billing_postal_code"))
                    .alias("billing_postal_code")).drop("_np").sort("ts")

    # ---------------- write ----------------
    os.makedirs(os.path.join(out_dir, "truth"), exist_ok=True)
    fmt = "%Y-%m-%dT%H:%M:%SZ"
    acc.write_csv(os.path.join(out_dir, "accounts.csv"), datetime_format=fmt)
    pay.write_csv(os.path.join(out_dir, "payments.csv"), datetime_format=fmt)
    ipe.write_csv(os.path.join(out_dir, "ip_events.csv"), datetime_format=fmt)
    devs.write_csv(os.path.join(out_dir, "devices.csv"), datetime_format=fmt)
    req.write_csv(os.path.join(out_dir, "api_requests.csv"), datetime_format=fmt)
    truth.write_csv(os.path.join(out_dir, "truth", "truth.csv"))
    t_end = time.time()
    print(f"accounts={n} fakes={int(A['fake'].sum())} ({A['fake'].mean():.1%}) api_requests={R} "
          f"payments={pay.height} ip_events={ipe.height} devices={devs.height} | build {t_pop - t_start:.1f}s "
          f"requests {t_req - t_pop:.1f}s total {t_end - t_start:.1f}s", file=sys.stderr)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out_dir")
    ap.add_argument("--accounts", type=int, default=60000)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args(argv)
    if a.accounts < 2000:
        ap.error("--accounts must be >= 2000")
    generate(a.out_dir, a.accounts, a.seed)


if __name__ == "__main__":
    main()
