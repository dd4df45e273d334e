import dayjs from 'dayjs';
import { t } from './i18n.js';
import { formatDate, formatNumber } from './format.js';

/** Enumerations of the API with their labels (Vietnamese first, from the message dictionaries). */
export const staffRoles = ['admin', 'desk_officer', 'specialist', 'head', 'leader', 'postal', 'inspector'] as const;
export type StaffRole = (typeof staffRoles)[number];
export const unitKinds = ['province', 'department', 'district', 'commune', 'office', 'desk'] as const;
export type UnitKind = (typeof unitKinds)[number];
export const onlineLevels = ['none', 'partial', 'full'] as const;
export type OnlineLevel = (typeof onlineLevels)[number];
export const procedureLevels = ['ministry', 'province', 'district', 'commune'] as const;
export type ProcedureLevel = (typeof procedureLevels)[number];
export const durationUnits = ['working_day', 'working_hour', 'same_day'] as const;
export type DurationUnit = (typeof durationUnits)[number];
export const documentKinds = ['original', 'copy', 'certified_copy', 'original_or_copy', 'present'] as const;
export type DocumentKind = (typeof documentKinds)[number];
export const procedureStatuses = ['draft', 'published', 'abolished'] as const;
export type ProcedureStatus = (typeof procedureStatuses)[number];
/** What a version is today by the server's clock (the API's `status`, `versionStatus` on the server). */
export type VersionStatus = 'draft' | 'in_force' | 'upcoming' | 'superseded';

export const roleLabel = (r: StaffRole) => t(`role.${r}`);
export const unitKindLabel = (k: UnitKind) => t(`unitKind.${k}`);
export const onlineLevelLabel = (l: OnlineLevel) => t(`onlineLevel.${l}`);
export const procedureLevelLabel = (l: ProcedureLevel) => t(`level.${l}`);
export const durationUnitLabel = (u: DurationUnit) => t(`duration.${u}`);
export const documentKindLabel = (k: DocumentKind) => t(`docKind.${k}`);
export const statusLabel = (s: ProcedureStatus) => t(`status.${s}`);

/**
 * A version's status as the server judged it (its clock, not the browser's: a browser whose date is off must not call
 * a version in force or upcoming), with its dates: "Sắp áp dụng từ …", "Đang áp dụng đến hết ngày …" (the day before
 * the next version's date; `effectiveTo` is exclusive).
 */
export function versionStatusText(v: { status: VersionStatus; effectiveFrom: string | null; effectiveTo: string | null }): string {
  switch (v.status) {
    case 'draft':
      return t('versionState.draft');
    case 'upcoming':
      return t('versionState.upcoming', { date: formatDate(v.effectiveFrom) });
    case 'superseded':
      return t('versionState.superseded');
    case 'in_force':
      return v.effectiveTo !== null ? t('versionState.publishedUntil', { date: formatDate(dayjs(v.effectiveTo).subtract(1, 'day').format('YYYY-MM-DD')) }) : t('versionState.published');
  }
}

export const statusColor: Record<ProcedureStatus, string> = { draft: 'gold', published: 'green', abolished: 'default' };

/** Antd Select options for an enumeration. */
export function optionsOf<T extends string>(values: readonly T[], label: (v: T) => string): { value: T; label: string }[] {
  return values.map((value) => ({ value, label: label(value) }));
}

/** "15 ngày làm việc", "Trong ngày". */
export function processingTimeText(p: { amount: number; unit: DurationUnit }): string {
  if (p.unit === 'same_day') return t('duration.same_day');
  return `${formatNumber(p.amount)} ${durationUnitLabel(p.unit).toLowerCase()}`;
}
