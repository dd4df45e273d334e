/**
 * Pure rules of the citizens' portal: how a sign-in identifier is read, how the identity provider's claims become a
 * profile, and how an e-form is prefilled from what the state already knows ("Công dân không viết": Thông tư
 * 32/2017/TT-BTTTT Điều 4 and 8 — information already supplied is not asked for again, fields held are offered filled).
 */
import { normalizePhoneVn } from '../applicants/phone.rules.js';
import { isReusable, prefillConditions, prefillMap } from '../procedures/eform.rules.js';
import { feeLines, feeTotal, type FeeRule } from '../procedures/fee.rules.js';

export type Identifier = { kind: 'email'; value: string } | { kind: 'phone'; value: string };

/** An e-mail (lower-cased) or a Vietnamese mobile number (national form), or null. */
export function parseIdentifier(input: string): Identifier | null {
  const s = input.trim();
  if (s.includes('@')) return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s) && s.length <= 200 ? { kind: 'email', value: s.toLowerCase() } : null;
  const p = normalizePhoneVn(s);
  return p.ok && p.kind === 'mobile' ? { kind: 'phone', value: p.national } : null;
}

export type ClaimsProfile = { subject: string; fullName: string; birthDate: string | null; gender: 'male' | 'female' | null; idNumber: string | null };

/**
 * Maps the identity provider's claims (OpenID Connect standard claims plus the CCCD under a configurable claim name,
 * as VNeID-style providers add it) to the citizen's profile.
 */
export function profileFromClaims(claims: Record<string, unknown>, cccdClaim: string): ClaimsProfile | null {
  const str = (k: string) => (typeof claims[k] === 'string' && (claims[k] as string).trim() ? (claims[k] as string).trim() : null);
  const subject = str('sub');
  const fullName = str('name') ?? ([str('family_name'), str('middle_name'), str('given_name')].filter(Boolean).join(' ') || null);
  if (!subject || !fullName) return null;
  const birth = str('birthdate');
  const g = str('gender')?.toLowerCase();
  const gender = g === 'male' || g === 'nam' ? 'male' : g === 'female' || g === 'nữ' || g === 'nu' ? 'female' : null;
  const id = str(cccdClaim)?.replace(/\s/g, '') ?? null;
  return { subject, fullName, birthDate: birth && /^\d{4}-\d{2}-\d{2}$/.test(birth) ? birth : null, gender, idNumber: id && /^\d{12}$/.test(id) ? id : null };
}

/** What the portal knows about the citizen, used to fill forms. */
export type KnownFacts = {
  fullName: string | null;
  birthDate: string | null;
  gender: 'male' | 'female' | null;
  idNumber: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
};

type FactKey = keyof KnownFacts;

type JsonSchemaProp = { type?: unknown; title?: unknown; enum?: unknown; format?: unknown };

/**
 * The e-form prefilled from the applicant's facts: only the fields whose schema declares `x-prefill` (eform.rules.ts),
 * each from the fact it names; no field is guessed from its name or title, so a field about another person (the child,
 * the spouse, the deceased) stays empty. Only values of the field's type (and within its `enum`) are filled.
 * Answers of earlier dossiers are not carried here: they are offered to the citizen (`earlierAnswers`).
 */
export function prefillEform(schema: Record<string, unknown> | null, facts: KnownFacts): Record<string, unknown> {
  return prefillValues(schema, facts, false);
}

/**
 * The values of the fields prefilled only while a condition holds (`x-prefill-when`: the applicant is the subject),
 * offered to the portal, which fills them when the citizen's answer meets the condition (followPrefill).
 */
export function conditionalPrefill(schema: Record<string, unknown> | null, facts: KnownFacts): Record<string, unknown> {
  return prefillValues(schema, facts, true);
}

/**
 * Everything the applicant's facts offer to the e-form, conditional fields included (followPrefill applies each only
 * while its condition holds): what the desk intake computes from the applicant it has just typed or looked up.
 */
export function applicantOffer(schema: Record<string, unknown> | null, facts: KnownFacts): Record<string, unknown> {
  return { ...prefillValues(schema, facts, false), ...prefillValues(schema, facts, true) };
}

