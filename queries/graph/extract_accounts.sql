-- accounts: the run's copy of every account (normalised columns only), so that
-- readers (app lookups, reports) never need the ingest store.
-- Input: store.accounts (the ingest store, attached read-only).
CREATE OR REPLACE TABLE accounts AS
SELECT
    account_id,
    created_at,
    email,
    email_canonical,
    email_domain,
    email_shape,
    phone,
    phone_e164,
    phone_block,
    coalesce(country, 'ZZ') AS country,
    signup_ip,
    signup_ip_norm,
    signup_ip_prefix,
    signup_ip_private,
    signup_ip_cgnat,
    signup_device_id,
    user_agent,
    ua_family,
    ua_headless,
    org_id
FROM store.accounts;
