/**
 * PURE: VietQR payloads (NAPAS, on the EMVCo Merchant-Presented QR format): a transfer to a bank account with the
 * amount and the transfer note filled in, readable by every Vietnamese banking app.
 * Each field is ID (2 digits) + length (2 digits) + value; field 63 is the CRC16-CCITT (poly 0x1021, init 0xFFFF)
 * of the whole payload up to and including "6304", in 4 uppercase hex digits.
 */
export const NAPAS_GUID = 'A000000727';
/** Service code of a transfer to an account number (QRIBFTTC would be to a card). */
export const VIETQR_SERVICE_ACCOUNT = 'QRIBFTTA';

export function tlv(id: string, value: string): string {
  if (!/^\d{2}$/.test(id)) throw new RangeError(`Mã trường không hợp lệ: ${id}`);
  if (value.length > 99) throw new RangeError(`Trường ${id} quá dài`);
  return `${id}${String(value.length).padStart(2, '0')}${value}`;
}

/** CRC-16/CCITT-FALSE over the UTF-8 bytes: "123456789" → "29B1". */
export function crc16Ccitt(text: string): string {
  let crc = 0xffff;
  for (const byte of new TextEncoder().encode(text)) {
    crc ^= byte << 8;
    for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

export type VietQrInput = {
  /** Bank identification number of the receiving bank (6 digits, e.g. 970436). */
  bin: string;
  accountNo: string;
  amountVnd: number;
  /** Transfer note (nội dung chuyển khoản): ASCII letters, digits and spaces, at most 25 characters. */
  purpose: string;
};

/** The payload string to put in the QR code. */
export function buildVietQrPayload(input: VietQrInput): string {
  if (!/^\d{6}$/.test(input.bin)) throw new RangeError('BIN ngân hàng phải có 6 chữ số');
  if (!/^[0-9A-Za-z]{1,19}$/.test(input.accountNo)) throw new RangeError('Số tài khoản không hợp lệ');
  if (!Number.isSafeInteger(input.amountVnd) || input.amountVnd <= 0 || String(input.amountVnd).length > 13) throw new RangeError('Số tiền không hợp lệ');
  if (!/^[0-9A-Za-z ]{1,25}$/.test(input.purpose)) throw new RangeError('Nội dung chuyển khoản chỉ gồm chữ không dấu, số, khoảng trắng (tối đa 25 ký tự)');
  const beneficiary = tlv('00', input.bin) + tlv('01', input.accountNo);
  const merchantAccount = tlv('00', NAPAS_GUID) + tlv('01', beneficiary) + tlv('02', VIETQR_SERVICE_ACCOUNT);
  const body =
    tlv('00', '01') + // payload format indicator
    tlv('01', '12') + // point of initiation: 12 = dynamic (one amount, one payment)
    tlv('38', merchantAccount) +
    tlv('53', '704') + // currency: VND (ISO 4217)
    tlv('54', String(input.amountVnd)) +
    tlv('58', 'VN') +
    tlv('62', tlv('08', input.purpose)) + // additional data: purpose of transaction
    '6304';
  return body + crc16Ccitt(body);
}

/** Top-level fields of a payload (for checks and tests); throws on a malformed length. */
export function parseTlv(payload: string): Map<string, string> {
  const out = new Map<string, string>();
  let i = 0;
  while (i < payload.length) {
    const id = payload.slice(i, i + 2);
    const len = Number(payload.slice(i + 2, i + 4));
    if (!/^\d{2}$/.test(id) || !Number.isInteger(len) || i + 4 + len > payload.length) throw new RangeError(`TLV hỏng tại ${i}`);
    out.set(id, payload.slice(i + 4, i + 4 + len));
    i += 4 + len;
  }
  return out;
}

/** True when the payload's field 63 is the CRC of the rest. */
export function vietQrCrcValid(payload: string): boolean {
  return payload.length > 8 && payload.slice(-8, -4) === '6304' && crc16Ccitt(payload.slice(0, -4)) === payload.slice(-4).toUpperCase();
}
