/**
 * PURE: the Một Cửa keywords of a procedure's e-form (a JSON Schema), read by the server, the console and the portal.
 *
 * - `x-prefill` on a top-level property names the fact of the applicant the field is filled from ("Công dân không
 *   viết": Thông tư 32/2017/TT-BTTTT Điều 4 and 8 — information the state already holds is not asked for again). A field
 *   without it is never filled from the applicant: a field about another person (the child, the spouse, the deceased)
 *   has none. Nothing is guessed from a field's name or title.
 * - `x-prefill-when: { "field": <key>, "equals": <answer> }` next to `x-prefill` fills the field only while another
 *   answer holds, e.g. the copy of a civil-status extract asked "Bản thân": the subject is then the applicant, else
 *   another person whose facts the state does not give to the applicant.
 * - `x-reuse: false` keeps a field out of "Dùng lại thông tin từ hồ sơ trước?": what changes from one case to the next
 *   (a new child's name and birth date) is never offered from the earlier dossier.
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

/** The condition of a conditionally prefilled field: another top-level answer equal to a value. */
export type PrefillCondition = { field: string; equals: string | number | boolean };

export function prefillConditionOf(prop: unknown): PrefillCondition | null {
  if (!isObject(prop) || !isObject(prop['x-prefill-when'])) return null;
  const { field, equals } = prop['x-prefill-when'];
  if (typeof field !== 'string' || !field) return null;
  if (typeof equals !== 'string' && typeof equals !== 'number' && typeof equals !== 'boolean') return null;
  return { field, equals };
}

/** The fields filled only while a condition holds, with their condition. */
export function prefillConditions(schema: Record<string, unknown> | null): Record<string, PrefillCondition> {
  const out: Record<string, PrefillCondition> = {};
  if (!isObject(schema?.properties)) return out;
  for (const [key, prop] of Object.entries(schema.properties)) {
    const when = prefillConditionOf(prop);
    if (when && isObject(prop) && isPrefillFact(prop['x-prefill'])) out[key] = when;
  }
  return out;
}

/** Whether the field may be offered from the citizen's earlier dossier (`x-reuse` absent or true). */
export function isReusable(prop: unknown): boolean {
  return !isObject(prop) || prop['x-reuse'] !== false;
}

/**
 * The answers after a change, with the prefilled fields following what is offered for them. `offeredBefore` /
 * `offeredAfter`: the values the applicant's facts give each `x-prefill` field before and after the change (citizen.rules.ts
 * prefillEform + conditionalPrefill); a conditional field (`x-prefill-when`) is offered only while its condition holds.
 * A field whose offer changed (the condition starts or stops holding, the desk officer typed the applicant's name) takes
 * the new offer when it is empty or still holds exactly the old one, and is emptied when nothing is offered any more;
 * what the person typed over an offer is never thrown away, and an offer that did not change is never forced back
 * (a field the person emptied stays empty). One rule for the portal and the desk intake.
 */
export function followPrefill(
  schema: Record<string, unknown> | null,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  offeredBefore: Record<string, unknown>,
  offeredAfter: Record<string, unknown> = offeredBefore,
): Record<string, unknown> {
  const out = { ...after };
  const conditions = prefillConditions(schema);
  for (const key of Object.keys(prefillMap(schema))) {
    const when = conditions[key];
    const prev = !when || before[when.field] === when.equals ? offeredBefore[key] : undefined;
    const next = !when || after[when.field] === when.equals ? offeredAfter[key] : undefined;
    if (prev === next) continue;
    const current = out[key];
    const untouched = current === undefined || current === null || current === '' || (prev !== undefined && current === prev);
    if (!untouched) continue;
    if (next === undefined) delete out[key];
    else out[key] = next;
  }
  return out;
}

/** Why a field shows its value unasked: filled from the applicant's facts, or the form's own default. */
export type FieldOrigin = 'prefilled' | 'default';

/**
 * The fields that still hold a value the person did not type — the offer from the applicant's facts (`offered`, as for
 * followPrefill) or the schema's `default` — so the form can say so next to them; a field the person changed is not
 * listed any more. Shared by the portal's e-form and the desk intake.
 */
