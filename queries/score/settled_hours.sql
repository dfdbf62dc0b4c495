-- settled_hours: the hours each account was active in (one row per account and
-- hour with a request), without its first
-- $activation_hours after signup (default 24). People use a service right after
-- they sign up, so accounts created in the same batch are active in the same
-- hours of their first day, whoever they are: on a launch day or at term start
-- that activation
-- co-activity is the signup batch again, not a second agreement. The sync
-- statistic (group_stats.sql, member_strength.sql) counts only the hours after
-- it, where a ring working one shift day after day still agrees and a cohort of
-- strangers does not. An account without created_at keeps every hour.
-- Inputs: u_hour, accounts. Params: $activation_hours.
CREATE OR REPLACE TEMP TABLE u_hour_settled AS
SELECT h.account_id, h.hour
FROM u_hour h LEFT JOIN accounts a USING (account_id)
WHERE (a.created_at IS NULL
       OR h.hour + INTERVAL 1 HOUR > a.created_at + to_hours(CAST($activation_hours AS BIGINT)));

-- u_hour has no reader after this (evidence_usage.sql ran before): at 2M
-- accounts it held 20.8M rows of the memory the scoring statements need.
DROP TABLE u_hour;
