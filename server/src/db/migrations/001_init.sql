-- Accounts. A user sees the units listed in user_units, or every unit when all_units = 1.
CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE COLLATE NOCASE,
  password_hash TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('admin', 'analyst', 'supervisor', 'surveyor')),
  all_units     INTEGER NOT NULL DEFAULT 0 CHECK (all_units IN (0, 1)),
  disabled_at   TEXT,
  created_at    TEXT NOT NULL
);

CREATE TABLE user_units (
  user_id INTEGER NOT NULL REFERENCES users (id),
  unit_id TEXT NOT NULL,
  PRIMARY KEY (user_id, unit_id)
) WITHOUT ROWID;

-- Log-in sessions; only a hash of the token is stored, so a copied database grants no access.
CREATE TABLE sessions (
  token_hash  TEXT PRIMARY KEY,
  user_id     INTEGER NOT NULL REFERENCES users (id),
  created_at  TEXT NOT NULL,
  expires_at  TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_user ON sessions (user_id);

-- Published survey definitions. A published (id, version) never changes.
CREATE TABLE surveys (
  id           TEXT NOT NULL,
  version      INTEGER NOT NULL,
  definition   TEXT NOT NULL,
  hash         TEXT NOT NULL,
  published_at TEXT NOT NULL,
  published_by INTEGER REFERENCES users (id),
  PRIMARY KEY (id, version)
);
CREATE TRIGGER surveys_immutable_update BEFORE UPDATE ON surveys
BEGIN SELECT RAISE(ABORT, 'published surveys are immutable'); END;
CREATE TRIGGER surveys_immutable_delete BEFORE DELETE ON surveys
BEGIN SELECT RAISE(ABORT, 'published surveys are immutable'); END;

-- Raw responses, append-only: corrections and voids are new rows elsewhere, never updates.
CREATE TABLE responses (
  id             TEXT PRIMARY KEY,
  survey_id      TEXT NOT NULL,
  survey_version INTEGER NOT NULL,
  unit_id        TEXT NOT NULL,
  group_id       TEXT NOT NULL,
  location_id    TEXT,
  channel        TEXT NOT NULL,
  body           TEXT NOT NULL,
  hash           TEXT NOT NULL,
  received_at    TEXT NOT NULL,
  received_by    INTEGER REFERENCES users (id),
  FOREIGN KEY (survey_id, survey_version) REFERENCES surveys (id, version)
);
CREATE INDEX responses_survey_unit ON responses (survey_id, survey_version, unit_id, group_id);
CREATE INDEX responses_received_by ON responses (received_by);
CREATE TRIGGER responses_append_only_update BEFORE UPDATE ON responses
BEGIN SELECT RAISE(ABORT, 'responses are append-only'); END;
CREATE TRIGGER responses_append_only_delete BEFORE DELETE ON responses
BEGIN SELECT RAISE(ABORT, 'responses are append-only'); END;

-- A response id sent again with different content: kept for a supervisor, never overwriting.
CREATE TABLE conflicts (
  seq          INTEGER PRIMARY KEY,
  response_id  TEXT NOT NULL REFERENCES responses (id),
  body         TEXT NOT NULL,
  hash         TEXT NOT NULL,
  received_at  TEXT NOT NULL,
  received_by  INTEGER REFERENCES users (id),
  UNIQUE (response_id, hash)
);

-- Aggregate state per unit × group × question (scoring reads only this; see shared/src/scoring).
-- Updated in the same transaction as each stored response; `rebuild` recomputes it.
CREATE TABLE agg_cells (
  survey_id      TEXT NOT NULL,
  survey_version INTEGER NOT NULL,
  unit_id        TEXT NOT NULL,
  group_id       TEXT NOT NULL,
  question_id    TEXT NOT NULL,
  count          INTEGER NOT NULL,
  sum            REAL NOT NULL,
  sum_sq         REAL NOT NULL,
  dont_know      INTEGER NOT NULL,
  PRIMARY KEY (survey_id, survey_version, unit_id, group_id, question_id)
) WITHOUT ROWID;

CREATE TABLE agg_options (
  survey_id      TEXT NOT NULL,
  survey_version INTEGER NOT NULL,
  unit_id        TEXT NOT NULL,
  group_id       TEXT NOT NULL,
  question_id    TEXT NOT NULL,
  value          TEXT NOT NULL,
  count          INTEGER NOT NULL,
  PRIMARY KEY (survey_id, survey_version, unit_id, group_id, question_id, value)
) WITHOUT ROWID;

-- Responses per unit × group × location ('' when the response has no location).
CREATE TABLE agg_tallies (
  survey_id      TEXT NOT NULL,
  survey_version INTEGER NOT NULL,
  unit_id        TEXT NOT NULL,
  group_id       TEXT NOT NULL,
  location_id    TEXT NOT NULL,
  responses      INTEGER NOT NULL,
  PRIMARY KEY (survey_id, survey_version, unit_id, group_id, location_id)
) WITHOUT ROWID;

-- Who did what and when, with the state before and after (admins read it).
CREATE TABLE audit_log (
  seq      INTEGER PRIMARY KEY,
  at       TEXT NOT NULL,
  user_id  INTEGER REFERENCES users (id),
  action   TEXT NOT NULL,
  target   TEXT,
  before   TEXT,
  after    TEXT
);
CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
