-- v001: the ingest log, the quarantine, the six input tables with their
-- normalised columns and the usage aggregates (docs/architecture.md, "Store schema").
-- Raw values keep the contract's column names; timestamps are naive UTC.
-- Uniqueness of keys (account_id, payment_id, row_hash) is enforced by ingest,
-- which dedupes every file against the table and within itself.
CREATE SEQUENCE IF NOT EXISTS ingest_file_id START 1;

CREATE TABLE ingest_log (
    file_id          BIGINT PRIMARY KEY,
    path             VARCHAR NOT NULL,
    sha256           VARCHAR NOT NULL,
    table_name       VARCHAR NOT NULL,
    rows_read        BIGINT NOT NULL,
    rows_loaded      BIGINT NOT NULL,
    rows_duplicate   BIGINT NOT NULL,
    rows_quarantined BIGINT NOT NULL,
    invalid_optional JSON,
    ingested_at      TIMESTAMP NOT NULL
);

CREATE TABLE quarantine (
    file_id     BIGINT,
    path        VARCHAR,
    sha256      VARCHAR,
    table_name  VARCHAR,
    row_number  BIGINT,
    column_name VARCHAR,
    reason      VARCHAR,
    raw_row     VARCHAR,
    ingested_at TIMESTAMP
);

CREATE TABLE accounts (
    account_id        VARCHAR NOT NULL,
    created_at        TIMESTAMP NOT NULL,
    email             VARCHAR,
    email_canonical   VARCHAR,
    email_domain      VARCHAR,
    email_shape       VARCHAR,
    phone             VARCHAR,
    phone_e164        VARCHAR,
    phone_block       VARCHAR,
    country           VARCHAR,
    signup_ip         VARCHAR,
    signup_ip_norm    VARCHAR,
    signup_ip_prefix  VARCHAR,
    signup_ip_private BOOLEAN,
    signup_ip_cgnat   BOOLEAN,
    signup_device_id  VARCHAR,
    user_agent        VARCHAR,
    ua_family         VARCHAR,
    ua_headless       BOOLEAN,
    org_id            VARCHAR,
    file_id           BIGINT
);

CREATE TABLE payments (
    payment_id          VARCHAR NOT NULL,
    account_id          VARCHAR NOT NULL,
    ts                  TIMESTAMP NOT NULL,
    card_fingerprint    VARCHAR NOT NULL,
    card_bin            VARCHAR,
    card_last4          VARCHAR,
    card_country        VARCHAR,
    billing_postal_code VARCHAR,
    amount              DECIMAL(18, 4),
    currency            VARCHAR,
    file_id             BIGINT
);

CREATE TABLE ip_events (
    account_id VARCHAR NOT NULL,
    ts         TIMESTAMP NOT NULL,
    ip         VARCHAR NOT NULL,
    ip_norm    VARCHAR NOT NULL,
    ip_prefix  VARCHAR,
    ip_private BOOLEAN,
    ip_cgnat   BOOLEAN,
    event      VARCHAR,
    row_hash   UBIGINT NOT NULL,
    file_id    BIGINT
);

CREATE TABLE devices (
    account_id  VARCHAR NOT NULL,
    ts          TIMESTAMP NOT NULL,
    device_id   VARCHAR NOT NULL,
    user_agent  VARCHAR,
    ua_family   VARCHAR,
    ua_headless BOOLEAN,
    row_hash    UBIGINT NOT NULL,
    file_id     BIGINT
);

CREATE TABLE api_requests (
    account_id         VARCHAR NOT NULL,
    ts                 TIMESTAMP NOT NULL,
    model              VARCHAR,
    input_tokens       BIGINT,
    output_tokens      BIGINT,
    prompt_fingerprint VARCHAR,
    ip                 VARCHAR,
    row_hash           UBIGINT NOT NULL,
    file_id            BIGINT
);

CREATE TABLE labels (
    account_id VARCHAR NOT NULL,
    label      VARCHAR NOT NULL,
    source     VARCHAR,
    ts         TIMESTAMP,
    row_hash   UBIGINT NOT NULL,
    file_id    BIGINT
);

-- Usage aggregates over api_requests, maintained by ingest after each
-- api_requests file (queries/ingest/usage_*.sql) so that later stages never
-- scan api_requests. Exactly one row per key:
--   usage_account_day      (account_id, day, model)
--   usage_account_hour     (account_id, hour)
--   usage_account_template (account_id, prompt_fingerprint)  -- rows with a fingerprint
--   usage_account_ip       (account_id, ip)                  -- ip normalised, valid only
CREATE TABLE usage_account_day (
    account_id    VARCHAR NOT NULL,
    day           DATE NOT NULL,
    model         VARCHAR,
    requests      BIGINT NOT NULL,
    input_tokens  BIGINT,
    output_tokens BIGINT,
    first_ts      TIMESTAMP,
    last_ts       TIMESTAMP
);

CREATE TABLE usage_account_hour (
    account_id VARCHAR NOT NULL,
    hour       TIMESTAMP NOT NULL,
    requests   BIGINT NOT NULL
);

CREATE TABLE usage_account_template (
    account_id         VARCHAR NOT NULL,
    prompt_fingerprint VARCHAR NOT NULL,
    requests           BIGINT NOT NULL,
    output_tokens      BIGINT,
    first_ts           TIMESTAMP,
    last_ts            TIMESTAMP
);

CREATE TABLE usage_account_ip (
    account_id VARCHAR NOT NULL,
    ip         VARCHAR NOT NULL,
    ip_prefix  VARCHAR,
    requests   BIGINT NOT NULL,
    first_ts   TIMESTAMP,
    last_ts    TIMESTAMP
);
