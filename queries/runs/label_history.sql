-- label_history: manual label changes, newest first (who labelled what, when). Params: $limit.
SELECT label_id, ts, actor, account_id, label, previous_label, note, scope, scope_id, run_id
FROM labels_manual
ORDER BY ts DESC, label_id DESC
LIMIT $limit
