-- The citizen may add a comment to a rating (issue 14). Free text, at most 1000 characters; the nine indicators stay the
-- measure (Thông tư 01/2018/TT-VPCP Điều 13), the comment tells the unit why.
ALTER TABLE satisfaction_rating ADD COLUMN comment text CHECK (comment IS NULL OR length(comment) BETWEEN 1 AND 1000);
COMMENT ON COLUMN satisfaction_rating.comment IS 'Ý kiến thêm của người dân khi đánh giá (không bắt buộc) / The citizen''s optional comment';
