-- One-time access codes: an admin or analyst issues a batch of codes for one unit × group
-- (× location); each code lets one respondent answer online once, without an account.
CREATE TABLE code_batches (
  id             INTEGER PRIMARY KEY,
  survey_id      TEXT NOT NULL,
  survey_version INTEGER NOT NULL,
  unit_id        TEXT NOT NULL,
  group_id       TEXT NOT NULL,
  location_id    TEXT,
  count          INTEGER NOT NULL CHECK (count BETWEEN 1 AND 2000),
  note           TEXT,
  -- The earlier of the round's end (Asia/Ho_Chi_Minh) and an explicit limit; NULL: no limit.
  expires_at     TEXT,
  created_at     TEXT NOT NULL,
  created_by     INTEGER REFERENCES users (id),
  FOREIGN KEY (survey_id, survey_version) REFERENCES surveys (id, version)
);
CREATE INDEX code_batches_survey ON code_batches (survey_id, survey_version);

-- Lookups go by code_hash (sha-256 of the normalised code), so the database is never searched
-- for a secret. code_sealed is the code encrypted (AES-256-GCM) with a key kept in a file beside
-- the database, so admins can reprint a batch while a copy of the database alone opens no survey.
CREATE TABLE access_codes (
  id          INTEGER PRIMARY KEY,
  batch_id    INTEGER NOT NULL REFERENCES code_batches (id),
  code_hash   TEXT NOT NULL UNIQUE,
  code_sealed TEXT NOT NULL,
  used_at     TEXT,
  response_id TEXT UNIQUE REFERENCES responses (id),
  CHECK ((used_at IS NULL) = (response_id IS NULL))
);
CREATE INDEX access_codes_batch ON access_codes (batch_id);

-- A code is used once: after that its row never changes, and codes are never deleted.
CREATE TRIGGER access_codes_used_once BEFORE UPDATE ON access_codes WHEN OLD.used_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'an access code is used only once'); END;
CREATE TRIGGER access_codes_no_delete BEFORE DELETE ON access_codes
BEGIN SELECT RAISE(ABORT, 'access codes are never deleted'); END;
