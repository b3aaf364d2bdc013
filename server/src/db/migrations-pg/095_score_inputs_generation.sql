-- PostgreSQL twin of ../migrations/095_score_inputs_generation.sql: the scores cache's stamp,
-- bumped in each transaction that writes score inputs, read before cached scores are trusted.
CREATE TABLE score_inputs_generation (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  generation BIGINT NOT NULL
);
INSERT INTO score_inputs_generation (id, generation) VALUES (1, 0);
