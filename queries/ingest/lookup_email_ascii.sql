-- lookup_email, plain ASCII addresses: the distinct raw values of the file
-- (temp table lookup_email_input(raw)) whose local part is letters, digits and
-- . _ + - and whose domain is printable ASCII without spaces, normalised in SQL
-- with the rules of normalise.normalise_email: lower case, the +tag dropped,
-- gmail.com/googlemail.com dots dropped and the domain made gmail.com, trailing
-- dots of the domain dropped, every domain label non-empty, the local-part
-- shape (letters -> a, digits -> 9, runs of one character compressed). For such
-- text Unicode NFC and strip() change nothing. Every other value, and every
-- value this path finds invalid, is left to the Python normaliser, which then
-- appends its rows (lookups.build_email_lookup). At 2M accounts the Python
-- loop took ~12 s of the accounts file's ingest.
CREATE OR REPLACE TEMP TABLE lookup_email AS
-- MATERIALIZED: inlined, the split parts would be recomputed in every
-- expression that uses them (3x slower).
WITH parts AS MATERIALIZED (
    SELECT
        raw,
        split_part(lower(left(raw, at_sign - 1)), '+', 1) AS local,
        rtrim(lower(substr(raw, at_sign + 1)), '.') AS domain
    FROM (
        SELECT raw, strpos(raw, '@') AS at_sign
        FROM lookup_email_input
        WHERE regexp_full_match(raw, '[A-Za-z0-9._+-]+@[\x21-\x3f\x41-\x7e]+')
    )
),
mail AS (
    SELECT
        raw,
        CASE WHEN domain IN ('gmail.com', 'googlemail.com') THEN replace(local, '.', '') ELSE local END AS local,
        CASE WHEN domain IN ('gmail.com', 'googlemail.com') THEN 'gmail.com' ELSE domain END AS domain
    FROM parts
    WHERE contains(domain, '.') AND NOT starts_with(domain, '.') AND NOT contains(domain, '..')
)
SELECT
    raw,
    local || '@' || domain AS email_canonical,
    domain AS email_domain,
    regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(
        local, '[a-z]+', 'a', 'g'), '[0-9]+', '9', 'g'), '\.+', '.', 'g'), '_+', '_', 'g'), '-+', '-', 'g'
    ) AS email_shape
FROM mail
WHERE local <> '';
