-- snapshot_ingested_labels: the ingested (not manual) labels a run saw at rebuild time; export
-- unions them with the store's current labels so a legit verdict is honoured even when the
-- store is busy. Inputs: labels (run snapshot; manual rows carry an actor).
SELECT account_id, label, source, ts
FROM labels
WHERE actor IS NULL
