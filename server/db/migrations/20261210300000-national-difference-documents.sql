-- The reconciliation compares a dossier's components and results with the national portal's copy too (issue 16:
-- components carry their flags and links, results reach the portal): a difference there is its own kind.
ALTER TABLE national_sync_difference DROP CONSTRAINT national_sync_difference_kind_check;
ALTER TABLE national_sync_difference ADD CONSTRAINT national_sync_difference_kind_check CHECK (kind IN ('missing', 'status', 'progress', 'documents'));
COMMENT ON COLUMN national_sync_difference.kind IS 'missing (Cổng chưa có), status (khác trạng thái), progress (khác quá trình xử lý), documents (khác thành phần hoặc kết quả) / Kind of difference';
