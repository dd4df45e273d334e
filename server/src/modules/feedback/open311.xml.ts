/**
 * The XML form of Open311 GeoReport v2 answers, escaped by the server's one XML text escaper (platform/feeds.ts).
 */
import { xmlText } from '../../platform/feeds.js';
import type { Open311Error } from './open311.rules.js';

/** `<root><item><key>value</key>…</item>…</root>`, the XML form the spec gives for every list. */
export function toXml(root: string, item: string, rows: readonly Record<string, unknown>[]): string {
  const body = rows
    .map((r) => `<${item}>${Object.entries(r).map(([k, v]) => (v === null || v === undefined ? `<${k}/>` : `<${k}>${xmlText(String(v))}</${k}>`)).join('')}</${item}>`)
    .join('');
  return `<?xml version="1.0" encoding="utf-8"?><${root}>${body}</${root}>`;
}

export const errorsXml = (errors: Open311Error[]) => toXml('errors', 'error', errors);
