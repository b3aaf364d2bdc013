-- Appraised self-assessment points (điểm tự đánh giá sau thẩm định) per unit, imported per survey
-- round. Each import is a new set numbered 1, 2, … per survey version; the highest set is the
-- current one. Sets and their values are append-only, so every earlier import stays readable.
CREATE TABLE self_assessment_sets (
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

CREATE TABLE self_assessment_values (
  set_id  INTEGER NOT NULL REFERENCES self_assessment_sets (id),
  unit_id TEXT NOT NULL,
  points  REAL NOT NULL,
  PRIMARY KEY (set_id, unit_id)
) WITHOUT ROWID;

CREATE TRIGGER self_assessment_sets_append_only_update BEFORE UPDATE ON self_assessment_sets
BEGIN SELECT RAISE(ABORT, 'self-assessment sets are append-only'); END;
CREATE TRIGGER self_assessment_sets_append_only_delete BEFORE DELETE ON self_assessment_sets
BEGIN SELECT RAISE(ABORT, 'self-assessment sets are append-only'); END;
CREATE TRIGGER self_assessment_values_append_only_update BEFORE UPDATE ON self_assessment_values
BEGIN SELECT RAISE(ABORT, 'self-assessment values are append-only'); END;
CREATE TRIGGER self_assessment_values_append_only_delete BEFORE DELETE ON self_assessment_values
BEGIN SELECT RAISE(ABORT, 'self-assessment values are append-only'); END;
