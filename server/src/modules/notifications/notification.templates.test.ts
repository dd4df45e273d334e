import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fitSms,
  formatAppointmentVi,
  gsm7Length,
  renderNotification,
  SMS_MAX_SEPTETS,
  toAsciiVi,
  type NotificationTemplateKey,
  type TemplateData,
} from './notification.templates.js';

const VI_LETTERS =
  'aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ' +
  'AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬBCDĐEÈÉẺẼẸÊỀẾỂỄỆGHIÌÍỈĨỊKLMNOÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢPQRSTUÙÚỦŨỤƯỪỨỬỮỰVXYỲÝỶỸỴ';
const ASCII_ONLY = /^[\t\n\r -~]*$/;

describe('toAsciiVi', () => {
  it.each([
    ['Đăng ký khai sinh', 'Dang ky khai sinh'],
    ['Ủy ban nhân dân phường Bến Thành', 'Uy ban nhan dan phuong Ben Thanh'],
    ['Giấy chứng nhận quyền sử dụng đất', 'Giay chung nhan quyen su dung dat'],
    ['NGƯỜI ĐẠI DIỆN “HỢP PHÁP” – ỦY QUYỀN…', 'NGUOI DAI DIEN "HOP PHAP" - UY QUYEN...'],
    ['Ðặng (Icelandic eth)', 'Dang (Icelandic eth)'],
    ['Phí: 50.000 ₫ 😀', 'Phi: 50.000 ? ?'],
    // Decomposed input (NFD, as some keyboards on macOS produce) gives the same result.
    ['Nguyễn Thị Hằng'.normalize('NFD'), 'Nguyen Thi Hang'],
  ])('%j → %j', (input, expected) => {
    expect(toAsciiVi(input)).toBe(expected);
  });

  it('always gives printable ASCII, and applying it twice changes nothing', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const a = toAsciiVi(s);
        expect(a).toMatch(ASCII_ONLY);
        expect(toAsciiVi(a)).toBe(a);
      }),
    );
  });

  it('keeps one character per Vietnamese letter and leaves ASCII alone', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...VI_LETTERS.split(''), ' ', '0', '9', ',', '.') }), (s) => {
        const a = toAsciiVi(s);
        expect(a).toHaveLength(s.length);
        expect(a).toMatch(/^[A-Za-z0-9 ,.]*$/);
      }),
    );
    fc.assert(
      fc.property(
        fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) }),
        (s) => {
          expect(toAsciiVi(s)).toBe(s);
        },
      ),
    );
  });
});

describe('SMS length', () => {
  it('counts GSM-7 extension characters twice', () => {
    expect(gsm7Length('abc')).toBe(3);
    expect(gsm7Length('[a]{b}~^|\\')).toBe(18);
  });

  it('fitSms keeps the head and shortens the tail to 160 septets', () => {
    const head = 'Ho so H56.71-261125-0001 da duoc tiep nhan. Hen tra ket qua: 10:00 27/11/2026.';
    expect(fitSms(head, ' Thu tuc: Dang ky khai sinh')).toBe(`${head} Thu tuc: Dang ky khai sinh`);
    const long = fitSms(head, ` Thu tuc: ${'Cấp giấy phép '.repeat(20)}`);
    expect(gsm7Length(long)).toBe(SMS_MAX_SEPTETS);
    expect(long.startsWith(head)).toBe(true);
    expect(long.endsWith('...')).toBe(true);
  });

  it('any head and tail fit in one SMS of ASCII text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.string({ maxLength: 300 }), (h, t) => {
        const sms = fitSms(h, t);
        expect(gsm7Length(sms)).toBeLessThanOrEqual(SMS_MAX_SEPTETS);
        expect(sms).toMatch(ASCII_ONLY);
      }),
    );
  });

  it('a text too long is cut to its longest prefix within 157 septets, then "..." (extension characters count twice)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ' ', '[', '~', 'ệ', '|'), minLength: 150, maxLength: 400 }), (t) => {
        const full = toAsciiVi(t).replace(/\s+/g, ' ').trimEnd();
        fc.pre(gsm7Length(full) > SMS_MAX_SEPTETS);
        // The rule written the slow way: drop the last character until the rest fits.
        let cut = full;
        while (gsm7Length(cut) > SMS_MAX_SEPTETS - 3) cut = cut.slice(0, -1);
        expect(fitSms('', t)).toBe(`${cut.trimEnd()}...`);
      }),
    );
    expect(fitSms('', `${'['.repeat(80)}ab`)).toBe(`${'['.repeat(78)}...`);
  });
});

