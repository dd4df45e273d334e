import dayjs, { type Dayjs } from 'dayjs';
import { eformFieldOrder } from '../../../../../server/src/modules/procedures/eform.rules.js';

/** One field of a procedure's e-form, read from its JSON Schema (only the flat subset the desk can type in). */
export type EformField = {
  name: string;
  title: string;
  description?: string;
  kind: 'string' | 'text' | 'date' | 'email' | 'enum' | 'multi' | 'tags' | 'number' | 'integer' | 'boolean' | 'unsupported';
  required: boolean;
  options?: { value: string | number; label: string }[];
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  pattern?: string;
};

type JsonSchema = Record<string, unknown>;

const isObject = (v: unknown): v is JsonSchema => typeof v === 'object' && v !== null && !Array.isArray(v);

function kindOf(p: JsonSchema): EformField['kind'] {
  if (Array.isArray(p.enum) || Array.isArray(p.oneOf)) return 'enum';
  const type = Array.isArray(p.type) ? p.type.find((x) => x !== 'null') : p.type;
  switch (type) {
    // A list of choices ("tick every one that applies": the indicators of a poor household, the data asked of the land
    // office) is ticked; a list of free words is typed as tags.
    case 'array':
      if (isObject(p.items) && (Array.isArray(p.items.enum) || Array.isArray(p.items.oneOf))) return 'multi';
      if (isObject(p.items) && (p.items.type === 'string' || p.items.type === undefined)) return 'tags';
      return 'unsupported';
    case 'string':
      if (p.format === 'date') return 'date';
      if (p.format === 'email') return 'email';
      return typeof p.maxLength === 'number' && p.maxLength > 200 ? 'text' : 'string';
    case 'number':
      return 'number';
    case 'integer':
      return 'integer';
    case 'boolean':
      return 'boolean';
    default:
      return 'unsupported';
  }
}

function optionsOf(p: JsonSchema): EformField['options'] {
  if (p.type === 'array' && isObject(p.items)) return optionsOf(p.items);
  if (Array.isArray(p.enum)) {
    const names = Array.isArray(p.enumNames) ? p.enumNames : [];
    return (p.enum as unknown[]).filter((v): v is string | number => typeof v === 'string' || typeof v === 'number').map((v, i) => ({ value: v, label: String(names[i] ?? v) }));
  }
  if (Array.isArray(p.oneOf)) {
    return (p.oneOf as unknown[])
      .filter(isObject)
      .filter((o) => typeof o.const === 'string' || typeof o.const === 'number')
      .map((o) => ({ value: o.const as string | number, label: String(o.title ?? o.const) }));
  }
  return undefined;
}

/** The e-form's top-level properties as simple fields, in the schema's order. */
export function eformFields(schema: unknown): EformField[] {
  if (!isObject(schema) || !isObject(schema.properties)) return [];
  const required = new Set(Array.isArray(schema.required) ? schema.required.filter((x): x is string => typeof x === 'string') : []);
  const properties = schema.properties;
  // The legal form's order, the same rule as the printed declaration and the portal (x-order, then propertyOrder).
  const entries = eformFieldOrder(schema)
    .map((name): [string, unknown] => [name, properties[name]])
    .filter((entry): entry is [string, JsonSchema] => isObject(entry[1]));
  return entries
    .map(([name, p]) => ({
      name,
      title: typeof p.title === 'string' ? p.title : name,
      description: typeof p.description === 'string' ? p.description : undefined,
      kind: kindOf(p),
      required: required.has(name),
      options: optionsOf(p),
      minimum: typeof p.minimum === 'number' ? p.minimum : undefined,
      maximum: typeof p.maximum === 'number' ? p.maximum : undefined,
      maxLength: typeof p.maxLength === 'number' ? p.maxLength : undefined,
      pattern: typeof p.pattern === 'string' ? p.pattern : undefined,
    }));
}

/** The filled form as the JSON the schema describes: dates as YYYY-MM-DD, empty answers left out. */
export function eformValue(fields: EformField[], values: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = values?.[f.name];
    if (f.kind === 'boolean') {
      out[f.name] = v === true;
      continue;
    }
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    if (f.kind === 'date') out[f.name] = dayjs.isDayjs(v) ? (v as Dayjs).format('YYYY-MM-DD') : String(v);
    else if (typeof v === 'string') out[f.name] = v.trim();
    else if (f.kind === 'multi' && Array.isArray(v)) out[f.name] = (f.options ?? []).map((o) => o.value).filter((o) => v.includes(o)); // the form's order
    else out[f.name] = v;
  }
  return out;
}
