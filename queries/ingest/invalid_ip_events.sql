-- invalid optional values (ip_events): none; every column is required or free text.
SELECT 0 AS none_checked;
