import { useState } from 'react';
import { Card, Col, Flex, Row, Select, Statistic } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { t } from '../../../lib/i18n.js';
import { Link } from '../../../lib/router.js';
import { useAsync } from '../../../lib/use-async.js';
import { listDossiers, type Queue } from '../api/list-dossiers.js';

type Tile = { queue: Exclude<Queue, 'all'>; label: string; alert?: boolean };

/**
 * The officer's counts on the home page (waiting, online to accept, due soon, overdue), each a link to its tab. They
 * come with one page of the queue (the counters and bounded counts of the queues work, nothing counted over dossiers).
 * An officer of several units (a leader of several wards) chooses one of them, or all.
 */
export function DeskCounts({ listPath, canReceive, units }: { listPath: string; canReceive: boolean; units: { id: string; name: string }[] }) {
  const [unitId, setUnitId] = useState<string | undefined>(undefined);
  const state = useAsync(() => listDossiers({ queue: 'unit', limit: 1, unitId }), [unitId]);
  const tiles: Tile[] = [
    { queue: 'unit', label: t('desk.countWaiting') },
    ...(canReceive ? [{ queue: 'online', label: t('desk.countOnline') } as const] : []),
    { queue: 'due_soon', label: t('desk.countDueSoon'), alert: true },
    { queue: 'overdue', label: t('desk.countOverdue'), alert: true },
  ];
  const data = state.data;
  return (
    <section aria-label={t('desk.countsTitle')} style={{ marginBottom: 16 }}>
      <Flex gap={12} align="center" wrap style={{ marginBottom: 8 }}>
        <h3 className="section-title" style={{ margin: 0 }}>
          {t('desk.countsTitle')}
        </h3>
        {units.length > 1 ? (
          <Select
            aria-label={t('desk.countsUnit')}
            value={unitId ?? ''}
            onChange={(v: string) => setUnitId(v || undefined)}
            style={{ minWidth: 240 }}
            options={[{ value: '', label: t('desk.countsAllUnits') }, ...units.map((u) => ({ value: u.id, label: u.name }))]}
          />
        ) : null}
      </Flex>
      <ErrorAlert error={state.error} />
      <Row gutter={[12, 12]}>
        {tiles.map((tile) => {
          const n = data?.counts[tile.queue];
          const bounded = !!data && data.boundedCounts.includes(tile.queue) && n !== undefined && n >= data.countBound;
          return (
            <Col key={tile.queue} xs={12} md={6}>
              <Card size="small" className="count-tile">
                <Link to={`${listPath}?queue=${tile.queue}`} aria-label={`${tile.label}: ${n ?? ''}`}>
                  <Statistic
                    title={tile.label}
                    loading={state.loading && !data}
                    value={n === undefined ? '—' : bounded ? `${data.countBound - 1}+` : n}
                    valueStyle={tile.alert && n ? { color: '#cf1322' } : undefined}
                  />
                </Link>
              </Card>
            </Col>
          );
        })}
      </Row>
    </section>
  );
}
