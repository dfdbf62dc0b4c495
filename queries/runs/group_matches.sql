-- group_matches: which new group continues which old group (keeps its id). A pair matches when
-- its member Jaccard exceeds $min_jaccard and each is the other's best match. For disjoint
-- groups and a threshold of at least 0.5 the best match is unique on both sides, so this
-- mutual-best rule equals the greedy best-first matching.
-- Inputs: group_overlap. Params: $min_jaccard.
WITH candidates AS (
    SELECT old_id, new_id, jaccard
    FROM group_overlap
    WHERE jaccard > $min_jaccard
),
ranked AS (
    SELECT
        *,
        row_number() OVER (PARTITION BY new_id ORDER BY jaccard DESC, old_id) AS rank_for_new,
        row_number() OVER (PARTITION BY old_id ORDER BY jaccard DESC, new_id) AS rank_for_old
    FROM candidates
)
SELECT old_id, new_id, jaccard
FROM ranked
WHERE rank_for_new = 1 AND rank_for_old = 1
