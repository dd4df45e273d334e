/**
 * Official yearly holiday arrangements for cán bộ, công chức, viên chức (BLLĐ 2019 Điều 112 k3: the Prime
 * Minister fixes the actual Tết and Quốc khánh days; the Ministry — MoLISA until 2025, then Bộ Nội vụ —
 * announces them together with swapped / make-up days).
 *
 * These are *adjustments* on top of the default generator (holidays.rules.ts + nghỉ bù). Every official
 * weekday off is listed explicitly as `day_off`, even where the generator already produces it, so the data
 * stays right if the generator's defaults change; `working_day` entries are make-up Saturdays or weekdays the
 * default generator would wrongly mark off.
 *
 * Sources are secondary (news copies of the official notices), found in this session. Tags:
 *   [S] = seen in a secondary source (named); [U] = from memory / inference, not verified.
 * Not included (unknown when written): the day adjacent to 2/9/2026, any 24/11 holiday (Ngày Văn hóa Việt Nam).
 */
import type { CalendarAdjustment } from './calendar.rules.js';

export const officialAdjustments2021: readonly CalendarAdjustment[] = [
  // Tết Tân Sửu: off Wed 10/2 → Tue 16/2/2021 (29 tháng Chạp Canh Tý → mùng 5 Tân Sửu), 7 days: the 5 Tết days
  // plus the weekend [S: hanoimoi.vn "Lịch nghỉ Tết Nguyên đán Tân Sửu và Quốc khánh 2-9"]. Canh Tý has a 30 Tết
  // (Thu 11/2); the generator's Tết days 11–15/2 with two nghỉ bù would give 16 and 17/2 — officially 10/2 was off
  // and Wed 17/2 was worked.
  { date: '2021-02-10', kind: 'day_off', nameVi: 'Nghỉ Tết Nguyên đán Tân Sửu (29 tháng Chạp)' },
  { date: '2021-02-11', kind: 'day_off', nameVi: 'Nghỉ Tết Nguyên đán Tân Sửu (30 tháng Chạp)' },
  { date: '2021-02-12', kind: 'day_off', nameVi: 'Nghỉ Tết Nguyên đán Tân Sửu (mùng 1)' },
  { date: '2021-02-15', kind: 'day_off', nameVi: 'Nghỉ Tết Nguyên đán Tân Sửu (mùng 4)' },
  { date: '2021-02-16', kind: 'day_off', nameVi: 'Nghỉ Tết Nguyên đán Tân Sửu (mùng 5)' },
  { date: '2021-02-17', kind: 'working_day', nameVi: 'Ngày làm việc bình thường sau Tết Tân Sửu' },
  // Quốc khánh 2021, the first year of the adjacent day (BLLĐ 2019): Thu 2/9 + Fri 3/9, off Thu 2/9 → Sun 5/9
  // [S: hanoimoi.vn (4 days); trangdichvu.com "Lịch nghỉ lễ 2/9 năm 2021" (2/9 and 3/9)]. The generator's default
  // adjacent day (Wed 1/9) was worked.
  { date: '2021-09-01', kind: 'working_day', nameVi: 'Ngày làm việc bình thường (ngày liền kề Quốc khánh là 03/9/2021)' },
  { date: '2021-09-02', kind: 'day_off', nameVi: 'Quốc khánh' },
  { date: '2021-09-03', kind: 'day_off', nameVi: 'Quốc khánh (ngày liền kề)' },
  // 30/4 (Fri) and 1/5 (Sat) 2021 → nghỉ bù Mon 3/5: the generator's own result, no swap known [U: no notice seen].
];

