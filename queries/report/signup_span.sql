-- The signup timeline's range: from the 1st percentile of the report's accounts'
-- signup times to the last one (aged accounts bought years earlier would otherwise
-- squeeze the burst into one bar), and how many signed up before that.
-- Inputs: report_members, accounts.
WITH signups AS (
    SELECT a.created_at FROM report_members r JOIN accounts a USING (account_id)
    WHERE a.created_at IS NOT NULL
),
span AS (
    SELECT to_timestamp(quantile_disc(epoch(created_at), 0.01))::TIMESTAMP AS since,
           max(created_at) AS last_signup
    FROM signups
)
SELECT s.since, s.last_signup,
       (SELECT count(*) FROM signups WHERE created_at < s.since) AS earlier
FROM span s
