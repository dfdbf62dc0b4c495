-- audit_recent: the newest audit entries first. Params: $limit.
SELECT ts, actor, action, CAST(details AS VARCHAR) AS details
FROM audit
ORDER BY ts DESC
LIMIT $limit
