-- ops_schema: the ops database (manual labels, append-only audit log); idempotent.
-- See docs/architecture.md "Ops schema".
CREATE TABLE IF NOT EXISTS labels_manual (
    label_id BIGINT,
    ts TIMESTAMP,
    actor VARCHAR,
    account_id VARCHAR,
    label VARCHAR,          -- 'fraud' | 'legit' | NULL (the manual label was cleared)
    note VARCHAR,
    scope VARCHAR,          -- 'account' | 'cluster' | 'campaign'
    scope_id VARCHAR,
    run_id VARCHAR,
    previous_label VARCHAR  -- the effective label just before this change
);
CREATE TABLE IF NOT EXISTS audit (
    ts TIMESTAMP,
    actor VARCHAR,
    action VARCHAR,
    details JSON
);
