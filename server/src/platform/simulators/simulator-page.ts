import { escapeHtml } from '../html.js';
import { simulatorsEn } from './messages.simulators.en.js';
import { simulatorsVi, type SimulatorMessageKey } from './messages.simulators.vi.js';

export type SimulatorLang = 'vi' | 'en';

/** English only when asked (OIDC `ui_locales` "en…"); Vietnamese otherwise, as the app. */
export function simulatorLang(uiLocales: unknown): SimulatorLang {
  return typeof uiLocales === 'string' && /^en\b/i.test(uiLocales.trim()) ? 'en' : 'vi';
}

/** A simulator page's string, `{name}` placeholders filled (and HTML-escaped). */
export function simText(lang: SimulatorLang, key: SimulatorMessageKey, params: Record<string, string> = {}): string {
  const text = (lang === 'en' ? simulatorsEn : simulatorsVi)[key];
  return escapeHtml(text).replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? escapeHtml(params[name]!) : m));
}

/**
 * The frame of every page a simulator shows a person: language, phone-width layout, the "simulator" badge (a demo user
 * must never take it for the real service). `body` is trusted HTML built with `simText`/`escapeHtml`.
 */
/** Its own icon, inline: otherwise every page asks the provider's host for /favicon.ico and logs a 404. */
const ICON = `<link rel="icon" href="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Crect width='16' height='16' rx='3' fill='%23b91c1c'/%3E%3C/svg%3E">`;

export function simulatorPage(lang: SimulatorLang, p: { brand: string; title: string; body: string }): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(p.title)} — ${escapeHtml(p.brand)}</title>${ICON}<style>
body{font-family:system-ui,sans-serif;background:#eef2f7;margin:0;color:#1f2937}main{max-width:440px;margin:24px auto;background:#fff;border-radius:12px;padding:24px;box-shadow:0 2px 8px #0002}
header{background:#b91c1c;color:#fff;padding:12px 16px;font-weight:600}h1{font-size:1.3rem;color:#8f1414;margin-top:0}.note{font-size:.9rem;color:#374151;background:#fef3c7;padding:8px 12px;border-radius:8px}
label{display:block;margin:16px 0 4px;font-weight:600}input{box-sizing:border-box;width:100%;font-size:1rem;padding:10px;border:1px solid #6b7280;border-radius:8px}
button,.button{display:block;box-sizing:border-box;width:100%;margin-top:20px;font-size:1.05rem;padding:12px;border-radius:8px;border:0;cursor:pointer;text-align:center;text-decoration:none}
.primary{background:#b91c1c;color:#fff}.secondary{background:#e5e7eb;color:#111}[role=alert]{color:#991b1b;font-weight:600}code{word-break:break-all}</style></head>
<body><header>${escapeHtml(p.brand)}</header><main><h1>${escapeHtml(p.title)}</h1>${p.body}<p class="note">${simText(lang, 'sim.badge')}</p></main></body></html>`;
}
