import { Table } from 'antd';
import { formatDueTime, formatNumber } from '../../../lib/format.js';
import { t } from '../../../lib/i18n.js';
import type { HistoryEntry } from '../api/get-dossier.js';
import { actionLabel, statusLabel } from './dossier-labels.js';

/** The facts recorded with an action, as short lines: the appointment moved, who collected, the partner unit. */
function detailLines({ details }: HistoryEntry): string[] {
  const lines: string[] = [];
  if (details.previousDueAt && details.newDueAt) lines.push(t('dossier.historyMoved', { from: formatDueTime(details.previousDueAt), to: formatDueTime(details.newDueAt) }));
  else if (details.newDueAt) lines.push(t('dossier.historyNewDue', { to: formatDueTime(details.newDueAt) }));
  if (details.waitedWorkingMinutes) lines.push(t('dossier.historyWaited', { hours: formatNumber(details.waitedWorkingMinutes / 60, 1) }));
  if (details.assigneeName) lines.push(t('dossier.historyAssigned', { name: details.assigneeName }));
  if (details.receivedBy) lines.push(t('dossier.historyReceivedBy', { name: details.receivedBy }));
  if (details.targetUnitName) lines.push(t('dossier.historyTransferTo', { unit: details.targetUnitName }));
  return lines;
}

/** Every action on the dossier, oldest first: when, who, what, the status before and after, and the note. */
export function HistoryTable({ history }: { history: HistoryEntry[] }) {
  return (
    <Table<HistoryEntry>
      size="small"
      rowKey={(h, i) => `${h.at}-${i ?? 0}`}
      dataSource={history}
      pagination={false}
      scroll={{ x: 900 }}
      tableLayout="fixed"
      columns={[
        { title: t('dossier.at'), width: 140, render: (_v, h) => formatDueTime(h.at) },
        { title: t('dossier.officer'), dataIndex: 'actorName', width: 170 },
        { title: t('dossier.action'), width: 190, render: (_v, h) => <strong>{actionLabel(h.action)}</strong> },
        {
          title: t('dossier.transition'),
          width: 280,
          render: (_v, h) =>
            h.fromStatus && h.fromStatus !== h.toStatus ? (
              <span>
                {statusLabel(h.fromStatus)} → {statusLabel(h.toStatus)}
              </span>
            ) : (
              statusLabel(h.toStatus)
            ),
        },
        {
          title: t('dossier.note'),
          render: (_v, h) => (
            <>
              {h.note ? <span className="pre-line">{h.note}</span> : null}
              {detailLines(h).map((line) => (
                <div key={line} className="history-detail">
                  {line}
                </div>
              ))}
            </>
          ),
        },
      ]}
    />
  );
}
