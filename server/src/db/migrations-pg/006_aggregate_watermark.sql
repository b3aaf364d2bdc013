-- `folded_through` is a `responses.seq` here (SQLite: rowid). Identity values are handed out
-- before commit, so unlike SQLite's single writer a lower seq may commit after a higher one:
-- the fold on PostgreSQL must not rely on "everything after the watermark" alone (docs/storage.md).
CREATE TABLE aggregate_watermark (
  id             INTEGER PRIMARY KEY CHECK (id = 1),
  folded_through BIGINT NOT NULL
);
INSERT INTO aggregate_watermark (id, folded_through) SELECT 1, COALESCE(MAX(seq), 0) FROM responses;
