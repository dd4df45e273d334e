import { channelLabels, classificationLabels, classifications, eventLabels, feedbackStatuses, kindLabels, ratingLabels, statusLabels, type Classification } from '../../../../../server/src/modules/feedback/feedback.rules.js';
import { getLang } from '../../../lib/i18n.js';

const pick = (l: { vi: string; en: string }) => (getLang() === 'en' ? l.en : l.vi);
export const statusOptions = () => feedbackStatuses.map((s) => ({ value: s, label: pick(statusLabels[s]) }));
export const classificationOptions = () => classifications.map((c) => ({ value: c, label: pick(classificationLabels[c]) }));
/** Labels for what the server sends as codes; an unknown code (a newer server) shows a neutral word, never the code. */
export const channelLabel = (c: string) => (c in channelLabels ? pick(channelLabels[c as keyof typeof channelLabels]) : getLang() === 'en' ? 'Other channel' : 'Kênh khác');
export const eventLabel = (a: string) => (a in eventLabels ? pick(eventLabels[a as keyof typeof eventLabels]) : getLang() === 'en' ? 'Step' : 'Bước xử lý');
const known = <T extends Record<string, { vi: string; en: string }>>(labels: T, code: string, fallbackVi: string, fallbackEn: string) =>
  code in labels ? pick(labels[code as keyof T] as { vi: string; en: string }) : getLang() === 'en' ? fallbackEn : fallbackVi;
export const ratingLabel = (r: string) => known(ratingLabels, r, 'Đã đánh giá', 'Rated');
export const kindLabel = (k: string) => known(kindLabels, k, 'Phản ánh', 'Item');
export const classificationLabel = (c: string) => known(classificationLabels, c, 'Đã phân loại', 'Classified');
export const needsTarget = (c: Classification | undefined) => c === 'conduct' || c === 'outside_competence';
export const needsNote = (c: Classification | undefined) => c === 'refused' || c === 'complaint' || c === 'denunciation';
export const dueColor = (s: string | null) => (s === 'overdue' ? 'red' : s === 'due_soon' ? 'orange' : 'green');
export type { Classification };