export const officialAdjustments2022: readonly CalendarAdjustment[] = [
  // Tết Nhâm Dần: off Sat 29/1 → Sun 6/2/2022 (27 tháng Chạp Tân Sửu → mùng 6 Nhâm Dần); the weekdays off are
  // Mon 31/1 (29 tháng Chạp — Tân Sửu has no 30 Tết) → Fri 4/2 (mùng 4) [S: wikihoc.com "Lịch nghỉ Tết Nguyên đán
  // Nhâm Dần 2022"; CV 245/VPCP-KGVX 11/01/2022 per kinhtemoitruong.vn]. Same as the generator; listed so the
  // data stands on its own.
  { date: '2022-01-31', kind: 'day_off', nameVi: 'Nghỉ Tết Nguyên đán Nhâm Dần (29 tháng Chạp)' },
  { date: '2022-02-01', kind: 'day_off', nameVi: 'Nghỉ Tết Nguyên đán Nhâm Dần (mùng 1)' },
  { date: '2022-02-02', kind: 'day_off', nameVi: 'Nghỉ Tết Nguyên đán Nhâm Dần (mùng 2)' },
  { date: '2022-02-03', kind: 'day_off', nameVi: 'Nghỉ Tết Nguyên đán Nhâm Dần (mùng 3)' },
  { date: '2022-02-04', kind: 'day_off', nameVi: 'Nghỉ Tết Nguyên đán Nhâm Dần (mùng 4)' },
  // Giỗ Tổ (Sun 10/4 → bù Mon 11/4), 30/4 (Sat) and 1/5 (Sun) → bù Mon 2/5 and Tue 3/5: 3 days then 4 days off
  // [S: qbtv.vn / VietnamPlus infographic 05/4/2022]. The generator's nghỉ bù give exactly these; no swap.
  // Quốc khánh 2022: Thu 1/9 + Fri 2/9, off 1/9 → Sun 4/9 [S: scon.com.vn company calendar 2022 (secondary)].
  { date: '2022-09-01', kind: 'day_off', nameVi: 'Quốc khánh (ngày liền kề)' },
  { date: '2022-09-02', kind: 'day_off', nameVi: 'Quốc khánh' },
];

export const officialAdjustments2023: readonly CalendarAdjustment[] = [
  // Tết Dương lịch 2023 on Sunday 1/1 → nghỉ bù Mon 2/1 (generator) [S: a legal Q&A quoting the 2023 notice].
  // Tết Quý Mão: off Fri 20/1 → Thu 26/1/2023 (29 tháng Chạp Nhâm Dần → mùng 5 Quý Mão), 7 days
  // [S: kiemtientuweb.com quoting CV 8056/VPCP-KGVX 01/12/2022]. Nhâm Dần has a 30 Tết (Sat 21/1); the generator's
  // Tết days 21–25/1 with two nghỉ bù would give 26 and 27/1 — officially 20/1 was off and Fri 27/1 worked.
  { date: '2023-01-20', kind: 'day_off', nameVi: 'Nghỉ Tết Nguyên đán Quý Mão (29 tháng Chạp)' },
  { date: '2023-01-23', kind: 'day_off', nameVi: 'Nghỉ Tết Nguyên đán Quý Mão (mùng 2)' },
  { date: '2023-01-24', kind: 'day_off', nameVi: 'Nghỉ Tết Nguyên đán Quý Mão (mùng 3)' },
  { date: '2023-01-25', kind: 'day_off', nameVi: 'Nghỉ Tết Nguyên đán Quý Mão (mùng 4)' },
  { date: '2023-01-26', kind: 'day_off', nameVi: 'Nghỉ Tết Nguyên đán Quý Mão (mùng 5)' },
  { date: '2023-01-27', kind: 'working_day', nameVi: 'Ngày làm việc bình thường sau Tết Quý Mão' },
  // Giỗ Tổ (Sat 29/4), 30/4 (Sun), 1/5 (Mon) → nghỉ bù Tue 2/5 and Wed 3/5: off 29/4 → 3/5, no swap
  // [S: todaycnews.com "Nghỉ lễ 30/4" (2023)]. The generator gives the same.
  // Quốc khánh 2023 (Sat 2/9) + Fri 1/9 → nghỉ bù Mon 4/9: off 1/9 → 4/9 [S: moiday.com table by province, Đồng
  // Tháp included; kiemtientuweb.com quoting CV 8056/VPCP-KGVX].
  { date: '2023-09-01', kind: 'day_off', nameVi: 'Quốc khánh (ngày liền kề)' },
  { date: '2023-09-04', kind: 'day_off', nameVi: 'Nghỉ bù Quốc khánh' },
];

