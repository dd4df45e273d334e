-- The register's word search within any unit on one GIN whose keys are (unit, word) pairs (issue 17).
-- In the GIN (unit_id, words) of migration 20261209040000 the unit is a key of its own: every row of a unit shares it,
-- and a search intersects that unit's posting list with the words' lists over all units. For the nil unit (the whole
-- register) that migration gave the words a GIN of their own; a province has the same trouble — in a one-province
-- deployment its rows are the whole register again (714,286 at 1 M), and "ngap nuoc tan hoa" within it read the
-- province's whole list (BENCHMARKS.md, "Feedback register at scale", note of 2026-12-04 "province-wide words").
-- Here each lexeme is keyed by its unit ('<unit uuid>:<word>'), so each posting list is one word within one unit:
-- the province's search reads only its words' lists, as the whole register's does, and a commune's lists are its own.
-- One index for every unit, the nil unit included: the statement (read-feedback.ts registerPlan) keys its text query
-- with the unit, and this is the only index on that expression, so its plan cannot pick another one.

-- The row's words keyed by its unit (the expression of the index; IMMUTABLE so that it may be one).
CREATE FUNCTION feedback_register_keyed(unit uuid, words tsvector) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT array_to_tsvector(ARRAY(SELECT unit::text || ':' || w FROM unnest(tsvector_to_array(words)) w)) $$;
COMMENT ON FUNCTION feedback_register_keyed(uuid, tsvector) IS 'Từ của dòng sổ gắn mã đơn vị / The register row''s words keyed by its unit';

-- A typed word within a unit, keyed as the index holds it: its lexemes as to_tsvector('simple') makes them (the
-- register's words are folded the same way, feedback.public_words), all of them (&), each a beginning when asked.
-- A word without lexemes is the empty query, which && leaves out (as to_tsquery of such a word did). The lexeme is
-- quoted by the tsvector's own output, so that no character of it can break the query's syntax.
CREATE FUNCTION feedback_register_word_query(unit uuid, word text, beginning boolean) RETURNS tsquery
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT coalesce(string_agg(array_to_tsvector(ARRAY[unit::text || ':' || l])::text || CASE WHEN beginning THEN ':*' ELSE '' END, ' & '), '')::tsquery
          FROM unnest(tsvector_to_array(to_tsvector('simple'::regconfig, vn_fold(word)))) l $$;
COMMENT ON FUNCTION feedback_register_word_query(uuid, text, boolean) IS 'Một từ tìm trong sổ của đơn vị, gắn mã đơn vị / A searched word within a unit, keyed like feedback_register_keyed';

-- Exact register words (feedback_register_word: the beginnings of a typed word) within a unit, any of them (|). No
-- word at all is NULL, which matches nothing (no register word begins as typed).
CREATE FUNCTION feedback_register_any_query(unit uuid, words text[]) RETURNS tsquery
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT string_agg(array_to_tsvector(ARRAY[unit::text || ':' || w])::text, ' | ')::tsquery FROM unnest(words) w $$;
COMMENT ON FUNCTION feedback_register_any_query(uuid, text[]) IS 'Một trong các từ của sổ, gắn mã đơn vị / Any of the register words, keyed like feedback_register_keyed';

-- Without a pending list (fastupdate off): with it, new rows wait in an unsorted list that every search reads whole
-- until it is merged (up to gin_pending_list_limit, 4 MB) — at 1 M, after the bulk rebuild, 442 pending pages made the
-- whole register's "ngap nuoc tan hoa" read 581 pages instead of 139. The register is read far more than written (a
-- publication writes its few rows, each word once per unit, straight into the tree).
SET LOCAL maintenance_work_mem = '256MB';
CREATE INDEX feedback_register_unit_words_idx ON feedback_register USING gin (feedback_register_keyed(unit_id, words)) WITH (fastupdate = off);
DROP INDEX feedback_register_words_idx;
DROP INDEX feedback_register_whole_words_idx;
ANALYZE feedback_register;

-- The rebuild after a bulk load (bench/feedback.ts): rows written through a pending list, then the word index built
-- afresh in one sort (compact, no pending list), instead of each row's words going into the tree one by one.
CREATE OR REPLACE FUNCTION feedback_register_rebuild() RETURNS bigint
  LANGUAGE plpgsql
  AS $$
DECLARE n bigint;
BEGIN
  SET LOCAL work_mem = '256MB';
  SET LOCAL maintenance_work_mem = '256MB';
  ALTER INDEX feedback_register_unit_words_idx SET (fastupdate = on);
  TRUNCATE feedback_register;
  INSERT INTO feedback_register (feedback_id, unit_id, published_at, kind, procedure_id, words)
  SELECT f.id, u, f.published_at, f.kind, f.procedure_id, strip(f.public_words)
    FROM feedback f, unnest(feedback_register_units(f.unit_path)) u
   WHERE f.status = 'published' AND f.published_at IS NOT NULL
   ORDER BY u, f.published_at DESC, f.id DESC;
  GET DIAGNOSTICS n = ROW_COUNT;
  ALTER INDEX feedback_register_unit_words_idx SET (fastupdate = off);
  REINDEX INDEX feedback_register_unit_words_idx;
  INSERT INTO feedback_register_word (word)
  SELECT DISTINCT w FROM feedback f, unnest(tsvector_to_array(f.public_words)) w WHERE f.status = 'published' ON CONFLICT DO NOTHING;
  RETURN n;
END $$;
