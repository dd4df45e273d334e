import type { FormRule } from 'antd';
import { validateCccd } from '../../../server/src/modules/applicants/cccd.rules.js';
import { normalizeMobileVn, normalizePhoneVn } from '../../../server/src/modules/applicants/phone.rules.js';
import { validateTaxCode } from '../../../server/src/modules/applicants/tax-code.rules.js';
import { todayVn } from './format.js';
import { getLang, t } from './i18n.js';
import type { MessageKey } from './messages.vi.js';

/**
 * The console's checks of an identity number or a phone, as antd form rules: the rules the server applies
 * (applicants/cccd.rules.ts, tax-code.rules.ts, phone.rules.ts — the portal's forms use them too, portal/src/lib/
 * validation.ts), so that the officer learns at the field, before the e-form is filled, what the server would refuse
 * after it: a province code that does not exist, a birth year that contradicts the date of birth, a tax code whose
 * check digit is wrong, a phone prefix no network has. The reason is the rule's own sentence in Vietnamese; English
 * gets the field's general rule. An empty value is left to the field's `required` rule.
 */
function ruleOf(check: (value: string) => { ok: true } | { ok: false; reasonVi: string }, englishKey: MessageKey): FormRule {
  return {
    validator: async (_rule, value: unknown) => {
      if (typeof value !== 'string' || value.trim() === '') return;
      const r = check(value);
      if (!r.ok) throw new Error(getLang() === 'vi' ? r.reasonVi : t(englishKey));
    },
  };
}

/**
 * A citizen's personal identification number (CCCD); `birthDate` gives the date of birth on the same form
 * (YYYY-MM-DD), whose year the number must encode (list it in the item's `dependencies` so the two are checked together).
 */
export function cccdRule(birthDate?: () => string | null | undefined): FormRule {
  return ruleOf((v) => validateCccd(v, { birthDate: birthDate?.() ?? undefined, today: todayVn() }), 'intake.idNumberRule');
}

/** An organisation's tax code (mã số thuế): 10 digits, or 13 for a dependent unit, with its check digit. */
export const taxCodeRule: FormRule = ruleOf(validateTaxCode, 'intake.idNumberOrgRule');

/** A Vietnamese phone number as people write it; `mobile`: one that can receive SMS (notices, one-time codes). */
export function phoneRule(kind: 'any' | 'mobile' = 'any'): FormRule {
  return ruleOf(kind === 'mobile' ? normalizeMobileVn : normalizePhoneVn, kind === 'mobile' ? 'users.phoneRule' : 'intake.phoneRule');
}
