"""Pure normalisers for identifying attributes: e-mail, phone, IP, user agent, card.

Each function takes one raw value and returns the normalised parts, or
``None`` when the value is invalid. Ingest never calls them per row: it applies
them to the *distinct* values of a file (see :mod:`fraudgraph.ingest.lookups`)
and joins the result back in DuckDB, so a 28M-row file with 200k distinct IPs
costs 200k calls.

Normalising makes trivially varied values collide, which is what the account
graph needs: ``J.Smith+promo@googlemail.com`` and ``jsmith@gmail.com`` are one
mailbox; ``+1 (415) 555-0142`` and ``415.555.0142`` (a US account) are one
phone, and ``+14155550142`` / ``+14155550177`` share the block ``+141555501``.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

import phonenumbers

__all__ = [
    "Email",
    "Ip",
    "Phone",
    "UserAgent",
    "email_shape",
    "is_card_number",
    "luhn_valid",
    "normalise_email",
    "normalise_ip",
    "normalise_phone",
    "normalise_user_agent",
]


class Email(NamedTuple):
    canonical: str
    domain: str
    shape: str


class Phone(NamedTuple):
    e164: str
    block: str


class Ip(NamedTuple):
    norm: str
    prefix: str
    private: bool
    cgnat: bool


class UserAgent(NamedTuple):
    family: str
    headless: bool


# ---------------------------------------------------------------- e-mail

_GMAIL_DOMAINS = frozenset({"gmail.com", "googlemail.com"})
_DOMAIN_LABEL = re.compile(r"^[^\s.@]+$")


def email_shape(local: str) -> str:
    """Shape of an e-mail local part: letters -> ``a``, digits -> ``9``, runs compressed.

    Other characters are kept; a run of the same shape character collapses to one.

    Examples
    --------
    >>> email_shape("jsmith42")
    'a9'
    >>> email_shape("john.doe")
    'a.a'
    >>> email_shape("x_9z__1")
    'a_9a_9'
    >>> email_shape("zoë.müller")
    'a.a'
    """
    out: list[str] = []
    for ch in local:
        c = "a" if ch.isalpha() else "9" if ch.isdigit() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


def normalise_email(raw: str | None) -> Email | None:
    """Canonical mailbox, domain and local-part shape of an e-mail address.

    Canonical: Unicode NFC, lower-case, ``+tag`` dropped; for gmail.com and
    googlemail.com the dots of the local part are dropped too and the domain
    becomes gmail.com. The shape is taken from the canonical local part.
    Returns ``None`` for something that is not an address (no single ``@``,
    empty local part, a domain without a dot, white space).

    Examples
    --------
    >>> normalise_email("J.Smith+promo@GoogleMail.com")
    Email(canonical='jsmith@gmail.com', domain='gmail.com', shape='a')
    >>> normalise_email("john.doe42@Example.ORG")
    Email(canonical='john.doe42@example.org', domain='example.org', shape='a.a9')
    >>> normalise_email("Zoë@bücher.de").canonical
    'zoë@bücher.de'
    >>> normalise_email("not-an-email") is None
    True
    >>> normalise_email("+tagonly@example.com") is None
    True
    """
    if raw is None:
        return None
    text = unicodedata.normalize("NFC", raw).strip().lower()
    if text.count("@") != 1 or any(ch.isspace() for ch in text):
        return None
    local, domain = text.split("@")
    domain = domain.rstrip(".")
    labels = domain.split(".")
    if len(labels) < 2 or not all(_DOMAIN_LABEL.match(label) for label in labels):
        return None
    local = local.split("+", 1)[0]
    if domain in _GMAIL_DOMAINS:
        local = local.replace(".", "")
        domain = "gmail.com"
    if not local:
        return None
    return Email(f"{local}@{domain}", domain, email_shape(local))


# ---------------------------------------------------------------- phone


def normalise_phone(raw: str | None, region: str | None = None) -> Phone | None:
    """E.164 form of a phone number and its block (E.164 minus the last two digits).

    A number written without ``+`` (or ``00``) is read in ``region``, the
    account's country; without a region such a number is invalid. A number
    must be *possible* for its country (right length); ``phonenumbers``'
    stricter validity check would reject the fresh VoIP ranges fraud uses.

    Examples
    --------
    >>> normalise_phone("+1 (415) 555-0142")
    Phone(e164='+14155550142', block='+141555501')
    >>> normalise_phone("415.555.0142", "US").e164
    '+14155550142'
    >>> normalise_phone("030 1234567", "de").e164
    '+49301234567'
    >>> normalise_phone("+44 20 7946 0958").e164
    '+442079460958'
    >>> normalise_phone("0049 30 1234567", "FR").e164
    '+49301234567'
    >>> normalise_phone("415 555 0142") is None   # no + and no country
    True
    >>> normalise_phone("12") is None
    True
    """
    if raw is None:
        return None
    text = raw.strip()
    if not text:
        return None
    region = region.strip().upper() if region else None
    if region is not None and len(region) != 2:
        region = None
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    # IS_POSSIBLE only: "local only" numbers (too short to dial from abroad) are out.
    reason = phonenumbers.is_possible_number_with_reason(number)
    if reason != phonenumbers.ValidationResult.IS_POSSIBLE:
        return None
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return Phone(e164, e164[:-2])


# ---------------------------------------------------------------- IP

_CGNAT = ipaddress.ip_network("100.64.0.0/10")
_CGNAT_BASE, _CGNAT_MASK = int(_CGNAT.network_address), int(_CGNAT.netmask)
_V4_PREFIX_MASK = 0xFFFFFF00
_V6_PREFIX_MASK = ((1 << 48) - 1) << 80
# "Private" means an address that many unrelated networks reuse internally, so
# sharing it says nothing: RFC 1918, loopback, link-local, "this network", and
# IPv6 unique-local/link-local/loopback. Documentation ranges (TEST-NET,
# 2001:db8::/32) are *not* private here: synthetic data uses them as public IPs.
_PRIVATE = tuple(
    ipaddress.ip_network(net)
    for net in (
        "10.0.0.0/8",
        "172.16.0.0/12",
        "192.168.0.0/16",
        "127.0.0.0/8",
        "169.254.0.0/16",
        "0.0.0.0/8",
        "fc00::/7",
        "fe80::/10",
        "::1/128",
        "::/128",
    )
)
# (network address, netmask) as integers: membership is one AND and compare.
_PRIVATE_V4 = [(int(n.network_address), int(n.netmask)) for n in _PRIVATE if n.version == 4]
_PRIVATE_V6 = [(int(n.network_address), int(n.netmask)) for n in _PRIVATE if n.version == 6]


def normalise_ip(raw: str | None) -> Ip | None:
    """Canonical text, prefix (/24 IPv4, /48 IPv6), private and CGNAT flags of an IP.

    IPv4-mapped IPv6 addresses (``::ffff:1.2.3.4``) count as the IPv4 address;
    ``[...]`` brackets are removed. Addresses with a zone (``fe80::1%eth0``),
    leading zeros or anything else ``ipaddress`` rejects are invalid.

    Examples
    --------
    >>> normalise_ip(" 203.0.113.7 ")
    Ip(norm='203.0.113.7', prefix='203.0.113.0/24', private=False, cgnat=False)
    >>> normalise_ip("2001:DB8:0:0:1::1")
    Ip(norm='2001:db8::1:0:0:1', prefix='2001:db8::/48', private=False, cgnat=False)
    >>> normalise_ip("fd12:3456:789a::1").private
    True
    >>> normalise_ip("2a03:2880:f12f:83:face:b00c::25de").prefix
    '2a03:2880:f12f::/48'
    >>> normalise_ip("::ffff:192.168.1.20")
    Ip(norm='192.168.1.20', prefix='192.168.1.0/24', private=True, cgnat=False)
    >>> normalise_ip("100.72.4.1").cgnat
    True
    >>> normalise_ip("256.1.1.1") is None
    True
    >>> normalise_ip("010.1.1.1") is None   # leading zeros are ambiguous (octal?)
    True
    """
    if raw is None:
        return None
    text = raw.strip()
    v4 = _fast_ipv4(text)
    if v4 is not None:
        return v4
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    if "%" in text:  # a zone id names an interface of one host: not an address to compare
        return None
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if address.version == 6 and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    value = int(address)
    if address.version == 4:
        prefix = f"{ipaddress.IPv4Address(value & _V4_PREFIX_MASK)}/24"
        cgnat = value & _CGNAT_MASK == _CGNAT_BASE
        private = any(value & mask == base for base, mask in _PRIVATE_V4)
    else:
        prefix = f"{ipaddress.IPv6Address(value & _V6_PREFIX_MASK)}/48"
        cgnat = False
        private = any(value & mask == base for base, mask in _PRIVATE_V6)
    return Ip(str(address), str(prefix), private, cgnat)


def _fast_ipv4(text: str) -> Ip | None:
    """The common case, a dotted quad, without building ``ipaddress`` objects."""
    parts = text.split(".")
    if len(parts) != 4:
        return None
    value = 0
    for part in parts:
        if (
            not (part.isascii() and part.isdigit())
            or len(part) > 3
            or (part[0] == "0" and len(part) > 1)
        ):
            return None
        octet = int(part)
        if octet > 255:
            return None
        value = value << 8 | octet
    private = any(value & mask == base for base, mask in _PRIVATE_V4)
    cgnat = value & _CGNAT_MASK == _CGNAT_BASE
    return Ip(text, f"{parts[0]}.{parts[1]}.{parts[2]}.0/24", private, cgnat)


# ---------------------------------------------------------------- user agent

# Automation and scripted clients. Case-insensitive; the first match decides.
_HEADLESS = re.compile(
    r"headless|phantomjs|puppeteer|selenium|webdriver|playwright|slimerjs|"
    r"python-requests|python-urllib|python-httpx|aiohttp|\bhttpx\b|\bcurl/|\bwget/|"
    r"go-http-client|okhttp|java/|libwww-perl|scrapy|node-fetch|axios/|"
    r"\bbot\b|crawler|spider",
    re.IGNORECASE,
)


@lru_cache(maxsize=65_536)
def normalise_user_agent(raw: str | None) -> UserAgent | None:
    """Browser family (ua-parser) and a headless/automation flag of a user agent.

    Examples
    --------
    >>> normalise_user_agent("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 "
    ...     "(KHTML, like Gecko) HeadlessChrome/120.0.0.0 Safari/537.36")
    UserAgent(family='HeadlessChrome', headless=True)
    >>> normalise_user_agent("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) "
    ...     "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15")
    UserAgent(family='Safari', headless=False)
    >>> normalise_user_agent("python-requests/2.31.0").headless
    True
    >>> normalise_user_agent("") is None
    True
    """
    if raw is None or not raw.strip():
        return None
    from ua_parser import parse_user_agent

    parsed = parse_user_agent(raw)
    family = parsed.family if parsed is not None else "Other"
    return UserAgent(family, bool(_HEADLESS.search(raw)) or "headless" in family.lower())


# ---------------------------------------------------------------- card


def luhn_valid(digits: str) -> bool:
    """Whether a digit string passes the Luhn check.

    Examples
    --------
    >>> luhn_valid("4111111111111111")
    True
    >>> luhn_valid("4111111111111112")
    False
    """
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


_SEPARATORS = re.compile(r"[\s-]")


def is_card_number(raw: str | None) -> bool:
    """Whether a value looks like a real card number: 13-19 digits passing Luhn.

    Spaces and dashes between digits are ignored.

    Examples
    --------
    >>> is_card_number("4111 1111 1111 1111")
    True
    >>> is_card_number("tok_4111111111111111")
    False
    >>> is_card_number("411111111111")   # 12 digits
    False
    """
    if raw is None:
        return False
    digits = _SEPARATORS.sub("", raw)
    return 13 <= len(digits) <= 19 and digits.isascii() and digits.isdigit() and luhn_valid(digits)
