-- One campaign's record, with its clusters' graph metrics rolled up.
-- Inputs: snapshot tables campaigns, clusters. Parameter: $campaign_id.
SELECT k.campaign_id, k.size, k.n_clusters, k.score, k.flagged, k.reasons, k.headline,
       k.requests::BIGINT AS requests, k.input_tokens::BIGINT AS input_tokens,
       k.output_tokens::BIGINT AS output_tokens, k.first_activity, k.last_activity,
       k.req_per_account_day, k.top_template_share,
       c.created_first, c.created_last, c.density, c.n_bridges, c.central_members,
       c.n_exportable, c.fraud_labels, c.legit_labels
FROM campaigns k
LEFT JOIN (
    SELECT campaign_id,
           min(created_first) AS created_first,
           max(created_last) AS created_last,
           sum(density * size) / nullif(sum(size), 0) AS density,
           sum(n_bridges) AS n_bridges,
           flatten(list(central_members ORDER BY score DESC, size DESC))[1:10] AS central_members,
           sum(n_exportable) AS n_exportable,
           sum(fraud_labels) AS fraud_labels,
           sum(legit_labels) AS legit_labels
    FROM clusters
    WHERE campaign_id = $campaign_id
    GROUP BY campaign_id
) c USING (campaign_id)
WHERE k.campaign_id = $campaign_id
