-- group_ids: the stable id of every new group. A matched group keeps its old id; the others get
-- the next ids of the sequence, riskiest (then largest) first, so numbering is deterministic.
-- Inputs: group_matches (a temp table of runs/group_matches), new_group_info(group_id, score, size).
-- Params: $id_format (printf format, e.g. 'C-%06d'), $next_seq (first unused number).
WITH unmatched AS (
    SELECT group_id, score, size
    FROM new_group_info
    WHERE group_id NOT IN (SELECT new_id FROM group_matches)
)
SELECT m.new_id AS provisional_id, m.old_id AS stable_id, TRUE AS kept
FROM group_matches AS m
UNION ALL
SELECT
    group_id AS provisional_id,
    printf(
        $id_format,
        $next_seq - 1 + row_number() OVER (ORDER BY score DESC NULLS LAST, size DESC, group_id)
    ) AS stable_id,
    FALSE AS kept
FROM unmatched
