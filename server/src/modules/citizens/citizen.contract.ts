import { z } from 'zod';
import { ZDay } from '../working-calendar/calendar-day.contract.js';
import { ZFee } from '../procedures/procedure.contract.js';

const ZPassword = z.string().min(8, 'Mật khẩu ít nhất 8 ký tự').max(200);

/** Registration for those without an electronic identity: e-mail or mobile phone with a password, plus the profile. */
export const ZRegisterInput = z.object({
  identifier: z.string().trim().min(5).max(200),
  password: ZPassword,
  fullName: z.string().trim().min(2).max(200),
  idNumber: z.string().trim().regex(/^\d{12}$/, 'Số căn cước gồm 12 chữ số'),
  birthDate: ZDay,
  gender: z.enum(['male', 'female']).nullable().default(null),
});
export type TRegisterInput = z.infer<typeof ZRegisterInput>;

/** A one-time code was sent (or, for an identifier without an account, silently not: the answer is the same). */
export const ZCodeSent = z.object({ channel: z.enum(['sms', 'email']), expiresInMinutes: z.number() });
const ZOtpCode = z.string().trim().regex(/^\d{6}$/, 'Mã xác thực gồm 6 chữ số');
export const ZRegisterConfirm = z.object({ identifier: z.string().trim().min(5).max(200), code: ZOtpCode });
/** "Quên mật khẩu": ask for a code to the phone or e-mail the citizen signs in with; then set a new password with it. */
/** A new phone or e-mail for the account, and the code that proves it (đổi số điện thoại / e-mail). */
export const ZContactChange = z.object({ kind: z.enum(['phone', 'email']), value: z.string().trim().min(5).max(200) });
export const ZContactConfirm = ZContactChange.extend({ code: z.string().trim().regex(/^\d{6}$/, 'Mã xác thực gồm 6 chữ số') });
export const ZRecoveryStart = z.object({ identifier: z.string().trim().min(5).max(200) });
export const ZRecoveryConfirm = z.object({ identifier: z.string().trim().min(5).max(200), code: ZOtpCode, password: ZPassword });

export const ZCitizenLoginInput = z.object({ identifier: z.string().trim().min(3).max(200), password: z.string().min(1).max(200) });
export type TCitizenLoginInput = z.infer<typeof ZCitizenLoginInput>;

/** The citizen's profile (thông tin cá nhân). */
export const ZProfile = z.object({
  id: z.string().uuid(),
  idNumber: z.string().nullable(),
  fullName: z.string(),
  birthDate: z.string().nullable(),
  gender: z.enum(['male', 'female']).nullable(),
  address: z.string().nullable(),
  addressUnitId: z.string().uuid().nullable(),
  addressUnitName: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  /** Signed in through the electronic identity (name, birth date and CCCD come from it and are not edited here). */
  verified: z.boolean(),
  /**
   * The CCCD is proven (VNeID sign-in, or the card checked at a desk). Until then it is a claim that links no dossier
   * and reads nothing.
   */
  idVerified: z.boolean(),
  idVerifiedVia: z.enum(['oidc', 'desk']).nullable(),
});
export type TProfile = z.infer<typeof ZProfile>;

export const ZCitizenMe = ZProfile.extend({ csrfToken: z.string() });

export const ZProfileUpdate = z.object({
  fullName: z.string().trim().min(2).max(200).optional(),
  idNumber: z.string().trim().regex(/^\d{12}$/, 'Số căn cước gồm 12 chữ số').optional(),
  birthDate: ZDay.optional(),
  gender: z.enum(['male', 'female']).nullable().optional(),
  address: z.string().trim().max(500).nullable().optional(),
  addressUnitId: z.string().uuid().nullable().optional(),
  phone: z.string().trim().max(20).nullable().optional(),
  email: z.string().trim().email().max(200).nullable().optional(),
});
export type TProfileUpdate = z.infer<typeof ZProfileUpdate>;

/** A portal account claiming a CCCD, as the desk sees it while holding the card (phone and e-mail masked). */
export const ZAccountClaim = z.object({
  id: z.string().uuid(),
  fullName: z.string(),
  birthDate: z.string().nullable(),
  gender: z.enum(['male', 'female']).nullable(),
  idNumber: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  createdAt: z.date(),
  idVerifiedAt: z.date().nullable(),
  idVerifiedVia: z.enum(['oidc', 'desk']).nullable(),
});
/** The number read on the card, and the desk unit where it was checked. */
export const ZVerifyIdInput = z.object({ idNumber: z.string().trim().regex(/^\d{12}$/, 'Số căn cước gồm 12 chữ số'), unitId: z.string().uuid() });

/** One paper or result in the citizen's document store (kho dữ liệu). */
export const ZStoreDocument = z.object({
  id: z.string().uuid(),
  sha256: z.string(),
  name: z.string(),
  kind: z.enum(['upload', 'result']),
  fileName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number(),
  dossierCode: z.string().nullable(),
  addedAt: z.date(),
});

/** A picked document: the required document's name and a file of the citizen's store. */
export const ZPickedDocument = z.object({ name: z.string().trim().min(1).max(1000), sha256: z.string().regex(/^[0-9a-f]{64}$/) });

export const ZDraftData = z.object({
  resolvingUnitId: z.string().uuid().nullable().default(null),
  eform: z.record(z.string(), z.unknown()).default({}),
  documents: z.array(ZPickedDocument).max(100).default([]),
  resultDelivery: z.enum(['desk', 'post', 'online']).default('desk'),
});
export type TDraftData = z.infer<typeof ZDraftData>;

