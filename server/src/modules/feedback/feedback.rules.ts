/**
 * Feedback and recommendations (phản ánh, kiến nghị — PAKN) and questions (hỏi đáp): pure rules.
 *
 * Law (../shared/reference/vn-legal-2026.md §3.5, vn-legal.md §6):
 * - Nghị định 20/2008/NĐ-CP (amended by 92/2017): Điều 7 — a sender gives their name, address and phone (or another way to
 *   reach them); Điều 9 — the receiving agency classifies each item: refused (with the reason), about officers' conduct
 *   (to the competent agency), about a regulation within its competence (it handles it), or outside its competence
 *   (transferred to the competent agency within 5 working days). Complaints and denunciations (khiếu nại, tố cáo) follow
 *   Luật Khiếu nại 2011 and Luật Tố cáo 2018, not this process: the sender gets a letter saying where they go.
 * - QĐ 766/QĐ-TTg indicator 5.2 (PAKN handled on time): refusal within 2 working days, request for more information within
 *   5, answer within 15, publication within 2 after the answer. Provinces set their own lengths (e.g. 10 days to answer in
 *   Ninh Bình, vn-legal.md §8.3), so every length is a setting with these defaults.
 * - Indicator 5.3 (satisfaction with PAKN handling) = (items − disliked / re-complained / late) / items.
 */
import type { WorkingCalendar } from '../working-calendar/calendar.rules.js';
import { computeDue } from '../working-calendar/deadline.rules.js';
import { foldVietnamese } from '../info-portal/portal.rules.js';

/** The sender's rating of an answer (đánh giá của người gửi), as shown to people. */
export const ratingLabels = {
  satisfied: { vi: 'Hài lòng', en: 'Satisfied' },
  unsatisfied: { vi: 'Không hài lòng', en: 'Unsatisfied' },
} as const;

/** Kinds of item: feedback (phản ánh, kiến nghị) or a question (hỏi đáp). */
export const kindLabels = {
  feedback: { vi: 'Phản ánh, kiến nghị', en: 'Feedback' },
  question: { vi: 'Hỏi đáp', en: 'Question' },
} as const;

export const feedbackStatuses = ['received', 'awaiting_info', 'handling', 'drafted', 'answered', 'published', 'refused', 'routed_out', 'reopened'] as const;
export type FeedbackStatus = (typeof feedbackStatuses)[number];

export const statusLabels = {
  received: { vi: 'Mới tiếp nhận, chờ phân loại', en: 'Received, to classify' },
  awaiting_info: { vi: 'Chờ người gửi bổ sung thông tin', en: 'Awaiting more information' },
  handling: { vi: 'Đang xử lý', en: 'Being handled' },
  drafted: { vi: 'Chờ lãnh đạo duyệt trả lời', en: 'Answer awaiting approval' },
  answered: { vi: 'Đã trả lời', en: 'Answered' },
  published: { vi: 'Đã trả lời và công khai', en: 'Answered and published' },
  refused: { vi: 'Từ chối tiếp nhận', en: 'Refused' },
  routed_out: { vi: 'Chuyển theo thủ tục khiếu nại, tố cáo', en: 'Routed to complaint/denunciation procedure' },
  reopened: { vi: 'Người gửi đề nghị xem xét lại', en: 'Reopened by the sender' },
} as const satisfies Record<FeedbackStatus, { vi: string; en: string }>;

export const feedbackChannels = ['portal', 'email', 'letter', 'phone', 'open311', 'national'] as const;
export type FeedbackChannel = (typeof feedbackChannels)[number];

export const channelLabels = {
  portal: { vi: 'Cổng dịch vụ công', en: 'Portal' },
  email: { vi: 'Thư điện tử', en: 'E-mail' },
  letter: { vi: 'Thư gửi qua bưu chính', en: 'Letter' },
  phone: { vi: 'Điện thoại', en: 'Phone' },
  open311: { vi: 'Ứng dụng bên thứ ba (Open311)', en: 'Third-party app (Open311)' },
  national: { vi: 'Hỏi đáp trên Cổng Dịch vụ công quốc gia', en: 'National public-service portal Q&A' },
} as const satisfies Record<FeedbackChannel, { vi: string; en: string }>;

export const classifications = ['refused', 'conduct', 'within_competence', 'outside_competence', 'complaint', 'denunciation'] as const;
export type Classification = (typeof classifications)[number];

