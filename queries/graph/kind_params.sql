-- kind_params and allowlist: the graph section of the typed config as tables, so
-- the edge SQL can join on them. Rows are inserted from fraudgraph.config.
CREATE OR REPLACE TEMP TABLE kind_params (
    kind VARCHAR PRIMARY KEY,
    weight DOUBLE,
    max_links INTEGER,
    max_gap_minutes DOUBLE,
    max_accounts BIGINT,
    max_share DOUBLE,
    combine VARCHAR,
    standalone BOOLEAN,
    rarity BOOLEAN
);
CREATE OR REPLACE TEMP TABLE allowlist (kind VARCHAR, value VARCHAR);
