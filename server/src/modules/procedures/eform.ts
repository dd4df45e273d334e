import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { validateCccd } from '../applicants/cccd.rules.js';
import { ID_PATTERN } from './eform-designer.rules.js';

// ajv-formats is CommonJS; under NodeNext its default export arrives wrapped in `default`.
type AddFormats = (a: Ajv) => Ajv;
const addFormats: AddFormats =
  (addFormatsModule as unknown as { default?: AddFormats }).default ?? (addFormatsModule as unknown as AddFormats);
const ajv = new Ajv({ allErrors: true, strict: false, coerceTypes: false });
addFormats(ajv);
const cache = new Map<string, ValidateFunction>();

export type EformProblem = { path: string; message: string };

/**
 * Validates a filled e-form against the procedure version's JSON Schema (the same schema the web renders).
 * Compiled schemas are cached per version, which never changes once published.
 */
export function validateEform(versionId: string, schema: Record<string, unknown>, data: unknown): EformProblem[] {
  let validate = cache.get(versionId);
  if (!validate) {
    validate = ajv.compile(schema);
    cache.set(versionId, validate);
  }
  const problems = validate(data) ? [] : (validate.errors ?? []).map((e: ErrorObject) => ({ path: e.instancePath || '/', message: describe(e, schema) }));
  return [...problems, ...idNumberProblems(schema, data)];
}

/**
 * A field the form declares a personal identification number (the designer's "id-number": `pattern` ID_PATTERN — the
 * mother's, the father's, the declarant's) is checked by the CCCD rule too (applicants/cccd.rules.ts): 12 digits say
 * nothing of the province code or the century digit, and the applicant's own number is held to that rule.
 */
function idNumberProblems(schema: Record<string, unknown>, data: unknown): EformProblem[] {
  const props = isObject(schema.properties) ? schema.properties : {};
  if (!isObject(data)) return [];
  return Object.entries(props).flatMap(([key, p]) => {
    const v = data[key];
    if (!isObject(p) || p.pattern !== ID_PATTERN || typeof v !== 'string' || !new RegExp(ID_PATTERN).test(v)) return [];
    const r = validateCccd(v);
    return r.ok ? [] : [{ path: `/${key}`, message: `${labelAt(schema, `/${key}`)}: ${r.reasonVi.charAt(0).toLocaleLowerCase('vi')}${r.reasonVi.slice(1)}` }];
  });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The field's label in the form ("Họ, chữ đệm, tên của trẻ") for a JSON pointer, else its key. */
function labelAt(schema: Record<string, unknown>, pointer: string): string {
  const keys = pointer.split('/').filter(Boolean).map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node: unknown = schema;
  for (const k of keys) {
    if (!isObject(node)) return keys.at(-1) ?? '';
    node = isObject(node.properties) && k in node.properties ? node.properties[k] : /^\d+$/.test(k) ? node.items : undefined;
  }
  return isObject(node) && typeof node.title === 'string' ? node.title : (keys.at(-1) ?? 'Tờ khai');
}

const formatNames: Record<string, string> = { date: 'ngày (năm-tháng-ngày)', 'date-time': 'thời điểm', email: 'thư điện tử', uri: 'địa chỉ trang web', time: 'giờ' };
const typeNames: Record<string, string> = { string: 'chữ', number: 'số', integer: 'số nguyên', boolean: 'Có/Không', object: 'nhóm thông tin', array: 'danh sách' };

/** The problem in Vietnamese, naming the field by its label, never a key or a regular expression (shown to officers and citizens). */
function describe(e: ErrorObject, schema: Record<string, unknown>): string {
  const p = e.params as Record<string, unknown>;
  const label = labelAt(schema, e.instancePath);
  switch (e.keyword) {
    case 'required': {
      const missing = String(p.missingProperty);
      return `${labelAt(schema, `${e.instancePath}/${missing}`)} là thông tin bắt buộc.`;
    }
    case 'format':
      return `${label} không đúng định dạng ${formatNames[String(p.format)] ?? String(p.format)}.`;
    case 'type':
      return `${label} phải là ${typeNames[String(p.type)] ?? String(p.type)}.`;
    case 'enum':
    case 'const':
    case 'oneOf':
    case 'anyOf':
      return `${label} phải là một trong các lựa chọn của tờ khai.`;
    case 'pattern':
      return `${label} không đúng định dạng.`;
    case 'minLength':
      return `${label} cần ít nhất ${String(p.limit)} ký tự.`;
    case 'maxLength':
      return `${label} không được dài quá ${String(p.limit)} ký tự.`;
    case 'minimum':
    case 'exclusiveMinimum':
      return `${label} không được nhỏ hơn ${String(p.limit)}.`;
    case 'maximum':
    case 'exclusiveMaximum':
      return `${label} không được lớn hơn ${String(p.limit)}.`;
    case 'additionalProperties':
      return `Tờ khai không có trường ${String(p.additionalProperty)}.`;
    case 'minItems':
      return `${label}: cần ít nhất ${String(p.limit)} mục.`;
    case 'maxItems':
      return `${label}: tối đa ${String(p.limit)} mục.`;
    default:
      return `${label} không hợp lệ.`;
  }
}
