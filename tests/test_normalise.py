"""The pure normalisers on tricky values: gmail variants, Unicode e-mails,
international phones, IPv6, CGNAT, headless user agents, card numbers."""

from __future__ import annotations

import doctest

import pytest
from fraudgraph.ingest import normalise, sources, tables
from fraudgraph.ingest.normalise import (
    email_shape,
    is_card_number,
    luhn_valid,
    normalise_email,
    normalise_ip,
    normalise_phone,
    normalise_user_agent,
)

from fraudgraph import store


@pytest.mark.parametrize("module", [normalise, tables, sources, store])
def test_doctests(module):
    result = doctest.testmod(module)
    assert result.attempted > 0
    assert result.failed == 0


@pytest.mark.parametrize(
    "raw",
    [
        "jsmith@gmail.com",
        "J.Smith@gmail.com",
        "j.s.m.i.t.h@GMAIL.COM",
        "jsmith+promo@gmail.com",
        "j.smith+a+b@googlemail.com",
        "  JSmith@GoogleMail.com  ",
    ],
)
def test_gmail_variants_are_one_mailbox(raw):
    assert normalise_email(raw).canonical == "jsmith@gmail.com"


def test_dots_matter_outside_gmail():
    assert normalise_email("j.smith@example.com").canonical == "j.smith@example.com"
    assert normalise_email("j.smith+x@example.com").canonical == "j.smith@example.com"


def test_unicode_email_is_nfc_lowercased():
    decomposed = "Zoe\u0308@Example.com"  # e + combining diaeresis
    composed = "zo\u00eb@example.com"
    assert normalise_email(decomposed).canonical == composed
    assert normalise_email("ÉLODIE@münchen.de") == ("élodie@münchen.de", "münchen.de", "a")


@pytest.mark.parametrize(
    "raw",
    ["", "plain", "a@b", "a@@b.com", "a b@c.com", "@example.com", "x@.com", "x@example..com"],
)
def test_not_an_email(raw):
    assert normalise_email(raw) is None


@pytest.mark.parametrize(
    ("local", "shape"),
    [("jsmith42", "a9"), ("john.doe", "a.a"), ("x_1_y", "a_9_a"), ("42", "9"), ("a..b", "a.a")],
)
def test_email_shape(local, shape):
    assert email_shape(local) == shape


def test_shape_follows_canonical_local_part():
    assert normalise_email("John.Doe77+x@example.com").shape == "a.a9"
    assert normalise_email("john.doe77@gmail.com").shape == "a9"


@pytest.mark.parametrize(
    ("raw", "region", "e164"),
    [
        ("+1 (415) 555-0142", None, "+14155550142"),
        ("(415) 555-0142", "US", "+14155550142"),
        ("+44 20 7946 0958", None, "+442079460958"),
        ("020 7946 0958", "GB", "+442079460958"),
        ("+91 98765 43210", None, "+919876543210"),
        ("06 12 34 56 78", "FR", "+33612345678"),
        ("0049 30 1234567", "FR", "+49301234567"),
        ("+86 138 0013 8000", "us", "+8613800138000"),
    ],
)
def test_international_phones(raw, region, e164):
    phone = normalise_phone(raw, region)
    assert phone.e164 == e164
    assert phone.block == e164[:-2]


@pytest.mark.parametrize(
    ("raw", "region"),
    [("415 555 0142", None), ("not a phone", "US"), ("+1 415", None), ("123", "DE"), ("", "US")],
)
def test_invalid_phones(raw, region):
    assert normalise_phone(raw, region) is None


def test_sequential_numbers_share_a_block():
    blocks = {normalise_phone(f"+1 415 555 01{i:02d}").block for i in range(100)}
    assert blocks == {"+141555501"}


@pytest.mark.parametrize(
    ("raw", "norm", "prefix", "private", "cgnat"),
    [
        ("8.8.8.8", "8.8.8.8", "8.8.8.0/24", False, False),
        ("192.168.1.10", "192.168.1.10", "192.168.1.0/24", True, False),
        ("10.1.2.3", "10.1.2.3", "10.1.2.0/24", True, False),
        ("172.31.255.1", "172.31.255.1", "172.31.255.0/24", True, False),
        ("172.32.0.1", "172.32.0.1", "172.32.0.0/24", False, False),
        ("100.64.0.1", "100.64.0.1", "100.64.0.0/24", False, True),
        ("100.127.255.254", "100.127.255.254", "100.127.255.0/24", False, True),
        ("100.128.0.1", "100.128.0.1", "100.128.0.0/24", False, False),
        ("2001:0DB8:0000:0000:0000:0000:0000:0001", "2001:db8::1", "2001:db8::/48", False, False),
        (
            "2a00:1450:4001:82a::200e",
            "2a00:1450:4001:82a::200e",
            "2a00:1450:4001::/48",
            False,
            False,
        ),
        (
            "[2a00:1450:4001:82a::200e]",
            "2a00:1450:4001:82a::200e",
            "2a00:1450:4001::/48",
            False,
            False,
        ),
        ("fe80::1", "fe80::1", "fe80::/48", True, False),
        ("fd00:1:2:3::4", "fd00:1:2:3::4", "fd00:1:2::/48", True, False),
        ("::ffff:100.64.1.1", "100.64.1.1", "100.64.1.0/24", False, True),
    ],
)
def test_ip(raw, norm, prefix, private, cgnat):
    assert normalise_ip(raw) == (norm, prefix, private, cgnat)


@pytest.mark.parametrize(
    "raw",
    ["", "1.2.3", "1.2.3.4.5", "256.0.0.1", "01.2.3.4", "1.2.3.-4", "fe80::1%eth0", "::g", "x"],
)
def test_invalid_ip(raw):
    assert normalise_ip(raw) is None


@pytest.mark.parametrize(
    ("ua", "headless"),
    [
        ("Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/119.0.6045.105 Safari/537.36", True),
        (
            "Mozilla/5.0 (Unknown; Linux x86_64) AppleWebKit/538.1 PhantomJS/2.1.1 Safari/538.1",
            True,
        ),
        ("python-requests/2.31.0", True),
        ("curl/8.4.0", True),
        ("Go-http-client/1.1", True),
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/120.0.0.0 Safari/537.36",
            False,
        ),
        (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 "
            "(KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1",
            False,
        ),
    ],
)
def test_user_agent_headless(ua, headless):
    assert normalise_user_agent(ua).headless is headless


def test_user_agent_family():
    chrome = (
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/120.0.0.0 Safari/537.36"
    )
    assert normalise_user_agent(chrome).family == "Chrome"
    assert normalise_user_agent("   ") is None


@pytest.mark.parametrize(
    ("raw", "card"),
    [
        ("4111111111111111", True),
        ("4111-1111-1111-1111", True),
        ("5500 0000 0000 0004", True),
        ("378282246310005", True),  # Amex, 15 digits
        ("4222222222222", True),  # 13 digits
        ("4111111111111112", False),  # fails Luhn
        ("tok_4111111111111111", False),
        ("411111111111", False),  # 12 digits
        ("41111111111111111111", False),  # 20 digits
        ("fp_9f8e7d6c", False),
        (None, False),
    ],
)
def test_card_number(raw, card):
    assert is_card_number(raw) is card


def test_luhn():
    assert luhn_valid("79927398713")
    assert not luhn_valid("79927398710")
