import { ct } from './citizen-text.js';

type Prop = { type?: string; title?: string; format?: string; enum?: unknown[]; description?: string };

/** The e-form rendered from its JSON Schema (top-level fields), each with a visible label; prefilled ones are marked. */
export function EformFields({ schema, values, prefilled, onChange }: { schema: Record<string, unknown> | null; values: Record<string, unknown>; prefilled: string[]; onChange: (v: Record<string, unknown>) => void }) {
  const props = (schema?.properties ?? {}) as Record<string, Prop>;
  const required = new Set(Array.isArray(schema?.required) ? (schema.required as string[]) : []);
  const set = (k: string, v: unknown) => onChange({ ...values, [k]: v });
  return (
    <>
      {Object.entries(props).map(([key, p]) => {
        const id = `ef-${key}`;
        const label = (
          <>
            {p.title ?? key}
            {required.has(key) ? <span className="muted"> {ct('required')}</span> : null}
            {prefilled.includes(key) ? <span className="prefilled"> {ct('prefilledMark')}</span> : null}
          </>
        );
        const value = values[key];
        if (p.type === 'boolean') {
          return (
            <div className="field checkbox" key={key}>
              <input id={id} type="checkbox" checked={value === true} onChange={(e) => set(key, e.target.checked)} />
              <label htmlFor={id}>{label}</label>
            </div>
          );
        }
        if (Array.isArray(p.enum)) {
          return (
            <div className="field" key={key}>
              <label htmlFor={id}>{label}</label>
              <select id={id} value={typeof value === 'string' ? value : ''} required={required.has(key)} onChange={(e) => set(key, e.target.value || undefined)}>
                <option value="">{ct('choose')}</option>
                {p.enum.map((o) => (
                  <option key={String(o)} value={String(o)}>{String(o)}</option>
                ))}
              </select>
            </div>
          );
        }
        const numeric = p.type === 'number' || p.type === 'integer';
        return (
          <div className="field" key={key}>
            <label htmlFor={id}>{label}</label>
            <input
              id={id}
              type={numeric ? 'number' : p.format === 'date' ? 'date' : p.format === 'email' ? 'email' : 'text'}
              step={p.type === 'integer' ? 1 : undefined}
              value={value === undefined || value === null ? '' : String(value)}
              required={required.has(key)}
              onChange={(e) => set(key, e.target.value === '' ? undefined : numeric ? Number(e.target.value) : e.target.value)}
            />
          </div>
        );
      })}
    </>
  );
}

/** Required fields left empty (their labels). */
export function missingEformFields(schema: Record<string, unknown> | null, values: Record<string, unknown>): string[] {
  const props = (schema?.properties ?? {}) as Record<string, Prop>;
  const required = Array.isArray(schema?.required) ? (schema.required as string[]) : [];
  return required.filter((k) => values[k] === undefined || values[k] === '').map((k) => props[k]?.title ?? k);
}
