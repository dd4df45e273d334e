import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { VND_WORDS_MAX, vndInWords } from './vnd-words.rules.js';

/** An independent reader of Vietnamese number words, used to check that every amount reads back to itself. */
function readBack(text: string): bigint {
  const value: Record<string, bigint> = { không: 0n, một: 1n, mốt: 1n, hai: 2n, ba: 3n, bốn: 4n, tư: 4n, năm: 5n, lăm: 5n, nhăm: 5n, sáu: 6n, bảy: 7n, tám: 8n, chín: 9n };
  const tokens = text.replace(/ đồng$/, '').toLocaleLowerCase('vi').split(' ');
  let big = 0n;
  let section = 0n;
  let grp = 0n;
  let pending: bigint | null = null;
  const flush = () => {
    if (pending !== null) grp += pending;
    pending = null;
  };
  for (const w of tokens) {
    if (w in value) {
      if (pending !== null) throw new Error(`two digits in a row: ${text}`);
      pending = value[w]!;
    } else if (w === 'trăm') {
      grp += (pending ?? 1n) * 100n;
      pending = null;
    } else if (w === 'mươi') {
      grp += pending! * 10n;
      pending = null;
    } else if (w === 'mười') grp += 10n;
    else if (w === 'linh' || w === 'lẻ') continue;
    else if (w === 'nghìn' || w === 'triệu') {
      flush();
      section += grp * (w === 'nghìn' ? 1000n : 1_000_000n);
      grp = 0n;
    } else if (w === 'tỷ') {
      flush();
      big = (big + section + grp) * 1_000_000_000n;
      section = 0n;
      grp = 0n;
    } else throw new Error(`unknown word "${w}" in ${text}`);
  }
  flush();
  return big + section + grp;
}

describe('vndInWords', () => {
  it.each([
    [0, 'Không đồng'],
    [1, 'Một đồng'],
    [5, 'Năm đồng'],
    [10, 'Mười đồng'],
    [11, 'Mười một đồng'],
    [14, 'Mười bốn đồng'],
    [15, 'Mười lăm đồng'],
    [20, 'Hai mươi đồng'],
    [21, 'Hai mươi mốt đồng'],
    [25, 'Hai mươi lăm đồng'],
    [55, 'Năm mươi lăm đồng'],
    [101, 'Một trăm linh một đồng'],
    [105, 'Một trăm linh năm đồng'],
    [110, 'Một trăm mười đồng'],
    [115, 'Một trăm mười lăm đồng'],
    [1000, 'Một nghìn đồng'],
    [1005, 'Một nghìn không trăm linh năm đồng'],
    [1015, 'Một nghìn không trăm mười lăm đồng'],
    [8000, 'Tám nghìn đồng'],
    [15000, 'Mười lăm nghìn đồng'],
    [21000, 'Hai mươi mốt nghìn đồng'],
    [100000, 'Một trăm nghìn đồng'],
    [1_250_000, 'Một triệu hai trăm năm mươi nghìn đồng'],
    [1_000_001, 'Một triệu không trăm linh một đồng'],
    [1_001_000, 'Một triệu không trăm linh một nghìn đồng'],
    [2_050_000, 'Hai triệu không trăm năm mươi nghìn đồng'],
    [1_000_000_000, 'Một tỷ đồng'],
    [1_000_000_005, 'Một tỷ không trăm linh năm đồng'],
    [1_005_000_000, 'Một tỷ không trăm linh năm triệu đồng'],
    [1_000_000_000_000, 'Một nghìn tỷ đồng'],
    [2_500_000_000_000, 'Hai nghìn năm trăm tỷ đồng'],
  ])('%d → %s', (n, text) => {
    expect(vndInWords(n)).toBe(text);
  });

  it('takes the southern "lẻ" and the spoken "nhăm" as options', () => {
    expect(vndInWords(105, { zeroTens: 'lẻ' })).toBe('Một trăm lẻ năm đồng');
    expect(vndInWords(25, { fiveAfterTens: 'nhăm' })).toBe('Hai mươi nhăm đồng');
    // "nhăm" never follows "mười".
    expect(vndInWords(15, { fiveAfterTens: 'nhăm' })).toBe('Mười lăm đồng');
  });

  it('refuses negative, fractional and too large amounts', () => {
    expect(() => vndInWords(-1)).toThrow(RangeError);
    expect(() => vndInWords(1.5)).toThrow(RangeError);
    expect(() => vndInWords(VND_WORDS_MAX + 1n)).toThrow(RangeError);
  });

  it('every amount reads back to itself', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: VND_WORDS_MAX }), (n) => {
        expect(readBack(vndInWords(n))).toBe(n);
      }),
      { numRuns: 3000 },
    );
    fc.assert(fc.property(fc.integer({ min: 0, max: 2_000_000 }), (n) => readBack(vndInWords(n)) === BigInt(n)));
  });

  it('keeps the spelling rules: mốt only after mươi, lăm after mười/mươi, linh only before a unit', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: VND_WORDS_MAX }), (n) => {
        const s = vndInWords(n).toLocaleLowerCase('vi');
        expect(s).toMatch(/ đồng$/);
        expect(s).not.toMatch(/mươi một|mười mốt|linh mốt|mươi năm|mười năm|linh lăm|mươi không|linh không/);
        const w = s.split(' ');
        expect(w.every((x, i) => x !== 'mốt' || w[i - 1] === 'mươi')).toBe(true);
        expect(w.every((x, i) => x !== 'linh' || (i > 0 && w[i - 1] === 'trăm' && w[i + 1] !== undefined && w[i + 1] !== 'không'))).toBe(true);
        expect(s).not.toMatch(/ {2}/);
        expect(s.charAt(0)).not.toBe(' ');
        // Capitalised first letter only.
        expect(vndInWords(n).charAt(0)).toBe(vndInWords(n).charAt(0).toLocaleUpperCase('vi'));
      }),
      { numRuns: 2000 },
    );
  });
});
