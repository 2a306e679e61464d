import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from '@/app/app';
import { registerServiceWorker } from '@/lib/service-worker';
import '@/styles/global.css';

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element.');

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// Once the page has loaded and gone idle: installing the worker fetches its offline page and icons, which should not
// compete with the first render of a plan.
window.addEventListener('load', () => {
  const register = () => void registerServiceWorker();
  // Safari has no requestIdleCallback.
  if ('requestIdleCallback' in window) window.requestIdleCallback(register, { timeout: 2_000 });
  else setTimeout(register, 500);
});
