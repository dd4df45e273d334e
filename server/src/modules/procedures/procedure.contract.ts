import { z } from 'zod';
import { ZDay } from '../working-calendar/calendar-day.contract.js';
import { eformSchemaProblems } from './eform.rules.js';

/** Online service level (Nghị định 42/2022/NĐ-CP Điều 11): none, một phần (partial), toàn trình (full). */
export const ZOnlineLevel = z.enum(['none', 'partial', 'full']);
export type TOnlineLevel = z.infer<typeof ZOnlineLevel>;

/** The reasons ND 224/2026 Điều 14 allows for a service that is only partly online. */
export const ZNotFullyOnlineReason = z.enum(['presence_required', 'onsite_verification', 'technical_incident', 'other_technical']);

/** Implementing level (cấp thực hiện). `district` exists only for the three-level structure before 1 July 2025. */
export const ZProcedureLevel = z.enum(['ministry', 'province', 'district', 'commune']);
export type TProcedureLevel = z.infer<typeof ZProcedureLevel>;

/** Unit of the legal processing time: working days, working hours, or "within the day" (trong ngày). */
export const ZDurationUnit = z.enum(['working_day', 'working_hour', 'same_day']);

export const ZProcessingTime = z.object({
  amount: z.number().min(0).max(365),
  unit: ZDurationUnit,
  note: z.string().max(1000).optional(),
});

/** A fee or charge (phí, lệ phí) in VND. */
export const ZFee = z.object({
  name: z.string().min(1).max(300),
  /** 0 = exempt (miễn). Per unit when `quantityField` is set (fee.rules.ts). */
  amountVnd: z.number().int().min(0).max(1_000_000_000),
  note: z.string().max(1000).optional(),
  /** What the amount is for: the case, one copy, one page. */
  per: z.enum(['case', 'copy', 'page']).optional(),
  /** The e-form field with the number of units asked (e.g. the number of copies): the fee is amount × that number. */
  quantityField: z.string().max(100).optional(),
  /** Charged only for dossiers submitted through this channel (e.g. a lower fee online). */
  channel: z.enum(['online', 'desk']).optional(),
});

/** A template file (mẫu đơn, tờ khai) attached to a procedure; `fileId` points to stored content. */
export const ZTemplateRef = z.object({
  name: z.string().min(1).max(300),
  fileId: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  fileName: z.string().max(300).optional(),
});

/** A required document (thành phần hồ sơ). */
export const ZRequiredDocument = z.object({
  name: z.string().min(1).max(1000),
  kind: z.enum(['original', 'copy', 'certified_copy', 'original_or_copy', 'present']),
  count: z.number().int().min(1).max(50),
  required: z.boolean().default(true),
  template: ZTemplateRef.optional(),
  /**
   * This document is the declaration (tờ khai) the e-form replaces: filled online, it is satisfied by the answers and
   * no scan is asked for (Nghị định 45/2020/NĐ-CP Điều 9: the e-dossier is created from the e-form; Nghị định
   * 224/2026/NĐ-CP Điều 15 k1 c–d: interactive e-forms, components cut, information given only once).
   */
  filledByEform: z.boolean().optional(),
});

/** The roles an internal process step may be assigned to. */
export const ZStaffRole = z.enum(['admin', 'desk_officer', 'specialist', 'head', 'leader', 'postal', 'inspector']);
export type TStaffRole = z.infer<typeof ZStaffRole>;

/** One step of the internal process (quy trình nội bộ); `share` is the step's time as a fraction of the whole or in working days. */
export const ZProcessStep = z.object({
  name: z.string().min(1).max(300),
  role: ZStaffRole,
  /** Unit identifier code (mã định danh) of the responsible unit, or null = the unit that resolves the dossier. */
  unitCode: z.string().max(35).nullable().default(null),
  /** Time allotted to the step in working days (e.g. 0.25, 0.5, 1). */
  workingDays: z.number().min(0).max(365),
});

export const ZLegalBasis = z.object({
  number: z.string().min(1).max(100), // số ký hiệu, e.g. "123/2015/NĐ-CP"
  title: z.string().max(1000),
  issuedOn: ZDay.optional(),
  issuer: z.string().max(300).optional(),
});

