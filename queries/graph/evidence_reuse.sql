-- The base run's evidence for every account outside evidence_scope: nothing of theirs
-- arrived since, and evidence depends only on an account's own rows and the config
-- (which an incremental rebuild requires to be unchanged).
-- Inputs: base.evidence (the previous run, ATTACHed read-only), evidence_scope.
INSERT INTO evidence
SELECT e.account_id, e.kind, e.value, e.t
FROM base.evidence e
ANTI JOIN evidence_scope s ON s.account_id = e.account_id;
