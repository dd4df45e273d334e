/**
 * PURE: reading a bank statement of incoming transfers, as CSV (header: amount,time,description,bank_ref in any order;
 * "bankRef" also accepted) or as JSON lines ({"amount":…,"time":…,"description":…,"bankRef":…}). Amounts are whole VND
 * ("15000", "15.000", "15,000" are read alike); a line that cannot be read is reported with its number, never guessed.
 */
export type StatementLine = { line: number; amountVnd: number; receivedAt: Date; description: string; bankRef: string };
export type StatementProblem = { line: number; message: string };

function parseAmount(raw: unknown): number | null {
  const s = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim().replace(/[.,\s]/g, '').replace(/(VND|đ)$/i, '') : '';
  if (!/^\d{1,13}$/.test(s)) return null;
  const n = Number(s);
  return n > 0 ? n : null;
}

function parseTime(raw: unknown): Date | null {
  if (typeof raw !== 'string' || raw.trim() === '') return null;
  const s = raw.trim();
  // Without an offset a bank statement time is Vietnam time.
  const iso = /[zZ]|[+-]\d{2}:?\d{2}$/.test(s) ? s : `${s.replace(' ', 'T')}+07:00`;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Splits one CSV record (RFC 4180 quotes, "" inside quotes). */
function splitCsv(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

function toLine(n: number, rec: { amount: unknown; time: unknown; description: unknown; bankRef: unknown }): StatementLine | StatementProblem {
  const amountVnd = parseAmount(rec.amount);
  if (amountVnd === null) return { line: n, message: 'Số tiền không hợp lệ' };
  const receivedAt = parseTime(rec.time);
  if (!receivedAt) return { line: n, message: 'Thời gian không hợp lệ' };
  const bankRef = typeof rec.bankRef === 'string' || typeof rec.bankRef === 'number' ? String(rec.bankRef).trim() : '';
  if (!/^[\w.\-/]{1,64}$/.test(bankRef)) return { line: n, message: 'Thiếu hoặc sai mã giao dịch ngân hàng' };
  const description = typeof rec.description === 'string' ? rec.description.trim().slice(0, 500) : '';
  return { line: n, amountVnd, receivedAt, description, bankRef };
}

export function parseStatement(text: string): { lines: StatementLine[]; problems: StatementProblem[] } {
  const rows = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const lines: StatementLine[] = [];
  const problems: StatementProblem[] = [];
  const push = (r: StatementLine | StatementProblem) => ('bankRef' in r ? lines.push(r) : problems.push(r));
  const firstIdx = rows.findIndex((r) => r.trim() !== '');
  if (firstIdx < 0) return { lines, problems };
  if (rows[firstIdx]!.trim().startsWith('{')) {
    rows.forEach((row, i) => {
      if (row.trim() === '') return;
      try {
        const o = JSON.parse(row) as Record<string, unknown>;
        push(toLine(i + 1, { amount: o.amount, time: o.time, description: o.description, bankRef: o.bankRef ?? o.bank_ref }));
      } catch {
        problems.push({ line: i + 1, message: 'Dòng JSON không hợp lệ' });
      }
    });
    return { lines, problems };
  }
  const header = splitCsv(rows[firstIdx]!).map((h) => h.trim().toLowerCase().replace(/[^a-z]/g, ''));
  const col = (...names: string[]) => header.findIndex((h) => names.includes(h));
  const idx = { amount: col('amount'), time: col('time'), description: col('description'), bankRef: col('bankref') };
  if (idx.amount < 0 || idx.time < 0 || idx.description < 0 || idx.bankRef < 0) {
    problems.push({ line: firstIdx + 1, message: 'Dòng tiêu đề cần các cột amount, time, description, bank_ref' });
    return { lines, problems };
  }
  for (let i = firstIdx + 1; i < rows.length; i++) {
    if (rows[i]!.trim() === '') continue;
    const c = splitCsv(rows[i]!);
    push(toLine(i + 1, { amount: c[idx.amount], time: c[idx.time], description: c[idx.description], bankRef: c[idx.bankRef] }));
  }
  return { lines, problems };
}
