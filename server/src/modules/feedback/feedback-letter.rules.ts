/**
 * The letter that routes a complaint or a denunciation out of the PAKN process (Nghị định 20/2008/NĐ-CP Điều 9: these
 * are not feedback; Luật Khiếu nại 2011 Điều 7 and Luật Tố cáo 2018 Điều 12 say who settles them). The receiving unit
 * tells the sender, in writing, where to file — the officer's text says which agency; this letter frames it as an
 * administrative letter (Nghị định 30/2020/NĐ-CP Phụ lục I: công văn) for the one PDF renderer of the forms module.
 */
import type { FormModel } from '../forms/forms.contract.js';
import { NATIONAL_HEADING } from '../forms/forms.rules.js';
import { formatDateLine, formatVnDate } from '../forms/vn-format.rules.js';

export type RoutingLetterInput = {
  kind: 'complaint' | 'denunciation';
  code: string;
  subject: string;
  receivedAt: Date;
  issuedAt: Date;
  sender: { name: string; address: string | null };
  /** The unit that received the item, and the authority above it (printed first), e.g. "UBND phường An Bình". */
  unitName: string;
  parentName: string | null;
  placeName: string;
  /** The officer's guidance: where to file and how (the note given when classifying). */
  guidance: string;
  signer: { capacity: string; name: string };
};

const upper = (s: string) => s.toLocaleUpperCase('vi-VN');

export function buildRoutingLetter(i: RoutingLetterInput): FormModel {
  const law = i.kind === 'complaint' ? 'Luật Khiếu nại năm 2011' : 'Luật Tố cáo năm 2018';
  const what = i.kind === 'complaint' ? 'khiếu nại' : 'tố cáo';
  return {
    formKey: 'letter',
    ruleSetId: 'nd118-2025',
    formNumber: 'Văn bản hướng dẫn',
    circular: 'Nghị định 20/2008/NĐ-CP Điều 9',
    paper: 'A4',
    orientation: 'portrait',
    agencyLines: [i.parentName, i.unitName].filter((s): s is string => s !== null).map(upper),
    nationalHeading: NATIONAL_HEADING,
    documentNumber: `Số: ${i.code}`,
    dateLine: formatDateLine(i.placeName, i.issuedAt),
    qr: null,
    title: `V/V HƯỚNG DẪN GỬI ĐƠN ${upper(what)}`,
    subtitle: [],
    addressee: `Kính gửi: Ông/Bà ${i.sender.name}${i.sender.address ? ` (${i.sender.address})` : ''}`,
    body: [
      {
        kind: 'paragraph',
        text: `Ngày ${formatVnDate(i.receivedAt)}, ${i.unitName} nhận được nội dung của Ông/Bà gửi qua hệ thống tiếp nhận phản ánh, kiến nghị (số ${i.code}) về việc: ${i.subject}.`,
      },
      {
        kind: 'paragraph',
        text: `Qua xem xét, nội dung trên là ${what}, không thuộc phạm vi tiếp nhận, xử lý phản ánh, kiến nghị theo Nghị định số 20/2008/NĐ-CP (Điều 9) mà được giải quyết theo ${law}. Vì vậy, ${i.unitName} không xử lý nội dung này theo thủ tục phản ánh, kiến nghị và hướng dẫn Ông/Bà như sau:`,
      },
      { kind: 'paragraph', text: i.guidance },
      { kind: 'paragraph', text: `${i.unitName} thông báo để Ông/Bà biết và thực hiện./.` },
    ],
    recipients: ['- Như trên;', '- Lưu: VT.'],
    signatures: [{ capacity: [upper(i.signer.capacity)], hint: '(Ký, ghi rõ họ tên)', name: i.signer.name }],
    footer: [],
  };
}
