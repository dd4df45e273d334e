import { describe, expect, it } from 'vitest';
import { requestFingerprint, sameRequest } from './idempotency.js';

const intake = {
  procedureId: '0b7a3c52-1f7e-4c55-9a51-5f4f6a2c3d10',
  applicant: { kind: 'citizen', idNumber: '087090001234', fullName: 'Nguyễn Văn An', phone: '0912345678' },
  documents: [{ name: 'Tờ khai', kind: 'original', count: 1 }],
  eform: { hoTen: 'Nguyễn Thị Bé', ngaySinh: '2026-11-20' },
  outcome: 'accept',
};

describe('requestFingerprint', () => {
  it('is the same whatever order the keys were written in, at every depth', () => {
    const reordered = {
      outcome: 'accept',
      eform: { ngaySinh: '2026-11-20', hoTen: 'Nguyễn Thị Bé' },
      documents: [{ count: 1, kind: 'original', name: 'Tờ khai' }],
      applicant: { phone: '0912345678', fullName: 'Nguyễn Văn An', idNumber: '087090001234', kind: 'citizen' },
      procedureId: '0b7a3c52-1f7e-4c55-9a51-5f4f6a2c3d10',
    };
    expect(requestFingerprint(reordered)).toBe(requestFingerprint(intake));
    // A field given as undefined is a field not given (JSON has no undefined).
    expect(requestFingerprint({ ...intake, feeVnd: undefined })).toBe(requestFingerprint(intake));
    expect(requestFingerprint(intake)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('changes with any field that changes: another applicant, procedure, answer, document count or order of a list', () => {
    const base = requestFingerprint(intake);
    const variants = [
      { ...intake, applicant: { ...intake.applicant, fullName: 'Trần Thị Bình' } },
      { ...intake, applicant: { ...intake.applicant, idNumber: '087090001235' } },
      { ...intake, procedureId: '0b7a3c52-1f7e-4c55-9a51-5f4f6a2c3d11' },
      { ...intake, eform: { ...intake.eform, ngaySinh: '2026-11-21' } },
      { ...intake, documents: [{ name: 'Tờ khai', kind: 'original', count: 2 }] },
      { ...intake, documents: [...intake.documents, { name: 'Giấy chứng sinh', kind: 'original', count: 1 }] },
      { ...intake, outcome: 'incomplete' },
      { ...intake, eform: null },
      { ...intake, feeVnd: 0 },
    ];
    const prints = variants.map((v) => requestFingerprint(v));
    for (const p of prints) expect(p).not.toBe(base);
    expect(new Set(prints).size).toBe(variants.length);
    // A list is ordered: the same two documents the other way round are another request.
    const two = [{ name: 'A', kind: 'copy', count: 1 }, { name: 'B', kind: 'copy', count: 1 }];
    expect(requestFingerprint({ documents: two })).not.toBe(requestFingerprint({ documents: [...two].reverse() }));
  });
});

describe('sameRequest', () => {
  it('matches its own fingerprint and a row that has none (written before fingerprints were kept), nothing else', () => {
    const f = requestFingerprint(intake);
    expect(sameRequest(f, f)).toBe(true);
    expect(sameRequest(null, f)).toBe(true);
    expect(sameRequest(requestFingerprint({ ...intake, outcome: 'refuse' }), f)).toBe(false);
  });
});
