-- Which unit a dossier and its rating count for (issue 15): the competent unit the dossier belongs to under its
-- procedure (resolving_unit_id: the ward for a ward's procedure, the department for a provincial one), wherever it was
-- received. Since ND 118/2025 any centre of the province receives for any unit of it, so counting by the receiving
-- desk would leave a ward with nothing when its citizens walk into the provincial centre; Biểu 06 (TT 01/2020) and the
-- QĐ 766 index attribute a dossier to the competent agency, and TT 01/2018 Điều 13 indicators 1–6, 8, 9 judge that
-- agency's handling. The counters (report_counter, report_bump from the rating trigger) and satisfaction_unit_day
-- already key on the resolving unit; the unit summary now lists the officers over the same ratings. What is about the
-- desk officer themselves (indicator 7, the officer score) follows the officer: "Đánh giá về tôi".
--
-- A leader ranks their units by satisfaction too (QĐ 766 chỉ số 5.4) and may set it as a target.
ALTER TABLE report_target DROP CONSTRAINT report_target_indicator_check;
ALTER TABLE report_target ADD CONSTRAINT report_target_indicator_check
  CHECK (indicator IN ('online_rate', 'on_time_rate', 'digitised_rate', 'online_payment_rate', 'postal_return_rate', 'satisfaction_rate'));
COMMENT ON COLUMN report_target.indicator IS 'Chỉ số được giao (tỷ lệ trực tuyến, đúng hạn, số hóa, thanh toán trực tuyến, trả qua bưu chính, hài lòng) / Indicator';

-- "Đánh giá về tôi": the dossiers an officer received, found from the log without scanning it.
CREATE INDEX dossier_action_accepted_by_idx ON dossier_action (actor_id) WHERE action = 'accept';
