-- labels_manual_insert: one manual label row per account of label_targets, numbered after the
-- current maximum label_id, all stamped with the same time.
-- Inputs: label_targets(account_id, previous_label) (a registered frame).
-- Params: $actor, $label (NULL clears), $note, $scope, $scope_id, $run_id.
INSERT INTO labels_manual
SELECT
    (SELECT coalesce(max(label_id), 0) FROM labels_manual)
        + row_number() OVER (ORDER BY account_id) AS label_id,
    CAST(now() AT TIME ZONE 'UTC' AS TIMESTAMP) AS ts,
    $actor AS actor,
    account_id,
    CAST($label AS VARCHAR) AS label,
    $note AS note,
    $scope AS scope,
    $scope_id AS scope_id,
    $run_id AS run_id,
    previous_label
FROM label_targets
