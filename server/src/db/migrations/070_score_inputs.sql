-- Score inputs a provincial decision adds to the survey (issue 15): the appraised self-assessment
-- per domain (top-level criterion), beside the total of migration 004, and bonus/penalty points
-- (điểm thưởng / điểm trừ). Each adjustments import is a new set numbered 1, 2, … per survey
-- version holding the whole list; the highest set is the current one. All append-only.
CREATE TABLE self_assessment_domain_values (
  set_id       INTEGER NOT NULL REFERENCES self_assessment_sets (id),
  unit_id      TEXT NOT NULL,
  criterion_id TEXT NOT NULL,
  points       REAL NOT NULL,
  PRIMARY KEY (set_id, unit_id, criterion_id)
) WITHOUT ROWID;

CREATE TABLE adjustment_sets (
  id             INTEGER PRIMARY KEY,
  survey_id      TEXT NOT NULL,
  survey_version INTEGER NOT NULL,
  set_version    INTEGER NOT NULL,
  applied_at     TEXT NOT NULL,
  applied_by     INTEGER REFERENCES users (id),
  source         TEXT NOT NULL,
  UNIQUE (survey_id, survey_version, set_version),
  FOREIGN KEY (survey_id, survey_version) REFERENCES surveys (id, version)
);

CREATE TABLE adjustment_rows (
  set_id  INTEGER NOT NULL REFERENCES adjustment_sets (id),
  line    INTEGER NOT NULL,
  unit_id TEXT NOT NULL,
  points  REAL NOT NULL,
  reason  TEXT NOT NULL,
  PRIMARY KEY (set_id, line)
) WITHOUT ROWID;

CREATE TRIGGER self_assessment_domain_values_append_only_update BEFORE UPDATE ON self_assessment_domain_values
BEGIN SELECT RAISE(ABORT, 'self-assessment values are append-only'); END;
CREATE TRIGGER self_assessment_domain_values_append_only_delete BEFORE DELETE ON self_assessment_domain_values
BEGIN SELECT RAISE(ABORT, 'self-assessment values are append-only'); END;
CREATE TRIGGER adjustment_sets_append_only_update BEFORE UPDATE ON adjustment_sets
BEGIN SELECT RAISE(ABORT, 'adjustment sets are append-only'); END;
CREATE TRIGGER adjustment_sets_append_only_delete BEFORE DELETE ON adjustment_sets
BEGIN SELECT RAISE(ABORT, 'adjustment sets are append-only'); END;
CREATE TRIGGER adjustment_rows_append_only_update BEFORE UPDATE ON adjustment_rows
BEGIN SELECT RAISE(ABORT, 'adjustment rows are append-only'); END;
CREATE TRIGGER adjustment_rows_append_only_delete BEFORE DELETE ON adjustment_rows
BEGIN SELECT RAISE(ABORT, 'adjustment rows are append-only'); END;
