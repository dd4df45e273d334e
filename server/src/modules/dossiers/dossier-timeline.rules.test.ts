import { describe, expect, it } from 'vitest';
import { citizenTimeline, type TimelineEntry } from './dossier-timeline.rules.js';

const ctx = {
  receivingUnitName: 'Bộ phận Một cửa phường An Bình A',
  steps: [
    { name: 'Tiếp nhận hồ sơ', role: 'desk_officer', unitName: 'Bộ phận Một cửa phường An Bình A' },
    { name: 'Thẩm định', role: 'specialist', unitName: 'Phòng Tư pháp' },
    { name: 'Ký duyệt', role: 'leader', unitName: 'UBND phường An Bình A' },
  ],
};
const at = (hhmm: string) => new Date(`2026-12-03T${hhmm}:00+07:00`);
const e = (action: string, time: string, actorName: string, stepIndex: number | null, extra: Partial<TimelineEntry> = {}): TimelineEntry => ({ at: at(time), action, actorName, stepIndex, note: null, data: null, ...extra });

describe('the citizen timeline (ND 224/2026 Điều 15 k1g)', () => {
  it('says what happened, where and by whom, with the time, in plain Vietnamese', () => {
    const t = citizenTimeline(
      [
        e('accept', '08:05', 'Trần Thị Mai', 0),
        e('forward', '08:40', 'Trần Thị Mai', 1),
        e('claim', '09:12', 'Võ Văn Tùng', 1),
        e('forward', '10:00', 'Võ Văn Tùng', 2),
        e('approve', '11:30', 'Nguyễn Văn Lâm', 2),
        e('return_result', '14:00', 'Trần Thị Mai', 2, { data: { receivedBy: 'Nguyễn Văn An' } }),
      ],
      ctx,
    );
    expect(t.map((x) => x.text)).toEqual([
      'Đã tiếp nhận tại Bộ phận Một cửa phường An Bình A — cán bộ một cửa Trần Thị Mai, 03/12/2026 08:05',
      'Chuyển đến bước «Thẩm định» tại Phòng Tư pháp — cán bộ một cửa Trần Thị Mai, 03/12/2026 08:40',
      'Đang xử lý bước «Thẩm định» tại Phòng Tư pháp — chuyên viên Võ Văn Tùng, 03/12/2026 09:12',
      'Chuyển đến bước «Ký duyệt» tại UBND phường An Bình A — chuyên viên Võ Văn Tùng, 03/12/2026 10:00',
      'Đã có kết quả (đã phê duyệt) tại UBND phường An Bình A — lãnh đạo Nguyễn Văn Lâm, 03/12/2026 11:30',
      'Đã trả kết quả tại Bộ phận Một cửa phường An Bình A — cán bộ một cửa Trần Thị Mai, 03/12/2026 14:00',
    ]);
    expect(t[2]).toMatchObject({ action: 'claim', label: 'Đang xử lý bước «Thẩm định» tại Phòng Tư pháp — chuyên viên Võ Văn Tùng' });
  });

  it('never shows raw action names, keeps internal notes and marks inside, and shows the reasons addressed to the citizen', () => {
    const t = citizenTimeline(
      [
        e('submit', '07:00', 'Nguyễn Văn An', null),
        e('accept', '08:05', 'Trần Thị Mai', 0, { note: 'Ghi chú nội bộ' }),
        e('attach_file', '08:06', 'Trần Thị Mai', 0, { note: 'Tờ khai' }),
        e('forward', '08:40', 'Trần Thị Mai', 1, { note: 'Nội bộ: gấp' }),
        e('request_supplement', '09:30', 'Võ Văn Tùng', 1, { note: 'Bản chụp giấy chứng sinh bị mờ' }),
        e('overdue_marked', '23:00', 'Hệ thống', 1),
        e('apologise', '23:10', 'Nguyễn Văn Lâm', 1, { note: 'Cần xác minh', data: { previousDueAt: '2026-12-04T10:00:00.000Z', newDueAt: '2026-12-07T10:00:00.000Z' } }),
      ],
      ctx,
    );
    expect(t.map((x) => x.action)).toEqual(['submit', 'accept', 'forward', 'request_supplement', 'apologise']);
    for (const x of t) expect(x.text).not.toMatch(/[a-z]+_[a-z]+/);
    expect(t.map((x) => x.note)).toEqual([null, null, null, 'Bản chụp giấy chứng sinh bị mờ', 'Cần xác minh']);
    expect(t[3]!.text).toBe('Yêu cầu bổ sung hồ sơ (bước «Thẩm định» tại Phòng Tư pháp) — chuyên viên Võ Văn Tùng, 03/12/2026 09:30');
    expect(t[4]!.text).toBe('Xin lỗi vì chậm trả kết quả, hẹn trả lại 07/12/2026 17:00 — Nguyễn Văn Lâm, 03/12/2026 23:10');
  });
});
