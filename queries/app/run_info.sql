-- The run's own record (one row): id, times, counts, warnings, diff summary.
-- Input: run snapshot table run_info.
SELECT run_id, previous_run_id, started_at, finished_at,
       counts::VARCHAR AS counts, warnings::VARCHAR AS warnings,
       diff_summary::VARCHAR AS diff_summary, timings::VARCHAR AS timings, held
FROM run_info
LIMIT 1
