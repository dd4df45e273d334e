import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { issueMessages, useVietnameseValidation } from './validation.js';

describe('validation messages (Zod locales)', () => {
  useVietnameseValidation();
  const schema = z.object({ action: z.enum(['forward', 'approve']), note: z.string().min(3), code: z.string().min(1, 'Mã hồ sơ bắt buộc') });

  it('are Vietnamese by default, with the English text of the same issue beside them', () => {
    const r = schema.safeParse({ action: 'bay', note: 'x', code: '' }, { reportInput: true });
    expect(r.success).toBe(false);
    const texts = r.error!.issues.map((i) => ({ path: i.path.join('.'), ...issueMessages(i) }));
    expect(texts).toEqual([
      { path: 'action', message: 'Tùy chọn không hợp lệ: mong đợi một trong các giá trị "forward"|"approve"', messageEn: 'Invalid option: expected one of "forward"|"approve"' },
      { path: 'note', message: 'Quá nhỏ: mong đợi string có >=3 ký tự', messageEn: 'Too small: expected string to have >=3 characters' },
      // A message written by the schema itself stays as written, with no English unless the schema gave it: the refusal
      // names the field in English instead (errors.test.ts), never repeating the Vietnamese.
      { path: 'code', message: 'Mã hồ sơ bắt buộc' },
    ]);
  });

  it('a plain parse outside the routes speaks Vietnamese too', () => {
    const r = z.number().safeParse('mười');
    expect(r.error!.issues[0]!.message).toBe('Đầu vào không hợp lệ: mong đợi số, nhận được string');
  });
});
