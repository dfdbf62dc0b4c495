-- store_version: the schema version of the ATTACHed store (a rebuild upgrades a
-- store older than its code before reading it). Inputs: store.schema_version.
SELECT coalesce(max(version), 0) AS version FROM store.schema_version
