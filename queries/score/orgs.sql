-- orgs: accounts that belong to one organisation, which count as one voice in a
-- group's coordination statistics (samples.sql keeps one member per organisation
-- in each group's sample).
-- A team shares its employer's onboarding day, internal prompts and office
-- hours; a bootcamp cohort its first class, its assignments and its lessons. A
-- group of colleagues therefore agrees far beyond random strangers, and so does
-- a union of unrelated teams that weak links put in one ring candidate: each
-- member agrees with its own colleagues. What a campaign shows and they do not
-- is agreement between independent parties, so agreement inside one
-- organisation is not counted: it is explained by the organisation.
-- An organisation is
--   * a declared org_id, with the undeclared accounts on its e-mail domain: a
--     private domain (not free-mail, throwaway or institutional) where one org_id
--     holds at least $org_declared_share of the domain's accounts and 90% of its
--     declared ones (a company that declared half its staff; the platform's own
--     record ties the domain to the org, and a ring that could declare some of
--     its accounts could declare all of them), or
--   * a private e-mail domain with its own infrastructure: at least
--     $org_anchor_share of the domain's accounts signed up from an address, or
--     paid with a card, that is the domain's (an "anchor": at least
--     $org_network_min accounts there for an address, $org_card_min for a card,
--     and the domain at least $institution_min_share of the address's accounts,
--     90% of the card's), or signed up from a subnet (/24, /48) that is the
--     domain's in the same sense through a small egress pool (subnet_anchor).
--     The accounts at its address and card anchors on other domains (staff on
--     gmail at the office NAT, on the corporate card) are its people too.
--     Free-mail and throwaway domains (free_mail_domains, cheap_domains),
--     institutional ones (their own null in null_groups.sql) and domains of more
--     than $org_max_accounts accounts are never an organisation, or
--   * a venue: a signup address, or a subnet's small egress pool (an office
--     behind a few addresses of one /24), where at least $org_network_min
--     accounts signed up in one sitting, and most of its signups (more than half
--     within $venue_hours of each other; 0: no venues): a hackathon, a workshop,
--     a class in a lab, a team's onboarding day with the later hires who signed
--     up at the office too.
--     Its people signed up there, or used the address later (not the subnet: a
--     ring on residential proxies passes through offices' subnets). A sitting
--     where at least half the accounts share a device, a card, a canonical
--     e-mail or a phone with another of them is a farm, one operator's accounts
--     rather than people with their own, and no venue; except the office's own
--     card (own_cards: the one card the sitting pays with, held mostly by the
--     place's people), which says one employer. An address used for weeks (a
--     proxy, a ring's VPS) is no sitting.
--   An account in several is the declared org's, then the domain's, then the
--   venue's.
-- The gap this opens: a campaign that builds fake organisations (a domain of
-- its own and an office address or a card for each) has the agreement inside
-- each discounted. A ring candidate of many such units is still tested on the
-- agreement between them.
-- An account is at an address (an anchor or a venue) when it signed up there or
-- used it (ip evidence: logins and API traffic): a student who signed up at home
-- but works from the bootcamp's network is the bootcamp's.
-- Institutions (institution_accounts, below) are not organisations here, but
-- samples.sql counts an institution's people as one voice too, in every group.
-- Inputs: accounts, account_strata, evidence, u_card, cheap_domains,
-- free_mail_domains, institution_domains.
-- Params: $org_anchor_share, $org_network_min, $org_card_min, $org_max_accounts,
-- $org_declared_share, $venue_hours, $institution_min_share, $institution_network_min.
-- ipv4_host: the last octet of an IPv4 address (NULL for IPv6): how far apart
-- the addresses of one /24 are.
CREATE OR REPLACE TEMP MACRO ipv4_host(ip) AS
    CASE WHEN contains(ip, '.') THEN TRY_CAST(split_part(ip, '.', 4) AS INTEGER) END;
-- egress_pool: whether signups over some addresses of one subnet look like a
-- small egress pool (an office's): its addresses reused, two or more signups
-- each on average, or all within 16 consecutive IPv4 addresses (host_span: the
-- largest ipv4_host minus the smallest). A ring rotating over a hosting range
-- uses each address about once, spread over the subnet. subnet_anchor and
-- sittings both ask it.
CREATE OR REPLACE TEMP MACRO egress_pool(signups, addresses, host_span) AS
    signups >= 2 * addresses OR host_span < 16;

-- Shared by both tables below: the e-mail domains under an institutional suffix
-- (each distinct domain matched once), and for each signup address (and its
-- subnet) how many of its accounts are on each domain (k) and in all (n_ip).
CREATE OR REPLACE TEMP TABLE institutional_domains AS
SELECT d.domain
FROM (SELECT DISTINCT email_domain AS domain FROM accounts WHERE email_domain IS NOT NULL) d
WHERE EXISTS (
    SELECT 1 FROM institution_domains i
    WHERE d.domain = i.suffix OR d.domain LIKE '%.' || i.suffix
);

CREATE OR REPLACE TEMP TABLE address_domains AS
SELECT signup_ip_norm AS ip, any_value(signup_ip_prefix) AS prefix, email_domain AS domain,
       count(*) AS k, sum(count(*)) OVER (PARTITION BY signup_ip_norm) AS n_ip
FROM accounts
WHERE signup_ip_norm IS NOT NULL
GROUP BY signup_ip_norm, email_domain;

CREATE OR REPLACE TEMP TABLE org_accounts AS
WITH private_domains AS (  -- every domain that is not free-mail, throwaway or institutional
    SELECT email_domain AS domain, count(*) AS n_domain
    FROM accounts
    WHERE email_domain IS NOT NULL
    GROUP BY email_domain
    HAVING email_domain NOT IN (SELECT domain FROM free_mail_domains)
       AND email_domain NOT IN (SELECT domain FROM cheap_domains)
       AND email_domain NOT IN (SELECT domain FROM institutional_domains)
),
domains AS (  -- those small enough to be an inferred organisation
    SELECT domain, n_domain FROM private_domains WHERE n_domain <= $org_max_accounts
),
ip_anchor AS (
    SELECT ip, domain FROM address_domains
    WHERE domain IN (SELECT domain FROM domains)
      AND k >= $org_network_min AND k >= $institution_min_share * n_ip
),
subnet_anchor AS (  -- an office over several addresses of one subnet (/24, /48):
    -- a small egress pool (egress_pool) of the domain's signups. Counts only the
    -- domain's own accounts that signed up there (anchored).
    SELECT prefix, domain FROM (
        SELECT prefix, domain, sum(k) AS k, count(*) AS n_addresses,
               max(ipv4_host(ip)) - min(ipv4_host(ip)) AS host_span,
               sum(sum(k)) OVER (PARTITION BY prefix) AS n_prefix
        FROM address_domains
        WHERE prefix IS NOT NULL
        GROUP BY prefix, domain
    ) x
    WHERE domain IN (SELECT domain FROM domains)
      AND k >= $org_network_min AND k >= $institution_min_share * n_prefix
      AND egress_pool(k, n_addresses, host_span)
),
card_anchor AS (
    SELECT card, domain FROM (
        SELECT c.card_fingerprint AS card, a.email_domain AS domain,
               count(DISTINCT c.account_id) AS k
        FROM u_card c JOIN accounts a USING (account_id)
        GROUP BY c.card_fingerprint, a.email_domain
    ) x
    JOIN (SELECT card_fingerprint AS card, count(DISTINCT account_id) AS n_card FROM u_card
          GROUP BY card_fingerprint) t USING (card)
    WHERE domain IN (SELECT domain FROM domains)
      AND k >= $org_card_min AND k >= 0.9 * n_card
),
venue_signups AS (  -- each signup at its address, and at its subnet (/24, /48) as
    -- 'net:<prefix>': an office behind a small egress pool signs its people up
    -- over several addresses of one subnet
    SELECT account_id, created_at, signup_ip_norm AS ip, signup_ip_norm AS place
    FROM accounts
    WHERE signup_ip_norm IS NOT NULL AND created_at IS NOT NULL
    UNION ALL
    SELECT account_id, created_at, signup_ip_norm, 'net:' || signup_ip_prefix
    FROM accounts
    WHERE signup_ip_prefix IS NOT NULL AND created_at IS NOT NULL
),
sittings AS (  -- one sitting: most of the place's signups within $venue_hours
    -- of each other, the largest such window counted (the onboarding day, beside
    -- the later hires who signed up at the office too). A subnet is a place only
    -- as a small egress pool (egress_pool, as for subnet_anchor), over more than
    -- one address (one address is a place of its own).
    SELECT place, count(*) AS n, arg_max(epoch(created_at), in_window) AS t_start
    FROM (
        SELECT place, ip, created_at,
               count(*) OVER (PARTITION BY place ORDER BY epoch(created_at)
                              RANGE BETWEEN CURRENT ROW AND 3600.0 * $venue_hours FOLLOWING)
                   AS in_window
        FROM venue_signups
        WHERE place IN (
            SELECT place FROM venue_signups
            GROUP BY place
            HAVING count(*) >= $org_network_min AND count(*) <= $org_max_accounts
        )
    ) w
    GROUP BY place
    HAVING $venue_hours > 0
       AND max(in_window) >= $org_network_min
       AND max(in_window) > 0.5 * count(*)
       AND (NOT starts_with(place, 'net:')
            OR (count(DISTINCT ip) > 1
                AND egress_pool(count(*), count(DISTINCT ip),
                                max(ipv4_host(ip)) - min(ipv4_host(ip)))))
),
place_users AS (  -- who used an address later. Not a subnet: a subnet is wide, and
    -- a ring rotating over a residential-proxy provider passes through the
    -- subnets of offices and campuses (one /24 of a second generator had 23
    -- signups and 1,438 later users, most of them two rings')
    SELECT account_id, value AS place FROM evidence
    WHERE kind = 'ip' AND value IN (SELECT place FROM sittings)
),
sitting_people AS (  -- who was at each sitting's place: signed up there, or used the address
    SELECT account_id, place FROM venue_signups WHERE place IN (SELECT place FROM sittings)
    UNION
    SELECT account_id, place FROM place_users
),
sitting_signups AS (  -- the signups of each sitting's window
    SELECT v.place, v.account_id
    FROM venue_signups v JOIN sittings s USING (place)
    WHERE epoch(v.created_at) BETWEEN s.t_start AND s.t_start + 3600.0 * $venue_hours
),
own_cards AS (  -- the office's card: the one card its sitting pays with (90% of
    -- the sitting's signups that hold a card hold it, and at least half the
    -- sitting), and that mostly the place's people hold, as the corporate
    -- card of a team on free mail that did not declare its org. It says the
    -- accounts have one employer, not one operator. A ring's pool spreads a
    -- sitting over several cards, each held by a few, or reused by accounts
    -- elsewhere; a ring that puts one card on a whole sitting is still tested on
    -- the agreement between its sittings.
    SELECT p.place, e.value AS card
    FROM sitting_people p
    JOIN sittings s USING (place)
    JOIN evidence e ON e.account_id = p.account_id AND e.kind = 'card'
    JOIN (SELECT value, count(DISTINCT account_id) AS n_card FROM evidence
          WHERE kind = 'card' GROUP BY value) c ON c.value = e.value
    JOIN (SELECT g.place, count(DISTINCT g.account_id) AS n_paying
          FROM sitting_signups g
          SEMI JOIN evidence x ON x.account_id = g.account_id AND x.kind = 'card'
          GROUP BY g.place) y USING (place)
    LEFT JOIN sitting_signups i ON i.place = p.place AND i.account_id = p.account_id
    GROUP BY p.place, e.value
    HAVING count(DISTINCT p.account_id) > 0.5 * any_value(c.n_card)
       AND count(DISTINCT p.account_id) >= 0.5 * any_value(s.n)
       AND count(DISTINCT i.account_id) >= 0.9 * any_value(y.n_paying)
),
farms AS (  -- sittings where at least half the accounts share a device, a card
    -- (not the office's own), an e-mail (canonical) or a phone with another of
    -- them: one operator's accounts, not people (two attendees of 85 who share
    -- one do not make an event a farm)
    SELECT place
    FROM (
        SELECT s.place, s.n, v.account_id,
               count(*) OVER (PARTITION BY s.place, e.kind, e.value) AS holders
        FROM venue_signups v
        JOIN sittings s USING (place)
        JOIN evidence e ON e.account_id = v.account_id  -- one row per account, kind, value
         AND e.kind IN ('device', 'card', 'email', 'phone')
        ANTI JOIN own_cards o ON o.place = s.place AND e.kind = 'card' AND o.card = e.value
    ) held
    WHERE holders >= 2
    GROUP BY place
    HAVING count(DISTINCT account_id) >= 0.5 * any_value(n)
),
venues AS (
    SELECT place FROM sittings WHERE place NOT IN (SELECT place FROM farms)
),
venue_people AS (  -- signed up at the venue, or used it later, or hold its own card
    -- (staff who signed up from home on the corporate card)
    SELECT account_id, place FROM sitting_people WHERE place IN (SELECT place FROM venues)
    UNION
    SELECT e.account_id, o.place
    FROM own_cards o JOIN evidence e ON e.kind = 'card' AND e.value = o.card
    WHERE o.place IN (SELECT place FROM venues)
),
present AS (  -- who was at each anchor: signed up there, or used it later
    SELECT account_id, signup_ip_norm AS ip FROM accounts
    WHERE signup_ip_norm IN (SELECT ip FROM ip_anchor)
    UNION
    SELECT account_id, value FROM evidence
    WHERE kind = 'ip' AND value IN (SELECT ip FROM ip_anchor)
),
anchored AS (  -- accounts at one of the domain's anchors, on any domain; at a
    -- subnet anchor only the domain's own signups (a subnet is wide: a ring on
    -- rotating proxies touches office subnets too, and must not join the office)
    SELECT p.account_id, i.domain FROM present p JOIN ip_anchor i USING (ip)
    UNION
    SELECT c.account_id, k.domain FROM u_card c JOIN card_anchor k ON k.card = c.card_fingerprint
    UNION
    SELECT a.account_id, s.domain
    FROM accounts a
    JOIN subnet_anchor s ON s.prefix = a.signup_ip_prefix AND s.domain = a.email_domain
),
private AS (
    SELECT d.domain
    FROM domains d
    JOIN (SELECT n.domain, count(DISTINCT n.account_id) AS k
          FROM anchored n JOIN accounts a ON a.account_id = n.account_id AND a.email_domain = n.domain
          GROUP BY n.domain) h USING (domain)
    WHERE h.k >= $org_anchor_share * d.n_domain
),
declared_domains AS (  -- private domains one declared org holds
    SELECT d.domain, d.org_id
    FROM (
        SELECT email_domain AS domain, arg_max(org_id, n) AS org_id, max(n) AS n_org,
               sum(n) AS n_declared
        FROM (
            SELECT email_domain, org_id, count(*) AS n
            FROM accounts
            WHERE email_domain IS NOT NULL AND org_id IS NOT NULL
            GROUP BY email_domain, org_id
        )
        GROUP BY email_domain
    ) d
    JOIN private_domains t USING (domain)
    WHERE d.n_org >= $org_network_min
      AND d.n_org >= 0.9 * d.n_declared
      AND d.n_org >= $org_declared_share * t.n_domain
),
members AS (
    SELECT a.account_id, 'org:' || d.org_id AS org, 3 AS rank
    FROM accounts a JOIN declared_domains d ON d.domain = a.email_domain
    WHERE a.org_id IS NULL
    UNION ALL
    SELECT account_id, 'domain:' || email_domain AS org, 2 AS rank FROM accounts
    WHERE email_domain IN (SELECT domain FROM private)
    UNION ALL
    SELECT account_id, 'domain:' || domain, 2 FROM anchored WHERE domain IN (SELECT domain FROM private)
    UNION ALL
    SELECT account_id, 'org:' || org_id, 3 FROM accounts WHERE org_id IS NOT NULL
    UNION ALL
    SELECT account_id, 'venue:' || place, 1 FROM venue_people
)
-- one organisation per account: a declared one first, then a domain, then a venue
SELECT account_id, org
FROM members
QUALIFY row_number() OVER (PARTITION BY account_id ORDER BY rank DESC, org DESC) = 1;

-- institution_accounts: each institution's people (see null_groups.sql).
CREATE OR REPLACE TEMP TABLE institution_accounts AS
WITH on_domain AS (
    SELECT account_id, email_domain AS domain
    FROM accounts
    WHERE email_domain IN (SELECT domain FROM institutional_domains)
),
-- the institution's network: a signup address where at least
-- $institution_min_share of the accounts, and at least $institution_network_min
-- (0: no networks), are on one institutional domain (a campus NAT). The
-- accounts on personal addresses that signed up there, or used it later (a
-- student who signed up at home on gmail and works on the campus network; as
-- a venue's people in org_accounts), are that institution's people too.
campus AS (
    SELECT ip, domain
    FROM address_domains
    WHERE domain IN (SELECT domain FROM institutional_domains)
    QUALIFY row_number() OVER (PARTITION BY ip ORDER BY k DESC, domain) = 1
        AND $institution_network_min > 0
        AND k >= $institution_network_min AND k >= $institution_min_share * n_ip
),
campus_users AS (  -- one campus per account: where it signed up, else the one it used most
    SELECT account_id, domain FROM (
        SELECT a.account_id, c.domain, 1 AS signed_up FROM accounts a JOIN campus c ON c.ip = a.signup_ip_norm
        UNION ALL
        SELECT e.account_id, c.domain, 0 FROM evidence e JOIN campus c ON c.ip = e.value
        WHERE e.kind = 'ip'
    )
    WHERE account_id NOT IN (SELECT account_id FROM on_domain)
    GROUP BY account_id, domain
    QUALIFY row_number() OVER (PARTITION BY account_id
                               ORDER BY max(signed_up) DESC, count(*) DESC, domain) = 1
),
affiliated AS (
    SELECT account_id, domain FROM on_domain
    UNION ALL
    SELECT account_id, domain FROM campus_users
)
SELECT f.account_id, f.domain, split_part(s.stratum, '|', 2) AS activity
FROM affiliated f JOIN account_strata s USING (account_id);