export const officialAdjustments2024: readonly CalendarAdjustment[] = [
  // Tết Giáp Thìn: off Thu 8/2 → Wed 14/2/2024 (28 tháng Chạp Quý Mão → mùng 5 Giáp Thìn) [S: issue 15 of this
  // project, from the official notice]. Quý Mão has no 30 Tết: its last day is Fri 9/2/2024. The weekdays off are
  // 8, 9, 12, 13 and 14/2; the generator's nghỉ bù for the weekend Tết days would fall on 14 and 15/2, and 15/2
  // was worked.
  { date: '2024-02-08', kind: 'day_off', nameVi: 'Nghỉ Tết Nguyên đán Giáp Thìn (28 tháng Chạp)' },
  { date: '2024-02-09', kind: 'day_off', nameVi: 'Nghỉ Tết Nguyên đán Giáp Thìn (29 tháng Chạp)' },
  { date: '2024-02-12', kind: 'day_off', nameVi: 'Nghỉ Tết Nguyên đán Giáp Thìn (mùng 3)' },
  { date: '2024-02-13', kind: 'day_off', nameVi: 'Nghỉ Tết Nguyên đán Giáp Thìn (mùng 4)' },
  { date: '2024-02-14', kind: 'day_off', nameVi: 'Nghỉ Tết Nguyên đán Giáp Thìn (mùng 5)' },
  { date: '2024-02-15', kind: 'working_day', nameVi: 'Ngày làm việc bình thường sau Tết Giáp Thìn' },
  // 30/4 (Tue) and 1/5 (Wed) 2024: Mon 29/4 swapped with Sat 4/5, off Sat 27/4 → Wed 1/5 [S: issue 15].
  { date: '2024-04-29', kind: 'day_off', nameVi: 'Nghỉ hoán đổi (làm bù thứ Bảy 04/5/2024)' },
  { date: '2024-05-04', kind: 'working_day', nameVi: 'Làm bù cho ngày nghỉ thứ Hai 29/4/2024' },
  // Quốc khánh 2024: Mon 2/9 + the day after, Tue 3/9 (off Sat 31/8 → Tue 3/9) [U: from memory]. The generator's
  // default adjacent day (Sun 1/9) would give the same nghỉ bù on 3/9; listed so the data stands on its own.
  { date: '2024-09-02', kind: 'day_off', nameVi: 'Quốc khánh' },
  { date: '2024-09-03', kind: 'day_off', nameVi: 'Quốc khánh (ngày liền kề)' },
];

export const officialAdjustments2025: readonly CalendarAdjustment[] = [
  // Tết Ất Tỵ: off Sat 25/1 → Sun 2/2/2025 (26 tháng Chạp Giáp Thìn → mùng 5 Ất Tỵ), 9 days
  // [S: tet-amlich.com "Các ngày nghỉ lễ 2025"; CV 8726/VPCP-KGVX 26/11/2024 per pld.net.vn]. The 9 days are
  // 4 weekend days + the 5 weekdays Mon 27/1 – Fri 31/1; no make-up day [U: no make-up day seen in the sources].
  // Lunar year Giáp Thìn has no 30 Tết: its last day is Tue 28/1/2025.
  { date: '2025-01-27', kind: 'day_off', nameVi: 'Nghỉ Tết Nguyên đán Ất Tỵ (28 tháng Chạp)' },
  { date: '2025-01-28', kind: 'day_off', nameVi: 'Nghỉ Tết Nguyên đán Ất Tỵ (29 tháng Chạp)' },
  { date: '2025-01-29', kind: 'day_off', nameVi: 'Nghỉ Tết Nguyên đán Ất Tỵ (mùng 1)' },
  { date: '2025-01-30', kind: 'day_off', nameVi: 'Nghỉ Tết Nguyên đán Ất Tỵ (mùng 2)' },
  { date: '2025-01-31', kind: 'day_off', nameVi: 'Nghỉ Tết Nguyên đán Ất Tỵ (mùng 3)' },
  // The generator's 5th Tết day (mùng 4 = Sat 1/2) would earn a nghỉ bù on Mon 3/2; officially 3/2 was worked.
  { date: '2025-02-03', kind: 'working_day', nameVi: 'Ngày làm việc bình thường sau Tết Ất Tỵ' },
  // 30/4 (Wed) and 1/5 (Thu): Fri 2/5/2025 swapped with Sat 26/4/2025, off Wed 30/4 → Sun 4/5
  // [S: Thông báo 6150/TB-BLĐTBXH (2024) quoted by kntb.vn 30/03/2025 and VietnamPlus].
  { date: '2025-04-26', kind: 'working_day', nameVi: 'Làm bù cho ngày nghỉ thứ Sáu 02/5/2025' },
  { date: '2025-05-02', kind: 'day_off', nameVi: 'Nghỉ hoán đổi (làm bù thứ Bảy 26/4/2025)' },
  // Quốc khánh: off Sat 30/8 → Tue 2/9/2025, i.e. Mon 1/9 + Tue 2/9 [S: Bộ Nội vụ notice, VnExpress/duonews
  // 05/08/2025; giadinh.suckhoedoisong.vn]. Matches the generator's default adjacent day (1/9).
  { date: '2025-09-01', kind: 'day_off', nameVi: 'Quốc khánh (ngày liền kề)' },
  { date: '2025-09-02', kind: 'day_off', nameVi: 'Quốc khánh' },
];

