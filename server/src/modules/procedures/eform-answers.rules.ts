/**
 * PURE: the one way the citizen's e-form answers are written for a person to read — the console's dossier page and the
 * printed declaration (tờ khai) both use it, so the officer checks on screen exactly what the citizen signs. Each field
 * with its label from the procedure version's form, in the legal form's order (x-order), dates as dd/MM/yyyy, an
 * option's label rather than its code, Có / Không, numbers with Vietnamese separators; answers the form no longer lists
 * come last under their own key, so nothing the citizen gave is hidden.
 */
import { formatVnDate, formatVnShortDateTime } from '../forms/vn-format.rules.js';
import { eformFieldOrder } from './eform.rules.js';

type Prop = Record<string, unknown>;

export type EformAnswerLine = {
  /** The property's key in the answers. */
  name: string;
  label: string;
  /** '' when not answered. */
  text: string;
  /** False for an answer the form no longer lists. */
  inForm: boolean;
};

/** The words for yes and no (the English console passes its own). */
export type AnswerWords = { yes: string; no: string };
const VI: AnswerWords = { yes: 'Có', no: 'Không' };

function isObject(v: unknown): v is Prop {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The option's label for a code: `enum` with `enumNames`, or `oneOf` / `anyOf` with `const` and `title`. */
function optionLabel(prop: Prop, v: unknown): string | undefined {
  if (Array.isArray(prop.enum)) {
    const at = prop.enum.indexOf(v);
    const names = Array.isArray(prop.enumNames) ? prop.enumNames : [];
    return at >= 0 && typeof names[at] === 'string' ? names[at] : undefined;
  }
  const options = [prop.oneOf, prop.anyOf].find(Array.isArray) as unknown[] | undefined;
  const o = options?.filter(isObject).find((x) => x.const === v);
  return o && typeof o.title === 'string' ? o.title : undefined;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** One answer as text, following its property in the form (nested objects and lists included). */
export function answerText(prop: Prop | null, v: unknown, words: AnswerWords = VI): string {
  if (v === undefined || v === null || v === '') return '';
  const p = prop ?? {};
  const label = optionLabel(p, v);
  if (label !== undefined) return label;
  if (typeof v === 'boolean') return v ? words.yes : words.no;
  if (typeof v === 'number') return v.toLocaleString('vi-VN');
  if (typeof v === 'string') {
    const d = ISO_DATE.exec(v);
    if (d && (p.format === 'date' || !prop)) return `${d[3]}/${d[2]}/${d[1]}`;
    if (p.format === 'date-time' && !Number.isNaN(Date.parse(v))) return formatVnShortDateTime(new Date(v));
    if (p.format === 'date' && !Number.isNaN(Date.parse(v))) return formatVnDate(new Date(v));
    return v;
  }
  if (Array.isArray(v)) {
    const item = isObject(p.items) ? p.items : null;
    return v.map((x) => answerText(item, x, words)).filter((x) => x !== '').join('; ');
  }
  if (isObject(v)) {
    const props = isObject(p.properties) ? p.properties : {};
    const keys = [...eformFieldOrder(p), ...Object.keys(v).filter((k) => !(k in props))];
    return keys
      .map((k) => {
        const sub = isObject(props[k]) ? props[k] : null;
        const text = answerText(sub, v[k], words);
        return text ? `${sub && typeof sub.title === 'string' ? sub.title : k}: ${text}` : '';
      })
      .filter((x) => x !== '')
      .join('; ');
  }
  return String(v);
}

/** Every line of the answers: the form's fields in its order (blank ones included), then answers it does not list. */
export function eformAnswerLines(schema: Record<string, unknown> | null, answers: Record<string, unknown> | null, words: AnswerWords = VI): EformAnswerLine[] {
  const props = isObject(schema?.properties) ? schema.properties : {};
  const given = answers ?? {};
  const lines = eformFieldOrder(schema).map((name): EformAnswerLine => {
    const prop = isObject(props[name]) ? props[name] : {};
    return { name, label: typeof prop.title === 'string' && prop.title.trim() ? prop.title : name, text: answerText(prop, given[name], words), inForm: true };
  });
  const extra = Object.keys(given)
    .filter((k) => !(k in props))
    .map((name): EformAnswerLine => ({ name, label: name, text: answerText(null, given[name], words), inForm: false }))
    .filter((l) => l.text !== '');
  return [...lines, ...extra];
}
