import { z } from 'zod';
import { articleStatuses, figurePeriods } from './portal.rules.js';

export const ZPortalRole = z.enum(['editor', 'reviewer']);
export const ZArticleStatus = z.enum(articleStatuses);
export const ZPageKey = z.enum(['organisation', 'contacts', 'map', 'history']);
export const ZFigurePeriod = z.enum(figurePeriods);

const ZSlug = z.string().regex(/^[a-z0-9][a-z0-9-]{1,59}$/, 'Chỉ dùng chữ thường không dấu, số và dấu gạch ngang');
export const ZLeader = z.object({
  name: z.string().trim().min(2).max(120),
  position: z.string().trim().min(2).max(200),
  duties: z.string().trim().max(2000).default(''),
  phone: z.string().trim().max(30).default(''),
  email: z.string().trim().max(120).default(''),
});
export const ZMenuItem = z.object({
  label: z.string().trim().min(1).max(60),
  href: z.string().trim().regex(/^(\/[^\s]*|https?:\/\/[^\s]+)$/, 'Đường dẫn phải bắt đầu bằng / hoặc http(s)://').max(300),
});

export const ZSiteInput = z.object({
  slug: ZSlug,
  hostName: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9.-]{2,252}$/)
    .nullable()
    .default(null),
  title: z.string().trim().min(2).max(200),
  address: z.string().trim().max(300).default(''),
  phone: z.string().trim().max(30).default(''),
  feedbackPhone: z.string().trim().max(30).default(''),
  email: z.string().trim().max(120).default(''),
  mapLat: z.number().min(-90).max(90).nullable().default(null),
  mapLng: z.number().min(-180).max(180).nullable().default(null),
  leaders: z.array(ZLeader).max(50).default([]),
  menu: z.array(ZMenuItem).max(20).default([]),
});
export type TSiteInput = z.infer<typeof ZSiteInput>;

export const ZSite = ZSiteInput.extend({
  unitId: z.string().uuid(),
  unitName: z.string(),
  unitPath: z.string(),
  myRoles: z.array(ZPortalRole),
  canManage: z.boolean(),
  url: z.string(),
});
export type TSite = z.infer<typeof ZSite>;
export const ZSiteSummary = ZSite.pick({ unitId: true, unitName: true, slug: true, title: true, myRoles: true, canManage: true, url: true });

export const ZMember = z.object({ userId: z.string().uuid(), username: z.string(), fullName: z.string(), role: ZPortalRole });
export const ZMemberInput = z.object({ username: z.string().trim().min(3).max(64), role: ZPortalRole });

export const ZCategoryInput = z.object({ name: z.string().trim().min(2).max(120), slug: z.string().regex(/^[a-z0-9][a-z0-9-]{0,59}$/).optional(), kind: z.enum(['news', 'guidance']).default('news') });
export const ZCategory = z.object({ id: z.string().uuid(), name: z.string(), slug: z.string(), kind: z.enum(['news', 'guidance']) });
export type TCategory = z.infer<typeof ZCategory>;

export const ZMedia = z.object({
  id: z.string().uuid(),
  kind: z.enum(['image', 'attachment']),
  fileName: z.string(),
  mediaType: z.string(),
  width: z.number().nullable(),
  height: z.number().nullable(),
  url: z.string(),
  thumbUrl: z.string().nullable(),
});
export type TMedia = z.infer<typeof ZMedia>;

export const ZArticleInput = z.object({
  kind: z.enum(['article', 'page']).default('article'),
  pageKey: ZPageKey.nullable().default(null),
  title: z.string().trim().min(3).max(300),
  slug: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,119}$/)
    .optional(),
  lead: z.string().trim().max(1000).default(''),
  bodyHtml: z.string().max(500_000).default(''),
  coverMediaId: z.string().uuid().nullable().default(null),
  categoryId: z.string().uuid().nullable().default(null),
  tags: z.array(z.string().trim().min(1).max(60)).max(20).default([]),
  attachmentIds: z.array(z.string().uuid()).max(20).default([]),
  author: z.string().trim().max(200).default(''),
  source: z.string().trim().max(300).default(''),
  publishAt: z.coerce.date().nullable().default(null),
  unpublishAt: z.coerce.date().nullable().default(null),
});
export type TArticleInput = z.infer<typeof ZArticleInput>;
export const ZArticleUpdate = ZArticleInput.extend({ expectedVersion: z.number().int().positive() });
export type TArticleUpdate = z.infer<typeof ZArticleUpdate>;

export const ZArticle = z.object({
  id: z.string().uuid(),
  unitId: z.string().uuid(),
  kind: z.enum(['article', 'page']),
  pageKey: ZPageKey.nullable(),
  title: z.string(),
  slug: z.string(),
  lead: z.string(),
  bodyHtml: z.string(),
  coverMediaId: z.string().uuid().nullable(),
  categoryId: z.string().uuid().nullable(),
  tags: z.array(z.string()),
  attachmentIds: z.array(z.string().uuid()),
  author: z.string(),
  source: z.string(),
  status: ZArticleStatus,
  publishAt: z.date().nullable(),
  unpublishAt: z.date().nullable(),
  publishedAt: z.date().nullable(),
  version: z.number(),
  updatedAt: z.date(),
  updatedByName: z.string(),
  reads: z.number(),
  ratingCount: z.number(),
  ratingAverage: z.number().nullable(),
  pendingComments: z.number(),
  url: z.string(),
});
export type TArticle = z.infer<typeof ZArticle>;
export const ZArticleListItem = ZArticle.omit({ bodyHtml: true });

export const ZArticleAction = z.object({ action: z.enum(['submit', 'approve', 'reject', 'unpublish']), note: z.string().trim().max(500).optional() });
export type TArticleAction = z.infer<typeof ZArticleAction>;

export const ZComment = z.object({
  id: z.string().uuid(),
  articleId: z.string().uuid(),
  articleTitle: z.string(),
  authorName: z.string(),
  body: z.string(),
  status: z.enum(['pending', 'approved', 'rejected']),
  createdAt: z.date(),
});
export const ZModerateInput = z.object({ decision: z.enum(['approved', 'rejected']) });

export const ZOutageInput = z.object({ startsAt: z.coerce.date(), endsAt: z.coerce.date(), reason: z.string().trim().min(5).max(500) });
export type TOutageInput = z.infer<typeof ZOutageInput>;
export const ZOutage = z.object({ id: z.string().uuid(), unitId: z.string().uuid(), startsAt: z.date(), endsAt: z.date(), reason: z.string(), announcedAt: z.date(), cancelled: z.boolean() });
export type TOutage = z.infer<typeof ZOutage>;

export const ZRateValue = z.object({ numerator: z.number(), denominator: z.number(), value: z.number().nullable() });
export const ZLiveFigures = z.object({ from: z.string(), to: z.string(), labelVi: z.string(), online: ZRateValue, onTime: ZRateValue, byPost: ZRateValue });
export type TLiveFigures = z.infer<typeof ZLiveFigures>;

/** The citizen portal's statistics for the chosen province or commune (none: every unit of this system). */
export const ZPublicFiguresQuery = z.object({ unitId: z.string().uuid().optional(), period: ZFigurePeriod.default('ytd') });
export const ZPublicFigures = ZLiveFigures.extend({ unitId: z.string().uuid().nullable(), unitName: z.string().nullable() });
