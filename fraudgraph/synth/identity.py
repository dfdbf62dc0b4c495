"""Who an account claims to be: country, e-mail, phone, user agent, IP ranges.

Each function draws values for many accounts at once from small hand-written
tables (name lists, country phone plans, user agents) and returns polars
Series or numpy arrays. Phones come in mixed real-world formats (E.164,
international with spaces, national with a trunk zero, US ``(415) 555-0123``);
e-mail local parts follow common shapes (``first.last``, ``flast42``, ...).
"""

from __future__ import annotations

import numpy as np
import polars as pl

__all__ = [
    "COUNTRIES",
    "country_index",
    "draw_countries",
    "person_emails",
    "phones",
    "phone_strings",
    "browser_agents",
    "EMULATOR_AGENTS",
    "public_v4",
    "cgnat_v4",
    "org_names",
    "CHEAP_DOMAINS",
    "TZ",
    "person_locals",
    "random_locals",
]

# code, legit weight, UTC offset (h), calling code, mobile prefixes, digits after prefix, trunk
COUNTRIES: list[tuple[str, float, int, str, tuple[str, ...], int, str]] = [
    (
        "US",
        0.28,
        -6,
        "1",
        ("415", "212", "646", "312", "617", "206", "512", "303", "404", "305", "702", "917"),
        7,
        "",
    ),
    ("IN", 0.08, 5, "91", ("98", "99", "87", "70", "63"), 8, "0"),
    ("GB", 0.05, 0, "44", ("74", "75", "77", "78", "79"), 8, "0"),
    ("DE", 0.05, 1, "49", ("151", "160", "170", "171", "172", "175", "176"), 8, "0"),
    ("BR", 0.05, -3, "55", ("119", "219", "319", "419"), 8, "0"),
    ("FR", 0.04, 1, "33", ("6", "7"), 8, "0"),
    ("CA", 0.03, -5, "1", ("416", "604", "514", "403"), 7, ""),
    ("JP", 0.03, 9, "81", ("90", "80", "70"), 8, "0"),
    ("KR", 0.02, 9, "82", ("10",), 8, "0"),
    ("ES", 0.02, 1, "34", ("6",), 8, ""),
    ("IT", 0.02, 1, "39", ("3",), 9, ""),
    ("NL", 0.02, 1, "31", ("6",), 8, "0"),
    ("AU", 0.02, 10, "61", ("4",), 8, "0"),
    ("MX", 0.02, -6, "52", ("55", "33", "81"), 8, ""),
    ("PL", 0.015, 1, "48", ("5", "6", "7"), 8, ""),
    ("SE", 0.01, 1, "46", ("70", "72", "73"), 7, "0"),
    ("ID", 0.02, 7, "62", ("812", "813", "857"), 8, "0"),
    ("PH", 0.015, 8, "63", ("917", "918", "927"), 7, "0"),
    ("VN", 0.01, 7, "84", ("90", "91", "98"), 7, "0"),
    ("TR", 0.015, 3, "90", ("53", "54", "55"), 8, "0"),
    ("NG", 0.01, 1, "234", ("80", "81", "70"), 8, "0"),
    ("SG", 0.01, 8, "65", ("8", "9"), 7, ""),
    ("HK", 0.005, 8, "852", ("5", "6", "9"), 7, ""),
    ("MY", 0.005, 8, "60", ("12", "13", "17"), 7, "0"),
    ("IL", 0.01, 2, "972", ("50", "52", "54"), 7, "0"),
    ("CH", 0.01, 1, "41", ("76", "78", "79"), 7, "0"),
    ("AR", 0.01, -3, "54", ("911",), 8, "0"),
    ("ZA", 0.01, 2, "27", ("72", "82", "83"), 7, "0"),
    ("EG", 0.01, 2, "20", ("10", "11", "12"), 8, "0"),
    ("PK", 0.01, 5, "92", ("30", "31", "33"), 8, "0"),
    ("UA", 0.01, 2, "380", ("67", "50", "93"), 7, "0"),
]
_CODES = [c[0] for c in COUNTRIES]
TZ = np.array([c[2] for c in COUNTRIES], dtype=np.int8)

