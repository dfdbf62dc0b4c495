-- Macros the stage_<table>.sql files share (temp: created per connection by
-- ingest before staging a file).
--
-- utc_timestamp(v): a timestamp value or text as a UTC TIMESTAMP, NULL when it
-- does not parse. The reference rule is TRY_CAST(TRY_CAST(v AS TIMESTAMPTZ) AS
-- TIMESTAMP) on a connection whose TimeZone is UTC (store.connect_store sets it):
-- an explicit offset is honoured, text without one is UTC. That cast is the
-- slow part of staging a 10M-row api_requests file (~0.3 s of 3.4), so the
-- common shapes that carry no offset other than Z are first read by try_strptime
-- with fixed formats, which gives the same value for every text it accepts
-- (tests/test_ingest_property.py checks this on generated texts); anything else,
-- offsets, '24:00', odd spacing, falls through to the reference cast. DuckDB's
-- coalesce evaluates the fallback only for the rows the first argument left NULL.
-- A column that is already a timestamp (Parquet, typed JSON) is cast directly,
-- which is the reference rule's value: printing it to text and parsing it back
-- cost 19 s of a 46M-row Parquet ingest (DuckDB folds typeof(v) when it binds the
-- query, so text columns never test it row by row).
CREATE OR REPLACE TEMP MACRO utc_timestamp(v) AS CASE
    WHEN typeof(v) IN ('TIMESTAMP', 'TIMESTAMP WITH TIME ZONE') THEN TRY_CAST(v AS TIMESTAMP)
    ELSE coalesce(
        try_strptime(
            CAST(v AS VARCHAR),
            ['%Y-%m-%dT%H:%M:%S.%fZ', '%Y-%m-%dT%H:%M:%SZ', '%Y-%m-%d %H:%M:%S', '%Y-%m-%d %H:%M:%S.%f']
        ),
        TRY_CAST(TRY_CAST(v AS TIMESTAMPTZ) AS TIMESTAMP)
    )
END;
