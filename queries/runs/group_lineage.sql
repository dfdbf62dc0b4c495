-- group_lineage: where each new group came from. 'merged': at least two old groups each sent
-- most (>= half, and at least 2) of their members into it; 'split': it drew most of its members
-- from an old group that several new groups drew most of theirs from; 'continued': it kept an
-- old id; 'new' otherwise. jaccard is the best member Jaccard with any old group.
-- Inputs: group_overlap, group_ids(provisional_id, stable_id, kept) with old ids in stable_id.
-- Output ids are provisional (the caller maps them).
WITH merge_sources AS (
    SELECT new_id, list(old_id ORDER BY old_id) AS sources
    FROM group_overlap
    WHERE old_share >= 0.5 AND inter >= 2
    GROUP BY new_id
    HAVING count(*) >= 2
),
main_source AS (
    SELECT new_id, old_id
    FROM group_overlap
    WHERE new_share >= 0.5 AND inter >= 2
    QUALIFY row_number() OVER (PARTITION BY new_id ORDER BY inter DESC, old_id) = 1
),
split_olds AS (
    SELECT old_id FROM main_source GROUP BY old_id HAVING count(*) >= 2
),
best AS (
    SELECT new_id, max(jaccard) AS jaccard FROM group_overlap GROUP BY new_id
)
SELECT
    g.provisional_id AS group_id,
    CASE
        WHEN ms.new_id IS NOT NULL THEN 'merged'
        WHEN so.old_id IS NOT NULL THEN 'split'
        WHEN g.kept THEN 'continued'
        ELSE 'new'
    END AS event,
    CASE
        WHEN ms.new_id IS NOT NULL THEN ms.sources
        WHEN so.old_id IS NOT NULL THEN [so.old_id]
        WHEN g.kept THEN [g.stable_id]
        ELSE CAST([] AS VARCHAR[])
    END AS previous_ids,
    b.jaccard
FROM group_ids AS g
LEFT JOIN merge_sources AS ms ON ms.new_id = g.provisional_id
LEFT JOIN main_source AS src ON src.new_id = g.provisional_id
LEFT JOIN split_olds AS so ON so.old_id = src.old_id
LEFT JOIN best AS b ON b.new_id = g.provisional_id