FIRST = (
    "james mary john patricia robert jennifer michael linda david elizabeth william susan "
    "richard jessica joseph sarah thomas karen chris nancy daniel lisa matthew betty anthony "
    "sandra mark ashley paul emily steven donna andrew michelle joshua carol kevin amanda brian "
    "melissa george deborah timothy stephanie raj priya amit neha wei li hiroshi yuki minji "
    "jisoo lucas sofia mateo valentina noah emma liam olivia lukas anna jan marie pierre camille "
    "ahmed fatima mohamed aisha ivan olga carlos ana jose lucia nguyen thi budi siti "
    "oluwaseun chinedu"
).split()
LAST = (
    "smith johnson williams brown jones garcia miller davis rodriguez martinez hernandez lopez "
    "gonzalez wilson anderson thomas taylor moore jackson martin lee perez thompson white harris "
    "sanchez clark ramirez lewis robinson walker young allen king wright scott torres nguyen hill "
    "flores green adams nelson baker hall rivera campbell mitchell carter roberts patel sharma "
    "kumar singh wang zhang chen liu tanaka suzuki sato kim park choi mueller schmidt schneider "
    "fischer dubois moreau rossi russo silva santos oliveira costa kowalski nowak ivanov petrov "
    "yilmaz kaya cohen levi okafor adeyemi santoso wijaya tran pham"
).split()
WORDS = (
    "north blue bright cedar delta ember falcon granite harbor iron juniper kestrel lumen maple "
    "nimbus orbit pine quartz river summit tidal umber vector willow xeno yonder zephyr atlas "
    "beacon cobalt drift echo fjord grove helix indigo jade keystone lattice meridian nova onyx "
    "prism quill radiant sable terra unity vertex wave arc bolt crest dune flux"
).split()
ORG_SUFFIX = (
    "labs systems tech group works data ai cloud health bank logistics studio media".split()
)
TLDS = ("com", "io", "ai", "co", "net", "de", "co.uk")
CITIES = (
    "boston austin denver seattle chicago houston phoenix portland madison ithaca berkeley "
    "stanford princeton oxford cambridge leeds bristol munich berlin hamburg lyon paris milan "
    "bologna madrid delft leiden zurich vienna krakow warsaw toronto montreal waterloo sydney "
    "melbourne tokyo kyoto osaka seoul busan mumbai delhi bangalore chennai saopaulo "
    "campinas lagos cairo istanbul ankara manila jakarta hanoi singapore"
).split()

_GLOBAL_DOMAINS = (
    ("gmail.com", 0.40),
    ("outlook.com", 0.08),
    ("hotmail.com", 0.06),
    ("yahoo.com", 0.07),
    ("icloud.com", 0.06),
    ("proton.me", 0.02),
    ("aol.com", 0.01),
    ("mail.com", 0.01),
    ("gmx.com", 0.01),
    ("zoho.com", 0.005),
    ("yandex.com", 0.005),
)
_LOCAL_DOMAINS = {
    "DE": ("gmx.de", "web.de", "t-online.de"),
    "FR": ("orange.fr", "free.fr", "laposte.net"),
    "JP": ("yahoo.co.jp", "docomo.ne.jp"),
    "KR": ("naver.com", "daum.net"),
    "BR": ("uol.com.br", "bol.com.br"),
    "IN": ("rediffmail.com", "yahoo.co.in"),
    "GB": ("btinternet.com", "sky.com"),
    "IT": ("libero.it", "virgilio.it"),
    "UA": ("ukr.net",),
    "TR": ("hotmail.com.tr",),
    "PL": ("wp.pl", "onet.pl"),
    "AU": ("bigpond.com",),
    "CA": ("rogers.com", "shaw.ca"),
    "US": ("comcast.net", "att.net"),
}
CHEAP_DOMAINS = (
    "mailnesia.com",
    "dropmail.me",
    "moakt.com",
    "tutamail.com",
    "inbox.lv",
    "mail.tm",
    "yopmail.com",
    "emailnax.com",
    "tmpbox.net",
    "fexpost.com",
    "rambler.ru",
    "onet.eu",
)

