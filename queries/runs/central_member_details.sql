-- central_member_details: contact attributes of the central members of the listed clusters,
-- in centrality order (PII: the caller masks them unless a reveal was requested and audited).
-- Inputs: clusters, accounts (run snapshot). Params: $cluster_ids (VARCHAR[]).
WITH central AS (
    SELECT
        cluster_id,
        unnest(central_members) AS account_id,
        generate_subscripts(central_members, 1) AS rank
    FROM clusters
    WHERE list_contains($cluster_ids, cluster_id)
)
SELECT c.cluster_id, c.rank, a.account_id, a.email, a.phone, a.country, a.signup_ip, a.created_at
FROM central AS c
JOIN accounts AS a ON a.account_id = c.account_id
ORDER BY c.cluster_id, c.rank
