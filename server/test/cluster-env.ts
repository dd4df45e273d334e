import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The settings scripts/cluster/start.sh wrote to `<dir>/cluster.env` (KEY="value" lines, shell-quoted). */
export function readClusterEnv(dir: string): Record<string, string> {
  return Object.fromEntries(
    readFileSync(path.join(dir, 'cluster.env'), 'utf8')
      .split('\n')
      .filter((l) => l.includes('='))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1).replace(/^"(.*)"$/, '$1')]),
  );
}
