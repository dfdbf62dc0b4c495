-- unload (api_requests): take back the rows this file inserted, inside the
-- file's transaction, so it can insert again after dropping rows it repeats
-- (load.py, _repeats_in_file).
DELETE FROM api_requests WHERE file_id = $file_id;
