import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { PortalApp } from './app/PortalApp.js';
import './styles.css';

// A transition renders in slices that yield to the browser every few milliseconds: on a slow phone the first render is
// no single long task holding taps and scrolls (Total Blocking Time; issue 12).
startTransition(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <PortalApp />
    </StrictMode>,
  );
});
