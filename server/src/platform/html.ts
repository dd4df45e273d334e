/**
 * The one HTML escaper of the server: text and attribute values put into HTML the server writes by hand (the public
 * register's no-JavaScript page, the information portal's pages, the simulators' pages). The five characters that can
 * end a text or a quoted attribute are escaped (OWASP XSS prevention, rule 1 and 2 for quoted attributes); nothing
 * else changes, so Vietnamese text stays as it is. XML has its own (platform/feeds.ts xmlText: XML 1.0 also forbids
 * control characters), and JSON inside <script> its own (web/first-screen.ts).
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}
