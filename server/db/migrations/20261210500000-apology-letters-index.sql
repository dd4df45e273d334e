-- The apology letters of a dossier, read by the "Quá hạn" tab, the dossier page and the open-overdue counts: a dossier
-- already past its due time when its letter was issued stays overdue (dossier-deadline.rules.ts lateBeforeLetter).
CREATE INDEX dossier_action_apology_idx ON dossier_action (dossier_id, at) WHERE action = 'apologise';
