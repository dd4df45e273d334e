import { StrictMode, startTransition } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { PortalApp } from './app/PortalApp.js';
import './styles.css';

const root = document.getElementById('root')!;
const app = (
  <StrictMode>
    <PortalApp />
  </StrictMode>
);

// A transition renders in slices that yield to the browser every few milliseconds: on a slow phone the first render is
// no single long task holding taps and scrolls (Total Blocking Time; issue 12).
startTransition(() => {
  // The home and procedure pages come with their first screen rendered by the server (server/src/web/first-screen.ts,
  // with its answers in #first-data): React adopts that HTML instead of building it again, so the page the phone has
  // already painted stays as it is (no second paint of the same content, no DOM rebuilt in one long task). Other
  // addresses come with the shell's placeholders, which React replaces.
  if (document.getElementById('first-data')) hydrateRoot(root, app);
  else createRoot(root).render(app);
});
