import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './shell/App';
import type { WebFeature } from './shell/feature';
import { initI18n } from './shell/i18n';

// Every feature folder brings its own pages and strings.
const modules = import.meta.glob<{ feature: WebFeature }>('./features/*/feature.tsx', { eager: true });
const features = Object.values(modules).map((m) => m.feature);
initI18n(features);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App features={features} />
  </StrictMode>,
);
