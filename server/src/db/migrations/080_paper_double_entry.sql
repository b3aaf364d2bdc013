-- Double entry of paper forms (docs/paper-forms.md). Whether a survey (every version) asks for
-- it is an admin setting; every change is audited (action survey-double-entry-set).
CREATE TABLE survey_double_entry (
  survey_id  TEXT PRIMARY KEY,
  enabled    INTEGER NOT NULL CHECK (enabled IN (0, 1)),
  set_at     TEXT NOT NULL,
  set_by     INTEGER REFERENCES users (id)
);

-- One paper form: the keyings of one serial (by paperSerialKey) in one survey. Its keyings are
-- stored responses, held (voided with reason paper-entry-held) until the form counts; then the
-- response `counted_id` is restored (matched, or resolved with a correction by a supervisor).
CREATE TABLE paper_forms (
  id          INTEGER PRIMARY KEY,
  survey_id   TEXT NOT NULL,
  serial_key  TEXT NOT NULL,
  state       TEXT NOT NULL CHECK (state IN ('awaiting', 'matched', 'conflict', 'resolved')),
  counted_id  TEXT REFERENCES responses (id),
  updated_at  TEXT NOT NULL,
  UNIQUE (survey_id, serial_key),
  CHECK ((state IN ('matched', 'resolved')) = (counted_id IS NOT NULL))
);
CREATE INDEX paper_forms_state ON paper_forms (survey_id, state);

-- Each keying of a form, numbered 1, 2, 3… in the order received.
CREATE TABLE paper_keyings (
  response_id  TEXT PRIMARY KEY REFERENCES responses (id),
  form_id      INTEGER NOT NULL REFERENCES paper_forms (id),
  keying       INTEGER NOT NULL,
  UNIQUE (form_id, keying)
);
CREATE TRIGGER paper_keyings_append_only_update BEFORE UPDATE ON paper_keyings
BEGIN SELECT RAISE(ABORT, 'paper keyings are append-only'); END;
CREATE TRIGGER paper_keyings_append_only_delete BEFORE DELETE ON paper_keyings
BEGIN SELECT RAISE(ABORT, 'paper keyings are append-only'); END;
