import { z } from 'zod';

export const ZUnitKind = z.enum(['province', 'department', 'district', 'commune', 'office', 'desk']);
export type TUnitKind = z.infer<typeof ZUnitKind>;

export const unitKindLabels = {
  province: 'Tỉnh, thành phố',
  department: 'Sở, ban, ngành',
  district: 'Huyện, quận, thị xã, thành phố thuộc tỉnh',
  commune: 'Xã, phường, đặc khu',
  office: 'Phòng chuyên môn',
  desk: 'Bộ phận một cửa / Trung tâm phục vụ hành chính công',
} as const satisfies Record<TUnitKind, string>;

/** Mã định danh: up to 35 characters of 0-9, A-Z and dots (QĐ 20/2020/QĐ-TTg; QCVN 102:2016 "000.00.00.H56"). */
export const ZUnitCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[0-9A-Z]+(\.[0-9A-Z]+)*$/, 'Mã định danh gồm chữ in hoa, số, phân cách bằng dấu chấm')
  .max(35);
const ZDate = z.iso.date({ error: 'Ngày dạng YYYY-MM-DD' });

export const ZUnit = z.object({
  id: z.string().uuid(),
  code: z.string(),
  name: z.string(),
  kind: ZUnitKind,
  parentId: z.string().uuid().nullable(),
  depth: z.number().int(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  predecessors: z.array(z.object({ id: z.string().uuid(), name: z.string(), kind: z.string(), effectiveOn: z.string() })),
  successors: z.array(z.object({ id: z.string().uuid(), name: z.string(), kind: z.string(), effectiveOn: z.string() })),
});
export type TUnit = z.infer<typeof ZUnit>;

export const ZCreateUnitInput = z.object({
  code: ZUnitCode,
  name: z.string().trim().min(2).max(300),
  kind: ZUnitKind,
  parentId: z.string().uuid().nullable(),
  validFrom: ZDate.nullable().default(null),
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
  effectiveOn: ZDate,
  predecessorIds: z.array(z.string().uuid()).min(1).max(50),
  successor: z.union([
    z.object({ existingId: z.string().uuid() }),
    z.object({ create: ZCreateUnitInput.omit({ validFrom: true }) }),
  ]),
});
export type TReorganiseInput = z.infer<typeof ZReorganiseInput>;

export const ZUnitListQuery = z.object({
  /** Date on which the units must exist (YYYY-MM-DD); omit for every unit, past and present. */
  on: ZDate.optional(),
  parentId: z.string().uuid().optional(),
  kind: ZUnitKind.optional(),
});

/** Who signs the unit's letters: the head (deputyTitle null) or a deputy signing on the head's behalf (KT.). */
export const ZSignatory = z.object({
  fullName: z.string().trim().min(2).max(200),
  headTitle: z.string().trim().min(2).max(120),
  deputyTitle: z.string().trim().min(2).max(120).nullable().default(null),
});
