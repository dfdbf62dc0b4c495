-- app_member_accounts: the account facts the app's detail page shows for cluster members
-- (the member table, the signup span and timeline), for clustered accounts only. Precomputed
-- here because a detail page would otherwise join its members against every account of the
-- run (a scan of 2M rows, a quarter of a second per page at the reference population);
-- this table holds only the ~1/4 of accounts that are members. No cluster or campaign column,
-- so the stable-id rewrite (runs/ids.py) does not copy it: the app joins memberships.
-- Inputs: accounts, memberships, labels (effective labels at rebuild time).
CREATE OR REPLACE TABLE app_member_accounts AS
SELECT a.account_id, a.created_at, a.country, a.email, a.email_canonical, a.phone,
       a.signup_ip, a.signup_device_id, a.ua_family, a.ua_headless, a.org_id,
       l.label AS label_at_run
FROM accounts a
SEMI JOIN memberships m USING (account_id)
LEFT JOIN (SELECT account_id, arg_max(label, ts) AS label FROM labels GROUP BY account_id) l
       USING (account_id);
