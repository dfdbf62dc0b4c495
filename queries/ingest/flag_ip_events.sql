-- flag (ip_events): an ip that is not a valid IPv4/IPv6 address makes the row bad.
UPDATE stage
SET bad_column = 'ip', bad_reason = 'invalid IP address'
WHERE bad_reason IS NULL
  AND ip NOT IN (SELECT raw FROM lookup_ip);
