import { useState } from 'react';
import { Card, Flex, Input, Radio, Table, Tag } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { formatDueTime, formatVnd } from '../../../lib/format.js';
import { t } from '../../../lib/i18n.js';
import { Link } from '../../../lib/router.js';
import { useAsync } from '../../../lib/use-async.js';
import { listTransfers, type Transfer, type TransferFilter } from '../api/list-transfers.js';
import { matchColor, matchLabel, transferFilters } from './payment-labels.js';

type Props = {
  /** Bumped by the page after an import, so the list reloads. */
  version: number;
  /** Where a dossier code leads (the dossier search). */
  dossierSearchPath: (code: string) => string;
};

/** Accent- and case-insensitive text of a transfer, for the quick filter. */
function fold(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/gi, 'd').toLowerCase();
}

/**
 * The transfers imported from bank statements in the officer's scope, by state: to review (the default: unmatched,
 * wrong amount, dossier already paid), matched, or one state; a quick filter over description, bank reference, payment
 * reference and dossier code.
 */
export function TransfersCard({ version, dossierSearchPath }: Props) {
  const [status, setStatus] = useState<TransferFilter>('review');
  const [q, setQ] = useState('');
  const list = useAsync(() => listTransfers({ status, limit: 500 }), [status, version]);
  const needle = fold(q.trim());
  const rows = (list.data ?? []).filter(
    (r) => !needle || fold([r.description, r.bankRef, r.paymentReference ?? '', r.dossierCode ?? ''].join(' ')).includes(needle),
  );

  return (
    <Card size="small" title={<h3 className="section-title">{t('recon.transfers')}</h3>} className="detail-card">
      <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
        <Radio.Group
          aria-label={t('recon.filter')}
          optionType="button"
          value={status}
          onChange={(e) => setStatus(e.target.value as TransferFilter)}
          options={transferFilters.map((f) => ({ value: f, label: matchLabel(f) }))}
        />
        <Input.Search aria-label={t('recon.search')} placeholder={t('recon.search')} allowClear value={q} onChange={(e) => setQ(e.target.value)} style={{ maxWidth: 360, flex: '1 1 260px' }} />
      </Flex>
      <ErrorAlert error={list.error} />
      <Table<Transfer>
        size="small"
        rowKey="bankRef"
        loading={list.loading}
        dataSource={rows}
        pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        locale={{ emptyText: t('recon.empty') }}
        scroll={{ x: 1040 }}
        tableLayout="fixed"
        columns={[
          { title: t('recon.receivedAt'), width: 125, render: (_v, r) => formatDueTime(r.receivedAt) },
          { title: t('recon.bankRef'), width: 125, render: (_v, r) => <span className="mono">{r.bankRef}</span> },
          { title: t('recon.amount'), width: 100, align: 'right', render: (_v, r) => <span className="nowrap">{formatVnd(r.amountVnd)}</span> },
          { title: t('recon.description'), dataIndex: 'description' },
          { title: t('recon.match'), width: 140, render: (_v, r) => <Tag color={matchColor[r.matchStatus]}>{matchLabel(r.matchStatus)}</Tag> },
          { title: t('recon.payment'), width: 130, render: (_v, r) => (r.paymentReference ? <span className="mono">{r.paymentReference}</span> : '') },
          {
            title: t('recon.dossier'),
            width: 215,
            render: (_v, r) =>
              r.dossierCode ? (
                <Link to={dossierSearchPath(r.dossierCode)} className="mono">
                  {r.dossierCode}
                </Link>
              ) : (
                ''
              ),
          },
        ]}
      />
    </Card>
  );
}
