import type { AppContext } from '../platform/context.js';
import { actorByUsername } from '../modules/identity/identity.repo.js';
import type { Actor } from '../modules/identity/permissions.policy.js';
import { getUnitByCode } from '../modules/org-units/unit.repo.js';
import { validateCccd } from '../modules/applicants/cccd.rules.js';
import { DEMO_DOSSIER_COUNT, demoApplicant } from './demo-people.js';
import { demoAnswers } from './demo-answers.js';
import { actOnDossier } from '../modules/dossiers/use-cases/act-on-dossier.js';
import { receiveDossier } from '../modules/dossiers/use-cases/receive-dossier.js';
import type { TActionInput } from '../modules/dossiers/dossier.contract.js';
import { approvingStepIndex, endsWithDeskReturn } from '../modules/dossiers/dossier.rules.js';
import { dateOfDayNumber, isoWeekday, vnDayNumber, vnInstant } from '../modules/working-calendar/vn-time.js';

/** Procedures of the demo catalogue a ward desk receives every day, same-day and a few days long. */
const PROCEDURES = ['1.001193', '1.004873', '1.004194', '1.001612', '2.000635', '1.004859'];

/** The n-th working weekday before `day` (weekends skipped; holidays are the calendar's business when deadlines count). */
function weekdayBefore(day: number, n: number): number {
  let d = day;
  for (let k = 0; k < n; ) {
    d -= 1;
    if (isoWeekday(d) <= 5) k++;
  }
  return d;
}

/**
 * Dossiers of the last three weeks at the An Bình A ward desk (Đồng Tháp), received and walked through the real use
 * cases as the demo officers, so the queues, tracking, forms and reports have something to show on first start: some
 * waiting at the desk, some with the specialist, results ready, results returned, a few late, a few by post, a few not
 * accepted. Each step is done at its own moment of the past (the clock of the use case), so deadlines are real.
 */
export async function loadDemoDossiers(ctx: AppContext, count = DEMO_DOSSIER_COUNT): Promise<number> {
  const desk = await getUnitByCode(ctx.db, '000.01.71.H20');
  const ward = await getUnitByCode(ctx.db, '000.00.71.H20');
  const actors = await Promise.all(['motcua.anbinh', 'chuyenvien.anbinh', 'truongphong.anbinh', 'lanhdao.anbinh'].map((u) => actorByUsername(ctx.db, u)));
  if (!desk || !ward || actors.some((a) => !a)) return 0;
  const [deskOfficer, specialist, head, leader] = actors as [Actor, Actor, Actor, Actor];
  const byRole: Record<string, Actor> = { desk_officer: deskOfficer, specialist, head, leader };
  const { rows: procedures } = await ctx.db.query<{ id: string; code: string; steps: { role: string }[]; eform: Record<string, unknown> | null }>(
    `SELECT p.id, p.code, v.content->'steps' AS steps, v.content->'eform' AS eform
       FROM procedure p JOIN unit u ON u.id = p.owner_unit_id JOIN procedure_version v ON v.id = p.current_version_id
      WHERE u.code = '000.00.00.H20' AND p.code = ANY($1::text[]) ORDER BY p.code`,
    [PROCEDURES],
  );
  if (procedures.length === 0) return 0;
  const now = ctx.clock.now();
  const today = vnDayNumber(now);
  let made = 0;
  for (let i = 0; i < count; i++) {
    const p = procedures[i % procedures.length]!;
    const day = weekdayBefore(today, 1 + (i % 15));
    let at = vnInstant(dateOfDayNumber(day), `${String(7 + (i % 8)).padStart(2, '0')}:${String((i * 13) % 60).padStart(2, '0')}`);
    const clock = { now: () => at };
    const deps = { ...ctx, clock };
    // The applicant from the demo's one list of people (demo-people.ts), whom the population simulator knows too.
    const person = demoApplicant(i);
    const { idNumber, fullName } = person;
    if (!validateCccd(idNumber).ok) continue;
    const notAccepted = i % 12 === 11;
    const { id } = await receiveDossier(deps, deskOfficer, {
      idempotencyKey: `demo-dossier-${i}`,
      procedureId: p.id,
      receivingUnitId: desk.id,
      resolvingUnitId: ward.id,
      applicant: { kind: 'citizen', idNumber, fullName, birthDate: null, address: person.address, addressUnitId: ward.id, phone: person.phone, email: null },
      documents: [{ name: 'Tờ khai', kind: 'original', count: 1 }],
      eform: demoAnswers(p.code, p.eform, person, i, day),
      resultDelivery: i % 5 === 0 ? 'post' : 'desk',
      outcome: notAccepted ? 'incomplete' : 'accept',
      missing: notAccepted ? [{ name: 'Bản sao giấy tờ chứng minh nơi cư trú', count: 1 }] : [],
      reason: notAccepted ? 'Thiếu giấy tờ chứng minh nơi cư trú' : null,
    });
    made++;
    if (notAccepted) continue;
    // How far the dossier has gone: 0 waits at the desk, 1 with the specialist, 2 result ready, 3 returned. Only the
    // last two days' dossiers may still be waiting; older ones have been handled, as at a desk that keeps up.
    const stage = i % 15 < 2 ? i % 4 : Math.max(2, i % 4);
    if (stage === 0) continue;
    // Every seventh dossier is handled two days late.
    const pace = i % 7 === 0 ? 2 * 24 * 60 : 40;
    // An action that would fall after the clock's now is not taken: the dossier stays where it got to (a demo loaded
    // on a Friday shows nothing handled on Sunday).
    const act = async (actor: Actor, input: Partial<TActionInput> & Pick<TActionInput, 'action'>): Promise<boolean> => {
      const next = new Date(at.getTime() + pace * 60_000);
      if (next > now) return false;
      at = next;
      await actOnDossier(deps, actor, id, { note: null, ...input });
      return true;
    };
    // Forwarded up to the approving step: the leader's signing step before the desk's "Vào sổ, đóng dấu, trả kết
    // quả", or the last step when the process has none; the approval there takes it on to the desk.
    const approving = approvingStepIndex({ stepCount: p.steps.length, deskReturnLast: endsWithDeskReturn(p.steps) });
    const upTo = stage === 1 ? 1 : approving;
    let done = true;
    for (let s = 0; s < upTo && done; s++) done = await act(byRole[p.steps[s]!.role] ?? deskOfficer, { action: 'forward' });
    if (stage === 1 || !done) continue;
    // Phê duyệt is the approving role's: the approving step's own when it is a head's or leader's, else the leader's.
    const approverRole = p.steps[approving]!.role === 'head' ? 'head' : 'leader';
    if (!(await act(byRole[approverRole]!, { action: 'approve' }))) continue;
    if (stage === 3 && i % 5 !== 0) await act(deskOfficer, { action: 'return_result', receivedBy: fullName });
  }
  return made;
}
