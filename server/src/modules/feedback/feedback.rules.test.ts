import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '../working-calendar/calendar.rules.js';
import { officialAdjustments } from '../working-calendar/official-adjustments.js';
import { vnInstant } from '../working-calendar/vn-time.js';
import {
  allowedActions,
  complaintHint,
  answerDue,
  currentDue,
  defaultClockSettings,
  feedbackCode,
  feedbackStatuses,
  group5Rates,
  intakeDeadlines,
  isAllowed,
  ownDraftBlocks,
  targetProblem,
  classifications,
  publicText,
  personalHints,
  publicationDue,
  redactPersonalData,
  statusAfterClassification,
} from './feedback.rules.js';

const cal = createWorkingCalendar({ adjustments: officialAdjustments });
const at = (d: string, t: string) => vnInstant(d, t);
const s = defaultClockSettings;

describe('QĐ 766 clocks on the working calendar — hand-built cases across holidays', () => {
  it.each([
    // [what, from, clock, expected]
    ['refusal 2 days across Tết Bính Ngọ (16–20/2/2026 off)', at('2026-02-12', '10:00'), 'refuse', at('2026-02-23', '10:00')],
    ['answer 15 days across Tết', at('2026-02-02', '10:00'), 'answer', at('2026-03-02', '10:00')],
    ['transfer 5 days across nghỉ bù Giỗ Tổ 27/4, 30/4 and 1/5', at('2026-04-24', '14:00'), 'transfer', at('2026-05-06', '14:00')],
    ['refusal from the swapped day off Fri 2/1/2026 counts from Mon 5/1 07:30', at('2026-01-02', '09:00'), 'refuse', at('2026-01-06', '17:30')],
    ['more information 5 days from a Sunday evening across Quốc khánh 1–2/9', at('2026-08-30', '20:00'), 'info', at('2026-09-08', '17:30')],
    ['refusal 2 days counts the make-up Saturday 10/1/2026', at('2026-01-09', '10:00'), 'refuse', at('2026-01-12', '10:00')],
  ] as const)('%s', (_what, from, clock, expected) => {
    const d = intakeDeadlines(from, cal, s);
    const got = { refuse: d.refuseDueAt, answer: d.answerDueAt, transfer: d.transferDueAt, info: d.infoDueAt }[clock];
    expect(got.toISOString()).toBe(expected.toISOString());
  });

  it('publication 2 days after an answer on Wed 29/4/2026 skips 30/4, 1/5 and the weekend', () => {
    expect(publicationDue(at('2026-04-29', '09:00'), cal, s).toISOString()).toBe(at('2026-05-05', '09:00').toISOString());
  });

  it('a province setting (answer within 10 days, Ninh Bình) moves only that clock', () => {
    const d = intakeDeadlines(at('2026-02-02', '10:00'), cal, { ...s, answerDays: 10 });
    expect(d.answerDueAt.toISOString()).toBe(at('2026-02-23', '10:00').toISOString());
    expect(d.refuseDueAt.toISOString()).toBe(at('2026-02-04', '10:00').toISOString());
  });

  it('a letter received after 15:00 is not moved to the next day (the cut-off is for dossiers)', () => {
    expect(answerDue(at('2026-03-10', '16:00'), cal, { ...s, answerDays: 1 }).toISOString()).toBe(at('2026-03-11', '16:00').toISOString());
  });
});

