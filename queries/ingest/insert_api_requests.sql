-- api_requests: the good staged rows not already stored (same row_hash), in
-- stage order (new_requests.sql). Used for files too large to
-- sort within the store's memory (insert_api_requests_clustered.sql): rows the
-- file repeats were removed by stage_dedupe.sql beforehand.
INSERT INTO api_requests BY NAME SELECT * FROM new_requests($file_id);
