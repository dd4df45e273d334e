-- Satisfaction (đánh giá việc giải quyết TTHC, Nghị định 61/2018 Điều 29–31; Thông tư 01/2018/TT-VPCP Điều 12–15):
-- one rating per dossier and channel, the nine indicators scored 2 / 1 / 0, and the officer who served the citizen.
CREATE TABLE satisfaction_kiosk (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  unit_id uuid NOT NULL REFERENCES unit (id),
  unit_path text NOT NULL,
  name text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  created_by uuid NOT NULL REFERENCES staff_user (id),
  created_at timestamptz NOT NULL,
  revoked_at timestamptz,
  last_used_at timestamptz
);
COMMENT ON TABLE satisfaction_kiosk IS 'Thiết bị đánh giá tại bộ phận một cửa (máy tính bảng), gắn với một đơn vị / Desk rating kiosk bound to a unit';
COMMENT ON COLUMN satisfaction_kiosk.token_hash IS 'SHA-256 của mã thiết bị; mã gốc chỉ hiện một lần khi ghép nối / SHA-256 of the kiosk token';
COMMENT ON COLUMN satisfaction_kiosk.unit_path IS 'Đường dẫn đơn vị của thiết bị (phạm vi hồ sơ được đánh giá) / Unit path, the scope of rated dossiers';
COMMENT ON COLUMN satisfaction_kiosk.name IS 'Tên thiết bị, ví dụ Quầy số 1 / Device name';
COMMENT ON COLUMN satisfaction_kiosk.created_by IS 'Cán bộ ghép nối / Officer who paired it';
COMMENT ON COLUMN satisfaction_kiosk.last_used_at IS 'Lần đánh giá gần nhất / Last rating taken';
COMMENT ON COLUMN satisfaction_kiosk.revoked_at IS 'Thời điểm thu hồi; thiết bị không còn dùng được / Revocation time';

