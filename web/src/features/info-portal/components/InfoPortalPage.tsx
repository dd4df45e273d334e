import { Button, Empty, Select, Space, Spin, Tabs } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { PageTitle } from '../../../components/PageTitle.js';
import { t } from '../../../lib/i18n.js';
import { navigate, useLocation } from '../../../lib/router.js';
import { useAsync } from '../../../lib/use-async.js';
import { listMySites } from '../api/portal.js';
import { ArticlesPanel } from './ArticlesPanel.js';
import { CommentsPanel } from './CommentsPanel.js';
import { MembersPanel } from './MembersPanel.js';
import { OutagesPanel } from './OutagesPanel.js';
import { SiteSettingsPanel } from './SiteSettingsPanel.js';

type Props = {
  path: string;
  articlePath: (id: string) => string;
  newArticlePath: (unitId: string) => string;
  /** Units the officer manages (may create a site for): admins of a unit. */
  managedUnits: { unitId: string; unitName: string }[];
};

/**
 * Trang thông tin điện tử: the sites the officer writes for, reviews or manages (NĐ 224/2026 Điều 9–13). The site and the
 * tab are kept in the URL.
 */
export function InfoPortalPage({ path, articlePath, newArticlePath, managedUnits }: Props) {
  const { search } = useLocation();
  const sites = useAsync(listMySites, []);
  const list = sites.data ?? [];
  const unitId = search.get('site') ?? list[0]?.unitId ?? managedUnits[0]?.unitId;
  const site = list.find((s) => s.unitId === unitId);
  const tab = search.get('tab') ?? (site && site.myRoles.length > 0 ? 'bai-viet' : 'cau-hinh');
  const go = (next: { site?: string; tab?: string }) => navigate(`${path}?site=${next.site ?? unitId ?? ''}&tab=${next.tab ?? tab}`, { replace: true });
  if (sites.loading && !sites.data) return <Spin aria-label={t('common.loading')} />;
  const roles = site?.myRoles ?? [];
  const options = [
    ...list.map((s) => ({ value: s.unitId, label: s.title })),
    ...managedUnits.filter((u) => !list.some((s) => s.unitId === u.unitId)).map((u) => ({ value: u.unitId, label: `${u.unitName} — ${t('portal.s.create')}` })),
  ];
  const items = [
    ...(roles.length > 0 ? [{ key: 'bai-viet', label: t('portal.tab.articles'), children: unitId ? <ArticlesPanel unitId={unitId} articlePath={articlePath} newPath={newArticlePath(unitId)} /> : null }] : []),
    ...(roles.includes('reviewer') ? [{ key: 'binh-luan', label: t('portal.tab.comments'), children: unitId ? <CommentsPanel unitId={unitId} /> : null }] : []),
    ...(roles.includes('reviewer') ? [{ key: 'tam-ngung', label: t('portal.tab.outages'), children: unitId ? <OutagesPanel unitId={unitId} /> : null }] : []),
    ...((site?.canManage ?? managedUnits.some((u) => u.unitId === unitId))
      ? [
          { key: 'cau-hinh', label: t('portal.tab.settings'), children: unitId ? <SiteSettingsPanel key={unitId} unitId={unitId} exists={!!site} onSaved={sites.reload} /> : null },
          ...(site ? [{ key: 'thanh-vien', label: t('portal.tab.members'), children: <MembersPanel unitId={site.unitId} /> }] : []),
        ]
      : []),
  ];
  return (
    <>
      <PageTitle
        title={t('portal.title')}
        extra={
          <Space wrap>
            {options.length > 0 ? (
              <Select aria-label={t('portal.site')} style={{ minWidth: 280 }} value={unitId} options={options} onChange={(v: string) => go({ site: v, tab: 'bai-viet' })} />
            ) : null}
            {site ? (
              <Button href={site.url} target="_blank">
                {t('portal.view')}
              </Button>
            ) : null}
          </Space>
        }
      />
      <ErrorAlert error={sites.error} />
      {options.length === 0 ? <Empty description={t('portal.noSite')} /> : <Tabs activeKey={items.some((i) => i.key === tab) ? tab : items[0]?.key} items={items} onChange={(k) => go({ tab: k })} />}
    </>
  );
}