// An oracle built by hand, independent of the calendar module: the days off of 2026 as announced, weekends, and the
// make-up Saturday. N working days from a time strictly inside a session end at the same time N working days later.
const OFF_2026 = new Set(['2026-01-01', '2026-01-02', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-04-27', '2026-04-30', '2026-05-01', '2026-09-01', '2026-09-02']);
const WORKED_SATURDAYS = new Set(['2026-01-10']);
function isWorking(date: string): boolean {
  const wd = new Date(`${date}T12:00:00Z`).getUTCDay();
  if (WORKED_SATURDAYS.has(date)) return true;
  return wd !== 0 && wd !== 6 && !OFF_2026.has(date);
}
function addWorkingDays(date: string, n: number): string {
  let d = new Date(`${date}T12:00:00Z`);
  let left = n;
  while (left > 0) {
    d = new Date(d.getTime() + 86_400_000);
    if (isWorking(d.toISOString().slice(0, 10))) left--;
  }
  return d.toISOString().slice(0, 10);
}
const workingDays2026 = Array.from({ length: 330 }, (_, i) => new Date(Date.UTC(2026, 0, 1) + i * 86_400_000).toISOString().slice(0, 10)).filter(isWorking);
const insideSession = fc.oneof(fc.integer({ min: 7 * 60 + 31, max: 11 * 60 + 29 }), fc.integer({ min: 13 * 60 + 31, max: 17 * 60 + 29 }));
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

describe('clock properties against the hand-built 2026 calendar', () => {
  it('every clock ends N working days later at the same time of day', () => {
    fc.assert(
      fc.property(fc.constantFrom(...workingDays2026), insideSession, fc.integer({ min: 1, max: 20 }), (day, minute, n) => {
        const from = at(day, hhmm(minute));
        const due = answerDue(from, cal, { ...s, answerDays: n });
        expect(due.toISOString()).toBe(at(addWorkingDays(day, n), hhmm(minute)).toISOString());
      }),
      { numRuns: 300 },
    );
  });

  it('refusal ≤ information ≤ answer, and publication comes after the answer', () => {
    fc.assert(
      fc.property(fc.constantFrom(...workingDays2026), insideSession, (day, minute) => {
        const d = intakeDeadlines(at(day, hhmm(minute)), cal, s);
        expect(d.refuseDueAt.getTime()).toBeLessThan(d.infoDueAt.getTime());
        expect(d.infoDueAt.getTime()).toBe(d.transferDueAt.getTime());
        expect(d.infoDueAt.getTime()).toBeLessThan(d.answerDueAt.getTime());
        expect(publicationDue(d.answerDueAt, cal, s).getTime()).toBeGreaterThan(d.answerDueAt.getTime());
      }),
      { numRuns: 100 },
    );
  });
});

describe('statuses, classification and the register number', () => {
  it('classification routes each class of Điều 9 and complaints/denunciations out of the process', () => {
    expect(statusAfterClassification('refused')).toBe('refused');
    expect(statusAfterClassification('complaint')).toBe('routed_out');
    expect(statusAfterClassification('denunciation')).toBe('routed_out');
    expect(statusAfterClassification('within_competence')).toBe('handling');
    expect(statusAfterClassification('outside_competence')).toBe('handling');
    expect(statusAfterClassification('conduct')).toBe('handling');
  });

  it('the closed statuses allow nothing; reopening only after an answer', () => {
    expect(allowedActions.refused).toEqual([]);
    expect(allowedActions.routed_out).toEqual([]);
    for (const st of feedbackStatuses) expect(isAllowed(st, 'reopen')).toBe(st === 'answered' || st === 'published');
    expect(isAllowed('drafted', 'approve')).toBe(true);
    expect(isAllowed('handling', 'approve')).toBe(false);
  });

  it('the running deadline follows the status', () => {
    const d = { refuseDueAt: at('2026-03-02', '10:00'), answerDueAt: at('2026-03-20', '10:00'), publishDueAt: at('2026-03-24', '10:00') };
    expect(currentDue('received', d)).toEqual(d.refuseDueAt);
    expect(currentDue('drafted', d)).toEqual(d.answerDueAt);
    expect(currentDue('answered', d)).toEqual(d.publishDueAt);
    expect(currentDue('awaiting_info', d)).toBeNull();
    expect(currentDue('published', d)).toBeNull();
  });

  it('numbers the unit register per year', () => {
    expect(feedbackCode('000.00.01.H56', 2026, 42)).toBe('PAKN-2026-000.00.01.H56-00042');
  });
});

describe('personal data removed from what is published', () => {
  const p = { name: 'Nguyễn Thị Lan Anh', address: 'Số 5 ngõ 12 phố Huế', phone: '0912 345 678', email: 'lananh@example.vn' };
  it('removes the name (also its last two words), address, phone, e-mail and CCCD numbers', () => {
    const text = 'Tôi là Nguyễn Thị Lan Anh, ở Số 5 ngõ 12 phố Huế. Gọi 0912.345.678 hoặc lananh@example.vn, CCCD 001190012345. Chị Lan Anh đã chờ 20 ngày.';
    const out = redactPersonalData(text, p);
    for (const leaked of ['Nguyễn Thị Lan Anh', 'Lan Anh', 'phố Huế', '0912.345.678', 'lananh@example.vn', '001190012345']) expect(out).not.toContain(leaked);
    expect(out).toContain('đã chờ 20 ngày');
  });
  it('keeps the name and address when the sender agreed, never the phone', () => {
    const out = publicText('Nguyễn Thị Lan Anh, số điện thoại 0912345678', p, true);
    expect(out).toContain('Nguyễn Thị Lan Anh');
    expect(out).not.toContain('0912345678');
  });
  it('removes the address repeated in the content and the given name after a salutation, ignoring accents and case', () => {
    const lan = { name: 'Trần Thị Lan', address: '45 Nguyễn Huệ, phường Mỹ Phú, tỉnh Đồng Tháp', phone: '0912345678', email: null };
    const content = 'Nhà tôi ở số 45 Nguyễn Huệ, cống trước nhà bị tắc. Trước 45 nguyen hue nước ngập.';
    const answer = 'Kính gửi bà Lan, UBND phường đã cho nạo vét cống trước nhà 45 Nguyễn Huệ. Kính gửi Bà LAN. Chị Thị Lan cần gì thêm, xin báo. Tiến độ lan rộng.';
    const out = [content, answer].map((x) => redactPersonalData(x, lan)).join(' ');
    for (const leaked of ['45 Nguyễn Huệ', '45 nguyen hue', 'bà Lan', 'Bà LAN', 'Thị Lan']) expect(out).not.toContain(leaked);
    expect(out).toContain('Kính gửi bà [đã ẩn], UBND phường đã cho nạo vét cống');
    expect(out).toContain('Tiến độ lan rộng.');
    expect(out).toContain('cống trước nhà bị tắc');
  });
  it('is case- and accent-exact on the given name but leaves other text alone', () => {
    expect(redactPersonalData('Hồ sơ số 000.00.01.H56-261125-0001 bị trễ hẹn', p)).toBe('Hồ sơ số 000.00.01.H56-261125-0001 bị trễ hẹn');
  });
});

describe('group 5 rates (QĐ 766 5.2, 5.3 and satisfaction with the answer)', () => {
  // Hand-computed: handled, on time, rated, unsatisfied, good (handled, on time, not disliked, not reopened) → rates.
  const table: [string, { handled: number; handledOnTime: number; rated: number; unsatisfied: number; good: number }, { onTimeRate: number | null; satisfactionRate: number | null; answerSatisfactionRate: number | null }][] = [
    ['the tester\'s case: 4 answered, one rating, unsatisfied', { handled: 4, handledOnTime: 4, rated: 1, unsatisfied: 1, good: 3 }, { onTimeRate: 100, satisfactionRate: 75, answerSatisfactionRate: 0 }],
    ['nothing handled', { handled: 0, handledOnTime: 0, rated: 0, unsatisfied: 0, good: 0 }, { onTimeRate: null, satisfactionRate: null, answerSatisfactionRate: null }],
    ['answered, nobody rated', { handled: 3, handledOnTime: 2, rated: 0, unsatisfied: 0, good: 2 }, { onTimeRate: 66.7, satisfactionRate: 66.7, answerSatisfactionRate: null }],
    ['3 ratings, 2 satisfied', { handled: 5, handledOnTime: 5, rated: 3, unsatisfied: 1, good: 4 }, { onTimeRate: 100, satisfactionRate: 80, answerSatisfactionRate: 66.7 }],
    ['all rated satisfied, one late', { handled: 2, handledOnTime: 1, rated: 2, unsatisfied: 0, good: 1 }, { onTimeRate: 50, satisfactionRate: 50, answerSatisfactionRate: 100 }],
  ];
  it.each(table)('%s', (_name, counts, rates) => {
    expect(group5Rates(counts)).toEqual(rates);
  });
});

describe('complaint/denunciation hint for the classifying officer', () => {
  it.each([
    ['Tôi khiếu nại quyết định xử phạt số 12/QĐ-XPHC', 'complaint'],
    ['toi KHIEU NAI quyet dinh thu hoi dat', 'complaint'],
    ['Đơn khiếu kiện về bồi thường', 'complaint'],
    ['Tố cáo cán bộ địa chính nhận tiền', 'denunciation'],
    ['to cao can bo xa, dong thoi khieu nai', 'denunciation'],
    ['Đề nghị sửa đường ngõ 5', null],
    ['Khiếu nạiđường', null],
  ] as const)('%s → %s', (text, hint) => {
    expect(complaintHint(text)).toBe(hint);
  });
});

describe('a CCCD or phone number is removed however its digits are grouped (property)', () => {
  const grouped = (digits: string, cuts: boolean[], seps: string[]) =>
    Array.from(digits, (d, i) => (i > 0 && cuts[i - 1] ? seps[(i - 1) % seps.length]! : '') + d).join('');
  const digitsArb = (n: number, first = '') => fc.array(fc.constantFrom(...'0123456789'), { minLength: n, maxLength: n }).map((a) => first + a.join(''));
  const sepArb = fc.array(fc.constantFrom(' ', '.', '-'), { minLength: 1, maxLength: 3 });
  const none = { name: null, address: null, phone: null, email: null };
  it('CCCD: 12 digits in any grouping', () => {
    fc.assert(
      fc.property(digitsArb(12), fc.array(fc.boolean(), { minLength: 11, maxLength: 11 }), sepArb, (d, cuts, seps) => {
        const out = redactPersonalData(`Tôi có căn cước ${grouped(d, cuts, seps)} cấp năm 2021.`, none);
        expect(out).toBe('Tôi có căn cước [đã ẩn] cấp năm 2021.');
      }),
    );
  });
  it('phones: 0 + 9 digits, or +84 + 9 digits, in any grouping', () => {
    fc.assert(
      fc.property(fc.constantFrom('0', '+84'), digitsArb(9), fc.array(fc.boolean(), { minLength: 9, maxLength: 9 }), sepArb, (head, d, cuts, seps) => {
        const out = redactPersonalData(`Gọi số ${head}${grouped(d, cuts, seps)} nhé.`, none);
        expect(out).toBe('Gọi số [đã ẩn] nhé.');
      }),
    );
  });
  it('the tester\'s case, and ordinary numbers stay', () => {
    expect(redactPersonalData('căn cước 087 190 000 111', none)).toBe('căn cước [đã ẩn]');
    expect(redactPersonalData('Quyết định số 12/QĐ-XPHC ngày 03/12/2026, 2 000 000 đồng', none)).toBe('Quyết định số 12/QĐ-XPHC ngày 03/12/2026, 2 000 000 đồng');
  });  it('a stated birth date in any writing, never a date that is not one', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('sinh ngày ', 'Sinh ngày ', 'ngày sinh: ', 'NGÀY SINH ', 'sinh năm '),
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1930, max: 2020 }),
        fc.constantFrom('/', '-', '.'),
        (lead, d, m, y, sep) => {
          const date = lead.startsWith('sinh năm') ? String(y) : [d, m, y].join(sep);
          expect(redactPersonalData(`Cháu ${lead}${date}, đăng ký ngày 03/12/2026.`, none)).toBe(`Cháu ${lead}[đã ẩn], đăng ký ngày 03/12/2026.`);
        },
      ),
    );
  });
  it('house numbers anywhere: the street stays', () => {
    expect(redactPersonalData('Nhà tôi ở số nhà 12/3A, cạnh nhà số 14 và 45B đường Lê Lợi, ngõ 5 phố Huế.', none)).toBe(
      'Nhà tôi ở số nhà [đã ẩn], cạnh nhà số [đã ẩn] và [đã ẩn] đường Lê Lợi, ngõ 5 phố Huế.',
    );
    expect(redactPersonalData('Hồ sơ H56-261125-0001, hẻm 12 đường Trần Phú', none)).toBe('Hồ sơ H56-261125-0001, hẻm 12 đường Trần Phú');
  });
  it('hints what still looks personal after redaction, for the approving leader', () => {
    // Full names after a salutation are masked (walk 17, third); one given name is left to the leader, as a hint.
    const text = 'Kính gửi bà Hoa (chồng là ông Tư, 12.3.1978, 0871 9000 0111), ngày 03/12/2026; số 12/QĐ-XPHC; anh [đã ẩn]; CMND 123 456 789.';
    expect(personalHints(redactPersonalData(text, none), 2026)).toEqual([
      { kind: 'person', text: 'bà Hoa' },
      { kind: 'person', text: 'ông Tư' },
      { kind: 'date', text: '12.3.1978' },
    ]);
    expect(redactPersonalData(text, none)).toContain('CMND [đã ẩn].');
    expect(redactPersonalData('Nộp 150 000 000 đồng, mã 123456789.', none)).toBe('Nộp 150 000 000 đồng, mã 123456789.');
    // A date of the procedure (this year, or a few years back) is not flagged; one five years back or more is.
    expect(personalHints('Quyết định ngày 03/12/2022 và ngày 03/12/2021.', 2026)).toEqual([{ kind: 'date', text: '03/12/2021' }]);
    expect(personalHints('Đã nạo vét cống, mời ông/bà theo dõi.', 2026)).toEqual([]);
    expect(personalHints('Số tài khoản 1903 5678 9012 34 của người nhận.', 2026)).toEqual([{ kind: 'number', text: '1903 5678 9012 34' }]);
  });
});

