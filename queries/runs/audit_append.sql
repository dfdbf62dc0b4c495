-- audit_append: one audit entry, time-stamped now (UTC, naive TIMESTAMP).
-- Params: $actor, $action, $details (JSON text).
INSERT INTO audit (ts, actor, action, details)
VALUES (CAST(now() AT TIME ZONE 'UTC' AS TIMESTAMP), $actor, $action, CAST($details AS JSON))
