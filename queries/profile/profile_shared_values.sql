-- profile_shared_values: the infrastructure a campaign's accounts share, one row
-- per campaign, kind and value, ranked within (campaign, kind) by member count.
-- Kinds: ip (proxy exit IPs), ip_prefix (/24 or /48), email_pattern, phone_block
-- (values on at least $min_shared members) and device (a device id on at least
-- $min_farm members is a device farm) from the evidence table; card_bin from the
-- run's card table and email_domain from the accounts (all values: a BIN or a
-- domain is shared by nature).
-- all_accounts is how many accounts of the whole population show the value: a
-- value the campaign has to itself (members = all_accounts) is its own infrastructure.
-- Inputs: profile_members, evidence, value_stats, accounts, u_card.
-- Params: $top, $min_shared, $min_farm.
CREATE OR REPLACE TEMP TABLE profile_shared_values AS
WITH member_values AS (
    SELECT p.campaign_id, e.kind, e.value, count(DISTINCT e.account_id) AS members
    FROM profile_members p
    JOIN evidence e USING (account_id)
    WHERE e.kind IN ('ip', 'ip_prefix', 'device', 'email_pattern', 'phone_block')
    GROUP BY p.campaign_id, e.kind, e.value
),
bins AS (
    SELECT p.campaign_id, 'card_bin' AS kind, c.card_bin AS value,
           count(DISTINCT c.account_id) AS members, count(DISTINCT c.card_fingerprint) AS cards
    FROM profile_members p
    JOIN u_card c USING (account_id)
    WHERE c.card_bin IS NOT NULL AND c.card_bin <> ''
    GROUP BY p.campaign_id, c.card_bin
),
bin_population AS (
    SELECT card_bin AS value, count(DISTINCT account_id) AS all_accounts
    FROM u_card
    WHERE card_bin IN (SELECT value FROM bins)
    GROUP BY card_bin
),
domains AS (
    SELECT p.campaign_id, 'email_domain' AS kind, a.email_domain AS value,
           count(*) AS members
    FROM profile_members p
    JOIN accounts a USING (account_id)
    WHERE a.email_domain IS NOT NULL
    GROUP BY p.campaign_id, a.email_domain
),
domain_population AS (
    SELECT email_domain AS value, count(*) AS all_accounts
    FROM accounts
    WHERE email_domain IN (SELECT value FROM domains)
    GROUP BY email_domain
),
everything AS (
    SELECT m.campaign_id, m.kind, m.value, m.members, NULL::BIGINT AS cards,
           v.n_accounts AS all_accounts
    FROM member_values m
    LEFT JOIN value_stats v ON v.kind = m.kind AND v.value = m.value
    WHERE m.members >= CASE m.kind WHEN 'device' THEN $min_farm ELSE $min_shared END
    UNION ALL
    SELECT b.campaign_id, b.kind, b.value, b.members, b.cards, bp.all_accounts
    FROM bins b LEFT JOIN bin_population bp USING (value)
    UNION ALL
    SELECT d.campaign_id, d.kind, d.value, d.members, NULL, dp.all_accounts
    FROM domains d LEFT JOIN domain_population dp USING (value)
),
ranked AS (
    SELECT *,
           row_number() OVER (PARTITION BY campaign_id, kind
                              ORDER BY members DESC, value) AS rk,
           count(*) OVER (PARTITION BY campaign_id, kind) AS distinct_values,
           sum(members) OVER (PARTITION BY campaign_id, kind) AS member_links
    FROM everything
)
SELECT campaign_id, kind, value, members, cards, all_accounts, rk, distinct_values, member_links
FROM ranked
WHERE rk <= $top;
