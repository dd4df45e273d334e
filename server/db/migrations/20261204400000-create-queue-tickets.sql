-- Queue tickets of a one-stop hall (lấy số thứ tự): a citizen takes a number at the desk unit, the desk officer calls
-- the next one to their counter (quầy), and a public screen in the hall shows which number goes to which counter.
-- Numbers restart each (Vietnamese) day per desk unit; the day's last number is taken with an atomic upsert, safe
-- with many instances.
CREATE TABLE queue_ticket_counter (
  desk_unit_id uuid NOT NULL REFERENCES unit (id),
  day date NOT NULL,
  last_number int NOT NULL,
  PRIMARY KEY (desk_unit_id, day)
);
COMMENT ON TABLE queue_ticket_counter IS 'Số thứ tự cuối cùng đã phát trong ngày của bộ phận một cửa / Last queue number given per desk unit and day';
COMMENT ON COLUMN queue_ticket_counter.day IS 'Ngày theo giờ Việt Nam / Day in Vietnam time';
COMMENT ON COLUMN queue_ticket_counter.last_number IS 'Số cuối cùng đã phát / Last number given';

CREATE TABLE queue_ticket (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  desk_unit_id uuid NOT NULL REFERENCES unit (id),
  day date NOT NULL,
  number int NOT NULL CHECK (number > 0),
  taken_at timestamptz NOT NULL,
  called_at timestamptz,
  counter_no int CHECK (counter_no BETWEEN 1 AND 99),
  called_by uuid REFERENCES staff_user (id),
  UNIQUE (desk_unit_id, day, number),
  CHECK ((called_at IS NULL) = (counter_no IS NULL) AND (called_at IS NULL) = (called_by IS NULL))
);
COMMENT ON TABLE queue_ticket IS 'Phiếu số thứ tự tại sảnh bộ phận một cửa / Queue tickets of a one-stop hall';
COMMENT ON COLUMN queue_ticket.desk_unit_id IS 'Bộ phận một cửa phát số / Desk unit that gave the number';
COMMENT ON COLUMN queue_ticket.day IS 'Ngày phát số (giờ Việt Nam) / Day the number was given (Vietnam time)';
COMMENT ON COLUMN queue_ticket.number IS 'Số thứ tự trong ngày / Number within the day';
COMMENT ON COLUMN queue_ticket.taken_at IS 'Thời điểm lấy số / When the ticket was taken';
COMMENT ON COLUMN queue_ticket.called_at IS 'Thời điểm được gọi / When the number was called';
COMMENT ON COLUMN queue_ticket.counter_no IS 'Quầy gọi số / Counter that called the number';
COMMENT ON COLUMN queue_ticket.called_by IS 'Cán bộ gọi số / Officer who called the number';
-- The next number to call: the oldest waiting ticket of the desk's day.
CREATE INDEX queue_ticket_waiting_idx ON queue_ticket (desk_unit_id, day, number) WHERE called_at IS NULL;
-- The screen: the latest call of each counter.
CREATE INDEX queue_ticket_called_idx ON queue_ticket (desk_unit_id, day, called_at DESC) WHERE called_at IS NOT NULL;

GRANT SELECT, INSERT, UPDATE ON queue_ticket_counter, queue_ticket TO motcua_app;
