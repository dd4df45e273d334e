import { useMemo, useRef, useState } from 'react';
import { Form, type FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { validateCccd } from '../../../../../server/src/modules/applicants/cccd.rules.js';
import { applicantOffer, type KnownFacts } from '../../../../../server/src/modules/citizens/citizen.rules.js';
import { eformDefaults, fieldOrigins, followPrefill, type FieldOrigin } from '../../../../../server/src/modules/procedures/eform.rules.js';
import { eformFields, eformValue, type EformField } from './eform-schema.js';

/** The applicant as the intake form holds it. */
export type IntakeApplicant = { kind: 'citizen' | 'organisation'; idNumber?: string; fullName?: string; birthDate?: Dayjs | null; address?: string; phone?: string; email?: string };
type Schema = Record<string, unknown> | null;

const blank = (s: string | undefined) => (s?.trim() ? s.trim() : null);
const NO_FACTS: KnownFacts = { fullName: null, birthDate: null, gender: null, idNumber: null, address: null, phone: null, email: null };

/** The applicant's facts as typed (or found); an organisation's name and tax code are no person's facts. */
function factsOf(a: IntakeApplicant | undefined): KnownFacts {
  if (!a || a.kind !== 'citizen') return NO_FACTS;
  const cccd = a.idNumber ? validateCccd(a.idNumber) : null;
  return {
    fullName: blank(a.fullName),
    birthDate: a.birthDate ? a.birthDate.format('YYYY-MM-DD') : null,
    gender: cccd?.ok ? cccd.gender : null,
    idNumber: blank(a.idNumber),
    address: blank(a.address),
    phone: blank(a.phone),
    email: blank(a.email),
  };
}

/**
 * The desk intake's e-form filled the way the portal fills it, with the same rules (citizen.rules.ts applicantOffer,
 * eform.rules.ts followPrefill, eformDefaults, fieldOrigins) — no second implementation:
 * - a new form starts with the schema's defaults, the applicant's facts over them;
 * - the fields that declare the applicant's fact (`x-prefill`) follow the applicant as the officer types it or the CCCD
 *   look-up finds it, the conditional ones (`x-prefill-when`, the subject of a copy when "Bản thân") only while their
 *   condition holds; fields about another person (the child, the deceased) declare none and are never touched;
 * - what the officer typed over a prefilled value stays;
 * - `origins` says which fields still hold a prefilled or default value, for the hint next to them.
 */
// The intake form's values are read by name ('applicant', 'eform'): the hook needs no more of their type.
export function useEformPrefill(form: FormInstance, schema: Schema, fields: EformField[]) {
  // What the applicant's facts offer the e-form now, and the answers (as JSON) the last time the rule saw them.
  const [offer, setOffer] = useState<Record<string, unknown>>({});
  const offerRef = useRef<Record<string, unknown>>({});
  const answersRef = useRef<Record<string, unknown>>({});
  // `preserve`: the e-form's values are read even for fields not rendered yet.
  const watched = (Form.useWatch('eform', { form, preserve: true }) ?? {}) as Record<string, unknown>;
  const origins: Record<string, FieldOrigin> = useMemo(() => fieldOrigins(schema, eformValue(fields, watched), offer), [schema, fields, watched, offer]);

  const answersOf = (s: Schema) => eformValue(eformFields(s), form.getFieldValue('eform') as Record<string, unknown> | undefined);

  /** Writes back the answers the rule changed (dates as the date picker's values). */
  const apply = (s: Schema, before: Record<string, unknown>, next: Record<string, unknown>) => {
    const dates = new Set(eformFields(s).filter((f) => f.kind === 'date').map((f) => f.name));
    const changed = [...new Set([...Object.keys(before), ...Object.keys(next)])].filter((k) => before[k] !== next[k]);
    answersRef.current = next;
    if (changed.length === 0) return;
    const v = (k: string) => (dates.has(k) && typeof next[k] === 'string' ? dayjs(next[k]) : next[k]);
    form.setFieldValue('eform', { ...(form.getFieldValue('eform') as Record<string, unknown> | undefined), ...Object.fromEntries(changed.map((k) => [k, v(k)])) });
  };

  /** The applicant changed: the prefilled fields follow the new offer. */
  const followApplicantOf = (s: Schema) => {
    if (!s) return;
    const next = applicantOffer(s, factsOf(form.getFieldValue('applicant') as IntakeApplicant | undefined));
    const now = answersOf(s);
    apply(s, now, followPrefill(s, now, now, offerRef.current, next));
    offerRef.current = next;
    setOffer(next);
  };

  return {
    origins,
    /** A procedure was picked: its form starts with its defaults, then the applicant already typed fills it. */
    start(s: Schema) {
      const defaults = eformDefaults(s);
      const dates = new Set(eformFields(s).filter((f) => f.kind === 'date').map((f) => f.name));
      form.setFieldValue('eform', Object.fromEntries(Object.entries(defaults).map(([k, v]) => [k, dates.has(k) && typeof v === 'string' ? dayjs(v) : v])));
      answersRef.current = answersOf(s);
      offerRef.current = {};
      followApplicantOf(s);
    },
    followApplicant: () => followApplicantOf(schema),
    /** An e-form answer changed (the relation "Bản thân" chosen or left): the conditional fields follow it. */
    followAnswers() {
      if (!schema) return;
      const now = answersOf(schema);
      apply(schema, now, followPrefill(schema, answersRef.current, now, offerRef.current));
    },
    reset() {
      offerRef.current = {};
      answersRef.current = {};
      setOffer({});
    },
  };
}