export const classificationLabels = {
  refused: { vi: 'Từ chối tiếp nhận (nêu rõ lý do)', en: 'Refused, with reason' },
  conduct: { vi: 'Về hành vi của cán bộ — chuyển cơ quan có thẩm quyền', en: "About an officer's conduct — to the competent agency" },
  within_competence: { vi: 'Về quy định hành chính thuộc thẩm quyền', en: 'About a regulation within competence' },
  outside_competence: { vi: 'Không thuộc thẩm quyền — chuyển trong 5 ngày làm việc', en: 'Outside competence — transfer within 5 working days' },
  complaint: { vi: 'Là khiếu nại — hướng dẫn theo Luật Khiếu nại', en: 'A complaint — routed under the Law on Complaints' },
  denunciation: { vi: 'Là tố cáo — hướng dẫn theo Luật Tố cáo', en: 'A denunciation — routed under the Law on Denunciations' },
} as const satisfies Record<Classification, { vi: string; en: string }>;

/** Categories: the Open311 services. Kept as data so a province can add its own. */
export const feedbackCategories = [
  { code: 'tthc', vi: 'Thủ tục hành chính, hồ sơ', en: 'Administrative procedures and dossiers', keywords: 'thu tuc ho so' },
  { code: 'can-bo', vi: 'Thái độ, hành vi của cán bộ', en: "Officers' conduct", keywords: 'can bo thai do' },
  { code: 'quy-dinh', vi: 'Quy định hành chính', en: 'Administrative regulations', keywords: 'quy dinh van ban' },
  { code: 'ha-tang', vi: 'Hạ tầng, giao thông, đô thị', en: 'Infrastructure, roads, urban services', keywords: 'duong den nuoc' },
  { code: 'moi-truong', vi: 'Môi trường', en: 'Environment', keywords: 'rac o nhiem' },
  { code: 'khac', vi: 'Khác', en: 'Other', keywords: 'khac' },
] as const;
export type FeedbackCategory = (typeof feedbackCategories)[number]['code'];
export const categoryCodes = feedbackCategories.map((c) => c.code) as [FeedbackCategory, ...FeedbackCategory[]];

export type FeedbackAction =
  | 'classify'
  | 'request_info'
  | 'supply_info'
  | 'draft'
  | 'approve'
  | 'return'
  | 'publish'
  | 'rate'
  | 'reopen'
  | 'resume';

/** The steps in an item's history: 'received' (intake) and every action. */
export const eventLabels = {
  received: { vi: 'Tiếp nhận', en: 'Received' },
  classify: { vi: 'Phân loại', en: 'Classified' },
  request_info: { vi: 'Đề nghị bổ sung thông tin', en: 'More information requested' },
  supply_info: { vi: 'Người gửi bổ sung thông tin', en: 'Information supplied' },
  draft: { vi: 'Dự thảo trả lời', en: 'Answer drafted' },
  approve: { vi: 'Lãnh đạo duyệt, gửi trả lời', en: 'Answer approved and sent' },
  return: { vi: 'Trả lại dự thảo', en: 'Draft returned' },
  publish: { vi: 'Công khai kết quả', en: 'Published' },
  rate: { vi: 'Người gửi đánh giá', en: 'Rated by the sender' },
  reopen: { vi: 'Người gửi đề nghị xem xét lại', en: 'Reopened by the sender' },
  resume: { vi: 'Giao xử lý lại', en: 'Given back for handling' },
} as const satisfies Record<FeedbackAction | 'received', { vi: string; en: string }>;

/** What each status allows (the UI shows only these). */
export const allowedActions = {
  received: ['classify', 'request_info'],
  awaiting_info: ['supply_info'],
  handling: ['request_info', 'draft', 'classify'],
  drafted: ['draft', 'approve', 'return'],
  answered: ['publish', 'rate', 'reopen'],
  published: ['rate', 'reopen'],
  refused: [],
  routed_out: [],
  reopened: ['resume'],
} as const satisfies Record<FeedbackStatus, readonly FeedbackAction[]>;

export function isAllowed(status: FeedbackStatus, action: FeedbackAction): boolean {
  return (allowedActions[status] as readonly FeedbackAction[]).includes(action);
}

/** Where a classification sends the item. Transfers need the target unit; refusals a reason; routing out a letter. */
export function statusAfterClassification(c: Classification): FeedbackStatus {
  switch (c) {
    case 'refused':
      return 'refused';
    case 'complaint':
    case 'denunciation':
      return 'routed_out';
    case 'conduct':
    case 'outside_competence':
    case 'within_competence':
      return 'handling';
  }
}
export const needsTarget = (c: Classification) => c === 'conduct' || c === 'outside_competence';

/**
 * What is wrong with the target unit sent with a class (NĐ 20/2008 Điều 9): only the classes that send the item
 * elsewhere (an officer's conduct → the competent agency; outside competence → transferred) take one, and they need one.
 * A target sent with any other class was silently ignored before (walk 17): now it is refused, so nobody believes an
 * item went to a unit it never reached.
 */