_CHROME = "Mozilla/5.0 ({os}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{v}.0.0.0 Safari/537.36"
_AGENTS = [
    (_CHROME.replace("{os}", "Windows NT 10.0; Win64; x64"), 0.30),
    (_CHROME.replace("{os}", "Macintosh; Intel Mac OS X 10_15_7"), 0.14),
    (_CHROME.replace("{os}", "X11; Linux x86_64"), 0.04),
    (
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
        "Version/17.{m} Safari/605.1.15",
        0.09,
    ),
    (
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_{m} like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like "
        "Gecko) Version/17.{m} Mobile/15E148 Safari/604.1",
        0.14,
    ),
    (
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/{v}.0.0.0 Mobile Safari/537.36",
        0.05,
    ),
    (
        "Mozilla/5.0 (Linux; Android 13; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/{v}.0.0.0 Mobile Safari/537.36",
        0.07,
    ),
    ("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:1{m}5.0) Gecko/20100101 Firefox/1{m}5.0", 0.07),
    (
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/{v}.0.0.0 Safari/537.36 Edg/{v}.0.0.0",
        0.08,
    ),
    ("Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:1{m}5.0) Gecko/20100101 Firefox/1{m}5.0", 0.02),
]
EMULATOR_AGENTS = (
    "Mozilla/5.0 (Linux; Android 11; sdk_gphone_x86 Build/RSR1.201013.001) AppleWebKit/537.36 "
    "(KHTML, like Gecko) HeadlessChrome/118.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (Linux; Android 9; Android SDK built for x86 Build/PSR1.180720.075) "
    "AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "HeadlessChrome/121.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Linux; Android 12; Genymotion Build/SQ1D.220205.004) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36",
)

_RESIDENTIAL_FIRST_OCTET = np.array(
    [
        24,
        47,
        50,
        67,
        68,
        69,
        71,
        73,
        75,
        76,
        78,
        79,
        80,
        81,
        82,
        83,
        84,
        85,
        86,
        87,
        88,
        89,
        90,
        91,
        92,
        93,
        94,
        95,
        98,
        99,
        108,
        109,
        112,
        115,
        116,
        117,
        118,
        121,
        122,
        123,
        124,
        125,
        141,
        151,
        171,
        174,
        175,
        176,
        177,
        179,
        180,
        181,
        182,
        183,
        186,
        187,
        189,
        190,
        191,
        200,
        201,
    ],
    dtype=np.int64,
)
_DATACENTER_FIRST_OCTET = np.array(
    [
        3,
        13,
        18,
        34,
        35,
        44,
        52,
        54,
        104,
        138,
        139,
        143,
        146,
        157,
        159,
        161,
        164,
        165,
        167,
        185,
        188,
        193,
        194,
        195,
        198,
        209,
        212,
        213,
    ],
    dtype=np.int64,
)


def country_index(code: str) -> int:
    return _CODES.index(code)


def draw_countries(rng: np.random.Generator, n: int) -> np.ndarray:
    """Country indexes drawn by legit population weight."""
    w = np.array([c[1] for c in COUNTRIES])
    return rng.choice(len(COUNTRIES), size=n, p=w / w.sum()).astype(np.int16)


def _pick(rng: np.random.Generator, options: list[str] | tuple[str, ...], n: int) -> pl.Series:
    return pl.Series(list(options), dtype=pl.String).gather(rng.integers(0, len(options), n))


def _num(rng: np.random.Generator, lo: int, hi: int, n: int) -> pl.Series:
    return pl.Series(rng.integers(lo, hi, n)).cast(pl.String)


def person_locals(rng: np.random.Generator, n: int) -> pl.Series:
    """E-mail local parts in the shapes people use (first.last, flast42, first1990, ...)."""
    first, last = _pick(rng, FIRST, n), _pick(rng, LAST, n)
    style = rng.choice(9, size=n, p=[0.18, 0.12, 0.10, 0.14, 0.07, 0.04, 0.15, 0.06, 0.14])
    letters = pl.Series(np.array(list("abcdefghijklmnopqrstuvwxyz"))).gather(
        rng.integers(0, 26, n * 7)
    )
    rand = (
        pl.DataFrame({"c": letters, "g": np.repeat(np.arange(n), 7)})
        .group_by("g", maintain_order=True)
        .agg(pl.col("c").str.join(""))["c"]
    )
    df = pl.DataFrame(
        {
            "f": first,
            "l": last,
            "s": style,
            "n2": _num(rng, 1, 99, n),
            "n4": _num(rng, 1, 9999, n),
            "y": _num(rng, 1965, 2008, n),
            "r": rand,
        }
    )
    f, lst = pl.col("f"), pl.col("l")
    expr = (
        pl.when(pl.col("s") == 0)
        .then(pl.concat_str([f, pl.lit("."), lst]))
        .when(pl.col("s") == 1)
        .then(pl.concat_str([f, lst]))
        .when(pl.col("s") == 2)
        .then(pl.concat_str([f.str.slice(0, 1), lst, pl.col("n2")]))
        .when(pl.col("s") == 3)
        .then(pl.concat_str([f, pl.col("n2")]))
        .when(pl.col("s") == 4)
        .then(pl.concat_str([f, pl.lit("_"), lst]))
        .when(pl.col("s") == 5)
        .then(pl.concat_str([lst, pl.lit("."), f]))
        .when(pl.col("s") == 6)
        .then(pl.concat_str([f, pl.lit("."), lst, pl.col("n4")]))
        .when(pl.col("s") == 7)
        .then(pl.concat_str([pl.col("r"), pl.col("n2")]))
        .otherwise(pl.concat_str([f, pl.col("y")]))
    )
    return df.select(expr).to_series()


