-- graph_nodes: a dense integer vertex id for every account that has an edge,
-- in a fixed order so that detection is deterministic.
-- Input: edges.
CREATE OR REPLACE TEMP TABLE graph_nodes AS
SELECT account_id, (row_number() OVER (ORDER BY account_id) - 1)::BIGINT AS vid
FROM (SELECT src AS account_id FROM edges UNION SELECT dst FROM edges);
