-- The survey round (đợt khảo sát) as the admin sets it in the app, per survey id (all its versions).
-- A survey file's `round` is only the default: a row here replaces it. Every change is audited
-- (action survey-round-set), so the row holds only the current dates.
CREATE TABLE survey_rounds (
  survey_id  TEXT PRIMARY KEY,
  opens      TEXT NOT NULL CHECK (opens GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  closes     TEXT NOT NULL CHECK (closes GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  set_at     TEXT NOT NULL,
  set_by     INTEGER REFERENCES users (id),
  CHECK (opens <= closes)
);