def consumer_domains(rng: np.random.Generator, countries: np.ndarray) -> pl.Series:
    """Consumer e-mail domains: global webmail plus the account country's local providers."""
    n = len(countries)
    names = [d for d, _ in _GLOBAL_DOMAINS]
    w = np.array([p for _, p in _GLOBAL_DOMAINS])
    idx = rng.choice(len(names), size=n, p=w / w.sum())
    dom = pl.Series(names).gather(idx)
    local_pick = rng.random(n) < 0.12
    local = pl.Series(
        [_LOCAL_DOMAINS.get(c, ("gmail.com",)) for c in _CODES], dtype=pl.List(pl.String)
    )
    local_for = local.gather(countries)
    k = local_for.list.len().to_numpy()
    chosen = local_for.list.get(pl.Series((rng.random(n) * k).astype(np.int64)), null_on_oob=True)
    return pl.select(pl.when(pl.Series(local_pick)).then(chosen).otherwise(dom)).to_series()


def person_emails(
    rng: np.random.Generator, countries: np.ndarray, domains: pl.Series | None = None
) -> pl.Series:
    """E-mails of real-looking people; ``domains`` overrides the consumer-domain draw."""
    n = len(countries)
    local = person_locals(rng, n)
    dom = consumer_domains(rng, countries) if domains is None else domains
    tag = pl.Series(np.where(rng.random(n) < 0.02, "+ai", ""))
    return local + tag + "@" + dom


def phones(rng: np.random.Generator, countries: np.ndarray) -> tuple[pl.Series, pl.Series]:
    """Random mobile numbers: (calling code, national significant number) per account."""
    n = len(countries)
    cc = pl.Series([c[3] for c in COUNTRIES]).gather(countries)
    prefixes = pl.Series([list(c[4]) for c in COUNTRIES], dtype=pl.List(pl.String)).gather(
        countries
    )
    k = prefixes.list.len().to_numpy()
    pre = prefixes.list.get(pl.Series((rng.random(n) * k).astype(np.int64)), null_on_oob=True)
    rest_len = np.array([c[5] for c in COUNTRIES])[countries]
    rest = (
        pl.DataFrame({"r": rng.integers(0, 10**rest_len, n), "k": rest_len})
        .select(pl.col("r").cast(pl.String).str.zfill(pl.col("k")))
        .to_series()
    )
    # NANP exchanges must not start with 0/1: force the first digit after the area code.
    nanp = cc == "1"
    first = pl.Series(rng.integers(2, 10, n)).cast(pl.String)
    rest = pl.select(
        pl.when(nanp).then(pl.concat_str([first, rest.str.slice(1)])).otherwise(rest)
    ).to_series()
    return cc, pre + rest


