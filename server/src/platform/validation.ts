import type { FastifySchemaCompiler } from 'fastify';
import { z } from 'zod';
import { safeParse, type $ZodIssue, type $ZodType } from 'zod/v4/core';

const vi = z.locales.vi();
const en = z.locales.en();

/**
 * Zod speaks Vietnamese by default (its own `vi` locale): every message it writes — request validation, settings,
 * callbacks checked in use cases — reaches officers and citizens in their language. English comes beside it, as every
 * error body carries `message` and `messageEn` and the client picks by its language (web/src/lib/api-client.ts).
 * Called once by the composition root, before any route is compiled.
 */
export function useVietnameseValidation(): void {
  z.config(vi);
}

type RawIssue = Parameters<NonNullable<typeof en.localeError>>[0];

function localeText(locale: typeof en, issue: RawIssue): string | undefined {
  const out = locale.localeError?.(issue);
  return typeof out === 'string' ? out : out?.message;
}

/**
 * The issue in both languages. A message the schema wrote itself (`z.string().min(1, '…')`) is the same in both; a
 * message of the locale is rewritten in English from the same issue (with its input, kept only for this).
 */
export function issueMessages(issue: $ZodIssue): { message: string; messageEn: string } {
  // A finished issue is the raw one plus its path and message; `input` is there when the parse reported it.
  const raw = issue as unknown as RawIssue;
  const fromVi = localeText(vi, raw);
  if (fromVi !== issue.message) {
    // A schema's own message may carry its English in `params.messageEn` (`.refine(…, { message, params: { messageEn } })`).
    const en = (issue as { params?: { messageEn?: unknown } }).params?.messageEn;
    return { message: issue.message, messageEn: typeof en === 'string' ? en : issue.message };
  }
  return { message: issue.message, messageEn: localeText(en, raw) ?? issue.message };
}

// fastify-type-provider-zod recognises its validation errors by this registered symbol (hasZodFastifySchemaValidationErrors).
const zodValidationMark = Symbol.for('ZodFastifySchemaValidationError');

/**
 * fastify-type-provider-zod's validator, with each issue's English text beside the Vietnamese one. The input is
 * reported to the locale to say what was received, then dropped: the answer never echoes what was sent.
 */
export const validatorCompiler: FastifySchemaCompiler<$ZodType> =
  ({ schema }) =>
  (data) => {
    const result = safeParse(schema, data, { reportInput: true });
    if (result.success) return { value: result.data };
    return {
      error: result.error.issues.map((issue) => {
        const { path, code, message: _m, input: _i, ...params } = issue as typeof issue & { input?: unknown };
        const texts = issueMessages(issue);
        return {
          [zodValidationMark]: true,
          keyword: code,
          instancePath: `/${path.join('/')}`,
          schemaPath: `#/${path.join('/')}/${code}`,
          message: texts.message,
          params: { ...params, messageEn: texts.messageEn },
        };
      }),
    } as unknown as { error: Error };
  };
