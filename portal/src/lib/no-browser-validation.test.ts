import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * No form of the portal or the console leaves checking to the browser: its bubbles speak the browser's language
 * ("Please fill out this field"), are unstyled and vanish. Every `<form>` (portal) and antd `<Form>` (console) says
 * `noValidate`; the portal checks with lib/validation.ts (Vietnamese, under the field, aria-invalid, focus), the console
 * with antd's rules (web/src/lib/validate-messages.ts). Read from the sources with the TypeScript parser.
 */
const repo = join(import.meta.dirname, '..', '..', '..');
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return files(p);
    return name.endsWith('.tsx') ? [p] : [];
  });

type FormTag = { file: string; line: number; tag: string; noValidate: boolean; text: string };

function formTags(file: string): FormTag[] {
  const text = readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const out: FormTag[] = [];
  const visit = (n: ts.Node) => {
    if ((ts.isJsxOpeningElement(n) || ts.isJsxSelfClosingElement(n)) && ['form', 'Form'].includes(n.tagName.getText(sf))) {
      const noValidate = n.attributes.properties.some((a) => ts.isJsxAttribute(a) && a.name.getText(sf) === 'noValidate' && (!a.initializer || a.initializer.getText(sf) === '{true}'));
      const element = ts.isJsxOpeningElement(n) ? n.parent : n;
      out.push({ file: relative(repo, file), line: sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1, tag: n.tagName.getText(sf), noValidate, text: element.getText(sf) });
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

const forms = [...files(join(repo, 'portal', 'src')), ...files(join(repo, 'web', 'src'))].flatMap(formTags);

describe('forms never rely on the browser\'s own validation', () => {
  it('finds the forms it guards (the reader works)', () => {
    expect(forms.filter((f) => f.tag === 'form').length).toBeGreaterThan(15);
    expect(forms.filter((f) => f.tag === 'Form').length).toBeGreaterThan(30);
    // The ones issue 14 names: rate a reply, reopen, supply more information; the kiosk's pairing and code forms.
    const names = new Set(forms.map((f) => f.file));
    for (const f of ['portal/src/features/feedback/components/FeedbackItem.tsx', 'portal/src/features/satisfaction/components/KioskPage.tsx']) expect(names.has(f), f).toBe(true);
  });

  it('every form says noValidate', () => {
    expect(forms.filter((f) => !f.noValidate).map((f) => `${f.file}:${f.line} <${f.tag}>`)).toEqual([]);
  });

  it('a portal form with a constraint (required, minLength, pattern…) is checked by lib/validation.ts', () => {
    const constrained = forms.filter((f) => f.tag === 'form' && /\s(required|minLength|pattern|data-check)\b/.test(f.text));
    expect(constrained.length).toBeGreaterThan(10);
    const unchecked = constrained.filter((f) => !/\bcheckForm\(/.test(readFileSync(join(repo, f.file), 'utf8')));
    expect(unchecked.map((f) => `${f.file}:${f.line}`)).toEqual([]);
  });
});
