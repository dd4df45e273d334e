/**
 * The prefilled declaration (tờ khai điền sẵn) an officer prints for the citizen to sign, so the citizen writes
 * nothing ("Công dân không viết"): the citizen's identity from the CCCD data and the procedure's e-form answers,
 * under the national heading (Nghị định 30/2020/NĐ-CP Phụ lục I). Pure: a form model the PDF and DOCX renderers place.
 */
import type { FormBlock, FormModel } from '../forms/forms.contract.js';
import { NATIONAL_HEADING } from '../forms/forms.rules.js';
import { formatDateLine } from '../forms/vn-format.rules.js';
import { eformAnswerLines } from '../procedures/eform-answers.rules.js';
import { completeApplicant } from '../procedures/eform.rules.js';

export type DeclarationInput = {
  procedure: { code: string; name: string; agency: string; eform: Record<string, unknown> | null };
  applicant: { fullName: string; idNumber: string; birthDate: string | null; gender: 'male' | 'female' | null; address: string | null; phone: string | null; email: string | null };
  eform: Record<string, unknown>;
  placeName: string;
  /** The unit the citizen chose to resolve it ("Phường An Bình"), when known: the declaration is addressed to it. */
  resolvingUnitName?: string | null;
  now: Date;
};

const TERRITORY = /^(Phường|Xã|Đặc khu|Thị trấn|Tỉnh|Thành phố)\s/u;
const lowerFirst = (s: string) => s.replace(/^(\S)/u, (c) => c.toLowerCase());

/**
 * The agency that receives the declaration, by the procedure's "cơ quan thực hiện" (its `agency`, as the national
 * catalogue publishes it): the first agency named (before "hoặc", ";", notes in brackets, a lower-case description
 * after a dash), its level ("cấp xã", "cấp tỉnh") made the chosen unit ("Công an cấp xã" → "Công an phường An Bình").
 * A People's Committee (or its Chairman) resolves in the name of the chosen commune or province; an agency named
 * without a level (Văn phòng đăng ký đất đai) is the chosen province's or commune's own; a chosen unit that is not a
 * territory (a department) is addressed by its own name. Unknown unit: the agency as published.
 */
export function addresseeOf(agency: string, unitName: string | null | undefined): string {
  const first = agency
    .replace(/\s*\([^)]*\)/gu, '')
    .split(/;|\s+hoặc\s+/u)[0]!
    .split(/\s+[–-]\s+(?=\p{Ll})/u)[0]!
    .trim();
  if (!unitName) return `Kính gửi: ${first || agency}`;
  if (!TERRITORY.test(unitName)) return `Kính gửi: ${unitName}`;
  const place = lowerFirst(unitName);
  if (/(?<!\p{L})cấp (xã|tỉnh|huyện)(?!\p{L})/u.test(first)) return `Kính gửi: ${first.replace(/(?<!\p{L})cấp (xã|tỉnh|huyện)(?!\p{L})/u, place)}`;
  if (/^(Chủ tịch )?Ủy ban nhân dân$/u.test(first) || !first) return `Kính gửi: ${first.startsWith('Chủ tịch') ? 'Chủ tịch ' : ''}Ủy ban nhân dân ${place}`;
  return `Kính gửi: ${first} ${place}`;
}

const dmy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** The declaration as a form model: one line per identity fact and per e-form field (blank ones are dotted lines to fill by hand). */
export function declarationModel(input: DeclarationInput): FormModel {
  // Residence, phone, e-mail the account lacks, as the citizen declared them in the e-form.
  const a = completeApplicant(input.applicant, input.procedure.eform, input.eform);
  const body: FormBlock[] = [
    { kind: 'paragraph', text: 'I. THÔNG TIN NGƯỜI YÊU CẦU', emphasis: 'bold' },
    { kind: 'field', label: 'Họ, chữ đệm và tên', value: a.fullName.toUpperCase() },
    { kind: 'field', label: 'Ngày, tháng, năm sinh', value: a.birthDate ? dmy(a.birthDate) : '' },
    { kind: 'field', label: 'Giới tính', value: a.gender === 'male' ? 'Nam' : a.gender === 'female' ? 'Nữ' : '' },
    { kind: 'field', label: 'Số định danh cá nhân (CCCD)', value: a.idNumber },
    { kind: 'field', label: 'Nơi cư trú', value: a.address ?? '' },
    { kind: 'field', label: 'Số điện thoại', value: a.phone ?? '' },
    { kind: 'field', label: 'Thư điện tử', value: a.email ?? '' },
  ];
  // The lines the officer saw on the dossier page (one renderer): the legal form's order, labels, dd/MM/yyyy, option labels.
  const lines = eformAnswerLines(input.procedure.eform, input.eform);
  if (lines.length > 0) {
    body.push({ kind: 'paragraph', text: 'II. NỘI DUNG ĐỀ NGHỊ', emphasis: 'bold' });
    for (const l of lines) body.push({ kind: 'field', label: l.label, value: l.text });
  }
  body.push({ kind: 'paragraph', text: 'Tôi cam đoan những nội dung khai trên đây là đúng sự thật và chịu trách nhiệm trước pháp luật về lời khai của mình.', emphasis: 'italic' });
  return {
    formKey: 'declaration',
    ruleSetId: 'nd118-2025',
    formNumber: 'Tờ khai điền sẵn',
    circular: `Thủ tục ${input.procedure.code}`,
    paper: 'A4',
    orientation: 'portrait',
    agencyLines: [],
    nationalHeading: NATIONAL_HEADING,
    documentNumber: null,
    dateLine: formatDateLine(input.placeName, input.now),
    qr: null,
    title: 'TỜ KHAI',
    subtitle: [input.procedure.name],
    addressee: addresseeOf(input.procedure.agency, input.resolvingUnitName),
    body,
    recipients: null,
    signatures: [{ capacity: ['NGƯỜI KHAI'], hint: '(Ký, ghi rõ họ tên)', name: a.fullName }],
    footer: ['Tờ khai do cán bộ bộ phận một cửa điền sẵn từ dữ liệu căn cước của người yêu cầu; người yêu cầu kiểm tra và ký.'],
  };
}
