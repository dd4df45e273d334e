import { z } from 'zod';
import { ZDay } from '../working-calendar/calendar-day.contract.js';
import { ZPhoneVn } from '../applicants/phone.contract.js';
import { dossierActions, dossierStatuses } from './dossier.rules.js';

export const ZApplicantInput = z.object({
  kind: z.enum(['citizen', 'organisation']),
  /** CCCD (12 digits) for a citizen, tax code for an organisation, as typed (spaces, a dash): checked and stored canonical by applicant-id.rules.ts. */
  idNumber: z.string().trim().min(9).max(20),
  fullName: z.string().trim().min(2).max(200),
  birthDate: ZDay.nullable().default(null),
  address: z.string().trim().max(500).nullable().default(null),
  addressUnitId: z.string().uuid().nullable().default(null),
  phone: ZPhoneVn.nullable().default(null),
  email: z.string().trim().email().max(200).nullable().default(null),
});
export type TApplicantInput = z.infer<typeof ZApplicantInput>;

export const ZReceivedDocument = z.object({
  name: z.string().trim().min(1).max(1000),
  kind: z.enum(['original', 'copy', 'certified_copy', 'original_or_copy', 'present']),
  count: z.number().int().min(1).max(50),
});

/** Intake at the desk (tiếp nhận trực tiếp): the officer records one of three outcomes (ND 61/2018 Điều 17 k1). */
export const ZIntakeInput = z.object({
  /** Client-generated key: a retried submission returns the first result and never duplicates (DESIGN.md §6). */
  idempotencyKey: z.string().trim().min(8).max(100),
  procedureId: z.string().uuid(),
  receivingUnitId: z.string().uuid(),
  resolvingUnitId: z.string().uuid(),
  applicant: ZApplicantInput,
  documents: z.array(ZReceivedDocument).max(100).default([]),
  eform: z.record(z.string(), z.unknown()).nullable().default(null),
  /**
   * The fee the desk showed. The fee recorded is always the procedure's for these answers (fee.rules.ts); with
   * `paidCash` a different amount is refused (the officer took other money than the rule asks).
   */
  feeVnd: z.number().int().min(0).max(1_000_000_000).optional(),
  /**
   * "Đã thu tiền mặt tại quầy": the fee was paid in cash at intake (ND 61/2018 Điều 22 k1); a paid cash payment is
   * recorded with the dossier.
   */
  paidCash: z.boolean().default(false),
  resultDelivery: z.enum(['desk', 'post', 'online']).default('desk'),
  outcome: z.enum(['accept', 'incomplete', 'refuse']),
  missing: z.array(z.object({ name: z.string().trim().min(1).max(1000), count: z.number().int().min(1).max(50).default(1) })).max(50).default([]),
  reason: z.string().trim().max(2000).nullable().default(null),
});
export type TIntakeInput = z.infer<typeof ZIntakeInput>;

export const ZActionInput = z.object({
  action: z.enum(dossierActions),
  note: z.string().trim().max(2000).nullable().default(null),
  /** send_back: the step to return to. */
  backTo: z.number().int().min(0).optional(),
  /** apologise: the new appointment (ISO time with offset). */
  newDueAt: z.string().datetime({ offset: true }).optional(),
  /** transfer: the unit that takes part in inter-agency processing. */
  targetUnitId: z.string().uuid().optional(),
  /** assign: the officer given the current step. */
  assigneeId: z.string().uuid().optional(),
  /** return_result: who collected the result. */
  receivedBy: z.string().trim().max(200).optional(),
});
export type TActionInput = z.infer<typeof ZActionInput>;

const ZStep = z.object({
  stepIndex: z.number().int(),
  name: z.string(),
  role: z.string(),
  unitId: z.string().uuid(),
  unitName: z.string(),
  workingDays: z.number(),
  /** Minutes of one working day for this step: the hours in force when it started (else when the time began to count). */
  dayMinutes: z.number(),
  dueAt: z.date().nullable(),
  startedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
  finishClass: z.string().nullable(),
  /** For the current step: on_track | due_soon | overdue | paused. */
  deadlineState: z.string().nullable(),
});

