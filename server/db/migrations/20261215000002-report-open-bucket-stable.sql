-- report_open_bucket was declared IMMUTABLE, but its body calls date_trunc(text, timestamptz, text), which PostgreSQL
-- marks STABLE: a SQL function whose body is more volatile than its declaration is never inlined, so every call went
-- through the function manager — from the report trigger (twice per dossier update, comparing OLD and NEW) and
-- report_apply, re-planned each transaction: 0.042 ms a call, ~1,600 calls for 400 intakes and 400 forwards
-- (track_functions; issue 12, bench/dossiers.ts). Declared STABLE, what it is, it is inlined into its callers as the
-- CASE expression it is. Nothing indexes it, so nothing needs it IMMUTABLE; its value is unchanged.
ALTER FUNCTION report_open_bucket(dossier) STABLE;
