-- usage empty: whether no usage aggregate has a row yet (a store's first
-- request file), so usage_first.sql may insert instead of merging.
SELECT NOT EXISTS (FROM usage_account_day)
    AND NOT EXISTS (FROM usage_account_template)
    AND NOT EXISTS (FROM usage_account_ip) AS empty;
