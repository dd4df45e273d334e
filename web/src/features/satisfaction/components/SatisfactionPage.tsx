import { Tabs } from 'antd';
import { PageTitle } from '../../../components/PageTitle.js';
import { t } from '../../../lib/i18n.js';
import { navigate, useLocation } from '../../../lib/router.js';
import { KiosksPanel } from './KiosksPanel.js';
import type { Desk } from './PairKioskModal.js';
import { SummaryPanel } from './SummaryPanel.js';

type Props = {
  /** Where the page lives (the tab is kept in its query string). */
  path: string;
  /** Units where the officer reads dossiers (the summary's scope). */
  scopeUnitIds: string[];
  /** The desks where the officer receives dossiers: they may pair rating tablets there. */
  desks: Desk[];
};

const KIOSK_TAB = 'thiet-bi';

/**
 * Đánh giá hài lòng: the summary of citizens' ratings per unit and period (Thông tư 01/2018/TT-VPCP Điều 15) and, for
 * desk officers, the rating tablets of their desks.
 */
export function SatisfactionPage({ path, scopeUnitIds, desks }: Props) {
  const { search } = useLocation();
  const tab = desks.length > 0 && search.get('tab') === KIOSK_TAB ? KIOSK_TAB : 'tong-hop';
  const items = [
    { key: 'tong-hop', label: t('sat.summaryTab'), children: <SummaryPanel scopeUnitIds={scopeUnitIds} /> },
    ...(desks.length > 0 ? [{ key: KIOSK_TAB, label: t('sat.kiosksTab'), children: <KiosksPanel desks={desks} /> }] : []),
  ];
  return (
    <>
      <PageTitle title={t('sat.title')} />
      <Tabs activeKey={tab} items={items} onChange={(key) => navigate(key === KIOSK_TAB ? `${path}?tab=${KIOSK_TAB}` : path, { replace: true })} />
    </>
  );
}
