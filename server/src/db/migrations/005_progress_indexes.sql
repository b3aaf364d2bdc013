-- Collection progress per surveyor and per day: responses per survey version × unit × the account
-- that sent them (0: none, e.g. an online respondent with an access code) × day of submission in
-- Asia/Ho_Chi_Minh (UTC+7, no daylight saving). Like the other aggregates it counts the effective
-- responses and is updated in the same transaction as each stored response, void, restore or
-- correction, so progress reads a few hundred rows instead of grouping a million responses.
CREATE TABLE agg_progress (
  survey_id      TEXT NOT NULL,
  survey_version INTEGER NOT NULL,
  unit_id        TEXT NOT NULL,
  received_by    INTEGER NOT NULL,
  day            TEXT NOT NULL,
  responses      INTEGER NOT NULL,
  PRIMARY KEY (survey_id, survey_version, unit_id, received_by, day)
) WITHOUT ROWID;

-- The responses already stored: their effective body (latest correction) unless voided.
INSERT INTO agg_progress (survey_id, survey_version, unit_id, received_by, day, responses)
SELECT r.survey_id, r.survey_version, r.unit_id, COALESCE(r.received_by, 0),
       date(json_extract(COALESCE(c.body, r.body), '$.submittedAt'), '+7 hours'), COUNT(*)
FROM responses r
LEFT JOIN response_corrections c ON c.seq = (SELECT MAX(seq) FROM response_corrections WHERE response_id = r.id)
WHERE COALESCE((SELECT action FROM response_voids WHERE response_id = r.id ORDER BY seq DESC LIMIT 1), 'restore') <> 'void'
GROUP BY 1, 2, 3, 4, 5;
