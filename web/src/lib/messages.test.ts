import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from './messages.en.js';
import { vi } from './messages.vi.js';

/**
 * Every message key the console uses exists in both dictionaries, so no screen shows a raw key such as "proc.stepDays".
 * `t()` is typed, but keys reach it through casts, template literals and plain strings kept in arrays or objects; this
 * reads the sources and checks each of those too.
 */
const root = join(import.meta.dirname, '..');
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return files(p);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$|\.d\.ts$|messages\.[\w.]+\.ts$/.test(name) ? [p] : [];
  });
const sources = files(root).map((p) => ({ file: relative(root, p), text: readFileSync(p, 'utf8') }));
const viKeys = new Set(Object.keys(vi));
const enKeys = new Set(Object.keys(en));
const namespaces = new Set([...viKeys].map((k) => k.split('.')[0]!));
/** Permission names share the shape of a key but are not messages: those passed to has(), includes() or `permission:`. */
const permissions = new Set(sources.flatMap(({ text }) => [...text.matchAll(/(?:\b(?:has|includes)\(|\bpermission: )['"]([a-z]+\.[a-z]+)['"]/g)].map((m) => m[1]!)));

describe('console message keys', () => {
  it('the English dictionary has exactly the Vietnamese keys, none empty', () => {
    expect([...viKeys].filter((k) => !enKeys.has(k))).toEqual([]);
    expect([...enKeys].filter((k) => !viKeys.has(k))).toEqual([]);
    expect(Object.entries(vi).filter(([, v]) => !v.trim()).map(([k]) => k)).toEqual([]);
    expect(Object.entries(en).filter(([, v]) => !v.trim()).map(([k]) => k)).toEqual([]);
  });

  it('every literal key in a t() call, and every string in the source shaped like a key of a known namespace, exists', () => {
    expect(sources.length).toBeGreaterThan(50);
    const missing: string[] = [];
    for (const { file, text } of sources) {
      for (const m of text.matchAll(/\bt\(\s*['"]([^'"]+)['"]/g)) if (!viKeys.has(m[1]!)) missing.push(`${file}: t('${m[1]}')`);
      for (const m of text.matchAll(/['"]([a-z][a-zA-Z0-9]*(?:\.[a-zA-Z0-9_]+)+)['"]/g)) {
        const key = m[1]!;
        if (permissions.has(key)) continue;
        if (namespaces.has(key.split('.')[0]!) && !viKeys.has(key) && !/\.(js|ts|tsx|css|json|html|png|svg|pdf|xlsx)$/.test(key)) missing.push(`${file}: '${key}'`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('every key built from a template literal has a known prefix, and casts to MessageKey are guarded', () => {
    const problems: string[] = [];
    for (const { file, text } of sources) {
      for (const m of text.matchAll(/\bt\(\s*`([^`$]*)\$\{/g)) {
        const prefix = m[1]!;
        if (![...viKeys].some((k) => k.startsWith(prefix))) problems.push(`${file}: t(\`${prefix}…\`)`);
      }
      for (const m of text.matchAll(/\bt\(([^()]*(?:\([^()]*\))?[^()]*)\bas MessageKey\)/g)) {
        // A cast is accepted only where the line checks the key against the dictionary first (`key in vi`).
        const line = text.slice(text.lastIndexOf('\n', m.index) + 1, text.indexOf('\n', m.index));
        if (!/\bin vi\b/.test(line)) problems.push(`${file}: ${m[0]}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
