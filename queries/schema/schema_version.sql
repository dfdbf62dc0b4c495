-- schema_version: one row per applied migration (queries/schema/vNNN_*.sql).
-- Created before any migration runs so that a fresh store and an old one are
-- upgraded by the same code path (fraudgraph.store.migrate).
CREATE TABLE IF NOT EXISTS schema_version (
    version    INTEGER PRIMARY KEY,
    name       VARCHAR,
    applied_at TIMESTAMP
);
