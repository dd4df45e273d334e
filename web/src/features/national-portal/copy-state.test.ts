import { describe, expect, it } from 'vitest';
import { copyStateText } from './copy-state.js';

describe('a side of a reconciliation difference, as the console shows it', () => {
  it.each([
    [{ status: 2, history: ['1', '2'] }, 'Được tiếp nhận (trạng thái 2), 2 bước'],
    [{ status: 4, history: ['1', '2', '3'] }, 'Đang xử lý (trạng thái 4), 3 bước'],
    [{ status: 10, history: [] }, 'Đã trả kết quả (trạng thái 10), 0 bước'],
    [{ status: 11, history: ['1'] }, '— (trạng thái —), 1 bước'],
    [null, 'Không có'],
  ])('%j → %s', (v, shown) => {
    expect(copyStateText(v)).toBe(shown);
  });
});
