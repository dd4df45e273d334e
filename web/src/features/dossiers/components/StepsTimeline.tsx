import { Steps, Tag } from 'antd';
import { formatDueTime, formatWorkingDuration } from '../../../lib/format.js';
import { t } from '../../../lib/i18n.js';
import { roleLabel, staffRoles, type StaffRole } from '../../../lib/labels.js';
import type { Dossier } from '../api/get-dossier.js';
import { deadlineColor, deadlineLabel, finishColor, finishLabel } from './dossier-labels.js';

const isRole = (r: string): r is StaffRole => (staffRoles as readonly string[]).includes(r);

/** The internal process: each step's officer role and unit, its due time, when it started and finished, and how (early, on time, late). */
export function StepsTimeline({ dossier }: { dossier: Dossier }) {
  const closed = ['result_ready', 'returned', 'withdrawn', 'stopped', 'refused', 'not_accepted'].includes(dossier.status);
  const current = closed ? dossier.steps.length : dossier.stepIndex;
  return (
    <Steps
      orientation="vertical"
      size="small"
      current={current}
      status={dossier.status === 'refused' || dossier.status === 'stopped' ? 'error' : undefined}
      items={dossier.steps.map((s) => ({
        title: (
          <span>
            {t('dossier.stepN', { n: s.stepIndex + 1, name: s.name })}
            {!closed && s.stepIndex === dossier.stepIndex ? (
              <Tag color="processing" style={{ marginLeft: 8 }}>
                {t('dossier.stepCurrent')}
              </Tag>
            ) : null}
            {s.deadlineState ? (
              <Tag color={deadlineColor(s.deadlineState)} style={{ marginLeft: 8 }}>
                {deadlineLabel(s.deadlineState)}
              </Tag>
            ) : null}
            {s.finishClass ? (
              <Tag color={finishColor(s.finishClass)} style={{ marginLeft: 8 }}>
                {finishLabel(s.finishClass)}
              </Tag>
            ) : null}
          </span>
        ),
        content: (
          <div className="step-detail">
            <div className="muted">{t('dossier.stepRole', { role: isRole(s.role) ? roleLabel(s.role) : s.role, unit: s.unitName, duration: formatWorkingDuration(s.workingDays, s.dayMinutes) })}</div>
            <div>
              {t('dossier.stepDue')}: <strong>{formatDueTime(s.dueAt)}</strong>
              {s.startedAt ? ` · ${t('dossier.stepStarted')}: ${formatDueTime(s.startedAt)}` : ''}
              {s.finishedAt ? ` · ${t('dossier.stepFinished')}: ${formatDueTime(s.finishedAt)}` : ''}
            </div>
          </div>
        ),
      }))}
    />
  );
}