export function targetProblem(c: Classification, targetUnitId: string | null): 'required' | 'not_allowed' | null {
  if (needsTarget(c)) return targetUnitId ? null : 'required';
  return targetUnitId ? 'not_allowed' : null;
}

/**
 * Four eyes (issue 17: "handlers draft an answer, a leader approves it"): whoever wrote the draft last may not approve
 * it nor return it — a leader who drafts needs another leader. `draftedBy`: the author of the current draft.
 */
export function ownDraftBlocks(action: FeedbackAction, draftedBy: string | null, actorId: string | null): boolean {
  return (action === 'approve' || action === 'return') && draftedBy !== null && draftedBy === actorId;
}

// --- Clocks -----------------------------------------------------------------------------------------------------

export type ClockSettings = { refuseDays: number; infoDays: number; transferDays: number; answerDays: number; publishDays: number };
/** QĐ 766 indicator 5.2 and ND 20/2008 Điều 9 (transfer), in working days. */
export const defaultClockSettings: ClockSettings = { refuseDays: 2, infoDays: 5, transferDays: 5, answerDays: 15, publishDays: 2 };

export type IntakeDeadlines = { refuseDueAt: Date; infoDueAt: Date; transferDueAt: Date; answerDueAt: Date };

const wd = (from: Date, days: number, calendar: WorkingCalendar) =>
  // PAKN are not paper dossiers: no 15:00 cut-off (that rule is ND 61/2018 Điều 18 k2, for dossiers only).
  computeDue(from, { unit: 'working_day', amount: days }, calendar, { paperCutoff: false });

/** The deadlines that start with receipt (an item received outside working hours counts from the next session). */
export function intakeDeadlines(receivedAt: Date, calendar: WorkingCalendar, s: ClockSettings): IntakeDeadlines {
  return {
    refuseDueAt: wd(receivedAt, s.refuseDays, calendar),
    infoDueAt: wd(receivedAt, s.infoDays, calendar),
    transferDueAt: wd(receivedAt, s.transferDays, calendar),
    answerDueAt: wd(receivedAt, s.answerDays, calendar),
  };
}

/**
 * The answer clock restarts when the competent unit gets the item by transfer, when the sender supplies the information
 * asked for, and when the sender reopens it: each is a new receipt of a complete item by the unit that must answer.
 */
export function answerDue(from: Date, calendar: WorkingCalendar, s: ClockSettings): Date {
  return wd(from, s.answerDays, calendar);
}

export function publicationDue(answeredAt: Date, calendar: WorkingCalendar, s: ClockSettings): Date {
  return wd(answeredAt, s.publishDays, calendar);
}

export type DueFields = { refuseDueAt: Date; answerDueAt: Date; publishDueAt: Date | null };
/** The deadline the item is waiting on in its status (what queues sort and warn on), or null when none runs. */
export function currentDue(status: FeedbackStatus, d: DueFields): Date | null {
  switch (status) {
    case 'received':
      return d.refuseDueAt;
    case 'handling':
    case 'drafted':
    case 'reopened':
      return d.answerDueAt;
    case 'answered':
      return d.publishDueAt;
    case 'awaiting_info':
    case 'published':
    case 'refused':
    case 'routed_out':
      return null;
  }
}

// --- Register number -----------------------------------------------------------------------------------------------

/** Number in the unit's register (sổ theo dõi PAKN): `PAKN-<year>-<unit code>-<sequence>`. */
export function feedbackCode(unitCode: string, year: number, seq: number): string {
  return `PAKN-${year}-${unitCode}-${String(seq).padStart(5, '0')}`;
}

// --- Personal data in what is published (Nghị định 13/2023/NĐ-CP) ---------------------------------------------------

export type PersonalData = { name: string | null; address: string | null; phone: string | null; email: string | null };

/**
 * The version of the rules below. Bump it with every change of what `publicText` removes or keeps: the job
 * feedback.reredact then recomputes the public text of every item published under an older version (re-walk 17: items
 * published before a rule changed kept their old text). 1: the rules until re-walk 17; 2: house numbers in words, a
 * salutation word that only folds like the given name kept, the numbers of an address the sender agreed to show kept;
 * 3: other people's full names after a family word or a salutation ("con tôi là Lê Gia Huy"), an office's landline in
 * its answer kept.
 */
