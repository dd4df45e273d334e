-- The version of the redaction rules (feedback.rules.ts REDACTION_VERSION) each item's public text was computed with
-- (re-walk 17): when the rules change, items published before keep text the new rules would remove (a house number in
-- words, a sender's name…). The job feedback.reredact recomputes the public subject, content and answer of published
-- items whose version is older, in bounded batches, and records the new version; rows already at the version are never
-- read again. Existing rows start at 0, so every published item is checked once after this migration.
ALTER TABLE feedback ADD COLUMN redaction_version integer NOT NULL DEFAULT 0;

-- The job's read: published items below the current version, in id order. Partial: only published rows, and a row
-- leaves the index's useful range as soon as it is brought to the version.
CREATE INDEX feedback_redaction_stale ON feedback (redaction_version, id) WHERE status = 'published';
