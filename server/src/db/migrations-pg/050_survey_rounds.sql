CREATE TABLE survey_rounds (
  survey_id  TEXT PRIMARY KEY,
  opens      TEXT NOT NULL CHECK (opens ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
  closes     TEXT NOT NULL CHECK (closes ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
  set_at     TEXT NOT NULL,
  set_by     BIGINT REFERENCES users (id),
  CHECK (opens <= closes)
);