export const officialAdjustments2026: readonly CalendarAdjustment[] = [
  // Tết Dương lịch: off Thu 1/1 → Sun 4/1/2026; Fri 2/1 swapped with Sat 10/1/2026
  // [S: CV 12729/VPCP-KGVX 25/12/2025 as quoted in a news copy].
  { date: '2026-01-02', kind: 'day_off', nameVi: 'Nghỉ hoán đổi (làm bù thứ Bảy 10/01/2026)' },
  { date: '2026-01-10', kind: 'working_day', nameVi: 'Làm bù cho ngày nghỉ thứ Sáu 02/01/2026' },
  // Tết Bính Ngọ: off Sat 14/2 (27 tháng Chạp) → Sun 22/2/2026 (mùng 6), official weekdays Mon 16/2 – Fri 20/2
  // [S: congan.com.vn "Chính thức chốt phương án Tết Nguyên đán Bính Ngọ 2026 nghỉ 9 ngày"; vnews].
  // Lunar year Ất Tỵ has no 30 Tết either: its last day is Mon 16/2/2026.
  { date: '2026-02-16', kind: 'day_off', nameVi: 'Nghỉ Tết Nguyên đán Bính Ngọ (29 tháng Chạp)' },
  { date: '2026-02-17', kind: 'day_off', nameVi: 'Nghỉ Tết Nguyên đán Bính Ngọ (mùng 1)' },
  { date: '2026-02-18', kind: 'day_off', nameVi: 'Nghỉ Tết Nguyên đán Bính Ngọ (mùng 2)' },
  { date: '2026-02-19', kind: 'day_off', nameVi: 'Nghỉ Tết Nguyên đán Bính Ngọ (mùng 3)' },
  { date: '2026-02-20', kind: 'day_off', nameVi: 'Nghỉ Tết Nguyên đán Bính Ngọ (mùng 4)' },
  // Giỗ Tổ Hùng Vương 10/3 Bính Ngọ = Sun 26/4/2026 → nghỉ bù Mon 27/4 [S: thanhnien.vn 23/02/2026].
  { date: '2026-04-27', kind: 'day_off', nameVi: 'Nghỉ bù Giỗ Tổ Hùng Vương' },
  // 30/4 (Thu) and 1/5 (Fri) 2026: plain holidays, no swap announced [S: thanhnien.vn 23/02/2026].
  // Quốc khánh 2/9/2026 (Wed) + adjacent day: NOT KNOWN when written [U] — the generator defaults to Tue 1/9.
];

/** All official adjustments known to this module (2021–2026). */
export const officialAdjustments: readonly CalendarAdjustment[] = [
  ...officialAdjustments2021,
  ...officialAdjustments2022,
  ...officialAdjustments2023,
  ...officialAdjustments2024, ...officialAdjustments2025, ...officialAdjustments2026];
