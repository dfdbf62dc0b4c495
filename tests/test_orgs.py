"""Organisations speak with one voice (queries/score/orgs.sql, samples.sql).

A team, a bootcamp cohort or a school's students agree through their employer
or school. A group's coordination statistics count one member per organisation,
so only agreement between independent parties makes a group fire.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import duckdb
from fraudgraph.graph.score import _load_lists, score_params

from fraudgraph import queries
from fraudgraph.config import ScoreConfig
from tests.tables import add_signup_prefix

OFFICE = "198.51.100.7"


def _con(accounts, cards=(), ips=(), config: ScoreConfig | None = None, devices=()):
    """accounts: (account_id, email_domain, signup_ip, org_id[, created_at]); cards:
    (account_id, card); ips: (account_id, ip) seen later (logins, API traffic);
    devices: (account_id, device_id)."""
    config = config or ScoreConfig()
    con = duckdb.connect()
    _load_lists(con, config)
    con.execute(
        "CREATE TEMP TABLE accounts (account_id VARCHAR, email_domain VARCHAR,"
        " signup_ip_norm VARCHAR, org_id VARCHAR, created_at TIMESTAMP)"
    )
    rows = [(*a, None) if len(a) == 4 else tuple(a) for a in accounts]
    con.executemany("INSERT INTO accounts VALUES (?, ?, ?, ?, ?)", rows)
    add_signup_prefix(con)
    con.execute("CREATE TEMP TABLE u_card (account_id VARCHAR, card_fingerprint VARCHAR)")
    if cards:
        con.executemany("INSERT INTO u_card VALUES (?, ?)", list(cards))
    con.execute("CREATE TEMP TABLE evidence (account_id VARCHAR, kind VARCHAR, value VARCHAR)")
    if ips:
        con.executemany("INSERT INTO evidence VALUES (?, 'ip', ?)", list(ips))
    if cards:  # as the pipeline's evidence has them too
        con.executemany("INSERT INTO evidence VALUES (?, 'card', ?)", list(cards))
    if devices:
        con.executemany("INSERT INTO evidence VALUES (?, 'device', ?)", list(devices))
    con.execute("CREATE TEMP TABLE account_strata AS SELECT account_id, 'US|active' AS stratum,"
                " true AS clustered FROM accounts")  # fmt: skip
    queries.execute(con, "score/orgs", **score_params(config))
    return con


def _orgs(con) -> dict[str, str]:
    return dict(con.execute("SELECT account_id, org FROM org_accounts").fetchall())


def _team(prefix="t", domain="acme.io", n=8, at_office=6, office=OFFICE):
    return [
        (f"{prefix}{i}", domain, office if i < at_office else f"81.{i}.0.9", None) for i in range(n)
    ]


def test_a_private_domain_at_its_own_office_is_an_organisation_with_its_staff_on_gmail():
    accounts = _team() + [
        ("g0", "gmail.com", OFFICE, None),  # signed up at the office on gmail
        ("g1", "gmail.com", "81.0.1.1", None),  # signed up at home, works from the office
        ("g2", "gmail.com", "81.0.1.2", None),  # a stranger
    ]
    orgs = _orgs(_con(accounts, ips=[("g1", OFFICE)]))
    assert {a for a, o in orgs.items() if o == "domain:acme.io"} == {
        *(f"t{i}" for i in range(8)),
        "g0",
        "g1",
    }
    assert "g2" not in orgs


def test_a_corporate_card_anchors_a_domain_too():
    accounts = [(f"b{i}", "beta.dev", f"81.0.2.{i}", None) for i in range(4)]
    cards = [(f"b{i}", "tok_beta") for i in range(3)]
    assert set(_orgs(_con(accounts, cards))) == {"b0", "b1", "b2", "b3"}
    # two accounts on a card are not an organisation (org_card_min = 3)
    assert not _orgs(_con(accounts, cards[:2]))


def test_an_office_over_several_addresses_of_one_subnet_anchors_its_domain():
    """A team whose office NAT spreads its signups over five addresses of one /24, two
    or three at each (under org_network_min at any one), and who pay separately."""
    team = [(f"t{i}", "acme.io", f"198.51.100.{33 + i % 5}", None) for i in range(12)]
    walk_in = [("g0", "gmail.com", "198.51.100.40", None)]  # signed up in the subnet
    later = [("g1", "gmail.com", "81.0.1.1", None)]  # used an office address later
    orgs = _orgs(_con(team + walk_in + later, ips=[("g1", "198.51.100.33")]))
    # the domain's own signups anchor it; nobody else joins through a subnet, which
    # is wide (a ring on rotating proxies touches office subnets too)
    assert orgs == {f"t{i}": "domain:acme.io" for i in range(12)}
    # a subnet where the domain is under half the signups is nobody's office
    crowd = [(f"c{i}", "gmail.com", f"198.51.100.{50 + i}", None) for i in range(13)]
    assert not _orgs(_con(team + crowd))
    # four of the domain's accounts in the subnet are not an office (org_network_min 5)
    assert not _orgs(_con(team[:4]))


def test_a_subnet_anchor_is_a_small_egress_pool_not_a_hosting_range():
    """An office's few addresses are reused or lie in one block of 16; a ring rotating
    over a hosting /24 on its own domain uses each address once, all over the subnet."""
    block = [(f"t{i}", "acme.io", f"198.51.100.{129 + i}", None) for i in range(6)]
    assert set(_orgs(_con(block))) == {f"t{i}" for i in range(6)}
    rotating = [(f"r{i}", "qmail.fun", f"198.51.100.{1 + 21 * i}", None) for i in range(12)]
    assert not _orgs(_con(rotating))


def test_what_is_not_an_organisation():
    # a free-mail domain, however many sign up at one address
    assert not _orgs(_con(_team(domain="gmail.com")))
    # a card shared across domains is nobody's corporate card (3 + 3 of its 6 users)
    accounts = [(f"p{i}", f"cheap{i % 2}.xyz", f"81.0.3.{i}", None) for i in range(6)]
    assert not _orgs(_con(accounts, [(f"p{i}", "tok_pool") for i in range(6)]))
    # a domain with an office that holds under half its accounts is not private
    accounts = _team(n=20, at_office=6)
    assert not _orgs(_con(accounts))
    assert _orgs(_con(accounts, config=ScoreConfig(org_anchor_share=0.3)))
    # an address where the domain is under half the accounts is not its office
    accounts = _team(n=6) + [(f"s{i}", "gmail.com", OFFICE, None) for i in range(7)]
    assert not _orgs(_con(accounts))
    # an institution has its own null model, not a voice
    assert not _orgs(_con(_team(domain="cs.northbridge.edu")))
    # a domain larger than org_max_accounts, and the rule turned off
    assert not _orgs(_con(_team(), config=ScoreConfig(org_max_accounts=7)))
    assert not _orgs(_con(_team(), config=ScoreConfig(org_max_accounts=0)))


def test_a_declared_org_is_an_organisation():
    accounts = [("d0", "gmail.com", None, "org_42"), ("d1", "yahoo.com", None, "org_42")]
    assert _orgs(_con(accounts)) == {"d0": "org:org_42", "d1": "org:org_42"}


def test_a_declared_org_holds_the_undeclared_staff_on_its_domain():
    # A company that declared 5 of its 14 staff (scattered addresses, no office
    # anchor, more accounts than org_max_accounts allows an inferred org): the
    # other 9 on its domain are the org's people too.
    staff = [(f"e{i}", "helix.example", f"81.{i}.4.9", "org_helix" if i < 5 else None)
             for i in range(14)]  # fmt: skip
    others = [("x0", "gmail.com", "81.0.5.1", None), ("x1", "other.example", "81.0.5.2", None)]
    orgs = _orgs(_con(staff + others, config=ScoreConfig(org_max_accounts=5)))
    assert orgs == {f"e{i}": "org:org_helix" for i in range(14)}
    # An undeclared account keeps no org when the declared org is under
    # org_declared_share of the domain ...
    assert set(_orgs(_con(staff, config=ScoreConfig(org_declared_share=0.5)))) == {
        f"e{i}" for i in range(5)
    }
    # ... or under org_network_min accounts ...
    small = [(a, d, ip, "org_helix" if a in ("e0", "e1") else None) for a, d, ip, _ in staff]
    assert set(_orgs(_con(small, config=ScoreConfig(org_declared_share=0.1)))) == {"e0", "e1"}
    # ... or when the domain's declared accounts are split between orgs (a
    # consultancy's staff declared in their clients' workspaces) ...
    split = [(a, d, ip, ("org_a", "org_b")[i % 2] if i < 10 else None)
             for i, (a, d, ip, _) in enumerate(staff)]  # fmt: skip
    assert "e13" not in _orgs(_con(split, config=ScoreConfig(org_declared_share=0.1)))
    # ... or on a free-mail domain: a declared org does not own gmail.com.
    mail = [(a, "gmail.com", ip, o) for a, _, ip, o in staff]
    assert set(_orgs(_con(mail))) == {f"e{i}" for i in range(5)}
    # an account declared in another org keeps its own
    other = staff + [("e20", "helix.example", "81.20.4.9", "org_other")]
    assert _orgs(_con(other))["e20"] == "org:org_other"


def _sample(con, groups: dict[str, list[str]], config: ScoreConfig | None = None) -> dict:
    config = config or ScoreConfig()
    con.execute(
        "CREATE OR REPLACE TEMP TABLE raw_clusters (cluster_id VARCHAR, account_id VARCHAR)"
    )
    con.executemany(
        "INSERT INTO raw_clusters VALUES (?, ?)", [(g, a) for g, m in groups.items() for a in m]
    )
    con.execute(
        "CREATE OR REPLACE TEMP TABLE u_template (account_id VARCHAR, template VARCHAR,"
        " requests BIGINT)"
    )
    con.execute(
        "CREATE OR REPLACE TEMP TABLE value_stats (kind VARCHAR, value VARCHAR,"
        " weight DOUBLE, n_accounts BIGINT)"
    )
    queries.execute(con, "score/samples", **score_params(config))
    rows = con.execute("SELECT cluster_id, account_id FROM score_samples").fetchall()
    out: dict[str, set[str]] = {}
    for group, account in rows:
        out.setdefault(group, set()).add(account)
    return out


def test_a_group_samples_one_member_per_organisation():
    accounts = _team("t", "acme.io") + _team("u", "umbrella.dev", office="198.51.100.8")
    accounts += [(f"x{i}", "gmail.com", f"81.0.4.{i}", None) for i in range(5)]
    con = _con(accounts)
    # two teams and five independents: seven voices
    group = [a for a, *_ in accounts]
    sample = _sample(con, {"mixed": group})["mixed"]
    assert len(sample) == 7
    assert {a for a in sample if a.startswith("x")} == {f"x{i}" for i in range(5)}
    assert len({a for a in sample if a.startswith("t")}) == 1


def test_an_institution_is_one_voice_in_every_group():
    students = [(f"s{i}", "stu.northbridge.edu", f"81.0.5.{i}", None) for i in range(12)]
    others = [(f"o{i}", "gmail.com", f"81.0.6.{i}", None) for i in range(10)]
    con = _con(students + others)
    sample = _sample(
        con,
        {
            "minority": [f"s{i}" for i in range(4)] + [f"o{i}" for i in range(10)],
            "cohort": [f"s{i}" for i in range(4, 12)] + ["o0", "o1"],
        },
    )
    # 4 of 14: the students are one voice beside ten independents
    assert len(sample["minority"]) == 11
    # 8 of 10 (a class): still one voice, beside the two others; a class agrees
    # through its course, which its institution explains
    assert sorted(a[0] for a in sample["cohort"]) == ["o", "o", "s"]


VENUE = "203.0.113.9"
T0 = datetime(2026, 5, 2, 9, 0)


def _cohort(prefix, n, step, at=VENUE, domain="gmail.com", start=T0):
    return [(f"{prefix}{i}", domain, at, None, start + i * step) for i in range(n)]


def test_a_cohort_that_signed_up_in_one_sitting_at_one_address_is_one_venue():
    hackathon = _cohort("h", 8, timedelta(minutes=10))  # eight signups within 70 minutes
    ring_ip = _cohort("r", 8, timedelta(days=2), at="198.18.0.5")  # one address for weeks
    strangers = [(f"x{i}", "gmail.com", f"81.0.7.{i}", None, T0) for i in range(3)]
    con = _con(hackathon + ring_ip + strangers)
    orgs = _orgs(con)
    assert {a for a, o in orgs.items() if o == f"venue:{VENUE}"} == {f"h{i}" for i in range(8)}
    assert not any(a.startswith(("r", "x")) for a in orgs)  # a proxy used for weeks is no venue
    sample = _sample(con, {"event": [a for a, *_ in hackathon + strangers]})["event"]
    assert len(sample) == 4  # the venue and three strangers
    # venue_hours = 0 turns venues off
    off = ScoreConfig(venue_hours=0)
    assert not _orgs(_con(hackathon, config=off))


def test_an_onboarding_day_with_later_hires_at_the_office_is_one_venue():
    # six colleagues sign up together at the office, two hires join weeks later
    # from the same address: the onboarding day is most of its signups
    kickoff = _cohort("t", 6, timedelta(minutes=20))
    hires = [
        (f"t{6 + i}", "gmail.com", VENUE, None, T0 + timedelta(days=9 + 30 * i)) for i in range(2)
    ]
    orgs = _orgs(_con(kickoff + hires))
    assert {a for a, o in orgs.items() if o == f"venue:{VENUE}"} == {f"t{i}" for i in range(8)}
    # half is not most: a ring's VPS that signs up five on one Monday and five on
    # the next is two sittings, and no venue
    step = timedelta(minutes=3)
    mondays = _cohort("m", 5, step) + _cohort("w", 5, step, start=T0 + timedelta(days=7))
    assert not _orgs(_con(mondays))
    # nor is an address whose largest sitting is below org_network_min
    trickle = [
        (f"q{i}", "gmail.com", VENUE, None, T0 + timedelta(days=i // 4, minutes=i))
        for i in range(9)
    ]
    assert not _orgs(_con(trickle))


def test_a_declared_org_or_a_private_domain_comes_before_a_venue():
    staff = _cohort("s", 6, timedelta(minutes=5), domain="acme.io")
    declared = [("d0", "gmail.com", VENUE, "acme-corp", T0)]
    orgs = _orgs(_con(staff + declared))
    assert orgs["d0"] == "org:acme-corp"
    assert {orgs[f"s{i}"] for i in range(6)} == {"domain:acme.io"}


def test_a_student_who_signed_up_at_home_and_works_at_the_venue_is_its_own():
    bootcamp = _cohort("b", 6, timedelta(minutes=15))
    home = [("h0", "gmail.com", "81.0.8.1", None, T0 + timedelta(hours=3))]
    orgs = _orgs(_con(bootcamp + home, ips=[("h0", VENUE)]))
    assert orgs["h0"] == f"venue:{VENUE}"


def test_a_sitting_whose_accounts_share_a_device_is_a_farm_not_a_venue():
    farm = _cohort("f", 8, timedelta(minutes=3))
    devices = [(f"f{i}", f"emu-{i % 3}") for i in range(8)]  # three emulators, eight accounts
    assert not _orgs(_con(farm, devices=devices))
    people = [(f"f{i}", f"laptop-{i}") for i in range(8)]  # everyone on their own machine
    assert len(set(_orgs(_con(farm, devices=people)).values())) == 1
    # two of eight who share a card (a couple at the event) do not make it a farm;
    # four of eight do
    couple = [("f0", "card-x"), ("f1", "card-x")]
    assert len(set(_orgs(_con(farm, cards=couple, devices=people)).values())) == 1
    half = couple + [("f2", "card-y"), ("f3", "card-y")]
    assert not _orgs(_con(farm, cards=half, devices=people))


def test_a_team_on_the_office_card_is_a_venue_and_a_sitting_on_a_pool_card_a_farm():
    # an undeclared team on free mail: seven colleagues sign up at the office in
    # one afternoon, each on their own laptop, all paying with the corporate card;
    # a later hire at home works from the office network and holds the card too
    team = _cohort("t", 7, timedelta(minutes=15))
    laptops = [(f"t{i}", f"laptop-{i}") for i in range(8)]
    hire = [("t7", "gmail.com", "81.0.9.1", None, T0 + timedelta(days=20))]
    # ... and a colleague who signed up from home that afternoon and never came
    # in, on the corporate card: the office's card says its holders are its staff
    remote = [("t8", "gmail.com", "81.0.9.2", None, T0 + timedelta(minutes=30))]
    corporate = [(f"t{i}", "card-corp") for i in range(9)]
    orgs = _orgs(_con(team + hire + remote, cards=corporate, devices=laptops, ips=[("t7", VENUE)]))
    assert {a for a, o in orgs.items() if o == f"venue:{VENUE}"} == {f"t{i}" for i in range(9)}
    # the same sitting on one card that more accounts elsewhere hold (a ring's
    # pool card) is one operator's: a farm, no venue
    elsewhere = [
        (f"p{i}", "gmail.com", f"81.1.{i}.9", None, T0 + timedelta(days=i)) for i in range(8)
    ]
    pool = corporate[:7] + [(f"p{i}", "card-corp") for i in range(8)]
    assert not _orgs(_con(team + elsewhere, cards=pool, devices=laptops[:7]))
    # nor is a sitting spread over a pool of cards, although only accounts that
    # use the address hold them (a side operation rotating over its own few
    # proxies): a team pays with its one card
    spread = [(f"t{i}", "card-a" if i < 4 else "card-b" if i < 6 else "card-c") for i in range(7)]
    assert not _orgs(_con(team, cards=spread, devices=laptops[:7]))


def test_an_office_behind_a_small_egress_pool_is_one_venue_and_a_rotating_range_is_none():
    # eight colleagues sign up one afternoon over four addresses of the office's
    # /24, two on each: the subnet is the venue (no address holds five)
    office = [
        (f"t{i}", "gmail.com", f"198.51.100.{40 + i % 4}", None, T0 + timedelta(minutes=15 * i))
        for i in range(8)
    ]
    # a stranger who only used one of its addresses later is not its person: a
    # subnet is wide, and rings on residential proxies pass through offices' subnets
    visitor = [("v0", "gmail.com", "81.0.9.1", None, T0)]
    orgs = _orgs(_con(office + visitor, ips=[("v0", "198.51.100.41")]))
    assert {a for a, o in orgs.items() if o == "venue:net:198.51.100.0/24"} == {
        f"t{i}" for i in range(8)
    }
    assert "v0" not in orgs
    # a ring rotating over a hosting range signs up once per address, spread over
    # the /24: no egress pool, no venue
    rotating = [
        (f"r{i}", "gmail.com", f"198.51.100.{20 * i + 3}", None, T0 + timedelta(minutes=10 * i))
        for i in range(8)
    ]
    assert not _orgs(_con(rotating))


def test_a_student_on_gmail_who_works_on_the_campus_network_is_the_institutions():
    students = [(f"s{i}", "stu.northbridge.edu", "128.210.44.1", None) for i in range(6)]
    # signed up at home on gmail; g0 works on the campus NAT later, g1 never does
    home = [("g0", "gmail.com", "81.0.9.9", None), ("g1", "gmail.com", "81.0.9.10", None)]
    con = _con(students + home, ips=[("g0", "128.210.44.1"), ("g1", "81.0.9.10")])
    affiliated = dict(con.execute("SELECT account_id, domain FROM institution_accounts").fetchall())
    assert affiliated == {f"s{i}": "stu.northbridge.edu" for i in range(6)} | {
        "g0": "stu.northbridge.edu"
    }
