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

describe('a refused upload leaves no file', () => {
  it('what a failed transaction wrote is removed; content another row refers to stays', async () => {
    const { default: os } = await import('node:os');
    const { default: fs } = await import('node:fs/promises');
    const { default: path } = await import('node:path');
    const { freshDatabase } = await import('../../test/db.js');
    const { diskFileStore, withStoredFiles } = await import('./storage.js');
    const { db, drop } = await freshDatabase();
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'motcua-store-'));
    try {
      const files = diskFileStore(dir, { now: () => new Date() });
      const deps = { db, files };
      const scan = (tag: string) => Buffer.from(`%PDF-1.4\n% ${tag}\n%%EOF\n`, 'latin1');
      const onDisk = async () => (await fs.readdir(dir, { recursive: true })).filter((f) => f.includes(path.sep)).length;
      await expect(withStoredFiles(deps, async (_tx, put) => {
        await put(scan('refused'), 'a.pdf');
        throw new Error('refused after the write');
      })).rejects.toThrow('refused after the write');
      expect(await onDisk()).toBe(0);
      const kept = await withStoredFiles(deps, (_tx, put) => put(scan('kept'), 'b.pdf'));
      await expect(withStoredFiles(deps, async (_tx, put) => {
        await put(scan('kept'), 'c.pdf');
        throw new Error('refused, same content as a committed file');
      })).rejects.toThrow();
      expect(await onDisk()).toBe(1);
      expect(await files.stat(db, kept.sha256)).toMatchObject({ fileName: 'b.pdf' });
      await expect(withStoredFiles(deps, (_tx, put) => put(Buffer.from('PK\u0003\u0004', 'latin1'), 'x.docx', ['application/pdf']))).rejects.toMatchObject({ code: 'FILE.SCANS_ONLY' });
      expect(await onDisk()).toBe(1);
    } finally {
      await drop();
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
