-- "Due soon" and "overdue" read an officer's open dossiers by late_at, then sort the page by submitted_at, dossier_id.
-- At 10 M dossiers the plan fetched each of the few hundred matching scope rows from the heap for those two columns
-- (273 buffers read, 14 of the query's 27 ms; BENCHMARKS.md "At 10 M dossiers"): carried in the index, the tab is read
-- from the index alone (issue 12: p99 < 50 ms at 10 M).
DROP INDEX dossier_scope_open_due_idx;
CREATE INDEX dossier_scope_open_due_idx ON dossier_scope (unit_id, late_at) INCLUDE (apology_count, submitted_at, dossier_id)
  WHERE status IN ('received', 'processing', 'interagency');
