-- unfired_starts: each vertex of unfired_members with its fine cluster as the
-- starting partition of the finer cut (graph/score.py split_unfired).
SELECT vid, start FROM unfired_members ORDER BY vid
