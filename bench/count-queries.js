// A counting probe for the benchmarks (issue 12): loaded into a server process with `--import`, it counts the
// statements the process sends to PostgreSQL (each pg query is one round trip) and, with COUNT_QUERIES_FILE set,
// writes the counts by statement text to that file when asked (SIGUSR2) and at exit. Load-independent evidence of
// the round trips per request, beside the timings.
/* global process */
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const require = createRequire(path.join(process.cwd(), 'package.json'));
const pg = require('pg');
const counts = new Map();
const original = pg.Client.prototype.query;
pg.Client.prototype.query = function countedQuery(config, ...rest) {
  const text = typeof config === 'string' ? config : config?.text ?? String(config);
  const key = text.replace(/\s+/g, ' ').trim().slice(0, 160);
  counts.set(key, (counts.get(key) ?? 0) + 1);
  return original.call(this, config, ...rest);
};
const file = process.env.COUNT_QUERIES_FILE;
const dump = () => {
  if (!file) return;
  const rows = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  fs.writeFileSync(file, JSON.stringify({ total: rows.reduce((s, [, n]) => s + n, 0), statements: rows.map(([text, n]) => ({ n, text })) }, null, 1));
};
process.on('SIGUSR2', dump);
process.on('exit', dump);
