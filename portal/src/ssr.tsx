import { StrictMode } from 'react';
import { renderToString } from 'react-dom/server';
import { PortalApp } from './app/PortalApp.js';
import { withFirstData } from './lib/first-data.js';
import { renderingAt } from './lib/router.js';

/**
 * The first screen of a portal address as HTML, with the API answers it shows (the same ones the page then finds in
 * `#first-data`): the phone paints the content with the HTML, before any script runs (issue 12, LCP). The browser's
 * application then renders the same screen from the same answers and takes over (main.tsx).
 */
export function renderFirstScreen(url: string, data: Record<string, unknown>): string {
  return renderingAt(url, () =>
    withFirstData(data, () =>
      renderToString(
        <StrictMode>
          <PortalApp />
        </StrictMode>,
      ),
    ),
  );
}
