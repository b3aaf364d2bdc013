-- Response ids are compared and stored in lower case (issue 13, item 17). Rows stored before
-- that keep the id they were sent with: `responses` is append-only, its body and content hash
-- include the id (devices hold receipts for that hash), and the same UUID may already be
-- stored twice, in two cases, so lowering the ids in place would break receipts or collide.
-- Instead, each stored id that is not in lower case is listed here once, under its lower-case
-- form, and a resend of it (in any case) is compared with that row rather than stored again.
CREATE TABLE response_id_folds (
  folded  TEXT PRIMARY KEY,
  id      TEXT NOT NULL REFERENCES responses (id)
);
INSERT INTO response_id_folds (folded, id)
  SELECT lower(id), min(id) FROM responses WHERE id <> lower(id) AND lower(id) NOT IN (SELECT id FROM responses)
  GROUP BY lower(id);