def phone_strings(
    rng: np.random.Generator, countries: np.ndarray, cc: pl.Series, national: pl.Series
) -> pl.Series:
    """Format numbers in a mix of E.164, spaced international and national styles."""
    n = len(cc)
    trunk = pl.Series([c[6] for c in COUNTRIES]).gather(countries)
    home_cc = pl.Series([c[3] for c in COUNTRIES]).gather(countries)
    style = pl.Series(rng.choice(4, size=n, p=[0.45, 0.2, 0.25, 0.10]))
    # A foreign number (a VoIP line from another country) is only dialable written
    # internationally: national styles are for numbers of the account's own country.
    style = pl.select(pl.when(cc == home_cc).then(style).otherwise(style % 2)).to_series()
    nat = pl.col("nat")
    df = pl.DataFrame({"cc": cc, "nat": national, "trunk": trunk, "s": style})
    us_nat = pl.concat_str(
        [
            pl.lit("("),
            nat.str.slice(0, 3),
            pl.lit(") "),
            nat.str.slice(3, 3),
            pl.lit("-"),
            nat.str.slice(6),
        ]
    )
    spaced = pl.concat_str(
        [nat.str.slice(0, 3), pl.lit(" "), nat.str.slice(3, 3), pl.lit(" "), nat.str.slice(6)]
    )
    dashed = pl.concat_str(
        [nat.str.slice(0, 3), pl.lit("-"), nat.str.slice(3, 3), pl.lit("-"), nat.str.slice(6)]
    )
    expr = (
        pl.when(pl.col("s") == 0)
        .then(pl.concat_str([pl.lit("+"), pl.col("cc"), nat]))
        .when(pl.col("s") == 1)
        .then(pl.concat_str([pl.lit("+"), pl.col("cc"), pl.lit(" "), spaced]))
        .when((pl.col("s") == 2) & (pl.col("cc") == "1"))
        .then(us_nat)
        .when(pl.col("s") == 2)
        .then(pl.concat_str([pl.col("trunk"), spaced]))
        .when(pl.col("cc") == "1")
        .then(dashed)
        .otherwise(pl.concat_str([pl.lit("+"), pl.col("cc"), pl.lit("-"), dashed]))
    )
    return df.select(expr).to_series()


def browser_agents(rng: np.random.Generator, n: int) -> pl.Series:
    """Browser user agents with varied versions."""
    w = np.array([p for _, p in _AGENTS])
    idx = rng.choice(len(_AGENTS), size=n, p=w / w.sum())
    base = pl.Series([a for a, _ in _AGENTS]).gather(idx)
    v = pl.Series(rng.integers(118, 127, n)).cast(pl.String)
    m = pl.Series(rng.integers(1, 6, n)).cast(pl.String)
    return (
        pl.DataFrame({"b": base, "v": v, "m": m})
        .select(
            pl.col("b")
            .str.replace_all("{v}", pl.col("v"), literal=True)
            .str.replace_all("{m}", pl.col("m"), literal=True)
        )
        .to_series()
    )


def public_v4(rng: np.random.Generator, n: int, datacenter: bool = False) -> np.ndarray:
    """Random public IPv4 addresses (uint32) in residential or hosting first octets."""
    octs = _DATACENTER_FIRST_OCTET if datacenter else _RESIDENTIAL_FIRST_OCTET
    first = octs[rng.integers(0, len(octs), n)]
    return (first << 24) | rng.integers(0, 2**24, n) | 1


def cgnat_v4(rng: np.random.Generator, n: int) -> np.ndarray:
    """Carrier-grade NAT addresses in 100.64.0.0/10."""
    return (100 << 24) | (64 << 16) + rng.integers(0, 2**22, n)


def org_names(rng: np.random.Generator, n: int, university: bool = False) -> pl.Series:
    """Unique organisation domains (company or university)."""
    if university:
        city = _pick(rng, CITIES, n)
        kind = rng.integers(0, 4, n)
        stem = pl.select(
            pl.when(pl.Series(kind) == 0)
            .then(city + "u.edu")
            .when(pl.Series(kind) == 1)
            .then(city + ".ac.uk")
            .when(pl.Series(kind) == 2)
            .then("uni-" + city + ".de")
            .otherwise("univ-" + city + ".fr")
        ).to_series()
    else:
        stem = _pick(rng, WORDS, n) + _pick(rng, ORG_SUFFIX, n) + "." + _pick(rng, TLDS, n)
    dup = pl.DataFrame({"d": stem}).select(pl.int_range(pl.len()).over("d")).to_series()
    first, rest = (
        stem.str.split_exact(".", 1).struct.field("field_0"),
        stem.str.splitn(".", 2).struct.field("field_1"),
    )
    return pl.select(
        pl.when(dup == 0)
        .then(stem)
        .otherwise(pl.concat_str([first, dup.cast(pl.String), pl.lit("."), rest]))
    ).to_series()


def random_locals(rng: np.random.Generator, n: int, letters: int = 8, digit_share: float = 0.6):
    """Random-looking local parts (``kqzvtmrb93``) as used by throwaway signups."""
    codes = (rng.integers(0, 26, (n, letters)) + 97).astype(np.uint8)
    text = pl.Series(np.ascontiguousarray(codes).view(f"S{letters}").ravel()).cast(pl.String)
    tail = pl.Series(rng.integers(0, 1000, n)).cast(pl.String)
    keep = pl.Series(rng.random(n) < digit_share)
    return pl.select(pl.when(keep).then(text + tail).otherwise(text)).to_series()
