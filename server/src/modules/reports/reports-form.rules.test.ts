import { describe, expect, it } from 'vitest';
import { buildDailyForm } from './reports-form.rules.js';

const figures = (apologies: number, apologiesLate: number) => ({
  receivedDesk: 4, receivedOnline: 2, receivedPostal: 0, resolvedEarly: 1, resolvedOnTime: 2, resolvedLate: 1, openOnTime: 3, openOverdue: 1,
  returnedByPost: 0, paidOnline: 1, apologies, apologiesLate,
});

describe('the daily quick report (báo cáo nhanh 16 giờ)', () => {
  it('counts the apology letters issued late (xin lỗi muộn) in a column of their own, per unit and in the total', () => {
    const form = buildDailyForm({
      unitName: 'UBND phường An Bình', day: '2026-12-04', at: '2026-12-04T16:00:00+07:00',
      total: figures(3, 2),
      rows: [{ name: 'Phường An Bình', depth: 0, figures: figures(3, 2) }, { name: 'Văn phòng HĐND và UBND', depth: 1, figures: figures(1, 1) }],
    });
    const table = form.body.find((b) => b.kind === 'table');
    if (table?.kind !== 'table') throw new Error('no table in the daily report');
    const col = table.columns.findIndex((c) => c.header === 'Xin lỗi: Phát hành muộn');
    const letters = table.columns.findIndex((c) => c.header === 'Văn bản xin lỗi');
    expect(col).toBe(letters + 1);
    expect(table.rows.map((r) => [r[1]!.trim(), r[letters], r[col]])).toEqual([
      ['Phường An Bình', '3', '2'],
      ['Văn phòng HĐND và UBND', '1', '1'],
      ['Tổng cộng', '3', '2'],
    ]);
  });
});