const at = new Date('2026-11-27T03:00:00Z'); // 10:00 27/11/2026 in Vietnam
const common = {
  dossierCode: 'H56.71-261125-0001',
  procedureName: 'Đăng ký khai sinh',
  applicantName: 'Nguyễn Thị Hằng',
  unitName: 'Bộ phận Một cửa UBND phường An Thử',
  trackingUrl: 'https://dichvucong.example.vn/tra-cuu',
};
const samples: { [K in NotificationTemplateKey]: TemplateData[K] } = {
  'dossier.accepted': { ...common, appointmentAt: at },
  'dossier.supplementation-requested': { ...common, missing: ['Bản sao Giấy chứng nhận kết hôn', 'Tờ khai có chữ ký của người đi đăng ký'] },
  'dossier.apology': { ...common, previousAppointmentAt: at, newAppointmentAt: new Date('2026-12-01T09:30:00Z'), reason: 'Cần xác minh thông tin nơi sinh' },
  'dossier.result-ready': { ...common, returnMethod: 'post' },
  'dossier.refused': { ...common, reason: 'Thủ tục không thuộc thẩm quyền của UBND phường' },
  'dossier.status-changed': { ...common, what: 'Chuyển đến bước «Thẩm định» tại Phòng Tư pháp — cán bộ một cửa Nguyễn Thị Mai, 27/11/2026 10:00' },
};
const keys = Object.keys(samples) as NotificationTemplateKey[];

