-- community_done: score_groups holds the country null groups again (community_nulls.sql
-- set them aside while group_stats.sql measured the community null groups).
CREATE OR REPLACE TEMP TABLE score_groups AS SELECT * FROM score_groups_country;
DROP TABLE score_groups_country;