/** The content of one procedure version, as in the national procedure database (CSDL quốc gia về TTHC). */
export const ZProcedureContent = z.object({
  code: z.string().regex(/^[0-9]\.[0-9]{6}(\.[0-9A-Z.]+)?$/, 'Mã thủ tục dạng 1.000000'),
  name: z.string().min(3).max(500),
  field: z.string().min(1).max(200), // lĩnh vực
  level: ZProcedureLevel,
  agency: z.string().min(1).max(300), // cơ quan thực hiện
  processingTime: ZProcessingTime,
  fees: z.array(ZFee).max(50).default([]),
  documents: z.array(ZRequiredDocument).max(100).default([]),
  templates: z.array(ZTemplateRef).max(50).default([]),
  /**
   * JSON Schema (draft 2020-12 subset) of the e-form filled online, validated with Ajv on submission. Its own keywords
   * (`x-prefill`: which applicant fact fills a field; `x-kind`; `x-order`) are checked here (eform.rules.ts).
   */
  eform: z
    .record(z.string(), z.unknown())
    .superRefine((schema, ctx) => {
      for (const p of eformSchemaProblems(schema)) ctx.addIssue({ code: 'custom', message: p.messageVi, path: p.path.split('/').filter(Boolean).slice(1) });
    })
    .nullable()
    .default(null),
  steps: z.array(ZProcessStep).max(50).default([]),
  result: z.string().min(1).max(1000), // kết quả thực hiện
  legalBasis: z.array(ZLegalBasis).max(50).default([]),
  onlineLevel: ZOnlineLevel,
  /**
   * The procedure in the national TTHC database (Cổng DVCQG): its code (MaTTHC) and the case (MaTruongHop) dossiers of
   * this procedure are synced under. Publishing an online service needs it while the national portal is connected.
   */
  national: z
    .object({ maTTHC: z.string().trim().regex(/^[0-9A-Za-z.-]{3,30}$/, 'Mã thủ tục trên CSDL quốc gia: 3–30 chữ, số, dấu chấm'), maTruongHop: z.string().trim().max(60).default('') })
    .nullable()
    .default(null),
  /**
   * Why the service is not toàn trình, with its legal basis (Nghị định 224/2026/NĐ-CP Điều 14: physical presence, on-site
   * verification, an unfixed technical incident, another technical issue); published on the national portal.
   */
  notFullyOnline: z
    // The legal basis may be empty in a draft: saving never asks for what only publishing requires (publishProblems).
    .object({ reason: ZNotFullyOnlineReason, explanation: z.string().trim().max(1000).default(''), legalBasis: z.string().trim().max(500).default('') })
    .nullable()
    .default(null),
  postalIntake: z.boolean(),
  postalReturn: z.boolean(),
  applicants: z.string().max(500).default('Cá nhân'), // đối tượng thực hiện
  conditions: z.string().max(5000).default(''), // yêu cầu, điều kiện
  sequence: z.string().max(10000).default(''), // trình tự thực hiện
});
export type TProcedureContent = z.infer<typeof ZProcedureContent>;

export const ZProcedureStatus = z.enum(['draft', 'published', 'abolished']);

export const ZCreateProcedureInput = z.object({ ownerUnitId: z.string().uuid(), content: ZProcedureContent });
export type TCreateProcedureInput = z.infer<typeof ZCreateProcedureInput>;

/** Publishing decision (quyết định công bố) that makes the draft the version in force from `effectiveFrom`. */
export const ZPublishInput = z.object({
  decisionNo: z.string().trim().min(3).max(100),
  decisionDate: ZDay,
  effectiveFrom: ZDay,
});
export type TPublishInput = z.infer<typeof ZPublishInput>;

export const ZAbolishInput = z.object({ decisionNo: z.string().trim().min(3).max(100), abolishedOn: ZDay });
export type TAbolishInput = z.infer<typeof ZAbolishInput>;