/** What the submission wizard starts from: the procedure, the prefilled form (or the saved draft), the fee. */
export const ZSubmissionStart = z.object({
  procedureId: z.string().uuid(),
  procedureName: z.string(),
  onlineLevel: z.enum(['none', 'partial', 'full']),
  eformSchema: z.record(z.string(), z.unknown()).nullable(),
  documents: z.array(z.object({ name: z.string(), kind: z.string(), count: z.number(), required: z.boolean(), filledByEform: z.boolean() })),
  /** The procedure's fee rules; the portal computes the case's lines from the answers (procedures/fee.rules.ts). */
  fees: z.array(ZFee),
  feeTotalVnd: z.number(),
  /** Units that may resolve it (the procedure's level under the owner), for the citizen to choose. */
  units: z.array(z.object({ id: z.string().uuid(), name: z.string() })),
  draft: ZDraftData,
  draftSavedAt: z.date().nullable(),
  /** Fields filled from the profile (those whose schema declares `x-prefill`). */
  prefilledFields: z.array(z.string()),
  /** Their values, as the profile gives them: the form says "Điền sẵn từ hồ sơ của bạn" while a field still holds its own. */
  prefilled: z.record(z.string(), z.unknown()),
  /** Values of the fields filled only while their `x-prefill-when` condition holds (the applicant is the subject). */
  prefillWhen: z.record(z.string(), z.unknown()),
  /** Answers of the citizen's latest dossier of this procedure, offered for reuse ("Dùng lại thông tin từ hồ sơ trước?"). */
  earlier: z.object({ dossierCode: z.string().nullable(), submittedAt: z.date(), answers: z.record(z.string(), z.unknown()) }).nullable(),
});

export const ZOnlineSubmitInput = z.object({
  /** Client-generated key: a retried submission returns the first dossier (DESIGN.md §6). */
  idempotencyKey: z.string().trim().min(8).max(100),
  procedureId: z.string().uuid(),
  resolvingUnitId: z.string().uuid(),
  eform: z.record(z.string(), z.unknown()).default({}),
  documents: z.array(ZPickedDocument).max(100).default([]),
  resultDelivery: z.enum(['desk', 'post', 'online']).default('desk'),
});
export type TOnlineSubmitInput = z.infer<typeof ZOnlineSubmitInput>;

export const ZMyDossierItem = z.object({
  id: z.string().uuid(),
  code: z.string().nullable(),
  /** The code on the national portal (Cổng DVCQG) of a dossier submitted there: the one its citizen was given. */
  nationalCode: z.string().nullable(),
  procedureName: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  submittedAt: z.date(),
  dueAt: z.date().nullable(),
  /** Something is asked of the citizen (supplementation not answered yet). */
  actionNeeded: z.boolean(),
});

export const ZMyDossier = ZMyDossierItem.extend({
  receivingUnitName: z.string(),
  resolvingUnitName: z.string(),
  /** The unit that handles the dossier: the page's contacts are its (footer). */
  resolvingUnitId: z.string().uuid(),
  receivedAt: z.date().nullable(),
  feeVnd: z.number(),
  assisted: z.boolean(),
  resultDelivery: z.string(),
  supplementedAt: z.date().nullable(),
  eform: z.record(z.string(), z.unknown()).nullable(),
  /** Trackable at once, before the desk gives the code: NOP-XXXXX-XXXXX (dossiers/tracking-code.rules.ts). */
  reference: z.string(),
  /** While waiting for the desk: when the result is expected if it is accepted today. */
  expectedDueAt: z.date().nullable(),
  /** Past its appointment and still being handled, by the server's clock (dossier.rules.ts overdueNow). */
  overdue: z.boolean(),
  /** Where the citizen is told of each change (the applicant's phone and e-mail). */
  notifyTo: z.array(z.string()),
  /** The last 4 digits of the applicant's identity number: the owner's key to the public fee payment and rating pages. */
  trackingSecret: z.string(),
  /** What the desk asks: the latest supplementation request or refusal reason. */
  request: z.object({ kind: z.enum(['supplement', 'refusal']), note: z.string(), at: z.date() }).nullable(),
  /** Each change in plain Vietnamese: what, where, by whom (`text` adds the time), ND 224/2026 Điều 15 k1g; internal notes stay inside. */
  timeline: z.array(z.object({ at: z.date(), action: z.string(), label: z.string(), text: z.string(), toStatus: z.string(), note: z.string().nullable() })),
  files: z.array(z.object({ sha256: z.string(), documentName: z.string(), kind: z.string(), fileName: z.string(), addedAt: z.date() })),
  /** Files given only by their link (a dossier from the national portal: DuongDanTaiLieu), opened there. */
  links: z.array(z.object({ name: z.string(), url: z.string() })),
  /** `text`: what the portal shows, always with diacritics (an SMS is sent unaccented, its portal line is not). */
  notifications: z.array(z.object({ channel: z.string(), subject: z.string().nullable(), body: z.string(), text: z.string(), createdAt: z.date() })),
});
export type TMyDossier = z.infer<typeof ZMyDossier>;

export const ZSupplementAnswer = z.object({ documents: z.array(ZPickedDocument).min(1).max(50), note: z.string().trim().max(2000).nullable().default(null) });
