-- Accounts: when each user last logged in (shown to admins in the user list).
ALTER TABLE users ADD COLUMN last_login_at TEXT;

-- Supervisor review. Raw responses are never modified: a void, a restore or a correction is a new
-- row here, and a response's current state is its latest row (see db/effective-responses.ts).

-- Void and restore history of a response; the latest row says whether it counts.
CREATE TABLE response_voids (
  seq          INTEGER PRIMARY KEY,
  response_id  TEXT NOT NULL REFERENCES responses (id),
  action       TEXT NOT NULL CHECK (action IN ('void', 'restore')),
  reason       TEXT NOT NULL,
  at           TEXT NOT NULL,
  user_id      INTEGER REFERENCES users (id)
);
CREATE INDEX response_voids_response ON response_voids (response_id, seq);
CREATE TRIGGER response_voids_append_only_update BEFORE UPDATE ON response_voids
BEGIN SELECT RAISE(ABORT, 'response voids are append-only'); END;
CREATE TRIGGER response_voids_append_only_delete BEFORE DELETE ON response_voids
BEGIN SELECT RAISE(ABORT, 'response voids are append-only'); END;

-- New content accepted for a response (from a conflicting resend); the latest row replaces the
-- stored body in scoring and exports. The response keeps its id, survey version and unit.
CREATE TABLE response_corrections (
  seq           INTEGER PRIMARY KEY,
  response_id   TEXT NOT NULL REFERENCES responses (id),
  conflict_seq  INTEGER REFERENCES conflicts (seq),
  body          TEXT NOT NULL,
  hash          TEXT NOT NULL,
  reason        TEXT NOT NULL,
  at            TEXT NOT NULL,
  user_id       INTEGER REFERENCES users (id)
);
CREATE INDEX response_corrections_response ON response_corrections (response_id, seq);
CREATE TRIGGER response_corrections_append_only_update BEFORE UPDATE ON response_corrections
BEGIN SELECT RAISE(ABORT, 'response corrections are append-only'); END;
CREATE TRIGGER response_corrections_append_only_delete BEFORE DELETE ON response_corrections
BEGIN SELECT RAISE(ABORT, 'response corrections are append-only'); END;

-- How a supervisor settled a conflict; a conflict without a row here is waiting for review.
CREATE TABLE conflict_resolutions (
  conflict_seq  INTEGER PRIMARY KEY REFERENCES conflicts (seq),
  action        TEXT NOT NULL CHECK (action IN ('keep-original', 'accept-new')),
  reason        TEXT NOT NULL,
  at            TEXT NOT NULL,
  user_id       INTEGER REFERENCES users (id)
);
CREATE TRIGGER conflict_resolutions_append_only_update BEFORE UPDATE ON conflict_resolutions
BEGIN SELECT RAISE(ABORT, 'conflict resolutions are append-only'); END;
CREATE TRIGGER conflict_resolutions_append_only_delete BEFORE DELETE ON conflict_resolutions
BEGIN SELECT RAISE(ABORT, 'conflict resolutions are append-only'); END;
