import type { FastifySchemaCompiler } from 'fastify';
import { z } from 'zod';
import { safeParse, type $ZodIssue, type $ZodType } from 'zod/v4/core';
import { commonErrors, type DomainError } from './errors.js';

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
 * The issue in both languages. A message of the locale is rewritten in English from the same issue (with its input,
 * kept only for this); a message the schema wrote itself (`z.string().min(1, '…')`) has English only when the schema
 * gave it (`params.messageEn`): otherwise none, and the refusal names the field in English instead (platform/errors.ts).
 */
export function issueMessages(issue: $ZodIssue): { message: string; messageEn?: string } {
  // A finished issue is the raw one plus its path and message; `input` is there when the parse reported it.
  const raw = issue as unknown as RawIssue;
  const fromVi = localeText(vi, raw);
  if (fromVi !== issue.message) {
    // A schema's own message may carry its English in `params.messageEn` (`.refine(…, { message, params: { messageEn } })`).
    const en = (issue as { params?: { messageEn?: unknown } }).params?.messageEn;
    return typeof en === 'string' ? { message: issue.message, messageEn: en } : { message: issue.message };
  }
  return { message: issue.message, messageEn: localeText(en, raw) ?? issue.message };
}

/** The refusal of input a schema parsed outside a route found wrong (a callback's body, a protocol's form), as a route's would be. */
export function zodRefusal(issues: readonly $ZodIssue[]): DomainError {
  return commonErrors.validation(issues.map((issue) => ({ path: `/${issue.path.join('/')}`, ...issueMessages(issue) })));
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
