-- The index of responses by survey version × unit × group cost about one dirty page per stored
-- response (400 insertion points at a province's scale): ingest is 12% faster without it. What
-- reads responses by version — a version's rowid span, exports and rebuilds, the review pages
-- and the quality checks — walks them in rowid order; an index on (survey, version) alone keeps
-- its entries in rowid order within a version, appends at one place per version, and serves a
-- review page's unit filter by reading on from the page's last rowid.
DROP INDEX IF EXISTS responses_survey_unit;
CREATE INDEX responses_version ON responses (survey_id, survey_version);
