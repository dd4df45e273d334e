import { z } from 'zod';

/** The body of every 4xx/5xx answer, declared once for OpenAPI. */
export const ZErrorBody = z.object({
  code: z.string().describe('Mã lỗi máy đọc, ví dụ AUTH.FORBIDDEN'),
  message: z.string().describe('Thông báo tiếng Việt'),
  messageEn: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
