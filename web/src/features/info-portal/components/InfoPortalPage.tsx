import { Button, Empty, Space, Spin, Tabs, TreeSelect } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { PageTitle } from '../../../components/PageTitle.js';
import { t } from '../../../lib/i18n.js';
import { navigate, useLocation } from '../../../lib/router.js';
import { isClosed, useUnits, type Unit } from '../../../lib/units.js';
import { useAsync } from '../../../lib/use-async.js';
import { listMySites } from '../api/portal.js';
import { ArticlesPanel } from './ArticlesPanel.js';
import { CommentsPanel } from './CommentsPanel.js';
import { MembersPanel } from './MembersPanel.js';
import { OutagesPanel } from './OutagesPanel.js';
import { SiteSettingsPanel } from './SiteSettingsPanel.js';
import { foldTreeSearch } from '../../../lib/fold-search.js';

type SiteNode = { value: string; title: string; children?: SiteNode[] };

/**
 * The site picker's tree: every open unit the officer manages (the units of their admin grants and all units below them:
 * province, departments, communes — the server allows units.manage over the subtree), each labelled with its site's
 * title or "create", then the sites the officer only writes for or reviews elsewhere.
 */
export function siteTree(units: readonly Unit[], managedRoots: readonly string[], sites: readonly { unitId: string; title: string }[], createLabel: string): SiteNode[] {
  const open = units.filter((u) => !isClosed(u));
  const children = new Map<string, Unit[]>();
  for (const u of open) if (u.parentId) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u]);
  const siteOf = new Map(sites.map((x) => [x.unitId, x.title]));
  const seen = new Set<string>();
  const node = (u: Unit): SiteNode => {
    seen.add(u.id);
    const kids = (children.get(u.id) ?? []).sort((a, b) => a.name.localeCompare(b.name, 'vi')).map(node);
    const title = siteOf.get(u.id) ?? `${u.name} — ${createLabel}`;
    return kids.length > 0 ? { value: u.id, title, children: kids } : { value: u.id, title };
  };
  const roots = managedRoots.map((id) => open.find((u) => u.id === id)).filter((u): u is Unit => !!u && !seen.has(u.id)).map(node);
  const others = sites.filter((x) => !seen.has(x.unitId)).map((x) => ({ value: x.unitId, title: x.title }));
  return [...roots, ...others];
}

/** Every unit id in the managed tree (the grant units and all units below them). */
function collectIds(nodes: readonly SiteNode[], into = new Set<string>()): Set<string> {
  for (const n of nodes) {
    into.add(n.value);
    if (n.children) collectIds(n.children, into);
  }
  return into;
}

type Props = {
  path: string;
  articlePath: (id: string) => string;
  newArticlePath: (unitId: string) => string;
  /** The units of the officer's admin grants: they manage these and every unit below (may create a site for each). */
  managedUnits: { unitId: string; unitName: string }[];
};

/**
 * Trang thông tin điện tử: the sites the officer writes for, reviews or manages (NĐ 224/2026 Điều 9–13). The site and the
 * tab are kept in the URL.
 */
export function InfoPortalPage({ path, articlePath, newArticlePath, managedUnits }: Props) {
  const { search } = useLocation();
  const sites = useAsync(listMySites, []);
  const units = useUnits();
  const list = sites.data ?? [];
  const unitId = search.get('site') ?? list[0]?.unitId ?? managedUnits[0]?.unitId;
  const site = list.find((s) => s.unitId === unitId);
  const tab = search.get('tab') ?? (site && site.myRoles.length > 0 ? 'bai-viet' : 'cau-hinh');
  const go = (next: { site?: string; tab?: string }) => navigate(`${path}?site=${next.site ?? unitId ?? ''}&tab=${next.tab ?? tab}`, { replace: true });
  if (sites.loading && !sites.data) return <Spin aria-label={t('common.loading')} />;
  const roles = site?.myRoles ?? [];
  // Until the unit tree arrives (or if it cannot be read), the officer's own sites and grant units still show.
  const options: SiteNode[] = units.data
    ? siteTree(units.data, managedUnits.map((u) => u.unitId), list, t('portal.s.create'))
    : [
        ...list.map((s) => ({ value: s.unitId, title: s.title })),
        ...managedUnits.filter((u) => !list.some((s) => s.unitId === u.unitId)).map((u) => ({ value: u.unitId, title: `${u.unitName} — ${t('portal.s.create')}` })),
      ];
  const manageable = units.data ? collectIds(siteTree(units.data, managedUnits.map((u) => u.unitId), [], '')) : new Set(managedUnits.map((u) => u.unitId));
  const items = [
    ...(roles.length > 0 ? [{ key: 'bai-viet', label: t('portal.tab.articles'), children: unitId ? <ArticlesPanel unitId={unitId} articlePath={articlePath} newPath={newArticlePath(unitId)} /> : null }] : []),
    ...(roles.includes('reviewer') ? [{ key: 'binh-luan', label: t('portal.tab.comments'), children: unitId ? <CommentsPanel unitId={unitId} /> : null }] : []),
    ...(roles.includes('reviewer') ? [{ key: 'tam-ngung', label: t('portal.tab.outages'), children: unitId ? <OutagesPanel unitId={unitId} /> : null }] : []),
    ...((site?.canManage ?? (unitId !== undefined && manageable.has(unitId)))
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
              <TreeSelect
                aria-label={t('portal.site')}
                style={{ minWidth: 360 }}
                popupMatchSelectWidth={false}
                value={unitId}
                treeData={options}
                treeDefaultExpandedKeys={managedUnits.map((u) => u.unitId)}
                showSearch={foldTreeSearch()}
                onChange={(v: string) => go({ site: v, tab: 'bai-viet' })}
              />
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
