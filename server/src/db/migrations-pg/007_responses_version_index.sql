DROP INDEX IF EXISTS responses_survey_unit;
CREATE INDEX responses_version ON responses (survey_id, survey_version);
