CREATE TABLE sitting_drafts (
  respondent_id BIGINT NOT NULL REFERENCES respondents (id),
  unit_id       TEXT NOT NULL,
  answers       TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  PRIMARY KEY (respondent_id, unit_id),
  FOREIGN KEY (respondent_id, unit_id) REFERENCES respondent_units (respondent_id, unit_id)
);

-- A trigger's WHEN cannot hold a subquery in PostgreSQL: the check is in the function.
CREATE FUNCTION sitting_drafts_not_after_submit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM respondent_units
             WHERE respondent_id = NEW.respondent_id AND unit_id = NEW.unit_id AND submitted = 1) THEN
    RAISE EXCEPTION 'the unit was already sent' USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER sitting_drafts_not_after_submit BEFORE INSERT OR UPDATE ON sitting_drafts
FOR EACH ROW EXECUTE FUNCTION sitting_drafts_not_after_submit();
