-- Requests of the report's accounts per day and model: the chart that shows a pivot.
-- Inputs: report_members, usage_daily.
SELECT u.day, coalesce(u.model, '(none)') AS model, sum(u.requests)::BIGINT AS requests
FROM report_members r
JOIN usage_daily u USING (account_id)
GROUP BY ALL
ORDER BY u.day, model
