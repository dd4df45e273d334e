import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prefersMinimal } from './http.js';

describe('prefersMinimal (RFC 7240 Prefer)', () => {
  it.each([
    [undefined, false],
    ['', false],
    ['return=minimal', true],
    ['Return=minimal', true], // preference names are case-insensitive (§2)
    ['return="minimal"', true], // a quoted value is the same value
    [' return = minimal ', true],
    ['respond-async, return=minimal', true],
    ['return=minimal; foo="bar", respond-async', true], // parameters belong to the preference
    ['handling=lenient,return=minimal', true],
    [['respond-async', 'return=minimal'], true], // the header sent twice is one list
    ['return=representation', false],
    ['return=minimal-ish', false],
    ['return', false],
    ['return=representation, return=minimal', false], // only the first instance counts (§2)
    ['return=minimal, return=representation', true],
    ['x-return=minimal', false],
    ['minimal', false],
  ] as const)('%j → %s', (header, expected) => {
    expect(prefersMinimal(header as string | string[] | undefined)).toBe(expected);
  });

  it('is minimal exactly when the first `return` preference says so, whatever surrounds it', () => {
    const other = fc.constantFrom('respond-async', 'handling=strict', 'wait=10', 'foo="ab"');
    fc.assert(
      fc.property(fc.array(other, { maxLength: 3 }), fc.constantFrom('minimal', 'representation'), fc.array(other, { maxLength: 3 }), (before, value, after) => {
        expect(prefersMinimal([...before, `return=${value}`, ...after].join(', '))).toBe(value === 'minimal');
      }),
    );
  });
});
