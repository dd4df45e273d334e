import { describe, expect, it } from 'vitest';
import type { Actor } from '../identity/permissions.policy.js';
import { canAct, type DossierScope } from './dossier.policy.js';

const WARD = '/vn/dt/anbinh/';
const officer = (role: 'specialist' | 'head' | 'leader' | 'desk_officer', unitPath = WARD): Actor => ({ userId: role, username: role, fullName: role, grants: [{ role, unitId: role, unitPath }] });
const at = (role: string): DossierScope => ({ receivingPath: `${WARD}desk/`, resolvingPath: WARD, step: { role, unitPath: WARD } });

describe('who may act on a step: its role or a rank above it', () => {
  // [step role, actor role, may claim / forward / refuse]
  const table: [string, 'specialist' | 'head' | 'leader', boolean][] = [
    ['specialist', 'specialist', true],
    ['specialist', 'head', true],
    ['specialist', 'leader', true],
    ['head', 'specialist', false],
    ['head', 'head', true],
    ['head', 'leader', true],
    // The signing step is the leader's: the head of an office does not take it over (ND 61/2018 Điều 19 k1).
    ['leader', 'specialist', false],
    ['leader', 'head', false],
    ['leader', 'leader', true],
  ];
  it.each(table)('a %s step, a %s: %s', (step, role, may) => {
    for (const action of ['claim', 'forward', 'refuse', 'send_back'] as const) expect(canAct(officer(role), action, at(step)), action).toBe(may);
  });

  it('never an officer of a sibling unit', () => {
    expect(canAct(officer('leader', '/vn/dt/anbinhb/'), 'claim', at('leader'))).toBe(false);
    expect(canAct(officer('specialist', '/vn/dt/anbinhb/'), 'claim', at('specialist'))).toBe(false);
  });
});
