-- The search GIN indexes kept the default pending list (fastupdate on, gin_pending_list_limit 4 MB): new rows are
-- appended to an unsorted list that every search reads whole until a vacuum (or a full list) merges it. The dossier
-- tables have no GIN index any more (their trigram index was dropped in 20261203130000: searches use btree ranges);
-- the search GINs left are the citizens' feedback (PAKN) searches, the catalogue's and the information portal's.
--
-- Measured on a generated sample (200 000 rows of 45 folded Vietnamese words each, a trigram GIN and a tsvector GIN
-- per table, autovacuum off on the probe tables so the list grows as it does between vacuums; PostgreSQL at
-- 127.0.0.1:5432 on the shared 2-core machine, load average 11–12 during the runs, so the timings are noisy; the buffer
-- counts are not). Intake: 3 000 single-row insert transactions (pgbench -c 1 -t 3000 -l), two rounds:
--   default (4 MB list):      mean 6.3 / 7.3 ms, p99 26.8 / 28.9 ms, max 143 / 202 ms (the inserts that merge the list)
--   gin_pending_list_limit 256 kB: mean 7.1 / 6.0 ms, p99 26.2 / 33.5 ms, max 95 / 132 ms
--   fastupdate = off:         mean 9.7 / 10.7 ms, p99 31.4 / 42.5 ms, max 94 / 161 ms
-- so the list saves about 3.5 ms per row of this size (≈ +45 %) on intake.
-- Search, EXPLAIN (ANALYZE, BUFFERS), after those inserts (pgstatginindex: trigram list 455 pages / 1 367 rows, word
-- list 42 pages / 457 rows; 256 kB: 27 and 13 pages):
--   trigram, no match (LIKE '%qzx%'):    default 457 buffers, 27–107 ms | 256 kB 29 buffers, 7.6–8.1 ms | off 2 buffers, 0.05–4.3 ms
--   words, no match (@@ 'qzx'):          default 44 buffers, 2.4–20 ms  | 256 kB 15 buffers, 0.5–1.0 ms | off 2 buffers, 0.04–0.15 ms
--   trigram, 9 000 matches:              default 944 buffers            | 256 kB 515 buffers             | off 487 buffers
-- Every search reads the whole list: up to 3.6 MB more per search, whatever it looks for. The feedback searches are
-- public (the register of answers, the "similar feedback" check while a citizen types) and far more frequent than new
-- feedback (a few hundred a day in a province), the catalogue and the portal's articles change a few times a day: the
-- 3.5 ms per write is cheap, the list read on every search is not. fastupdate = off, and the lists as they are merged
-- now (changing the option does not empty them). The feedback register's own index has been built so since
-- 20261210100000; the webhook subscriptions' GIN is not a search (a few rows, read by event type) and stays as it is.
-- Reproduce: bench/gin-pending-list-probe.sql (its header gives the pgbench and EXPLAIN commands).
ALTER INDEX feedback_search_trgm_idx SET (fastupdate = off);
ALTER INDEX feedback_public_words_idx SET (fastupdate = off);
ALTER INDEX procedure_search_trgm_idx SET (fastupdate = off);
ALTER INDEX portal_article_search_idx SET (fastupdate = off);
SELECT gin_clean_pending_list(i::regclass) FROM unnest(ARRAY['feedback_search_trgm_idx', 'feedback_public_words_idx', 'procedure_search_trgm_idx', 'portal_article_search_idx']) i;
