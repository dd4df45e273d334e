import { useEffect, useState } from 'react';
import { ID_PATTERN } from '../../../../server/src/modules/procedures/eform-designer.rules.js';
import { capitalizeName, eformFieldOrder, type FieldOrigin } from '../../../../server/src/modules/procedures/eform.rules.js';
import { parseVnDate, valueProblem } from '../../lib/validation.js';
import { ct } from './citizen-text.js';

type Prop = {
  type?: string; title?: string; format?: string; enum?: unknown[]; description?: string; pattern?: string;
  minLength?: number; maxLength?: number; minimum?: number; maximum?: number; 'x-kind'?: string;
  /** A list field (`type: 'array'`): its items, a choice when they have an `enum` ("Các chỉ số thiếu hụt…"). */
  items?: { type?: string; enum?: unknown[] }; minItems?: number;
};
type Schema = Record<string, unknown> | null;

const propsOf = (schema: Schema) => (schema?.properties ?? {}) as Record<string, Prop>;
const requiredOf = (schema: Schema) => new Set(Array.isArray(schema?.required) ? (schema.required as string[]) : []);
const titleOf = (key: string, p: Prop | undefined) => p?.title ?? key;

/** What the date field shows while typing: "2026-03-05" → "05/03/2026"; anything else as it is. */
function vnDate(value: unknown): string {
  if (typeof value !== 'string') return value === undefined || value === null ? '' : String(value);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : value;
}

/** What is wrong with each field, in Vietnamese (lib/validation.ts; the server checks the same schema again on submission). */
export function eformProblems(schema: Schema, values: Record<string, unknown>): Record<string, string> {
  const props = propsOf(schema);
  const required = requiredOf(schema);
  const out: Record<string, string> = {};
  for (const key of eformFieldOrder(schema)) {
    const p = props[key] ?? {};
    const numeric = p.type === 'integer' || p.type === 'number' ? p.type : undefined;
    const v = values[key];
    // An empty list is an empty answer; a list asks for at least `minItems` (one when required).
    const list = p.type === 'array';
    const problem = valueProblem(titleOf(key, p), list && Array.isArray(v) && v.length === 0 ? undefined : v, {
      required: required.has(key) || (list && (p.minItems ?? 0) > 0),
      choice: Array.isArray(p.enum) || Array.isArray(p.items?.enum),
      check: p.format === 'date' ? 'date' : p.format === 'email' ? 'email' : p.pattern === ID_PATTERN ? 'id-number' : undefined,
      pattern: p.pattern,
      minLength: p.minLength,
      maxLength: p.maxLength,
      number: numeric,
      minimum: p.minimum,
      maximum: p.maximum,
    });
    if (problem) out[key] = problem;
  }
  return out;
}

/**
 * The e-form rendered from its JSON Schema (top-level fields in the legal form's order), each with a visible label and
 * its problem under it. A field still holding a value the citizen did not type says where it came from ("Điền sẵn từ
 * hồ sơ của bạn", "Giá trị mặc định": `origins`, eform.rules.ts fieldOrigins), tied to the control by aria-describedby;
 * the hint goes once the citizen changes the value. Dates are typed dd/MM/yyyy on every browser; names take capitals.
 */
