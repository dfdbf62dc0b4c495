#!/usr/bin/env python3
"""gen_c.py - independent synthetic population generator (blind test set).

Built only from the public input contract (accounts, payments, ip_events,
devices, api_requests) and a list of legit / fraud mechanisms.

usage: python gen_c.py OUT_DIR [--accounts N] [--seed S]

Writes OUT_DIR/{accounts,payments,ip_events,devices,api_requests}.csv and
OUT_DIR/truth/truth.csv (account_id,is_fake,ring_id,group_kind).
Deterministic per seed.  Vectorised: Python loops run over groups
(countries, companies, rings, classes...), never over requests.
"""
import argparse
import os
import sys
import time
from collections import defaultdict
from datetime import datetime, timezone

import numpy as np
import polars as pl


def T(s):
    return int(datetime.fromisoformat(s).replace(tzinfo=timezone.utc).timestamp())


DAY, HOUR, MIN = 86400, 3600, 60
HIST0 = T("2025-01-01T00:00:00")
CAMP0 = T("2026-04-22T00:00:00")
CAMP1 = T("2026-06-05T00:00:00")
END = T("2026-07-15T00:00:00")
SIGNUP_END = END - 3 * DAY
NEWMODEL_T = T("2026-05-13T16:00:00")   # new model released mid-campaign
LEGACY_EOL = T("2025-10-01T00:00:00")   # legacy model retired
FRAMEWORK_T = T("2025-09-15T00:00:00")  # popular agent framework released

MODELS = np.array(["orion-1.5", "orion-2-mini", "orion-2", "orion-2-pro", "orion-3"])
NEW_MODEL = 4
MIXES = np.array([
    [0.08, 0.35, 0.45, 0.12, 0.0],   # 0 general
    [0.10, 0.75, 0.15, 0.00, 0.0],   # 1 cheap
    [0.04, 0.08, 0.38, 0.50, 0.0],   # 2 pro heavy
    [0.00, 1.00, 0.00, 0.00, 0.0],   # 3 mini only
    [0.00, 0.04, 0.30, 0.66, 0.0],   # 4 extraction (best model available)
    [0.00, 0.00, 0.10, 0.90, 0.0],   # 5 extraction, pro only
])
MIX_CDF = np.cumsum(MIXES, axis=1)

# --------------------------------------------------------------------------
# countries
# weight, tz options, calling code, mobile prefixes, digits after prefix,
# currency, monthly price, postal format, free-mail domains, name region,
# IPv6 share of homes
C = {
    "US": (24, [-5, -5, -6, -7, -8], "1", ["2", "3", "4", "5", "6", "7", "8", "9"], 9, "USD", 20, "#####",
           {"gmail.com": 58, "yahoo.com": 9, "outlook.com": 10, "icloud.com": 12, "hotmail.com": 5, "aol.com": 2, "proton.me": 4}, "en", 0.35),
    "IN": (13, [5.5], "91", ["6", "7", "8", "9"], 9, "INR", 1950, "######",
           {"gmail.com": 84, "yahoo.co.in": 6, "outlook.com": 6, "rediffmail.com": 4}, "in", 0.45),
    "GB": (7, [0, 1], "44", ["7"], 9, "GBP", 18, "UK",
           {"gmail.com": 50, "outlook.com": 14, "hotmail.co.uk": 11, "yahoo.co.uk": 7, "icloud.com": 12, "btinternet.com": 6}, "en", 0.2),
    "DE": (7, [1, 2], "49", ["151", "152", "157", "160", "170", "171", "172", "176", "178"], 8, "EUR", 20, "#####",
           {"gmail.com": 34, "gmx.de": 20, "web.de": 20, "t-online.de": 8, "outlook.de": 6, "icloud.com": 6, "posteo.de": 6}, "de", 0.4),
    "BR": (6, [-3], "55", ["119", "219", "319", "419", "519", "619", "719", "819"], 8, "BRL", 100, "#####-###",
           {"gmail.com": 72, "hotmail.com": 14, "outlook.com": 8, "yahoo.com.br": 6}, "pt", 0.3),
    "FR": (5, [1, 2], "33", ["6", "7"], 8, "EUR", 20, "#####",
           {"gmail.com": 50, "orange.fr": 12, "hotmail.fr": 12, "free.fr": 8, "laposte.net": 6, "yahoo.fr": 6, "icloud.com": 6}, "fr", 0.45),
    "JP": (4, [9], "81", ["70", "80", "90"], 8, "JPY", 3000, "###-####",
           {"gmail.com": 45, "yahoo.co.jp": 25, "icloud.com": 15, "docomo.ne.jp": 8, "outlook.jp": 7}, "jp", 0.4),
    "CA": (4, [-5, -5, -8, -7], "1", ["416", "647", "604", "778", "514", "403", "613"], 7, "CAD", 27, "CA",
           {"gmail.com": 60, "outlook.com": 10, "hotmail.com": 10, "yahoo.ca": 8, "icloud.com": 12}, "en", 0.2),
    "ID": (4, [7, 7, 8], "62", ["811", "812", "813", "821", "822", "852", "857", "878"], 8, "IDR", 320000, "#####",
           {"gmail.com": 86, "yahoo.co.id": 9, "outlook.com": 5}, "id", 0.1),
    "NG": (3, [1], "234", ["803", "806", "813", "816", "703", "706", "803", "905"], 7, "NGN", 30000, "######",
           {"gmail.com": 80, "yahoo.com": 15, "outlook.com": 5}, "ng", 0.05),
    "KR": (3, [9], "82", ["10"], 8, "KRW", 27000, "#####",
           {"naver.com": 45, "gmail.com": 35, "daum.net": 15, "kakao.com": 5}, "kr", 0.1),
    "ES": (3, [1, 2], "34", ["6", "7"], 8, "EUR", 20, "#####",
           {"gmail.com": 60, "hotmail.es": 15, "outlook.es": 10, "yahoo.es": 8, "icloud.com": 7}, "es", 0.2),
    "MX": (3, [-6, -6, -7], "52", ["55", "33", "81"], 8, "MXN", 350, "#####",
           {"gmail.com": 65, "hotmail.com": 20, "outlook.com": 10, "yahoo.com.mx": 5}, "es", 0.3),
    "PL": (2, [1, 2], "48", ["5", "6", "7", "8"], 8, "PLN", 85, "##-###",
           {"gmail.com": 45, "wp.pl": 20, "onet.pl": 15, "o2.pl": 10, "interia.pl": 10}, "pl", 0.2),
    "VN": (3, [7], "84", ["3", "9", "7", "8"], 8, "VND", 500000, "######",
           {"gmail.com": 88, "yahoo.com": 7, "outlook.com": 5}, "vn", 0.3),
    "PH": (2, [8], "63", ["9"], 9, "PHP", 1100, "####",
           {"gmail.com": 85, "yahoo.com": 10, "outlook.com": 5}, "ph", 0.1),
    "AU": (2, [10, 10, 8], "61", ["4"], 8, "AUD", 30, "####",
           {"gmail.com": 55, "outlook.com": 10, "bigpond.com": 10, "icloud.com": 15, "hotmail.com": 10}, "en", 0.25),
    "TR": (2, [3], "90", ["5"], 9, "TRY", 650, "#####",
           {"gmail.com": 70, "hotmail.com": 20, "yandex.com": 5, "outlook.com": 5}, "tr", 0.1),
    "SG": (1, [8], "65", ["8", "9"], 7, "SGD", 27, "######",
           {"gmail.com": 70, "outlook.com": 10, "hotmail.com": 10, "yahoo.com": 10}, "en", 0.3),
    "NL": (2, [1, 2], "31", ["6"], 8, "EUR", 20, "NL",
           {"gmail.com": 50, "outlook.com": 15, "hotmail.com": 10, "ziggo.nl": 10, "kpnmail.nl": 8, "icloud.com": 7}, "nl", 0.35),
}
CCS = np.array(list(C.keys()), dtype=object)
CCW = np.array([C[c][0] for c in CCS], float)
CCW /= CCW.sum()
CC_CUR = {c: C[c][5] for c in C}
CC_PRICE = {c: C[c][6] for c in C}

NAMES = {
    "en": ("james john robert michael william david richard joseph thomas chris daniel matthew anthony mark steven paul andrew josh kevin brian mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy emily emma olivia sophie grace chloe hannah amy rachel laura megan ryan tyler jake sam alex jordan",
           "smith johnson williams brown jones miller davis wilson anderson taylor thomas moore martin jackson thompson white harris clark lewis robinson walker young allen king wright scott green baker adams nelson hill campbell mitchell roberts carter phillips evans turner parker collins edwards stewart morris murphy cook rogers morgan cooper reed bailey bell kelly howard ward cox"),
    "de": ("lukas leon finn jonas paul felix maximilian elias noah luis jan tim niklas julian moritz anna lea lena hannah sophie marie laura julia lisa sarah katharina johanna emma mia clara",
           "mueller schmidt schneider fischer weber meyer wagner becker schulz hoffmann koch richter klein wolf schroeder neumann schwarz zimmermann braun krueger hofmann hartmann lange schmitt werner krause meier lehmann"),
    "fr": ("lucas hugo louis nathan gabriel arthur jules adam raphael leo thomas antoine nicolas julien emma louise alice chloe lea manon camille ines sarah jade lucie marie pauline claire",
           "martin bernard dubois thomas robert richard petit durand leroy moreau simon laurent lefebvre michel garcia david bertrand roux vincent fournier morel girard andre mercier dupont lambert bonnet"),
    "es": ("jose juan carlos luis miguel javier david daniel alejandro pablo diego sergio jorge maria carmen ana laura lucia marta paula sofia valeria isabel elena andrea fernanda",
           "garcia rodriguez gonzalez fernandez lopez martinez sanchez perez gomez martin jimenez ruiz hernandez diaz moreno alvarez romero torres ramirez flores vargas castillo ortiz morales"),
    "pt": ("joao pedro lucas gabriel matheus rafael gustavo felipe bruno thiago ana maria julia beatriz mariana larissa camila fernanda leticia amanda bruna",
           "silva santos oliveira souza rodrigues ferreira alves pereira lima gomes costa ribeiro martins carvalho almeida lopes soares fernandes vieira barbosa rocha dias"),
    "in": ("rahul amit rohit vikram arjun aditya karan rajesh suresh sanjay anil vijay pradeep deepak nikhil priya anjali pooja neha sneha kavya divya shreya ananya aishwarya riya meera",
           "sharma verma gupta singh kumar patel reddy nair iyer rao joshi mehta shah agarwal chopra malhotra bose das mishra pandey yadav jain kapoor menon pillai"),
    "jp": ("haruto yuto sota yuki hayato kenta takumi ren daiki riku sakura yui hina aoi yuna mio rin akari misaki nanami haruka",
           "sato suzuki takahashi tanaka watanabe ito yamamoto nakamura kobayashi kato yoshida yamada sasaki yamaguchi matsumoto inoue kimura hayashi shimizu"),
    "kr": ("minjun seojun doyun yejun siwoo hajun jiho junseo seoyeon seoyun jiwoo jiyu haeun sua jimin yuna",
           "kim lee park choi jung kang cho yoon jang lim han oh seo shin kwon hwang ahn song"),
    "ng": ("chinedu emeka oluwaseun tunde ibrahim musa chukwuma obinna segun femi ngozi chioma amaka funmilayo aisha fatima blessing adaeze yetunde kemi",
           "okafor adeyemi okonkwo balogun olawale eze nwosu abubakar bello ogunleye okeke adebayo ibrahim mohammed chukwu obi uche afolabi"),
    "id": ("budi agus andi dedi eko hendra rizki fajar dimas arif siti dewi putri ayu rina indah sri wulan nur fitri",
           "santoso wijaya saputra pratama hidayat kurniawan setiawan nugroho susanto gunawan halim lestari wahyudi purnomo"),
    "vn": ("anh minh duc huy tuan hung nam long quang khoa linh trang huong thao mai ngoc lan phuong hanh",
           "nguyen tran le pham hoang phan vu vo dang bui do ho ngo duong ly"),
    "ph": ("john mark paul carlo miguel angelo rafael joshua kevin maria angelica kristine jasmine nicole camille patricia",
           "santos reyes cruz bautista ocampo garcia mendoza torres tomas andrada castillo flores villanueva ramos"),
    "tr": ("mehmet mustafa ahmet ali huseyin hasan ibrahim emre burak murat ayse fatma emine zeynep elif merve esra",
           "yilmaz kaya demir sahin celik yildiz yildirim ozturk aydin ozdemir arslan dogan kilic aslan"),
    "pl": ("jakub jan kacper szymon filip piotr tomasz pawel michal anna maria katarzyna malgorzata agnieszka zofia julia",
           "nowak kowalski wisniewski wojcik kowalczyk kaminski lewandowski zielinski szymanski wozniak dabrowski kozlowski"),
    "nl": ("daan sem lucas levi finn luuk milan bram thomas emma julia mila sophie tess zoe sara anna eva",
           "dejong jansen devries vandenberg vandijk bakker janssen visser smit meijer debruijn mulder deboer bos vos"),
}
NAMES = {k: (np.array(a.split()), np.array(b.split())) for k, (a, b) in NAMES.items()}
WORDS = np.array(("apex nova blue pixel quantum lumen orbit cedar maple river stone falcon atlas vertex nimbus "
                  "harbor summit prism cobalt ember delta sigma vector signal beacon forge spark north bright "
                  "clear swift iron silver golden lake pine oak birch willow coral polar solar lunar terra aero "
                  "data cloud logic metric bit byte stack flow path grid core hub lab works labs tech soft").split())
CHEAP_DOMAINS = np.array(["mailbox.lv", "inboxmail.cc", "fastpost.top", "mailpro.icu", "zmail.click", "postbx.xyz",
                          "tmail.store", "mailcraft.site", "qmail.fun", "onmail.pw", "boxmail.today", "rmail.online",
                          "xmail.monster", "umail.rest", "emlx.cyou", "lettr.bond"])

# user agents -------------------------------------------------------------
DESK_UA = ([f"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{v}.0.0.0 Safari/537.36" for v in range(118, 127)]
           + [f"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{v}.0.0.0 Safari/537.36" for v in range(120, 127)]
           + [f"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.{v} Safari/605.1.15" for v in range(0, 6)]
           + [f"Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:{v}.0) Gecko/20100101 Firefox/{v}.0" for v in range(120, 128)]
           + [f"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{v}.0.0.0 Safari/537.36" for v in range(119, 127)]
           + [f"Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:{v}.0) Gecko/20100101 Firefox/{v}.0" for v in range(121, 127)]
           + [f"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{v}.0.0.0 Safari/537.36 Edg/{v}.0.0.0" for v in range(120, 127)])
MOB_UA = ([f"Mozilla/5.0 (iPhone; CPU iPhone OS 17_{v} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.{v} Mobile/15E148 Safari/604.1" for v in range(0, 6)]
          + [f"Mozilla/5.0 (iPhone; CPU iPhone OS 16_{v} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.{v} Mobile/15E148 Safari/604.1" for v in range(3, 8)]
          + [f"Mozilla/5.0 (Linux; Android {a}; {m}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{v}.0.0.0 Mobile Safari/537.36"
             for a, m in [(14, "SM-S918B"), (13, "SM-A536B"), (14, "Pixel 8"), (13, "Pixel 7"), (13, "23049PCD8G"), (12, "RMX3370"),
                          (13, "CPH2487"), (14, "SM-G991B"), (12, "M2101K6G"), (13, "V2202"), (11, "SM-A125F")] for v in (122, 124, 125)]
          + [f"Mozilla/5.0 (iPad; CPU OS 17_{v} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.{v} Mobile/15E148 Safari/604.1" for v in range(1, 5)])
HEADLESS_UA = [f"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/{v}.0.{b}.{p} Safari/537.36"
               for v, b, p in [(122, 6261, 94), (123, 6312, 58), (124, 6367, 60), (124, 6367, 91), (125, 6422, 60)]]
