-- evidence_scope: the accounts an incremental rebuild derives evidence for anew:
-- every account with a store row loaded after the base run's newest ingested file
-- (file_id > $since_file_id), and every account the base run did not have. Store
-- rows are never updated in place (ingest appends and dedupes), so every other
-- account's evidence is exactly what the base run derived.
-- Inputs: store.accounts, store.payments, store.ip_events, store.devices,
--         store.api_requests (ATTACHed read-only); accounts (run copy); base.accounts.
CREATE OR REPLACE TEMP TABLE evidence_scope AS
SELECT account_id FROM store.accounts WHERE file_id > $since_file_id
UNION
SELECT account_id FROM store.payments WHERE file_id > $since_file_id
UNION
SELECT account_id FROM store.ip_events WHERE file_id > $since_file_id
UNION
SELECT account_id FROM store.devices WHERE file_id > $since_file_id
UNION
SELECT account_id FROM store.api_requests WHERE file_id > $since_file_id
UNION
(SELECT account_id FROM accounts EXCEPT SELECT account_id FROM base.accounts);
