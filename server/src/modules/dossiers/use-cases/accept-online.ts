import { randomUUID } from 'node:crypto';
import { withTransaction, type Db } from '../../../platform/database.js';
import type { Clock } from '../../../platform/clock.js';
import { commonErrors } from '../../../platform/errors.js';
import type { Actor } from '../../identity/permissions.policy.js';
import { getVersion } from '../../procedures/procedure.repo.js';
import { dossierCodeFormatOn } from '../../rule-sets/rule-set.rules.js';
import { loadCalendar } from '../../working-calendar/use-cases/load-calendar.js';
import { vnDateOf } from '../../working-calendar/vn-time.js';
import { scheduleDossier } from '../dossier-deadline.rules.js';
import { codePlaceholder, dossierCodeTemplate } from '../dossier-code.rules.js';
import { dossierErrors } from '../dossier.errors.js';
import { applicantNotifications, trackingUrl } from '../dossier.notify.js';
import { dossierChannelChoice } from '../../notifications/channel-preferences.repo.js';
import { canAct, canRead } from '../dossier.policy.js';
import { recordEvent } from '../dossier.ledger.js';
import { applyAction, type DossierStatus } from '../dossier.rules.js';
import { lockOnlineDossier } from '../dossier-online.repo.js';
import { actionsNowFor } from './actions-now.js';

export type OnlineDecision = { action: 'accept' | 'reject_intake'; note: string | null };

/**
 * The desk's decision on an online dossier waiting for acceptance (ND 61/2018 Điều 17 k2; ND 118/2025 Điều 17 k2):
 * - accept: the dossier gets its code (the receiving desk's day sequence, TT 01/2018 Điều 19) and its schedule. The
 *   legal time counts from acceptance. The 15:00 rule for paper dossiers (Điều 18 k2) does not apply — an online
 *   dossier is transferred electronically at once (Điều 18 k1) — but an acceptance outside working hours counts from
 *   the next working session (deadline.rules.ts countingStart).
 * - reject_intake: incomplete or not competent — the reasons are required and shown to the citizen in the portal
 *   ("thông báo một lần", with full guidance).
 */
export async function decideOnlineDossier(deps: { db: Db; clock: Clock; config: { publicUrl: string } }, actor: Actor, dossierId: string, input: OnlineDecision): Promise<void> {
  const now = deps.clock.now();
  const today = vnDateOf(now);
  const year = Number(today.slice(0, 4));
  await withTransaction(deps.db, async (tx) => {
    const d = await lockOnlineDossier(tx, dossierId);
    if (!d) throw dossierErrors.notFound();
    if (!canAct(actor, input.action, { receivingPath: d.receivingPath, resolvingPath: d.resolvingPath, step: null })) {
      throw canRead(actor, d) ? commonErrors.forbidden(`dossier.${input.action}`) : dossierErrors.notFound();
    }
    const status = d.status as DossierStatus;
    const outcome = applyAction({ status, stepIndex: 0, stepCount: 1, supplementCount: 0, apologyCount: 0, maxApologies: 1 }, input.action);
    // The refusal names what this officer may do on the dossier now, as its page does (not the status table's list).
    if (!outcome.ok || d.channel !== 'online') throw dossierErrors.actionNotAllowed(status, input.action, await actionsNowFor(tx, actor, dossierId));

    if (input.action === 'reject_intake') {
      if (!input.note) throw dossierErrors.reasonRequired();
      await recordEvent(tx, dossierId, { at: now, actorId: actor.userId, actorName: actor.fullName, note: input.note, event: { type: 'reject_intake' } });
      return;
    }

    const version = (await getVersion(tx, d.procedureVersionId))!;
    const calendar = await loadCalendar(tx, d.resolvingPath, { from: year - 1, to: year + 1 });
    const codes = version.content.steps.map((s) => s.unitCode).filter((c): c is string => !!c);
    const { rows: stepUnits } = await tx.query<{ id: string; code: string }>(`SELECT id, code FROM unit WHERE code = ANY($1::text[])`, [codes]);
    const schedule = scheduleDossier(now, version.content, calendar, (code) => stepUnits.find((u) => u.code === code)?.id ?? d.resolvingUnitId, { paperCutoff: false });
    const codeTemplate = dossierCodeTemplate({ format: dossierCodeFormatOn(today), unitCode: d.receivingUnitCode, date: today });
    // The code is numbered inside the write; the notifications carry a stand-in of its length until then.
    const codeToken = codePlaceholder(codeTemplate, randomUUID());
    const choice = await dossierChannelChoice(tx, dossierId);
    const items = applicantNotifications(d.applicant, 'dossier.accepted', {
      dossierCode: codeToken,
      procedureName: d.procedureName,
      applicantName: d.applicant.fullName,
      unitName: d.receivingUnitName,
      trackingUrl: trackingUrl(deps.config.publicUrl, codeToken),
      appointmentAt: schedule.dueAt,
    }, choice);
    try {
      const stepCount = Math.max(1, schedule.steps.length);
      await recordEvent(
        tx,
        dossierId,
        {
          at: now,
          actorId: actor.userId,
          actorName: actor.fullName,
          note: input.note,
          event: {
            type: 'accept',
            channel: 'online',
            codeFormat: dossierCodeFormatOn(today),
            schedule: { code: null, receivedAt: now.toISOString(), countingFrom: schedule.countingFrom.toISOString(), dueAt: schedule.dueAt.toISOString(), stepCount, stepDues: schedule.steps.map((x) => x.dueAt?.toISOString() ?? null) },
          },
        },
        {
          numbering: { unitId: d.receivingUnitId, day: today, ...codeTemplate },
          newSteps: schedule.steps,
          notices: { codeToken, items },
        },
      );
    } catch (err) {
      if ((err as { code?: string }).code === '22003') throw dossierErrors.dayFull();
      throw err;
    }
  });
}
