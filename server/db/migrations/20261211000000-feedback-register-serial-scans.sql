-- The register's searches read a few index pages each (issue 17): never a parallel plan. With every typed word checked
-- on the rows the word index finds (read-feedback.ts, the words the walk's sample chose), the planner's estimate of
-- those rows drops and a parallel bitmap scan became "cheaper" — two workers started for a scan of 40 pages, 100–150 ms
-- at 1 M items where the scan itself takes 5 ms. Sixteen readers at once must not each start workers either.
ALTER TABLE feedback_register SET (parallel_workers = 0);
