import { describe, expect, it } from 'vitest';
import { mergeKho, type LocalDocument } from './kho.rules.js';

const local = (id: string, sha256: string, addedAt: string, over: Partial<LocalDocument> = {}): LocalDocument => ({
  id, sha256, name: `Giấy tờ ${id}`, kind: 'upload', fileName: `${id}.pdf`, mediaType: 'application/pdf', sizeBytes: 1000, dossierCode: null, addedAt: new Date(addedAt), ...over,
});
const national = (storeId: string, issuedAt: string, takenDocumentId: string | null = null) => ({
  storeId, name: `Kết quả ${storeId}`, issuer: 'Phường An Thử', dossierCode: `G-${storeId}`, issuedAt, fileName: `${storeId}.pdf`, mediaType: 'application/pdf', sizeBytes: 2000, digitised: true as const, takenDocumentId,
});

describe('the citizen\'s one list of the local and the national store', () => {
  it('lists a document held only in the national store as the national store\'s, with its issuer and date', () => {
    const items = mergeKho([local('a', 'sha-a', '2026-12-01T02:00:00Z')], [national('KHO-1', '2026-12-02T02:00:00.000Z')], new Map());
    expect(items.map((i) => [i.key, i.source, i.documentId, i.storeId, i.issuer, i.date, i.kind])).toEqual([
      ['national:KHO-1', 'national', null, 'KHO-1', 'Phường An Thử', '2026-12-02T02:00:00.000Z', 'result'],
      ['local:a', 'local', 'a', null, null, '2026-12-01T02:00:00.000Z', 'upload'],
    ]);
  });

  it('a document taken into the local store, or pushed from a result the local store holds too, is listed once, as local, with its store id', () => {
    const items = mergeKho(
      [local('a', 'sha-a', '2026-12-01T02:00:00Z'), local('b', 'sha-b', '2026-12-03T02:00:00Z', { kind: 'result', dossierCode: 'G-2' })],
      [national('KHO-1', '2026-12-02T02:00:00.000Z', 'a'), national('KHO-2', '2026-12-03T01:00:00.000Z'), national('KHO-3', '2026-12-04T01:00:00.000Z')],
      new Map([['KHO-2', 'sha-b']]),
    );
    expect(items.map((i) => [i.key, i.storeId])).toEqual([
      ['national:KHO-3', 'KHO-3'],
      ['local:b', 'KHO-2'],
      ['local:a', 'KHO-1'],
    ]);
  });

  it('a taken document whose local copy was deleted is offered again from the national store', () => {
    const items = mergeKho([], [national('KHO-1', '2026-12-02T02:00:00.000Z', 'gone')], new Map());
    expect(items.map((i) => [i.source, i.storeId])).toEqual([['national', 'KHO-1']]);
  });

  it('a copy taken from the national store keeps its provenance: the store\'s, its issuer, issue date and dossier code', () => {
    const taken = local('a', 'sha-a', '2026-12-05T09:00:00Z', { storeId: 'KHO-1', issuer: 'Phường An Thử', issuedAt: new Date('2026-12-02T02:00:00Z'), dossierCode: 'G-1' });
    // Listed the same whether or not the national store answers right now.
    for (const national_ of [[national('KHO-1', '2026-12-02T02:00:00.000Z', 'a')], []]) {
      const [item] = mergeKho([taken], national_, new Map());
      expect([item!.source, item!.documentId, item!.storeId, item!.issuer, item!.date, item!.dossierCode]).toEqual([
        'local', 'a', 'KHO-1', 'Phường An Thử', '2026-12-02T02:00:00.000Z', 'G-1',
      ]);
    }
  });
});
