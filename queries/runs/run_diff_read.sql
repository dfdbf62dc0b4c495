-- The stored diff of an open run from $run_a, if its rebuild stored one
-- (run_diff_store.sql; runs built before it have no such table).
SELECT diff FROM run_diff WHERE run_a = $run_a;
