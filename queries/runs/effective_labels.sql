-- effective_labels: the label of each account now: the newest by ts across ingested labels
-- and manual labels. A manual "clear" (label NULL) withdraws that account's manual labels, so
-- its ingested labels apply again. On equal ts a manual label wins; an ingested label without
-- ts is older than any dated one.
-- Inputs (views the caller creates): label_source_ingested(account_id, label, source, ts),
--   label_source_manual(label_id, ts, actor, account_id, label, note).
WITH manual AS (
    SELECT account_id, label, 'manual' AS source, actor, ts, note, 1 AS manual_first
    FROM label_source_manual
    QUALIFY row_number() OVER (PARTITION BY account_id ORDER BY ts DESC, label_id DESC) = 1
),
ingested AS (
    SELECT
        CAST(account_id AS VARCHAR) AS account_id,
        lower(trim(CAST(label AS VARCHAR))) AS label,
        coalesce(CAST(source AS VARCHAR), 'ingested') AS source,
        CAST(NULL AS VARCHAR) AS actor,
        CAST(ts AS TIMESTAMP) AS ts,
        CAST(NULL AS VARCHAR) AS note,
        0 AS manual_first
    FROM label_source_ingested
    WHERE lower(trim(CAST(label AS VARCHAR))) IN ('fraud', 'legit')
),
candidates AS (
    SELECT * FROM manual WHERE label IS NOT NULL
    UNION ALL
    SELECT * FROM ingested
)
SELECT account_id, label, source, actor, ts, note
FROM candidates
QUALIFY row_number() OVER (
    PARTITION BY account_id ORDER BY ts DESC NULLS LAST, manual_first DESC, label
) = 1