export const REDACTION_VERSION = 3;
const MASK = '[đã ẩn]';

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Salutations before a person's given name in Vietnamese letters ("Kính gửi bà Lan"), folded (no accents). */
const SALUTATIONS = ['ong', 'ba', 'anh', 'chi', 'em', 'co', 'chu', 'bac'];

/** One UTF-16 unit folded to one unit (accents removed, đ → d, lower case), so positions map back to the original text. */
function foldUnit(c: string): string {
  const f = c.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'd').toLowerCase();
  return f.length === 1 ? f : c;
}
const foldPhrase = (s: string) => Array.from(s.normalize('NFC'), foldUnit).join('').trim();
const wordsRe = (folded: string) => folded.split(/[\s,]+/).filter(Boolean).map(escapeRe).join('[\\s,]+');

/**
 * The phrases (as regex sources over folded text) that name the sender: the full name, its last two words when it has
 * three or more, the given name (and last two words) right after a salutation, the whole address, and each comma-separated
 * part of the address holding a number (house and street, "45 Nguyễn Huệ"), with or without a leading "số"/"số nhà".
 */
type PersonalPattern = string | { src: string; given: string };
function personalPatterns(p: PersonalData): PersonalPattern[] {
  const out: PersonalPattern[] = [];
  const name = p.name ? foldPhrase(p.name) : '';
  const words = name.split(/\s+/).filter(Boolean);
  if (name.length >= 3) out.push(wordsRe(name));
  if (words.length >= 3) out.push(wordsRe(words.slice(-2).join(' ')));
  // The family name with the given name, the middle one left out ("Trương Bảy" for Trương Văn Bảy; re-walk 17).
  if (words.length >= 3) out.push(wordsRe(`${words[0]} ${words.at(-1)}`));
  if (words.length >= 2) {
    const raw = p.name!.normalize('NFC').toLowerCase().split(/\s+/).filter(Boolean);
    const given = [
      [words.at(-1)!, raw.at(-1)!],
      [words.slice(-2).join(' '), raw.slice(-2).join(' ')],
    ].filter(([g]) => g!.length >= 2);
    // Only the name is masked; the salutation stays, so the letter still reads "Kính gửi bà [đã ẩn]".
    for (const [g, original] of given) out.push({ src: `(?<=(?:^|[^\\p{L}\\p{N}])(?:${SALUTATIONS.join('|')})\\s+)${wordsRe(g!)}`, given: original! });
  }
  const address = p.address ? foldPhrase(p.address) : '';
  if (address.length >= 3) out.push(wordsRe(address));
  for (const part of address.split(',').map((x) => x.trim())) {
    if (!/\d/.test(part)) continue;
    const bare = part.replace(/^(so nha|so)\s+/, '');
    if (bare.length >= 3) out.push(`(?:(?:so nha|so)\\s+)?${wordsRe(bare)}`);
  }
  return out;
}

const BIRTH_DATE = /((?:sinh ngày|ngày sinh|ngày, tháng, năm sinh|sinh năm|năm sinh)\s*:?\s*)(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{4})/giu;
const ID_CARD_9 = /((?:CMND|CMT|chứng minh nhân dân|chứng minh thư|giấy chứng minh)(?:\s+số)?\s*:?\s*)\d(?:[ .]?\d){8}(?![\p{L}\p{N}])/giu;
const HOUSE_NUMBER_WORD = /((?:số nhà|nhà số)\s+)\d+[\p{L}]?(?:\/\d+[\p{L}]?)*|((?<![\p{L}])nhà\s+)\d+[\p{L}]?(?:\/\d+[\p{L}]?)+/giu;
// Not an alley's number ("ngõ 5 phố Huế": alley 5 of Huế street is a place, not someone's house).
const HOUSE_NUMBER_STREET = /(?<![\p{L}\p{N}./-])(?<!(?:ngõ|ngách|hẻm|kiệt)\s+)(\d+[\p{L}]?(?:\/\d+[\p{L}]?)*)\s+(đường|phố|ngõ|ngách|hẻm|kiệt)(?![\p{L}])/giu;

const NUM = '\\d+[a-z]?(?:\\/\\d+[a-z]?)*';
const ALLEY_WORDS = 'hem|ngo|ngach|kiet';
/** Words that make a "số N" nearby a place one lives at (folded): house, alley, street, address, hamlet. */
const HOUSE_CONTEXT = /(?<![\p{L}\p{N}])(?:nha|hem|ngo|ngach|kiet|duong|pho|dia chi|cu tru|thuong tru|to dan pho|khom|ap)(?![\p{L}\p{N}])/u;
const HOUSE_WINDOW = 40;

