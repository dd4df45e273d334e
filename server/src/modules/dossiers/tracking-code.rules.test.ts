import { describe, expect, it } from 'vitest';
import { compactCode, parseTrackingInput, submissionReference } from './tracking-code.rules.js';

describe('what a citizen types to track a dossier', () => {
  it('the printed code with or without dots, dashes and spaces, in any case', () => {
    const want = { kind: 'code', compact: '0000071H202612030001' };
    expect(parseTrackingInput('000.00.71.H20-261203-0001')).toEqual(want);
    expect(parseTrackingInput(' 0000071h20 261203 0001 ')).toEqual(want);
    expect(parseTrackingInput('0000071H202612030001')).toEqual(want);
    expect(compactCode('H20.71-260105-AB0001')).toBe('H2071260105AB0001');
  });

  it('the link of the receipt QR code', () => {
    expect(parseTrackingInput('https://dichvucong.example.vn/thu-tuc/tra-cuu-ho-so?ma=000.00.71.H20-261203-0001')).toEqual({ kind: 'code', compact: '0000071H202612030001' });
    expect(parseTrackingInput('http://x/thu-tuc/tra-cuu-ho-so?lang=vi&ma=000.00.71.H20%2D261203%2D0001#a')).toEqual({ kind: 'code', compact: '0000071H202612030001' });
    expect(parseTrackingInput('HTTPS://X/THU-TUC/TRA-CUU-HO-SO?MA=000.00.71.H20-261203-0001')).toEqual({ kind: 'code', compact: '0000071H202612030001' });
  });

  it('the submission reference given at once, before the code', () => {
    const id = '1a2b3c4d-5e6f-4a1b-8c2d-9e0f1a2b3c4d';
    expect(submissionReference(id)).toBe('NOP-1A2B3-C4D5E');
    expect(parseTrackingInput('NOP-1A2B3-C4D5E')).toEqual({ kind: 'reference', idPrefix: '1a2b3c4d-5e' });
    expect(parseTrackingInput('nop 1a2b3c4d5e')).toEqual({ kind: 'reference', idPrefix: '1a2b3c4d-5e' });
    expect(id.startsWith(parseTrackingInput(submissionReference(id))!.kind === 'reference' ? '1a2b3c4d-5e' : 'x')).toBe(true);
  });

  it('nothing usable', () => {
    expect(parseTrackingInput('')).toBeNull();
    expect(parseTrackingInput(' .-. ')).toBeNull();
    expect(parseTrackingInput('x'.repeat(80))).toBeNull();
  });
});
