-- Clusters that changed since the previous run, with their current size and score.
-- Inputs: lineage, clusters. Parameters: $limit.
SELECT l.cluster_id, l.event, array_to_string(l.previous_ids, ', ') AS previous_ids, l.jaccard,
       c.size, c.score, c.campaign_id
FROM lineage l
LEFT JOIN clusters c USING (cluster_id)
WHERE l.event NOT IN ('stable', 'unchanged')
ORDER BY c.score DESC NULLS LAST, l.cluster_id
LIMIT $limit