describe("the sender's house and alley numbers and dossier codes never reach the published text (walk 17 finding 1)", () => {
  const den = { name: 'Phạm Văn Đèn', address: 'Số 7 hẻm 3 đường Trần Hưng Đạo', phone: '0912345678', email: null };
  it.each([
    [
      'UBND phường đã sửa đèn trên đường Trần Hưng Đạo, hẻm 3 (nhà ông Phạm Văn Đèn số 7) ngày 02/12/2026.',
      'UBND phường đã sửa đèn trên đường Trần Hưng Đạo, hẻm [đã ẩn] (nhà ông [đã ẩn] số [đã ẩn]) ngày 02/12/2026.',
    ],
    ['Đèn trước nhà số 7 hẻm 3 bị hỏng.', 'Đèn trước nhà số [đã ẩn] hẻm [đã ẩn] bị hỏng.'],
    ['Trước số nhà 7, ngõ 3 tối om.', 'Trước số nhà [đã ẩn], ngõ [đã ẩn] tối om.'],
    ['Kiệt 3 tối om, nhà 7 ở cuối kiệt.', 'Kiệt [đã ẩn] tối om, nhà [đã ẩn] ở cuối kiệt.'],
    ['Gia đình ở so 7, hem 3 gần chợ.', 'Gia đình ở so [đã ẩn], hem [đã ẩn] gần chợ.'],
    // Another number that is not a place stays, and so does an alley that is not the sender's.
    ['Theo Quyết định số 7/QĐ-UBND, hẻm 5 sẽ được lắp đèn.', 'Theo Quyết định số 7/QĐ-UBND, hẻm 5 sẽ được lắp đèn.'],
    ['Đã xử lý 7 trường hợp, hẻm 30 xong trước.', 'Đã xử lý 7 trường hợp, hẻm 30 xong trước.'],
    // A dossier code, in either format, and a submission reference.
    ['Hồ sơ H20.71.01-261126-000002 của ông đã có kết quả.', 'Hồ sơ [đã ẩn] của ông đã có kết quả.'],
    ['Hồ sơ số 000.00.01.H56-261125-0001 bị trễ hẹn, mã nộp NOP-3FA2B-9C01D.', 'Hồ sơ số [đã ẩn] bị trễ hẹn, mã nộp [đã ẩn].'],
    // Re-walk 17: house and alley as one number, the family name with the given name, a code with en dashes.
    ['Đã sửa đèn trước nhà 7/3 Trần Hưng Đạo. Anh Phạm Đèn vui lòng kiểm tra.', 'Đã sửa đèn trước nhà [đã ẩn] Trần Hưng Đạo. Anh [đã ẩn] vui lòng kiểm tra.'],
    ['Đèn ở 3/7 Trần Hưng Đạo hỏng từ ngày 7/3.', 'Đèn ở [đã ẩn] Trần Hưng Đạo hỏng từ ngày 7/3.'],
    ['Nhà 12/5 đường Lê Lợi và nhà 2 tầng bên cạnh.', 'Nhà [đã ẩn] đường Lê Lợi và nhà 2 tầng bên cạnh.'],
    ['Hồ sơ H20.71.01–261126–000002 đã trả.', 'Hồ sơ [đã ẩn] đã trả.'],
  ])('%s', (text, published) => {
    expect(publicText(text, den, false)).toBe(published);
  });
  it('keeps the house number when the sender agreed to publish their address, never a dossier code', () => {
    expect(publicText('Ông Phạm Văn Đèn, hẻm 3, hồ sơ H20.71.01-261126-000002.', den, true)).toBe('Ông Phạm Văn Đèn, hẻm 3, hồ sơ [đã ẩn].');
  });
  it('property: the house and alley numbers of the address are gone from every sentence that states them as a place', () => {
    const templates = [
      (h: string, a: string) => `Đèn trước nhà số ${h} hẻm ${a} hỏng.`,
      (h: string, a: string) => `Đường Lê Lợi, hẻm ${a} (nhà ông [x] số ${h}) đã sửa.`,
      (h: string, a: string) => `Trước số nhà ${h}, ngõ ${a} ngập nước.`,
      (h: string, a: string) => `Kiệt ${a} tối, nhà ${h} ở cuối.`,
      (h: string, a: string) => `Địa chỉ: so ${h} ngach ${a} pho Hue.`,
      (h: string, a: string) => `Nhà tôi, ${h} hẻm ${a}, bị nứt.`,
      (h: string, a: string) => `Đèn trước nhà ${h}/${a} Trần Hưng Đạo hỏng.`,
    ];
    const house = fc.tuple(fc.integer({ min: 1, max: 999 }), fc.constantFrom('', 'A', 'b')).map(([n, l]) => `${n}${l}`);
    fc.assert(
      fc.property(house, fc.integer({ min: 1, max: 99 }), fc.constantFrom(...templates), fc.constantFrom('Số', 'số nhà', 'Nhà số'), fc.constantFrom('hẻm', 'ngõ', 'kiệt', 'ngách'), (h, a, tpl, lead, alleyWord) => {
        const address = `${lead} ${h} ${alleyWord} ${a} đường Trần Hưng Đạo`;
        const out = publicText(tpl(h, String(a)).replace('[x]', 'Phạm Văn Đèn'), { name: 'Phạm Văn Đèn', address, phone: null, email: null }, false);
        const numbers = out.match(/\d+[A-Za-z]?/g) ?? [];
        expect(numbers).not.toContain(h);
        expect(numbers).not.toContain(String(a));
      }),
      { numRuns: 300 },
    );
  });
});

