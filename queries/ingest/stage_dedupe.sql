-- stage dedupe: within the file, keep only the first good row of each key;
-- the later ones count as duplicates.
DELETE FROM stage
WHERE bad_reason IS NULL
  AND rowid NOT IN (
    SELECT min(rowid) FROM stage WHERE bad_reason IS NULL GROUP BY row_key
  );
