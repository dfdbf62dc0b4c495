-- How each cluster of this run relates to the previous run: counts per lineage event.
-- Input: lineage.
SELECT event, count(*) AS clusters
FROM lineage
GROUP BY event
ORDER BY clusters DESC, event
