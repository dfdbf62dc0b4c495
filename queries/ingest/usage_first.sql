-- usage first: the usage aggregates are all still empty (usage_empty.sql), so
-- the totals of the rows this file added are inserted, not merged.
INSERT INTO usage_account_day BY NAME SELECT * FROM file_usage_day($file_id);
INSERT INTO usage_account_template BY NAME SELECT * FROM file_usage_template($file_id);
INSERT INTO usage_account_ip BY NAME SELECT * FROM file_usage_ip();
