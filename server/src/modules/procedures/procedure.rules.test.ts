import { describe, expect, it } from 'vitest';
import { acceptsDossiers, allowedActions, isAllowed, publishProblems, upcomingVersion, versionInForce, versionStatus, type ProcedureStatus } from './procedure.rules.js';
import { ZProcedureContent } from './procedure.contract.js';

const v = (state: 'draft' | 'published' | 'superseded', effectiveFrom: string | null, effectiveTo: string | null) => ({ state, effectiveFrom, effectiveTo });

describe('procedure lifecycle rules', () => {
  it('every status × action gives the expected answer', () => {
    const table: Record<ProcedureStatus, Record<string, [boolean, boolean]>> = {
      // action: [without draft, with draft]
      draft: { edit_draft: [false, true], publish: [false, true], start_revision: [false, false], discard_draft: [false, false], abolish: [false, false] },
      published: { edit_draft: [false, true], publish: [false, true], start_revision: [true, false], discard_draft: [false, true], abolish: [true, true] },
      abolished: { edit_draft: [false, false], publish: [false, false], start_revision: [false, false], abolish: [false, false] },
    };
    for (const status of Object.keys(allowedActions) as ProcedureStatus[]) {
      for (const [action, [noDraft, withDraft]] of Object.entries(table[status])) {
        expect(isAllowed(status, action as never, false), `${status}/${action}/no draft`).toBe(noDraft);
        expect(isAllowed(status, action as never, true), `${status}/${action}/draft`).toBe(withDraft);
      }
    }
  });

  it('picks the version in force on a date, ignoring drafts', () => {
    const versions = [v('superseded', '2020-01-01', '2025-07-01'), v('published', '2025-07-01', null), v('draft', null, null)];
    expect(versionInForce(versions, '2019-12-31')).toBeNull();
    expect(versionInForce(versions, '2025-06-30')).toBe(versions[0]);
    expect(versionInForce(versions, '2025-07-01')).toBe(versions[1]);
  });

  it('one status per version on a date: the one replaced stays in force until the next one\'s date, which is upcoming till then', () => {
    // Version 2 published on 04/12/2026 for 01/01/2027: publishing stored version 1 as superseded at once.
    const versions = [v('published', '2027-01-01', null), v('superseded', '2025-07-01', '2027-01-01'), v('superseded', '2027-02-01', '2027-01-01'), v('draft', null, null)];
    expect(versions.map((x) => versionStatus(x, '2026-12-04'))).toEqual(['upcoming', 'in_force', 'superseded', 'draft']);
    expect(versions.map((x) => versionStatus(x, '2026-12-31'))).toEqual(['upcoming', 'in_force', 'superseded', 'draft']);
    expect(versions.map((x) => versionStatus(x, '2027-01-01'))).toEqual(['in_force', 'superseded', 'superseded', 'draft']);
    expect([versionInForce(versions, '2026-12-04'), upcomingVersion(versions, '2026-12-04')]).toEqual([versions[1], versions[0]]);
    expect(versionStatus(v('published', '2025-07-01', null), '2025-06-30')).toBe('upcoming');
  });

  it('an abolished procedure stops accepting dossiers on its abolition date', () => {
    const versions = [v('published', '2024-01-01', null)];
    expect(acceptsDossiers({ status: 'published', abolishedOn: null }, versions, '2026-01-01')).toBe(true);
    expect(acceptsDossiers({ status: 'abolished', abolishedOn: '2026-01-01' }, versions, '2025-12-31')).toBe(true);
    expect(acceptsDossiers({ status: 'abolished', abolishedOn: '2026-01-01' }, versions, '2026-01-01')).toBe(false);
    expect(acceptsDossiers({ status: 'draft', abolishedOn: null }, [v('draft', null, null)], '2026-01-01')).toBe(false);
  });

  it('refuses to publish when the steps do not add up to the legal time', () => {
    const content = ZProcedureContent.parse({
      code: '1.001193',
      name: 'Đăng ký khai sinh',
      field: 'Hộ tịch',
      level: 'commune',
      agency: 'UBND cấp xã',
      processingTime: { amount: 1, unit: 'working_day' },
      documents: [{ name: 'Tờ khai đăng ký khai sinh', kind: 'original', count: 1 }],
      steps: [
        { name: 'Tiếp nhận', role: 'desk_officer', workingDays: 0.25 },
        { name: 'Thẩm định', role: 'specialist', workingDays: 0.5 },
      ],
      result: 'Giấy khai sinh',
      onlineLevel: 'partial',
      postalIntake: true,
      postalReturn: true,
    });
    expect(publishProblems(content).map((p) => p.path)).toEqual(['steps']);
    content.steps.push({ name: 'Ký', role: 'leader', unitCode: null, workingDays: 0.25 });
    expect(publishProblems(content)).toEqual([]);
    // Connected to the national portal: the national code, and for a partly online service the reason and basis (ND 224/2026 Điều 14).
    expect(publishProblems(content, { nationalPortal: true }).map((p) => p.path)).toEqual(['national', 'notFullyOnline']);
    content.national = { maTTHC: '1.001193', maTruongHop: 'TH01' };
    expect(publishProblems(content, { nationalPortal: true }).map((p) => p.path)).toEqual(['notFullyOnline']);
    content.notFullyOnline = { reason: 'presence_required', explanation: 'Đối chiếu bản chính', legalBasis: 'Nghị định 224/2026/NĐ-CP Điều 14' };
    expect(publishProblems(content, { nationalPortal: true })).toEqual([]);
    // Not offered online: no national mapping needed; fully online: no reason needed.
    expect(publishProblems({ ...content, onlineLevel: 'none', national: null, notFullyOnline: null }, { nationalPortal: true })).toEqual([]);
    expect(publishProblems({ ...content, onlineLevel: 'full', eform: { type: 'object', properties: {} }, notFullyOnline: null }, { nationalPortal: true })).toEqual([]);
  });
});
