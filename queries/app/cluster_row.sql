-- One cluster's record. Input: snapshot table clusters. Parameter: $cluster_id.
SELECT cluster_id, campaign_id, size, score, flagged, reasons, created_first, created_last,
       density, n_bridges, central_members, to_json(features)::VARCHAR AS features,
       n_exportable, requests::BIGINT AS requests, input_tokens::BIGINT AS input_tokens,
       output_tokens::BIGINT AS output_tokens, first_activity, last_activity,
       fraud_labels, legit_labels
FROM clusters
WHERE cluster_id = $cluster_id
