/**
 * Pure rules of the citizens' portal: how a sign-in identifier is read, how the identity provider's claims become a
 * profile, and how an e-form is prefilled from what the state already knows ("Công dân không viết": Thông tư
 * 32/2017/TT-BTTTT Điều 4 and 8 — information already supplied is not asked for again, fields held are offered filled).
 */
import { normalizePhoneVn } from '../applicants/phone.rules.js';

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

function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** "of the requester" (của người yêu cầu / người khai / người nộp / người đề nghị), allowed after a field name. */
const self = '(cua)?(nguoi(yeucau|khai|nop|denghi|dinghi|dangky))?';

/**
 * Recognised field names and titles (accent- and case-folded, matched whole): a field about someone else ("họ tên
 * người được khai sinh", "ngày sinh của con") is never filled with the citizen's own facts.
 */
const patterns: [FactKey, RegExp][] = [
  ['fullName', new RegExp(`^(hoten|hovaten|hochudem(va)?ten|fullname|ten)${self}$`)],
  ['birthDate', new RegExp(`^(ngaysinh|ngaythangnamsinh|birthdate|dateofbirth)${self}$`)],
  ['gender', new RegExp(`^(gioitinh|gender)${self}$`)],
  ['idNumber', new RegExp(`^(so)?(cccd|cancuoc(congdan)?|dinhdanh(canhan)?|giaytotuythan|idnumber)${self}$`)],
  ['address', new RegExp(`^(diachi|noicutru|noithuongtru|thuongtru|noiohientai|diachithuongtru|address)${self}$`)],
  ['phone', new RegExp(`^(so)?(dienthoai|phone)${self}$`)],
  ['email', new RegExp(`^(email|thudientu)${self}$`)],
];

/** The fact a schema field asks for, from its key or its title. */
export function factOfField(key: string, title: string | undefined): FactKey | null {
  for (const candidate of [fold(key), title ? fold(title) : '']) {
    if (!candidate) continue;
    const hit = patterns.find(([, re]) => re.test(candidate));
    if (hit) return hit[0];
  }
  return null;
}

type JsonSchemaProp = { type?: unknown; title?: unknown; enum?: unknown; format?: unknown };

/**
 * The e-form prefilled: each field the profile knows (name, date of birth, gender, CCCD, address, phone, e-mail) gets
 * the profile's value; every other field takes the citizen's latest earlier answer to the same field (`earlier`,
 * newest first). Only top-level fields of the schema are filled, only with values of the field's type (and within its
 * `enum` when there is one); nothing outside the schema is added.
 */
export function prefillEform(schema: Record<string, unknown> | null, facts: KnownFacts, earlier: Record<string, unknown>[]): Record<string, unknown> {
  const props = (schema?.properties ?? {}) as Record<string, JsonSchemaProp>;
  const out: Record<string, unknown> = {};
  for (const [key, prop] of Object.entries(props)) {
    if (!prop || typeof prop !== 'object') continue;
    const fact = factOfField(key, typeof prop.title === 'string' ? prop.title : undefined);
    let value: unknown = undefined;
    if (fact && facts[fact] !== null) value = fact === 'gender' ? genderText(facts.gender!, prop) : facts[fact];
    if (value === undefined) value = earlier.find((e) => e[key] !== undefined && e[key] !== null && e[key] !== '')?.[key];
    if (value !== undefined && fits(value, prop)) out[key] = value;
  }
  return out;
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

/** The fee shown before submitting: the procedure's fees added up; nothing when an officer submits on the citizen's behalf. */
export function feeToPay(fees: { amountVnd: number }[], assisted: boolean): number {
  return assisted ? 0 : fees.reduce((sum, f) => sum + f.amountVnd, 0);
}

/** Online submission needs an online level; the result online needs the fully online level (toàn trình, ND 42/2022 Điều 11). */
export function onlineSubmissionProblem(onlineLevel: 'none' | 'partial' | 'full', resultDelivery: 'desk' | 'post' | 'online'): 'not_online' | 'no_online_result' | null {
  if (onlineLevel === 'none') return 'not_online';
  if (resultDelivery === 'online' && onlineLevel !== 'full') return 'no_online_result';
  return null;
}

/** Required documents (not merely shown at the desk) that no file was given for. */
export function missingDocuments(required: { name: string; kind: string; required: boolean }[], given: { name: string }[]): string[] {
  const names = new Set(given.map((g) => g.name));
  return required.filter((d) => d.required && d.kind !== 'present' && !names.has(d.name)).map((d) => d.name);
}
