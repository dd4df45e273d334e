import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent, type ReactNode } from 'react';

/** A tiny History-API router for the portal's two pages. */
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

const snapshot = () => location.pathname + location.search;

export function navigate(to: string, options: { replace?: boolean; keepScroll?: boolean } = {}): void {
  if (to !== snapshot()) {
    if (options.replace) history.replaceState(null, '', to);
    else history.pushState(null, '', to);
  }
  for (const l of listeners) l();
  if (!options.keepScroll) window.scrollTo(0, 0);
}

/** The server renders the first screen of this address (server/src/web/first-screen.ts), one synchronous render at a time. */
let serverLocation = '/';
export function renderingAt<R>(url: string, render: () => R): R {
  const before = serverLocation;
  serverLocation = url;
  try {
    return render();
  } finally {
    serverLocation = before;
  }
}

/**
 * The address React renders while it hydrates the server's HTML (main.tsx): in the browser the page's own address, which
 * is the one the server rendered, so the first render matches the HTML; on the server, the address being rendered.
 */
const hydrationSnapshot = () => (typeof window === 'undefined' ? serverLocation : snapshot());

export function useLocation(): { pathname: string; search: string } {
  const loc = useSyncExternalStore(subscribe, snapshot, hydrationSnapshot);
  const i = loc.indexOf('?');
  return i < 0 ? { pathname: loc, search: '' } : { pathname: loc.slice(0, i), search: loc.slice(i) };
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { to: string; children: ReactNode };

export function Link({ to, children, onClick, ...rest }: LinkProps) {
  const handleClick = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} onClick={handleClick} {...rest}>
      {children}
    </a>
  );
}
