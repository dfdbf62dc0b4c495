-- stage_ip_rows (api_requests): good rows per distinct raw ip of the staged file.
-- build_lookups writes the same table while it collects the distinct ips for
-- lookup_ip (one pass over the stage); this file rebuilds it after
-- stage_dedupe.sql removed repeated rows, so invalid_api_requests.sql counts
-- the rows that remain.
CREATE OR REPLACE TEMP TABLE stage_ip_rows AS
SELECT ip AS raw, count(*) FILTER (WHERE bad_reason IS NULL) AS good_rows
FROM stage
WHERE ip IS NOT NULL
GROUP BY ip;
