-- The whole register's word search (GET /api/feedback/public/register?q=… without a unit) on a GIN of its own rows.
-- In the GIN (unit_id, words) every row of the whole register shares one unit key, a posting list as long as the
-- register (714,286 items at 1 M): for words that are each common and rarely together ("ngap nuoc tan hoa") the scan
-- intersected that list with the words' lists, 30–60 ms at 1 M; without the unit key the same search is 3–4 times
-- faster (BENCHMARKS.md, note of 2026-12-04 "common words that never meet"). The two indexes split the rows, so that
-- each statement has exactly one word index it may use, whatever the planner estimates: the nil unit's rows here, the
-- units' rows in (unit_id, words). The statements name the nil unit, or exclude it, as a literal
-- (read-feedback.ts registerPlan), which is what lets a plan use a partial index.
SET LOCAL maintenance_work_mem = '256MB';
CREATE INDEX feedback_register_whole_words_idx ON feedback_register USING gin (words)
  WHERE unit_id = '00000000-0000-0000-0000-000000000000';
DROP INDEX feedback_register_words_idx;
CREATE INDEX feedback_register_words_idx ON feedback_register USING gin (unit_id, words)
  WHERE unit_id <> '00000000-0000-0000-0000-000000000000';
ANALYZE feedback_register;
