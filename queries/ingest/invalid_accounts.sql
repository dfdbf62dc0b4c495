-- invalid optional values (accounts) among the file's good rows: values that
-- are stored raw but whose normalised column is NULL (country is stored NULL).
SELECT
    count(*) FILTER (WHERE s.email IS NOT NULL AND e.raw IS NULL) AS email,
    count(*) FILTER (WHERE s.phone IS NOT NULL AND p.raw IS NULL) AS phone,
    count(*) FILTER (WHERE s.country_raw IS NOT NULL AND s.country IS NULL) AS country,
    count(*) FILTER (WHERE s.signup_ip IS NOT NULL AND i.raw IS NULL) AS signup_ip
FROM stage AS s
LEFT JOIN lookup_email AS e ON e.raw = s.email
LEFT JOIN lookup_phone AS p ON p.raw = s.phone AND p.region IS NOT DISTINCT FROM s.country
LEFT JOIN lookup_ip AS i ON i.raw = s.signup_ip
WHERE s.bad_reason IS NULL;
