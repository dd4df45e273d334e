import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ConsoleApp } from './app/ConsoleApp.js';
import { loadLanguage } from './lib/i18n.js';
import './app/console.css';

const render = () =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <ConsoleApp />
    </StrictMode>,
  );
// Vietnamese is in the first load; English comes first when chosen (a failed fetch shows Vietnamese rather than nothing).
loadLanguage().then(render, render);
