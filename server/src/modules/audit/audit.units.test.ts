import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const modules = path.resolve(import.meta.dirname, '..');

/**
 * Entries that concern no unit and so are readable by every province-level reader (`unitPaths: []`), each with why.
 * Keyed by file and action. Anything else must name the units it concerns, or one province reads another's trail.
 */
const noUnit: Record<string, string> = {
  'identity/use-cases/sign-in.ts auth.failed#unknown': 'a failed sign-in for a name no account has: no unit to attach it to',
  'citizens/use-cases/citizen-auth.ts citizen.sign_in_failed': "a citizen's own account: citizens belong to no unit",
  'citizens/use-cases/recover-password.ts citizen.password_reset': "a citizen's own account: citizens belong to no unit",
  'citizens/use-cases/change-contact.ts citizen.${id.kind}_changed': "a citizen's own account: citizens belong to no unit",
  'working-calendar/use-cases/load-official-adjustments.ts calendar.official_loaded': 'the nationwide official days off (unit_id null), like a nationwide adjustment an administrator adds',
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

/** Each `recordAudit(...)` call's argument text, found by matching parentheses. */
function calls(text: string): string[] {
  const out: string[] = [];
  for (let i = text.indexOf('recordAudit('); i >= 0; i = text.indexOf('recordAudit(', i + 1)) {
    if (/function\s+$/.test(text.slice(Math.max(0, i - 20), i))) continue; // the definition
    let depth = 0;
    let j = i + 'recordAudit'.length;
    for (; j < text.length; j++) {
      if (text[j] === '(') depth++;
      else if (text[j] === ')' && --depth === 0) break;
    }
    out.push(text.slice(i, j + 1));
  }
  return out;
}

describe('every audit entry names the units it concerns', () => {
  const found = sourceFiles(modules).flatMap((file) =>
    calls(readFileSync(file, 'utf8')).map((call) => {
      const action = /action:\s*(?:'([^']+)'|`([^`]+)`)/.exec(call);
      const name = action?.[1] ?? action?.[2] ?? '?';
      const known = /known:\s*false/.test(call) ? '#unknown' : '';
      return { where: `${path.relative(modules, file).split(path.sep).join('/')} ${name}${known}`, call };
    }),
  );

  it('finds the calls (the scan itself works)', () => {
    expect(found.length).toBeGreaterThan(25);
  });

  it('each call passes unitPaths, and an empty list only where no unit is concerned', () => {
    const missing = found.filter((c) => !/\bunitPaths\b/.test(c.call)).map((c) => c.where);
    expect(missing, 'recordAudit without unitPaths').toEqual([]);
    const empty = found.filter((c) => /unitPaths:\s*\[\]/.test(c.call)).map((c) => c.where);
    expect(empty.filter((w) => !(w in noUnit)), 'unitPaths: [] outside the allow-list').toEqual([]);
  });
});
