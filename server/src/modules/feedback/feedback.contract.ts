import { z } from 'zod';
import { PERIOD_REVERSED, periodInOrder, ZDay } from '../working-calendar/calendar-day.contract.js';
import { categoryCodes, classifications, feedbackStatuses } from './feedback.rules.js';

const ZText = (min: number, max: number) => z.string().trim().min(min).max(max);
export const ZSha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const ZPlace = z.object({
  latitude: z.number().min(-90).max(90).nullable().default(null),
  longitude: z.number().min(-180).max(180).nullable().default(null),
  address: ZText(3, 300).nullable().default(null),
});
export type TPlace = z.infer<typeof ZPlace>;

export const ZSender = z.object({
  name: ZText(2, 120),
  address: ZText(5, 300).nullable().default(null),
  phone: ZText(9, 20).nullable().default(null),
  email: z.string().trim().email().max(200).nullable().default(null),
});
export type TSender = z.infer<typeof ZSender>;

const ZItemBase = z.object({
  unitId: z.string().uuid(),
  kind: z.enum(['feedback', 'question']).default('feedback'),
  category: z.enum(categoryCodes).default('tthc'),
  subject: ZText(5, 200),
  content: ZText(10, 5000),
  procedureId: z.string().uuid().nullable().default(null),
  officerName: ZText(2, 120).nullable().default(null),
  consentPublishIdentity: z.boolean().default(false),
  place: ZPlace.nullable().default(null),
  files: z.array(ZSha256).max(5).default([]),
});

/** Sent on the portal: signed in, or with name, address and phone (ND 20/2008 Điều 7). */
export const ZPortalFeedbackInput = ZItemBase.extend({
  sender: ZSender.nullable().default(null),
  /** "Phản ánh về hồ sơ này": the dossier code and its tracking secret (phone or last 4 digits of the CCCD). */
  dossier: z.object({ code: ZText(5, 60), secret: ZText(4, 20) }).nullable().default(null),
});
export type TPortalFeedbackInput = z.infer<typeof ZPortalFeedbackInput>;

/** Recorded faithfully by an officer from a letter or a phone call. */
export const ZRecordFeedbackInput = ZItemBase.extend({
  channel: z.enum(['letter', 'phone']),
  sender: ZSender,
  dossierCode: ZText(5, 60).nullable().default(null),
});
export type TRecordFeedbackInput = z.infer<typeof ZRecordFeedbackInput>;

export const ZClassifyInput = z.object({
  classification: z.enum(classifications),
  /** The reason of a refusal, the letter saying where a complaint goes, or a note for a transfer. */
  note: ZText(5, 4000).nullable().default(null),
  targetUnitId: z.string().uuid().nullable().default(null),
});
export type TClassifyInput = z.infer<typeof ZClassifyInput>;
export const ZTextInput = z.object({ text: ZText(5, 8000) });
export const ZRateInput = z.object({ satisfied: z.boolean(), comment: ZText(1, 2000).nullable().default(null) });
export const ZTrackInput = z.object({ code: ZText(10, 80), phone: ZText(9, 20) });
export const ZSimilarInput = z.object({ unitId: z.string().uuid(), procedureId: z.string().uuid().nullable().default(null), text: ZText(5, 5000) });

export const ZFeedbackStatus = z.enum(feedbackStatuses);
export const ZEvent = z.object({ at: z.date(), actorName: z.string(), action: z.string(), toStatus: z.string(), note: z.string().nullable(), onTime: z.boolean().nullable() });

