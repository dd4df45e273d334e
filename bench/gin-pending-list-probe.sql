-- Probe behind migration 20261211200002 (search GIN pending lists): three copies of a generated table, a trigram GIN
-- and a tsvector GIN each — default list (probe_on), gin_pending_list_limit 256 kB (probe_small), fastupdate off (probe_off).
-- psql -h 127.0.0.1 -U postgres <scratch db> -f bench/gin-pending-list-probe.sql   (about 3 minutes), then per table:
--   printf '\\set s random(1, 1000000)\nINSERT INTO probe_on (search_text, words) SELECT t, to_tsvector(''simple'', t) FROM (SELECT probe_text(:s, 45) t) x;\n' > ins_on.sql
--   pgbench -h 127.0.0.1 -U postgres -n -c 1 -t 3000 -l -f ins_on.sql <scratch db>      (intake; latencies in pgbench_log.*)
--   EXPLAIN (ANALYZE, BUFFERS) SELECT count(*) FROM probe_on WHERE search_text LIKE '%qzx%';   (search)
--   SELECT * FROM pgstatginindex('probe_on_trgm');                                        (pending pages)
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS pgstattuple;
DROP TABLE IF EXISTS probe_on, probe_off, probe_small, probe_words;
CREATE TABLE probe_words (i int PRIMARY KEY, w text);
INSERT INTO probe_words SELECT row_number() OVER (ORDER BY w), w FROM (SELECT DISTINCT w FROM unnest(string_to_array(
 'nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly van thi minh anh hung lan mai hoa tuan dung thanh hai long nam binh son ha trang linh quang duc phuong xa huyen tinh duong pho ngo ngap nuoc den chieu sang rac thai on ao xay dung trai phep dat dai giay phep ho tich khai sinh ket hon thuong tru tam tru can cuoc bao hiem tro cap ho ngheo moi truong cay xanh via he lan chiem cong vien cho truong hoc benh vien tram y te nuoc sach dien luc cap thoat vo ho tham nhung cham tre thai do can bo phuong tien giao thong cau cong kenh muong song ho ao', ' ')) AS x(w)) y;
DROP FUNCTION IF EXISTS probe_text(int, int);
CREATE FUNCTION probe_text(seed int, n int) RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT string_agg(a.arr[1 + floor(random() * array_length(a.arr, 1))::int], ' ')
    FROM (SELECT array_agg(w ORDER BY i) AS arr FROM probe_words) a, generate_series(1, n) k $$;
CREATE TABLE probe_on (id bigserial PRIMARY KEY, search_text text NOT NULL, words tsvector NOT NULL) WITH (autovacuum_enabled = false);
CREATE TABLE probe_off (LIKE probe_on INCLUDING ALL) WITH (autovacuum_enabled = false);
CREATE TABLE probe_small (LIKE probe_on INCLUDING ALL) WITH (autovacuum_enabled = false);
INSERT INTO probe_on (search_text, words) SELECT t, to_tsvector('simple', t) FROM (SELECT probe_text(g, 45) AS t FROM generate_series(1, 200000) g) x;
INSERT INTO probe_off (search_text, words) SELECT search_text, words FROM probe_on;
INSERT INTO probe_small (search_text, words) SELECT search_text, words FROM probe_on;
CREATE INDEX probe_on_trgm ON probe_on USING gin (search_text gin_trgm_ops);
CREATE INDEX probe_on_words ON probe_on USING gin (words);
CREATE INDEX probe_off_trgm ON probe_off USING gin (search_text gin_trgm_ops) WITH (fastupdate = off);
CREATE INDEX probe_off_words ON probe_off USING gin (words) WITH (fastupdate = off);
CREATE INDEX probe_small_trgm ON probe_small USING gin (search_text gin_trgm_ops) WITH (gin_pending_list_limit = 256);
CREATE INDEX probe_small_words ON probe_small USING gin (words) WITH (gin_pending_list_limit = 256);
VACUUM ANALYZE probe_on; VACUUM ANALYZE probe_off; VACUUM ANALYZE probe_small;