CREATE TABLE satisfaction_rating (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  dossier_id uuid NOT NULL REFERENCES dossier (id),
  channel text NOT NULL CHECK (channel IN ('portal', 'kiosk')),
  rated_at timestamptz NOT NULL,
  day date NOT NULL,
  receiving_unit_id uuid NOT NULL REFERENCES unit (id),
  receiving_path text NOT NULL,
  resolving_unit_id uuid NOT NULL REFERENCES unit (id),
  resolving_path text NOT NULL,
  procedure_id uuid NOT NULL REFERENCES procedure (id),
  i1 smallint NOT NULL CHECK (i1 BETWEEN 0 AND 2),
  i2 smallint NOT NULL CHECK (i2 BETWEEN 0 AND 2),
  i3 smallint NOT NULL CHECK (i3 BETWEEN 0 AND 2),
  i4 smallint NOT NULL CHECK (i4 BETWEEN 0 AND 2),
  i5 smallint NOT NULL CHECK (i5 BETWEEN 0 AND 2),
  i6 smallint NOT NULL CHECK (i6 BETWEEN 0 AND 2),
  i7 smallint NOT NULL CHECK (i7 BETWEEN 0 AND 2),
  i8 smallint NOT NULL CHECK (i8 BETWEEN 0 AND 2),
  i9 smallint NOT NULL CHECK (i9 BETWEEN 0 AND 2),
  officer_id uuid REFERENCES staff_user (id),
  officer_score smallint CHECK (officer_score BETWEEN 0 AND 2),
  kiosk_id uuid REFERENCES satisfaction_kiosk (id),
  CONSTRAINT satisfaction_once_per_channel UNIQUE (dossier_id, channel),
  CHECK ((channel = 'kiosk') = (kiosk_id IS NOT NULL))
);
CREATE INDEX satisfaction_rating_resolving_idx ON satisfaction_rating (resolving_path text_pattern_ops, day);
CREATE INDEX satisfaction_rating_receiving_idx ON satisfaction_rating (receiving_path text_pattern_ops, day);
CREATE INDEX satisfaction_rating_officer_idx ON satisfaction_rating (officer_id, day) WHERE officer_id IS NOT NULL;
COMMENT ON TABLE satisfaction_rating IS 'Đánh giá của người dân về việc giải quyết một hồ sơ, mỗi kênh một lần / A citizen rating of one dossier, once per channel';
COMMENT ON COLUMN satisfaction_rating.channel IS 'Kênh: portal (cổng dịch vụ công), kiosk (thiết bị tại bộ phận một cửa) / Channel';
COMMENT ON COLUMN satisfaction_rating.receiving_path IS 'Đơn vị tiếp nhận (bộ phận một cửa) / Receiving desk path';
COMMENT ON COLUMN satisfaction_rating.resolving_path IS 'Đơn vị giải quyết / Resolving unit path';
COMMENT ON COLUMN satisfaction_rating.kiosk_id IS 'Thiết bị đã nhận đánh giá (kênh kiosk) / Kiosk that took the rating';
COMMENT ON COLUMN satisfaction_rating.day IS 'Ngày đánh giá theo giờ Việt Nam / Vietnam date of the rating';
COMMENT ON COLUMN satisfaction_rating.i1 IS 'Chỉ số 1: Tổng thời gian giải quyết TTHC so với quy định (2/1/0) / Total time vs the legal time';
COMMENT ON COLUMN satisfaction_rating.i2 IS 'Chỉ số 2: Thời gian thực hiện của từng cơ quan, đơn vị tham gia giải quyết / Time of each agency';
COMMENT ON COLUMN satisfaction_rating.i3 IS 'Chỉ số 3: Số lần phải liên hệ với nơi tiếp nhận hồ sơ để hoàn thiện hồ sơ / Contacts with the desk';
COMMENT ON COLUMN satisfaction_rating.i4 IS 'Chỉ số 4: Số lượng cơ quan, đơn vị, tổ chức phải liên hệ / Agencies contacted';
COMMENT ON COLUMN satisfaction_rating.i5 IS 'Chỉ số 5: Tiếp nhận, giải quyết, trả kết quả tại Bộ phận Một cửa / Handled at the one-stop desk';
COMMENT ON COLUMN satisfaction_rating.i6 IS 'Chỉ số 6: Công khai các TTHC / Publication of procedures';
COMMENT ON COLUMN satisfaction_rating.i7 IS 'Chỉ số 7: Thái độ của cán bộ, công chức, viên chức / Staff attitude';
COMMENT ON COLUMN satisfaction_rating.i8 IS 'Chỉ số 8: Tiếp thu, giải trình ý kiến phản ánh, kiến nghị / Handling of feedback';
COMMENT ON COLUMN satisfaction_rating.i9 IS 'Chỉ số 9: Tiến độ và chất lượng dịch vụ công trực tuyến / Online service progress and quality';
COMMENT ON COLUMN satisfaction_rating.officer_id IS 'Cán bộ một cửa đã phục vụ (trả kết quả, hoặc tiếp nhận) / Desk officer who served the citizen';
COMMENT ON COLUMN satisfaction_rating.officer_score IS 'Mức hài lòng với cán bộ: 2 rất hài lòng, 1 hài lòng, 0 không hài lòng / Officer rating';

-- The shape the reports read: per resolving unit (path), day and channel, the count and the score sums per indicator.
CREATE VIEW satisfaction_unit_day AS
SELECT resolving_unit_id AS unit_id, resolving_path AS unit_path, day, channel,
       count(*)::int AS ratings,
       sum(i1)::int AS i1_sum, sum(i2)::int AS i2_sum, sum(i3)::int AS i3_sum, sum(i4)::int AS i4_sum, sum(i5)::int AS i5_sum,
       sum(i6)::int AS i6_sum, sum(i7)::int AS i7_sum, sum(i8)::int AS i8_sum, sum(i9)::int AS i9_sum,
       count(officer_score)::int AS officer_ratings, coalesce(sum(officer_score), 0)::int AS officer_score_sum
  FROM satisfaction_rating
 GROUP BY resolving_unit_id, resolving_path, day, channel;
COMMENT ON VIEW satisfaction_unit_day IS 'Tổng hợp đánh giá theo đơn vị giải quyết, ngày, kênh: số lượt và tổng điểm từng chỉ số (TT 01/2018 Điều 15) / Per unit, day and channel sums';
