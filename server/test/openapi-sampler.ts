import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';

/** A JSON Schema node as @fastify/swagger publishes it (the subset the sampler reads). */
export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
  default?: unknown;
  nullable?: boolean;
  additionalProperties?: unknown;
};

export type Parameter = { name: string; in: 'path' | 'query' | 'header' | 'cookie'; required?: boolean; schema?: JsonSchema };

/** One operation of the published OpenAPI document. */
export type Operation = {
  method: string;
  /** OpenAPI path, e.g. /api/users/{id}. */
  path: string;
  access: string;
  parameters: Parameter[];
  body: JsonSchema | null;
  bodyType: string | null;
};

/** Every operation of the app's OpenAPI document (/docs/json), with its declared x-access. */
export function operationsOf(app: FastifyInstance): Operation[] {
  const doc = app.swagger() as { paths: Record<string, Record<string, { 'x-access'?: string; parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: JsonSchema }> } }>> };
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const content = op.requestBody?.content ?? {};
      const bodyType = Object.keys(content)[0] ?? null;
      ops.push({ method: method.toUpperCase(), path, access: op['x-access'] ?? 'undeclared', parameters: op.parameters ?? [], body: bodyType ? content[bodyType]!.schema : null, bodyType });
    }
  }
  return ops;
}

/** Values the sampler puts in fields by name: real ids from the fixtures, so requests reach the code behind the checks. */
export type Bindings = { byName: (name: string, context: string) => unknown };

/** A plausible value for `schema` (valid where the sampler can tell), with fixture ids wherever a name asks for one. */
export function sample(schema: JsonSchema | undefined, name: string, bindings: Bindings, context: string, depth = 0): unknown {
  if (!schema || depth > 6) return null;
  const bound = bindings.byName(name, context);
  if (bound !== undefined) return bound;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  if (schema.default !== undefined && depth > 0) return schema.default;
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) return sample(alternatives.find((a) => a.type !== 'null') ?? alternatives[0], name, bindings, context, depth + 1);
  if (schema.allOf?.length) return Object.assign({}, ...schema.allOf.map((s) => sample(s, name, bindings, context, depth + 1) as object));
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, prop] of Object.entries(schema.properties ?? {})) out[key] = sample(prop, key, bindings, context, depth + 1);
      return out;
    }
    case 'array':
      return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => sample(schema.items, singular(name), bindings, context, depth + 1));
    case 'integer':
    case 'number':
      return schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 1);
    case 'boolean':
      return true;
    case 'string':
      return sampleString(schema);
    default:
      return null;
  }
}

function singular(name: string): string {
  return name.endsWith('Ids') ? name.slice(0, -1) : name;
}

function sampleString(s: JsonSchema): string {
  switch (s.format) {
    case 'uuid':
      return '3f1c1b1e-8b7a-4c1d-9e2f-0a1b2c3d4e5f';
    case 'date':
      return '2026-11-25';
    case 'date-time':
      return '2026-11-25T02:00:00.000Z';
    case 'email':
      return 'thu@example.vn';
    case 'uri':
      return 'https://example.vn/';
    default:
      break;
  }
  if (s.pattern) {
    try {
      const [v] = fc.sample(fc.stringMatching(new RegExp(s.pattern), { size: 'xsmall' }), { numRuns: 1, seed: 11 });
      if (v !== undefined && v.length >= (s.minLength ?? 0) && v.length <= (s.maxLength ?? Infinity)) return v;
    } catch {
      // A pattern fast-check cannot invert: fall through to a plain string.
    }
  }
  const n = Math.min(Math.max(s.minLength ?? 0, 8), s.maxLength ?? 8);
  return 'Thử nghiệm'.padEnd(n, 'x').slice(0, Math.max(n, s.minLength ?? 0));
}

/** The URL of an operation with its path parameters bound and its query parameters sampled. */
export function urlOf(op: Operation, bindings: Bindings, overrides: { path?: Record<string, string>; query?: Record<string, string> } = {}): string {
  let path = op.path;
  for (const p of op.parameters.filter((x) => x.in === 'path')) {
    const v = overrides.path?.[p.name] ?? String(sample(p.schema, p.name, bindings, op.path));
    path = path.replace(`{${p.name}}`, encodeURIComponent(v));
  }
  const query = new URLSearchParams();
  for (const p of op.parameters.filter((x) => x.in === 'query')) {
    if (overrides.query && p.name in overrides.query) query.set(p.name, overrides.query[p.name]!);
    else if (p.required) query.set(p.name, String(sample(p.schema, p.name, bindings, op.path)));
  }
  const qs = query.toString();
  return qs ? `${path}?${qs}` : path;
}
