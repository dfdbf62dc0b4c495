-- run_info: the one-row record of a rebuild inside its snapshot (docs/architecture.md), plus the
-- id sequences (never reused) and the input marks `rebuild --if-changed` compares.
-- Params: $run_id, $previous_run_id, $started_at, $finished_at, $params, $timings, $counts,
--   $warnings, $diff_summary (JSON text), $held, $next_cluster_seq, $next_campaign_seq, $inputs.
CREATE OR REPLACE TABLE run_info AS
SELECT
    CAST($run_id AS VARCHAR) AS run_id,
    CAST($previous_run_id AS VARCHAR) AS previous_run_id,
    CAST($started_at AS TIMESTAMP) AS started_at,
    CAST($finished_at AS TIMESTAMP) AS finished_at,
    CAST($params AS JSON) AS params,
    CAST($timings AS JSON) AS timings,
    CAST($counts AS JSON) AS counts,
    CAST($warnings AS JSON) AS warnings,
    CAST($diff_summary AS JSON) AS diff_summary,
    CAST($held AS BOOLEAN) AS held,
    CAST($next_cluster_seq AS BIGINT) AS next_cluster_seq,
    CAST($next_campaign_seq AS BIGINT) AS next_campaign_seq,
    CAST($inputs AS JSON) AS inputs
