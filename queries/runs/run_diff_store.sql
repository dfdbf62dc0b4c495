-- run_diff: the full diff from the previous run (runs/diff.py), stored in the
-- new snapshot by the rebuild that computed it anyway. Both runs' clusters and
-- memberships never change once published, so `fraudgraph diff` and the app's
-- Runs page read it instead of comparing two run files again (1.1-1.5 s at 2M
-- accounts). Params: $run_a (the previous run), $diff (JSON).
CREATE OR REPLACE TABLE run_diff AS SELECT CAST($run_a AS VARCHAR) AS run_a, CAST($diff AS VARCHAR) AS diff;
