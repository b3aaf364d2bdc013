-- Ids stored before they were lower-cased exist only in SQLite databases from before this
-- migration; `migrate-to-postgres` copies the table's rows.
CREATE TABLE response_id_folds (
  folded  TEXT PRIMARY KEY,
  id      TEXT NOT NULL REFERENCES responses (id)
);
