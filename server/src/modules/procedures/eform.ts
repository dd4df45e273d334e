import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

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
  if (validate(data)) return [];
  return (validate.errors ?? []).map((e: ErrorObject) => ({ path: e.instancePath || '/', message: describe(e) }));
}

function describe(e: ErrorObject): string {
  switch (e.keyword) {
    case 'required':
      return `Thiếu trường bắt buộc: ${String((e.params as { missingProperty?: string }).missingProperty)}`;
    case 'format':
      return `Sai định dạng (${String((e.params as { format?: string }).format)})`;
    case 'type':
      return `Sai kiểu dữ liệu (cần ${String((e.params as { type?: string }).type)})`;
    case 'enum':
      return 'Giá trị không nằm trong danh sách cho phép';
    default:
      return e.message ?? 'Không hợp lệ';
  }
}
