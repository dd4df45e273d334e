import { Tabs } from 'antd';
import { PageTitle } from '../../../components/PageTitle.js';
import { t } from '../../../lib/i18n.js';
import { navigate, useLocation } from '../../../lib/router.js';
import { KiosksPanel } from './KiosksPanel.js';
import type { Desk } from './PairKioskModal.js';
import { SummaryPanel } from './SummaryPanel.js';
import { MyRatingsPanel } from './MyRatingsPanel.js';

type Props = {
  /** Where the page lives (the tab is kept in its query string). */
  path: string;
  /** Units where the officer reads dossiers (the summary's scope). */
  scopeUnitIds: string[];
  /** The desks where the officer receives dossiers: they may pair rating tablets there. */
  desks: Desk[];
  /** The dossier page, linked from each rating about the officer. */
  dossierPath: (id: string) => string;
};

const KIOSK_TAB = 'thiet-bi';
const MINE_TAB = 've-toi';

/**
 * Đánh giá hài lòng: the summary of citizens' ratings per unit and period (Thông tư 01/2018/TT-VPCP Điều 15) and, for
 * desk officers, the rating tablets of their desks.
 */
export function SatisfactionPage({ path, scopeUnitIds, desks, dossierPath }: Props) {
  const { search } = useLocation();
  const asked = search.get('tab');
  // A desk officer's own ratings ("Đánh giá về tôi") and the tablets are tabs of the desk; the summary is everyone's.
  const tab = desks.length > 0 && (asked === KIOSK_TAB || asked === MINE_TAB) ? asked : 'tong-hop';
  const items = [
    { key: 'tong-hop', label: t('sat.summaryTab'), children: <SummaryPanel scopeUnitIds={scopeUnitIds} /> },
    ...(desks.length > 0
      ? [
          { key: MINE_TAB, label: t('mine.tab'), children: <MyRatingsPanel dossierPath={dossierPath} /> },
          { key: KIOSK_TAB, label: t('sat.kiosksTab'), children: <KiosksPanel desks={desks} /> },
        ]
      : []),
  ];
  return (
    <>
      <PageTitle title={t('sat.title')} />
      <Tabs activeKey={tab} items={items} onChange={(key) => navigate(key === 'tong-hop' ? path : `${path}?tab=${key}`, { replace: true })} />
    </>
  );
}
