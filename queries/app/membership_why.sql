-- The rebuild's own explanation of each listed account's membership.
-- Input: memberships. Parameter: $accounts (VARCHAR[]).
SELECT account_id, cluster_id, campaign_id, strength, exportable, to_json(why)::VARCHAR AS why
FROM memberships
WHERE account_id IN (SELECT unnest($accounts))
