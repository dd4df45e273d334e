/**
 * PURE: the e-form designer's model (console, issue 15). An administrator builds a procedure's e-form as a list of
 * fields — label, type, required, options, order, prefill source — and the designer writes the JSON Schema the
 * server validates with Ajv and the portal renders (EformFields). Keywords the designer does not manage (lengths,
 * descriptions, nested objects, lists) are kept as they were; a field it cannot show (an object, a list) stays as is
 * and keeps its place.
 */
import { eformFieldOrder, isPrefillFact, isReusable, prefillConditionOf, type PrefillCondition, type TPrefillFact } from './eform.rules.js';

export const DESIGNER_FIELD_TYPES = ['text', 'person-name', 'id-number', 'number', 'integer', 'date', 'email', 'boolean', 'select', 'other'] as const;
export type DesignerFieldType = (typeof DESIGNER_FIELD_TYPES)[number];

/** How the designer names each type of field (Vietnamese, as the administrator reads it). */
export const designerFieldTypeLabels: Record<DesignerFieldType, string> = {
  text: 'Chữ',
  'person-name': 'Họ và tên',
  'id-number': 'Số định danh (12 chữ số)',
  number: 'Số',
  integer: 'Số nguyên',
  date: 'Ngày',
  email: 'Thư điện tử',
  boolean: 'Có / Không',
  select: 'Chọn một trong danh sách',
  other: 'Nhóm, danh sách (chỉnh trong JSON)',
};

export type DesignerField = {
  key: string;
  title: string;
  type: DesignerFieldType;
  required: boolean;
  /** Choices of a `select` field, in order. */
  options: string[];
  prefill: TPrefillFact | null;
  /** Prefilled only while another answer equals a value (`x-prefill-when`: the applicant is the subject). */
  prefillWhen: PrefillCondition | null;
  /** Offered from the citizen's earlier dossier (`x-reuse`); off for what belongs to this case only (the new child). */
  reuse: boolean;
  /** The field's schema as it was, so that keywords the designer does not manage survive an edit. */
  original: Record<string, unknown>;
};

export type DesignerForm = { title: string; fields: DesignerField[]; original: Record<string, unknown> };

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The pattern that makes an e-form field a personal identification number (the designer's "id-number" type). */
export const ID_PATTERN = '^[0-9]{12}$';

function typeOf(p: Record<string, unknown>): DesignerFieldType {
  if (Array.isArray(p.enum)) return 'select';
  if (p.type === 'boolean') return 'boolean';
  if (p.type === 'integer') return 'integer';
  if (p.type === 'number') return 'number';
  if (p.type === 'string') {
    if (p.format === 'date') return 'date';
    if (p.format === 'email') return 'email';
    if (p.pattern === ID_PATTERN) return 'id-number';
    if (p['x-kind'] === 'person-name') return 'person-name';
    return 'text';
  }
  return 'other';
}

/** Reads a JSON Schema e-form into the designer's fields (top-level, in the legal form's order). */
export function schemaToDesigner(schema: Record<string, unknown> | null): DesignerForm {
  const props = isObject(schema?.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema?.required) ? schema.required.filter((k): k is string => typeof k === 'string') : []);
  const fields = eformFieldOrder(schema).map((key): DesignerField => {
    const p = isObject(props[key]) ? props[key] : {};
    return {
      key,
      title: typeof p.title === 'string' ? p.title : key,
      type: typeOf(p),
      required: required.has(key),
      options: Array.isArray(p.enum) ? p.enum.map(String) : [],
      prefill: isPrefillFact(p['x-prefill']) ? p['x-prefill'] : null,
      prefillWhen: prefillConditionOf(p),
      reuse: isReusable(p),
      original: p,
    };
  });
  return { title: typeof schema?.title === 'string' ? schema.title : '', fields, original: schema ?? {} };
}

/** Keywords the designer's own controls write. */
const DESIGNER_KEYWORDS: readonly string[] = ['title', 'x-prefill', 'x-prefill-when', 'x-reuse'];

/** Keywords whose meaning the designer's type decides; dropped from the original before the type writes its own. */
const TYPE_KEYWORDS = ['type', 'format', 'pattern', 'enum', 'x-kind'] as const;

function propOf(f: DesignerField): Record<string, unknown> {
  if (f.type === 'other') return { ...f.original, title: f.title };
  const kept = Object.fromEntries(Object.entries(f.original).filter(([k]) => !(TYPE_KEYWORDS as readonly string[]).includes(k) && !DESIGNER_KEYWORDS.includes(k)));
  const typed: Record<string, unknown> = (() => {
    switch (f.type) {
      case 'text': {
        // A plain text field may carry its own pattern or format (a time "HH:mm", a web address): kept.
        const o = f.original;
        const pattern = typeof o.pattern === 'string' && o.pattern !== ID_PATTERN ? { pattern: o.pattern } : {};
        const format = typeof o.format === 'string' && o.format !== 'date' && o.format !== 'email' ? { format: o.format } : {};
        return { type: 'string', ...format, ...pattern };
      }
      case 'person-name':
        return { type: 'string', 'x-kind': 'person-name' };
      case 'id-number':
        return { type: 'string', pattern: ID_PATTERN };
      case 'number':
        return { type: 'number' };
      case 'integer':
        return { type: 'integer' };
      case 'date':
        return { type: 'string', format: 'date' };
      case 'email':
        return { type: 'string', format: 'email' };
      case 'boolean':
        return { type: 'boolean' };
      case 'select':
        return { type: 'string', enum: f.options };
    }
  })();
  // Lengths only mean something on text; a number field with minLength would be a schema Ajv reads differently.
  if (typed.type !== 'string') for (const k of ['minLength', 'maxLength']) delete kept[k];
  if (typed.type !== 'number' && typed.type !== 'integer') for (const k of ['minimum', 'maximum']) delete kept[k];
  return {
    ...typed,
    title: f.title,
    ...kept,
    ...(f.prefill ? { 'x-prefill': f.prefill } : {}),
    ...(f.prefill && f.prefillWhen ? { 'x-prefill-when': f.prefillWhen } : {}),
    ...(f.reuse ? {} : { 'x-reuse': false }),
  };
}

