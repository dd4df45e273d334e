import { formatNumber, formatPercent } from '../../../lib/format.js';
import { t } from '../../../lib/i18n.js';
import { classificationLabel } from '../../feedback/components/feedback-labels.js';

/** The QĐ 766 group 5 figures as both report endpoints send them (GET /api/feedback/report/group5, the period's group5.total). */
export type Group5Figures = {
  received: number;
  byClassification: Record<string, number>;
  handled: number;
  handledOnTime: number;
  onTimeRate: number | null;
  rated: number;
  unsatisfied: number;
  satisfactionRate: number | null;
  answerSatisfactionRate: number | null;
  dossiersWithFeedback: number;
};

export type Group5Line = { key: string; label: string; value: string; note?: string };

/**
 * The lines of the group 5 card (QĐ 766/QĐ-TTg, phụ lục nhóm 5), in the decision's order. Chỉ số 5.3 follows the
 * decision's formula, where a handled item nobody rated counts as satisfied, so it stands beside the satisfaction with
 * the answer (satisfied ratings / ratings) and says so; with no rating the latter reads "Chưa có đánh giá", never 0 or 100 %.
 */
export function group5Lines(g: Group5Figures): Group5Line[] {
  const classes = Object.entries(g.byClassification)
    .filter(([, n]) => n > 0)
    .map(([c, n]) => `${c === 'unclassified' ? t('reports.g5.unclassified') : classificationLabel(c)}: ${formatNumber(n)}`);
  return [
    { key: '5.1', label: t('reports.g5.received'), value: formatNumber(g.received), note: classes.length > 0 ? classes.join(' · ') : undefined },
    { key: '5.2', label: t('reports.g5.onTime'), value: formatPercent(g.onTimeRate), note: t('reports.g5.onTimeOf', { onTime: formatNumber(g.handledOnTime), handled: formatNumber(g.handled) }) },
    { key: '5.3', label: t('reports.g5.index53'), value: formatPercent(g.satisfactionRate), note: t('reports.g5.index53Note') },
    {
      key: 'answer',
      label: t('reports.g5.answerSatisfaction'),
      value: g.rated === 0 ? t('reports.g5.noRating') : formatPercent(g.answerSatisfactionRate),
      note: t('reports.g5.answerOf', { satisfied: formatNumber(g.rated - g.unsatisfied), rated: formatNumber(g.rated) }),
    },
    { key: '5.4', label: t('reports.g5.dossiers'), value: formatNumber(g.dossiersWithFeedback) },
  ];
}