describe('re-walk 17: house numbers in words, salutations that are not names, an address the sender agreed to show', () => {
  const den = { name: 'Phạm Văn Đèn', address: 'Số 7 hẻm 3 đường Trần Hưng Đạo', phone: '0912345678', email: null };
  const chu = { name: 'Lê Văn Chu', address: 'Tổ 4, khóm 2, phường An Thạnh', phone: null, email: null };
  const lan = { name: 'Nguyễn Thị Lan', address: 'Ấp Tân Hòa, xã An Phong', phone: null, email: null };
  it.each([
    // (a) A house number in words after "nhà số"/"số nhà" goes, whosever it is.
    [den, false, 'Đèn trước nhà số bảy hẻm 3 bị hỏng.', 'Đèn trước nhà số [đã ẩn] hẻm [đã ẩn] bị hỏng.'],
    [lan, false, 'Cống trước số nhà mười hai bị tắc.', 'Cống trước số nhà [đã ẩn] bị tắc.'],
    [lan, false, 'Nhà số hai mươi mốt bên cạnh xả rác.', 'Nhà số [đã ẩn] bên cạnh xả rác.'],
    [lan, false, 'Ngập ở so nha muoi lam.', 'Ngập ở so nha [đã ẩn].'],
    [lan, false, 'Nhà ba tầng số 5 được cấp phép năm ngoái.', 'Nhà ba tầng số 5 được cấp phép năm ngoái.'],
    // (b) A salutation word alone is no name, even when it folds to the sender's given name ("chú" / Chu).
    [chu, false, 'Kính gửi cô chú trong ban quản lý khu phố.', 'Kính gửi cô chú trong ban quản lý khu phố.'],
    [chu, false, 'Cô giáo và chú bảo vệ đều biết việc này.', 'Cô giáo và chú bảo vệ đều biết việc này.'],
    [chu, false, 'Đề nghị ông Chu bổ sung giấy tờ; ong chu ở tổ 4.', 'Đề nghị ông [đã ẩn] bổ sung giấy tờ; ong [đã ẩn] ở [đã ẩn].'],
    [lan, false, 'Chị lần trước đã đến phường, chị Lan đã ký.', 'Chị lần trước đã đến phường, chị [đã ẩn] đã ký.'],
    // (b) The sender agreed to show their identity: their own house and alley stay, with "hẻm" after them too.
    [den, true, 'Tôi ở số 7 hẻm 3 Trần Hưng Đạo, nhà 7 hẻm 3 bị nứt.', 'Tôi ở số 7 hẻm 3 Trần Hưng Đạo, nhà 7 hẻm 3 bị nứt.'],
    [den, true, 'Nhà tôi, 7 hẻm 3, và nhà 7/3 là một.', 'Nhà tôi, 7 hẻm 3, và nhà 7/3 là một.'],
    // …but a neighbour's house number is not theirs to show.
    [den, true, 'Nhà hàng xóm số nhà 15 và 15 hẻm 9 lấn chiếm.', 'Nhà hàng xóm số nhà [đã ẩn] và [đã ẩn] hẻm 9 lấn chiếm.'],
  ] as const)('%#', (p, consent, text, published) => {
    expect(publicText(text, p, consent)).toBe(published);
  });
  it('property: a salutation followed by a word that only folds like the given name keeps that word', () => {
    // Words that fold to "lan" but are not "Lan" (accent differs), after any salutation: never masked.
    fc.assert(
      fc.property(fc.constantFrom('ông', 'bà', 'anh', 'chị', 'em', 'cô', 'chú', 'bác'), fc.constantFrom('lần', 'lán', 'lạn', 'lãn'), (sal, word) => {
        expect(publicText(`Gặp ${sal} ${word} này ở phường.`, lan, false)).toBe(`Gặp ${sal} ${word} này ở phường.`);
        expect(publicText(`Gặp ${sal} Lan ở phường.`, lan, false)).toBe(`Gặp ${sal} [đã ẩn] ở phường.`);
      }),
    );
  });
});

