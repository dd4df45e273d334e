import { describe, expect, it } from 'vitest';
import { dayNumberOf } from '../working-calendar/vn-time.js';
import { dossierCodeFormatOn, ruleSetOn, ruleSets } from './rule-set.rules.js';

describe('rule-sets by date', () => {
  it('switches from Nghị định 61/2018 to 118/2025 on 1 July 2025', () => {
    expect(ruleSetOn('2018-06-20')).toBeNull();
    expect(ruleSetOn('2018-06-21')?.id).toBe('nd61-2018');
    expect(ruleSetOn('2025-06-30')?.id).toBe('nd61-2018');
    expect(ruleSetOn('2025-07-01')?.id).toBe('nd118-2025');
    expect(ruleSetOn('2030-01-01')?.id).toBe('nd118-2025');
  });

  it('the periods do not overlap and leave no gap', () => {
    for (let i = 1; i < ruleSets.length; i++) {
      const prev = ruleSets[i - 1]!;
      expect(dayNumberOf(ruleSets[i]!.validFrom)).toBe(dayNumberOf(prev.validTo!) + 1);
    }
  });

  it('the apology letter is form 04 in both, renamed in 2025; the stop notice exists only from 2025', () => {
    expect(ruleSetOn('2024-01-01')?.forms.apology?.titleVi).toBe('Phiếu xin lỗi và hẹn lại ngày trả kết quả');
    expect(ruleSetOn('2026-01-01')?.forms.apology?.titleVi).toBe('Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết');
    expect(ruleSetOn('2024-01-01')?.forms.stop_notice).toBeUndefined();
    expect(ruleSetOn('2026-01-01')?.forms.stop_notice?.number).toBe('Mẫu số 05');
  });

  it('uses the 2026 dossier-code format from 25 January 2026', () => {
    expect(dossierCodeFormatOn('2026-01-24')).toBe('unit-date-seq4');
    expect(dossierCodeFormatOn('2026-01-25')).toBe('unit-date-system-seq');
  });
});
