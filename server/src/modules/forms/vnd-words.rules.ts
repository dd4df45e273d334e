/**
 * PURE: an amount of money in Vietnamese words, as printed on receipts ("Số tiền bằng chữ"):
 * 1 250 000 → "Một triệu hai trăm năm mươi nghìn đồng".
 *
 * Rules of spoken Vietnamese numbers applied here:
 * - groups of three digits named nghìn, triệu, tỷ; above a thousand billion the names repeat ("một nghìn tỷ");
 * - an empty hundreds place inside a number reads "không trăm" ("một nghìn không trăm linh năm");
 * - an empty tens place before a unit reads "linh" (northern; "lẻ" in the south, an option);
 * - ten is "mười", the other tens "<digit> mươi";
 * - 1 after "mươi" is "mốt" (hai mươi mốt), but "một" after "mười" (mười một) and "linh" (linh một);
 * - 5 after "mười"/"mươi" is "lăm" (mười lăm, hai mươi lăm; "nhăm" after "mươi" as an option), "năm" elsewhere (linh năm);
 * - 4 stays "bốn" (the written, formal form; "tư" is spoken).
 */
export type VndWordsOptions = { zeroTens?: 'linh' | 'lẻ'; fiveAfterTens?: 'lăm' | 'nhăm' };

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'] as const;
const BILLION = 1_000_000_000n;
const GROUP_NAMES = ['', ' nghìn', ' triệu'] as const;

function digit(n: bigint): string {
  return DIGITS[Number(n)]!;
}

/** Words for 1..999; `full` when the group is not the first of the number (reads "không trăm", "linh"). */
function group(n: bigint, full: boolean, o: Required<VndWordsOptions>): string {
  const h = n / 100n;
  const t = (n / 10n) % 10n;
  const u = n % 10n;
  const words: string[] = [];
  if (h > 0n || full) words.push(`${digit(h)} trăm`);
  if (t === 0n) {
    if (u > 0n) {
      if (words.length > 0) words.push(o.zeroTens);
      words.push(digit(u));
    }
  } else {
    words.push(t === 1n ? 'mười' : `${digit(t)} mươi`);
    if (u === 1n) words.push(t === 1n ? 'một' : 'mốt');
    else if (u === 5n) words.push(t === 1n ? 'lăm' : o.fiveAfterTens);
    else if (u > 0n) words.push(digit(u));
  }
  return words.join(' ');
}

/** Words for 1..999 999 999 (three groups). */
function belowBillion(n: bigint, full: boolean, o: Required<VndWordsOptions>): string {
  const parts: string[] = [];
  let first = !full;
  for (let i = 2; i >= 0; i--) {
    const g = (n / 1000n ** BigInt(i)) % 1000n;
    if (g === 0n) continue;
    parts.push(group(g, !first, o) + GROUP_NAMES[i]!);
    first = false;
  }
  return parts.join(' ');
}

function words(n: bigint, full: boolean, o: Required<VndWordsOptions>): string {
  if (n < BILLION) return belowBillion(n, full, o);
  const high = n / BILLION;
  const low = n % BILLION;
  const head = `${words(high, full, o)} tỷ`;
  return low === 0n ? head : `${head} ${belowBillion(low, true, o)}`;
}

/** Largest amount written: 10^18 − 1 đồng (under a trillion tỷ), far above any fee. */
export const VND_WORDS_MAX = 10n ** 18n - 1n;

/** "Một triệu hai trăm năm mươi nghìn đồng". Throws a RangeError on a negative, fractional or too large amount. */
export function vndInWords(amount: number | bigint, options: VndWordsOptions = {}): string {
  if (typeof amount === 'number' && !Number.isSafeInteger(amount)) throw new RangeError(`Số tiền không hợp lệ: ${amount}`);
  const n = BigInt(amount);
  if (n < 0n || n > VND_WORDS_MAX) throw new RangeError(`Số tiền ngoài phạm vi: ${amount}`);
  const o: Required<VndWordsOptions> = { zeroTens: options.zeroTens ?? 'linh', fiveAfterTens: options.fiveAfterTens ?? 'lăm' };
  const text = n === 0n ? 'không' : words(n, false, o);
  return `${text.charAt(0).toLocaleUpperCase('vi')}${text.slice(1)} đồng`;
}
