import { z } from 'zod';
import { ZDay } from '../working-calendar/calendar-day.contract.js';

export const ZUnitKind = z.enum(['province', 'department', 'district', 'commune', 'office', 'desk']);
export type TUnitKind = z.infer<typeof ZUnitKind>;

/** Mã định danh: up to 35 characters of 0-9, A-Z and dots (QĐ 20/2020/QĐ-TTg; QCVN 102:2016 "000.00.00.H56"). */
export const ZUnitCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[0-9A-Z]+(\.[0-9A-Z]+)*$/, 'Mã định danh gồm chữ in hoa, số, phân cách bằng dấu chấm')
  .max(35);

export const ZUnit = z.object({
  id: z.string().uuid(),
  code: z.string(),
  name: z.string(),
  kind: ZUnitKind,
  parentId: z.string().uuid().nullable(),
  depth: z.number().int(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  /** Closed by the server's clock (its last day, `validTo`, has passed in Vietnam): pickers leave it out. */
  closed: z.boolean(),
  predecessors: z.array(z.object({ id: z.string().uuid(), name: z.string(), kind: z.string(), effectiveOn: z.string() })),
  successors: z.array(z.object({ id: z.string().uuid(), name: z.string(), kind: z.string(), effectiveOn: z.string() })),
});
export type TUnit = z.infer<typeof ZUnit>;

export const ZCreateUnitInput = z.object({
  code: ZUnitCode,
  name: z.string().trim().min(2).max(300),
  kind: ZUnitKind,
  parentId: z.string().uuid().nullable(),
  validFrom: ZDay.nullable().default(null),
});
export type TCreateUnitInput = z.infer<typeof ZCreateUnitInput>;

/** Corrects a unit's name (a typo); a legal renaming is a reorganisation, so old dossiers keep the old name. */
export const ZUpdateUnitInput = z.object({ name: z.string().trim().min(2).max(300) });

/**
 * Reorganisation (sắp xếp đơn vị): the listed units close on the day before `effectiveOn` and the successor
 * takes over — a merge of several units, or a renaming of one.
 */
export const ZReorganiseInput = z.object({
  kind: z.enum(['merge', 'rename', 'split', 'transfer']),
  effectiveOn: ZDay,
  predecessorIds: z.array(z.string().uuid()).min(1).max(50),
  successor: z.union([
    z.object({ existingId: z.string().uuid() }),
    z.object({ create: ZCreateUnitInput.omit({ validFrom: true }) }),
  ]),
});
export type TReorganiseInput = z.infer<typeof ZReorganiseInput>;

export const ZUnitListQuery = z.object({
  /** Date on which the units must exist (YYYY-MM-DD); omit for every unit, past and present. */
  on: ZDay.optional(),
  /** `true`: the units open today by the server's clock (the caller's date may be wrong); not with `on`. */
  open: z.enum(['true', 'false']).optional(),
  parentId: z.string().uuid().optional(),
  kind: ZUnitKind.optional(),
}).refine((q) => !(q.open === 'true' && q.on), { message: 'Chọn một trong hai: ngày (on) hoặc đơn vị đang hoạt động hôm nay (open)', path: ['open'] });

/** One person who may sign the unit's letters: the head, or a deputy authorised (KT.) from one day to another. */
export const ZSignerInput = z.object({
  kind: z.enum(['head', 'deputy']),
  fullName: z.string().trim().min(2).max(200),
  title: z.string().trim().min(2).max(120),
  /** The head's title printed after "KT." (deputies only; a head's is their own title). */
  headTitle: z.string().trim().min(2).max(120).nullable().optional(),
  validFrom: ZDay,
  validTo: ZDay.nullable(),
});
export const ZSigner = ZSignerInput.extend({ id: z.string().uuid(), headTitle: z.string() });
export const ZSigners = z.object({ signers: z.array(ZSigner), currentId: z.string().uuid().nullable() });

/** The portal footer's contacts: the configured support line and the citizen's unit as its information site states it. */
export const ZUnitContacts = z.object({
  hotline: z.object({ name: z.string(), phone: z.string(), tel: z.string() }),
  unit: z
    .object({ name: z.string(), address: z.string(), phone: z.string(), feedbackPhone: z.string(), email: z.string(), siteUrl: z.string() })
    .nullable(),
});