/** Writes the designer's fields back as the e-form's JSON Schema, order in `x-order`, required fields in `required`. */
export function designerToSchema(form: DesignerForm): Record<string, unknown> | null {
  if (form.fields.length === 0 && !form.title) return null;
  const rest = Object.fromEntries(Object.entries(form.original).filter(([k]) => !['properties', 'required', 'x-order', 'ui:order', 'title', 'type'].includes(k)));
  const required = form.fields.filter((f) => f.required).map((f) => f.key);
  return {
    type: 'object',
    ...(form.title ? { title: form.title } : {}),
    ...rest,
    properties: Object.fromEntries(form.fields.map((f) => [f.key, propOf(f)])),
    ...(required.length > 0 ? { required } : {}),
    'x-order': form.fields.map((f) => f.key),
  };
}

/**
 * A field key from its Vietnamese label, the way the seed catalogue names them: accents dropped, camelCase
 * ("Nơi cấp giấy tờ" → "noiCapGiayTo"), made unique among `taken` with a number.
 */
export function fieldKeyOf(title: string, taken: readonly string[]): string {
  const words = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean)
    .slice(0, 6);
  let base = words.map((w, i) => (i === 0 ? w.toLowerCase() : w.charAt(0).toUpperCase() + w.slice(1).toLowerCase())).join('') || 'truong';
  if (/^[0-9]/.test(base)) base = `truong${base}`;
  let key = base;
  for (let n = 2; taken.includes(key); n++) key = `${base}${n}`;
  return key;
}

export type DesignerProblem = { index: number; messageVi: string };

/** What keeps the designed form from being saved, per field, in Vietnamese. */
export function designerProblems(form: DesignerForm): DesignerProblem[] {
  const problems: DesignerProblem[] = [];
  const seenKeys = new Set<string>();
  const seenPrefill = new Map<TPrefillFact, string>();
  form.fields.forEach((f, index) => {
    const name = f.title.trim() || `số ${index + 1}`;
    if (!f.title.trim()) problems.push({ index, messageVi: `Trường số ${index + 1}: chưa có nhãn.` });
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(f.key)) problems.push({ index, messageVi: `Trường "${name}": mã trường chỉ gồm chữ không dấu, chữ số và dấu gạch dưới.` });
    else if (seenKeys.has(f.key)) problems.push({ index, messageVi: `Trường "${name}": mã trường "${f.key}" trùng với một trường khác.` });
    seenKeys.add(f.key);
    if (f.type === 'select') {
      const opts = f.options.map((o) => o.trim()).filter(Boolean);
      if (opts.length < 2) problems.push({ index, messageVi: `Trường "${name}": cần ít nhất hai lựa chọn.` });
      else if (new Set(opts).size !== opts.length) problems.push({ index, messageVi: `Trường "${name}": có lựa chọn trùng nhau.` });
    }
    if (f.prefill) {
      if (f.prefill === 'applicant.birthDate' && f.type !== 'date') problems.push({ index, messageVi: `Trường "${name}": ngày sinh chỉ điền sẵn vào trường kiểu Ngày.` });
      // A field filled under a condition (the subject, when the applicant asks for themself) may repeat a fact.
      const other = f.prefillWhen ? undefined : seenPrefill.get(f.prefill);
      if (other) problems.push({ index, messageVi: `Trường "${name}": nguồn điền sẵn này đã dùng cho trường "${other}".` });
      if (!f.prefillWhen) seenPrefill.set(f.prefill, name);
      if (f.prefillWhen) {
        const target = form.fields.find((g) => g.key === f.prefillWhen!.field);
        if (!target || target === f) problems.push({ index, messageVi: `Trường "${name}": chọn trường làm điều kiện điền sẵn.` });
        else if (target.type === 'select' && !target.options.includes(String(f.prefillWhen.equals))) {
          problems.push({ index, messageVi: `Trường "${name}": chọn giá trị của trường "${target.title || target.key}" khi nào thì điền sẵn.` });
        }
      }
    }
  });
  return problems;
}

/** Moves the field at `from` to `to` (both in range), the others keeping their order. */
export function moveField<T>(list: readonly T[], from: number, to: number): T[] {
  if (from === to || from < 0 || to < 0 || from >= list.length || to >= list.length) return [...list];
  const out = [...list];
  const [item] = out.splice(from, 1);
  out.splice(to, 0, item as T);
  return out;
}