export function EformFields({ schema, values, origins, problems, onChange }: { schema: Schema; values: Record<string, unknown>; origins: Record<string, FieldOrigin>; problems?: Record<string, string>; onChange: (v: Record<string, unknown>) => void }) {
  const props = propsOf(schema);
  const required = requiredOf(schema);
  const set = (k: string, v: unknown) => onChange({ ...values, [k]: v });
  return (
    <>
      {eformFieldOrder(schema).map((key) => {
        const p = props[key] ?? {};
        const id = `ef-${key}`;
        const problem = problems?.[key];
        const origin = origins[key];
        const described = [origin ? `origin-of-${key}` : null, problem ? `${id}-problem` : null].filter(Boolean).join(' ');
        const aria = { 'aria-invalid': problem ? true : undefined, 'aria-describedby': described || undefined } as const;
        const label = (
          <>
            {p.title ?? key}
            {required.has(key) ? <span className="muted"> {ct('required')}</span> : null}
          </>
        );
        const originLine = origin ? (
          <span className={`field-origin ${origin}`} id={`origin-of-${key}`} data-testid={`origin-${key}`}>
            {origin === 'prefilled' ? ct('originPrefilled') : ct('originDefault')}
          </span>
        ) : null;
        const problemLine = (
          <>
            {originLine}
            {problem ? <p className="field-problem" id={`${id}-problem`}>{problem}</p> : null}
          </>
        );
        const value = values[key];
        if (p.type === 'boolean') {
          return (
            <div className="field checkbox" key={key}>
              <input id={id} type="checkbox" checked={value === true} onChange={(e) => set(key, e.target.checked)} {...aria} />
              <label htmlFor={id}>{label}</label>
              {problemLine}
            </div>
          );
        }
        if (p.type === 'array') {
          const list = Array.isArray(value) ? value : [];
          const options = p.items?.enum;
          if (Array.isArray(options)) {
            // Ticked options are kept in the form's own order, whatever order they were ticked in.
            const toggle = (o: unknown, on: boolean) => {
              const next = options.filter((x) => (x === o ? on : list.includes(x)));
              set(key, next.length > 0 ? next : undefined);
            };
            return (
              <fieldset className="field choice-group" key={key} id={id} {...aria}>
                <legend>{label}</legend>
                <div className="choices">
                  {options.map((o) => (
                    <label className="choice" key={String(o)}>
                      <input type="checkbox" checked={list.includes(o)} onChange={(e) => toggle(o, e.target.checked)} />
                      {String(o)}
                    </label>
                  ))}
                </div>
                {problemLine}
              </fieldset>
            );
          }
          // A list of free words: one per line.
          return (
            <div className="field" key={key}>
              <label htmlFor={id}>{label}</label>
              <textarea
                id={id}
                rows={3}
                value={list.map(String).join('\n')}
                onChange={(e) => {
                  const lines = e.target.value.split('\n');
                  set(key, lines.some((l) => l.trim() !== '') ? lines : undefined);
                }}
                onBlur={() => {
                  const kept = list.map((l) => String(l).trim()).filter((l) => l !== '');
                  set(key, kept.length > 0 ? kept : undefined);
                }}
                {...aria}
              />
              <span className="muted">{ct('onePerLine')}</span>
              {problemLine}
            </div>
          );
        }
        if (Array.isArray(p.enum)) {
          return (
            <div className="field" key={key}>
              <label htmlFor={id}>{label}</label>
              <select id={id} value={typeof value === 'string' ? value : ''} required={required.has(key)} onChange={(e) => set(key, e.target.value || undefined)} {...aria}>
                <option value="">{ct('choose')}</option>
                {p.enum.map((o) => (
                  <option key={String(o)} value={String(o)}>{String(o)}</option>
                ))}
              </select>
              {problemLine}
            </div>
          );
        }
        if (p.format === 'date') {
          return (
            <div className="field" key={key}>
              <label htmlFor={id}>{label}</label>
              <DateInput id={id} value={value} required={required.has(key)} onChange={(v) => set(key, v)} aria={aria} />
              {problemLine}
            </div>
          );
        }
        const numeric = p.type === 'number' || p.type === 'integer';
        const name = p['x-kind'] === 'person-name';
        return (
          <div className="field" key={key}>
            <label htmlFor={id}>{label}</label>
            <input
              id={id}
              type={numeric ? 'number' : p.format === 'email' ? 'email' : 'text'}
              inputMode={numeric || p.pattern === ID_PATTERN ? 'numeric' : undefined}
              autoCapitalize={name ? 'words' : undefined}
              step={p.type === 'integer' ? 1 : undefined}
              value={value === undefined || value === null ? '' : String(value)}
              required={required.has(key)}
              onChange={(e) => set(key, e.target.value === '' ? undefined : numeric ? Number(e.target.value) : p.pattern === ID_PATTERN ? e.target.value.replace(/\s/g, '') : e.target.value)}
              onBlur={name && typeof value === 'string' && value.trim() ? () => set(key, capitalizeName(value)) : undefined}
              {...aria}
            />
            {problemLine}
          </div>
        );
      })}
    </>
  );
}

/** A date typed as dd/MM/yyyy (the same on every browser and locale), kept as ISO yyyy-MM-dd once it is a real date. */
function DateInput({ id, value, required, onChange, aria }: { id: string; value: unknown; required: boolean; onChange: (v: string | undefined) => void; aria: Record<string, unknown> }) {
  const [text, setText] = useState(vnDate(value));
  useEffect(() => {
    // A value set from outside (prefill, reuse of an earlier dossier) replaces what is shown.
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && parseVnDate(text) !== value) setText(vnDate(value));
    if (value === undefined && parseVnDate(text) !== null) setText('');
  }, [value]);
  return (
    <input
      id={id}
      type="text"
      inputMode="numeric"
      placeholder="dd/mm/yyyy"
      autoComplete="off"
      value={text}
      required={required}
      onChange={(e) => {
        setText(e.target.value);
        const t = e.target.value.trim();
        onChange(t === '' ? undefined : parseVnDate(t) ?? t);
      }}
      {...aria}
    />
  );
}