describe("walk 17 (third): other people's names, and the office's own landline in its answer", () => {
  const sender = { name: 'Lê Văn Tư', address: 'Ấp Phú Lợi, xã An Phong', phone: '0912345678', email: null };
  it.each([
    // A child's and a spouse's full names after a family word, with what may stand between.
    ['sender', false, 'Con tôi là Lê Gia Huy sinh ngày 20/11/2026, vợ tôi là chị Trần Thị Mỹ.', 'Con tôi là [đã ẩn] sinh ngày [đã ẩn], vợ tôi là chị [đã ẩn].'],
    ['office', false, 'Hồ sơ khai sinh cho cháu Lê Gia Huy đã có kết quả.', 'Hồ sơ khai sinh cho cháu [đã ẩn] đã có kết quả.'],
    ['sender', false, 'Ông Nguyễn Văn Tám ở cạnh nhà lấn chiếm hẻm.', 'Ông [đã ẩn] ở cạnh nhà lấn chiếm hẻm.'],
    ['sender', false, 'Mẹ của tôi là bà Phan Thị Bé đã nộp hồ sơ.', 'Mẹ của tôi là bà [đã ẩn] đã nộp hồ sơ.'],
    // Even when the sender agreed to show their own identity: someone else's name is not theirs to publish.
    ['sender', true, 'Tôi là Lê Văn Tư, con trai tôi là Lê Văn Năm.', 'Tôi là Lê Văn Tư, con trai tôi là [đã ẩn].'],
    // One capitalised word, titles and places stay (the leader sees the one-word name as a hint).
    ['sender', false, 'Chị Mỹ ở bộ phận một cửa hướng dẫn tận tình.', 'Chị Mỹ ở bộ phận một cửa hướng dẫn tận tình.'],
    ['sender', false, 'Đề nghị ông Chủ Tịch UBND xã xem xét.', 'Đề nghị ông Chủ Tịch UBND xã xem xét.'],
    ['sender', false, 'Tôi chuyển từ Bà Rịa Vũng Tàu về huyện Con Cuông.', 'Tôi chuyển từ Bà Rịa Vũng Tàu về huyện Con Cuông.'],
    // The office's landline and hotline in its answer stay; a mobile in it is masked; in the sender's text all go.
    ['office', false, 'Mọi thắc mắc xin gọi 0277 3851 210 hoặc 1800 1096.', 'Mọi thắc mắc xin gọi 0277 3851 210 hoặc 1800 1096.'],
    ['office', false, 'Cán bộ đã gọi ông qua số 0987 654 321.', 'Cán bộ đã gọi ông qua số [đã ẩn].'],
    ['sender', false, 'Nhà tôi số máy bàn 0277 3851 999.', 'Nhà tôi số máy bàn [đã ẩn].'],
    ['office', false, 'Đã liên hệ số 0912345678 của ông.', 'Đã liên hệ số [đã ẩn] của ông.'],
  ] as const)('%#: %s', (author, consent, text, published) => {
    expect(publicText(text, sender, consent, author)).toBe(published);
  });
  it("a family word's one-word name is a hint for the approving leader", () => {
    expect(personalHints('Hồ sơ của cháu Huy đã xong.', 2026)).toEqual([{ kind: 'person', text: 'cháu Huy' }]);
  });
  it('property: a full name of two to four capitalised words after "con tôi là" never reaches the published text', () => {
    const word = fc.constantFrom('Lê', 'Gia', 'Huy', 'Trần', 'Thị', 'Mỹ', 'Nguyễn', 'Văn', 'Ánh', 'Đức');
    fc.assert(
      fc.property(fc.array(word, { minLength: 2, maxLength: 4 }), fc.constantFrom('sender', 'office'), (words, author) => {
        const name = words.join(' ');
        expect(publicText(`Hôm qua con tôi là ${name} đến phường.`, sender, false, author)).toBe('Hôm qua con tôi là [đã ẩn] đến phường.');
      }),
    );
  });
});

