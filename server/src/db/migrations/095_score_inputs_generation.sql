-- One row whose `generation` grows in every transaction that writes the aggregates or another
-- score input (docs/storage.md, "scores cache"). A server trusts its cached scores only while the
-- number it read before computing them is still the one stored, so a write committed by another
-- app server invalidates them too. The running SQLite server keeps its in-process stamp
-- (db/write-generation.ts); the storage boundary (storage/score-inputs.ts) bumps and reads this row.
CREATE TABLE score_inputs_generation (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  generation INTEGER NOT NULL
);
INSERT INTO score_inputs_generation (id, generation) VALUES (1, 0);
