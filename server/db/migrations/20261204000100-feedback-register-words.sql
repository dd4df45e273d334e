-- The public register is searched by words (each typed word a prefix of a word of the item, accents and case folded),
-- through a GIN index on the words: the planner has statistics per word, so a rare word is found through the index and
-- a common one by walking the newest first (the trigram LIKE could not tell them apart: a rare word inside a period read
-- every item of the period). Issue 17's benchmark: bench/feedback.ts.
ALTER TABLE feedback ADD COLUMN public_words tsvector
  GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, vn_fold(public_subject || ' ' || public_content || ' ' || coalesce(public_answer, '')))) STORED;
CREATE INDEX feedback_public_words_idx ON feedback USING gin (public_words) WHERE status = 'published';
DROP INDEX IF EXISTS feedback_public_search_trgm_idx;
COMMENT ON COLUMN feedback.public_words IS 'Từ của nội dung công khai (không dấu) để tìm trong sổ công khai / Words of the published text, folded, for the register search';