describe('a target unit with a class (NĐ 20/2008 Điều 9)', () => {
  it('only the transfers take one, and they need one', () => {
    const u = '7f1a3c2e-0000-4000-8000-000000000001';
    const table = classifications.map((c) => [c, targetProblem(c, u), targetProblem(c, null)]);
    expect(table).toEqual([
      ['refused', 'not_allowed', null],
      ['conduct', null, 'required'],
      ['within_competence', 'not_allowed', null],
      ['outside_competence', null, 'required'],
      ['complaint', 'not_allowed', null],
      ['denunciation', 'not_allowed', null],
    ]);
  });
});

describe('four eyes on the answer', () => {
  it('holds the author of the draft from approving or returning it, nobody else and no other step', () => {
    expect(ownDraftBlocks('approve', 'u1', 'u1')).toBe(true);
    expect(ownDraftBlocks('return', 'u1', 'u1')).toBe(true);
    expect(ownDraftBlocks('approve', 'u1', 'u2')).toBe(false);
    expect(ownDraftBlocks('draft', 'u1', 'u1')).toBe(false);
    expect(ownDraftBlocks('publish', 'u1', 'u1')).toBe(false);
    // No author recorded (an old row) and a system actor: nothing to compare, the role decides.
    expect(ownDraftBlocks('approve', null, null)).toBe(false);
  });
});