export const ZStaffItem = z.object({
  id: z.string().uuid(),
  code: z.string(),
  kind: z.enum(['feedback', 'question']),
  category: z.string(),
  channel: z.string(),
  status: ZFeedbackStatus,
  statusLabel: z.string(),
  classification: z.string().nullable(),
  unitId: z.string().uuid(),
  unitName: z.string(),
  receivingUnitName: z.string(),
  procedureName: z.string().nullable(),
  dossierCode: z.string().nullable(),
  officerName: z.string().nullable(),
  subject: z.string(),
  content: z.string(),
  sender: z.object({ name: z.string(), address: z.string().nullable(), phone: z.string().nullable(), email: z.string().nullable(), signedIn: z.boolean() }),
  consentPublishIdentity: z.boolean(),
  place: z.object({ latitude: z.number().nullable(), longitude: z.number().nullable(), address: z.string().nullable() }),
  receivedAt: z.date(),
  refuseDueAt: z.date(),
  answerDueAt: z.date(),
  publishDueAt: z.date().nullable(),
  dueAt: z.date().nullable(),
  dueState: z.enum(['on_track', 'due_soon', 'overdue']).nullable(),
  lateSteps: z.number(),
  handlerName: z.string().nullable(),
  decisionNote: z.string().nullable(),
  answerDraft: z.string().nullable(),
  answerText: z.string().nullable(),
  publicAnswer: z.string().nullable(),
  /** What publishing would show now (personal data removed), for the officer to check before they publish. */
  publicPreview: z.object({ subject: z.string(), content: z.string(), answer: z.string() }).nullable(),
  /** What still looks personal in that preview (a name after a salutation, a full date, a long number), for the leader to check. */
  personalHints: z.array(z.object({ kind: z.enum(['person', 'date', 'number']), text: z.string() })),
  rating: z.string().nullable(),
  /** While the item awaits classification: the text reads like a complaint or a denunciation (a hint to the officer). */
  complaintHint: z.enum(['complaint', 'denunciation']).nullable(),
  reopenReason: z.string().nullable(),
  allowedActions: z.array(z.string()),
  /** Steps the officer's role allows but four eyes forbids (approving or returning their own draft), and why. */
  blockedActions: z.array(z.object({ action: z.string(), reason: z.string(), reasonEn: z.string() })),
  files: z.array(z.object({ sha256: z.string(), fileName: z.string() })),
  events: z.array(ZEvent),
  /** Messages sent to the sender (e-mail, SMS) and their state; `isFallback`: the SMS sent because the e-mail failed. */
  messages: z.array(z.object({ at: z.date(), channel: z.string(), recipient: z.string(), status: z.string(), isFallback: z.boolean(), lastError: z.string().nullable() })).optional(),
});
export type TStaffItem = z.infer<typeof ZStaffItem>;

