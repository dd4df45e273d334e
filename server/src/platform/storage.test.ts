import { describe, expect, it } from 'vitest';
import { sniffMediaType } from './storage.js';

describe('file type by content', () => {
  it('recognises real signatures and ignores the claimed extension for the rest', () => {
    expect(sniffMediaType(Buffer.from('%PDF-1.7 ...'), 'x.pdf')).toBe('application/pdf');
    expect(sniffMediaType(Buffer.from('%PDF-1.7 ...'), 'x.docx')).toBe('application/pdf');
    expect(sniffMediaType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]), 'anh.png')).toBe('image/jpeg');
    expect(sniffMediaType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), 'scan')).toBe('image/png');
    expect(sniffMediaType(Buffer.from('PK\u0003\u0004rest', 'latin1'), 'to-khai.docx')).toContain('wordprocessingml');
    expect(sniffMediaType(Buffer.from('PK\u0003\u0004rest', 'latin1'), 'virus.zip')).toBeNull();
    expect(sniffMediaType(Buffer.from('MZ\u0090\u0000'), 'to-khai.pdf')).toBeNull();
    expect(sniffMediaType(Buffer.from('<html>'), 'a.pdf')).toBeNull();
  });
});
