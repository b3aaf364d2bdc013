-- Answers a person on the register has given for a unit not yet sent (several units in one sitting,
-- server/src/register/sitting.ts), so they survive a closed page and follow the person to a second
-- device. A draft is removed in the transaction that sends its unit: once a unit is sent nothing
-- here links the person to those answers (server/src/register/README.md).
CREATE TABLE sitting_drafts (
  respondent_id INTEGER NOT NULL REFERENCES respondents (id),
  unit_id       TEXT NOT NULL,
  -- JSON object: question id (or `<id>:other`) → answer, checked with shared/src/register/sitting-draft.ts.
  answers       TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  PRIMARY KEY (respondent_id, unit_id),
  FOREIGN KEY (respondent_id, unit_id) REFERENCES respondent_units (respondent_id, unit_id)
) WITHOUT ROWID;

-- A sent unit never gets a draft again, whatever the order of racing requests.
CREATE TRIGGER sitting_drafts_not_after_submit BEFORE INSERT ON sitting_drafts
WHEN EXISTS (SELECT 1 FROM respondent_units
             WHERE respondent_id = NEW.respondent_id AND unit_id = NEW.unit_id AND submitted = 1)
BEGIN SELECT RAISE(ABORT, 'the unit was already sent'); END;
CREATE TRIGGER sitting_drafts_not_after_submit_update BEFORE UPDATE ON sitting_drafts
WHEN EXISTS (SELECT 1 FROM respondent_units
             WHERE respondent_id = NEW.respondent_id AND unit_id = NEW.unit_id AND submitted = 1)
BEGIN SELECT RAISE(ABORT, 'the unit was already sent'); END;