export const ZVersion = z.object({
  id: z.string().uuid(),
  versionNo: z.number().int(),
  /** As stored: a version is `superseded` from the publication of the next one, even before that one's date comes. */
  state: z.enum(['draft', 'published', 'superseded']),
  /** What it is today by the server's clock (`versionStatus`): in force until the next one's date, then superseded. */
  status: z.enum(['draft', 'in_force', 'upcoming', 'superseded']),
  decisionNo: z.string().nullable(),
  decisionDate: z.string().nullable(),
  effectiveFrom: z.string().nullable(),
  effectiveTo: z.string().nullable(),
  content: ZProcedureContent,
});

export const ZProcedureDetail = z.object({
  id: z.string().uuid(),
  code: z.string(),
  status: ZProcedureStatus,
  ownerUnitId: z.string().uuid(),
  ownerUnitName: z.string(),
  abolishedOn: z.string().nullable(),
  abolishDecision: z.string().nullable(),
  acceptsDossiersToday: z.boolean(),
  /**
   * The version shown: the one in force today (by the server's clock) — never one published for a later date while an
   * earlier one is in force; before a first publication's date, that version; the draft of a never-published procedure.
   */
  current: ZVersion,
  /** A published version whose date has not come ("Sắp áp dụng từ …"), shown apart from `current`; null if none. */
  upcoming: ZVersion.nullable(),
  /** Every version, newest first (staff only; the public page gets only the published ones). */
  versions: z.array(ZVersion.omit({ content: true })),
  draftVersionId: z.string().uuid().nullable(),
  allowedActions: z.array(z.string()),
});
export type TProcedureDetail = z.infer<typeof ZProcedureDetail>;

export const ZCatalogItem = z.object({
  id: z.string().uuid(),
  code: z.string(),
  name: z.string(),
  field: z.string(),
  level: ZProcedureLevel,
  agency: z.string(),
  onlineLevel: ZOnlineLevel,
  status: ZProcedureStatus,
  ownerUnitId: z.string().uuid(),
  ownerUnitName: z.string(),
  abolishedOn: z.string().nullable(),
  processingTime: ZProcessingTime,
  feeTotalVnd: z.number(),
  /** The fees of the version in force, as the rule reads them (fee.rules.ts): the card shows the per-copy fee too. */
  fees: z.array(ZFee),
  postalIntake: z.boolean(),
  postalReturn: z.boolean(),
  /**
   * With `distinct=code`: how many owners (provinces) publish a procedure of this code under the other filters; the
   * row shown is one of them. Null in a plain listing.
   */
  publishedBy: z.number().int().nullable(),
});

export const ZCatalogQuery = z.object({
  q: z.string().trim().max(200).optional(),
  field: z.string().max(200).optional(),
  level: ZProcedureLevel.optional(),
  agency: z.string().max(300).optional(),
  onlineLevel: ZOnlineLevel.optional(),
  ownerUnitId: z.string().uuid().optional(),
  /** One national procedure code: every province's version of it (the portal picks the citizen's province's). */
  code: z.string().trim().min(1).max(50).optional(),
  includeAbolished: z.enum(['true', 'false']).optional(),
  /** `code`: one row per national procedure code (a procedure several provinces publish is listed once). */
  distinct: z.enum(['code']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

export const ZStaffCatalogQuery = ZCatalogQuery.extend({ status: ZProcedureStatus.optional() });

export const ZCatalogPage = z.object({ items: z.array(ZCatalogItem), hasMore: z.boolean() });

/** Exchange format for import/export of the catalogue (JSON). */
export const ZProcedureExport = z.object({
  format: z.literal('mot-cua.procedures/v1'),
  exportedAt: z.string(),
  procedures: z.array(
    z.object({
      status: ZProcedureStatus,
      decisionNo: z.string().nullable(),
      effectiveFrom: z.string().nullable(),
      content: z.unknown(),
    }),
  ),
});

export const ZImportInput = z.object({
  ownerUnitId: z.string().uuid(),
  /** Either an export file or a bare array of procedure contents. */
  data: z.union([ZProcedureExport, z.array(z.unknown()).max(5000)]),
});
export type TImportInput = z.infer<typeof ZImportInput>;

export const ZImportResult = z.object({ created: z.number().int(), updated: z.number().int(), revised: z.number().int(), skipped: z.number().int() });
export type TProcessingTime = z.infer<typeof ZProcessingTime>;
