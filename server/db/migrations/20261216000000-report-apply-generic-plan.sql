-- report_apply's first statement (the report counters of the dossier's unit and of its ancestors, one upsert) takes
-- ~2.3 ms to plan and ~0.8 ms to run. PL/pgSQL plans it with the trigger's rows as parameters, and the plan cache
-- kept choosing a fresh custom plan for it: 281 plans for 500 intakes on 10 connections (pg_stat_statements with
-- track_planning; a statement planned once per connection shows ~6). Its plan does not depend on the values — the
-- same upserts through the same unique indexes, the same aggregates — so the generic plan, made once per connection,
-- runs as fast (0.82 ms against 0.79). PostgreSQL CPU per intake 6.3–6.7 → 5.0 ms, intakes 133–143 → 159–167 a second
-- (the compiled server, 600 intakes at one desk, 8 in flight, runs with and without this setting alternating; issue 12).
ALTER FUNCTION report_apply(dossier, dossier) SET plan_cache_mode = force_generic_plan;
