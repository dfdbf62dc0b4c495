-- new_requests(fid): the good staged rows whose row key is not stored yet, as
-- api_requests rows of file fid (temp: created per connection by load.py
-- before an api_requests file is inserted). insert_api_requests.sql writes
-- them in stage order, insert_api_requests_clustered.sql sorted by account.
CREATE OR REPLACE TEMP MACRO new_requests(fid) AS TABLE
    SELECT
        account_id, ts, model, input_tokens, output_tokens, prompt_fingerprint, ip,
        row_key AS row_hash, fid AS file_id
    FROM stage AS s
    WHERE bad_reason IS NULL
      AND NOT EXISTS (SELECT 1 FROM api_requests AS e WHERE e.row_hash = s.row_key);
