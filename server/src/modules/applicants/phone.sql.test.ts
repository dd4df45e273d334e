import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/db.js';
import type { Db } from '../../platform/database.js';
import { phoneSignificantPart } from './phone.rules.js';

// The tracking secret is judged in SQL (guardedAttempt) against phones stored as they were typed: the SQL function
// phone_significant_vn must read a number exactly as phoneSignificantPart does.
describe('phone_significant_vn (SQL) reads a number as phoneSignificantPart does', () => {
  let db: Db;
  let drop: () => Promise<void>;
  beforeAll(async () => ({ db, drop } = await freshDatabase()));
  afterAll(() => drop());

  const sql = async (inputs: string[]): Promise<(string | null)[]> =>
    (await db.query<{ s: (string | null)[] }>(`SELECT array_agg(phone_significant_vn(x) ORDER BY o) AS s FROM unnest($1::text[]) WITH ORDINALITY AS t(x, o)`, [inputs])).rows[0]!.s;

  it('on numbers as people write them', async () => {
    const cases: [string, string | null][] = [
      ['0912345678', '912345678'],
      ['0912 345 678', '912345678'],
      ['+84 912.345.678', '912345678'],
      ['+84 0912 345 678', '912345678'],
      ['0084912345678', '912345678'],
      ['84912345678', '912345678'],
      ['(028) 3829 1234', '2838291234'],
      ['024-3825-1234', '2438251234'],
      ['0912\u00a0345\u00a0678', '912345678'],
      ['\t0912345678\n', '912345678'],
      ['1900 1234', null],
      ['912345678', null],
      ['09123a5678', null],
      ['', null],
      ['+84', null],
    ];
    expect(await sql(cases.map(([x]) => x))).toEqual(cases.map(([, s]) => s));
    expect(cases.map(([x]) => phoneSignificantPart(x))).toEqual(cases.map(([, s]) => s));
  });

  it('on any string of the characters numbers are written with', async () => {
    const piece = fc.constantFrom('0', '1', '2', '8', '4', '9', '5', '+', '84', '0084', '+84', ' ', '.', '-', '(', ')', '/', '\u00a0', '\u3000', '\t', '\ufeff', 'a', '_', '\u200b');
    const inputs = fc.sample(fc.array(piece, { maxLength: 16 }).map((p) => p.join('')), { numRuns: 3000, seed: 20261205 });
    const fromSql = await sql(inputs);
    const differ = inputs.map((x, i) => ({ x, ts: phoneSignificantPart(x), sql: fromSql[i] })).filter((r) => r.ts !== r.sql);
    expect(differ).toEqual([]);
  });
});