/** The sender's house numbers and alley numbers, from their address (folded): "Số 7 hẻm 3 đường …" → 7 and 3. */
export function addressNumbers(address: string | null): { house: string[]; alley: string[] } {
  const a = address ? foldPhrase(address) : '';
  const house = new Set<string>();
  const alley = new Set<string>();
  for (const m of a.matchAll(new RegExp(`(?<![\\p{L}\\p{N}])(?:so nha|nha so|so|nha)\\s+(${NUM})(?![\\p{L}\\p{N}])`, 'gu'))) house.add(m[1]!);
  for (const part of a.split(',')) {
    const lead = new RegExp(`^\\s*(${NUM})(?![\\p{L}\\p{N}])`, 'u').exec(part);
    if (lead) house.add(lead[1]!);
  }
  for (const m of a.matchAll(new RegExp(`(?<![\\p{L}\\p{N}])(?:${ALLEY_WORDS})\\s+(${NUM})(?![\\p{L}\\p{N}])`, 'gu'))) alley.add(m[1]!);
  return { house: [...house], alley: [...alley] };
}

/**
 * The sender's house number and alley number wherever the text states them as a place, not only when the address is
 * repeated whole (walk 17 finding 1: "hẻm 3 (nhà ông … số 7)" of "Số 7 hẻm 3 đường Trần Hưng Đạo"): "số 7", "nhà số 7",
 * "số nhà 7", "nhà 7" with a house word (nhà, hẻm, ngõ, đường, phố, địa chỉ…) within a few words, and "hẻm/ngõ/ngách/kiệt
 * 3". Only the number is masked, so the sentence still reads. Another number ("Quyết định số 12") stays.
 */
