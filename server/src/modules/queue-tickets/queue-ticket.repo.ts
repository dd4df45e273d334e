import type { Queryable } from '../../platform/database.js';
import type { THallDisplay, TTicket } from './queue-ticket.contract.js';

export async function findDesk(q: Queryable, unitId: string): Promise<{ id: string; name: string; path: string } | null> {
  const { rows } = await q.query<{ id: string; name: string; path: string }>(`SELECT id, name, path FROM unit WHERE id = $1`, [unitId]);
  return rows[0] ?? null;
}

const ticketColumns = `number, to_char(day, 'YYYY-MM-DD') AS day, taken_at AS "takenAt", called_at AS "calledAt", counter_no AS "counterNo"`;

/** The day's next number for the desk, taken and written in one statement (the counter row is locked only inside it). */
export async function insertTicket(q: Queryable, deskUnitId: string, day: string, at: Date): Promise<TTicket> {
  const { rows } = await q.query<TTicket>(
    `WITH n AS (
       INSERT INTO queue_ticket_counter (desk_unit_id, day, last_number) VALUES ($1, $2, 1)
       ON CONFLICT (desk_unit_id, day) DO UPDATE SET last_number = queue_ticket_counter.last_number + 1
       RETURNING last_number)
     INSERT INTO queue_ticket (desk_unit_id, day, number, taken_at) SELECT $1, $2, n.last_number, $3 FROM n
     RETURNING ${ticketColumns}`,
    [deskUnitId, day, at],
  );
  return rows[0]!;
}

/** Calls the day's oldest waiting number to a counter; two officers calling at once get two different numbers. */
export async function callNext(q: Queryable, p: { deskUnitId: string; day: string; counterNo: number; at: Date; officerId: string }): Promise<TTicket | null> {
  const { rows } = await q.query<TTicket>(
    `UPDATE queue_ticket t SET called_at = $4, counter_no = $3, called_by = $5
      WHERE t.id = (SELECT id FROM queue_ticket WHERE desk_unit_id = $1 AND day = $2 AND called_at IS NULL
                     ORDER BY number LIMIT 1 FOR UPDATE SKIP LOCKED)
      RETURNING ${ticketColumns}`,
    [p.deskUnitId, p.day, p.counterNo, p.at, p.officerId],
  );
  return rows[0] ?? null;
}

/** The day's waiting count and each counter's latest call, one round trip. */
export async function hallState(q: Queryable, deskUnitId: string, day: string): Promise<Omit<THallDisplay, 'deskName' | 'day' | 'lastCall'>> {
  const { rows } = await q.query<Omit<THallDisplay, 'deskName' | 'day' | 'lastCall'>>(
    `SELECT (SELECT count(*)::int FROM queue_ticket WHERE desk_unit_id = $1 AND day = $2 AND called_at IS NULL) AS waiting,
            (SELECT coalesce(json_agg(json_build_object('counterNo', c.counter_no, 'number', c.number, 'calledAt', c.called_at) ORDER BY c.counter_no), '[]')
               FROM (SELECT DISTINCT ON (counter_no) counter_no, number, called_at FROM queue_ticket
                      WHERE desk_unit_id = $1 AND day = $2 AND called_at IS NOT NULL ORDER BY counter_no, called_at DESC, number DESC) c) AS counters`,
    [deskUnitId, day],
  );
  const r = rows[0]!;
  return { waiting: r.waiting, counters: r.counters.map((c) => ({ ...c, calledAt: new Date(c.calledAt) })) };
}