export const ZDossier = z.object({
  id: z.string().uuid(),
  code: z.string().nullable(),
  /** The code on the national portal (MaHoSo) of a dossier submitted there; null when it is ours. */
  nationalCode: z.string().nullable(),
  procedureId: z.string().uuid(),
  procedureName: z.string(),
  ruleSet: z.string(),
  channel: z.string(),
  status: z.enum(dossierStatuses),
  statusLabel: z.string(),
  nationalStatus: z.number().int(),
  receivingUnitName: z.string(),
  resolvingUnitName: z.string(),
  applicant: z.object({ kind: z.string(), idNumber: z.string(), fullName: z.string(), phone: z.string().nullable(), email: z.string().nullable(), address: z.string().nullable() }),
  stepIndex: z.number().int(),
  steps: z.array(ZStep),
  submittedAt: z.date(),
  receivedAt: z.date().nullable(),
  countingFrom: z.date().nullable(),
  dueAt: z.date().nullable(),
  originalDueAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
  returnedAt: z.date().nullable(),
  finishClass: z.string().nullable(),
  deadlineState: z.string().nullable(),
  resultDelivery: z.string(),
  feeVnd: z.number(),
  supplementCount: z.number().int(),
  interagencyUnitName: z.string().nullable(),
  receivingUnitId: z.string().uuid(),
  resolvingUnitId: z.string().uuid(),
  /** Documents received at intake (thành phần hồ sơ) and the e-form answers. */
  documents: z.array(
    z.object({
      name: z.string(),
      kind: z.string(),
      count: z.number(),
      /**
       * A file the national portal gave only as a link (DuongDanTaiLieu: the data set allows a URL instead of the
       * content); never fetched by us. Only http(s) links are accepted at intake.
       */
      link: z.string().nullable().optional(),
    }),
  ),
  eform: z.record(z.string(), z.unknown()).nullable(),
  /** The e-form's schema of the dossier's procedure version: the answers are shown with its labels, in its order. */
  eformSchema: z.record(z.string(), z.unknown()).nullable(),
  apologyCount: z.number().int(),
  /**
   * Whether an apology letter can be issued now, known before its form opens: `late` when past the legal window (the
   * letter is then marked "phát hành muộn"); otherwise the reason (vi, en). `signer`: who will sign for the agency.
   */
  apology: z.object({
    possible: z.boolean(),
    late: z.boolean(),
    reason: z.string().nullable(),
    reasonEn: z.string().nullable(),
    signer: z.object({ name: z.string(), capacity: z.array(z.string()) }).nullable(),
  }),
  allowedActions: z.array(z.enum(dossierActions)),
  /** Until when this officer may take back their forward (null: nothing to undo); see dossier-undo.rules.ts. */
  undoForwardUntil: z.date().nullable(),
  history: z.array(
    z.object({
      at: z.date(),
      actorName: z.string(),
      action: z.string(),
      fromStatus: z.string().nullable(),
      toStatus: z.string(),
      stepIndex: z.number().nullable(),
      note: z.string().nullable(),
      /** Facts recorded with the action: the appointment moved (apology, supplementation), who collected the result, the partner unit. */
      details: z.object({
        previousDueAt: z.string().optional(),
        newDueAt: z.string().optional(),
        receivedBy: z.string().optional(),
        targetUnitName: z.string().optional(),
        waitedWorkingMinutes: z.number().optional(),
        assigneeName: z.string().optional(),
      }),
    }),
  ),
});
export type TDossier = z.infer<typeof ZDossier>;

/**
 * What the desk shows and hands over after intake (the content of Mẫu 01 for an accepted dossier): the answer to an
 * intake sent with `Prefer: return=minimal`. Everything in it was known to the intake itself, so it is answered without
 * reading the dossier back (issue 12: building the whole view cost as much server time as the intake's own rules).
 * Strict, so that a whole dossier is never mistaken for it (the route's answer is one or the other).
 */
export const ZIntakeReceipt = z
  .object({
    id: z.string().uuid(),
    /** The dossier code (mã hồ sơ); null for a dossier not accepted (incomplete, refused). */
    code: z.string().nullable(),
    status: z.enum(dossierStatuses),
    statusLabel: z.string(),
    procedureName: z.string(),
    applicantName: z.string(),
    resolvingUnitName: z.string(),
    /** The appointment to return the result (ngày hẹn trả); null when not accepted. */
    dueAt: z.date().nullable(),
    receivedAt: z.date().nullable(),
  })
  .strict();
export type TIntakeReceipt = z.infer<typeof ZIntakeReceipt>;
