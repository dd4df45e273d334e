import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { seedDesk } from '../../../test/dossier-fixtures.js';
import { REDACTION_VERSION } from './feedback.rules.js';
import { reredactPublished } from './use-cases/reredact-published.js';

// Items published before a redaction rule changed get the current rules' public text (re-walk 17), on PostgreSQL.
let t: TestApp;
let s: Awaited<ReturnType<typeof seedDesk>>;
const now = new Date('2026-12-01T02:00:00Z');

beforeAll(async () => {
  t = await buildTestApp({ clock: { now: () => now } });
  s = await seedDesk(t.app, t.ctx.db);
});
afterAll(() => t.close());

const sender = { name: 'Lê Văn Chu', address: 'Ấp Tân Hòa, xã An Phong', phone: '0912000222', email: null };

/** An item published under the old rules: its public text as they left it, at version `version`. */
async function publishedUnderOldRules(subject: string, content: string, answer: string, oldPublic: { content: string; answer: string }, version = 1): Promise<string> {
  const res = await t.app.inject({ method: 'POST', url: '/api/feedback/public', payload: { unitId: s.tree.deskA.id, subject, content, sender } });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
  await t.ctx.db.query(
    `UPDATE feedback SET status = 'published', answer_text = $2, answered_at = $3, published_at = $3, public_subject = subject, public_content = $4, public_answer = $5, redaction_version = $6 WHERE id = $1`,
    [id, answer, now, oldPublic.content, oldPublic.answer, version],
  );
  return id;
}
const publicOf = async (id: string) =>
  (await t.ctx.db.query(`SELECT public_content AS content, public_answer AS answer, redaction_version AS version FROM feedback WHERE id = $1`, [id])).rows[0] as { content: string; answer: string; version: number };
const registerCodes = async (q: string) => (await t.app.inject({ method: 'GET', url: `/api/feedback/public/register?q=${encodeURIComponent(q)}` })).json().items.map((i: { code: string }) => i.code) as string[];

describe('re-redaction of published items when the rules change', () => {
  it('recomputes stale public text, audits each change, updates the register, and a second run changes nothing', async () => {
    // Old rules left the house number in words; the answer's "cô chú" had been masked as if it were the sender's name.
    const stale = await publishedUnderOldRules(
      'Cống tắc trước nhà',
      'Cống trước nhà số mười bảy bị tắc đã lâu.',
      'Kính gửi cô chú trong tổ: cống đã được nạo vét.',
      { content: 'Cống trước nhà số mười bảy bị tắc đã lâu.', answer: 'Kính gửi cô [đã ẩn] trong tổ: cống đã được nạo vét.' },
    );
    // Already right under the new rules: only its version moves, no audit row.
    const same = await publishedUnderOldRules('Đèn đường hỏng', 'Đèn đường trên phố Chợ hỏng.', 'Đã thay bóng đèn.', { content: 'Đèn đường trên phố Chợ hỏng.', answer: 'Đã thay bóng đèn.' });
    const code = (await t.ctx.db.query(`SELECT code FROM feedback WHERE id = $1`, [stale])).rows[0].code as string;
    expect(await registerCodes('muoi bay')).toContain(code);

    const first = await reredactPublished(t.ctx);
    expect(first).toEqual({ checked: 2, changed: 1 });
    expect(await publicOf(stale)).toEqual({ content: 'Cống trước nhà số [đã ẩn] bị tắc đã lâu.', answer: 'Kính gửi cô chú trong tổ: cống đã được nạo vét.', version: REDACTION_VERSION });
    expect(await publicOf(same)).toEqual({ content: 'Đèn đường trên phố Chợ hỏng.', answer: 'Đã thay bóng đèn.', version: REDACTION_VERSION });
    const audit = (await t.ctx.db.query(`SELECT entity_id, before->>'content' AS before, after->>'content' AS after FROM audit_log WHERE action = 'feedback.reredact' ORDER BY id`)).rows;
    expect(audit).toEqual([{ entity_id: stale, before: 'Cống trước nhà số mười bảy bị tắc đã lâu.', after: 'Cống trước nhà số [đã ẩn] bị tắc đã lâu.' }]);
    // The register (its word index is kept by a trigger on the public columns) no longer finds the removed words.
    expect(await registerCodes('muoi bay')).not.toContain(code);
    expect(await registerCodes('cong tac')).toContain(code);

    expect(await reredactPublished(t.ctx)).toEqual({ checked: 0, changed: 0 });
    expect((await t.ctx.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'feedback.reredact'`)).rows[0].n).toBe(1);
  });

  it('works in bounded batches: a run stops after maxBatches, the next run goes on; an item not published is left alone', async () => {
    const ids: string[] = [];
    for (const n of ['hai', 'ba', 'bốn']) ids.push(await publishedUnderOldRules(`Ngập số ${n}`, `Ngập trước nhà số ${n} mươi.`, 'Đã khơi thông.', { content: `Ngập trước nhà số ${n} mươi.`, answer: 'Đã khơi thông.' }));
    await t.ctx.db.query(`UPDATE feedback SET status = 'answered', published_at = NULL WHERE id = $1`, [ids[2]]);
    expect(await reredactPublished(t.ctx, { batch: 1, maxBatches: 1 })).toEqual({ checked: 1, changed: 1 });
    expect(await reredactPublished(t.ctx, { batch: 1, maxBatches: 5 })).toEqual({ checked: 1, changed: 1 });
    expect((await publicOf(ids[0]!)).content).toBe('Ngập trước nhà số [đã ẩn].');
    expect((await publicOf(ids[1]!)).content).toBe('Ngập trước nhà số [đã ẩn].');
    expect(await publicOf(ids[2]!)).toEqual({ content: 'Ngập trước nhà số bốn mươi.', answer: 'Đã khơi thông.', version: 1 });
  });
});