describe('renderNotification', () => {
  it('tells any other change as the timeline says it: where, by whom, when (Nghị định 224/2026 Điều 15 k1g)', () => {
    const data = samples['dossier.status-changed'];
    const mail = renderNotification('dossier.status-changed', 'email', data);
    expect(mail.subject).toBe('[Một Cửa] Hồ sơ H56.71-261125-0001 có thay đổi');
    expect(mail.body).toContain('Hồ sơ của ông/bà vừa có thay đổi:\nChuyển đến bước «Thẩm định» tại Phòng Tư pháp — cán bộ một cửa Nguyễn Thị Mai, 27/11/2026 10:00');
    const sms = renderNotification('dossier.status-changed', 'sms', data);
    expect(sms.body).toBe('Ho so H56.71-261125-0001: Chuyen den buoc "Tham dinh" tai Phong Tu phap - can bo mot cua Nguyen Thi Mai, 27/11/2026 10:00.');
  });

  it('formats appointments in Vietnam time', () => {
    expect(formatAppointmentVi(at)).toBe('10:00 ngày 27/11/2026');
    expect(formatAppointmentVi(new Date('2026-11-27T17:30:00Z'))).toBe('00:30 ngày 28/11/2026');
  });

  it('the receipt e-mail gives the dossier code, the procedure and the appointment', () => {
    const r = renderNotification('dossier.accepted', 'email', samples['dossier.accepted']);
    expect(r.templateKey).toBe('dossier.accepted');
    expect(r.subject).toBe('[Một Cửa] Đã tiếp nhận hồ sơ H56.71-261125-0001');
    expect(r.body).toContain('Kính gửi ông/bà Nguyễn Thị Hằng,');
    expect(r.body).toContain('Mã hồ sơ: H56.71-261125-0001\nThủ tục: Đăng ký khai sinh\nNgày hẹn trả kết quả: 10:00 ngày 27/11/2026');
    expect(r.body).toContain('https://dichvucong.example.vn/tra-cuu');
  });

  it('each template says what it must (supplementation list, apology with new date, return method, refusal reason)', () => {
    const sup = renderNotification('dossier.supplementation-requested', 'email', samples['dossier.supplementation-requested']);
    expect(sup.body).toContain('  1. Bản sao Giấy chứng nhận kết hôn\n  2. Tờ khai có chữ ký của người đi đăng ký');
    const apo = renderNotification('dossier.apology', 'email', samples['dossier.apology']);
    expect(apo.subject).toContain('xin lỗi');
    expect(apo.body).toContain('(10:00 ngày 27/11/2026)');
    expect(apo.body).toContain('xin hẹn lại ngày trả kết quả: 16:30 ngày 01/12/2026');
    expect(apo.body).toContain('Lý do: Cần xác minh thông tin nơi sinh');
    expect(renderNotification('dossier.result-ready', 'email', samples['dossier.result-ready']).body).toContain('bưu chính công ích');
    expect(renderNotification('dossier.result-ready', 'email', { ...common, returnMethod: 'desk' }).body).toContain(
      'Mời ông/bà đến Bộ phận Một cửa UBND phường An Thử để nhận kết quả',
    );
    expect(renderNotification('dossier.refused', 'email', samples['dossier.refused']).body).toContain('Lý do: Thủ tục không thuộc thẩm quyền của UBND phường');
    const anonymous = renderNotification('dossier.refused', 'email', { dossierCode: 'X-1', procedureName: 'P', reason: 'R' });
    expect(anonymous.body).toContain('Kính gửi ông/bà,');
    expect(anonymous.body).toContain('Bộ phận Một cửa');
  });

  it.each(keys)('%s: the SMS is unaccented ASCII within 160 septets and starts with the dossier code', (key) => {
    const r = renderNotification(key, 'sms', samples[key] as never);
    expect(r.subject).toBeNull();
    expect(r.body).toMatch(ASCII_ONLY);
    expect(gsm7Length(r.body)).toBeLessThanOrEqual(SMS_MAX_SEPTETS);
    expect(r.body).toContain('H56.71-261125-0001');
  });

  it('SMS texts', () => {
    expect(renderNotification('dossier.accepted', 'sms', samples['dossier.accepted']).body).toBe(
      'Ho so H56.71-261125-0001 da duoc tiep nhan. Hen tra ket qua: 10:00 27/11/2026. Thu tuc: Dang ky khai sinh',
    );
    expect(renderNotification('dossier.apology', 'sms', samples['dossier.apology']).body).toBe(
      'Xin loi: ho so H56.71-261125-0001 chua co ket qua dung hen. Hen lai: 16:30 01/12/2026. Ly do: Can xac minh thong tin noi sinh',
    );
  });

  it('with long procedure names and reasons the SMS still fits and keeps the code and date', () => {
    fc.assert(
      fc.property(fc.constantFrom(...keys), fc.string({ minLength: 0, maxLength: 400 }), (key, text) => {
        const data = { ...samples[key], procedureName: text, reason: text, missing: [text, text] } as never;
        const sms = renderNotification(key, 'sms', data).body;
        expect(gsm7Length(sms)).toBeLessThanOrEqual(SMS_MAX_SEPTETS);
        expect(sms).toContain('H56.71-261125-0001');
        if (key === 'dossier.accepted') expect(sms).toContain('10:00 27/11/2026');
      }),
    );
  });

  it('every e-mail has a Vietnamese subject with the dossier code and the automatic-mail footer', () => {
    for (const key of keys) {
      const r = renderNotification(key, 'email', samples[key] as never);
      expect(r.subject).toMatch(/^\[Một Cửa\] .*H56\.71-261125-0001/);
      expect(r.body).toContain('vui lòng không trả lời');
    }
  });
});
