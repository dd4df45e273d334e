import { matchPath } from '../../../lib/router.js';
import { ArticleEditorPage } from './ArticleEditorPage.js';
import { InfoPortalPage } from './InfoPortalPage.js';

/** The portal screens under one lazily loaded chunk: the site page, a new article, an article. */
export function InfoPortalScreen({ path, base, managedUnits }: { path: string; base: string; managedUnits: { unitId: string; unitName: string }[] }) {
  const articleId = matchPath(`${base}/bai-viet/:id`, path)?.id;
  if (articleId) return <ArticleEditorPage key={articleId} id={articleId} listPath={base} />;
  const newUnit = matchPath(`${base}/viet-bai/:unitId`, path)?.unitId;
  if (newUnit) return <ArticleEditorPage key={`new-${newUnit}`} unitId={newUnit} listPath={base} />;
  return <InfoPortalPage path={base} articlePath={(id) => `${base}/bai-viet/${id}`} newArticlePath={(u) => `${base}/viet-bai/${u}`} managedUnits={managedUnits} />;
}
