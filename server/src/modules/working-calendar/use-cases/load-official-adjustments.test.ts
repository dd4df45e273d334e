import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../../test/db.js';
import type { Db } from '../../../platform/database.js';
import { officialAdjustments } from '../official-adjustments.js';
import { loadOfficialAdjustments } from './load-official-adjustments.js';

let db: Db;
let drop: () => Promise<void>;
const clock = { now: () => new Date('2026-12-04T01:00:00Z') };
const officialDays = [...new Set(officialAdjustments.map((a) => a.date))].sort();

beforeAll(async () => {
  // As the application's role: a production start loads the calendar with row rights only.
  const fresh = await freshDatabase({ asAppRole: true });
  db = fresh.db;
  drop = fresh.drop;
});
afterAll(() => drop());

const nationalRows = async (day?: string) =>
  (
    await db.query<{ day: string; kind: string; name: string }>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, kind, name FROM calendar_adjustment WHERE unit_id IS NULL ${day ? 'AND day = $1' : ''} ORDER BY day, kind`,
      day ? [day] : [],
    )
  ).rows;

describe('the official days off in every database, not only the demo', () => {
  it('loads each official day once, even when two instances start together; the days are in the audit log', async () => {
    // An administrator had already set Tết 2025's first day their own way: it is theirs, not replaced.
    await db.query(`INSERT INTO calendar_adjustment (day, kind, name, created_at) VALUES ('2025-01-27', 'day_off', 'Nghỉ Tết (tỉnh nhập)', $1)`, [clock.now()]);
    const [a, b] = await Promise.all([loadOfficialAdjustments({ db, clock }), loadOfficialAdjustments({ db, clock })]);
    const added = [...a, ...b].sort();
    expect(added).toEqual(officialDays.filter((d) => d !== '2025-01-27'));
    expect(await nationalRows('2025-01-27')).toEqual([{ day: '2025-01-27', kind: 'day_off', name: 'Nghỉ Tết (tỉnh nhập)' }]);
    // Tết Bính Ngọ 2026 and the 2021 Quốc khánh pair, as the notices set them.
    expect((await nationalRows('2026-02-16')).map((r) => r.kind)).toEqual(['day_off']);
    expect((await nationalRows('2021-09-03')).map((r) => r.kind)).toEqual(['day_off']);
    expect((await nationalRows()).length).toBe(officialAdjustments.length - officialAdjustments.filter((x) => x.date === '2025-01-27').length + 1);
    const audit = await db.query<{ days: string[]; at: Date }>(`SELECT after->'days' AS days, at FROM audit_log WHERE action = 'calendar.official_loaded'`);
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]!.at).toEqual(clock.now());
  });

  it('a day the administrator removed after a load stays removed at the next start', async () => {
    await db.query(`DELETE FROM calendar_adjustment WHERE day = '2026-02-16' AND unit_id IS NULL`);
    expect(await loadOfficialAdjustments({ db, clock })).toEqual([]);
    expect(await nationalRows('2026-02-16')).toEqual([]);
  });
});
