/**
 * First-load weight of the two pages, from the build's manifest (dist/web/.vite/manifest.json): the page's entry chunk,
 * every chunk it imports statically (transitively) and their CSS, each gzip-compressed (level 9, as the build writes
 * `.gz` beside it). Chunks behind `import()` (the other routes) are not part of it.
 * Budgets: console 300 KB gzip (issue 12), portal 150 KB gzip. `npx tsx bench/web-weight.ts` after `npx vite build`
 * prints both (`--write`: into the `web-weight` section of BENCHMARKS.md, `--before=<dir>`: an earlier build beside) and exits 1 over budget; e2e/web-weight.spec.ts asserts them.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { writeSection } from './standalone.js';

export const BUDGETS = { console: { entry: 'web/index.html', bytes: 300 * 1024 }, portal: { entry: 'portal/index.html', bytes: 150 * 1024 } } as const;
export type Page = keyof typeof BUDGETS;

type ManifestChunk = { file: string; isEntry?: boolean; imports?: string[]; dynamicImports?: string[]; css?: string[] };
export type FirstLoad = { page: Page; files: { file: string; bytes: number; gzipBytes: number }[]; jsGzipBytes: number; cssGzipBytes: number; totalGzipBytes: number; budgetBytes: number };

export async function readManifest(webDir: string): Promise<Record<string, ManifestChunk>> {
  return JSON.parse(await fs.readFile(path.join(webDir, '.vite/manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
}

/** The files a page loads before anything else: its entry, the static imports (transitively) and their CSS. */
export function firstLoadFiles(manifest: Record<string, ManifestChunk>, entry: string): string[] {
  const files = new Set<string>();
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${key} is not in the build manifest`);
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const dep of chunk.imports ?? []) visit(dep);
  };
  visit(entry);
  return [...files];
}

export async function firstLoad(page: Page, webDir = path.resolve('dist/web')): Promise<FirstLoad> {
  const manifest = await readManifest(webDir);
  const files = await Promise.all(
    firstLoadFiles(manifest, BUDGETS[page].entry).map(async (file) => {
      const content = await fs.readFile(path.join(webDir, file));
      return { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
    }),
  );
  const sum = (ext: string) => files.filter((f) => f.file.endsWith(ext)).reduce((s, f) => s + f.gzipBytes, 0);
  return { page, files, jsGzipBytes: sum('.js'), cssGzipBytes: sum('.css'), totalGzipBytes: sum('.js') + sum('.css'), budgetBytes: BUDGETS[page].bytes };
}

const kb = (b: number) => (b / 1024).toFixed(1);

/** One line per page for BENCHMARKS.md. */
export function weightLine(w: FirstLoad): string {
  const top = [...w.files].sort((a, b) => b.gzipBytes - a.gzipBytes).slice(0, 4).map((f) => `${path.basename(f.file)} ${kb(f.gzipBytes)}`);
  return `| ${w.page} | ${w.files.length} | ${kb(w.jsGzipBytes)} | ${kb(w.cssGzipBytes)} | **${kb(w.totalGzipBytes)}** | ${kb(w.budgetBytes)} | ${w.totalGzipBytes <= w.budgetBytes ? 'within' : 'OVER'} | ${top.join(', ')} |`;
}

export const WEIGHT_TABLE_HEAD = ['| page | files | JS KB gzip | CSS KB gzip | total KB gzip | budget KB | | largest files (KB gzip) |', '|---|---:|---:|---:|---:|---:|---|---|'];

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  // --before=<dist/web of an earlier build, made with `npx vite build --manifest`>: its figures beside today's.
  const beforeDir = process.argv.find((a) => a.startsWith('--before='))?.slice(9);
  const weights = [await firstLoad('console'), await firstLoad('portal')];
  const before = beforeDir ? [await firstLoad('console', path.resolve(beforeDir)), await firstLoad('portal', path.resolve(beforeDir))] : [];
  const lines = [
    '## First load of the console and the portal',
    '',
    `Command: \`npx vite build && npx tsx bench/web-weight.ts${beforeDir ? ' --before=<earlier dist/web>' : ''}\` — from dist/web/.vite/manifest.json: the entry, its static imports and their CSS, gzip level 9 (what a browser downloads before the first screen; other screens load on demand). e2e/web-weight.spec.ts fails over budget.`,
    '',
    ...WEIGHT_TABLE_HEAD,
    ...before.map((w) => weightLine(w).replace(`| ${w.page} |`, `| ${w.page}, before |`)),
    ...weights.map(weightLine),
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  if (process.argv.includes('--write')) await writeSection('web-weight', lines);
  if (weights.some((w) => w.totalGzipBytes > w.budgetBytes)) process.exitCode = 1;
}
