import { useState } from 'react';
import { App, Button, Col, Flex, Popconfirm, Row, Select, Statistic, Table, Tag } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { PageTitle } from '../../../components/PageTitle.js';
import { UnitSelect } from '../../../components/UnitSelect.js';
import { formatDate, weekdayOf } from '../../../lib/format.js';
import { getLang, t } from '../../../lib/i18n.js';
import { useAsync } from '../../../lib/use-async.js';
import { useUnits } from '../../../lib/units.js';
import { deleteAdjustment } from '../api/delete-adjustment.js';
import { getCalendarYear, type Adjustment } from '../api/get-calendar-year.js';
import { AdjustmentModal } from './AdjustmentModal.js';
import { DueCalculator } from './DueCalculator.js';
import { WorkingHoursCard } from './WorkingHoursCard.js';

type DayRow = { date: string; name: string; kind: 'off' | 'makeup' };

/** The working calendar of a year: holidays and days off, make-up days, adjustments, and the deadline calculator. */
export function CalendarPage({ canManage }: { canManage: boolean }) {
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const [unitId, setUnitId] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const units = useUnits();
  const view = useAsync(() => getCalendarYear(year, unitId ?? undefined), [year, unitId]);
  const { message } = App.useApp();
  // The hours card shows the province of the unit picked, else the first province the officer sees.
  const hoursUnitId = unitId ?? units.data?.find((u) => u.kind === 'province' && !u.validTo)?.id ?? null;

  const days: DayRow[] = [
    ...(view.data?.daysOff ?? []).map((d) => ({ date: d.date, name: getLang() === 'en' ? d.nameEn : d.nameVi, kind: 'off' as const })),
    ...(view.data?.makeUpDays ?? []).map((d) => ({ date: d.date, name: d.name, kind: 'makeup' as const })),
  ].sort((a, b) => a.date.localeCompare(b.date));

  const handleDelete = async (a: Adjustment) => {
    setError(null);
    try {
      await deleteAdjustment(a.id);
      message.success(t('cal.deleted'));
      view.reload();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <>
      <PageTitle
        title={t('cal.title')}
        extra={
          canManage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t('cal.add')}
            </Button>
          ) : null
        }
      />
      <Flex gap={16} wrap align="center" style={{ marginBottom: 16 }}>
        <label className="inline-field">
          <span>{t('cal.year')}</span>
          <Select value={year} onChange={setYear} style={{ width: 110 }} options={Array.from({ length: 7 }, (_v, i) => thisYear - 2 + i).map((y) => ({ value: y, label: String(y) }))} />
        </label>
        <label className="inline-field">
          <span>{t('cal.unit')}</span>
          <span style={{ minWidth: 280, display: 'inline-block' }}>
            <UnitSelect units={units.data ?? []} loading={units.loading} value={unitId} onChange={(v) => setUnitId(typeof v === 'string' ? v : null)} allowClear placeholder={t('cal.allUnits')} />
          </span>
        </label>
      </Flex>
      <ErrorAlert error={error ?? view.error} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Flex gap={32} wrap style={{ marginBottom: 16 }}>
            <Statistic title={t('cal.workingDays')} value={view.data?.workingDays ?? '—'} loading={view.loading} />
            <Statistic title={t('cal.daysOff')} value={view.data?.daysOff.length ?? '—'} loading={view.loading} />
            <Statistic title={t('cal.makeUpDays')} value={view.data?.makeUpDays.length ?? '—'} loading={view.loading} />
          </Flex>
          <h2 className="section-title">{t('cal.daysTitle', { year })}</h2>
          <Table<DayRow>
            size="small"
            rowKey={(d) => `${d.kind}-${d.date}`}
            loading={view.loading}
            dataSource={days}
            pagination={false}
            columns={[
              { title: t('cal.day'), width: 120, render: (_v, d) => formatDate(d.date) },
              { title: t('cal.weekday'), width: 120, render: (_v, d) => weekdayOf(d.date) },
              { title: t('cal.name'), dataIndex: 'name' },
              { title: '', width: 150, render: (_v, d) => (d.kind === 'off' ? <Tag color="red">{t('cal.tagOff')}</Tag> : <Tag color="blue">{t('cal.tagMakeUp')}</Tag>) },
            ]}
          />
          <h2 className="section-title" style={{ marginTop: 24 }}>
            {t('cal.adjustmentsTitle')}
          </h2>
          <Table<Adjustment>
            size="small"
            rowKey="id"
            loading={view.loading}
            dataSource={view.data?.adjustments ?? []}
            pagination={false}
            locale={{ emptyText: t('cal.noAdjustments') }}
            // Fits its column at 1366 px (724 px); on a narrower screen it scrolls with the delete button pinned at the right.
            scroll={{ x: 700 }}
            columns={[
              { title: t('cal.day'), width: 105, render: (_v, a) => formatDate(a.day) },
              { title: t('cal.kind'), width: 140, render: (_v, a) => t(`adj.${a.kind}`) },
              { title: t('cal.name'), dataIndex: 'name' },
              { title: t('cal.unit'), width: 150, render: (_v, a) => a.unitName ?? t('cal.allUnits') },
              { title: t('cal.sessions'), width: 110, render: (_v, a) => (a.sessions ?? []).map((s) => `${s.start}–${s.end}`).join(', ') },
              ...(canManage
                ? [
                    {
                      title: '',
                      width: 52,
                      fixed: 'right' as const,
                      render: (_v: unknown, a: Adjustment) => (
                        <Popconfirm title={t('cal.deleteConfirm')} okText={t('common.delete')} cancelText={t('common.cancel')} onConfirm={() => handleDelete(a)}>
                          <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                        </Popconfirm>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </Col>
        <Col xs={24} xl={8}>
          {hoursUnitId ? <WorkingHoursCard unitId={hoursUnitId} canManage={canManage} /> : null}
          <DueCalculator unitId={unitId ?? undefined} />
        </Col>
      </Row>
      <AdjustmentModal
        open={adding}
        units={units.data ?? []}
        year={year}
        onClose={() => setAdding(false)}
        onSaved={() => {
          setAdding(false);
          view.reload();
        }}
      />
    </>
  );
}