function prefillValues(schema: Record<string, unknown> | null, facts: KnownFacts, conditional: boolean): Record<string, unknown> {
  const props = (schema?.properties ?? {}) as Record<string, JsonSchemaProp>;
  const conditions = prefillConditions(schema);
  const out: Record<string, unknown> = {};
  for (const [key, fact] of Object.entries(prefillMap(schema))) {
    if ((conditions[key] !== undefined) !== conditional) continue;
    const prop = props[key]!;
    const factKey = fact.slice('applicant.'.length) as FactKey;
    if (facts[factKey] === null || facts[factKey] === undefined) continue;
    const value = factKey === 'gender' ? genderText(facts.gender!, prop) : facts[factKey];
    if (fits(value, prop)) out[key] = value;
  }
  return out;
}

/**
 * The answers of the citizen's latest earlier dossier of the same procedure that still fit today's schema, offered as
 * "Dùng lại thông tin từ hồ sơ trước?" (never filled without the citizen asking). Null when nothing fits. A field
 * marked `x-reuse: false` (the child of a birth registration, the deceased) is about this case only and never offered.
 */
export function earlierAnswers(schema: Record<string, unknown> | null, earlier: Record<string, unknown> | null): Record<string, unknown> | null {
  if (!earlier) return null;
  const props = (schema?.properties ?? {}) as Record<string, JsonSchemaProp>;
  const out: Record<string, unknown> = {};
  for (const [key, prop] of Object.entries(props)) {
    const value = earlier[key];
    if (!prop || typeof prop !== 'object' || !isReusable(prop) || value === undefined || value === null || value === '') continue;
    if (fits(value, prop)) out[key] = value;
  }
  return Object.keys(out).length > 0 ? out : null;
}

function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

function genderText(g: 'male' | 'female', prop: JsonSchemaProp): string {
  const options = Array.isArray(prop.enum) ? prop.enum.filter((x): x is string => typeof x === 'string') : [];
  const wanted = g === 'male' ? ['nam', 'male'] : ['nu', 'female'];
  return options.find((o) => wanted.includes(fold(o))) ?? (g === 'male' ? 'Nam' : 'Nữ');
}

function fits(value: unknown, prop: JsonSchemaProp): boolean {
  if (Array.isArray(prop.enum) && !prop.enum.includes(value)) return false;
  switch (prop.type) {
    case 'string':
      return typeof value === 'string' && (prop.format !== 'date' || /^\d{4}-\d{2}-\d{2}$/.test(value));
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case undefined:
      return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
    default:
      return false;
  }
}

/**
 * The fee of an online dossier: the procedure's fees that apply to this case (fee.rules.ts: per copy asked in the
 * e-form, online rates); nothing when an officer submits on the citizen's behalf.
 */
export function feeToPay(fees: FeeRule[], assisted: boolean, eform: Record<string, unknown> | null = null): number {
  return assisted ? 0 : feeTotal(feeLines(fees, { eform, channel: 'online' }));
}

/** Online submission needs an online level; the result online needs the fully online level (toàn trình, ND 42/2022 Điều 11). */
export function onlineSubmissionProblem(onlineLevel: 'none' | 'partial' | 'full', resultDelivery: 'desk' | 'post' | 'online'): 'not_online' | 'no_online_result' | null {
  if (onlineLevel === 'none') return 'not_online';
  if (resultDelivery === 'online' && onlineLevel !== 'full') return 'no_online_result';
  return null;
}

/**
 * Required documents that no file was given for: not those merely shown at the desk, nor the declaration the e-form
 * stands for (`filledByEform`, when the procedure has an e-form — its answers are the declaration).
 */
export function missingDocuments(required: { name: string; kind: string; required: boolean; filledByEform?: boolean }[], given: { name: string }[], hasEform = true): string[] {
  const names = new Set(given.map((g) => g.name));
  return required.filter((d) => d.required && d.kind !== 'present' && !(hasEform && d.filledByEform) && !names.has(d.name)).map((d) => d.name);
}
