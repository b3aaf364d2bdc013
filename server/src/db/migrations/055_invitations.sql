-- Invitations and reminders of the respondent register (issue 14 part 4). Admins only, like the register.
-- Each send is a row, claimed ('sending') in a transaction before the mail server is called, so two
-- admins (or the CLI beside the server) clicking "send" at once never mail a person twice.
CREATE TABLE invitation_sends (
  id            INTEGER PRIMARY KEY,
  respondent_id INTEGER NOT NULL REFERENCES respondents (id),
  kind          TEXT NOT NULL CHECK (kind IN ('invite', 'remind')),
  channel       TEXT NOT NULL CHECK (channel IN ('email', 'message', 'letter', 'csv')),
  status        TEXT NOT NULL CHECK (status IN ('sending', 'sent', 'bounced', 'failed')),
  -- The mail server's words on a refusal or failure.
  error         TEXT,
  user_id       INTEGER,
  claimed_at    TEXT NOT NULL,
  finished_at   TEXT
);
-- At most one send in flight per person.
CREATE UNIQUE INDEX invitation_sends_in_flight ON invitation_sends (respondent_id) WHERE status = 'sending';
CREATE INDEX invitation_sends_respondent ON invitation_sends (respondent_id, id);

-- The invitation and reminder texts of a survey id, when an admin changed the defaults
-- (shared/src/register/invitation.ts).
CREATE TABLE invitation_texts (
  survey_id  TEXT NOT NULL,
  kind       TEXT NOT NULL CHECK (kind IN ('invite', 'remind')),
  subject    TEXT NOT NULL,
  body       TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (survey_id, kind)
) WITHOUT ROWID;
