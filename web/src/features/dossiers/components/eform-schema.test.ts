import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { eformFields, eformValue } from './eform-schema.js';

/**
 * Every field of every seeded procedure's e-form has an input at the desk (EformFields renders each kind; only
 * 'unsupported' shows a warning instead of an input).
 */
type Seed = { code: string; name: string; eform: Record<string, unknown> };
const seeds = JSON.parse(fs.readFileSync(new URL('../../../../../server/seed/procedures.json', import.meta.url), 'utf8')) as Seed[];

describe('the desk can fill every seeded e-form', () => {
  it.each(seeds.map((s) => [s.code, s.name, s] as const))('%s %s: every field has an input', (_code, _name, s) => {
    const fields = eformFields(s.eform);
    expect(fields.length).toBe(Object.keys((s.eform.properties as object | undefined) ?? {}).length);
    expect(fields.filter((f) => f.kind === 'unsupported').map((f) => f.title)).toEqual([]);
  });

  it('the poor household\'s deprivations are ticked from the form\'s list and kept in its order', () => {
    const s = seeds.find((p) => p.code === '1.011607')!;
    const field = eformFields(s.eform).find((f) => f.title === 'Các chỉ số thiếu hụt dịch vụ xã hội cơ bản')!;
    expect(field.kind).toBe('multi');
    expect(field.options?.slice(0, 3).map((o) => o.value)).toEqual(['Việc làm', 'Người phụ thuộc trong hộ', 'Dinh dưỡng']);
    expect(eformValue([field], { [field.name]: ['Dinh dưỡng', 'Việc làm'] })).toEqual({ [field.name]: ['Việc làm', 'Dinh dưỡng'] });
    expect(eformValue([field], { [field.name]: [] })).toEqual({});
  });

  it('a list of free words is typed as tags', () => {
    const [f] = eformFields({ type: 'object', properties: { ten: { type: 'array', title: 'Tên gọi khác', items: { type: 'string' } } } });
    expect(f!.kind).toBe('tags');
  });
});
