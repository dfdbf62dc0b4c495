-- devices: good staged rows not already stored (same row_hash), with the
-- user agent's family and headless flag.
INSERT INTO devices BY NAME
SELECT
    s.account_id, s.ts, s.device_id, s.user_agent, u.ua_family, u.ua_headless,
    s.row_key AS row_hash, $file_id AS file_id
FROM stage AS s
LEFT JOIN lookup_ua AS u ON u.raw = s.user_agent
WHERE s.bad_reason IS NULL
  AND NOT EXISTS (SELECT 1 FROM devices AS e WHERE e.row_hash = s.row_key);