EMU_UA = [f"Mozilla/5.0 (Linux; Android {a}; {m}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{v}.0.0.0 Mobile Safari/537.36"
          for a, m, v in [(11, "sdk_gphone_x86", 120), (12, "sdk_gphone64_x86_64", 122), (9, "Android SDK built for x86", 118),
                          (10, "vbox86p", 121), (11, "Genymotion Google Pixel 3", 119), (9, "SM-G955N Build/NRD90M", 117)]]
DESK_W = 1.0 / np.arange(1, len(DESK_UA) + 1) ** 0.6
DESK_W /= DESK_W.sum()
MOB_W = 1.0 / np.arange(1, len(MOB_UA) + 1) ** 0.6
MOB_W /= MOB_W.sum()


# diurnal profiles over local hours -----------------------------------------
def _prof(peaks, floor=0.02):
    h = np.arange(24) + 0.5
    w = np.full(24, floor)
    for mu, sd, amp in peaks:
        d = np.minimum(np.abs(h - mu), 24 - np.abs(h - mu))
        w += amp * np.exp(-0.5 * (d / sd) ** 2)
    return w / w.sum()


PROFILES = np.array([
    _prof([(10.5, 1.6, 1.0), (15.0, 1.8, 1.0)], 0.01),           # 0 office (weekday-heavy)
    _prof([(20.5, 2.0, 1.0), (13, 2.5, 0.35)], 0.02),            # 1 evening
    _prof([(12.5, 2.0, 0.6), (22.0, 2.5, 1.0)], 0.04),           # 2 student / late
    _prof([(11, 3.5, 1.0), (19, 3.5, 0.9)], 0.03),               # 3 broad daytime
    _prof([(1.0, 2.5, 1.0), (15, 3, 0.3)], 0.05),                # 4 night owl
])
PROF_CDF = np.cumsum(PROFILES, axis=1)
PROF_CDF[:, -1] = 1.0
OFFICE = 0


class Bank:
    """append-only array of objects; add() returns the global indices"""

    def __init__(self):
        self.parts, self.n = [], 0

    def add(self, arr):
        arr = np.asarray(arr, dtype=object)
        idx = np.arange(self.n, self.n + len(arr), dtype=np.int64)
        self.parts.append(arr)
        self.n += len(arr)
        return idx

    def values(self):
        return np.concatenate(self.parts) if self.parts else np.array([], dtype=object)


class Lists:
    """variable-length integer lists stored flat; a list is (offset, length)"""

    def __init__(self):
        self.parts, self.n = [], 0

    def add(self, flat, lens):
        flat = np.asarray(flat, np.int64)
        lens = np.asarray(lens, np.int64)
        offs = self.n + np.concatenate([[0], np.cumsum(lens)[:-1]]).astype(np.int64)
        self.parts.append(flat)
        self.n += len(flat)
        return offs, lens

    def add1(self, arr):
        o, ln = self.add(arr, [len(arr)])
        return int(o[0]), int(ln[0])

    def padded(self, M):
        M = np.asarray(M, np.int64)
        mask = M >= 0
        return self.add(M[mask], mask.sum(1))

    def array(self):
        return np.concatenate(self.parts) if self.parts else np.zeros(0, np.int64)


def ip4str(x):
    x = np.asarray(x, np.int64)
    return [f"{v >> 24}.{(v >> 16) & 255}.{(v >> 8) & 255}.{v & 255}" for v in x.tolist()]


# component columns and defaults; -1 / nan = take from the account
CF = dict(acc=-1, n=0, mode=0, t0=0.0, t1=0.0, a=1.0, b=0.0, c=0.0, e=0.0,
          po=0, pl=1, pa=1.0, io=-1, il=0, ia=-1.0, jo=-1, jl=0, jp=-1.0,
          mix=-1, pvs=-1.0, pvd=-1.0, pvr=-1.0, mi=np.nan, si=np.nan, mo=np.nan, so=np.nan, miss=0.002)
# modes: 0 diurnal local (a=gamma (<0: back-loaded), b=profile)
#        1 cron (a=interval s, b=phase s, c=jitter s)
#        2 window (a=gamma)
#        3 UTC schedule (a=start hour, b=width h, c=account shift h, e=per-request jitter h)

ACC_FIELDS = ["created", "end", "cc", "tz", "email", "phone", "sip", "sdev", "ua", "org", "do", "dl",
              "io", "il", "ia", "jo", "jl", "jp", "mix", "pvs", "pvd", "pvr", "mi", "si", "mo", "so",
              "fake", "ring", "kind"]


