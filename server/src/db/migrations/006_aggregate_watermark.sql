-- Aggregates are no longer written in the transaction that stores a response: a sync batch
-- commits the raw responses alone (the durable acknowledgement), and the aggregate tables are
-- brought up to date by a later "fold" that adds every response stored after `folded_through`
-- and moves it forward, in one transaction (server/src/aggregates/folding.ts). Reads fold first,
-- and start-up folds what a crash left behind, so the aggregates always equal a rebuild.
-- `folded_through` is a rowid of `responses`: append-only with no deletes, its rowids are dense
-- and only grow (VACUUM and the backup API keep them).
CREATE TABLE aggregate_watermark (
  id             INTEGER PRIMARY KEY CHECK (id = 1),
  folded_through INTEGER NOT NULL
);

-- Until now every stored response was aggregated in its own transaction.
INSERT INTO aggregate_watermark (id, folded_through) SELECT 1, COALESCE(MAX(rowid), 0) FROM responses;
