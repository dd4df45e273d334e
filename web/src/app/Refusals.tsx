import { Result } from 'antd';
import { t } from '../lib/i18n.js';

/** "Not allowed" and "not found" screens: their own chunk, since antd's Result carries its illustrations (SVG). */
export function Forbidden() {
  return <Result status="403" title={t('common.forbiddenTitle')} subTitle={t('common.forbidden')} />;
}

export function NotFound() {
  return <Result status="404" title="404" subTitle={t('common.notFound')} />;
}