class Gen:
    def __init__(self, N, seed):
        self.N, self.seed = N, seed
        self.r = np.random.default_rng(seed)
        self.s = N / 60000.0
        self.ipb = Bank()
        self.ipb.add([""])               # index 0 = missing ip
        self.ipl = Lists()
        self.devid = 0
        self.devua = Bank()
        self.devkind = []
        self.devl = Lists()
        self.ntpl = 0
        self.tpll = Lists()
        self.card_bin, self.card_cc = Bank(), Bank()
        self.cardl = Lists()
        self.acc = defaultdict(list)
        self.nacc = 0
        self.cmp = defaultdict(list)
        self.pay = defaultdict(list)
        self.groups = []                 # (kind, ring, count) for the report
        self.notes = []
        self._setup_net()
        self._setup_cards()
        self._setup_templates()

    # ---------------------------------------------------------------- basics
    def rint(self, lo, hi):
        """integer in [lo, hi], scaled by population size for counts"""
        return int(self.r.integers(lo, hi + 1))

    def scaled(self, lo, hi, minimum=1):
        return max(minimum, int(round(self.r.uniform(lo, hi) * self.s)))

    def per_cc(self, cc, fn, dtype=object):
        out = np.empty(len(cc), dtype=dtype)
        for c in np.unique(cc):
            sel = np.nonzero(cc == c)[0]
            out[sel] = fn(c, len(sel))
        return out

    def new_tpl(self, k):
        ids = np.arange(self.ntpl, self.ntpl + k, dtype=np.int64)
        self.ntpl += k
        return ids

    def tpl_pool(self, k):
        return self.tpll.add1(self.new_tpl(k))

    def new_dev(self, k, kind):
        r = self.r
        if kind == "desk":
            ua = np.array(DESK_UA, dtype=object)[r.choice(len(DESK_UA), k, p=DESK_W)]
        elif kind == "mob":
            ua = np.array(MOB_UA, dtype=object)[r.choice(len(MOB_UA), k, p=MOB_W)]
        elif kind == "headless":
            ua = np.array(HEADLESS_UA, dtype=object)[r.integers(0, len(HEADLESS_UA), k)]
        elif kind == "emu":
            ua = np.array(EMU_UA, dtype=object)[r.integers(0, len(EMU_UA), k)]
        else:
            raise ValueError(kind)
        return self.devua.add(ua)

    # ---------------------------------------------------------------- network
    def _take16(self, k):
        out = self._b16[self._b16i:self._b16i + k]
        self._b16i += k
        return out.astype(np.int64) << 16

    def _hosts(self, bases, k):
        """k random addresses inside random /16 bases"""
        b = bases[self.r.integers(0, len(bases), k)]
        return b | (self.r.integers(0, 256, k) << 8) | self.r.integers(1, 255, k)

    def _setup_net(self):
        r = self.r
        bad = {0, 10, 100, 127, 169, 172, 192, 198, 203}
        firsts = [o for o in range(1, 224) if o not in bad]
        b16 = np.array([(a << 8) | b for a in firsts for b in range(256)], np.int64)
        r.shuffle(b16)
        self._b16, self._b16i = b16, 0
        self.isp = {c: self._take16(int(r.integers(25, 60))) for c in CCS}
        v6first = ["2a02", "2a01", "2a00", "2003", "2600", "2601", "2605", "2409", "2405", "2400", "2804", "2c0f", "2402", "2406", "2a0a"]
        self.isp6 = {c: [f"{v6first[int(r.integers(len(v6first)))]}:{int(r.integers(0x1000, 0xffff)):x}" for _ in range(3)] for c in CCS}
        # mobile carriers: CGNAT pools, each IP shared by hundreds of strangers
        self.carrier_ips, self.carrier_l = {}, {}
        for c in CCS:
            nc = int(r.integers(1, 4))
            ips, ls = [], []
            for _ in range(nc):
                base = self._take16(1)
                k = int(max(12, r.integers(25, 220) * min(1.0, self.s ** 0.5)))
                idx = self.ipb.add(ip4str(self._hosts(base, k)))
                ips.append(idx)
                ls.append(self.ipl.add1(idx))
            self.carrier_ips[c], self.carrier_l[c] = ips, ls
        self.hosting = [self._take16(int(r.integers(2, 6))) for _ in range(14)]
        # public VPN providers (exit IPs in hosting space)
        self.vpn_l, self.vpn_ips = [], []
        for _ in range(int(r.integers(3, 6))):
            hb = self.hosting[int(r.integers(len(self.hosting)))]
            idx = self.ipb.add(ip4str(self._hosts(hb, int(r.integers(40, 200)))))
            self.vpn_ips.append(idx)
            self.vpn_l.append(self.ipl.add1(idx))
        # residential proxy providers: pools over many countries' home ranges
        self.prox_ips, self.prox_l = [], []
        for lo, hi in [(2500, 5000), (700, 1600)]:
            k = self.scaled(lo, hi, 200)
            cc = CCS[r.choice(len(CCS), k, p=CCW)]
            idx = self.res_ip(cc)
            self.prox_ips.append(idx)
            self.prox_l.append(self.ipl.add1(idx))
        self.prox_used = [0, 0]

    def res_ip(self, cc):
        cc = np.asarray(cc, dtype=object)
        out = np.zeros(len(cc), np.int64)
        for c in np.unique(cc):
            sel = np.nonzero(cc == c)[0]
            out[sel] = self.ipb.add(ip4str(self._hosts(self.isp[c], len(sel))))
        return out

    def res_ip6(self, cc):
        r = self.r
        cc = np.asarray(cc, dtype=object)
        out = np.zeros(len(cc), np.int64)
        for c in np.unique(cc):
            sel = np.nonzero(cc == c)[0]
            k = len(sel)
            pre = np.array(self.isp6[c], dtype=object)[r.integers(0, 3, k)]
            g = r.integers(0, 0x10000, (k, 6))
            strs = [f"{p}:{a:x}:{b:x}:{d:x}:{e:x}:{f:x}:{h:x}" for p, (a, b, d, e, f, h) in zip(pre, g.tolist())]
            out[sel] = self.ipb.add(strs)
        return out

    def host_ip(self, k, provider=None, subnet24=False):
        r = self.r
        hb = self.hosting[int(r.integers(len(self.hosting)))] if provider is None else self.hosting[provider]
        if subnet24:
            base = hb[int(r.integers(len(hb)))] | (int(r.integers(0, 256)) << 8)
            hosts = r.choice(np.arange(2, 254), size=min(k, 250), replace=False)
            return self.ipb.add(ip4str(base | hosts))
        return self.ipb.add(ip4str(self._hosts(hb, k)))

    def carrier_pick(self, cc):
        """per account: a carrier list (off, len) and one IP of it"""
        r = self.r
        cc = np.asarray(cc, dtype=object)
        jo = np.zeros(len(cc), np.int64)
        jl = np.zeros(len(cc), np.int64)
        ip = np.zeros(len(cc), np.int64)
        for c in np.unique(cc):
            sel = np.nonzero(cc == c)[0]
            which = r.integers(0, len(self.carrier_l[c]), len(sel))
            for w in np.unique(which):
                s2 = sel[which == w]
                o, ln = self.carrier_l[c][w]
                jo[s2], jl[s2] = o, ln
                ip[s2] = self.carrier_ips[c][w][r.integers(0, ln, len(s2))]
        return jo, jl, ip

    # ---------------------------------------------------------------- cards
    def _setup_cards(self):
        r = self.r
        k = 700
        kind = r.choice(4, k, p=[0.55, 0.25, 0.12, 0.08])
        bins = []
        for t in kind:
            if t == 0:
                bins.append("4" + "".join(map(str, r.integers(0, 10, 5))))
            elif t == 1:
                bins.append("5" + str(int(r.integers(1, 6))) + "".join(map(str, r.integers(0, 10, 4))))
            elif t == 2:
                bins.append("2" + str(int(r.integers(221, 721))) + "".join(map(str, r.integers(0, 10, 2))))
            else:
                bins.append("3" + str(int(r.choice([4, 7]))) + "".join(map(str, r.integers(0, 10, 4))))
        self.bank_bins = np.array(bins, dtype=object)
        self.bank_bin_cc = CCS[r.choice(len(CCS), k, p=CCW)]
        self.bin_by_cc = {c: np.nonzero(self.bank_bin_cc == c)[0] for c in CCS}
        # prepaid / gift-card products (sold in shops, some 8-digit BINs)
        pp = []
        for i in range(14):
            d = 8 if i % 3 == 0 else 6
            pp.append(str(int(r.choice([4, 5]))) + "".join(map(str, r.integers(0, 10, d - 1))))
        self.prepaid_bins = np.array(pp, dtype=object)
        self.prepaid_cc = np.array(["US"] * 8 + ["GB"] * 3 + ["CA", "DE", "AU"], dtype=object)

    def new_cards(self, cc, prepaid=False, bins=None):
        r = self.r
        cc = np.asarray(cc, dtype=object)
        k = len(cc)
        if bins is not None:
            b = np.asarray(bins, dtype=object)[r.integers(0, len(bins), k)]
            ccs = cc
        elif prepaid:
            j = r.choice(len(self.prepaid_bins), k, p=np.linspace(2, 1, len(self.prepaid_bins)) / np.linspace(2, 1, len(self.prepaid_bins)).sum())
            b, ccs = self.prepaid_bins[j], self.prepaid_cc[j]
        else:
            b = np.empty(k, dtype=object)
            ccs = cc.copy()
            for c in np.unique(cc):
                sel = np.nonzero(cc == c)[0]
                pool = self.bin_by_cc[c]
                if len(pool) == 0:
                    pool = np.arange(len(self.bank_bins))
                pick = pool[r.integers(0, len(pool), len(sel))]
                b[sel] = self.bank_bins[pick]
                # a few cards issued abroad
                ab = r.random(len(sel)) < 0.06
                ccs[sel[ab]] = self.bank_bin_cc[pick[ab]]
        self.card_cc.add(ccs)
        return self.card_bin.add(b)

    def payments(self, acc, co, cl, plan, start, end, ntop=1, amt=20.0, cur="USD", gamma=1.0):
        k = len(acc)
        for key, v in dict(acc=acc, co=co, cl=cl, plan=plan, start=start, end=end, ntop=ntop, amt=amt, cur=cur, gamma=gamma).items():
            self.pay[key].append(np.broadcast_to(np.asarray(v, dtype=object if key == "cur" else None), (k,)).copy())

    def std_payments(self, idx, P, p_pay, cards=None, prepaid=False, ptopup=0.3):
        """subscribers and top-up buyers among idx; cards: per-account card list (co, cl) or None=own card"""
        r = self.r
        m = len(idx)
        pays = r.random(m) < p_pay
        if not pays.any():
            return
        sel = np.nonzero(pays)[0]
        if cards is None:
            cid = self.new_cards(P["cc"][sel], prepaid=prepaid)
            second = r.random(len(sel)) < 0.12     # replaced card
            M = np.full((len(sel), 2), -1, np.int64)
            M[:, 0] = cid
            if second.any():
                M[second, 1] = self.new_cards(P["cc"][sel][second], prepaid=prepaid)
            co, cl = self.cardl.padded(M)
        else:
            co, cl = cards[0][sel], cards[1][sel]
        plan = (r.random(len(sel)) < ptopup).astype(np.int64)
        st = P["created"][sel] + r.exponential(6 * DAY, len(sel))
        cur = np.array([CC_CUR[c] if r.random() < 0.7 else "USD" for c in P["cc"][sel]], dtype=object)
        price = np.array([CC_PRICE[c] for c in P["cc"][sel]], float)
        price = np.where(cur == "USD", 20.0, price)
        price *= r.choice([1.0, 1.0, 1.0, 2.5, 10.0], len(sel), p=[0.5, 0.2, 0.1, 0.15, 0.05])
        ntop = 1 + r.poisson(np.clip((P["end"][sel] - st) / (45 * DAY), 0, 20))
        self.payments(idx[sel], co, cl, plan, st, P["end"][sel], ntop, price, cur)

    # ---------------------------------------------------------------- templates
    def _setup_templates(self):
        r = self.r
        k = self.scaled(20000, 35000, 3000)
        self.pop_pool = self.tpl_pool(k)
        self.pop_alpha = r.uniform(2.7, 3.3)

    # ---------------------------------------------------------------- identities
    def names(self, cc):
        r = self.r
        first = np.empty(len(cc), dtype=object)
        last = np.empty(len(cc), dtype=object)
        for c in np.unique(cc):
            sel = np.nonzero(cc == c)[0]
            reg = C[c][9] if r.random() < 0.9 else "en"
            F, L = NAMES[reg]
            first[sel] = F[r.integers(0, len(F), len(sel))]
            last[sel] = L[r.integers(0, len(L), len(sel))]
        return first, last

    def emails(self, cc, dom=None, style="free", first=None, last=None):
        r = self.r
        m = len(cc)
        if first is None:
            first, last = self.names(cc)
        if dom is None:
            def pick(c, k):
                d = C[c][8]
                keys = np.array(list(d.keys()), dtype=object)
                w = np.array(list(d.values()), float)
                return keys[r.choice(len(keys), k, p=w / w.sum())]
            dom = self.per_cc(cc, pick)
        elif isinstance(dom, str):
            dom = np.full(m, dom, dtype=object)
        if style == "free":
            pat = r.choice(11, m, p=np.array([18, 12, 4, 10, 12, 10, 8, 6, 4, 8, 8]) / 100)
        else:   # corporate / institutional
            pat = r.choice([0, 1, 6, 7, 8], m, p=[0.55, 0.08, 0.22, 0.1, 0.05])
        num = r.integers(1, 9999, m).tolist()
        yr = r.integers(1962, 2008, m).tolist()
        wd = WORDS[r.integers(0, len(WORDS), m)].tolist()
        out = []
        for p, f, l, n, y, w, d in zip(pat.tolist(), first.tolist(), last.tolist(), num, yr, wd, dom.tolist()):
            if p == 0:
                s = f"{f}.{l}"
            elif p == 1:
                s = f"{f}{l}"
            elif p == 2:
                s = f"{f}_{l}"
            elif p == 3:
                s = f"{f}.{l}{n % 100}"
            elif p == 4:
                s = f"{f}{n}"
            elif p == 5:
                s = f"{f}{l}{y}"
            elif p == 6:
                s = f"{f[0]}{l}"
            elif p == 7:
                s = f"{f[0]}.{l}"
            elif p == 8:
                s = f"{l}.{f}"
            elif p == 9:
                s = f"{w}{f[:3]}{n % 1000}"
            else:
                s = f"{f}{y % 100:02d}"
            out.append(s + "@" + d)
        return np.array(out, dtype=object), first, last

    def phones(self, cc, p=0.45):
        r = self.r
        m = len(cc)
        out = np.full(m, "", dtype=object)
        has = np.nonzero(r.random(m) < p)[0]
        for c in np.unique(cc[has]):
            sel = has[cc[has] == c]
            k = len(sel)
            code, prefs, nd = C[c][2], C[c][3], C[c][4]
            pre = np.array(prefs, dtype=object)[r.integers(0, len(prefs), k)]
            if code == "1":            # NANP: area code, exchange 2-9xx, line
                area = [a if len(a) == 3 else f"{a}{x:02d}" for a, x in zip(pre.tolist(), r.integers(0, 100, k).tolist())]
                nat = [f"{a}{x}{y:04d}" for a, x, y in zip(area, r.integers(200, 1000, k).tolist(), r.integers(0, 10000, k).tolist())]
            else:
                num = r.integers(0, 10 ** nd, k)
                nat = [f"{a}{b:0{nd}d}" for a, b in zip(pre.tolist(), num.tolist())]
            fmt = r.random(k)
            out[sel] = [(f"+{code}{x}" if f < 0.86 else f"+{code} {x[:3]} {x[3:6]} {x[6:]}")
                        for x, f in zip(nat, fmt.tolist())]
        return out

    def created_growth(self, m, t0=HIST0, t1=SIGNUP_END, growth=None):
        r = self.r
        g = np.log(r.uniform(2.5, 5.0)) if growth is None else growth
        u = r.random(m)
        return (t0 + (t1 - t0) * np.log1p(u * (np.exp(g) - 1)) / g).astype(np.int64)

    def churn_end(self, created, p_stay=0.5, mean_days=150):
        r = self.r
        m = len(created)
        life = r.exponential(mean_days * DAY, m) + DAY
        e = np.where(r.random(m) < p_stay, END, created + life)
        return np.minimum(e, END).astype(np.int64)

    def people(self, m, cc=None, created=None, end=None, dom=None, style="free", net=True, dev=True,
               phone_p=0.45, first=None, last=None):
        r = self.r
        if cc is None:
            cc = CCS[r.choice(len(CCS), m, p=CCW)]
        elif isinstance(cc, str):
            cc = np.full(m, cc, dtype=object)
        cc = np.asarray(cc, dtype=object)
        P = {"cc": cc}
        P["tz"] = self.per_cc(cc, lambda c, k: np.array(C[c][1], float)[r.integers(0, len(C[c][1]), k)], float)
        P["created"] = self.created_growth(m) if created is None else np.asarray(created, np.int64)
        P["end"] = self.churn_end(P["created"]) if end is None else np.asarray(end, np.int64)
        P["email"], P["first"], P["last"] = self.emails(cc, dom=dom, style=style, first=first, last=last)
        P["phone"] = self.phones(cc, phone_p)
        P["org"] = np.full(m, "", dtype=object)
        if dev:
            hasd = r.random(m) < 0.65
            hasm = (r.random(m) < 0.85) | ~hasd
            M = np.full((m, 2), -1, np.int64)
            M[hasd, 0] = self.new_dev(int(hasd.sum()), "desk")
            M[hasm, 1] = self.new_dev(int(hasm.sum()), "mob")
            swap = r.random(m) < 0.45
            M[swap] = M[swap][:, ::-1]
            P["do"], P["dl"] = self.devl.padded(M)
            first_dev = np.where(M[:, 0] >= 0, M[:, 0], M[:, 1])
            P["sdev"] = np.where(r.random(m) < 0.96, first_dev, -1)
            P["hasmob"] = hasm
        if net:
            M = np.full((m, 3), -1, np.int64)
            M[:, 0] = self.res_ip(cc)
            dyn = r.random(m) < 0.18
            M[dyn, 1] = self.res_ip(cc[dyn])
            v6s = np.array([C[c][10] for c in cc])
            v6 = r.random(m) < v6s
            M[v6, 2] = self.res_ip6(cc[v6])
            P["io"], P["il"] = self.ipl.padded(M)
            P["ia"] = np.full(m, 2.0)
            jo, jl, mip = self.carrier_pick(cc)
            P["jo"], P["jl"] = jo, jl
            mob = P.get("hasmob", np.ones(m, bool))
            P["jp"] = np.where(mob, r.beta(1.2, 4.0, m), 0.03)
            P["sip"] = np.where(r.random(m) < P["jp"] * 0.7, mip, M[:, 0])
        P["prof"] = r.choice(len(PROFILES), m, p=[0.2, 0.3, 0.12, 0.3, 0.08]).astype(float)
        P["mix"] = r.choice(4, m, p=[0.45, 0.3, 0.15, 0.1])
        P["pvs"] = r.beta(2, 3, m)
        P["pvd"] = r.exponential(15 * DAY, m)
        P["pvr"] = r.uniform(10, 60, m) * DAY
        early = r.random(m) < r.uniform(0.03, 0.08)        # early adopters switch on release day
        P["pvs"] = np.where(early, r.uniform(0.5, 0.9, m), P["pvs"])
        P["pvd"] = np.where(early, r.uniform(0, DAY, m), P["pvd"])
        P["pvr"] = np.where(early, r.uniform(2 * HOUR, 2 * DAY, m), P["pvr"])
        P["mi"] = r.normal(4.3, 0.4, m)
        P["si"] = np.full(m, 0.9)
        P["mo"] = r.normal(5.6, 0.4, m)
        P["so"] = np.full(m, 0.9)
        return P

    def add_acc(self, kind, P, fake=0, ring=""):
        m = len(P["cc"])
        idx = np.arange(self.nacc, self.nacc + m, dtype=np.int64)
        self.nacc += m
        dflt = dict(org="", phone="", email="", sip=0, sdev=-1, do=0, dl=0, io=0, il=0, ia=2.0, jo=0, jl=0, jp=0.0,
                    mix=0, pvs=0.3, pvd=10 * DAY, pvr=30 * DAY, mi=4.3, si=0.9, mo=5.6, so=0.9)
        for f in ACC_FIELDS:
            if f == "fake":
                v = fake
            elif f == "ring":
                v = ring
            elif f == "kind":
                v = kind
            elif f == "ua":
                continue
            elif f in P:
                v = P[f]
            else:
                v = dflt[f]
            v = np.asarray(v)
            if v.dtype.kind in "UO" or f in ("org", "phone", "email", "ring", "kind", "cc"):
                v = v.astype(object)
            self.acc[f].append(np.broadcast_to(v, (m,)).copy())
        self.groups.append((kind, ring, m))
        return idx

    # ---------------------------------------------------------------- traffic
    def comp(self, acc, n, **kw):
        acc = np.asarray(acc, np.int64)
        k = len(acc)
        for key, d in CF.items():
            if key == "acc":
                v = acc
            elif key == "n":
                v = np.asarray(n, np.int64)
            else:
                v = kw.pop(key, d)
            self.cmp[key].append(np.broadcast_to(np.asarray(v, dtype=float if key not in ("acc", "n", "mode", "po", "pl", "io", "il", "jo", "jl", "mix") else np.int64), (k,)).copy())
        if kw:
            raise KeyError(kw)

    def usage(self, idx, P, n, extra=(), eshare=None, p_pop=None, t0=None, t1=None, gamma=1.0, prof=None, mode=0, **kw):
        """light-to-heavy diurnal use of popular + personal (+ extra shared) templates"""
        r = self.r
        m = len(idx)
        n = np.asarray(n, np.int64)
        ne = len(extra)
        es = np.zeros((m, ne)) if eshare is None else np.asarray(eshare, float).reshape(m, ne)
        rest = 1.0 - es.sum(1)
        pp = r.beta(2.0, 2.5, m) if p_pop is None else np.broadcast_to(p_pop, (m,))
        sh = np.column_stack([rest * pp, rest * (1 - pp), es])
        sh = np.clip(sh, 0, None)
        sh /= sh.sum(1, keepdims=True)
        cnt = r.multinomial(n, sh)
        kp = np.clip(1 + r.poisson(0.35 * np.sqrt(np.maximum(cnt[:, 1], 0))), 1, 60)
        kp = np.where(cnt[:, 1] > 0, kp, 0)
        po, pl_ = self.tpll.add(self.new_tpl(int(kp.sum())), kp)
        t0 = P["created"] if t0 is None else t0
        t1 = P["end"] if t1 is None else t1
        prof = P["prof"] if prof is None else prof
        common = dict(mode=mode, t0=t0, t1=t1, a=gamma, b=prof, **kw)
        self.comp(idx, cnt[:, 0], po=self.pop_pool[0], pl=self.pop_pool[1], pa=self.pop_alpha, **common)
        self.comp(idx, cnt[:, 1], po=po, pl=np.maximum(pl_, 1), pa=1.5, **common)
        for j, (eo, el, ea) in enumerate(extra):
            self.comp(idx, cnt[:, 2 + j], po=eo, pl=el, pa=ea, **common)
        return cnt

    def activity(self, m, med=18, sigma=1.3, cap=4000):
        return np.clip(np.round(self.r.lognormal(np.log(med), sigma, m)), 1, cap).astype(np.int64)

    # ================================================================ legit groups
    def g_singles(self, m, kind="single"):
        r = self.r
        if m <= 0:
            return
        P = self.people(m)
        if kind == "single_mobile":          # mobile-first users behind carrier CGNAT
            jo, jl, mip = self.carrier_pick(P["cc"])
            P["jo"], P["jl"], P["io"], P["il"] = P["io"], P["il"], jo, jl
            P["ia"] = np.full(m, 1.0)
            P["jp"] = r.uniform(0.0, 0.25, m)
            P["sip"] = mip
        elif kind == "single_vpn":           # privacy users on public VPN exits
            w = r.integers(0, len(self.vpn_l), m)
            vo = np.array([self.vpn_l[i][0] for i in w])
            vl = np.array([self.vpn_l[i][1] for i in w])
            P["jo"], P["jl"], P["io"], P["il"] = P["io"], P["il"], vo, vl
            P["ia"] = np.full(m, 1.0)
            P["jp"] = r.uniform(0.05, 0.4, m)
            P["sip"] = np.array([self.vpn_ips[i][int(r.integers(len(self.vpn_ips[i])))] for i in w])
        elif kind == "proxy_exit_home":      # home IP also rented out as residential-proxy exit
            pool = self.prox_ips[0]
            take = pool[self.prox_used[0]:self.prox_used[0] + m]
            self.prox_used[0] += len(take)
            M = np.full((m, 2), -1, np.int64)
            M[:len(take), 0] = take
            if len(take) < m:
                M[len(take):, 0] = pool[r.integers(0, len(pool), m - len(take))]
            v6 = r.random(m) < 0.2
            M[v6, 1] = self.res_ip6(P["cc"][v6])
            P["io"], P["il"] = self.ipl.padded(M)
            P["sip"] = M[:, 0]
        idx = self.add_acc(kind, P)
        n = self.activity(m, med=16 if kind != "single_vpn" else 22)
        self.usage(idx, P, n, gamma=r.uniform(0.8, 1.8, m))
        if kind == "prepaid_payer":
            self.std_payments(idx, P, 1.0, prepaid=True, ptopup=0.85)
        else:
            self.std_payments(idx, P, 0.33)

    def g_households(self, total):
        r = self.r
        sizes = r.choice([2, 3, 4, 5, 6], size=int(total / 2) + 10, p=[0.48, 0.27, 0.16, 0.07, 0.02])
        H = int(np.searchsorted(np.cumsum(sizes), total)) + 1
        sizes = sizes[:H]
        m = int(sizes.sum())
        hid = np.repeat(np.arange(H), sizes)
        start = np.concatenate([[0], np.cumsum(sizes)[:-1]])
        pos = np.arange(m) - start[hid]
        hcc = CCS[r.choice(len(CCS), H, p=CCW)]
        cc = hcc[hid]
        th = self.created_growth(H)
        later = np.where(r.random(m) < 0.25, r.exponential(3 * HOUR, m), r.exponential(60 * DAY, m))
        created = np.minimum(th[hid] + np.where(pos == 0, 0, later), SIGNUP_END).astype(np.int64)
        first, last = self.names(cc)
        hl = last[start]
        share_last = (r.random(H) < 0.55)[hid]
        last = np.where(share_last, hl[hid], last)
        P = self.people(m, cc=cc, created=created, net=False, dev=False, first=first, last=last)
        # shared home network
        h4 = self.res_ip(hcc)
        h6 = np.full(H, -1, np.int64)
        v6 = r.random(H) < np.array([C[c][10] for c in hcc])
        h6[v6] = self.res_ip6(hcc[v6])
        M = np.column_stack([h4[hid], h6[hid]])
        P["io"], P["il"] = self.ipl.padded(M)
        P["ia"] = np.full(m, 2.0)
        jo, jl, mip = self.carrier_pick(cc)
        P["jo"], P["jl"] = jo, jl
        P["jp"] = r.beta(1.2, 4.0, m)
        P["sip"] = np.where(r.random(m) < 0.15, mip, h4[hid])
        # devices: own phone / laptop, sometimes a shared family laptop
        shared = np.full(H, -1, np.int64)
        sh = r.random(H) < r.uniform(0.3, 0.5)
        shared[sh] = self.new_dev(int(sh.sum()), "desk")
        D = np.full((m, 3), -1, np.int64)
        om = r.random(m) < 0.9
        od = r.random(m) < 0.35
        D[om, 0] = self.new_dev(int(om.sum()), "mob")
        D[od, 1] = self.new_dev(int(od.sum()), "desk")
        D[:, 2] = shared[hid]
        none = (D < 0).all(1)
        D[none, 0] = self.new_dev(int(none.sum()), "mob")
        P["do"], P["dl"] = self.devl.padded(D)
        on_shared = (shared[hid] >= 0) & (r.random(m) < 0.5)
        firstdev = np.where(D[:, 0] >= 0, D[:, 0], np.where(D[:, 1] >= 0, D[:, 1], D[:, 2]))
        P["sdev"] = np.where(on_shared, shared[hid], firstdev)
        P["prof"] = r.choice(len(PROFILES), m, p=[0.1, 0.45, 0.15, 0.25, 0.05]).astype(float)
        idx = self.add_acc("household", P)
        self.usage(idx, P, self.activity(m, med=14), gamma=r.uniform(0.8, 1.6, m))
        # family card
        fam = r.random(H) < r.uniform(0.25, 0.4)
        fcard = np.full(H, -1, np.int64)
        fcard[fam] = self.new_cards(hcc[fam])
        fo = np.zeros(H, np.int64)
        fl = np.zeros(H, np.int64)
        fo[fam], fl[fam] = self.cardl.add(fcard[fam], np.ones(int(fam.sum()), np.int64))
        infam = fam[hid]
        sel = np.nonzero(infam)[0]
        if len(sel):
            Ps = {k: v[sel] for k, v in P.items() if isinstance(v, np.ndarray) and len(v) == m}
            self.std_payments(idx[sel], Ps, 0.6, cards=(fo[hid][sel], fl[hid][sel]), ptopup=0.1)
        sel = np.nonzero(~infam)[0]
        Ps = {k: v[sel] for k, v in P.items() if isinstance(v, np.ndarray) and len(v) == m}
        self.std_payments(idx[sel], Ps, 0.3)

    def company_domain(self, cc):
        r = self.r
        w1, w2 = WORDS[r.integers(0, len(WORDS), 2)]
        tld = {"DE": ".de", "GB": ".co.uk", "FR": ".fr", "JP": ".co.jp", "IN": ".in", "BR": ".com.br", "NL": ".nl",
               "PL": ".pl", "ES": ".es", "AU": ".com.au", "KR": ".co.kr"}.get(cc, ".com")
        if r.random() < 0.35:
            tld = r.choice([".io", ".ai", ".com", ".dev", ".co"])
        return f"{w1}{w2}{tld}" if r.random() < 0.7 else f"{w1}-{w2}{tld}"

    def g_orgs(self, total, kind, org, med, sig, smax, freemail_p, card_share_p, shared_dev_p):
        """companies (declared org) and teams (startups/agencies, no org)"""
        r = self.r
        done = 0
        while done < total:
            k = int(np.clip(round(r.lognormal(np.log(med), sig)), 2 if org else 3, smax))
            k = min(k, max(2, total - done))
            done += k
            cc0 = str(CCS[r.choice(len(CCS), p=CCW)])
            cc = np.where(r.random(k) < 0.9, cc0, CCS[r.choice(len(CCS), k, p=CCW)]).astype(object)
            dom = self.company_domain(cc0)
            free = r.random() < freemail_p
            tr = self.created_growth(1, HIST0, SIGNUP_END - 20 * DAY)[0]
            roll = r.random(k) < r.uniform(0.3, 0.8)
            tz0 = C[cc0][1][0]
            kick = (tr // DAY) * DAY + (9 - tz0) * HOUR
            created = np.where(roll, kick + r.uniform(0, r.uniform(1, 6) * HOUR, k), tr + r.exponential(90 * DAY, k))
            created = np.minimum(created, SIGNUP_END).astype(np.int64)
            end = np.where(r.random(k) < 0.85, END, created + r.exponential(120 * DAY, k) + DAY)
            P = self.people(k, cc=cc, created=created, end=np.minimum(end, END), dom=None if free else dom,
                            style="free" if free else "corp")
            P["org"] = np.full(k, f"org_{int(r.integers(16 ** 9, 16 ** 10)):x}" if org else "", dtype=object)
            nof = int(r.integers(1, 5 if org else 3))
            if kind == "company" and r.random() < 0.15:
                office = self.host_ip(nof)            # cloud secure-web-gateway egress
            else:
                office = self.res_ip(np.full(nof, cc0, dtype=object))
            M = np.full((k, nof + 1), -1, np.int64)
            M[:, :nof] = office
            M[:, nof] = self.res_ip(cc)
            P["io"], P["il"] = self.ipl.padded(M)
            P["ia"] = np.full(k, r.uniform(1.3, 2.5))
            P["jp"] = P["jp"] * 0.5
            P["sip"] = np.where(roll | (r.random(k) < 0.6), office[r.integers(0, nof, k)], M[:, nof])
            if r.random() < shared_dev_p:
                sd = self.new_dev(int(r.integers(1, 3)), "desk")
                D = np.full((k, 2), -1, np.int64)
                D[:, 0] = sd[r.integers(0, len(sd), k)]
                D[:, 1] = self.new_dev(k, "desk" if r.random() < 0.7 else "mob")
                P["do"], P["dl"] = self.devl.padded(D)
                P["sdev"] = np.where(r.random(k) < 0.5, D[:, 0], D[:, 1])
            P["prof"] = np.where(r.random(k) < 0.8, OFFICE, 3).astype(float)
            idx = self.add_acc(kind, P)
            it = self.tpl_pool(int(r.integers(5, 80)))
            es = r.uniform(0.15, 0.6) * r.uniform(0.6, 1.2, k)
            self.usage(idx, P, self.activity(k, med=24, sigma=1.1), extra=[(it[0], it[1], 1.6)],
                       eshare=np.clip(es, 0, 0.9)[:, None])
            # corporate / team card
            if r.random() < card_share_p:
                cid = self.new_cards(np.array([cc0], dtype=object))
                co, cl = self.cardl.add(cid, [1])
                per_seat = r.random() < (0.55 if org else 0.8)
                payers = np.arange(k) if per_seat else r.choice(k, min(k, int(r.integers(1, 3))), replace=False)
                Pp = {kk: v[payers] for kk, v in P.items() if isinstance(v, np.ndarray) and len(v) == k}
                self.std_payments(idx[payers], Pp, 1.0, cards=(np.full(len(payers), co[0]), np.full(len(payers), cl[0])), ptopup=0.1)
            else:
                self.std_payments(idx, P, 0.25)

    def g_universities(self, total):
        r = self.r
        nu = max(1, self.scaled(6, 12))
        sizes = r.multinomial(total, r.dirichlet(np.full(nu, 2.0)))
        sfx = {"US": ".edu", "GB": ".ac.uk", "JP": ".ac.jp", "IN": ".ac.in", "KR": ".ac.kr", "DE": ".de", "FR": ".fr",
               "BR": ".edu.br", "VN": ".edu.vn", "ID": ".ac.id", "NG": ".edu.ng", "AU": ".edu.au", "MX": ".edu.mx",
               "ES": ".es", "TR": ".edu.tr", "PL": ".edu.pl", "CA": ".ca", "NL": ".nl", "SG": ".edu.sg", "PH": ".edu.ph"}
        sem = {"JP": ["2025-04-07", "2025-09-22", "2026-04-06"], "KR": ["2025-03-03", "2025-09-01", "2026-03-02"],
               "AU": ["2025-02-24", "2025-07-28", "2026-02-23"], "BR": ["2025-02-17", "2025-08-04", "2026-02-16"],
               "IN": ["2025-01-06", "2025-07-21", "2026-01-05"]}
        for u in range(nu):
            k = int(sizes[u])
            if k < 5:
                continue
            cc0 = str(CCS[r.choice(len(CCS), p=CCW)])
            w = WORDS[r.integers(0, len(WORDS), 2)]
            pre = {"DE": "uni-", "FR": "univ-"}.get(cc0, "")
            dom = f"{pre}{w[0]}{w[1]}{sfx[cc0]}"
            if r.random() < 0.4:
                dom = f"{r.choice(['student', 'students', 'mail', 'st'])}.{dom}"
            campus16 = self._take16(1)
            campus = self.ipb.add(ip4str(self._hosts(campus16, int(r.integers(2, 7)))))
            starts = np.array([T(s + "T00:00:00") for s in sem.get(cc0, ["2025-01-13", "2025-09-08", "2026-02-16"])])
            starts += (r.integers(-7, 8, len(starts)) * DAY)
            tz0 = C[cc0][1][0]
            ws = r.choice(len(starts), k, p=[0.2, 0.4, 0.4])
            surge = r.random(k) < r.uniform(0.5, 0.75)
            created = np.where(surge, starts[ws] - 3 * DAY + r.exponential(r.uniform(3, 8) * DAY, k),
                               r.uniform(HIST0, SIGNUP_END, k))
            created = created.astype(np.int64)
            cc = np.where(r.random(k) < 0.93, cc0, CCS[r.choice(len(CCS), k, p=CCW)]).astype(object)
            end = np.minimum(np.where(r.random(k) < 0.6, END, created + r.uniform(60, 300, k) * DAY), END)
            P = self.people(k, cc=cc, created=created, end=end, dom=dom, style="corp", phone_p=0.3)
            # student-number mailboxes, numbered in enrolment order
            sn = r.random() < 0.6
            if sn:
                order = np.argsort(created, kind="stable")
                num = np.empty(k, np.int64)
                num[order] = int(r.integers(10 ** 5, 9 * 10 ** 5)) + np.arange(k) * r.integers(1, 4)
                letter = str(r.choice(["s", "u", "st", "", "e"]))
                use = r.random(k) < 0.8
                P["email"] = np.where(use, np.array([f"{letter}{x}@{dom}" for x in num], dtype=object), P["email"])
            nc = len(campus)
            M = np.full((k, nc + 1), -1, np.int64)
            M[:, :nc] = campus
            M[:, nc] = self.res_ip(cc)
            P["io"], P["il"] = self.ipl.padded(M)
            P["ia"] = np.full(k, r.uniform(1.0, 1.6))
            P["sip"] = np.where(r.random(k) < 0.6, campus[r.integers(0, nc, k)], M[:, nc])
            P["prof"] = r.choice(len(PROFILES), k, p=[0.05, 0.2, 0.55, 0.15, 0.05]).astype(float)
            if r.random() < 0.25:
                P["org"] = np.full(k, f"org_{int(r.integers(16 ** 9, 16 ** 10)):x}", dtype=object)
            idx = self.add_acc("university", P)
            self.usage(idx, P, self.activity(k, med=12), gamma=r.uniform(1.0, 1.8, k))
            self.std_payments(idx, P, 0.08)
            # classes with assignments: same few templates, same days, same evening hours
            campus_l = self.ipl.add1(campus)
            for _ in range(int(r.integers(3, 11))):
                s = int(r.integers(0, len(starts)))
                members = np.nonzero(created <= starts[s] + 21 * DAY)[0]
                if len(members) < 10:
                    continue
                cs = min(len(members), int(r.integers(20, 200)))
                members = r.choice(members, cs, replace=False)
                for _a in range(int(r.integers(2, 7))):
                    ta = starts[s] + int(r.uniform(14, 100) * DAY)
                    win = int(r.uniform(2, 5) * DAY)
                    if ta + win > END:
                        continue
                    pool = self.tpl_pool(int(r.integers(1, 5)))
                    part = members[r.random(cs) < r.uniform(0.6, 0.95)]
                    part = part[end[part] > ta]
                    if len(part) == 0:
                        continue
                    self.comp(idx[part], 1 + r.poisson(r.uniform(3, 9), len(part)), mode=0, t0=ta, t1=ta + win,
                              a=-2.5, b=2.0, po=pool[0], pl=pool[1], pa=1.2)
                    if r.random() < 0.5:       # lab session: all in the room at once
                        lab = (ta // DAY) * DAY + int((r.choice([9, 10, 14, 16]) - tz0) * HOUR)
                        self.comp(idx[part], 1 + r.poisson(2.5, len(part)), mode=2, t0=lab, t1=lab + 100 * MIN,
                                  po=pool[0], pl=pool[1], pa=1.2, io=campus_l[0], il=campus_l[1], ia=1.0, jp=0.0)

    def g_framework(self, m):
        """users of a popular agent framework: shared templates, cron schedules"""
        r = self.r
        fw = self.new_tpl(int(r.integers(200, 601)))
        fw_alpha = r.uniform(1.8, 2.6)
        created = self.created_growth(m, FRAMEWORK_T + 5 * DAY, SIGNUP_END, growth=np.log(r.uniform(4, 8)))
        P = self.people(m, created=created)
        cloud = r.random(m) < r.uniform(0.3, 0.5)
        if cloud.any():
            kc = int(cloud.sum())
            prov = r.integers(0, 5, kc)        # a few big clouds
            vm = np.zeros(kc, np.int64)
            for pv in np.unique(prov):
                s2 = np.nonzero(prov == pv)[0]
                vm[s2] = self.host_ip(len(s2), provider=int(pv))
            home = self.res_ip(P["cc"][cloud])
            co, cl = self.ipl.padded(np.column_stack([vm, home]))
            P["io"][cloud], P["il"][cloud] = co, cl
            P["ia"][cloud] = 3.0
        idx = self.add_acc("agent_framework", P)
        ku = r.integers(2, 26, m)
        flat = fw[(len(fw) * r.random(int(ku.sum())) ** fw_alpha).astype(np.int64)]
        uo, ul = self.tpll.add(flat, ku)
        interval = r.choice([300, 900, 1800, 3600, 7200, 21600, 86400], m, p=[0.04, 0.1, 0.12, 0.5, 0.1, 0.06, 0.08]).astype(float)
        phase = np.where(r.random(m) < 0.45, 0.0, r.random(m) * interval)
        t0 = created + r.exponential(3 * DAY, m)
        t1 = np.minimum(P["end"], t0 + r.lognormal(np.log(40 * DAY), 1.0, m))
        slots = np.maximum(1, (t1 - t0) / interval)
        n = np.minimum(np.round(r.lognormal(np.log(60), 1.0, m)), slots * 2).clip(1, 1500).astype(np.int64)
        self.comp(idx, n, mode=1, t0=t0, t1=t1, a=interval, b=phase, c=r.uniform(0.5, 20, m), po=uo, pl=ul, pa=1.0,
                  mix=np.where(r.random(m) < 0.6, 1, 3), mo=r.normal(5.0, 0.4, m))
        self.usage(idx, P, self.activity(m, med=8), p_pop=0.6)
        self.std_payments(idx, P, 0.4, ptopup=0.6)

    def g_launch(self, m):
        """product launch / viral day: thousands sign up in hours, try starter templates, most go quiet"""
        r = self.r
        D = T("2026-02-15T00:00:00") + int(r.integers(0, 130)) * DAY + int(r.uniform(13, 18) * HOUR)
        self.notes.append(f"launch day {datetime.fromtimestamp(D, timezone.utc):%Y-%m-%d %H:%M}Z")
        late = r.random(m) < 0.12
        created = np.where(late, D + r.uniform(0, 3 * DAY, m), D + r.gamma(2.0, r.uniform(0.8, 2.0) * HOUR, m))
        created = np.minimum(created, SIGNUP_END).astype(np.int64)
        stay = r.random(m) < r.uniform(0.12, 0.3)
        end = np.where(stay, self.churn_end(created + 3 * DAY, 0.5, 120), created + r.uniform(2 * HOUR, 2 * DAY, m))
        P = self.people(m, created=created, end=np.minimum(end, END).astype(np.int64))
        idx = self.add_acc("launch_day", P)
        st = self.tpl_pool(int(r.integers(8, 26)))
        self.comp(idx, 1 + r.poisson(r.uniform(2, 6), m), mode=2, t0=created, t1=created + r.uniform(0.5, 30, m) * HOUR,
                  a=1.6, po=st[0], pl=st[1], pa=1.6)
        s = np.nonzero(stay)[0]
        Ps = {k: v[s] for k, v in P.items() if isinstance(v, np.ndarray) and len(v) == m}
        self.usage(idx[s], Ps, self.activity(len(s), med=14), extra=[(st[0], st[1], 1.6)],
                   eshare=np.full((len(s), 1), 0.05))
        self.std_payments(idx[s], Ps, 0.3)

    def g_integrators(self, m):
        """heavy API integrators: backend services with heavy templated traffic"""
        r = self.r
        doms = np.array([self.company_domain(str(c)) for c in CCS[r.choice(len(CCS), m, p=CCW)]], dtype=object)
        created = self.created_growth(m, HIST0, T("2026-04-01T00:00:00"))
        P = self.people(m, created=created, end=np.full(m, END), dom=doms, style="corp")
        ni = r.integers(1, 5, m)
        flat = np.concatenate([self.host_ip(int(x)) for x in ni])
        P["io"], P["il"] = self.ipl.add(flat, ni)
        P["ia"] = np.full(m, 1.2)
        P["jp"] = np.full(m, 0.0)
        P["org"] = np.array([f"org_{int(r.integers(16 ** 9, 16 ** 10)):x}" if r.random() < 0.5 else "" for _ in range(m)], dtype=object)
        idx = self.add_acc("api_integrator", P)
        kt = r.integers(3, 41, m)
        po, pl_ = self.tpll.add(self.new_tpl(int(kt.sum())), kt)
        n = np.clip(np.round(r.lognormal(np.log(4000), 0.8, m)), 600, 22000).astype(np.int64)
        t0 = created + r.uniform(1, 20, m) * DAY
        cron = r.random(m) < 0.5
        self.comp(idx[cron], n[cron], mode=1, t0=t0[cron], t1=END, a=r.uniform(60, 900, int(cron.sum())).round(),
                  b=r.uniform(0, 60, int(cron.sum())), c=3.0, po=po[cron], pl=pl_[cron], pa=1.4,
                  mi=r.normal(6.2, 0.5, int(cron.sum())), si=0.5, mo=r.normal(5.0, 0.6, int(cron.sum())), so=0.6)
        nc = ~cron
        self.comp(idx[nc], n[nc], mode=0, t0=t0[nc], t1=END, a=1.0, b=np.where(r.random(int(nc.sum())) < 0.6, 0, 3),
                  po=po[nc], pl=pl_[nc], pa=1.4, mi=r.normal(6.0, 0.5, int(nc.sum())), si=0.5,
                  mo=r.normal(5.2, 0.6, int(nc.sum())), so=0.6)
        P["cc"] = P["cc"]
        self.std_payments(idx, P, 1.0, ptopup=0.2)

    def g_venues(self, total):
        """internet cafes (shared PCs) and coworking spaces (shared NAT)"""
        r = self.r
        done = 0
        cafe_cc = np.array(["IN", "NG", "ID", "VN", "PH", "BR", "TR", "MX"], dtype=object)
        cow_cc = np.array(["US", "DE", "GB", "NL", "FR", "SG", "ES", "IN"], dtype=object)
        while done < total:
            k = min(int(r.integers(8, 61)), max(3, total - done))
            done += k
            cafe = r.random() < 0.6
            cc0 = str(r.choice(cafe_cc if cafe else cow_cc))
            opened = r.uniform(HIST0 - 200 * DAY, SIGNUP_END - 60 * DAY)
            created = np.maximum(r.uniform(max(opened, HIST0), SIGNUP_END, k), HIST0).astype(np.int64)
            cc = np.where(r.random(k) < 0.85, cc0, CCS[r.choice(len(CCS), k, p=CCW)]).astype(object)
            P = self.people(k, cc=cc, created=created)
            vip = self.res_ip(np.full(int(r.integers(1, 3)), cc0, dtype=object))
            M = np.full((k, len(vip) + 1), -1, np.int64)
            M[:, :len(vip)] = vip
            M[:, len(vip)] = self.res_ip(cc)
            P["io"], P["il"] = self.ipl.padded(M)
            P["ia"] = np.full(k, r.uniform(1.2, 3.0) if cafe else 1.5)
            P["sip"] = np.where(r.random(k) < 0.8, vip[r.integers(0, len(vip), k)], M[:, -1])
            if cafe:
                npc = int(r.integers(3, 16))
                ua = np.full(npc, DESK_UA[int(r.integers(0, 12))], dtype=object)
                pcs = self.devua.add(ua)
                D = np.full((k, 2), -1, np.int64)
                D[:, 0] = pcs[r.integers(0, npc, k)]
                ph = r.random(k) < 0.7
                D[ph, 1] = self.new_dev(int(ph.sum()), "mob")
                P["do"], P["dl"] = self.devl.padded(D)
                P["sdev"] = np.where(r.random(k) < 0.75, D[:, 0], np.where(ph, D[:, 1], D[:, 0]))
            P["prof"] = r.choice(len(PROFILES), k, p=[0.3, 0.25, 0.15, 0.3, 0.0]).astype(float)
            idx = self.add_acc("internet_cafe" if cafe else "coworking", P)
            self.usage(idx, P, self.activity(k, med=12))
            self.std_payments(idx, P, 0.15 if cafe else 0.35)

    def g_cohorts(self, total):
        """bootcamps and hackathons: cohort signs up together, follows the same tutorial templates"""
        r = self.r
        done = 0
        while done < total:
            k = min(int(r.integers(15, 101)), max(5, total - done))
            done += k
            hack = r.random() < 0.4
            cc0 = str(CCS[r.choice(len(CCS), p=CCW)])
            tz0 = C[cc0][1][0]
            day0 = int(r.uniform(T("2025-03-01T00:00:00"), SIGNUP_END - 14 * DAY) // DAY) * DAY
            kick = day0 + int((r.choice([9, 10, 18]) - tz0) * HOUR)
            late = r.random(k) < (0.05 if hack else 0.15)
            created = np.where(late, kick + r.uniform(0, 1.5 * DAY, k), kick - r.uniform(0, r.uniform(0.5, 2.5) * HOUR, k))
            created = created.astype(np.int64)
            dur = (2 if hack else int(r.integers(5, 13))) * DAY
            stay = r.random(k) < r.uniform(0.3, 0.6)
            end = np.where(stay, self.churn_end(created + dur, 0.5, 150), kick + dur + r.uniform(0, 5, k) * DAY)
            cc = np.where(r.random(k) < 0.85, cc0, CCS[r.choice(len(CCS), k, p=CCW)]).astype(object)
            P = self.people(k, cc=cc, created=created, end=np.minimum(end, END).astype(np.int64))
            venue = self.res_ip(np.full(int(r.integers(1, 4)), cc0, dtype=object))
            vl = self.ipl.add1(venue)
            P["sip"] = np.where(late, P["sip"], venue[r.integers(0, len(venue), k)])
            idx = self.add_acc("hackathon" if hack else "bootcamp", P)
            tut = self.tpl_pool(int(r.integers(5, 21)))
            n = 5 + r.poisson(r.uniform(10, 30), k)
            if hack:
                self.comp(idx, n, mode=2, t0=kick, t1=kick + dur, a=1.0, po=tut[0], pl=tut[1], pa=1.3,
                          io=vl[0], il=vl[1], ia=1.0, jp=0.1)
            else:
                self.comp(idx, n, mode=0, t0=kick, t1=kick + dur, a=1.0, b=0.0, po=tut[0], pl=tut[1], pa=1.3,
                          io=vl[0], il=vl[1], ia=1.0, jp=0.05)
            s = np.nonzero(stay)[0]
            Ps = {kk: v[s] for kk, v in P.items() if isinstance(v, np.ndarray) and len(v) == k}
            self.usage(idx[s], Ps, self.activity(len(s), med=14), t0=Ps["created"] + dur)
            self.std_payments(idx, P, 0.2)

    def g_ci_sandbox(self, total):
        """(own) QA / CI sandbox accounts of dev-tool companies: batch signups, plus-addressed
        sequential mailboxes, headless browsers, hourly cron tests"""
        r = self.r
        done = 0
        while done < total:
            k = min(int(r.integers(10, 61)), max(3, total - done))
            done += k
            cc0 = str(r.choice(["US", "DE", "GB", "NL", "IN", "FR", "CA"]))
            dom = self.company_domain(cc0)
            runners = self.host_ip(int(r.integers(1, 4)))
            rl = self.ipl.add1(runners)
            nb = int(r.integers(1, 5))
            bt = r.uniform(HIST0, SIGNUP_END - 10 * DAY, nb)
            b = np.sort(r.integers(0, nb, k))
            seqpos = np.arange(k) - np.searchsorted(b, b)
            created = (bt[b] + seqpos * r.uniform(5, 40)).astype(np.int64)
            end = np.minimum(np.where(r.random(k) < 0.5, END, created + r.uniform(3, 150, k) * DAY), END).astype(np.int64)
            P = self.people(k, cc=np.full(k, cc0, dtype=object), created=created, end=end, net=False, dev=False, phone_p=0.0)
            pre = str(r.choice(["ci", "qa", "test", "sandbox", "e2e", "dev"]))
            tag = str(r.choice(["", "sbx", "run", "bot"]))
            P["email"] = np.array([f"{pre}+{tag}{i:04d}@{dom}" for i in range(1, k + 1)], dtype=object)
            headless = r.random() < 0.5
            if headless or r.random() < 0.5:
                dv = self.new_dev(k, "headless" if headless else "desk")
            else:
                dv0 = self.new_dev(int(r.integers(1, 3)), "desk")
                dv = dv0[r.integers(0, len(dv0), k)]
            P["do"], P["dl"] = self.devl.add(dv, np.ones(k, np.int64))
            P["sdev"] = dv
            P["io"], P["il"] = np.full(k, rl[0]), np.full(k, rl[1])
            P["ia"] = np.full(k, 1.0)
            P["jp"] = np.zeros(k)
            P["sip"] = runners[r.integers(0, len(runners), k)]
            if r.random() < 0.5:
                P["org"] = np.full(k, f"org_{int(r.integers(16 ** 9, 16 ** 10)):x}", dtype=object)
            idx = self.add_acc("ci_sandbox", P)
            tp = self.tpl_pool(int(r.integers(3, 16)))
            iv = float(r.choice([1800, 3600, 3600, 86400]))
            t0 = created + 60
            slots = np.maximum(1, (end - t0) / iv)
            n = np.minimum(np.round(r.lognormal(np.log(120), 0.8, k)), slots * 3).clip(1, 2000).astype(np.int64)
            self.comp(idx, n, mode=1, t0=t0, t1=end, a=iv, b=float(r.uniform(0, 300)), c=20.0, po=tp[0], pl=tp[1],
                      pa=1.2, mix=3, mi=3.5, si=0.4, mo=3.5, so=0.5)
            if r.random() < 0.5:
                cid = self.new_cards(np.array([cc0], dtype=object))
                co, cl = self.cardl.add(cid, [1])
                self.payments(idx, co[0], cl[0], 1, created, created + DAY, 1, 5.0, "USD")

    def g_multi(self, total):
        """(own) one person, two or three accounts (personal / work / side project)"""
        r = self.r
        npers = max(1, int(total / 2.3))
        na = np.where(r.random(npers) < 0.7, 2, 3)
        m = int(na.sum())
        pid = np.repeat(np.arange(npers), na)
        pos = np.arange(m) - np.concatenate([[0], np.cumsum(na)[:-1]])[pid]
        pcc = CCS[r.choice(len(CCS), npers, p=CCW)]
        cc = pcc[pid]
        F, L = self.names(pcc)
        t0 = self.created_growth(npers)
        created = np.minimum(t0[pid] + np.where(pos == 0, 0, r.exponential(120 * DAY, m)), SIGNUP_END).astype(np.int64)
        base = self.people(npers, cc=pcc, created=t0, first=F, last=L)
        P = self.people(m, cc=cc, created=created, net=False, dev=False, first=F[pid], last=L[pid])
        be = base["email"][pid]
        v = r.random(m)
        plus = np.array([e.split("@")[0] + "+" + str(r.choice(["work", "dev", "biz", "test", "2", "alt", "proj"])) + "@" + e.split("@")[1]
                         for e in be], dtype=object)
        corp = self.emails(cc, dom=np.array([self.company_domain(str(c)) for c in cc], dtype=object), style="corp",
                           first=F[pid], last=L[pid])[0]
        P["email"] = np.where(pos == 0, be, np.where(v < 0.35, plus, np.where(v < 0.65, P["email"], corp)))
        for f in ("do", "dl", "sdev", "io", "il", "ia", "jo", "jl", "jp", "sip", "tz"):
            P[f] = base[f][pid]
        P["phone"] = np.where(pos == 0, base["phone"][pid], np.where(r.random(m) < 0.5, base["phone"][pid], ""))
        idx = self.add_acc("multi_account", P)
        self.usage(idx, P, self.activity(m, med=14))
        same = (r.random(npers) < 0.4)[pid]
        cid = self.new_cards(pcc)
        co, cl = self.cardl.add(cid, np.ones(npers, np.int64))
        s = np.nonzero(same)[0]
        Ps = {k: val[s] for k, val in P.items() if isinstance(val, np.ndarray) and len(val) == m}
        self.std_payments(idx[s], Ps, 0.7, cards=(co[pid][s], cl[pid][s]))
        s = np.nonzero(~same)[0]
        Ps = {k: val[s] for k, val in P.items() if isinstance(val, np.ndarray) and len(val) == m}
        self.std_payments(idx[s], Ps, 0.3)

    # ================================================================ fraud helpers
    def batch_times(self, m, nb, t0, t1, span, hour=None, hour_sd=0.4):
        r = self.r
        nb = max(1, min(nb, m))
        starts = r.uniform(t0, t1, nb)
        if hour is not None:
            starts = (starts // DAY) * DAY + (hour + r.normal(0, hour_sd, nb)) * HOUR
        sizes = r.multinomial(m, r.dirichlet(np.full(nb, 3.0)))
        b = np.repeat(np.arange(nb), sizes)
        sp = np.broadcast_to(np.asarray(span, float), (nb,))
        t = starts[b] + r.random(m) * sp[b]
        return np.clip(t, HIST0, SIGNUP_END).astype(np.int64), b

    def rand_local(self, m, lo=7, hi=12, digits=0.35):
        r = self.r
        alpha = np.array(list("abcdefghijklmnopqrstuvwxyz"))
        alnum = np.array(list("abcdefghijklmnopqrstuvwxyz0123456789"))
        L = r.integers(lo, hi + 1, m)
        A = np.where(r.random((m, hi)) < digits, alnum[r.integers(26, 36, (m, hi))], alpha[r.integers(0, 26, (m, hi))])
        return ["".join(row[:l]) for row, l in zip(A.tolist(), L.tolist())]

    def plusdot(self, m, nbase):
        """plus / dot variants of a few base gmail-like mailboxes"""
        r = self.r
        F, L = NAMES["en"]
        bases = [f"{F[r.integers(len(F))]}{L[r.integers(len(L))]}{int(r.integers(10, 99))}" for _ in range(nbase)]
        out = []
        cnt = defaultdict(int)
        for i in range(m):
            b = bases[int(r.integers(nbase))]
            cnt[b] += 1
            if r.random() < 0.5:
                tag = str(cnt[b]) if r.random() < 0.5 else "".join(r.choice(list("abcdefghijklmnopqrstuvwxyz0123456789"), int(r.integers(3, 7))))
                out.append(f"{b}+{tag}@gmail.com")
            else:
                cut = np.sort(r.choice(np.arange(1, len(b)), int(r.integers(1, 4)), replace=False))
                s, last = "", 0
                for c in cut:
                    s += b[last:c] + "."
                    last = c
                out.append(s + b[last:] + "@gmail.com")
        return np.array(out, dtype=object)

    def voip(self, m, seq=True):
        r = self.r
        npa = int(r.choice([209, 213, 267, 302, 318, 341, 347, 380, 404, 463, 510, 628, 659, 720, 762, 818, 872, 930]))
        nxx = int(r.integers(200, 999))
        if seq:
            num = int(r.integers(1000, 7000)) + np.cumsum(r.integers(1, 4, m))
        else:
            num = r.integers(0, 10000, m)
            nxx = r.integers(200, 999, m)
        nxx = np.broadcast_to(nxx, (m,))
        return np.array([f"+1{npa}{x}{n % 10000:04d}" for x, n in zip(nxx.tolist(), np.asarray(num).tolist())], dtype=object)

    def fraud_model(self, P, m, pivot=True):
        r = self.r
        P["mix"] = np.full(m, int(r.choice([4, 4, 5])))
        P["pvs"] = np.full(m, r.uniform(0.75, 0.97) if pivot else r.uniform(0.0, 0.3))
        P["pvd"] = np.full(m, r.uniform(0, 14) * HOUR if pivot else r.uniform(5, 25) * DAY)
        P["pvr"] = np.full(m, r.uniform(1, 8) * HOUR if pivot else 30 * DAY)
        P["mi"] = r.normal(r.uniform(5.0, 6.2), 0.2, m)
        P["si"] = np.full(m, 0.6)
        P["mo"] = r.normal(r.uniform(7.2, 7.8), 0.1, m)
        P["so"] = np.full(m, 0.35)

    def fraud_traffic(self, idx, P, ring_pool, w_ring, w_camp, w_cam, sched, med, t0=None, t1=None, **kw):
        """extraction on ring + campaign templates under a schedule, plus camouflage on popular templates"""
        r = self.r
        m = len(idx)
        n = np.clip(np.round(r.lognormal(np.log(med), 0.55, m)), 5, 6000).astype(np.int64)
        sh = r.dirichlet(np.array([w_ring, w_camp, w_cam], float) * 30 + 1e-3, m)
        cnt = r.multinomial(n, sh / sh.sum(1, keepdims=True))
        t0 = P["created"] + r.uniform(10 * MIN, 6 * HOUR, m) if t0 is None else t0
        t1 = P["end"] if t1 is None else t1
        if ring_pool is not None:
            self.comp(idx, cnt[:, 0], t0=t0, t1=t1, po=ring_pool[0], pl=ring_pool[1], pa=1.3, **sched, **kw)
        self.comp(idx, cnt[:, 1], t0=t0, t1=t1, po=self.camp_pool[0], pl=self.camp_pool[1], pa=self.camp_alpha, **sched, **kw)
        # camouflage: popular templates, human-looking hours in the claimed time zone
        cam = dict(kw)
        cam.update(mode=0, t0=t0, t1=t1, a=1.0, b=3.0, po=self.pop_pool[0], pl=self.pop_pool[1],
                   pa=self.pop_alpha, mo=5.8, so=0.9, mi=4.4, si=0.9)
        self.comp(idx, cnt[:, 2], **cam)
        return n

    def sched_utc(self, m, hw=(6, 12), jitter=0.3, req_jitter=0.4):
        r = self.r
        return dict(mode=3, a=float(r.uniform(0, 24)), b=float(r.uniform(*hw)), c=r.normal(0, jitter, m), e=req_jitter)

    def fraud_end(self, created, spread_days=2.0):
        r = self.r
        m = len(created)
        stop = CAMP1 + r.normal(0, spread_days, m) * DAY
        burned = r.random(m) < r.uniform(0.1, 0.3)
        stop = np.where(burned, created + r.uniform(3, 20, m) * DAY, stop)
        return np.clip(stop, created + DAY, END).astype(np.int64)

    # ================================================================ fraud rings
    def fake_base(self, m, cc, created, end, dev=True):
        P = self.people(m, cc=cc, created=created, end=end, net=False, dev=dev)
        self.fraud_model(P, m)
        P["prof"] = np.full(m, 3.0)
        return P

    def ring_prepaid(self, m, rid):
        """prepaid card pools shared across accounts, datacenter proxy subnets"""
        r = self.r
        nb = max(3, int(m / r.uniform(12, 35)))
        created, _ = self.batch_times(m, nb, CAMP0 - 6 * DAY, CAMP1 - 12 * DAY, r.uniform(8, 40) * MIN)
        cc = np.array(r.choice(["US", "GB", "CA", "AU"], m, p=[0.6, 0.2, 0.12, 0.08]), dtype=object)
        P = self.fake_base(m, cc, created, self.fraud_end(created), dev=False)
        doms = CHEAP_DOMAINS[r.choice(len(CHEAP_DOMAINS), int(r.integers(2, 4)), replace=False)]
        P["email"] = np.array([f"{a}@{d}" for a, d in zip(self.rand_local(m), doms[r.integers(0, len(doms), m)])], dtype=object)
        P["phone"] = np.where(r.random(m) < 0.5, self.voip(m, seq=False), "")
        sub = np.concatenate([self.host_ip(250, subnet24=True) for _ in range(int(r.integers(2, 5)))])
        sl = self.ipl.add1(sub)
        P["io"], P["il"], P["ia"], P["jp"] = np.full(m, sl[0]), np.full(m, sl[1]), np.full(m, 1.0), np.zeros(m)
        P["sip"] = sub[r.integers(0, len(sub), m)]
        uas = np.array(DESK_UA, dtype=object)[r.choice(len(DESK_UA), int(r.integers(3, 6)), replace=False)]
        dv = self.devua.add(uas[r.integers(0, len(uas), m)])
        P["do"], P["dl"] = self.devl.add(dv, np.ones(m, np.int64))
        P["sdev"] = dv
        idx = self.add_acc("fraud_prepaid_pool", P, 1, rid)
        ncard = max(2, int(np.ceil(m / r.uniform(3, 10))))
        bins = self.prepaid_bins[r.choice(len(self.prepaid_bins), int(r.integers(2, 5)), replace=False)]
        cards = self.new_cards(np.full(ncard, "US", dtype=object), bins=bins)
        co, cl = self.cardl.add(cards[r.integers(0, ncard, m)], np.ones(m, np.int64))
        self.payments(idx, co, cl, 1, created + r.exponential(2 * HOUR, m), created + 3 * DAY, r.integers(1, 4, m),
                      r.choice([10.0, 20.0, 50.0], m), "USD")
        pool = self.tpl_pool(int(r.integers(40, 200)))
        self.fraud_traffic(idx, P, pool, 0.45, 0.35, 0.2, self.sched_utc(m), r.uniform(150, 350))

    def ring_resproxy(self, m, rid):
        """rotation over a whole residential-proxy provider pool; real-looking identities"""
        r = self.r
        nb = max(3, int(m / r.uniform(15, 40)))
        created, _ = self.batch_times(m, nb, CAMP0 - 5 * DAY, CAMP1 - 10 * DAY, r.uniform(30, 120) * MIN)
        cc = CCS[r.choice(len(CCS), m, p=CCW)]
        P = self.fake_base(m, cc, created, self.fraud_end(created))
        P["phone"] = np.where(r.random(m) < 0.2, P["phone"], "")
        pl_ = self.prox_l[0]
        P["io"], P["il"], P["ia"], P["jp"] = np.full(m, pl_[0]), np.full(m, pl_[1]), np.full(m, 1.0), np.zeros(m)
        P["sip"] = self.prox_ips[0][r.integers(0, len(self.prox_ips[0]), m)]
        idx = self.add_acc("fraud_resproxy", P, 1, rid)
        paid = np.nonzero(r.random(m) < 0.5)[0]
        cid = self.new_cards(cc[paid])
        co, cl = self.cardl.add(cid, np.ones(len(paid), np.int64))
        self.payments(idx[paid], co, cl, 1, created[paid] + r.exponential(HOUR, len(paid)), created[paid] + DAY, 1,
                      r.choice([20.0, 50.0, 100.0], len(paid)), "USD")
        pool = self.tpl_pool(int(r.integers(60, 250)))
        sched = dict(mode=0, a=1.0, b=float(r.choice([1, 3])))       # mimics human hours
        self.fraud_traffic(idx, P, pool, 0.35, 0.45, 0.2, sched, r.uniform(180, 400))

    def ring_farm(self, m, rid, cards):
        """emulator / headless device farm: few devices shared by many accounts, 4G proxies"""
        r = self.r
        nb = max(3, int(m / r.uniform(20, 50)))
        created, _ = self.batch_times(m, nb, CAMP0 - 4 * DAY, CAMP1 - 12 * DAY, r.uniform(5, 20) * MIN)
        ccs = np.array(r.choice(["ID", "VN", "IN", "PH", "BR", "NG"], 3, replace=False), dtype=object)
        cc = ccs[r.integers(0, 3, m)]
        P = self.fake_base(m, cc, created, self.fraud_end(created), dev=False)
        F, L = self.names(cc)
        dom = np.array(["mail.ru", "yandex.ru", "hotmail.com", "outlook.com", "rambler.ru"], dtype=object)[r.integers(0, 5, m)]
        yy = r.integers(1975, 2004, m)
        P["email"] = np.array([f"{f}.{l}{y}@{d}" for f, l, y, d in zip(F, L, yy, dom)], dtype=object)
        P["phone"] = self.phones(cc, 0.9)
        nd = max(8, int(m / r.uniform(6, 20)))
        emu = r.random(nd) < 0.7
        devs = np.empty(nd, np.int64)
        devs[emu] = self.new_dev(int(emu.sum()), "emu")
        devs[~emu] = self.new_dev(int((~emu).sum()), "headless")
        D = np.full((m, 3), -1, np.int64)
        k = r.integers(1, 4, m)
        for j in range(3):
            D[k > j, j] = devs[r.integers(0, nd, int((k > j).sum()))]
        P["do"], P["dl"] = self.devl.padded(D)
        P["sdev"] = D[:, 0]
        mips = []
        for c in ccs:
            pool = self.carrier_ips[c][int(r.integers(len(self.carrier_ips[c])))]
            mips.append(pool[r.integers(0, len(pool), int(r.integers(2, 4)))])
        mips.append(self.host_ip(int(r.integers(1, 3))))
        mips = np.concatenate(mips)
        ml = self.ipl.add1(mips)
        P["io"], P["il"], P["ia"], P["jp"] = np.full(m, ml[0]), np.full(m, ml[1]), np.full(m, 1.0), np.zeros(m)
        P["sip"] = mips[r.integers(0, len(mips), m)]
        idx = self.add_acc("fraud_device_farm", P, 1, rid)
        if cards:
            nc = max(2, int(m / r.uniform(10, 30)))
            cid = self.new_cards(np.array(r.choice(["US", "GB", "DE", "BR"], nc), dtype=object))
            co, cl = self.cardl.add(cid[r.integers(0, nc, m)], np.ones(m, np.int64))
            self.payments(idx, co, cl, 1, created + r.exponential(HOUR, m), created + 2 * DAY, r.integers(1, 3, m),
                          r.choice([10.0, 20.0], m), "USD")
        pool = self.tpl_pool(int(r.integers(30, 150)))
        self.fraud_traffic(idx, P, pool, 0.3, 0.6, 0.1, dict(mode=2, a=1.0), r.uniform(250, 500))

    def ring_stealth(self, m, rid, jitter):
        """unique cards & devices; linked by batch signups at a fixed hour, plus/dot mailboxes,
        sequential VoIP numbers, ring-only templates, same UTC hours, long outputs, fast model pivot"""
        r = self.r
        hour = float(r.uniform(0, 24))
        nb = max(3, int(m / r.uniform(8, 25)))
        created, _ = self.batch_times(m, nb, CAMP0 - 10 * DAY, CAMP1 - 10 * DAY, r.uniform(20, 90) * MIN, hour=hour)
        cc = np.array(r.choice(["US", "GB", "DE", "CA", "AU", "NL"], m, p=[0.45, 0.15, 0.12, 0.12, 0.08, 0.08]), dtype=object)
        P = self.fake_base(m, cc, created, self.fraud_end(created, 1.0))
        em = self.plusdot(m, int(r.integers(3, 9)))
        doms = CHEAP_DOMAINS[r.choice(len(CHEAP_DOMAINS), 2, replace=False)]
        rnd = np.array([f"{a}@{d}" for a, d in zip(self.rand_local(m), doms[r.integers(0, 2, m)])], dtype=object)
        P["email"] = np.where(r.random(m) < 0.75, em, rnd)
        order = np.argsort(created, kind="stable")
        ph = np.empty(m, dtype=object)
        ph[order] = self.voip(m, seq=True)
        P["phone"] = np.where(r.random(m) < 0.85, ph, "")
        prov = int(r.integers(0, 2))
        pool_ips = self.prox_ips[prov]
        k = r.integers(1, 4, m)
        M = np.full((m, 3), -1, np.int64)
        for j in range(3):
            M[k > j, j] = pool_ips[r.integers(0, len(pool_ips), int((k > j).sum()))]
        P["io"], P["il"] = self.ipl.padded(M)
        P["ia"], P["jp"] = np.full(m, 1.5), np.zeros(m)
        P["sip"] = M[:, 0]
        self.fraud_model(P, m)
        P["mo"] = r.normal(7.7, 0.08, m)
        idx = self.add_acc("fraud_stealth", P, 1, rid)
        paid = np.nonzero(r.random(m) < 0.85)[0]
        cid = self.new_cards(CCS[r.choice(len(CCS), len(paid), p=CCW)])
        co, cl = self.cardl.add(cid, np.ones(len(paid), np.int64))
        self.payments(idx[paid], co, cl, r.integers(0, 2, len(paid)), created[paid] + r.exponential(3 * HOUR, len(paid)),
                      P["end"][paid], 1, r.choice([20.0, 50.0], len(paid)), "USD")
        pool = self.tpl_pool(int(r.integers(25, 120)))
        sched = dict(mode=3, a=(hour + r.uniform(0.5, 2)) % 24, b=float(r.uniform(2, 4)), c=r.normal(0, jitter, m), e=0.25)
        self.fraud_traffic(idx, P, pool, 0.8, 0.0, 0.2 * r.uniform(0.3, 1.2), sched, r.uniform(200, 450))
        return hour

    def ring_drip(self, m, rid):
        """(own) slow drip: one account at a time, no batches, rotating second proxy provider"""
        r = self.r
        created = r.uniform(CAMP0 - 20 * DAY, CAMP1 - 7 * DAY, m).astype(np.int64)
        cc = CCS[r.choice(len(CCS), m, p=CCW)]
        P = self.fake_base(m, cc, created, self.fraud_end(created, 3.0))
        P["phone"] = np.where(r.random(m) < 0.3, P["phone"], "")
        pl_ = self.prox_l[1]
        P["io"], P["il"], P["ia"], P["jp"] = np.full(m, pl_[0]), np.full(m, pl_[1]), np.full(m, 1.0), np.zeros(m)
        P["sip"] = self.prox_ips[1][r.integers(0, len(self.prox_ips[1]), m)]
        idx = self.add_acc("fraud_slow_drip", P, 1, rid)
        paid = np.nonzero(r.random(m) < 0.3)[0]
        cid = self.new_cards(cc[paid])
        co, cl = self.cardl.add(cid, np.ones(len(paid), np.int64))
        self.payments(idx[paid], co, cl, 0, created[paid] + HOUR, P["end"][paid], 1, 20.0, "USD")
        pool = self.tpl_pool(int(r.integers(30, 100)))
        self.fraud_traffic(idx, P, pool, 0.3, 0.5, 0.2, dict(mode=0, a=1.0, b=float(r.choice([1, 3]))), r.uniform(60, 140))

    def ring_takeover(self, m, rid):
        """(own) aged accounts bought or taken over: a year of legit-looking history, then extraction"""
        r = self.r
        created = self.created_growth(m, HIST0, T("2025-12-31T00:00:00"))
        tk = (CAMP0 + r.uniform(3, 20) * DAY + r.uniform(0, r.uniform(1, 5) * DAY, m)).astype(np.int64)
        P = self.people(m, created=created, end=np.full(m, END))
        idx0 = self.nacc
        attack = self.new_dev(int(r.integers(3, 9)), "desk")
        ar = self.devl.array()
        own = np.full((m, 2), -1, np.int64)
        own[:, 0] = ar[P["do"]]
        has2 = P["dl"] > 1
        own[has2, 1] = ar[P["do"][has2] + 1]
        D = np.column_stack([own, attack[r.integers(0, len(attack), m)]])
        P["do"], P["dl"] = self.devl.padded(D)
        idx = self.add_acc("fraud_account_takeover", P, 1, rid)
        assert idx[0] == idx0
        self.usage(idx, P, self.activity(m, med=15), t1=tk)
        self.std_payments(idx, P, 0.5, ptopup=0.0)
        pool_ips = self.prox_ips[0]
        M = pool_ips[r.integers(0, len(pool_ips), (m, 2))]
        io, il = self.ipl.padded(M)
        Q = dict(P)
        self.fraud_model(Q, m)
        stop = np.clip(CAMP1 + r.normal(0, 1, m) * DAY, tk + DAY, END)
        pool = self.tpl_pool(int(r.integers(30, 120)))
        self.fraud_traffic(idx, Q, pool, 0.4, 0.5, 0.1, self.sched_utc(m, (6, 10), 1.0), r.uniform(150, 300),
                           t0=tk, t1=stop, io=io, il=il, ia=1.0, jp=0.0, mix=Q["mix"], pvs=Q["pvs"], pvd=Q["pvd"],
                           pvr=Q["pvr"], mi=Q["mi"], si=Q["si"], mo=Q["mo"], so=Q["so"])

    def op_trialfarm(self, m, rid):
        """(own) free-trial credit farm resold behind an API gateway: no payments at all, sequential
        mailboxes, every request leaves from a few gateway VPS IPs, 24/7 generic traffic"""
        r = self.r
        s0 = CAMP0 - int(r.uniform(20, 40) * DAY)
        s1 = CAMP1 + int(r.uniform(-5, 10) * DAY)
        nd = max(2, int((s1 - s0) / DAY))
        day = r.integers(0, nd, m)
        hr = float(r.uniform(6, 11))
        created = (s0 + day * DAY + (hr + r.normal(0, 0.3, nd)[day]) * HOUR + r.uniform(0, 25, m) * MIN).astype(np.int64)
        cc = np.array(r.choice(["US", "IN", "BR", "ID"], m), dtype=object)
        life = r.uniform(5, 12, m) * DAY
        P = self.fake_base(m, cc, created, np.minimum(created + life, END).astype(np.int64), dev=False)
        order = np.argsort(created, kind="stable")
        w = str(r.choice(WORDS))
        dom = str(r.choice(CHEAP_DOMAINS))
        seq = np.empty(m, np.int64)
        seq[order] = int(r.integers(100, 900)) + np.cumsum(r.integers(1, 3, m))
        P["email"] = np.array([f"{w}{x}@{dom}" for x in seq], dtype=object)
        P["phone"] = np.full(m, "", dtype=object)
        hl = r.random(m) < 0.6
        dv = np.empty(m, np.int64)
        dv[hl] = self.new_dev(int(hl.sum()), "headless")
        dv[~hl] = self.new_dev(int((~hl).sum()), "desk")
        P["do"], P["dl"] = self.devl.add(dv, np.ones(m, np.int64))
        P["sdev"] = dv
        gw = self.host_ip(int(r.integers(2, 5)), subnet24=True)
        gl = self.ipl.add1(gw)
        P["io"], P["il"], P["ia"], P["jp"] = np.full(m, gl[0]), np.full(m, gl[1]), np.full(m, 1.0), np.zeros(m)
        P["sip"] = self.prox_ips[1][r.integers(0, len(self.prox_ips[1]), m)]
        P["mix"] = np.full(m, 1)
        P["mo"] = r.normal(5.8, 0.2, m)
        P["so"] = np.full(m, 1.0)
        idx = self.add_acc("fraud_trial_farm", P, 1, rid)
        sysp = self.tpl_pool(int(r.integers(2, 6)))
        n = np.clip(np.round(r.lognormal(np.log(r.uniform(250, 600)), 0.4, m)), 20, 3000).astype(np.int64)
        ns = r.binomial(n, r.uniform(0.15, 0.35))
        t0 = created + 10 * MIN
        self.comp(idx, ns, mode=2, t0=t0, t1=P["end"], po=sysp[0], pl=sysp[1], pa=1.0)
        self.comp(idx, n - ns, mode=2, t0=t0, t1=P["end"], po=self.pop_pool[0], pl=self.pop_pool[1], pa=self.pop_alpha)

    def op_side(self, m, rid, variant):
        """small side operation with its own infrastructure, templates and schedule"""
        r = self.r
        ws = int(r.uniform(T("2026-01-10T00:00:00"), T("2026-06-20T00:00:00")))
        length = int(r.uniform(10, 50) * DAY)
        created, _ = self.batch_times(m, int(r.integers(1, 4)), ws, ws + 7 * DAY, r.uniform(10, 60) * MIN)
        end = np.minimum(ws + length + r.normal(0, 1, m) * DAY, END).astype(np.int64)
        end = np.maximum(end, created + DAY)
        ncc = int(r.integers(1, 3))
        cc = np.array(r.choice(CCS, ncc, p=CCW), dtype=object)[r.integers(0, ncc, m)]
        P = self.fake_base(m, cc, created, end)
        est = int(r.integers(0, 3))
        if est == 0:
            dom = CHEAP_DOMAINS[int(r.integers(len(CHEAP_DOMAINS)))]
            P["email"] = np.array([f"{a}@{dom}" for a in self.rand_local(m, 6, 10)], dtype=object)
        elif est == 1:
            P["email"] = self.plusdot(m, int(r.integers(1, 3)))
        P["phone"] = np.where(r.random(m) < 0.3, P["phone"], "")
        if variant == "vpn":
            ips = self.host_ip(int(r.integers(2, 6)))
            l_ = self.ipl.add1(ips)
            P["io"], P["il"] = np.full(m, l_[0]), np.full(m, l_[1])
            P["sip"] = ips[r.integers(0, len(ips), m)]
        elif variant == "vps":
            sub = self.host_ip(250, subnet24=True)
            k = r.integers(1, 3, m)
            M = np.full((m, 2), -1, np.int64)
            M[:, 0] = sub[r.integers(0, 250, m)]
            M[k > 1, 1] = sub[r.integers(0, 250, int((k > 1).sum()))]
            P["io"], P["il"] = self.ipl.padded(M)
            P["sip"] = M[:, 0]
        else:
            ips = self.res_ip(CCS[r.choice(len(CCS), int(r.integers(10, 31)), p=CCW)])
            l_ = self.ipl.add1(ips)
            P["io"], P["il"] = np.full(m, l_[0]), np.full(m, l_[1])
            P["sip"] = ips[r.integers(0, len(ips), m)]
        P["ia"], P["jp"] = np.full(m, 1.0), np.zeros(m)
        if r.random() < 0.4:
            sd = self.new_dev(int(r.integers(1, 4)), str(r.choice(["desk", "headless", "mob"])))
            dv = sd[r.integers(0, len(sd), m)]
            P["do"], P["dl"] = self.devl.add(dv, np.ones(m, np.int64))
            P["sdev"] = dv
        idx = self.add_acc(f"fraud_side_{variant}", P, 1, rid)
        u = r.random()
        if u < 0.5:
            nc = int(r.integers(1, 4))
            cid = self.new_cards(cc[:nc] if len(cc) >= nc else np.full(nc, cc[0], dtype=object))
            co, cl = self.cardl.add(cid[r.integers(0, nc, m)], np.ones(m, np.int64))
            self.payments(idx, co, cl, 1, created + HOUR, created + 2 * DAY, 1, r.choice([10.0, 20.0], m), "USD")
        elif u < 0.8:
            cid = self.new_cards(cc)
            co, cl = self.cardl.add(cid, np.ones(m, np.int64))
            self.payments(idx, co, cl, 0, created + HOUR, end, 1, 20.0, "USD")
        pool = self.tpl_pool(int(r.integers(5, 31)))
        if r.random() < 0.5:
            self.fraud_model(P, m, pivot=False)
        self.fraud_traffic(idx, P, pool, 0.85, 0.0, r.uniform(0.0, 0.2), self.sched_utc(m, (2, 6), 0.3), r.uniform(80, 400),
                           mix=P["mix"], pvs=P["pvs"], pvd=P["pvd"], pvr=P["pvr"])

    # ================================================================ population
    def build(self):
        r = self.r
        N = self.N
        F = int(round(N * r.uniform(0.055, 0.075)))
        L = N - F

        def frac(lo, hi):
            return int(round(L * r.uniform(lo, hi)))

        self.g_households(frac(0.05, 0.08))
        self.g_orgs(frac(0.06, 0.09), "company", True, 7, 1.0, 400, 0.0, 0.7, 0.05)
        self.g_orgs(frac(0.02, 0.035), "team", False, 5, 0.5, 15, 0.4, 0.7, 0.2)
        self.g_universities(frac(0.05, 0.08))
        self.g_framework(frac(0.045, 0.07))
        self.g_launch(frac(0.035, 0.06))
        self.g_integrators(self.scaled(20, 60, 3))
        self.g_venues(frac(0.01, 0.02))
        self.g_cohorts(frac(0.01, 0.02))
        self.g_ci_sandbox(frac(0.002, 0.005))
        self.g_multi(frac(0.01, 0.02))
        self.g_singles(frac(0.02, 0.04), "single_mobile")
        self.g_singles(frac(0.01, 0.02), "single_vpn")
        self.g_singles(frac(0.008, 0.015), "prepaid_payer")
        self.g_singles(frac(0.003, 0.007), "proxy_exit_home")
        self.g_singles(L - self.nacc, "single")
        nlegit = self.nacc

        # ---- fraud
        self.camp_pool = self.tpl_pool(self.rint(300, 600))
        self.camp_alpha = r.uniform(1.8, 2.5)
        trial = self.scaled(80, 250, 10)
        drip = self.scaled(80, 250, 10)
        take = self.scaled(50, 150, 8)
        side = r.integers(8, 21, self.rint(4, 8))
        R = F - trial - drip - take - int(side.sum())
        if R < 0.5 * F:                       # small populations: shrink the extras
            f = 0.5 * F / max(1, trial + drip + take + int(side.sum()))
            trial, drip, take = max(5, int(trial * f)), max(5, int(drip * f)), max(5, int(take * f))
            side = np.maximum(4, (side * f).astype(int))
            R = F - trial - drip - take - int(side.sum())
        nr = {"prepaid": self.rint(2, 3), "resproxy": self.rint(1, 2), "farm": self.rint(1, 2), "stealth": self.rint(2, 4)}
        tshare = r.dirichlet(np.array([3, 2, 2, 3], float) * 5)
        tsize = r.multinomial(R, tshare)
        k = 0
        for (t, nring), ts in zip(nr.items(), tsize):
            sizes = r.multinomial(ts, r.dirichlet(np.full(nring, 4.0)))
            for i, sz in enumerate(sizes):
                sz = int(sz)
                if sz < 5:
                    continue
                rid = f"distill-{t}-{i + 1}"
                if t == "prepaid":
                    self.ring_prepaid(sz, rid)
                elif t == "resproxy":
                    self.ring_resproxy(sz, rid)
                elif t == "farm":
                    self.ring_farm(sz, rid, cards=(i % 2 == 0))
                else:
                    self.ring_stealth(sz, rid, 0.2 if i % 2 == 0 else r.uniform(1.5, 3.0))
                k += 1
        self.ring_drip(drip, "distill-drip-1")
        self.ring_takeover(take, "distill-takeover-1")
        self.op_trialfarm(trial, "trialfarm-1")
        variants = ["vpn", "vps", "proxy"]
        for i, sz in enumerate(side):
            self.op_side(int(sz), f"side-{i + 1:02d}", variants[int(r.integers(3))] if i >= 3 else variants[i])
        self.nlegit = nlegit

    # ================================================================ events
    def finalize(self):
        r = self.r
        A = {}
        for f in ACC_FIELDS:
            if f != "ua":
                A[f] = np.concatenate(self.acc[f])
        for f in ("created", "end", "sip", "sdev", "do", "dl", "io", "il", "jo", "jl", "mix", "fake"):
            A[f] = A[f].astype(np.int64)
        for f in ("tz", "ia", "jp", "pvs", "pvd", "pvr", "mi", "si", "mo", "so"):
            A[f] = A[f].astype(float)
        cr = A["created"]
        over, under = cr >= SIGNUP_END, cr <= HIST0    # no pile-ups at the edges
        cr = np.where(over, SIGNUP_END - r.uniform(0, 25 * DAY, len(cr)), cr)
        cr = np.where(under, HIST0 + r.uniform(0, 12 * DAY, len(cr)), cr)
        A["created"] = cr.astype(np.int64)
        A["end"] = np.clip(A["end"], A["created"] + HOUR, END)
        self.A = A
        self.IPL = self.ipl.array()
        self.DL = self.devl.array()
        self.CL = self.cardl.array()
        self.TPL = self.tpll.array()
        self.ips = self.ipb.values()
        self.tplbase = np.clip(r.lognormal(4.6, 1.1, self.ntpl), 5, 60000)

    def gen_requests(self):
        r = self.r
        A = self.A
        Cm = {}
        for k, v in self.cmp.items():
            Cm[k] = np.concatenate(v)
        keep = Cm["n"] > 0
        Cm = {k: v[keep] for k, v in Cm.items()}
        acc = Cm["acc"]
        cr = A["created"][acc].astype(float)
        t0 = np.clip(np.maximum(Cm["t0"], cr), None, END - 600)
        t1 = np.clip(Cm["t1"], None, END)
        t1 = np.maximum(t1, t0 + 600)
        for key in ("io", "jo"):
            dflt = Cm[key] < 0
            lk = "il" if key == "io" else "jl"
            Cm[key] = np.where(dflt, A[key][acc], Cm[key])
            Cm[lk] = np.where(dflt, A[lk][acc], Cm[lk])
        for key in ("ia", "jp", "pvs", "pvd", "pvr"):
            Cm[key] = np.where(Cm[key] < 0, A[key][acc], Cm[key])
        Cm["mix"] = np.where(Cm["mix"] < 0, A["mix"][acc], Cm["mix"])
        for key in ("mi", "si", "mo", "so"):
            Cm[key] = np.where(np.isnan(Cm[key]), A[key][acc], Cm[key])
        n = Cm["n"]
        budget = 3.9e6 * self.s              # keep api_requests under ~4M rows per 60k accounts
        if n.sum() > budget:
            n = r.binomial(n, budget / n.sum())
            n = np.where(Cm["n"] > 0, np.maximum(n, 1), 0)
            Cm["n"] = n
        tot = int(n.sum())
        ci = np.repeat(np.arange(len(n)), n)
        mode = Cm["mode"][ci]
        ts = np.empty(tot)
        a_, b_, c_, e_ = Cm["a"], Cm["b"], Cm["c"], Cm["e"]

        def fold(t, lo, hi):
            t = np.where(t < lo, t + np.ceil((lo - t) / DAY) * DAY, t)
            t = np.where(t > hi, t - np.ceil((t - hi) / DAY) * DAY, t)
            return np.clip(t, lo, hi)

        # 0 diurnal in local time
        s = np.nonzero(mode == 0)[0]
        c = ci[s]
        u = r.random(len(s))
        g = a_[c]
        u = np.where(g >= 0, u ** np.abs(g), 1 - u ** np.abs(g))
        t = t0[c] + (t1[c] - t0[c]) * u
        tzs = A["tz"][acc[c]] * HOUR
        day = np.floor((t + tzs) / DAY)
        prof = b_[c].astype(np.int64)
        h = np.zeros(len(s))
        for p in range(len(PROFILES)):
            sp = np.nonzero(prof == p)[0]
            h[sp] = np.searchsorted(PROF_CDF[p], r.random(len(sp)), side="right")
        wd = (day + 3) % 7
        wk = (prof == OFFICE) & (wd >= 5) & (r.random(len(s)) < 0.8)
        day = np.where(wk, day - (wd - 4), day)
        ts[s] = fold(day * DAY + (h + r.random(len(s))) * HOUR - tzs, t0[c], t1[c])
        # 1 cron
        s = np.nonzero(mode == 1)[0]
        c = ci[s]
        iv = np.maximum(a_[c], 1.0)
        base = np.ceil(t0[c] / iv) * iv
        nslot = np.maximum(1, np.floor((t1[c] - base) / iv))
        k = np.floor(r.random(len(s)) * nslot)
        ts[s] = np.clip(base + k * iv + b_[c] + np.abs(r.normal(0, 1, len(s))) * c_[c], t0[c], t1[c])
        # 2 window
        s = np.nonzero(mode == 2)[0]
        c = ci[s]
        ts[s] = t0[c] + (t1[c] - t0[c]) * r.random(len(s)) ** a_[c]
        # 3 UTC schedule
        s = np.nonzero(mode == 3)[0]
        c = ci[s]
        d0 = np.floor(t0[c] / DAY)
        nd = np.maximum(1, np.ceil((t1[c] - t0[c]) / DAY))
        d = d0 + np.floor(r.random(len(s)) * nd)
        hr = a_[c] + r.random(len(s)) * b_[c] + c_[c] + r.normal(0, 1, len(s)) * e_[c]
        ts[s] = fold(d * DAY + hr * HOUR, t0[c], t1[c])
        ts = ts.astype(np.int64)

        # templates
        pl_ = Cm["pl"][ci]
        j = np.minimum((pl_ * r.random(tot) ** Cm["pa"][ci]).astype(np.int64), pl_ - 1)
        tpl = self.TPL[Cm["po"][ci] + j]
        # ips
        il = Cm["il"][ci]
        jl = Cm["jl"][ci]
        ia = Cm["ia"][ci]
        ji = np.minimum((il * r.random(tot) ** ia).astype(np.int64), np.maximum(il - 1, 0))
        ip = np.where(il > 0, self.IPL[np.clip(Cm["io"][ci] + ji, 0, len(self.IPL) - 1)], 0)
        sec = (r.random(tot) < Cm["jp"][ci]) & (jl > 0)
        js = (jl * r.random(tot)).astype(np.int64)
        ip = np.where(sec, self.IPL[np.clip(Cm["jo"][ci] + js, 0, len(self.IPL) - 1)], ip)
        ip = np.where(r.random(tot) < Cm["miss"][ci], 0, ip)
        # models
        mix = Cm["mix"][ci]
        um = r.random(tot)
        model = (um[:, None] > MIX_CDF[mix]).sum(1)
        model = np.minimum(model, 3)
        model = np.where((model == 0) & (ts > LEGACY_EOL), 2, model)
        pp = Cm["pvs"][ci] * np.clip((ts - NEWMODEL_T - Cm["pvd"][ci]) / np.maximum(Cm["pvr"][ci], 60), 0, 1)
        model = np.where(r.random(tot) < pp, NEW_MODEL, model)
        # tokens
        tin = self.tplbase[tpl] + r.lognormal(Cm["mi"][ci], Cm["si"][ci])
        tin = np.clip(tin, 1, 190000).astype(np.int64)
        tout = np.clip(r.lognormal(Cm["mo"][ci], Cm["so"][ci]), 1, 16000).astype(np.int64)
        self.req_n_acc = np.bincount(acc, weights=n, minlength=len(A["created"])).astype(np.int64)
        return dict(acc=acc[ci], ts=ts, model=model, tin=tin, tout=tout, tpl=tpl, ip=ip)

    def hexids(self, n, prefix, width=12):
        x = self.r.choice(16 ** width if width <= 13 else 2 ** 52, n, replace=False)
        return [f"{prefix}{v:0{width}x}" for v in x.tolist()]

    def postal(self, cc):
        r = self.r
        out = np.empty(len(cc), dtype=object)
        L = np.array(list("ABCDEFGHJKLMNPRSTUVWXYZ"))
        for c in np.unique(cc):
            sel = np.nonzero(cc == c)[0]
            k = len(sel)
            fmt = C[c][7] if c in C else "#####"
            dg = r.integers(0, 10, (k, 8)).astype(str)
            lt = L[r.integers(0, len(L), (k, 4))]
            if fmt == "UK":
                v = [f"{a}{b}{d[0]} {d[1]}{e}{f}" for (a, b, e, f), d in zip(lt.tolist(), dg.tolist())]
            elif fmt == "CA":
                v = [f"{a}{d[0]}{b} {d[1]}{e}{d[2]}" for (a, b, e, f), d in zip(lt.tolist(), dg.tolist())]
            elif fmt == "NL":
                v = [f"{int(d[0]) % 9 + 1}{d[1]}{d[2]}{d[3]} {a}{b}" for (a, b, e, f), d in zip(lt.tolist(), dg.tolist())]
            else:
                v = []
                for d in dg.tolist():
                    it = iter(d)
                    v.append("".join(next(it) if ch == "#" else ch for ch in fmt))
            out[sel] = v
        return out

    def write(self, out):
        t_start = time.time()
        r = self.r
        A = self.A
        nacc = len(A["created"])
        os.makedirs(os.path.join(out, "truth"), exist_ok=True)
        aid = np.array(self.hexids(nacc, "u_", 12), dtype=object)
        ips = pl.Series("ip", self.ips.astype(str).tolist(), dtype=pl.Utf8)
        ndev = self.devua.n
        dev_ids = pl.Series("device_id", [f"{a:016x}{b:08x}" for a, b in zip(r.integers(0, 2 ** 63, ndev).tolist(), r.integers(0, 2 ** 32, ndev).tolist())])
        dev_ua = pl.Series("user_agent", self.devua.values().astype(str).tolist())
        aid_s = pl.Series("account_id", aid.astype(str).tolist())

        def ts_col(x):
            return pl.from_epoch(pl.Series(np.asarray(x, np.int64)), time_unit="s")

        # e-mail de-duplication (the same address cannot own two accounts)
        em = A["email"].astype(str).tolist()
        seen = set()
        for i, e in enumerate(em):
            if e and e.lower() in seen:
                lp, _, d = e.partition("@")
                e = f"{lp}{int(r.integers(10, 1000))}@{d}"
                em[i] = e
            seen.add(e.lower())
        ua = np.where(A["sdev"] >= 0, self.devua.values()[np.maximum(A["sdev"], 0)], "")
        acc_df = pl.DataFrame({
            "account_id": aid_s,
            "created_at": ts_col(A["created"]),
            "email": em,
            "phone": A["phone"].astype(str).tolist(),
            "country": A["cc"].astype(str).tolist(),
            "signup_ip": ips.gather(A["sip"]),
            "signup_device_id": dev_ids.gather(np.maximum(A["sdev"], 0)),
            "user_agent": ua.astype(str).tolist(),
            "org_id": A["org"].astype(str).tolist(),
        })
        acc_df = acc_df.with_columns(pl.when(pl.Series(A["sdev"] >= 0)).then(pl.col("signup_device_id")).otherwise(pl.lit("")).alias("signup_device_id"))
        acc_df = acc_df.sort("created_at")
        fmt = "%Y-%m-%dT%H:%M:%SZ"
        nullify(acc_df).write_csv(os.path.join(out, "accounts.csv"), datetime_format=fmt)
        nullify(pl.DataFrame({"account_id": aid_s, "is_fake": A["fake"], "ring_id": A["ring"].astype(str).tolist(),
                      "group_kind": A["kind"].astype(str).tolist()})).write_csv(os.path.join(out, "truth", "truth.csv"))

        # ---- api requests
        R = self.gen_requests()
        tplhex = pl.Series("prompt_fingerprint", [f"{v:016x}" for v in r.integers(0, 2 ** 63, self.ntpl).tolist()])
        req = pl.DataFrame({
            "account_id": aid_s.gather(R["acc"]),
            "ts": ts_col(R["ts"]),
            "model": pl.Series(MODELS.tolist()).gather(R["model"]),
            "input_tokens": R["tin"],
            "output_tokens": R["tout"],
            "prompt_fingerprint": tplhex.gather(R["tpl"]),
            "ip": ips.gather(R["ip"]),
        }).sort("ts")
        nullify(req).write_csv(os.path.join(out, "api_requests.csv"), datetime_format=fmt)
        counts = {"api_requests": req.height}
        del req

        # ---- ip events: signup + logins sampled from the account's own traffic
        nreq = self.req_n_acc
        p = np.minimum(1.0, (1.5 + 0.6 * np.sqrt(nreq)) / np.maximum(nreq, 1))
        take = (r.random(len(R["acc"])) < p[R["acc"]]) & (R["ip"] > 0)
        la = R["acc"][take]
        lt = np.maximum(R["ts"][take] - r.integers(0, 900, int(take.sum())), A["created"][la] + r.integers(1, 600, int(take.sum())))
        lip = R["ip"][take]
        ev = pl.DataFrame({
            "account_id": aid_s.gather(np.concatenate([np.arange(nacc), la])),
            "ts": ts_col(np.concatenate([A["created"], lt])),
            "ip": ips.gather(np.concatenate([A["sip"], lip])),
            "event": ["signup"] * nacc + ["login"] * len(la),
        }).filter(pl.col("ip") != "").sort("ts")
        nullify(ev).write_csv(os.path.join(out, "ip_events.csv"), datetime_format=fmt)
        counts["ip_events"] = ev.height
        del ev, R

        # ---- devices: signup device + devices seen at logins
        dsel = (r.random(len(la)) < 0.7) & (A["dl"][la] > 0)
        da = la[dsel]
        dl = A["dl"][da]
        dj = np.minimum((dl * r.random(len(da)) ** 1.5).astype(np.int64), dl - 1)
        dv = self.DL[A["do"][da] + dj]
        sa = np.nonzero(A["sdev"] >= 0)[0]
        dacc = np.concatenate([sa, da])
        ddev = np.concatenate([A["sdev"][sa], dv])
        dts = np.concatenate([A["created"][sa], lt[dsel]])
        dev = pl.DataFrame({
            "account_id": aid_s.gather(dacc),
            "ts": ts_col(dts),
            "device_id": dev_ids.gather(ddev),
            "user_agent": dev_ua.gather(ddev),
        }).sort("ts")
        nullify(dev).write_csv(os.path.join(out, "devices.csv"), datetime_format=fmt)
        counts["devices"] = dev.height
        del dev

        # ---- payments
        Pm = {k: np.concatenate(v) for k, v in self.pay.items()}
        start = np.maximum(Pm["start"].astype(float), A["created"][Pm["acc"].astype(np.int64)])
        endp = np.minimum(Pm["end"].astype(float), END)
        plan = Pm["plan"].astype(np.int64)
        months = np.clip(np.floor((endp - start) / (30.44 * DAY)) + 1, 1, 24).astype(np.int64)
        cnt = np.where(plan == 0, months, Pm["ntop"].astype(np.int64))
        pi = np.repeat(np.arange(len(cnt)), cnt)
        kk = np.arange(len(pi)) - np.repeat(np.cumsum(cnt) - cnt, cnt)
        span = np.maximum(endp - start, HOUR)[pi]
        pts = np.where(plan[pi] == 0, start[pi] + kk * 30.44 * DAY + r.normal(0, 2 * HOUR, len(pi)),
                       start[pi] + span * r.random(len(pi)) ** Pm["gamma"].astype(float)[pi])
        pts = np.maximum(pts, start[pi])
        ok = pts <= END
        pi, pts = pi[ok], pts[ok].astype(np.int64)
        cl = Pm["cl"].astype(np.int64)[pi]
        cj = np.minimum((cl * r.random(len(pi)) ** 2).astype(np.int64), cl - 1)
        card = self.CL[Pm["co"].astype(np.int64)[pi] + cj]
        amt = Pm["amt"].astype(float)[pi] * np.where(plan[pi] == 1, r.choice([0.5, 1, 1, 1, 2], len(pi)), 1.0)
        ncard = self.card_bin.n
        card_cc = self.card_cc.values()
        fp = pl.Series([f"fp_{a:016x}{b:04x}" for a, b in zip(r.integers(0, 2 ** 63, ncard).tolist(), r.integers(0, 2 ** 16, ncard).tolist())])
        last4 = pl.Series([f"{v:04d}" for v in r.integers(0, 10000, ncard).tolist()])
        post = self.postal(card_cc)
        post = np.where(r.random(ncard) < 0.75, post, "")
        pay = pl.DataFrame({
            "payment_id": self.hexids(len(pi), "py_", 13),
            "account_id": aid_s.gather(Pm["acc"].astype(np.int64)[pi]),
            "ts": ts_col(pts),
            "card_fingerprint": fp.gather(card),
            "card_bin": pl.Series(self.card_bin.values().astype(str).tolist()).gather(card),
            "card_last4": last4.gather(card),
            "card_country": pl.Series(card_cc.astype(str).tolist()).gather(card),
            "billing_postal_code": pl.Series(post.astype(str).tolist()).gather(card),
            "amount": np.round(amt, 2),
            "currency": Pm["cur"].astype(str)[pi].tolist(),
        }).sort("ts")
        nullify(pay).write_csv(os.path.join(out, "payments.csv"), datetime_format=fmt)
        counts["payments"] = pay.height
        counts["accounts"] = nacc
        return counts


def nullify(df):
    """empty strings are written as empty CSV fields (missing)"""
    return df.with_columns([pl.when(pl.col(c) == "").then(None).otherwise(pl.col(c)).alias(c)
                            for c, t in df.schema.items() if t == pl.Utf8])


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out_dir")
    ap.add_argument("--accounts", type=int, default=60000)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args(argv)
    t = time.time()
    g = Gen(a.accounts, a.seed)
    g.build()
    g.finalize()
    counts = g.write(a.out_dir)
    kinds = defaultdict(int)
    rings = defaultdict(int)
    for kind, ring, m in g.groups:
        kinds[kind] += m
        if ring:
            rings[ring] += m
    nf = int(g.A["fake"].sum())
    print(f"wrote {a.out_dir} in {time.time() - t:.1f}s  accounts={counts['accounts']} fake={nf} ({nf / counts['accounts']:.1%})")
    for k in ("accounts", "payments", "ip_events", "devices", "api_requests"):
        print(f"  {k:14s} {counts[k]:>10,d}")
    print("  group_kind:", ", ".join(f"{k}={v}" for k, v in sorted(kinds.items(), key=lambda x: -x[1])))
    print("  rings:", ", ".join(f"{k}={v}" for k, v in rings.items()))
    for nline in g.notes:
        print("  note:", nline)


if __name__ == "__main__":
    main()
