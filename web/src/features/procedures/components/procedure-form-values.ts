import dayjs, { type Dayjs } from 'dayjs';
import type { ProcedureContent } from '../api/get-procedure.js';

type Document = ProcedureContent['documents'] extends (infer D)[] | undefined ? D : never;
type LegalBasis = ProcedureContent['legalBasis'] extends (infer L)[] | undefined ? L : never;
type Template = ProcedureContent['templates'] extends (infer T)[] | undefined ? T : never;

/** The editor's form values: the content, with the e-form as JSON text, dates as Dayjs and document templates by name. */
export type ProcedureFormValues = Omit<ProcedureContent, 'eform' | 'documents' | 'legalBasis' | 'templates'> & {
  eformText: string;
  documents: (Omit<Document, 'template'> & { templateName?: string })[];
  legalBasis: (Omit<LegalBasis, 'issuedOn'> & { issuedOn?: Dayjs | null })[];
  templates: Template[];
};

export const emptyContent: ProcedureContent = {
  code: '',
  name: '',
  field: '',
  level: 'commune',
  agency: '',
  processingTime: { amount: 1, unit: 'working_day' },
  fees: [],
  documents: [],
  templates: [],
  eform: null,
  steps: [],
  result: '',
  legalBasis: [],
  onlineLevel: 'none',
  national: null,
  notFullyOnline: null,
  postalIntake: false,
  postalReturn: false,
  applicants: 'Cá nhân',
  conditions: '',
  sequence: '',
};

export function toFormValues(c: ProcedureContent): ProcedureFormValues {
  const { eform, documents = [], legalBasis = [], templates = [], ...rest } = c;
  return {
    ...rest,
    fees: c.fees ?? [],
    steps: c.steps ?? [],
    templates,
    eformText: eform ? JSON.stringify(eform, null, 2) : '',
    documents: documents.map(({ template, ...d }) => ({ ...d, templateName: template?.name })),
    legalBasis: legalBasis.map((l) => ({ ...l, issuedOn: l.issuedOn ? dayjs(l.issuedOn) : null })),
  };
}

const trimmed = (s: string | undefined | null) => (s ?? '').trim();
const optional = (s: string | undefined | null) => (trimmed(s) ? trimmed(s) : undefined);

/** Back to the API's content; throws SyntaxError when the e-form is not JSON (the form validates it first). */
export function toContent(v: ProcedureFormValues): ProcedureContent {
  const templates = (v.templates ?? []).map((t) => ({ name: trimmed(t.name), fileId: t.fileId || undefined, fileName: t.fileName || undefined }));
  const eformText = trimmed(v.eformText);
  return {
    code: trimmed(v.code),
    name: trimmed(v.name),
    field: trimmed(v.field),
    level: v.level,
    agency: trimmed(v.agency),
    processingTime: { amount: v.processingTime.amount, unit: v.processingTime.unit, note: optional(v.processingTime.note) },
    fees: (v.fees ?? []).map((f) => ({ name: trimmed(f.name), amountVnd: f.amountVnd ?? 0, note: optional(f.note) })),
    documents: (v.documents ?? []).map(({ templateName, ...d }) => {
      const template = templateName ? templates.find((t) => t.name === templateName) : undefined;
      return { name: trimmed(d.name), kind: d.kind, count: d.count ?? 1, required: d.required ?? true, ...(template ? { template } : {}) };
    }),
    templates,
    eform: eformText ? (JSON.parse(eformText) as Record<string, unknown>) : null,
    steps: (v.steps ?? []).map((s) => ({ name: trimmed(s.name), role: s.role, unitCode: optional(s.unitCode) ?? null, workingDays: s.workingDays ?? 0 })),
    result: trimmed(v.result),
    legalBasis: (v.legalBasis ?? []).map((l) => ({
      number: trimmed(l.number),
      title: trimmed(l.title),
      issuedOn: l.issuedOn ? l.issuedOn.format('YYYY-MM-DD') : undefined,
      issuer: optional(l.issuer),
    })),
    onlineLevel: v.onlineLevel,
    // The national code is kept only when one is given; the reason only for a service that is not toàn trình.
    national: trimmed(v.national?.maTTHC) ? { maTTHC: trimmed(v.national?.maTTHC), maTruongHop: trimmed(v.national?.maTruongHop) } : null,
    notFullyOnline:
      v.onlineLevel === 'partial' && v.notFullyOnline?.reason
        ? { reason: v.notFullyOnline.reason, explanation: trimmed(v.notFullyOnline.explanation), legalBasis: trimmed(v.notFullyOnline.legalBasis) }
        : null,
    postalIntake: !!v.postalIntake,
    postalReturn: !!v.postalReturn,
    applicants: trimmed(v.applicants) || 'Cá nhân',
    conditions: trimmed(v.conditions),
    sequence: trimmed(v.sequence),
  };
}

/** Form rule: empty, or a JSON object (a JSON Schema). */
export function eformProblem(text: string | undefined): string | null {
  const s = (text ?? '').trim();
  if (!s) return null;
  try {
    const parsed: unknown = JSON.parse(s);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return 'object';
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : 'json';
  }
}