export function fieldOrigins(schema: Record<string, unknown> | null, answers: Record<string, unknown>, offered: Record<string, unknown>): Record<string, FieldOrigin> {
  const out: Record<string, FieldOrigin> = {};
  const conditions = prefillConditions(schema);
  const defaults = eformDefaults(schema);
  const prefilled = prefillMap(schema);
  const present = (v: unknown) => v !== undefined && v !== null && v !== '';
  for (const key of eformFieldOrder(schema)) {
    const value = answers[key];
    if (!present(value)) continue;
    const when = conditions[key];
    const holds = !when || answers[when.field] === when.equals;
    if (key in prefilled && holds && offered[key] === value) out[key] = 'prefilled';
    else if (defaults[key] === value) out[key] = 'default';
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
      if (prop['x-reuse'] !== undefined && typeof prop['x-reuse'] !== 'boolean') {
        problems.push({ path: here, messageVi: `Trường "${titleOf(key, prop)}": x-reuse chỉ nhận true hoặc false.` });
      }
      if (prop['x-prefill-when'] !== undefined) {
        const when = prefillConditionOf(prop);
        const target = when && topLevel && isObject(props) ? (props as Record<string, unknown>)[when.field] : undefined;
        if (!when) problems.push({ path: here, messageVi: `Trường "${titleOf(key, prop)}": điều kiện điền sẵn cần dạng { "field": mã trường, "equals": giá trị }.` });
        else if (!isPrefillFact(fact)) problems.push({ path: here, messageVi: `Trường "${titleOf(key, prop)}": có điều kiện điền sẵn nhưng chưa chọn nguồn điền sẵn.` });
        else if (!isObject(target) || when.field === key) problems.push({ path: here, messageVi: `Trường "${titleOf(key, prop)}": điều kiện điền sẵn dựa vào trường "${when.field}" không có trong biểu mẫu.` });
        else if (Array.isArray(target.enum) && !target.enum.includes(when.equals)) {
          problems.push({ path: here, messageVi: `Trường "${titleOf(key, prop)}": "${String(when.equals)}" không phải một lựa chọn của trường "${titleOf(when.field, target)}".` });
        }
      }
      if (fact !== undefined && fact !== null) {
        if (!isPrefillFact(fact)) {
          problems.push({ path: here, messageVi: `Trường "${titleOf(key, prop)}": nguồn điền sẵn không hợp lệ (${String(fact)}).` });
        } else if (!topLevel) {
          problems.push({ path: here, messageVi: `Trường "${titleOf(key, prop)}": chỉ các trường ở cấp đầu của biểu mẫu được điền sẵn.` });
        } else {
          if (fact === 'applicant.birthDate' && prop.format !== 'date') {
            problems.push({ path: here, messageVi: `Trường "${titleOf(key, prop)}": ngày sinh chỉ điền sẵn vào trường kiểu ngày (format: date).` });
          }
          // A conditional field (the subject, when the applicant asks for themself) may repeat the applicant's fact.
          const other = prop['x-prefill-when'] === undefined ? seen.get(fact) : undefined;
          if (other) problems.push({ path: here, messageVi: `"${prefillFactLabels[fact]}" đã được điền sẵn vào trường "${other}".` });
          if (prop['x-prefill-when'] === undefined) seen.set(fact, titleOf(key, prop));
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

/** The answers with every `x-kind: "person-name"` field written with its capitals (on leaving the form, not only on blur). */
export function capitalizeNames(schema: Record<string, unknown> | null, answers: Record<string, unknown>): Record<string, unknown> {
  const props = isObject(schema?.properties) ? schema.properties : {};
  return Object.fromEntries(
    Object.entries(answers).map(([k, v]) => [k, isObject(props[k]) && props[k]['x-kind'] === 'person-name' && typeof v === 'string' && v.trim() ? capitalizeName(v) : v]),
  );
}

/**
 * The e-form's `default` answers of top-level fields (dân tộc "Kinh", quốc tịch "Việt Nam", số bản sao 0): a new form
 * starts with them, so the citizen types only what differs; an earlier dossier's answer may replace them.
 */
export function eformDefaults(schema: Record<string, unknown> | null): Record<string, unknown> {
  const props = isObject(schema?.properties) ? schema.properties : {};
  const out: Record<string, unknown> = {};
  for (const [key, prop] of Object.entries(props)) {
    if (!isObject(prop) || prop.default === undefined || prop.default === null) continue;
    const d = prop.default;
    const fitsType =
      (prop.type === 'string' && typeof d === 'string') ||
      ((prop.type === 'integer' || prop.type === 'number') && typeof d === 'number') ||
      (prop.type === 'boolean' && typeof d === 'boolean');
    if (fitsType && (!Array.isArray(prop.enum) || prop.enum.includes(d))) out[key] = d;
  }
  return out;
}

/** The applicant's facts a declaration, a receipt and the notices print or use. */
export type DeclaredApplicant = { fullName: string; idNumber: string; address: string | null; phone: string | null; email: string | null };

/**
 * The applicant completed from what they declared in the e-form: a fact missing from the account or the desk's record
 * (no address or phone on the profile) is taken from the answer of the field prefilled from that fact (`x-prefill`; a
 * conditionally prefilled field only while its condition holds — otherwise it is about someone else). Facts already
 * known are kept: the CCCD and name come from the identity, not from typed text. So a declaration never prints dots
 * for a residence or phone the citizen typed, and the receipt carries the address they gave.
 */
export function completeApplicant<A extends DeclaredApplicant>(applicant: A, schema: Record<string, unknown> | null, answers: Record<string, unknown> | null): A {
  if (!answers) return applicant;
  const conditions = prefillConditions(schema);
  const out = { ...applicant };
  for (const [key, fact] of Object.entries(prefillMap(schema))) {
    const when = conditions[key];
    if (when && answers[when.field] !== when.equals) continue;
    const v = answers[key];
    if (typeof v !== 'string' || !v.trim()) continue;
    const name = fact.slice('applicant.'.length) as keyof DeclaredApplicant;
    if (!(name in out) || (out[name] !== null && out[name] !== '')) continue;
    (out as Record<string, unknown>)[name] = v.trim();
  }
  return out;
}