export const ZQueueRow = ZStaffItem.pick({ id: true, code: true, kind: true, status: true, statusLabel: true, subject: true, unitName: true, channel: true, receivedAt: true, dueAt: true, dueState: true, classification: true });
export const ZQueueQuery = z.object({
  status: ZFeedbackStatus.optional(),
  due: z.enum(['due_soon', 'overdue']).optional(),
  kind: z.enum(['feedback', 'question']).optional(),
  /** Items held by this unit or its sub-units (within the officer's scope). */
  unitId: z.string().uuid().optional(),
  classification: z.enum(classifications).optional(),
  /** Words of the number, subject or content, accents and case ignored. */
  q: z.string().trim().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type TQueueQuery = z.infer<typeof ZQueueQuery>;

export const ZSenderView = z.object({
  code: z.string(),
  kind: z.enum(['feedback', 'question']),
  status: ZFeedbackStatus,
  statusLabel: z.string(),
  subject: z.string(),
  content: z.string(),
  unitName: z.string(),
  receivedAt: z.date(),
  /** Null once the unit owes no answer (answered, refused, routed out). */
  answerDueAt: z.date().nullable(),
  answer: z.string().nullable(),
  answeredAt: z.date().nullable(),
  note: z.string().nullable(),
  rating: z.enum(['satisfied', 'unsatisfied']).nullable(),
  canRate: z.boolean(),
  canReopen: z.boolean(),
  canSupplyInfo: z.boolean(),
  /** Routed out as a complaint or denunciation: the letter saying where it goes can be downloaded (PDF). */
  hasLetter: z.boolean(),
  timeline: z.array(z.object({ at: z.date(), label: z.string() })),
  /**
   * How the sender was told of each step: channel, masked address (…0222, m…@example.vn), whether it went, and
   * `instead`: the SMS sent because the e-mail failed. Never the provider's error or the full address.
   */
  notices: z.array(z.object({ at: z.date(), about: z.string(), channel: z.enum(['email', 'sms', 'zalo']), to: z.string(), state: z.enum(['sending', 'sent', 'failed']), instead: z.boolean() })),
});
export type TSenderView = z.infer<typeof ZSenderView>;

export const ZPublicItem = z.object({
  code: z.string(),
  kind: z.enum(['feedback', 'question']),
  category: z.string(),
  unitName: z.string(),
  procedureName: z.string().nullable(),
  subject: z.string(),
  content: z.string(),
  answer: z.string(),
  senderName: z.string().nullable(),
  receivedAt: z.date(),
  answeredAt: z.date(),
  publishedAt: z.date(),
});
export type TPublicItem = z.infer<typeof ZPublicItem>;
export const ZRegisterQuery = z.object({
  q: z.string().trim().max(200).optional(),
  unitId: z.string().uuid().optional(),
  procedureId: z.string().uuid().optional(),
  /** One item by its number (the feeds' and the register's links to an item: ?ma=…), with the other filters. */
  code: z.string().trim().min(1).max(60).optional(),
  kind: z.enum(['feedback', 'question']).optional(),
  from: ZDay.optional(),
  to: ZDay.optional(),
  /** Keyset cursor: the `next` of the previous page. */
  after: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
}).refine(periodInOrder, PERIOD_REVERSED);
export type TRegisterQuery = z.infer<typeof ZRegisterQuery>;

export const ZSimilarItem = z.object({ code: z.string(), subject: z.string(), status: ZFeedbackStatus, statusLabel: z.string(), published: z.boolean(), similarity: z.number() });
/**
 * A likely duplicate shown to a sender: a published item with its public subject and how alike it is; an item not yet
 * published with its number, status and receipt date only (subject and similarity null).
 */
export const ZPublicSimilarItem = z.object({
  code: z.string(),
  subject: z.string().nullable(),
  status: ZFeedbackStatus,
  statusLabel: z.string(),
  receivedAt: z.date(),
  published: z.boolean(),
  similarity: z.number().nullable(),
});
export type TPublicSimilarItem = z.infer<typeof ZPublicSimilarItem>;
export const ZReceipt = z.object({ id: z.string().uuid(), code: z.string(), receivedAt: z.date(), answerDueAt: z.date(), unitName: z.string() });
export type TReceipt = z.infer<typeof ZReceipt>;

export const ZClockSettings = z.object({
  refuseDays: z.number().positive().max(60),
  infoDays: z.number().positive().max(60),
  transferDays: z.number().positive().max(60),
  answerDays: z.number().positive().max(90),
  publishDays: z.number().positive().max(60),
});

export const ZGroup5Query = z.object({ unitId: z.string().uuid(), from: ZDay, to: ZDay }).refine(periodInOrder, PERIOD_REVERSED);
export const ZGroup5 = z.object({
  unitId: z.string().uuid(),
  from: z.string(),
  to: z.string(),
  received: z.number(),
  byClassification: z.record(z.string(), z.number()),
  handled: z.number(),
  handledOnTime: z.number(),
  /** QĐ 766 indicator 5.2: handled on time / handled, in percent (null without items). */
  onTimeRate: z.number().nullable(),
  rated: z.number(),
  unsatisfied: z.number(),
  reopened: z.number(),
  /** QĐ 766 indicator 5.3: (handled − disliked/reopened/late) / handled, in percent. */
  satisfactionRate: z.number().nullable(),
  /** Satisfaction with the answer: satisfied ratings / ratings given, in percent (null without ratings); unrated answers count in neither. */
  answerSatisfactionRate: z.number().nullable(),
  /** Dossiers of the unit that received feedback in the period (for indicator 5.4). */
  dossiersWithFeedback: z.number(),
});
export type TGroup5 = z.infer<typeof ZGroup5>;
/** Group 5 figures without their unit and period (a row of the period report). */
export const ZGroup5Figures = ZGroup5.omit({ unitId: true, from: true, to: true });
