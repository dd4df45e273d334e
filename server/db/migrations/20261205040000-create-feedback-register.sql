-- The public register of answered feedback (issue 17; QĐ 766/QĐ-TTg: answers are published) at a million items:
-- one row per published item and per unit it is shown under — the unit handling it and each of that unit's ancestors —
-- plus one row under the nil unit, the whole register. Every query shape of GET /api/feedback/public/register then reads
-- one index range, newest first, like dossier_scope does for the queues:
--   (unit, published_at DESC, id DESC)            latest, a period of publication, a kind, keyset paging;
--   (unit, procedure, published_at DESC, id DESC) one procedure;
--   GIN (unit, words) [btree_gin]                 words rarer than the newest-first walk finds quickly, within the unit.
-- The words are the published text's words without positions (strip), folded like feedback.public_words, kept on the
-- narrow row so that the newest-first walk does not read the wide feedback rows. Kept by a trigger on feedback.
CREATE EXTENSION IF NOT EXISTS btree_gin;

CREATE TABLE feedback_register (
  feedback_id uuid NOT NULL,
  unit_id uuid NOT NULL,
  published_at timestamptz NOT NULL,
  kind text NOT NULL,
  procedure_id uuid,
  words tsvector NOT NULL,
  PRIMARY KEY (feedback_id, unit_id)
);
COMMENT ON TABLE feedback_register IS 'Sổ công khai phản ánh đã trả lời: mỗi đơn vị (và cấp trên) được xem, kèm đơn vị rỗng = toàn sổ / Public register rows, one per unit shown under (nil unit = whole register)';
COMMENT ON COLUMN feedback_register.unit_id IS 'Đơn vị xử lý, đơn vị cấp trên, hoặc 00000000-0000-0000-0000-000000000000 = toàn sổ / Handling unit, an ancestor, or nil = whole register';
COMMENT ON COLUMN feedback_register.words IS 'Từ của nội dung công khai (không dấu, không vị trí) / Words of the published text, folded, without positions';

-- Every word of the published text once: the last typed word of a search is a beginning ("hoa" → hoa, hoang, …), and
-- the word index answers a few exact words much faster than a prefix (a GIN partial match collects every row of every
-- word with that beginning before it can intersect).
CREATE TABLE feedback_register_word (word text PRIMARY KEY);
CREATE INDEX feedback_register_word_prefix_idx ON feedback_register_word (word text_pattern_ops);
COMMENT ON TABLE feedback_register_word IS 'Các từ của sổ công khai (để mở rộng tiền tố) / Words of the register, to expand a typed beginning';

-- The units an item of this path is shown under: the nil unit (the whole register), then every unit of the path.
CREATE FUNCTION feedback_register_units(unit_path text) RETURNS uuid[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT '00000000-0000-0000-0000-000000000000'::uuid || dossier_scope_units(ARRAY[unit_path]) $$;

CREATE FUNCTION feedback_register_sync() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    DELETE FROM feedback_register WHERE feedback_id = OLD.id;
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.status = 'published' AND NEW.published_at IS NOT NULL THEN
    INSERT INTO feedback_register (feedback_id, unit_id, published_at, kind, procedure_id, words)
    SELECT NEW.id, u, NEW.published_at, NEW.kind, NEW.procedure_id, strip(NEW.public_words)
      FROM unnest(feedback_register_units(NEW.unit_path)) u;
    INSERT INTO feedback_register_word (word) SELECT unnest(tsvector_to_array(NEW.public_words)) ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER feedback_register_sync AFTER INSERT OR DELETE OR UPDATE OF status, published_at, unit_path, kind, procedure_id, public_subject, public_content, public_answer
  ON feedback FOR EACH ROW EXECUTE FUNCTION feedback_register_sync();

-- Rebuilds the register from the items (this migration, and after bulk loads that bypass triggers: bench/feedback.ts).
-- Rows are written in the order of the newest-first index, so a walk of one unit reads neighbouring pages.
CREATE FUNCTION feedback_register_rebuild() RETURNS bigint
  LANGUAGE plpgsql
  AS $$
DECLARE n bigint;
BEGIN
  SET LOCAL work_mem = '256MB';
  TRUNCATE feedback_register;
  INSERT INTO feedback_register (feedback_id, unit_id, published_at, kind, procedure_id, words)
  SELECT f.id, u, f.published_at, f.kind, f.procedure_id, strip(f.public_words)
    FROM feedback f, unnest(feedback_register_units(f.unit_path)) u
   WHERE f.status = 'published' AND f.published_at IS NOT NULL
   ORDER BY u, f.published_at DESC, f.id DESC;
  GET DIAGNOSTICS n = ROW_COUNT;
  INSERT INTO feedback_register_word (word)
  SELECT DISTINCT w FROM feedback f, unnest(tsvector_to_array(f.public_words)) w WHERE f.status = 'published' ON CONFLICT DO NOTHING;
  RETURN n;
END $$;

SELECT feedback_register_rebuild();

SET LOCAL maintenance_work_mem = '256MB';
CREATE INDEX feedback_register_newest_idx ON feedback_register (unit_id, published_at DESC, feedback_id DESC) INCLUDE (kind, procedure_id);
CREATE INDEX feedback_register_procedure_idx ON feedback_register (unit_id, procedure_id, published_at DESC, feedback_id DESC) INCLUDE (kind)
  WHERE procedure_id IS NOT NULL;
CREATE INDEX feedback_register_words_idx ON feedback_register USING gin (unit_id, words);
ANALYZE feedback_register;
