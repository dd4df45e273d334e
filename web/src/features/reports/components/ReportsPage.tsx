import { Tabs } from 'antd';
import { PageTitle } from '../../../components/PageTitle.js';
import { t } from '../../../lib/i18n.js';
import { DailyTab } from './DailyTab.js';
import { DashboardTab } from './DashboardTab.js';
import { PeriodTab } from './PeriodTab.js';
import { TargetsTab } from './TargetsTab.js';

type Props = { unitId: string; unitName: string; canManage: boolean };

/** Reports and indicators (báo cáo): dashboard with drill-down, daily quick reports, Biểu 06, targets and ranking. */
export function ReportsPage({ unitId, unitName, canManage }: Props) {
  return (
    <>
      <PageTitle title={t('reports.title')} />
      <Tabs
        destroyOnHidden
        items={[
          { key: 'dashboard', label: t('reports.tab.dashboard'), children: <DashboardTab rootUnitId={unitId} /> },
          { key: 'daily', label: t('reports.tab.daily'), children: <DailyTab unitId={unitId} unitName={unitName} canManage={canManage} /> },
          { key: 'period', label: t('reports.tab.period'), children: <PeriodTab unitId={unitId} /> },
          { key: 'targets', label: t('reports.tab.targets'), children: <TargetsTab unitId={unitId} canManage={canManage} /> },
        ]}
      />
    </>
  );
}
