import { classificationLabels, classifications, feedbackStatuses, statusLabels, type Classification } from '../../../../../server/src/modules/feedback/feedback.rules.js';
import { getLang } from '../../../lib/i18n.js';

const pick = (l: { vi: string; en: string }) => (getLang() === 'en' ? l.en : l.vi);
export const statusOptions = () => feedbackStatuses.map((s) => ({ value: s, label: pick(statusLabels[s]) }));
export const classificationOptions = () => classifications.map((c) => ({ value: c, label: pick(classificationLabels[c]) }));
export const needsTarget = (c: Classification | undefined) => c === 'conduct' || c === 'outside_competence';
export const needsNote = (c: Classification | undefined) => c === 'refused' || c === 'complaint' || c === 'denunciation';
export const dueColor = (s: string | null) => (s === 'overdue' ? 'red' : s === 'due_soon' ? 'orange' : 'green');
export type { Classification };