function redactHouseAndAlley(text: string, address: string | null): string {
  const { house, alley } = addressNumbers(address);
  if (house.length === 0 && alley.length === 0) return text;
  const folded = Array.from(text, foldUnit).join('');
  const ranges: [number, number][] = [];
  const alt = (xs: string[]) => xs.map(escapeRe).join('|');
  if (house.length > 0) {
    const re = new RegExp(`(?<![\\p{L}\\p{N}])(?:so nha|nha so|so|nha)\\s+(?:${alt(house)})(?![\\p{L}\\p{N}]|[\\/.-][\\p{L}\\p{N}])`, 'gu');
    for (const m of folded.matchAll(re)) {
      const around = folded.slice(Math.max(0, m.index - HOUSE_WINDOW), m.index) + ' ' + folded.slice(m.index + m[0].length, m.index + m[0].length + HOUSE_WINDOW);
      const isHouseWord = /^(?:nha|so nha|nha so)\s/u.test(m[0]);
      if (!isHouseWord && !HOUSE_CONTEXT.test(around)) continue;
      const num = /\S+$/u.exec(m[0])!;
      ranges.push([m.index + num.index, m.index + m[0].length]);
    }
  }
  // House and alley written as one number ("nhà 7/3 Trần Hưng Đạo" for số 7 hẻm 3; either order is in use), not a date.
  const pairs = house.flatMap((h) => alley.flatMap((a) => [`${h}/${a}`, `${a}/${h}`]));
  if (pairs.length > 0) {
    const re = new RegExp(`(?<![\\p{L}\\p{N}/.-])(?<!ngay\\s+)(?:${alt(pairs)})(?![\\p{L}\\p{N}]|[\\/.-][\\p{L}\\p{N}])`, 'gu');
    for (const m of folded.matchAll(re)) ranges.push([m.index, m.index + m[0].length]);
  }
  if (alley.length > 0) {
    const re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${ALLEY_WORDS})\\s+(?:${alt(alley)})(?![\\p{L}\\p{N}]|[\\/.-][\\p{L}\\p{N}])`, 'gu');
    for (const m of folded.matchAll(re)) {
      const num = /\S+$/u.exec(m[0])!;
      ranges.push([m.index + num.index, m.index + m[0].length]);
    }
  }
  let out = text;
  for (const [a, b] of ranges.sort((x, y) => y[0] - x[0])) out = out.slice(0, a) + MASK + out.slice(b);
  return out;
}

/**
 * Dossier codes (Nghị định 61/2018 Điều 26; TT 01/2018/TT-VPCP Điều 19 and TT 04/2025: `…-YYMMDD-XXXX`, see
 * dossiers/dossier-code.rules.ts) and submission references (`NOP-XXXXX-XXXXX`) point at one person's dossier: a
 * published answer never shows them (walk 17 finding 1), whatever dash a word processor put between the parts.
 */
/**
 * Another person's full name (two to four capitalised words) after a family word or a salutation, with what may stand
 * between ("con tôi là Lê Gia Huy", "vợ tôi là chị Trần Thị Mỹ", "cháu Lê Gia Huy", "ông Nguyễn Văn Tám"): a third
 * party's name is personal data the sender cannot consent to publish (NĐ 13/2023/NĐ-CP Điều 2 k1, k3). One capitalised
 * word alone ("chị Mỹ") stays for the approving leader's hints; a title ("ông Chủ Tịch") and "Bà Rịa" (a province) stay.
 */
const KIN = ['con', 'cháu', 'vợ', 'chồng', 'mẹ', 'bố', 'cha', 'má', 'ba', 'anh', 'chị', 'em', 'ông', 'bà', 'cô', 'chú', 'bác', 'dì', 'cậu', 'mợ', 'thím', 'bé'];
const cap = (w: string) => w[0]!.toUpperCase() + w.slice(1);
const KIN_RE = KIN.flatMap((w) => [w, cap(w)]).join('|');
const THIRD_PARTY_NAME = new RegExp(
  `(?<![\\p{L}])((?:${KIN_RE})(?:\\s+(?:ruột|trai|gái|nội|ngoại|út|cả))?(?:\\s+(?:của\\s+)?(?:tôi|em|chúng tôi|tui))?(?:\\s+(?:tên\\s+)?là)?(?:\\s+(?:${KIN.join('|')}))?\\s+)(\\p{Lu}\\p{Ll}*(?:\\s+\\p{Lu}\\p{Ll}*){1,3})(?![\\p{L}])`,
  'gu',
);
// Places named after a salutation, and titles written with capitals ("ông Chủ Tịch", "bà Phó Giám Đốc").
const NOT_A_NAME = /^(?:Rịa|Chiểu|Điểm|Đen|Lãnh|Chủ|Phó|Giám|Trưởng|Bí|Cán|Chánh|Kế|Tổ)(?:\s|$)/u;

/** A mobile number (03, 05, 07, 08, 09 after 0 or 84); landlines start 02 and hotlines 1800/1900. */
const isMobile = (number: string) => /^(?:\+?84|0)[35789]/.test(number.replace(/[ .-]/g, ''));

const DOSSIER_CODE_IN_TEXT = /(?<![\p{L}\p{N}.])[0-9A-Za-z][0-9A-Za-z.]{0,34}[-‐‑–—]\d{6}[-‐‑–—]\d{4,}(?![\p{L}\p{N}])|(?<![\p{L}\p{N}])NOP[-‐‑–—][0-9A-F]{5}[-‐‑–—][0-9A-F]{5}(?![\p{L}\p{N}])/giu;

/** `written` is `name` (case aside), or has no accent at all (typed without accents, "chi Lan"). */
function sameWordOrUnaccented(written: string, name: string): boolean {
  const w = written.normalize('NFC').toLowerCase().replace(/\s+/g, ' ');
  return w === name.replace(/\s+/g, ' ') || w === foldPhrase(w);
}

/** Vietnamese number words (folded) a house number may be written in: "nhà số bảy", "số nhà mười hai", "số nhà hai mươi mốt". */
const NUMBER_WORDS = 'khong|mot|hai|ba|bon|tu|nam|lam|sau|bay|tam|chin|muoi|linh|le|tram';
const HOUSE_NUMBER_IN_WORDS = new RegExp(`(?<![\\p{L}\\p{N}])(?:so nha|nha so)\\s+((?:${NUMBER_WORDS})(?:\\s+(?:${NUMBER_WORDS})){0,4})(?![\\p{L}\\p{N}])`, 'gu');

/** A house number written in words after "số nhà"/"nhà số": only the words go ("nhà số [đã ẩn]"). */
function redactHouseNumberWords(text: string): string {
  const folded = Array.from(text, foldUnit).join('');
  const ranges: [number, number][] = [];
  for (const m of folded.matchAll(HOUSE_NUMBER_IN_WORDS)) ranges.push([m.index + m[0].length - m[1]!.length, m.index + m[0].length]);
  let out = text;
  for (const [a, b] of ranges.reverse()) out = out.slice(0, a) + MASK + out.slice(b);
  return out;
}

/**
 * Removes the sender's personal data from a text to be published: their name (also the given name after a salutation),
 * address (also its house-and-street part), phone and e-mail as given — accent- and case-insensitively — and any e-mail
 * address, phone number (9–11 digits, spaced or dotted), 12-digit CCCD number, stated birth date or house number written
 * in the text.
 */
export function redactPersonalData(text: string, p: PersonalData, keep: { numbers?: readonly string[]; ownName?: string | null; officeText?: boolean } = {}): string {
  const keepNumbers = keep.numbers ?? [];
  const ownName = keep.ownName ? foldPhrase(keep.ownName) : null;
  let out = text.normalize('NFC');
  const folded = Array.from(out, foldUnit).join('');
  const ranges: [number, number][] = [];
  for (const pat of personalPatterns(p)) {
    const src = typeof pat === 'string' ? pat : pat.src;
    for (const m of folded.matchAll(new RegExp(`(?<![\\p{L}\\p{N}])${src}(?![\\p{L}\\p{N}])`, 'gu'))) {
      // A given name after a salutation is the name only as written or typed without accents: "cô chú" is not
      // "cô Chu", "chị lần trước" is not "chị Lan" (walk 17: a plain salutation word was masked).
      if (typeof pat !== 'string' && !sameWordOrUnaccented(out.slice(m.index, m.index + m[0].length), pat.given)) continue;
      ranges.push([m.index, m.index + m[0].length]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged.at(-1);
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([...r]);
  }
  for (const [a, b] of merged.reverse()) out = out.slice(0, a) + MASK + out.slice(b);
  out = redactHouseAndAlley(out, p.address);
  for (const v of [p.email, p.phone]) {
    const t = v?.trim();
    if (t && t.length >= 3) out = out.replace(new RegExp(escapeRe(t), 'giu'), MASK);
  }
  out = out.replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, MASK);
  // A birth date identifies a person with their name (NĐ 13/2023 Điều 2 k3: personal data); only when the text says it is
  // one ("sinh ngày 12/3/1985", "ngày sinh: 12-03-1985", "sinh năm 1985"), so a decision's date stays.
  out = out.replace(BIRTH_DATE, (_m, lead: string) => `${lead}${MASK}`);
  // The old 9-digit identity card (CMND) when named as one: 9 digits alone may be anything (an amount, a code).
  out = out.replace(ID_CARD_9, (_m, lead: string) => `${lead}${MASK}`);
  // A house number anywhere ("số nhà 12", "nhà số 12/3", "12A đường Lê Lợi"): the street stays, the number goes.
  // "nhà 7/3" too: a number with a slash after "nhà" is a house in an alley ("nhà 2 tầng" is not, and stays).
  // A sender who agreed to show their address keeps its numbers (`keepNumbers`: "số 7 hẻm 3" stays theirs to show).
  const kept = (n: string) => keepNumbers.includes(foldPhrase(n));
  out = out.replace(HOUSE_NUMBER_WORD, (m: string, lead?: string, lead2?: string) => (kept(m.slice((lead ?? lead2)!.length)) ? m : `${lead ?? lead2}${MASK}`));
  out = out.replace(HOUSE_NUMBER_STREET, (m: string, n: string, street: string) => (kept(n) ? m : `${MASK} ${street}`));
  if (keepNumbers.length === 0) out = redactHouseNumberWords(out);
  // A number is one number however it is grouped ("087 190 000 111", "087.190.000.111", "0871-9000-0111"): a CCCD
  // (12 digits) first, so a phone pattern never takes its first digits and leaves the tail; then phones.
  // Not inside a code such as a dossier number "H56-261125-0001" (a letter or a separator before it).
  out = out.replace(/(?<![\p{L}\p{N}./-])\d(?:[ .-]?\d){11}(?![\p{L}\p{N}]|[ ./-]\d)/gu, MASK);
  // In the office's own answer a landline is the office's (the desk, the hotline: "0277 3851 210"); a mobile may be anyone's.
  out = out.replace(/(?<![\p{L}\p{N}./-])(\+?84|0)(?:[ .-]?\d){9,10}(?![\p{L}\p{N}]|[ ./-]\d)/gu, (m: string) => (keep.officeText && !isMobile(m) ? m : MASK));
  // The sender's own name stays where they agreed to show it (`ownName`); anyone else's goes.
  out = out.replace(THIRD_PARTY_NAME, (m: string, lead: string, name: string) => (NOT_A_NAME.test(name) || foldPhrase(name) === ownName ? m : `${lead}${MASK}`));
  return out;
}

/**
 * What the public sees of an item: personal data removed. A sender who agreed to publish their identity keeps their name
 * and address; phone numbers, e-mail addresses and CCCD numbers are never published — except, in the office's answer
 * (`author: 'office'`), a landline, which is the office's own.
 */
export function publicText(text: string, p: PersonalData, consent: boolean, author: 'sender' | 'office' = 'sender'): string {
  const office = author === 'office';
  if (!consent) return redactPersonalData(text, p, { officeText: office }).replace(DOSSIER_CODE_IN_TEXT, MASK);
  const own = addressNumbers(p.address);
  const keep = [...own.house, ...own.alley, ...own.house.flatMap((h) => own.alley.flatMap((a) => [`${h}/${a}`, `${a}/${h}`]))];
  return redactPersonalData(text, { ...p, name: null, address: null }, { numbers: keep, ownName: p.name, officeText: office }).replace(DOSSIER_CODE_IN_TEXT, MASK);
}

/** Counts of a unit's PAKN in a period, from which the group 5 rates are computed. */
export type Group5Counts = { handled: number; handledOnTime: number; rated: number; unsatisfied: number; good: number };

const percent = (num: number, den: number) => (den === 0 ? null : Math.round((num / den) * 1000) / 10);

/**
 * Group 5 rates (QĐ 766/QĐ-TTg, phụ lục chỉ số nhóm 5; ../shared/reference/vn-legal.md §"766").
 * - onTimeRate (5.2) = handled on time / handled.
 * - satisfactionRate (5.3) follows QĐ 766 literally: (PAKN − disliked / re-complained / late) / PAKN, so a handled item
 *   nobody rated counts as satisfied there — that is the decision's formula, not a bug, and it is labelled
 *   "Chỉ số 5.3 (QĐ 766)" on screens.
 * - answerSatisfactionRate = satisfied ratings / ratings given: what a person means by "hài lòng với câu trả lời"; an
 *   unrated answer is in neither term, so one "unsatisfied" rating alone gives 0 %, never 75 %.
 */
export function group5Rates(c: Group5Counts): { onTimeRate: number | null; satisfactionRate: number | null; answerSatisfactionRate: number | null } {
  return {
    onTimeRate: percent(c.handledOnTime, c.handled),
    satisfactionRate: percent(c.good, c.handled),
    answerSatisfactionRate: percent(c.rated - c.unsatisfied, c.rated),
  };
}

/**
 * A hint for the classifying officer (never a decision): the text reads like a complaint (khiếu nại, khiếu kiện — Luật
 * Khiếu nại 2011) or a denunciation (tố cáo — Luật Tố cáo 2018), which leave the PAKN process (NĐ 20/2008 Điều 9) for
 * a letter saying where to file. Accent- and case-insensitive, on whole words, so "to cao" and "TỐ CÁO" count but
 * "tổ cao" (folds the same) is accepted as the price of accentless typing.
 */
export function complaintHint(text: string): 'complaint' | 'denunciation' | null {
  const t = ` ${foldVietnamese(text).replace(/[^a-z0-9]+/g, ' ')} `;
  if (/ to cao /.test(t)) return 'denunciation';
  if (/ khieu (nai|kien) /.test(t)) return 'complaint';
  return null;
}

/** What may still be personal in a text about to be published, for the approving leader to check (never a decision). */
export type PersonalHint = { kind: 'person' | 'date' | 'number'; text: string };

const HINT_PERSON = new RegExp(`(?<![\\p{L}])(?:${KIN_RE})\\s+((?:\\p{Lu}\\p{Ll}*)(?:\\s+\\p{Lu}\\p{Ll}*){0,3})`, 'gu');
const HINT_DATE = /(?<![\p{N}/.-])\d{1,2}[/.-]\d{1,2}[/.-]((?:19|20)\d{2})(?![\p{N}])/gu;
const HINT_NUMBER = /(?<![\p{L}\p{N}./-])\d(?:[ .]?\d){7,}(?![\p{L}\p{N}])/gu;

/** A full date this many years or more before the item is more likely a birth date than a step of a procedure. */
const OLD_DATE_YEARS = 5;

/**
 * After redaction, what still looks personal: a capitalised name after a salutation (another person than the sender,
 * or a name written differently), a full date well before the item (a birth date written without "sinh"), a long
 * number. The leader who approves the answer sees these and decides; publishing does not wait on them (Nghị định
 * 13/2023/NĐ-CP: the controller decides what is personal). `year`: the year the item was received.
 */
export function personalHints(redacted: string, year: number): PersonalHint[] {
  const out: PersonalHint[] = [];
  const seen = new Set<string>();
  const push = (kind: PersonalHint['kind'], text: string) => {
    const key = `${kind}:${text}`;
    if (!seen.has(key) && out.length < 20) {
      seen.add(key);
      out.push({ kind, text });
    }
  };
  for (const m of redacted.matchAll(HINT_PERSON)) if (m[1] !== undefined && !m[1].startsWith('[')) push('person', m[0]);
  for (const m of redacted.matchAll(HINT_DATE)) if (Number(m[1]) <= year - OLD_DATE_YEARS) push('date', m[0]);
  for (const m of redacted.matchAll(HINT_NUMBER)) push('number', m[0]);
  return out;
}
