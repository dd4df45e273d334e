import { describe, expect, it } from 'vitest';
import { can, rolePermissions, scopePaths, type Actor } from './permissions.policy.js';

const actor = (grants: Actor['grants']): Actor => ({ userId: 'u', username: 'u', fullName: 'U', grants });

describe('permissions policy', () => {
  it('a role reaches its unit and the units below, not siblings or parents', () => {
    const a = actor([{ role: 'admin', unitId: 'p', unitPath: '/p/' }]);
    expect(can(a, 'units.manage', '/p/')).toBe(true);
    expect(can(a, 'units.manage', '/p/c/w/')).toBe(true);
    expect(can(a, 'units.manage', '/q/')).toBe(false);
    const commune = actor([{ role: 'admin', unitId: 'c', unitPath: '/p/c/' }]);
    expect(can(commune, 'units.manage', '/p/')).toBe(false);
    expect(can(commune, 'units.manage', '/p/d/')).toBe(false);
  });

  it('only the administrator manages; the inspector reads the audit trail', () => {
    for (const role of Object.keys(rolePermissions) as (keyof typeof rolePermissions)[]) {
      const a = actor([{ role, unitId: 'p', unitPath: '/p/' }]);
      expect(can(a, 'users.manage', '/p/x/')).toBe(role === 'admin');
      expect(can(a, 'audit.read', '/p/x/')).toBe(role === 'admin' || role === 'inspector');
    }
  });

  it('scopePaths keeps only the outermost paths', () => {
    const a = actor([
      { role: 'admin', unitId: 'c', unitPath: '/p/c/' },
      { role: 'admin', unitId: 'p', unitPath: '/p/' },
      { role: 'admin', unitId: 'q', unitPath: '/q/' },
      { role: 'specialist', unitId: 'r', unitPath: '/r/' },
    ]);
    expect(scopePaths(a, 'units.manage').sort()).toEqual(['/p/', '/q/']);
  });
});
