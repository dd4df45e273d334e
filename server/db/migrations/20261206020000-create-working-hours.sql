-- Working hours per province (issue 15): each UBND tỉnh sets its office hours (giờ làm việc buổi sáng, buổi chiều), so
-- they are data, not code. One row per province and date it takes effect; a day has the hours of the latest row on or
-- before it, so a dossier received before a change keeps the hours of its time. Without a row the national default
-- applies (07:30–11:30, 13:30–17:30, calendar.rules.ts). Rows are never updated: a change is a new row from its date,
-- and a mistake is corrected by replacing the row of the same date (audited).
CREATE TABLE working_hours (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  unit_id uuid NOT NULL REFERENCES unit (id),
  effective_from date NOT NULL,
  morning_start text NOT NULL CHECK (morning_start ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  morning_end text NOT NULL CHECK (morning_end ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  afternoon_start text NOT NULL CHECK (afternoon_start ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  afternoon_end text NOT NULL CHECK (afternoon_end ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$'),
  set_by uuid REFERENCES staff_user (id),
  set_at timestamptz NOT NULL,
  -- HH:MM strings compare like the times they write.
  CHECK (morning_start < morning_end AND morning_end <= afternoon_start AND afternoon_start < afternoon_end),
  UNIQUE (unit_id, effective_from)
);
COMMENT ON TABLE working_hours IS 'Giờ làm việc của tỉnh (buổi sáng, buổi chiều) theo ngày áp dụng / A province''s office hours from a date';
COMMENT ON COLUMN working_hours.unit_id IS 'Tỉnh, thành phố (đơn vị cấp tỉnh) / The province';
COMMENT ON COLUMN working_hours.effective_from IS 'Ngày bắt đầu áp dụng / First day these hours apply';
COMMENT ON COLUMN working_hours.morning_start IS 'Giờ bắt đầu buổi sáng (HH:MM, giờ Việt Nam) / Morning start';
COMMENT ON COLUMN working_hours.morning_end IS 'Giờ kết thúc buổi sáng / Morning end';
COMMENT ON COLUMN working_hours.afternoon_start IS 'Giờ bắt đầu buổi chiều / Afternoon start';
COMMENT ON COLUMN working_hours.afternoon_end IS 'Giờ kết thúc buổi chiều / Afternoon end';
COMMENT ON COLUMN working_hours.set_by IS 'Quản trị viên đã đặt / Administrator who set it';
COMMENT ON COLUMN working_hours.set_at IS 'Thời điểm đặt / When it was set';
