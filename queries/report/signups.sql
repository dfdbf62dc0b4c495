-- Signups of the report's accounts per time bin (bin: an interval such as '1 day')
-- from $since on.
-- Inputs: report_members, accounts. Params: $bin, $since.
SELECT time_bucket(CAST($bin AS INTERVAL), a.created_at) AS bin_start, count(*) AS signups
FROM report_members r
JOIN accounts a USING (account_id)
WHERE a.created_at >= $since
GROUP BY bin_start
ORDER BY bin_start
