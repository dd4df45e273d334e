import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The commands and files the documentation tells an operator to use must exist: an `npm run X` names a script of
 * package.json, a path under the repository's source folders names a file or folder, and every CLUSTER_* / DATABASE_*
 * setting docs/CLUSTER.md mentions is read somewhere (the cluster script or the server's configuration).
 */
const root = path.resolve(import.meta.dirname, '../..');
const docs = ['README.md', 'BENCHMARKS.md', ...readdirSync(path.join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)].filter((f) => existsSync(path.join(root, f)));
const scripts = Object.keys((JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);

/** Text inside backticks (inline spans and fenced blocks): where commands and paths are written. */
function codeOf(markdown: string): string[] {
  const fenced = [...markdown.matchAll(/```[a-z]*\n([\s\S]*?)```/g)].map((m) => m[1]!);
  const inline = [...markdown.replace(/```[\s\S]*?```/g, '').matchAll(/`([^`\n]+)`/g)].map((m) => m[1]!);
  return [...fenced, ...inline];
}

describe.each(docs)('%s', (doc) => {
  const code = codeOf(readFileSync(path.join(root, doc), 'utf8'));

  it('every `npm run X` is a script of package.json', () => {
    const named = code.flatMap((c) => [...c.matchAll(/npm run ([a-z][\w:.-]*)/g)].map((m) => m[1]!));
    expect(named.filter((n) => !scripts.includes(n))).toEqual([]);
  });

  it('every path under the source folders exists', () => {
    const paths = code.flatMap((c) => [...c.matchAll(/(?<![\w./$-])((?:scripts|bench|e2e|server\/src|server\/test|web\/src|portal\/src|docs|\.ci)\/[\w./-]*[\w])/g)].map((m) => m[1]!));
    // A glob or a placeholder is not a path.
    const missing = paths.filter((p) => !/[*<>]/.test(p) && !existsSync(path.join(root, p)));
    expect(missing).toEqual([]);
  });
});

it('the settings docs/CLUSTER.md names are read by the cluster script or the server', () => {
  const text = readFileSync(path.join(root, 'docs/CLUSTER.md'), 'utf8');
  const readers = [readFileSync(path.join(root, 'scripts/cluster/start.sh'), 'utf8'), readFileSync(path.join(root, 'scripts/cluster/stop.sh'), 'utf8'), readFileSync(path.join(root, 'server/src/platform/config.ts'), 'utf8')].join('\n');
  const names = [...new Set([...text.matchAll(/(?<![.\w])((?:CLUSTER|DATABASE|MIGRATION_DATABASE)_[A-Z_]+)\b/g)].map((m) => m[1]!))];
  expect(names.length).toBeGreaterThan(5);
  expect(names.filter((n) => !readers.includes(n))).toEqual([]);
});
