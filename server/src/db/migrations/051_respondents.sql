-- The respondent register (danh sách người được khảo sát) of a survey id (all its versions): named
-- officials invited to answer for several units in one sitting, each with one personal code.
-- Only admins see this table; nothing here says which response is whose (see server/src/register/README.md).
CREATE TABLE respondents (
  id           INTEGER PRIMARY KEY,
  survey_id    TEXT NOT NULL,
  name         TEXT NOT NULL,
  position     TEXT NOT NULL DEFAULT '',
  organisation TEXT NOT NULL DEFAULT '',
  group_id     TEXT NOT NULL,
  own_unit_id  TEXT,
  -- Normalised (shared/src/register/contact.ts): e-mail lower case, phone digits from 0.
  email        TEXT,
  phone        TEXT,
  -- The personal code, as access codes keep theirs: sha-256 of the normalised code for lookups,
  -- and the code sealed (AES-256-GCM, key beside the database) to put it in invitations again.
  code_hash    TEXT NOT NULL UNIQUE,
  code_sealed  TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  -- First time the personal link was opened.
  opened_at    TEXT,
  CHECK (email IS NOT NULL OR phone IS NOT NULL)
);
CREATE UNIQUE INDEX respondents_email ON respondents (survey_id, email) WHERE email IS NOT NULL;
CREATE UNIQUE INDEX respondents_phone ON respondents (survey_id, phone) WHERE phone IS NOT NULL;
CREATE INDEX respondents_survey ON respondents (survey_id, id);

-- The units a person rates. `submitted` says the unit's response was sent: which response it is
-- is deliberately not kept, so the register never links a person to their answers.
CREATE TABLE respondent_units (
  respondent_id INTEGER NOT NULL REFERENCES respondents (id),
  unit_id       TEXT NOT NULL,
  submitted     INTEGER NOT NULL DEFAULT 0 CHECK (submitted IN (0, 1)),
  PRIMARY KEY (respondent_id, unit_id)
) WITHOUT ROWID;

-- A unit once submitted stays submitted and on the person's list.
CREATE TRIGGER respondent_units_submitted_once BEFORE UPDATE ON respondent_units WHEN OLD.submitted = 1
BEGIN SELECT RAISE(ABORT, 'a submitted unit stays submitted'); END;
CREATE TRIGGER respondent_units_keep_submitted BEFORE DELETE ON respondent_units WHEN OLD.submitted = 1
BEGIN SELECT RAISE(ABORT, 'a submitted unit stays on the list'); END;
