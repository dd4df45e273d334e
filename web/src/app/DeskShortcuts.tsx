import { lazy, Suspense, useEffect, useState } from 'react';
import { Button, Modal, Spin } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import { t } from '../lib/i18n.js';
import { navigate, useLocation } from '../lib/router.js';
import { paths } from './paths.js';
import type { Shortcut } from './ShortcutsTable.js';

const ShortcutsTable = lazy(() => import('./ShortcutsTable.js').then((m) => ({ default: m.ShortcutsTable })));

/** True when a key press belongs to what the officer is typing (a field, an editor, an open list). */
function typing(e: KeyboardEvent): boolean {
  const el = e.target as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName) || el.getAttribute('role') === 'combobox';
}

/** Clicks the page's control for a shortcut (data-shortcut), when the page offers it. */
const press = (name: string) => () => (document.querySelector<HTMLElement>(`[data-shortcut="${name}"]`) ?? null)?.click();

/**
 * Keyboard shortcuts for the desk's common actions, shown on "?" (and by the header's button). Single keys, ignored
 * while typing; a page offers an action by marking its control with data-shortcut, so nothing is wired twice.
 */
export function DeskShortcuts({ permissions }: { permissions: readonly string[] }) {
  const [open, setOpen] = useState(false);
  const { pathname } = useLocation();
  const canReceive = permissions.includes('dossiers.receive');
  const canRead = permissions.includes('dossiers.read');

  const focusSearch = () => {
    const box = document.getElementById('dossier-search');
    if (box) return box.focus();
    navigate(`${paths.dossiers}?queue=all`);
    // The queue page mounts on the next frames: what is typed (or scanned: a code then Enter, a few ms a key) until its
    // box is there is kept and handed to it, never lost.
    const typed = { text: '', submit: false };
    const keep = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || typing(e)) return;
      if (e.key === 'Enter') typed.submit = true;
      else if (e.key === 'Backspace') typed.text = typed.text.slice(0, -1);
      else if (e.key.length === 1 && !typed.submit) typed.text += e.key;
      else return;
      e.preventDefault();
      e.stopImmediatePropagation();
    };
    window.addEventListener('keydown', keep, true);
    const started = Date.now();
    const handOver = () => {
      const mounted = document.getElementById('dossier-search');
      if (!mounted && Date.now() - started < 10_000) return void requestAnimationFrame(handOver);
      window.removeEventListener('keydown', keep, true);
      mounted?.focus();
      if (typed.text || typed.submit) navigate(`${paths.dossiers}?${new URLSearchParams({ queue: 'all', q: typed.text, ...(typed.submit ? { go: '1' } : {}) })}`, { replace: true });
    };
    requestAnimationFrame(handOver);
  };
  const shortcuts: Shortcut[] = [
    ...(canRead ? [{ key: '/', label: t('desk.keySearch'), run: focusSearch }] : []),
    ...(canReceive ? [{ key: 'n', label: t('desk.keyIntake'), run: () => navigate(paths.intake) }] : []),
    ...(canRead ? [{ key: 'h', label: t('desk.keyQueue'), run: () => navigate(paths.dossiers) }] : []),
    ...(canReceive ? [{ key: 'g', label: t('desk.keyCall'), run: press('call-next') }] : []),
    ...(canRead ? [{ key: 'p', label: t('desk.keyPrint'), run: press('print-declaration') }] : []),
    { key: '?', label: t('desk.keyHelp'), run: () => setOpen((v) => !v) },
  ];

  useEffect(() => {
    const handleKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented || typing(e)) return;
      const s = shortcuts.find((x) => x.key === e.key.toLowerCase() || x.key === e.key);
      if (!s) return;
      e.preventDefault();
      s.run();
    };
    window.addEventListener('keydown', handleKey);
    return () => window.removeEventListener('keydown', handleKey);
  }, [pathname, canRead, canReceive]);

  return (
    <>
      <Button type="text" icon={<QuestionCircleOutlined />} onClick={() => setOpen(true)} aria-label={t('desk.shortcutsTitle')} title={t('desk.shortcutsHint')} aria-keyshortcuts="?" />
      <Modal open={open} title={t('desk.shortcutsTitle')} onCancel={() => setOpen(false)} footer={null}>
        <Suspense fallback={<Spin aria-label={t('common.loading')} />}>
          <ShortcutsTable shortcuts={shortcuts} />
        </Suspense>
      </Modal>
    </>
  );
}
