import { z } from 'zod';
import { ZStaffRole } from '../procedures/procedure.contract.js';
import { ZMobileVn } from '../applicants/phone.contract.js';

export const ZUsername = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,64}$/, 'Tên đăng nhập gồm 3–64 ký tự a-z, 0-9, dấu chấm, gạch');

/** Passwords: at least 10 characters (NIST SP 800-63B favours length over composition rules). */
export const ZPassword = z.string().min(10, 'Mật khẩu tối thiểu 10 ký tự').max(200);

/** `code`: the one-time code sent to the officer's phone or e-mail — the owner's way past delays others caused. */
export const ZLoginInput = z.object({ username: ZUsername, password: z.string().min(1).max(200), code: z.string().trim().regex(/^\d{6}$/, 'Mã xác thực gồm 6 chữ số').optional() });
export const ZLoginCodeInput = z.object({ username: ZUsername });
export type TLoginInput = z.infer<typeof ZLoginInput>;

export const ZGrant = z.object({ role: ZStaffRole, unitId: z.string().uuid() });

export const ZMe = z.object({
  id: z.string().uuid(),
  username: z.string(),
  fullName: z.string(),
  csrfToken: z.string(),
  grants: z.array(z.object({ role: ZStaffRole, unitId: z.string().uuid(), unitName: z.string(), unitCode: z.string() })),
  permissions: z.array(z.string()),
});

export const ZStaffUser = z.object({
  id: z.string().uuid(),
  username: z.string(),
  fullName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  active: z.boolean(),
  locked: z.boolean(),
  homeUnitId: z.string().uuid(),
  homeUnitName: z.string(),
  grants: z.array(ZGrant),
});
export type TStaffUser = z.infer<typeof ZStaffUser>;

export const ZCreateUserInput = z.object({
  username: ZUsername,
  fullName: z.string().trim().min(2).max(200),
  email: z.string().trim().email().max(200).nullable().default(null),
  // The officer's phone receives the one-time codes by SMS: a mobile number, by the project's one phone rule.
  phone: ZMobileVn.nullable().default(null),
  password: ZPassword,
  homeUnitId: z.string().uuid(),
  grants: z.array(ZGrant).min(1).max(20),
});
export type TCreateUserInput = z.infer<typeof ZCreateUserInput>;

export const ZUpdateUserInput = z.object({
  fullName: z.string().trim().min(2).max(200).optional(),
  email: z.string().trim().email().max(200).nullable().optional(),
  phone: ZMobileVn.nullable().optional(),
  active: z.boolean().optional(),
  password: ZPassword.optional(),
  unlock: z.boolean().optional(),
  grants: z.array(ZGrant).min(1).max(20).optional(),
});
export type TUpdateUserInput = z.infer<typeof ZUpdateUserInput>;

export const ZUserListQuery = z.object({
  unitId: z.string().uuid().optional(),
  q: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  after: z.string().max(64).optional(),
});
