-- SQLite's migration also back-filled the table from stored responses; a PostgreSQL database
-- starts empty and receives its rows from `migrate-to-postgres`, so there is nothing to fill.
CREATE TABLE agg_progress (
  survey_id      TEXT NOT NULL,
  survey_version INTEGER NOT NULL,
  unit_id        TEXT NOT NULL,
  received_by    BIGINT NOT NULL,
  day            TEXT NOT NULL,
  responses      BIGINT NOT NULL,
  PRIMARY KEY (survey_id, survey_version, unit_id, received_by, day)
);
