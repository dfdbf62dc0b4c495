-- ip_events: good staged rows not already stored (same row_hash), with the
-- normalised IP, its prefix and private/CGNAT flags.
INSERT INTO ip_events BY NAME
SELECT
    s.account_id, s.ts, s.ip, i.ip_norm, i.ip_prefix, i.ip_private, i.ip_cgnat, s.event,
    s.row_key AS row_hash, $file_id AS file_id
FROM stage AS s
JOIN lookup_ip AS i ON i.raw = s.ip
WHERE s.bad_reason IS NULL
  AND NOT EXISTS (SELECT 1 FROM ip_events AS e WHERE e.row_hash = s.row_key);
