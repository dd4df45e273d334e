import type { TStaffRole } from '../procedures/procedure.contract.js';

/**
 * Permissions and the roles that hold them. A role is always held *at a unit* and reaches that unit and
 * every unit below it (its subtree, matched on the unit's materialised path).
 */
export const permissions = [
  'units.manage', // quản lý đơn vị
  'users.manage', // quản lý tài khoản cán bộ
  'procedures.manage', // quản lý danh mục thủ tục
  'calendar.manage', // quản lý lịch làm việc
  'audit.read', // xem nhật ký (thanh tra)
  'catalog.read', // xem danh mục nội bộ (bản dự thảo)
  'dossiers.receive', // tiếp nhận, trả kết quả hồ sơ (bộ phận một cửa)
  'dossiers.process', // xử lý, thẩm định, phê duyệt hồ sơ
  'dossiers.read', // xem hồ sơ trong phạm vi
  'postal.work', // nhân viên bưu điện: nhận hồ sơ tại nhà, phát kết quả trong khu vực (QĐ 45/2016)
  'reports.read', // xem báo cáo, chỉ số, bảng xếp hạng trong phạm vi
  'reports.manage', // giao chỉ tiêu, lập báo cáo nhanh
] as const;
export type Permission = (typeof permissions)[number];

export const rolePermissions = {
  admin: ['units.manage', 'users.manage', 'procedures.manage', 'calendar.manage', 'audit.read', 'catalog.read', 'reports.read', 'reports.manage'],
  desk_officer: ['catalog.read', 'dossiers.receive', 'dossiers.read'],
  specialist: ['catalog.read', 'dossiers.process', 'dossiers.read'],
  head: ['catalog.read', 'dossiers.process', 'dossiers.read', 'reports.read'],
  leader: ['catalog.read', 'dossiers.process', 'dossiers.read', 'reports.read', 'reports.manage'],
  postal: ['postal.work'],
  inspector: ['audit.read', 'catalog.read', 'dossiers.read', 'reports.read', 'reports.manage'],
} as const satisfies Record<TStaffRole, readonly Permission[]>;

export type RoleGrant = { role: TStaffRole; unitId: string; unitPath: string };
/** The signed-in officer as seen by use cases (never the HTTP request). */
export type Actor = { userId: string; username: string; fullName: string; grants: RoleGrant[] };

function grantHas(grant: RoleGrant, permission: Permission): boolean {
  return (rolePermissions[grant.role] as readonly Permission[]).includes(permission);
}

/** True when the actor holds `permission` at some unit; with `targetPath`, only if that unit's subtree contains it. */
export function can(actor: Actor, permission: Permission, targetPath?: string): boolean {
  return actor.grants.some((g) => grantHas(g, permission) && (targetPath === undefined || targetPath.startsWith(g.unitPath)));
}

/**
 * True when every one of `targetPaths` lies inside the actor's scope for `permission` (possibly under different
 * grants). An action that touches several units — a user who belongs to two provinces — needs all of them.
 */
export function canOnAll(actor: Actor, permission: Permission, targetPaths: readonly string[]): boolean {
  return targetPaths.length > 0 && targetPaths.every((p) => can(actor, permission, p));
}

/** The unit paths under which the actor holds `permission` — used to filter lists inside SQL. */
export function scopePaths(actor: Actor, permission: Permission): string[] {
  const paths = actor.grants.filter((g) => grantHas(g, permission)).map((g) => g.unitPath);
  // Drop paths already covered by a shorter one.
  return paths.filter((p) => !paths.some((q) => q !== p && p.startsWith(q)));
}

/**
 * The units where the actor holds `permission`, without those inside another of them. A dossier belongs to a unit and
 * to all its ancestors (dossier_scope), so these ids are what lists and reads match a dossier's units against.
 */
export function scopeUnitIds(actor: Actor, permission: Permission): string[] {
  const grants = actor.grants.filter((g) => grantHas(g, permission));
  const kept = grants.filter((g) => !grants.some((o) => o.unitPath !== g.unitPath && g.unitPath.startsWith(o.unitPath)));
  return [...new Set(kept.map((g) => g.unitId))];
}

export function isPermission(value: string): value is Permission {
  return (permissions as readonly string[]).includes(value);
}

/** True when the actor holds `permission` at a top-level unit (a province): needed for what has no unit of its own. */
export function holdsAtTopLevel(actor: Actor, permission: Permission): boolean {
  return actor.grants.some((g) => grantHas(g, permission) && g.unitPath.split('/').filter(Boolean).length === 1);
}

/** Creating a top-level unit (a province) needs `units.manage` held at a top-level unit. */
export function canCreateRootUnit(actor: Actor): boolean {
  return holdsAtTopLevel(actor, 'units.manage');
}
