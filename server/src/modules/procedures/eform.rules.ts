/**
 * PURE: the Một Cửa keywords of a procedure's e-form (a JSON Schema), read by the server, the console and the portal.
 *
 * - `x-prefill` on a top-level property names the fact of the applicant the field is filled from ("Công dân không
 *   viết": Thông tư 32/2017/TT-BTTTT Điều 4 and 8 — information the state already holds is not asked for again). A field
 *   without it is never filled from the applicant: a field about another person (the child, the spouse, the deceased)
 *   has none. Nothing is guessed from a field's name or title.
 * - `x-kind: "person-name"` marks a personal name, written with a capital at each word.
 * - `x-order` keeps the legal form's field order (PostgreSQL jsonb sorts object keys; see procedure.rules.ts).
 */

/** The applicant's facts a field may be prefilled from (later also the national population database). */
export const PREFILL_FACTS = [
  'applicant.fullName',
  'applicant.birthDate',
  'applicant.gender',
  'applicant.idNumber',
  'applicant.address',
  'applicant.phone',
  'applicant.email',
] as const;
export type TPrefillFact = (typeof PREFILL_FACTS)[number];

/** How the catalogue editor names each fact. */
export const prefillFactLabels: Record<TPrefillFact, string> = {
  'applicant.fullName': 'Họ, chữ đệm, tên của người nộp',
  'applicant.birthDate': 'Ngày sinh của người nộp',
  'applicant.gender': 'Giới tính của người nộp',
  'applicant.idNumber': 'Số định danh cá nhân (CCCD) của người nộp',
  'applicant.address': 'Nơi cư trú của người nộp',
  'applicant.phone': 'Số điện thoại của người nộp',
  'applicant.email': 'Thư điện tử của người nộp',
};

export function isPrefillFact(v: unknown): v is TPrefillFact {
  return typeof v === 'string' && (PREFILL_FACTS as readonly string[]).includes(v);
}

type Prop = Record<string, unknown>;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The top-level properties in the legal form's order: `x-order` (or `ui:order`) first, then the rest by their
 * `propertyOrder` number if they have one, else as they come.
 */
export function eformFieldOrder(schema: Record<string, unknown> | null): string[] {
  const properties = isObject(schema?.properties) ? schema.properties : {};
  const props = Object.keys(properties);
  const list = [schema?.['x-order'], schema?.['ui:order']].find(Array.isArray) as unknown[] | undefined;
  const listed = (list ?? []).filter((k): k is string => typeof k === 'string' && props.includes(k));
  const rank = (k: string, i: number) => {
    const p = properties[k];
    return isObject(p) && typeof p.propertyOrder === 'number' ? p.propertyOrder : 10_000 + i;
  };
  const rest = props
    .filter((k) => !listed.includes(k))
    .map((k, i) => ({ k, r: rank(k, i) }))
    .sort((a, b) => a.r - b.r)
    .map((x) => x.k);
  return [...listed, ...rest];
}

/** The fact each prefilled field is filled from (only top-level properties with a valid `x-prefill`). */
export function prefillMap(schema: Record<string, unknown> | null): Record<string, TPrefillFact> {
  const out: Record<string, TPrefillFact> = {};
  if (!isObject(schema?.properties)) return out;
  for (const [key, prop] of Object.entries(schema.properties)) {
    if (isObject(prop) && isPrefillFact(prop['x-prefill'])) out[key] = prop['x-prefill'];
  }
  return out;
}

export type EformSchemaProblem = { path: string; messageVi: string };

/**
 * What is wrong with the e-form's own keywords: an unknown `x-prefill` fact, one on a nested field (only top-level
 * fields are prefilled), a date fact on a field that is not a date, the same fact on two fields.
 */
export function eformSchemaProblems(schema: Record<string, unknown> | null): EformSchemaProblem[] {
  const problems: EformSchemaProblem[] = [];
  if (!schema) return problems;
  const seen = new Map<string, string>();
  const visit = (props: unknown, path: string, topLevel: boolean) => {
    if (!isObject(props)) return;
    for (const [key, prop] of Object.entries(props)) {
      if (!isObject(prop)) continue;
      const here = `${path}/${key}`;
      const fact = prop['x-prefill'];
      if (fact !== undefined && fact !== null) {
        if (!isPrefillFact(fact)) {
          problems.push({ path: here, messageVi: `Trường "${titleOf(key, prop)}": nguồn điền sẵn không hợp lệ (${String(fact)}).` });
        } else if (!topLevel) {
          problems.push({ path: here, messageVi: `Trường "${titleOf(key, prop)}": chỉ các trường ở cấp đầu của biểu mẫu được điền sẵn.` });
        } else {
          if (fact === 'applicant.birthDate' && prop.format !== 'date') {
            problems.push({ path: here, messageVi: `Trường "${titleOf(key, prop)}": ngày sinh chỉ điền sẵn vào trường kiểu ngày (format: date).` });
          }
          const other = seen.get(fact);
          if (other) problems.push({ path: here, messageVi: `"${prefillFactLabels[fact]}" đã được điền sẵn vào trường "${other}".` });
          seen.set(fact, titleOf(key, prop));
        }
      }
      if (isObject(prop.properties)) visit(prop.properties, here, false);
      if (isObject(prop.items) && isObject(prop.items.properties)) visit(prop.items.properties, here, false);
    }
  };
  visit(schema.properties, '/eform/properties', true);
  return problems;
}

function titleOf(key: string, prop: Prop): string {
  return typeof prop.title === 'string' ? prop.title : key;
}

/**
 * A personal name written the Vietnamese way: spaces collapsed, a capital at each word ("nguyễn  văn an" → "Nguyễn Văn
 * An", "TRẦN THỊ B" → "Trần Thị B").
 */
export function capitalizeName(s: string): string {
  return s
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toLocaleUpperCase('vi') + w.slice(1).toLocaleLowerCase('vi'))
    .join(' ');
}
